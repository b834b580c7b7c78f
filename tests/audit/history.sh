# history.sh - sourced by run.sh: a changing KB recorded over seven weeks.
#
#   r1 2026-10-05 (W41)  A: chatbot en says 12 hours (policy: 24); B: macro en fee $5
#   r2 2026-10-12 (W42)  unchanged
#   r3 2026-10-26 (W44)  A fixed; C: Thai macro says 2 days
#   r4 2026-11-09 (W46)  B acknowledged (reason and name full of HTML)
#   r5 2026-11-16 (W47)  C fixed; X: a chatbot answer saying 3 days, with
#                        <script>, <img onerror> and a javascript: link;
#                        coverage: a .txt note kbcheck does not read, an FAQ
#                        answer about refunds whose "5 days" makes no claim
#   r6 2026-11-18 (W47)  unchanged
# The audit of 2026-W47: 1 open (X), 1 new (X), 1 resolved (C), 1 acked (B).

cp -r "$here/kb" kb
rec() { "$kbcheck" db record --db h.db --now "$1" --revision "$2" -q kb; }
fingerprint_of() { # attribute -> fingerprint of the finding on it
  "$kbcheck" check --format json kb | awk -v attr="\"$1\"," '
    /"fingerprint":/ { fp = $2; gsub(/[",]/, "", fp) }
    /"attribute":/ && $2 == attr && fp != "" { print fp; fp = "" }' | head -1
}
xss_script="<script>document.title='pwned'</script>"
xss_img="<img src=x onerror=\"document.title='pwned'\">"
xss_link="<a href=\"javascript:document.title='pwned'\">details</a>"
xss_file="kb/bot/en/<img src=x onerror=alert(1)>.md"

rec 2026-10-05 r1
check "record exits 0" '[ $? -eq 0 ]'
fpA=$(fingerprint_of window) fpB=$(fingerprint_of fee)
check "the story starts with conflicts A and B" '[ -n "$fpA" ] && [ -n "$fpB" ]'
rec 2026-10-12 r2
sed -i 's/within 12 hours/within 24 hours/' kb/bot/en/cancel.md
sed -i 's/ภายใน 24 ชั่วโมง/ภายใน 2 วัน/' kb/macros/th/cancel.md
fpC=$(fingerprint_of window)
rec 2026-10-26 r3
"$kbcheck" ack "$fpB" --reason "agreed with legal $xss_script $xss_img $xss_link" \
  --by "<b>lan</b>" kb > /dev/null
check "kbcheck ack wrote the acknowledgement" 'grep -q "$fpB" kb/.kbcheck/acks.yml'
rec 2026-11-09 r4
sed -i 's/ภายใน 2 วัน/ภายใน 24 ชั่วโมง/' kb/macros/th/cancel.md
printf '# utter_cancel_late\n\n## Can I still cancel?\n\nYou can cancel your order within 3 days &lt;script&gt;document.title=%spwned%s&lt;/script&gt; &lt;img src=x onerror="document.title=%spwned%s"&gt; &lt;a href="javascript:document.title=%spwned%s"&gt;details&lt;/a&gt;.\n' \
  "'" "'" "'" "'" "'" "'" > "$xss_file"
fpX=$(fingerprint_of window)
mkdir -p kb/notes
printf 'Refund policy draft: refunds take 5 days.\n' > kb/notes/refunds.txt
printf '# Refunds\n\n## When will my refund arrive?\n\nWe are quick about it: most arrive after 5 days.\n' \
  > kb/faq/en/refunds.md
rec 2026-11-16T09:30:00Z r5
rec 2026-11-18T09:30:00Z r6
check "four different findings in the story" \
  '[ "$(printf "%s\n" "$fpA" "$fpB" "$fpC" "$fpX" | sort -u | grep -c .)" -eq 4 ]'

# db runs: id, date, time, revision, files, units, claims, open, acked, new, resolved
"$kbcheck" db runs --db h.db > runs.txt
check "db runs lists six runs" '[ "$(tail -n +2 runs.txt | wc -l)" -eq 6 ]'
row() { awk -v id="$1" '$1 == id { print $8, $9, $10, $11 }' runs.txt; }
check "r1: 2 open, 2 new" '[ "$(row 1)" = "2 0 2 0" ]'
check "r2: nothing changes" '[ "$(row 2)" = "2 0 0 0" ]'
check "r3: A resolved, C new" '[ "$(row 3)" = "2 0 1 1" ]'
check "r4: B acknowledged" '[ "$(row 4)" = "1 1 0 0" ]'
check "r5: C resolved, X new" '[ "$(row 5)" = "1 1 1 1" ]'
check "r6: unchanged" '[ "$(row 6)" = "1 1 0 0" ]'
check "db runs shows revisions and times" 'grep -q "^ *5  2026-11-16 09:30  r5 " runs.txt'

"$kbcheck" db findings --db h.db --now 2026-11-20 > findings.txt
status() { awk -v fp="$1" '$1 == fp { sub(/^.*[0-9]+d  /, ""); print $1, $2 }' findings.txt; }
first() { awk -v fp="$1" '$1 == fp { print $3 }' findings.txt; }
check "A: first seen in r1, resolved by r3" \
  '[ "$(first "$fpA")" = 2026-10-05 ] && [ "$(status "$fpA")" = "resolved 2026-10-26" ]'
check "B: acknowledged, first seen in r1" \
  '[ "$(first "$fpB")" = 2026-10-05 ] && [ "$(status "$fpB" | cut -d" " -f1)" = acknowledged ]'
check "C: first seen in r3, resolved by r5" \
  '[ "$(first "$fpC")" = 2026-10-26 ] && [ "$(status "$fpC")" = "resolved 2026-11-16" ]'
"$kbcheck" db findings --db h.db --open --now 2026-11-20 > open.txt
check "db findings --open: only X, 3 days old" \
  '[ "$(tail -n +2 open.txt | wc -l)" -eq 1 ] && grep -q "^$fpX  error  *2026-11-16  *3d  open " open.txt'
check "the stored acknowledgement keeps who and why" \
  '[ "$(sql h.db "SELECT ack_by FROM sightings s JOIN findings f ON f.id = s.finding_id WHERE f.fingerprint = '"'$fpB'"' AND run_id = 6")" = "<b>lan</b>" ]'
check "sides keep path, position, channel, locale, quote, value, deviates" \
  '[ "$(sql -separator "|" h.db "SELECT path, line, col, channel, locale, quote, value, deviates FROM finding_sides WHERE fingerprint = '"'$fpA'"' AND run_id = 1 AND deviates")" = "kb/bot/en/cancel.md|5|33|chatbot|en|within 12 hours|at most 12 hours|1" ]'
check "counts per channel and locale" \
  '[ "$(sql -separator " " h.db "SELECT channel, locale, units, claims FROM run_counts WHERE run_id = 1 AND channel = '"'macro'"' AND locale = '"'en'"'")" = "macro en 1 3" ]'
# Coverage: what each run did not read or claim.
check "coverage: runs record their values without a claim" \
  '[ "$(sql h.db "SELECT group_concat(unclaimed, \" \") FROM (SELECT unclaimed FROM runs ORDER BY id)")" = "0 0 0 0 1 1" ]'
check "coverage: the file not read, by reason" \
  '[ "$(sql -separator " " h.db "SELECT u.reason, u.files, f.path, f.detail FROM run_unread u JOIN run_unread_files f USING (run_id, reason) WHERE run_id = 5")" = "unknown-format 1 kb/notes/refunds.txt .txt" ] &&
   [ "$(sql h.db "SELECT count(*) FROM run_unread WHERE run_id < 5")" = 0 ]'
check "coverage: the value without a claim, where it is" \
  '[ "$(sql -separator "|" h.db "SELECT path, relpath, line, col, end_col, channel, locale, topic, attribute, quote, weak FROM run_unclaimed WHERE run_id = 6")" = "kb/faq/en/refunds.md|faq/en/refunds.md|5|42|48|faq|en|refund.time|time|5 days|0" ]'
check "coverage: claims per topic in every channel present, gaps as 0" \
  '[ "$(sql -separator " " h.db "SELECT channel, claims FROM run_topics WHERE run_id = 6 AND topic = '"'order.cancel'"' ORDER BY channel" | paste -sd" ")" = "chatbot 6 faq 8 macro 5" ] &&
   [ "$(sql h.db "SELECT count(DISTINCT topic) * 3 = count(*) AND count(DISTINCT topic) >= 20 FROM run_topics WHERE run_id = 6")" = 1 ]'
check "stored messages do not name the checkout folder" \
  '[ "$(sql h.db "SELECT count(*) FROM sightings WHERE message LIKE '"'%$tmp%'"' OR canonical_source LIKE '"'%$tmp%'"'")" = 0 ]'

# The audit of week 47, golden in Markdown and CSV.
audit() { "$kbcheck" audit --db h.db --week 2026-W47 --now 2026-11-20 "$@"; }
audit --format markdown -o week47.md
check "audit --format markdown exits 0" '[ $? -eq 0 ]'
audit --format csv > week47.csv
if [ -n "${KB_UPDATE_GOLDEN:-}" ]; then
  cp week47.md "$here/expected.md"; cp week47.csv "$here/expected.csv"
fi
check "Markdown report matches tests/audit/expected.md" 'diff -u "$here/expected.md" week47.md'
check "CSV report matches tests/audit/expected.csv" 'diff -u "$here/expected.csv" week47.csv'
check "headline figures: 1 open, 1 new, 1 resolved, 1 acknowledged, 3.6 days" \
  'grep -qx "| 1 | 1 | 1 | 1 | 3 days |" week47.md'
audit -o a.html && audit -o b.html
check "the HTML report is deterministic" 'cmp -s a.html b.html'
SOURCE_DATE_EPOCH=$(date -u -d 2026-11-20 +%s) "$kbcheck" audit --db h.db --week 2026-W47 -o c.html
check "SOURCE_DATE_EPOCH gives the same report as --now" 'cmp -s a.html c.html'
check "links use the recorded template (kbcheck.yml report.source_url)" \
  'grep -q "href=\"https://git.example/shop-kb/blob/r6/faq/en/orders.md#L5\"" a.html'
check "a path with markup is percent-encoded in links" \
  'grep -q "blob/r6/bot/en/%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E.md#L5" a.html'
audit --source-url 'https://example.org/{path}?line={line}&rev={rev}' -o d.html
check "--source-url overrides the template (& escaped in HTML)" \
  'grep -q "href=\"https://example.org/faq/en/orders.md?line=5&amp;rev=r6\"" d.html'
"$kbcheck" audit --db h.db --week 2025-W53 > /dev/null 2> err.txt
check "a week that does not exist is a usage error" '[ $? -eq 2 ] && grep -q "ISO week" err.txt'
"$kbcheck" audit --db h.db --since 7d --now 2026-11-20 --format markdown > since.md
check "--since 7d: X is new, C resolved within the last 7 days" \
  'grep -qx "| 1 | 1 | 1 | 1 | 3 days |" since.md'
"$kbcheck" audit --db h.db --week 2026-W44 --format markdown > w44.md
check "an earlier week: A resolved, C new, 2 open" 'grep -qx "| 2 | 1 | 1 | 0 | [0-9.]* days |" w44.md'

# Pruning keeps history consistent.
cp h.db p.db
"$kbcheck" db prune --db p.db --keep 4w --now 2026-11-20 > prune.txt
check "prune removes r1 and r2 and finding A" 'grep -q "^pruned 2 runs .* 1 finding no remaining run saw" prune.txt'
check "B keeps its first-seen date" \
  '[ "$("$kbcheck" db findings --db p.db --now 2026-11-20 | awk -v fp="$fpB" "\$1 == fp { print \$3 }")" = 2026-10-05 ]'
check "no orphaned claims or sightings after prune" \
  '[ "$(sql p.db "SELECT (SELECT count(*) FROM claims WHERE id NOT IN (SELECT claim_id FROM run_claims) AND id NOT IN (SELECT claim_id FROM sides)) + (SELECT count(*) FROM sightings WHERE run_id NOT IN (SELECT id FROM runs)) + (SELECT count(*) FROM sides WHERE run_id NOT IN (SELECT id FROM runs))")" = 0 ]'
check "pruned database passes integrity_check and foreign_key_check" \
  '[ "$(sql p.db "PRAGMA integrity_check")" = ok ] && [ -z "$(sql p.db "PRAGMA foreign_key_check")" ]'
"$kbcheck" db prune --db p.db --keep 1d --now 2030-01-01 > /dev/null
check "prune never removes the latest run" '[ "$(sql p.db "SELECT count(*) FROM runs")" = 1 ]'

# The revision comes from git when there is one.
cp -r "$here/kb" gitkb
git -C gitkb init -q && git -C gitkb -c user.name=t -c user.email=t@example.org add -A &&
  git -C gitkb -c user.name=t -c user.email=t@example.org commit -qm kb
"$kbcheck" db record --db g.db -q gitkb
check "the KB's git commit is recorded" \
  '[ "$(sql g.db "SELECT revision FROM runs")" = "$(git -C gitkb rev-parse HEAD)" ]'
"$kbcheck" db record --db g.db -q kb
check "no revision outside git" '[ "$(sql g.db "SELECT revision IS NULL FROM runs WHERE id = 2")" = 1 ]'
