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

# --- fix on the demo: the issue's "done when" ------------------------------
kb fix > "$tmp/demo.diff" 2> "$tmp/err"
check "the dry run exits 0" '[ $? -eq 0 ]'
check "the dry run changes nothing" 'diff -r -x .kbcheck -x policy.yml "$root/corpora/demo-shop" "$tmp/demo" > /dev/null'
check "the dry run shows 7 statements" 'grep -q "7 statements to fix" "$tmp/err"'
(cd "$tmp/demo" && patch -p1 --dry-run < "$tmp/demo.diff" > /dev/null)
check "the diff applies with patch -p1" '[ $? -eq 0 ]'
kb fix --only policy --write > /dev/null 2> "$tmp/err"
check "fix --write exits 0" '[ $? -eq 0 ] && grep -q "7 statements fixed, 0 not fixed" "$tmp/err"'
kb check > "$tmp/fixed.txt" 2> "$tmp/err"
check "no policy finding is left" '[ $? -eq 0 ] && grep -q "^0 findings" "$tmp/fixed.txt"'
check "every file still reads without error" '[ ! -s "$tmp/err" ]'
if command -v python3 > /dev/null; then
  while IFS= read -r -d '' f; do
    check "$f is still JSON" 'python3 -m json.tool "$f" > /dev/null'
  done < <(find "$tmp/demo" -name '*.json' -print0)
fi
check "AIML is still XML" 'xmllint --noout "$tmp/demo/chatbot/aiml/orders.aiml"'

