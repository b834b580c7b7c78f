#!/usr/bin/env bash
# Every planted corpus in corpora/ must give exactly its expected findings
# (precision and recall 1.0), the rule tests must pass, and the real-content
# set must hold its ratchet.
set -uo pipefail
kbcheck=$1
root=${KB_SOURCE_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
export NO_COLOR=1 KBCHECK_RULES="$root/rules"
status=0
"$kbcheck" rules test "$root/rules" || status=1
dirs=()
for d in "$root"/corpora/*/; do
  [ -f "$d/expected-findings.yml" ] && dirs+=("${d%/}")
done
"$kbcheck" corpus test "${dirs[@]}" || status=1
# Real content (corpora/real-dev, labelled by readers): scored as a check
# shows it, both halves, failing when either falls below its ratchet.
"$kbcheck" corpus test "$root/corpora/real-dev" || status=1

# The scorer's own behaviour on an invented KB (tests/data/eval/kb): the
# cancellation and refund-time contradictions between two pages are found,
# a ratchet above the figures fails the run (exit 1), one below holds, and
# an injection whose text is not on its line is an error (exit 2) while
# the others are scored, and no copy of the KB is left behind.
eval_kb=$root/tests/data/eval/kb
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf 'kbcheck: ratchet/1\nunsplit: {precision: 0.99, recall: 0.0}\n' > "$tmp/high.yml"
printf 'kbcheck: ratchet/1\nunsplit: {precision: 0.1, recall: 0.1}\n' > "$tmp/low.yml"
"$kbcheck" corpus test --no-cache --ratchet "$tmp/high.yml" "$eval_kb" > "$tmp/out" 2>&1
st=$?
if [ $st -ne 1 ] || ! grep -q "found 2/2 natural" "$tmp/out" ||
   ! grep -q "^ratchet unsplit: .*FAILED" "$tmp/out"; then
  echo "FAIL: corpus test with a ratchet above its figures (exit $st):"; cat "$tmp/out"; status=1
fi
"$kbcheck" corpus test --no-cache --ratchet "$tmp/low.yml" "$eval_kb" > "$tmp/out" 2>&1
st=$?
if [ $st -ne 0 ] || ! grep -q "^ratchet unsplit: .*held" "$tmp/out"; then
  echo "FAIL: corpus test with a ratchet below its figures (exit $st):"; cat "$tmp/out"; status=1
fi
# A labelled KB inside a git repository (no kbcheck.yml of its own), run
# from the repository: its labels are relative to the KB, not to the
# repository's top level.
mkdir -p "$tmp/repo/corpus" && git init -q "$tmp/repo" && cp -r "$eval_kb" "$tmp/repo/corpus/kb"
(cd "$tmp/repo" && env -u GIT_CEILING_DIRECTORIES "$kbcheck" corpus test --no-cache \
   --ratchet "$tmp/low.yml" corpus/kb) > "$tmp/out" 2>&1
st=$?
if [ $st -ne 0 ] || ! grep -q "found 2/2 natural" "$tmp/out"; then
  echo "FAIL: a labelled KB inside a repository (exit $st):"; cat "$tmp/out"; status=1
fi
cp -r "$eval_kb" "$tmp/kb"
sed -i 's/from: "within 30 days"/from: "within 31 days"/' "$tmp/kb/labels.yml"
mkdir "$tmp/t"
TMPDIR=$tmp/t "$kbcheck" corpus test --no-cache "$tmp/kb" > "$tmp/out" 2>&1
st=$?
if [ $st -ne 2 ] || ! grep -q 'injection i1: "within 31 days" is not on help/more.md:5' "$tmp/out" ||
   ! grep -q "/1 injected" "$tmp/out" || [ -n "$(ls -A "$tmp/t")" ]; then
  echo "FAIL: an injection that does not apply (exit $st):"; cat "$tmp/out"; status=1
fi
exit $status
