#!/usr/bin/env bash
# `kbcheck policy init` and `kbcheck fix`: the draft of the demo KB (golden
# demo-policy.yml) loads and turns its warnings into errors; fix applies
# the suggestions on every format (golden before/after KBs in cases/),
# the fixed KB checks clean; and the refusals: an existing policy, a
# symbolic link, a file changed since the run, a zip member, a changed
# word written with an entity.
set -uo pipefail
kbcheck=$(realpath "$1")
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}exitcode=86"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}exitcode=86"
here=$(cd "$(dirname "$0")" && pwd)
root=${KB_SOURCE_ROOT:-$(cd "$here/../.." && pwd)}
export KBCHECK_RULES="$root/rules" NO_COLOR=1 SOURCE_DATE_EPOCH=1800000000
export GIT_CEILING_DIRECTORIES=$(dirname "$(mktemp -u)")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
check() { # name, condition
  if eval "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL $1"; fi
}
kb() { (cd "$tmp/demo" && "$kbcheck" "$@"); }

# --- policy init on the demo KB --------------------------------------------
cp -r "$root/corpora/demo-shop" "$tmp/demo"
rm -rf "$tmp/demo/.kbcheck"
kb check > "$tmp/before.txt"
check "the demo has warnings before" 'grep -q "0 errors, 5 warnings" "$tmp/before.txt"'
kb policy init 2> "$tmp/err"
check "policy init exits 0" '[ $? -eq 0 ]'
check "policy init says what it drafted" 'grep -q "drafted policy.yml: 15 values (3 where sources disagree), 0 left to decide" "$tmp/err"'
if [ "${KB_UPDATE_GOLDEN:-}" = 1 ]; then cp "$tmp/demo/policy.yml" "$here/demo-policy.yml"; fi
check "the draft is the golden demo-policy.yml" 'diff -u "$here/demo-policy.yml" "$tmp/demo/policy.yml"'
kb check > "$tmp/after.txt" 2> "$tmp/err"
check "with the draft the demo's warnings are errors" 'grep -q "5 findings (5 errors, 0 warnings, 0 notes)" "$tmp/after.txt"'
check "against the majority value" '[ "$(grep -c "but the policy says" "$tmp/after.txt")" -eq 5 ]'
check "the draft loads without a word" '[ ! -s "$tmp/err" ]'
cp "$tmp/demo/policy.yml" "$tmp/policy.first"
echo "# edited" >> "$tmp/demo/policy.yml"
kb policy init 2> "$tmp/err"
check "an existing policy is not replaced" '[ $? -eq 2 ] && grep -q "exists: give --force" "$tmp/err" && tail -1 "$tmp/demo/policy.yml" | grep -q edited'
kb policy init --force 2> /dev/null
check "--force replaces it" '[ $? -eq 0 ] && cmp -s "$tmp/policy.first" "$tmp/demo/policy.yml"'
kb policy init --topic order.cancel -o - > "$tmp/topic.yml" 2> /dev/null
check "--topic limits the draft" 'grep -q "^  order.cancel:" "$tmp/topic.yml" && ! grep -q "refund.time" "$tmp/topic.yml"'
kb policy init --topic no.such -o - > /dev/null 2> "$tmp/err"
check "an unknown --topic is an error" '[ $? -eq 2 ] && grep -q "unknown topic" "$tmp/err"'

# A tie is left for a person to decide, commented out; the draft loads.
mkdir -p "$tmp/tie/help"
printf '## Can I cancel my order?\n\nYou can cancel your order within 12 hours.\n' > "$tmp/tie/help/a.md"
printf '## Can I cancel an order?\n\nOrders can be cancelled within 24 hours.\n' > "$tmp/tie/help/b.md"
(cd "$tmp/tie" && "$kbcheck" policy init) 2> "$tmp/err"
check "a tie: policy init exits 0" '[ $? -eq 0 ] && grep -q "1 value (0 where sources disagree), 1 left to decide" "$tmp/err"'
check "a tie is commented out, both sides listed" 'grep -q "^    # window: ?$" "$tmp/tie/policy.yml" && grep -q "# no majority" "$tmp/tie/policy.yml" && grep -q "help/a.md:3" "$tmp/tie/policy.yml"'
(cd "$tmp/tie" && "$kbcheck" check) > "$tmp/out" 2> "$tmp/err"
check "the tie's draft loads and decides nothing" '[ ! -s "$tmp/err" ] && grep -q "0 errors, 1 warning" "$tmp/out"'
# policy.yml as a symbolic link out of the KB: never written through.
mkdir -p "$tmp/link/help" && cp "$tmp/tie/help/a.md" "$tmp/link/help/"
echo "outside" > "$tmp/outside.yml"
ln -s ../outside.yml "$tmp/link/policy.yml"
touch "$tmp/link/kbcheck.yml"
(cd "$tmp/link" && "$kbcheck" policy init) 2> /dev/null
check "a link at policy.yml: refused" '[ $? -eq 2 ] && [ "$(cat "$tmp/outside.yml")" = outside ]'
(cd "$tmp/link" && "$kbcheck" policy init --force) 2> /dev/null
check "--force replaces the link, not what it leads to" '[ $? -eq 0 ] && [ ! -L "$tmp/link/policy.yml" ] && [ "$(cat "$tmp/outside.yml")" = outside ]'

echo "fix: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
