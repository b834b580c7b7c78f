# browser.sh - sourced by run.sh after history.sh: the HTML report of week
# 47 (a.html) opened in headless Chromium.
chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
  echo "FAIL chromium is missing (scripts/setup.sh test installs it)"
  fail=$((fail + 1))
  return 0
fi
browse() { # url, chromium options... (stderr: the browser's log)
  local url=$1; shift
  timeout 60 "$chromium" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --disable-extensions \
    --user-data-dir="$(mktemp -d -p "$tmp")" --enable-logging=stderr --v=0 "$@" "$url"
}
page="file://$tmp/a.html"
browse "$page" --dump-dom > dom.html 2> console.txt
check "Chromium loads the report" '[ -s dom.html ] && grep -q "id=\"policy-matrix\"" dom.html'
check "no console messages (errors, CSP violations, blocked requests)" '! grep -q ":CONSOLE" console.txt'
check "the page makes no network request" '! grep -Eqi "net::ERR|Failed to load resource" console.txt'

# The figures in the DOM are the database's.
ref=$(sql h.db "SELECT id FROM runs WHERE time <= strftime('%s', '2026-11-22 23:59:59') ORDER BY time DESC, id DESC LIMIT 1")
db_open=$(sql h.db "SELECT count(*) FROM sightings WHERE run_id = $ref AND NOT acked")
db_acked=$(sql h.db "SELECT count(*) FROM sightings WHERE run_id = $ref AND acked")
db_new=$(sql h.db "SELECT count(*) FROM findings WHERE first_seen BETWEEN strftime('%s', '2026-11-16') AND strftime('%s', '2026-11-22 23:59:59')")
# Resolved in the week: seen by the run before the week's runs, not by the reference run.
db_resolved=$(sql h.db "SELECT count(*) FROM sightings WHERE run_id = (SELECT id FROM runs WHERE time < strftime('%s', '2026-11-16') ORDER BY time DESC, id DESC LIMIT 1) AND finding_id NOT IN (SELECT finding_id FROM sightings WHERE run_id = $ref)")
fig() { grep -o "id=\"fig-$1\" data-value=\"[^\"]*\"" dom.html | sed 's/.*data-value="//; s/"$//'; }
check "open conflicts in the DOM match the database ($db_open)" '[ "$(fig open)" = "$db_open" ] && [ "$db_open" = 1 ]'
check "new this week matches ($db_new)" '[ "$(fig new)" = "$db_new" ] && [ "$db_new" = 1 ]'
check "resolved this week matches ($db_resolved)" '[ "$(fig resolved)" = "$db_resolved" ] && [ "$db_resolved" = 1 ]'
check "acknowledged matches ($db_acked)" '[ "$(fig acked)" = "$db_acked" ] && [ "$db_acked" = 1 ]'
check "median age: X first seen 2026-11-16 09:30, 3 whole days before 2026-11-20" '[ "$(fig median)" = 3 ]'
check "the trend chart is inline SVG with a bar per week and the open line" \
  '[ "$(grep -o "<rect " dom.html | wc -l)" -eq 24 ] && grep -q "<polyline" dom.html'
check "the heat map and the matrix mark deviations" \
  'grep -q "class=\"h5\"" dom.html && grep -q "class=\"v dev\"" dom.html'

# Knowledge-base text full of markup is shown as text and runs nothing.
xpath() { xmllint --html --xpath "$1" dom.html 2>/dev/null; }
check "the title was not changed by any script" \
  '[ "$(xpath "string(//title)")" = "Knowledge-base audit — 2026-W47" ] && ! grep -q pwned console.txt'
check "no script, img, iframe, object or embed element in the DOM" \
  '[ "$(xpath "count(//script|//img|//iframe|//object|//embed)")" = 0 ]'
check "no event handler attribute in the DOM" '[ "$(xpath "count(//@*[starts-with(name(), \"on\")])")" = 0 ]'
check "every link goes to the source URL template (no javascript:)" \
  '[ "$(xpath "count(//a)")" -gt 0 ] && [ "$(xpath "count(//a[not(starts-with(@href, \"https://git.example/shop-kb/blob/r\"))])")" = 0 ]'
check "the markup is there, as text" \
  'xpath "string(//article[contains(@class, \"sev-error\")]//tbody/tr[1]/td[4])" | grep -qF "<script>document.title='"'pwned'"'</script> <img src=x onerror=" &&
   xpath "string(//section[@id=\"acknowledged\"])" | grep -qF "by <b>lan</b>: agreed with legal <script>"'

# Screenshots (desktop and phone width), kept as test artifacts.
browse "$page" --screenshot="$artifacts/audit-desktop.png" --window-size=1280,3600 > /dev/null 2>&1
browse "$page" --screenshot="$artifacts/audit-phone.png" --window-size=390,7000 > /dev/null 2>&1
check "screenshots were taken" '[ -s "$artifacts/audit-desktop.png" ] && [ -s "$artifacts/audit-phone.png" ]'
cp a.html "$artifacts/audit-2026-W47.html"

# The coverage of the latest run, as recorded.
check "coverage: the summary, the file not read and the value without a claim" \
  'xpath "string(//p[@id=\"coverage-summary\"])" | grep -q "^1 file gave no answer; 1 value in answers about a topic without a claim" &&
   [ "$(xpath "string(//table[@id=\"unread\"]//tr[@data-reason=\"unknown-format\"]//code)")" = kb/notes/refunds.txt ] &&
   [ "$(xpath "string(//table[@id=\"unclaimed\"]//tbody/tr[1]/td[1]/a/@href)")" = "https://git.example/shop-kb/blob/r6/faq/en/refunds.md#L5" ]'
check "coverage: a channel without a claim on a topic is marked" \
  '[ "$(xpath "count(//table[@id=\"topic-channels\"]//td[contains(@class, \"gap\")])")" -gt 0 ] &&
   [ "$(xpath "count(//table[@id=\"topic-channels\"]//th[@scope=\"row\"][code=\"order.cancel\"]/../td[contains(@class, \"gap\")])")" = 0 ]'