# --- golden cases: every format, before (kb/) and after (after/) ---------
# expected.diff is the dry run's output; KB_UPDATE_GOLDEN=1 rewrites it
# and after/ (review the diff).
for dir in "$here"/cases/*/; do
  name=$(basename "$dir")
  rm -rf "$tmp/case" && cp -r "$dir/kb" "$tmp/case"
  (cd "$tmp/case" && "$kbcheck" fix) > "$tmp/case.diff" 2> "$tmp/err"
  check "$name: the dry run exits 0" '[ $? -eq 0 ]'
  if [ "${KB_UPDATE_GOLDEN:-}" = 1 ]; then cp "$tmp/case.diff" "$dir/expected.diff"; fi
  check "$name: the diff is expected.diff" 'diff -u "$dir/expected.diff" "$tmp/case.diff"'
  check "$name: the dry run wrote nothing" 'diff -r -x .kbcheck "$dir/kb" "$tmp/case" > /dev/null'
  (cd "$tmp/case" && "$kbcheck" fix --write) > /dev/null 2> "$tmp/err"
  check "$name: fix --write exits 0" '[ $? -eq 0 ]'
  rm -rf "$tmp/case/.kbcheck"
  if [ "${KB_UPDATE_GOLDEN:-}" = 1 ]; then rm -rf "$dir/after" && cp -r "$tmp/case" "$dir/after"; fi
  check "$name: the files are after/, byte for byte" 'diff -r "$dir/after" "$tmp/case"'
  (cd "$tmp/case" && "$kbcheck" check) > "$tmp/out" 2> "$tmp/err"
  check "$name: the fixed KB has no policy finding" '! grep -q "error\[" "$tmp/out"'
  check "$name: and every file reads without error" '[ ! -s "$tmp/err" ]'
  rm -rf "$tmp/case"
done

# --- refusals ------------------------------------------------------------
# A small KB: two pages against the policy.
mk() {
  rm -rf "$tmp/r" && mkdir -p "$tmp/r/help"
  printf 'kbcheck: policy/1\npolicies:\n  order.cancel:\n    window: within 24 hours\n' > "$tmp/r/policy.yml"
  printf '## Can I cancel my order?\n\nYou can cancel your order within 12 hours.\n' > "$tmp/r/help/a.md"
  printf '<h2>Can I cancel my order?</h2><p>You can cancel your order within &#49;2 hours.</p>\n' > "$tmp/r/help/b.html"
}
r() { (cd "$tmp/r" && "$kbcheck" "$@"); }
mk
cp -r "$tmp/r" "$tmp/r.orig"
r fix --write > /dev/null 2> "$tmp/err"
check "a word written with an entity: exit 1" '[ $? -eq 1 ]'
check "it says why, where" 'grep -q "^help/b.html:1:.*not fixed \[order.cancel.window\]: a word to change is written with an escape, an entity or markup" "$tmp/err"'
check "that file is untouched" 'cmp -s "$tmp/r.orig/help/b.html" "$tmp/r/help/b.html"'
check "the other is fixed" 'grep -q "within 24 hours" "$tmp/r/help/a.md"'
rm -rf "$tmp/r.orig"

# The same words three times in one file, one of them deviating: only its
# bytes change (a search for the phrase would be ambiguous; the claim's
# location is not).
mk
rm "$tmp/r/help/b.html"
printf '## How fast do you answer emails?\n\nWe answer every email within 12 hours.\n\n## Can I cancel my order?\n\nYou can cancel your order within 12 hours.\n\n## When is my refund paid?\n\nRefunds are paid within 12 hours.\n' > "$tmp/r/help/a.md"
r fix --write > /dev/null 2> "$tmp/err"
check "the same phrase elsewhere: exit 0" '[ $? -eq 0 ] && grep -q "1 statement fixed" "$tmp/err"'
check "only the deviating one changed" '[ "$(grep -c "within 12 hours" "$tmp/r/help/a.md")" -eq 2 ] && grep -q "cancel your order within 24 hours" "$tmp/r/help/a.md"'

# --fingerprint selects one finding; --topic another topic selects none.
mk
fp=$(r check --format json 2>/dev/null | python3 -c 'import json,sys; f=json.load(sys.stdin)["findings"]; print([x for x in f if x["claims"][0]["path"].endswith("a.md")][0]["fingerprint"])' 2>/dev/null)
r fix --fingerprint "$fp" > "$tmp/out" 2> /dev/null
check "--fingerprint: that finding only" 'grep -q "^+++ b/help/a.md" "$tmp/out" && ! grep -q "b.html" "$tmp/out"'
r fix --topic refund.time > "$tmp/out" 2> /dev/null
check "--topic: nothing of another topic" '[ ! -s "$tmp/out" ]'

# A zip export is read, but its members are not fixed in place.
mk
rm "$tmp/r/help/b.html"
(cd "$tmp/r" && zip -q -r export.zip help && rm -rf help)
cp "$tmp/r/export.zip" "$tmp/export.orig"
r fix --write > /dev/null 2> "$tmp/err"
check "a zip member: exit 1" '[ $? -eq 1 ]'
check "a zip member is not fixable in place" 'grep -q "export.zip/help/a.md:3:.*inside a .zip export: not fixable in place" "$tmp/err"'
check "the zip is untouched" 'cmp -s "$tmp/export.orig" "$tmp/r/export.zip"'

# --majority asks per file; a file changed while it asks is not touched.
mk
rm "$tmp/r/policy.yml" "$tmp/r/help/b.html"
printf '## Cancel?\n\nOrders can be cancelled within 24 hours.\n' > "$tmp/r/help/c.md"
printf '## Cancel an order?\n\nCancel within 24 hours.\n' > "$tmp/r/help/d.md"
r fix --write < /dev/null > /dev/null 2> "$tmp/err"
check "no policy: nothing to fix by default" '[ $? -eq 0 ] && grep -q "no policy file" "$tmp/err" && grep -q "within 12 hours" "$tmp/r/help/a.md"'
echo n | r fix --majority --write > "$tmp/out" 2> "$tmp/err"
check "--majority shows the file and asks" 'grep -q "^+++ b/help/a.md" "$tmp/out" && grep -q "toward the majority? \[y/N\]" "$tmp/err"'
check "answered no: untouched" 'grep -q "within 12 hours" "$tmp/r/help/a.md" && grep -q "1 declined" "$tmp/err"'
mkfifo "$tmp/answer"
(cd "$tmp/r" && "$kbcheck" fix --majority --write < "$tmp/answer" > /dev/null 2> "$tmp/err") &
pid=$!
exec 7> "$tmp/answer"
for _ in $(seq 100); do grep -q "y/N" "$tmp/err" 2> /dev/null && break; sleep 0.1; done
printf '## Can I cancel my order?\n\nYou can cancel your order within 12 hours, or call us.\n' > "$tmp/r/help/a.md"
echo y >&7
exec 7>&-
wait "$pid"
check "a file changed since the run: exit 1" '[ $? -eq 1 ]'
check "it says so" 'grep -q "help/a.md: not fixed: the file changed since kbcheck read it" "$tmp/err"'
check "and leaves the change as it is" 'grep -q "or call us" "$tmp/r/help/a.md"'
r fix --majority --write --yes > /dev/null 2> "$tmp/err"
check "--yes does not ask" '[ $? -eq 0 ] && ! grep -q "y/N" "$tmp/err" && grep -q "within 24 hours, or call us" "$tmp/r/help/a.md"'

# A page that is a symbolic link is not written through.
mk
rm "$tmp/r/help/b.html"
mkdir "$tmp/r/shared" && mv "$tmp/r/help/a.md" "$tmp/r/shared/a.md"
ln -s ../shared/a.md "$tmp/r/help/link.md"
r fix --write > /dev/null 2> "$tmp/err"
check "through a link: exit 1" '[ $? -eq 1 ]'
check "a link is not written through" 'grep -q "help/link.md: not fixed: it is a symbolic link" "$tmp/err" && grep -q "within 12 hours" "$tmp/r/shared/a.md"'
check "the link stays a link" '[ -L "$tmp/r/help/link.md" ]'

echo "fix: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
