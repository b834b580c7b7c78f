#!/usr/bin/env bash
# Adopting kbcheck on a knowledge base that already has contradictions:
# baseline create / --baseline, --changed-since on a real git repository
# (and in a shallow clone), --max-findings, and the run's surroundings
# (--jobs, --verbose, --quiet, the progress bar on a terminal).
set -uo pipefail
kbcheck=$(realpath "$1")
# Under ASan/UBSan a sanitizer error must not pass for exit 1 (findings).
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}exitcode=86"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}exitcode=86"
root=${KB_SOURCE_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
export KBCHECK_RULES="$root/rules" NO_COLOR=1
# A git that ignores the user's and the machine's configuration.
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null GIT_AUTHOR_NAME=t \
  GIT_AUTHOR_EMAIL=t@example.com GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.com
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
check() { # name, condition
  if eval "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL $1"; fi
}
kb() { (cd "$tmp/repo" && "$kbcheck" "$@"); }

# A repository with two existing findings (golden kb-formats) and a page
# that agrees with the others.
mkdir -p "$tmp/repo"
cp -r "$root/tests/golden/kb-formats" "$tmp/repo/kb"
printf '# Help\n\n## Can I cancel my order?\n\nOrders can be cancelled within one day.\n' \
  > "$tmp/repo/kb/en/help.md"
git -C "$tmp/repo" init -q && git -C "$tmp/repo" add -A && git -C "$tmp/repo" commit -qm kb
kb check -q kb > /dev/null
check "the KB has findings to start with" '[ $? -eq 1 ]'
existing=$(kb check --format json kb 2>/dev/null | grep -c '"fingerprint"')
check "two existing findings" '[ "$existing" -eq 2 ]'

# Baseline: created, then every existing finding passes.
kb baseline create -q kb -o .kbcheck/baseline.json
check "baseline create exits 0 with findings" '[ $? -eq 0 ]'
check "the baseline is the JSON report (its folder made)" 'grep -q "\"schema\": 1" "$tmp/repo/.kbcheck/baseline.json"'
kb baseline create kb > /dev/null 2>"$tmp/err"
check "baseline create needs -o" '[ $? -eq 2 ] && grep -q -- "-o FILE" "$tmp/err"'
kb check -q --baseline .kbcheck/baseline.json kb > "$tmp/out"
check "only existing findings: exit 0" '[ $? -eq 0 ]'
check "text marks existing findings" '[ "$(grep -c "(existing):" "$tmp/out")" -eq 2 ]'
kb check -q --baseline missing.json kb > /dev/null 2>"$tmp/err"
check "missing baseline: exit 2, clear message" '[ $? -eq 2 ] && grep -q "missing.json: error: cannot read the baseline" "$tmp/err"'
echo '{"schema": 2, "findings": []}' > "$tmp/repo/future.json"
kb check -q --baseline future.json kb > /dev/null 2>"$tmp/err"
check "baseline of another schema: exit 2" '[ $? -eq 2 ] && grep -q "schema 2" "$tmp/err"'

# Change one file, introducing one new conflict.
sed -i 's/within one day/within 2 hours/' "$tmp/repo/kb/en/help.md"
kb check -q --baseline .kbcheck/baseline.json --format json kb > "$tmp/new.json"
check "baseline: the new conflict fails" '[ $? -eq 1 ]'
check "baseline: one new, two existing" '[ "$(grep -c "\"baseline\": \"new\"" "$tmp/new.json")" -eq 1 ] &&
  [ "$(grep -c "\"baseline\": \"existing\"" "$tmp/new.json")" -eq 2 ]'
kb check -q --baseline .kbcheck/baseline.json --format sarif kb > "$tmp/new.sarif"
check "SARIF baselineState" '[ "$(grep -c "\"baselineState\": \"new\"" "$tmp/new.sarif")" -eq 1 ] &&
  [ "$(grep -c "\"baselineState\": \"unchanged\"" "$tmp/new.sarif")" -eq 2 ]'

# --changed-since: the whole KB is compared, only the changed file's
# conflict fails the run.
kb check -q --changed-since HEAD --format json kb > "$tmp/changed.json"
check "changed-since: the new conflict fails" '[ $? -eq 1 ]'
check "changed-since: every finding still reported" '[ "$(grep -c "\"fingerprint\"" "$tmp/changed.json")" -eq 3 ]'
check "changed-since: exactly one failing" '[ "$(grep -c "\"failing\": true" "$tmp/changed.json")" -eq 1 ]'
check "changed-since: it is the new conflict" 'grep -A30 "\"failing\": true" "$tmp/changed.json" | grep -m1 "\"path\"" | grep -q "kb/en/help.md"'
git -C "$tmp/repo" stash -q
kb check -q --changed-since HEAD kb > /dev/null
check "changed-since: nothing changed, exit 0" '[ $? -eq 0 ]'
git -C "$tmp/repo" stash pop -q
(cd "$tmp" && "$kbcheck" check -q --changed-since HEAD repo/kb > /dev/null)
check "changed-since from outside the repository" '[ $? -eq 1 ]'
kb check -q --changed-since HEAD --fail-on error kb > /dev/null
check "changed-since and --fail-on error: a warning does not fail" '[ $? -eq 0 ]'
git -C "$tmp/repo" commit -qam "help: 2 hours"
kb check -q --changed-since HEAD~1 kb > /dev/null
check "changed-since a committed change" '[ $? -eq 1 ]'
kb check -q --changed-since no-such-rev kb > /dev/null 2>"$tmp/err"
check "changed-since an unknown revision: exit 2" '[ $? -eq 2 ] && grep -q "fetch more history" "$tmp/err"'
kb check -q --changed-since --oops kb > /dev/null 2>"$tmp/err"
check "changed-since refuses an option-like revision" '[ $? -eq 2 ]'
mkdir -p "$tmp/nogit" && cp -r "$root/tests/golden/kb-formats" "$tmp/nogit/kb"
(cd "$tmp/nogit" && GIT_CEILING_DIRECTORIES="$tmp" "$kbcheck" check -q --changed-since HEAD kb) > /dev/null 2>"$tmp/err"
check "changed-since outside git: exit 2" '[ $? -eq 2 ] && grep -q "not in a git repository" "$tmp/err"'

# A pull request shows a failing finding on its diff: with
# --changed-since, SARIF's and GitLab's place for a finding is its
# deviating phrase in a changed file, not another deviating page; the
# SARIF message links only the sources it counts (the majority); a
# finding outside the changed files is baselineState "unchanged".
mkdir -p "$tmp/pr/kb"
for p in a b c; do printf '# Can I cancel my order?\n\nOrders can be cancelled within 24 hours.\n' > "$tmp/pr/kb/$p.md"; done
printf '# Can I cancel my order?\n\nOrders can be cancelled within 12 hours.\n' > "$tmp/pr/kb/d-old.md"
printf '# Can I cancel my order?\n\nOrders can be cancelled within 24 hours.\n' > "$tmp/pr/kb/e-new.md"
printf '# Can I return it?\n\nReturns are accepted within 30 days.\n' > "$tmp/pr/kb/r1.md"
printf '# Can I return it?\n\nReturns are accepted within 30 days.\n' > "$tmp/pr/kb/r2.md"
printf '# Can I return it?\n\nReturns are accepted within 14 days.\n' > "$tmp/pr/kb/r3.md"
git -C "$tmp/pr" init -q && git -C "$tmp/pr" add -A && git -C "$tmp/pr" commit -qm kb
sed -i 's/24 hours/12 hours/' "$tmp/pr/kb/e-new.md"
(cd "$tmp/pr" && "$kbcheck" check -q --changed-since HEAD --format sarif kb) > "$tmp/pr.sarif"
check "PR: the changed page's finding fails" '[ $? -eq 1 ]'
(cd "$tmp/pr" && "$kbcheck" check -q --changed-since HEAD --format gitlab kb) > "$tmp/pr.gitlab"
check "PR: SARIF's place is the changed page, its message no other deviating page, baselineState set" '
  python3 - "$tmp/pr.sarif" <<"PY"
import json, sys
rs = json.load(open(sys.argv[1]))["runs"][0]["results"]
cancel = [r for r in rs if r["ruleId"] == "order.cancel.window"][0]
ret = [r for r in rs if r["ruleId"] == "returns.window.window"][0]
uri = cancel["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
msg = cancel["message"]["text"]
assert uri.endswith("kb/e-new.md"), uri
assert "d-old.md" not in msg and "a.md" in msg, msg
assert any(l["physicalLocation"]["artifactLocation"]["uri"].endswith("kb/d-old.md")
           for l in cancel["relatedLocations"])
assert cancel["baselineState"] == "new" and ret["baselineState"] == "unchanged"
PY'
check "PR: GitLab's place is the changed page" '
  python3 -c "import json,sys; i=[x for x in json.load(open(sys.argv[1])) if x[\"check_name\"]==\"order.cancel.window\"][0]; assert i[\"location\"][\"path\"].endswith(\"kb/e-new.md\"), i" "$tmp/pr.gitlab"'

# A shallow CI checkout: the revision before HEAD is missing.
git clone -q --depth 1 "file://$tmp/repo" "$tmp/shallow"
(cd "$tmp/shallow" && "$kbcheck" check -q --changed-since HEAD~1 kb) > /dev/null 2>"$tmp/err"
check "shallow clone: exit 2" '[ $? -eq 2 ]'
check "shallow clone: says how to fetch history" 'grep -q "a shallow clone; fetch more history: git fetch --deepen=" "$tmp/err" &&
  grep -q "fetch-depth: 0" "$tmp/err"'
git -C "$tmp/shallow" fetch -q --deepen=1
(cd "$tmp/shallow" && "$kbcheck" check -q --changed-since HEAD~1 kb) > /dev/null 2>&1
check "shallow clone deepened: works" '[ $? -eq 1 ]'

# --max-findings: more than N failing findings fail the run.
kb check -q --max-findings 3 kb > /dev/null
check "--max-findings 3 with 3 failing: exit 0" '[ $? -eq 0 ]'
kb check --max-findings 2 kb > /dev/null 2>"$tmp/err"
check "--max-findings 2 with 3 failing: exit 1" '[ $? -eq 1 ] && grep -q "3 failing findings, more than --max-findings 2" "$tmp/err"'
kb check -q --max-findings 0 --baseline .kbcheck/baseline.json kb > /dev/null
check "--max-findings counts only failing findings" '[ $? -eq 1 ]'
kb check -q --max-findings 1 --baseline .kbcheck/baseline.json kb > /dev/null
check "--max-findings 1 with one new: exit 0" '[ $? -eq 0 ]'
for bad in -1 x 1.5 ""; do
  kb check --max-findings "$bad" kb > /dev/null 2>&1
  check "--max-findings '$bad' is a usage error" '[ $? -eq 2 ]'
done

# --jobs is validated; --verbose and --quiet.
kb check -q --jobs 4 kb > /dev/null
check "--jobs 4 accepted" '[ $? -eq 1 ]'
for bad in 0 -2 many 100000; do
  kb check --jobs "$bad" kb > /dev/null 2>"$tmp/err"
  check "--jobs '$bad' is a usage error" '[ $? -eq 2 ] && grep -q -- "--jobs takes" "$tmp/err"'
done
kb check -v kb > /dev/null 2>"$tmp/err"
check "--verbose: timings and counts" 'grep -q "^kbcheck: read 5 files, [0-9]* answers in [0-9.]*s$" "$tmp/err" &&
  grep -q "^kbcheck: extracted [0-9]* claims in" "$tmp/err" && grep -q "^kbcheck: total " "$tmp/err"'
printf '<html><head><title>Notes</title></head><body></body></html>\n' > "$tmp/repo/kb/en/notes.html"
kb check -v kb > /dev/null 2>"$tmp/err"
check "--verbose: files without answers" 'grep -q "^kbcheck: no answer, no-answers: 1 file$" "$tmp/err" &&
  grep -q "^kbcheck:   kb/en/notes.html (html)$" "$tmp/err"'
# Template pages without answers say why; code that is no page is not read.
mkdir -p "$tmp/repo/kb/views" "$tmp/repo/kb/lang"
printf '<html><body>@yield("content")</body></html>\n' > "$tmp/repo/kb/views/app.blade.php"
printf '@extends("app")\n<nav><a href="/">{{ __("Home") }}</a></nav>\n' > "$tmp/repo/kb/views/nav.blade.php"
printf "<?php\nreturn ['cancel' => 'Within 2 hours.'];\n" > "$tmp/repo/kb/lang/faq.php"
sleep 2 # files older than the run: the second run describes them from the cache, unread
for run in fresh cached; do
  kb check -v kb > /dev/null 2>"$tmp/err"
  check "--verbose ($run): a template of code only" 'grep -A1 "^kbcheck: no answer, template-code-only: 1 file$" "$tmp/err" | grep -q "^kbcheck:   kb/views/app.blade.php (blade): template code only: no static text to read$"'
  check "--verbose ($run): a template of page chrome" 'grep -q "^kbcheck:   kb/views/nav.blade.php (blade): no answer text in its static HTML" "$tmp/err"'
  check "--verbose ($run): PHP code is no page" '! grep -q "lang/faq.php" "$tmp/err"'
done
rm -r "$tmp/repo/kb/views" "$tmp/repo/kb/lang"
kb check -q -v kb > /dev/null 2>&1
check "--quiet with --verbose is a usage error" '[ $? -eq 2 ]'
kb check -q kb > /dev/null 2>"$tmp/err"
check "--quiet: no warnings on stderr" '[ ! -s "$tmp/err" ]'

# The progress bar: on a terminal only (one that declares a TERM).
export TERM=xterm
kb check kb > /dev/null 2>"$tmp/err"
check "no progress bar when stderr is not a terminal" '! grep -q "files, .* answers" "$tmp/err"'
if command -v script > /dev/null 2>&1; then
  (cd "$tmp/repo" && script -qec "'$kbcheck' check kb > /dev/null" /dev/null) > "$tmp/tty" 2>&1
  check "progress bar on a terminal" 'grep -q "\[#*-*\] [0-9]*/[0-9]* files" "$tmp/tty"'
  (cd "$tmp/repo" && script -qec "'$kbcheck' check -q kb > /dev/null" /dev/null) > "$tmp/tty" 2>&1
  check "--quiet: no progress bar" '! grep -q " files, " "$tmp/tty"'
  # The bar fits the terminal (window size, else $COLUMNS, else 80) less
  # one column, so it never wraps; each redraw starts at \r.
  widest() { tr '\r' '\n' < "$1" | sed 's/\x1b\[K//' | grep "^kbcheck " | awk '{ if (length($0) > w) w = length($0) } END { print w + 0 }'; }
  for cols in 40 60 80 200; do
    (cd "$tmp/repo" && script -qec "stty cols $cols; '$kbcheck' check kb > /dev/null" /dev/null) > "$tmp/tty" 2>&1
    w=$(widest "$tmp/tty")
    check "progress bar in $cols columns: $w wide" '[ "$w" -ge 20 ] && [ "$w" -lt "$cols" ]'
  done
  (cd "$tmp/repo" && script -qec "stty cols 0; COLUMNS=50 '$kbcheck' check kb > /dev/null" /dev/null) > "$tmp/tty" 2>&1
  w=$(widest "$tmp/tty")
  check "progress bar in COLUMNS=50 (no window size): $w wide" '[ "$w" -ge 20 ] && [ "$w" -lt 50 ]'
  (cd "$tmp/repo" && env -u COLUMNS script -qec "stty cols 0; '$kbcheck' check kb > /dev/null" /dev/null) > "$tmp/tty" 2>&1
  w=$(widest "$tmp/tty")
  check "progress bar with no width known: $w wide, under 80" '[ "$w" -ge 60 ] && [ "$w" -lt 80 ]'
  # TERM=dumb: no escape sequence, plain lines (one per stage).
  (cd "$tmp/repo" && TERM=dumb script -qec "'$kbcheck' check kb > /dev/null" /dev/null) > "$tmp/tty" 2>&1
  check "TERM=dumb: no escape sequence" '! grep -q $'"'"'\x1b'"'"' "$tmp/tty"'
  check "TERM=dumb: plain progress lines" 'grep -q "^kbcheck done  *[0-9]*/[0-9]* files" "$tmp/tty" &&
    ! grep -q "kbcheck reading.*kbcheck" "$tmp/tty"'
fi

# No absolute path in any report: a KB named by its absolute path (a CI
# job's $CI_PROJECT_DIR/kb) is shown relative to the folder kbcheck runs
# in, and so are kbcheck.yml's folder, the policy and the acknowledgements
# (a stale one is reported at its line).
mkdir -p "$tmp/abs"
cp -r "$root/tests/golden/kb-formats" "$tmp/abs/kb"
printf 'max_file_size: 1000000\n' > "$tmp/abs/kb/kbcheck.yml"
mkdir -p "$tmp/abs/kb/.kbcheck"
printf 'kbcheck: acks/1\nacks:\n  - {"fingerprint": "00000000deadbeef", "reason": "fixed", "by": "t", "date": "2026-01-05"}\n' \
  > "$tmp/abs/kb/.kbcheck/acks.yml"
real=$(realpath "$tmp")
for f in text json sarif github gitlab rdjsonl junit junit-gitlab; do
  (cd "$tmp/abs" && "$kbcheck" check --no-cache --format "$f" "$tmp/abs/kb" > "$tmp/abs.$f" 2>&1)
  check "absolute KB path: no absolute path in $f" '! grep -q -e "$tmp" -e "$real" "$tmp/abs.$f"'
  (cd "$tmp/abs" && "$kbcheck" check --no-cache --format "$f" kb > "$tmp/rel.$f" 2>&1)
  check "absolute KB path: $f as with a relative one" 'diff <(grep -v "\"\(uri\|version\|startTimeUtc\|endTimeUtc\)\"" "$tmp/rel.$f") <(grep -v "\"\(uri\|version\|startTimeUtc\|endTimeUtc\)\"" "$tmp/abs.$f") > /dev/null || cmp -s "$tmp/rel.$f" "$tmp/abs.$f"'
done
check "the stale acknowledgement is shown relative" 'grep -q "^::warning file=kb/.kbcheck/acks.yml,line=3" "$tmp/abs.github" &&
  grep -q "\"uri\": \"kb/.kbcheck/acks.yml\"" "$tmp/abs.sarif"'
check "the policy is shown relative" 'grep -q "policy says free (kb/policy.yml:4)" "$tmp/abs.github"'
(cd "$tmp/abs/kb/en" && "$kbcheck" check --no-cache --format gitlab "$tmp/abs/kb" > "$tmp/abs.sub" 2>&1)
check "from a folder inside the KB: relative paths" '! grep -q -e "$tmp" -e "$real" "$tmp/abs.sub" &&
  grep -q "\"path\": \"../vi/don-hang.md\"" "$tmp/abs.sub"'
(cd "$tmp/abs" && "$kbcheck" check --no-cache --config "$tmp/abs/kb/kbcheck.yml" --format sarif "$tmp/abs/kb" > "$tmp/abs.config" 2>&1)
check "--config given absolute: relative paths" '! grep -q -e "$tmp" -e "$real" "$tmp/abs.config" &&
  grep -q "\"uri\": \"kb/.kbcheck/acks.yml\"" "$tmp/abs.config"'

# One KB root (config/root.h) however kbcheck is called: from the
# repository's root, from inside the KB, on a subfolder or on the files a
# pre-commit hook names.  The same fingerprints (so baselines and acks
# match), kb/kbcheck.yml and kb/policy.yml read, the root named by -v.
mkdir -p "$tmp/sub" && git -C "$tmp/sub" init -q
cp -r "$root/tests/golden/kb-formats" "$tmp/sub/kb"
: > "$tmp/sub/kb/kbcheck.yml" # empty: it marks the root, no error
fps() { grep -o '"fingerprint": "[0-9a-f]*"' "$1" | sort -u | tr '\n' ' '; }
ways() { # name: run every way, fingerprints in $tmp/$name.N.json, stderr in .err
  (cd "$tmp/sub" && "$kbcheck" check --no-cache -v --format json kb/ > "$tmp/$1.1.json" 2> "$tmp/$1.1.err")
  (cd "$tmp/sub/kb" && "$kbcheck" check --no-cache -v --format json . > "$tmp/$1.2.json" 2> "$tmp/$1.2.err")
  (cd "$tmp/sub/kb/en" && "$kbcheck" check --no-cache -v --format json .. > "$tmp/$1.3.json" 2> "$tmp/$1.3.err")
  (cd "$tmp/sub" && "$kbcheck" check --no-cache -v --format json "kb/en/faq, 100%.md" kb/vi kb/en \
     > "$tmp/$1.4.json" 2> "$tmp/$1.4.err")
  (cd "$tmp/sub" && "$kbcheck" check --no-cache -v --format json "$tmp/sub/kb/vi" kb/en > "$tmp/$1.5.json" 2> "$tmp/$1.5.err")
}
ways cfg
check "KB root: fingerprints found" '[ -n "$(fps "$tmp/cfg.1.json")" ]'
check "an empty kbcheck.yml is no error" '! grep -q "error" "$tmp/cfg.1.err"'
# Baselines made before the rule keep matching: a KB given as the folder
# holding kbcheck.yml has the fingerprints the golden tests have always had.
check "KB root: the fingerprints of before" '[ "$(fps "$tmp/cfg.1.json")" = "\"fingerprint\": \"101219907648758c\" \"fingerprint\": \"c6f8bf47949e69f4\" " ]'
for n in 2 3 4 5; do
  check "KB root (kbcheck.yml): way $n has the same fingerprints" '[ "$(fps "$tmp/cfg.$n.json")" = "$(fps "$tmp/cfg.1.json")" ]'
  check "KB root (kbcheck.yml): way $n reads kb/policy.yml" 'grep -q "but the policy says free" "$tmp/cfg.$n.json"'
done
check "-v names the KB root and why" 'grep -q "^kbcheck: KB root: kb (kbcheck.yml)$" "$tmp/cfg.1.err" &&
  grep -q "^kbcheck: config: kb/kbcheck.yml$" "$tmp/cfg.1.err" &&
  grep -q "^kbcheck: KB root: . (kbcheck.yml)$" "$tmp/cfg.2.err" &&
  grep -q "^kbcheck: KB root: .. (kbcheck.yml)$" "$tmp/cfg.3.err"'
# No kbcheck.yml and no policy.yml: the git top level is the root.
rm "$tmp/sub/kb/kbcheck.yml" "$tmp/sub/kb/policy.yml"
ways git
for n in 2 3 4 5; do
  check "KB root (git top level): way $n has the same fingerprints" '[ -n "$(fps "$tmp/git.1.json")" ] &&
    [ "$(fps "$tmp/git.$n.json")" = "$(fps "$tmp/git.1.json")" ]'
done
check "-v: the git top level" 'grep -q "^kbcheck: KB root: . (git top level)$" "$tmp/git.1.err" &&
  grep -q "^kbcheck: KB root: .. (git top level)$" "$tmp/git.2.err"'
# A baseline made from the repository's root holds inside the KB.
(cd "$tmp/sub" && "$kbcheck" baseline create -q -o base.json kb)
(cd "$tmp/sub/kb" && "$kbcheck" check -q --baseline ../base.json . > /dev/null)
check "KB root: a baseline made from the root holds inside the KB" '[ $? -eq 0 ]'
# Outside git, with no kbcheck.yml: the folder given (as before).
mkdir -p "$tmp/plain" && cp -r "$root/tests/golden/kb-formats" "$tmp/plain/kb"
(cd "$tmp/plain" && GIT_CEILING_DIRECTORIES="$tmp" "$kbcheck" check --no-cache -v kb/ > /dev/null 2> "$tmp/plain.err")
check "-v: outside git, the folder holding policy.yml" 'grep -q "^kbcheck: KB root: kb (policy.yml)$" "$tmp/plain.err"'
rm "$tmp/plain/kb/policy.yml"
(cd "$tmp/plain" && GIT_CEILING_DIRECTORIES="$tmp" "$kbcheck" check --no-cache -v kb/ > /dev/null 2> "$tmp/plain.err")
check "-v: outside git, the folder given" 'grep -q "^kbcheck: KB root: kb (folder given)$" "$tmp/plain.err"'

# Upgrades keep identities (compare.h: fingerprint recipes).  A KB in a
# git subfolder without kbcheck.yml had its paths relative to the folder
# given (recipe 1); since the KB root rule they are relative to the git top
# level (recipe 2).  Recipe 1's fingerprints are what a run rooted at the
# folder given computes (outside git: GIT_CEILING_DIRECTORIES).  A baseline
# and an acknowledgement holding them still apply after the upgrade.
up="$tmp/upgrade"
mkdir -p "$up/kb"
printf '# Can I cancel my order?\n\nOrders can be cancelled within 24 hours.\n' > "$up/kb/a.md"
printf '# Can I cancel my order?\n\nOrders can be cancelled within 48 hours.\n' > "$up/kb/b.md"
git -C "$up" init -q && git -C "$up" add -A && git -C "$up" commit -qm kb
up() { (cd "$up" && "$kbcheck" "$@"); }
old_fp=$(cd "$up/kb" && GIT_CEILING_DIRECTORIES="$up" "$kbcheck" check --no-cache --format json . 2>/dev/null |
  sed -n 's/^      "fingerprint": "\([0-9a-f]*\)".*/\1/p')
up check --no-cache --format json kb > "$tmp/up.json" 2>/dev/null
new_fp=$(sed -n 's/^      "fingerprint": "\([0-9a-f]*\)".*/\1/p' "$tmp/up.json")
check "upgrade: the recipe changed this KB's fingerprint" '[ -n "$old_fp" ] && [ -n "$new_fp" ] && [ "$old_fp" != "$new_fp" ]'
check "upgrade: the JSON report names its recipe and the previous fingerprint" \
  'grep -q "^  \"fingerprint_recipe\": 2,$" "$tmp/up.json" && grep -q "\"fingerprint_previous\": \"$old_fp\"" "$tmp/up.json"'
printf '{"schema": 1, "findings": [{"fingerprint": "%s"}]}\n' "$old_fp" > "$up/old-baseline.json"
up check --no-cache --baseline old-baseline.json kb > "$tmp/up.out" 2> "$tmp/up.err"
check "upgrade: a recipe-1 baseline still holds the finding (exit 0)" '[ $? -eq 0 ] && grep -q "(existing):" "$tmp/up.out"'
check "upgrade: the run says so and how to upgrade" \
  'grep -q "1 finding of the baseline old-baseline.json matched by the previous fingerprint recipe; upgrade it: kbcheck baseline create --baseline old-baseline.json -o old-baseline.json" "$tmp/up.err"'
up baseline create -q --no-cache --baseline old-baseline.json -o new-baseline.json kb
check "upgrade: baseline create --baseline writes recipe 2" \
  'grep -q "\"fingerprint_recipe\": 2" "$up/new-baseline.json" && grep -q "\"fingerprint\": \"$new_fp\"" "$up/new-baseline.json"'
up check --no-cache --baseline new-baseline.json kb > /dev/null 2> "$tmp/up.err"
check "upgrade: the new baseline holds it, silently" '[ $? -eq 0 ] && ! grep -q "previous fingerprint recipe" "$tmp/up.err"'
# A recipe-2 baseline does not match by recipe 1: its fingerprints are the
# current ones only.
printf '{"schema": 1, "fingerprint_recipe": 2, "findings": [{"fingerprint": "%s"}]}\n' "$old_fp" > "$up/v2.json"
up check -q --no-cache --baseline v2.json kb > /dev/null
check "upgrade: a recipe-2 baseline matches recipe 2 only" '[ $? -eq 1 ]'
echo '{"schema": 1, "fingerprint_recipe": 3, "findings": []}' > "$up/v3.json"
up check -q --no-cache --baseline v3.json kb > /dev/null 2> "$tmp/up.err"
check "upgrade: a later recipe is an error" '[ $? -eq 2 ] && grep -q "fingerprint recipe 3: this kbcheck reads recipes 1 to 2" "$tmp/up.err"'
# A baseline that only shares a few findings keeps only those.
printf '{"schema": 1, "findings": []}\n' > "$up/empty.json"
up baseline create -q --no-cache --baseline empty.json -o none.json kb
check "upgrade: baseline create --baseline accepts no new finding" '! grep -q "\"fingerprint\": " "$up/none.json"'
mkdir -p "$up/.kbcheck"
printf 'kbcheck: acks/1\nacks:\n  - {"fingerprint": "%s", "reason": "known"}\n' "$old_fp" > "$up/.kbcheck/acks.yml"
up check --no-cache kb > "$tmp/up.out" 2> "$tmp/up.err"
check "upgrade: a recipe-1 acknowledgement still applies (exit 0)" \
  '[ $? -eq 0 ] && grep -q "1 acknowledged finding not shown" "$tmp/up.out" && ! grep -q "stale" "$tmp/up.err"'
check "upgrade: the note names the fingerprint to write" \
  'grep -q "acks.yml:3: note: acknowledgement of $old_fp names the finding by the previous fingerprint recipe; write its fingerprint $new_fp instead" "$tmp/up.err" &&
   grep -q "1 acknowledgement matched by the previous fingerprint recipe" "$tmp/up.err"'
up explain "$old_fp" kb > "$tmp/up.out" 2>&1
check "upgrade: explain finds a finding by its recipe-1 fingerprint" '[ $? -eq 0 ] && grep -q "$new_fp" "$tmp/up.out"'
# SARIF: one partial fingerprint per recipe.
up check --no-cache --show-acked --format sarif kb > "$tmp/up.sarif" 2>/dev/null
check "upgrade: SARIF keeps kbcheck/v1 (recipe 1) beside kbcheck/v2" \
  'grep -q "\"kbcheck/v1\": \"$old_fp\"" "$tmp/up.sarif" && grep -q "\"kbcheck/v2\": \"$new_fp\"" "$tmp/up.sarif"'
# A KB given as the folder holding its kbcheck.yml: one fingerprint.
: > "$up/kb/kbcheck.yml"
up check --no-cache --format json kb > "$tmp/up.json" 2>/dev/null
check "upgrade: a KB given at its root has no previous fingerprint" \
  'grep -q "\"fingerprint\": \"$old_fp\"" "$tmp/up.json" && ! grep -q "fingerprint_previous" "$tmp/up.json"'

# .gitignore: what git ignores in the KB's repository is not read (an
# export, a build), unless named or kbcheck.yml says gitignore: false; a
# tracked file is read even when a pattern matches it (git does).
gi="$tmp/gitignore"
mkdir -p "$gi/kb/export" "$gi/kb/en"
printf '# Can I cancel my order?\n\nOrders can be cancelled within 24 hours.\n' > "$gi/kb/en/a.md"
printf '# Can I cancel my order?\n\nOrders can be cancelled within 48 hours.\n' > "$gi/kb/export/old.md"
cp "$gi/kb/export/old.md" "$gi/kb/en/b.bak.md"
printf 'export/\n*.bak.md\n' > "$gi/kb/.gitignore"
git -C "$gi" init -q && git -C "$gi" add -A && git -C "$gi" commit -qm kb
gi_files() { (cd "$gi" && "$kbcheck" check --no-cache --format json "$@" 2>/dev/null) | grep -o '"files": [0-9][0-9]*'; }
check "gitignore: ignored files are not read" '[ "$(gi_files kb)" = "\"files\": 1" ]'
check "gitignore: a folder named on the command line is read" '[ "$(gi_files kb/export)" = "\"files\": 1" ]'
printf 'gitignore: false\n' > "$gi/kb/kbcheck.yml"
check "gitignore: false reads them" '[ "$(gi_files kb)" = "\"files\": 3" ]'
rm "$gi/kb/kbcheck.yml"
git -C "$gi" add -f kb/en/b.bak.md && git -C "$gi" commit -qm tracked
check "gitignore: a tracked file is read" '[ "$(gi_files kb)" = "\"files\": 2" ]'

echo "adopt: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
