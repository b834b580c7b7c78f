#!/usr/bin/env bash
# End-to-end CLI behaviour that golden files cannot show: fingerprints that
# survive edits, several outputs in one run, colour, --fail-on.
set -uo pipefail
kbcheck=$(realpath "$1")
root=${KB_SOURCE_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
export KBCHECK_RULES="$root/rules"
unset NO_COLOR
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
check() { # name, condition
  if eval "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL $1"; fi
}
fingerprints() { "$kbcheck" check --format json "$@" | grep '"fingerprint"' | sort; }

cp -r "$root/tests/golden/cases/check-text/kb" "$tmp/kb"
before=$(fingerprints "$tmp/kb")
check "there is a finding to follow" '[ -n "$before" ]'

# Move lines: a new section above the contradiction; reflow the paragraph.
f="$tmp/kb/vi/don-hang.md"
{ echo "# Đơn hàng"; echo; echo "## Phí giao hàng?"; echo; echo "Xem trang vận chuyển."; echo
  echo "## Tôi có thể hủy đơn hàng không?"; echo; echo "Bạn có thể hủy đơn hàng"
  echo "trong vòng 48   giờ."; } > "$f"
check "the edit moved the claim" '! grep -q "^Bạn có thể hủy đơn hàng trong vòng 48 giờ.$" "$tmp/kb/vi/don-hang.md"'
after=$(fingerprints "$tmp/kb")
check "fingerprints survive moved lines and reflowed text" '[ "$before" = "$after" ]'
from_inside=$(cd "$tmp/kb" && fingerprints .)
check "fingerprints do not depend on how the KB is named" '[ "$before" = "$from_inside" ]'

# Several formats in one run.
"$kbcheck" check --format text --format json --output "$tmp/out.json" "$tmp/kb" > "$tmp/out.txt"
st=$?
check "exit 1 with findings" '[ $st -eq 1 ]'
check "text went to stdout" 'grep -q "warning\[order.cancel.window\]" "$tmp/out.txt"'
check "json went to the file" 'grep -q "\"schema\": 1" "$tmp/out.json"'
check "no colour when not a terminal" '! grep -q $'"'"'\033'"'"' "$tmp/out.txt"'
"$kbcheck" check --color always "$tmp/kb" > "$tmp/color.txt"
check "--color always colours" 'grep -q $'"'"'\033\[1;35m'"'"' "$tmp/color.txt"'
NO_COLOR=1 "$kbcheck" check --color auto "$tmp/kb" > "$tmp/nc.txt"
check "NO_COLOR respected" '! grep -q $'"'"'\033'"'"' "$tmp/nc.txt"'

# --fail-on: warnings do not fail at error level.
"$kbcheck" check --fail-on error "$tmp/kb" > /dev/null
check "--fail-on error ignores warnings" '[ $? -eq 0 ]'
"$kbcheck" check --format json --format text "$tmp/kb" > /dev/null 2>"$tmp/err"
check "two formats to stdout is a usage error" '[ $? -eq 2 ] && grep -q "only one --format" "$tmp/err"'

# Input error wins over findings.
printf '## Q\n\nbad \xc3\x28 byte\n' > "$tmp/kb/en/bad.md"
"$kbcheck" check "$tmp/kb" > /dev/null 2>&1
check "exit 2 wins over 1" '[ $? -eq 2 ]'

# check --db records each run; a fixed contradiction shows as resolved.
cp -r "$root/tests/golden/cases/check-text/kb" "$tmp/hist"
"$kbcheck" check --db "$tmp/h.sqlite" --now 2026-11-02 "$tmp/hist" > /dev/null
check "check --db exits as check does" '[ $? -eq 1 ]'
sed -i 's/48 giờ/24 giờ/' "$tmp/hist/vi/don-hang.md"
"$kbcheck" check --db "$tmp/h.sqlite" --now 2026-11-09 "$tmp/hist" > /dev/null
check "no finding after the fix" '[ $? -eq 0 ]'
"$kbcheck" db runs --db "$tmp/h.sqlite" > "$tmp/runs.txt"
check "two runs recorded" '[ "$(grep -c "^ *[0-9]  2026-11" "$tmp/runs.txt")" = 2 ]'
check "the second run resolved one" 'grep -q "^ *2  2026-11-09.* 1 *$" "$tmp/runs.txt"'
printf 'not a database' > "$tmp/bad.sqlite"
"$kbcheck" check --db "$tmp/bad.sqlite" "$tmp/hist" > /dev/null 2> "$tmp/dberr"
check "a file that is not SQLite: exit 2, named" '[ $? -eq 2 ] && grep -q "bad.sqlite" "$tmp/dberr"'
check "and left as it was" '[ "$(cat "$tmp/bad.sqlite")" = "not a database" ]'

# What users of other linters expect: help CMD, -V, did you mean, --output -.
"$kbcheck" help check > "$tmp/help.out" 2>&1
check "help CMD is CMD --help" '[ $? -eq 0 ] && head -1 "$tmp/help.out" | grep -q "^usage: kbcheck check "'
"$kbcheck" help baseline > "$tmp/help.out" 2>&1
check "help baseline" '[ $? -eq 0 ] && grep -q "kbcheck baseline create" "$tmp/help.out"'
"$kbcheck" help chek > /dev/null 2> "$tmp/help.err"
check "help of a mistyped command: did you mean" '[ $? -eq 2 ] && grep -q "^kbcheck: unknown command '"'"'chek'"'"'; did you mean '"'"'check'"'"'?$" "$tmp/help.err"'
"$kbcheck" -V > "$tmp/v.out"
check "-V prints the version" '[ $? -eq 0 ] && grep -q "^kbcheck [0-9]" "$tmp/v.out"'
"$kbcheck" chekc "$tmp/kb" > /dev/null 2> "$tmp/dym.err"
check "a swapped letter: did you mean 'check'" '[ $? -eq 2 ] && grep -q "did you mean '"'"'check'"'"'?" "$tmp/dym.err"'
"$kbcheck" baselin > /dev/null 2> "$tmp/dym.err"
check "a dropped letter: did you mean 'baseline'" 'grep -q "did you mean '"'"'baseline'"'"'?" "$tmp/dym.err"'
"$kbcheck" frobnicate > /dev/null 2> "$tmp/dym.err"
check "nothing close: no guess" '[ $? -eq 2 ] && grep -q "unknown command '"'"'frobnicate'"'"'$" "$tmp/dym.err"'
"$kbcheck" check --fial-on warning "$tmp/kb" > /dev/null 2> "$tmp/dym.err"
check "a mistyped option: did you mean '--fail-on'" \
  '[ $? -eq 2 ] && grep -q "unknown option '"'"'--fial-on'"'"'; did you mean '"'"'--fail-on'"'"'?" "$tmp/dym.err"'
"$kbcheck" check --basline=x "$tmp/kb" > /dev/null 2> "$tmp/dym.err"
check "an option with its value: did you mean '--baseline'" 'grep -q "did you mean '"'"'--baseline'"'"'?" "$tmp/dym.err"'
# Every command's options: a guess for a mistyped one, and a missing value
# said as such.
for cmdline in "explain --resaon:--reason" "fix --majorty:--majority" "policy init --froce:--force" \
               "db runs --dbb:--db" "audit --sinse:--since"; do
  args=${cmdline%:*} want=${cmdline##*:}
  "$kbcheck" $args > /dev/null 2> "$tmp/dym.err"
  check "kbcheck $args: did you mean '$want'" \
    '[ $? -eq 2 ] && grep -q "did you mean '"'"'$want'"'"'?" "$tmp/dym.err"'
done
"$kbcheck" ack abc --reason > /dev/null 2> "$tmp/dym.err"
check "ack --reason with no value: says so" \
  '[ $? -eq 2 ] && grep -q "option '"'"'--reason'"'"' needs a value" "$tmp/dym.err"'
# rules' subcommands: the same guesses, and where the options are told.
for cmdline in "rules test --quite:--quiet" "rules list --patern:--patterns" \
               "rules test --min-recsll=0.5:--min-recall" "rules lst:list"; do
  args=${cmdline%:*} want=${cmdline##*:}
  "$kbcheck" $args > /dev/null 2> "$tmp/dym.err"
  check "kbcheck $args: did you mean '$want'" \
    '[ $? -eq 2 ] && grep -q "did you mean '"'"'$want'"'"'?" "$tmp/dym.err" &&
     grep -q "kbcheck help rules" "$tmp/dym.err"'
done
"$kbcheck" rules test --min-recall 2 > /dev/null 2> "$tmp/dym.err"
check "rules test --min-recall 2: the option and the value said" \
  '[ $? -eq 2 ] && grep -q "option '"'"'--min-recall'"'"' takes a fraction from 0 to 1, not '"'"'2'"'"'" "$tmp/dym.err"'
"$kbcheck" rules test -r > /dev/null 2> "$tmp/dym.err"
check "rules test -r with no value: says so" \
  '[ $? -eq 2 ] && grep -q "option '"'"'-r'"'"' needs a value" "$tmp/dym.err"'
"$kbcheck" rules list --frobnicate > /dev/null 2> "$tmp/dym.err"
check "rules list: an unknown option is not taken for a pack" \
  '[ $? -eq 2 ] && grep -q "unknown option '"'"'--frobnicate'"'"'$" "$tmp/dym.err"'
# Block suppression: --verbose names the comments that suppressed nothing.
cp -r "$root/tests/golden/cases/suppress-block/kb" "$tmp/blocks"
printf '<!-- kbcheck-disable shipping.fee -->\nNo claim here.\n<!-- kbcheck-enable -->\n' >> "$tmp/blocks/orders.md"
"$kbcheck" check -v "$tmp/blocks" > /dev/null 2> "$tmp/blocks.err"
check "--verbose: an unused kbcheck-disable block is named" \
  '[ $? -eq 0 ] && grep -q "orders.md:21:1: kbcheck-disable block suppresses nothing$" "$tmp/blocks.err" &&
   ! grep -q "orders.md:11:1: kbcheck-disable block suppresses nothing" "$tmp/blocks.err"'
"$kbcheck" check "$tmp/blocks" > /dev/null 2> "$tmp/blocks.err"
check "without --verbose: not" '! grep -q "suppresses nothing" "$tmp/blocks.err"'
cp -r "$root/tests/golden/cases/check-text/kb" "$tmp/dash"
(cd "$tmp" && "$kbcheck" check --format json --output - dash > "$tmp/dash.json" 2>/dev/null)
check "--output - is standard output" '[ $? -eq 1 ] && grep -q "\"schema\": 1" "$tmp/dash.json" && [ ! -e "$tmp/-" ]'
"$kbcheck" check --format json --output - --format text "$tmp/dash" > /dev/null 2> "$tmp/dash.err"
check "--output - counts as standard output" '[ $? -eq 2 ] && grep -q "only one --format can go to standard output" "$tmp/dash.err"'

# explain, ack and db record run the check `check` runs (kb_run_check):
# the cache is written and read, and explain, whose check keeps no answer
# text, quotes the answers whole all the same.
cp -r "$root/tests/golden/cases/check-text/kb" "$tmp/ex"
rm -rf "$tmp/ex/.kbcheck" # the golden run's cache
fp=$("$kbcheck" check --format json --no-cache "$tmp/ex" | grep -m1 '"fingerprint"' | sed 's/.*: "\(.*\)".*/\1/')
"$kbcheck" explain --no-cache "$fp" "$tmp/ex" > "$tmp/ex.fresh" 2>&1
check "explain --no-cache writes no cache" '[ ! -e "$tmp/ex/.kbcheck/cache" ]'
"$kbcheck" explain "$fp" "$tmp/ex" > "$tmp/ex.first" 2>&1
check "explain writes the cache" '[ -s "$tmp/ex/.kbcheck/cache/kbcheck.cache" ]'
"$kbcheck" explain "$fp" "$tmp/ex" > "$tmp/ex.cached" 2>&1
check "explain from the cache shows the same, answers whole" \
  'cmp -s "$tmp/ex.fresh" "$tmp/ex.first" && cmp -s "$tmp/ex.fresh" "$tmp/ex.cached" && grep -q "^  answer:     ..*" "$tmp/ex.cached"'
rm -rf "$tmp/ex/.kbcheck"
"$kbcheck" db record --db "$tmp/ex.sqlite" --now 2026-11-02 "$tmp/ex" > /dev/null 2>&1
check "db record writes the cache" '[ -s "$tmp/ex/.kbcheck/cache/kbcheck.cache" ]'
"$kbcheck" ack "$fp" --reason "intended" --by t "$tmp/ex" > /dev/null 2>&1
check "ack from the cache" '[ $? -eq 0 ] && grep -q "$fp" "$tmp/ex/.kbcheck/acks.yml"'
rm -rf "$tmp/ex/.kbcheck"
(cd "$tmp/ex" && "$kbcheck" fix --no-cache --majority && "$kbcheck" policy init --no-cache -o - && "$kbcheck" db record --no-cache --db "$tmp/ex.sqlite" --now 2026-11-03 .) > /dev/null 2>&1
check "fix, policy init and db record take --no-cache" '[ $? -eq 0 ] && [ ! -e "$tmp/ex/.kbcheck" ]'

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
