#!/usr/bin/env bash
# The report does not depend on how it was computed: with 1 or 2 workers,
# with the cache cold, warm, stale or damaged, and without it, kbcheck
# gives byte-identical JSON on a generated KB (kbcheck-gen), and the
# planted contradictions are found exactly.
#   test.sh KBCHECK KBCHECK_GEN
set -uo pipefail
kb=$1
gen=$2
here=$(cd "$(dirname "$0")" && pwd)
root=${KB_SOURCE_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
export NO_COLOR=1 KBCHECK_RULES="$root/rules" SOURCE_DATE_EPOCH=1767225600
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
ok() { echo "ok: $1"; }
bad() { echo "FAIL: $1"; fails=$((fails + 1)); }
same() { # same NAME FILE1 FILE2
  if cmp -s "$2" "$3"; then ok "$1"; else bad "$1"; diff "$2" "$3" | head -20; fi
}
check() { "$kb" check -q --format json "$@" 2> "$tmp/stderr"; [ $? -le 1 ] || { cat "$tmp/stderr"; bad "check $* failed"; }; }
reused() { "$kb" check -v --format json --output /dev/null "$@" 2>&1 | sed -n 's/^kbcheck: cache [^:]*: //p'; }

d=$tmp/kb
"$gen" --units 3000 --seed 7 "$d" > /dev/null || { echo "FAIL: kbcheck-gen"; exit 1; }
"$kb" corpus test "$d" > "$tmp/corpus" 2>&1 && ok "the planted contradictions are found, and nothing else" \
  || { bad "corpus test"; tail -5 "$tmp/corpus"; }
# A Rasa bot whose training data gives an answer its question, and the
# question the claim's scope (cash on delivery): a file another one reads.
bot=$d/chatbot/rasa/zz-bot
mkdir -p "$bot/data"
printf 'version: "3.1"\nresponses:\n  utter_cancel:\n    - text: "Orders can be cancelled within 12 hours."\n' > "$bot/domain.yml"
printf 'version: "3.1"\nnlu:\n  - intent: cancel\n    examples: |\n      - can I cancel a cash on delivery order?\n' > "$bot/data/nlu.yml"
printf 'version: "3.1"\nrules:\n  - rule: cancel\n    steps:\n      - intent: cancel\n      - action: utter_cancel\n' > "$bot/data/rules.yml"
# A template page whose conditional's arms state different windows: their
# claims are scoped by the arms (known from the parse only), also when the
# claims come from the cache.
mkdir -p "$d/faq/views"
printf '<h2>How long do I have to return an item?</h2>\n@if ($promo)\n<p>You can return items within 60 days.</p>\n@else\n<p>You can return items within 30 days.</p>\n@endif\n' \
  > "$d/faq/views/zz-returns.blade.php"
# Files changed within the last second are read whatever their entry says
# (a change in the same clock tick would not show): let these settle.
sleep 2

check -j1 --no-cache "$d" > "$tmp/ref.json"
grep -q '"fingerprint"' "$tmp/ref.json" || bad "the reference report has findings"
check -j2 --no-cache "$d" > "$tmp/j2.json"
same "1 and 2 workers" "$tmp/ref.json" "$tmp/j2.json"
(cd "$d" && "$kb" check -q --no-cache --format json . 2> /dev/null) | grep '"fingerprint"' > "$tmp/fp-rel"
grep '"fingerprint"' "$tmp/ref.json" > "$tmp/fp-abs"
same "fingerprints the same from inside the KB and by its absolute path" "$tmp/fp-abs" "$tmp/fp-rel"
"$kb" units -j1 --format json "$d" > "$tmp/u1.json"
"$kb" units -j2 --format json "$d" > "$tmp/u2.json"
same "units in source order with 1 and 2 workers" "$tmp/u1.json" "$tmp/u2.json"
"$kb" claims -j1 --no-cache --format json "$d" > "$tmp/c1.json"
"$kb" claims -j2 --format json "$d" > "$tmp/c2.json"
same "claims: 1 worker without cache, 2 with" "$tmp/c1.json" "$tmp/c2.json"

rm -rf "$d/.kbcheck"
check -j2 "$d" > "$tmp/cold.json"
same "cache cold (written)" "$tmp/ref.json" "$tmp/cold.json"
[ -f "$d/.kbcheck/cache/kbcheck.cache" ] && ok "the cache is written" || bad "no cache file"
grep -qx '\*' "$d/.kbcheck/cache/.gitignore" && ok "the cache ignores itself for git" || bad "no .gitignore"
check -j2 "$d" > "$tmp/warm.json"
same "cache warm, 2 workers" "$tmp/ref.json" "$tmp/warm.json"
check -j1 "$d" > "$tmp/warm1.json"
same "cache warm, 1 worker" "$tmp/ref.json" "$tmp/warm1.json"
st=$(reused "$d")
n=${st#reused }
n=${n%% *}
case "$st" in "reused $n of $n sources ($n not read)") ok "warm run reads no file: $st";;
  *) bad "warm run status: $st";; esac
"$kb" claims --format json "$d" > "$tmp/arms.json"
grep -q '"condition": "else of \$promo"' "$tmp/arms.json" && ok "arms' scopes from the cache" \
  || bad "no arm's scope from the cache"
check -j2 "$d" > "$tmp/lazy.json"
same "every file unread (described by the cache)" "$tmp/ref.json" "$tmp/lazy.json"
"$kb" check -q --format sarif "$d" > "$tmp/lazy.sarif" 2> /dev/null
"$kb" check -q --no-cache --format sarif "$d" > "$tmp/ref.sarif" 2> /dev/null
same "SARIF (quotes lines, UTF-16 columns) from unread files" "$tmp/ref.sarif" "$tmp/lazy.sarif"
"$kb" check -q "$d" > "$tmp/lazy.txt" 2> /dev/null
"$kb" check -q --no-cache "$d" > "$tmp/ref.txt" 2> /dev/null
same "text report (quotes lines) from unread files" "$tmp/ref.txt" "$tmp/lazy.txt"

# The domain changes, its training data does not: unread, it is read for
# the domain's parser.
"$kb" claims --format json "$d" > "$tmp/dep-before.json"
grep -q '"payment": "cod"' "$tmp/dep-before.json" && ok "the question scopes the claim" || bad "no cod scope"
sed -i 's/within 12 hours/within 13 hours/' "$bot/domain.yml"
check "$d" > "$tmp/dom.json"
check --no-cache "$d" > "$tmp/dom-ref.json"
same "a domain changed, its unread training data read for it" "$tmp/dom-ref.json" "$tmp/dom.json"
"$kb" claims --format json "$d" > "$tmp/dom-claims.json"
grep -q '"payment": "cod"' "$tmp/dom-claims.json" && ok "the question still scopes the claim" \
  || bad "the domain lost its question"

# One changed file: parsed again, the rest reused, same as without cache.
page=$(find "$d/help" -name '*.md' | sort | head -1)
printf '\n## Can I cancel my order?\n\nYou can cancel your order within 99 hours of placing it.\n' >> "$page"
check "$d" > "$tmp/changed.json"
check --no-cache "$d" > "$tmp/changed-ref.json"
same "one file changed: cached = fresh" "$tmp/changed-ref.json" "$tmp/changed.json"
cmp -s "$tmp/ref.json" "$tmp/changed.json" && bad "the change shows in the report" || ok "the change shows in the report"
st=$(reused "$d")
n=${st#reused }
n=${n%% *}
case "$st" in "reused $n of $n "*) ok "all reused once the change is cached: $st";;
  *) bad "status after the change: $st";; esac

# The training data changes: its reader, the domain, is parsed again.
sed -i 's/a cash on delivery order/my order/' "$bot/data/nlu.yml"
check "$d" > "$tmp/dep.json"
check --no-cache "$d" > "$tmp/dep-ref.json"
same "a training-data file changed: cached = fresh" "$tmp/dep-ref.json" "$tmp/dep.json"
"$kb" claims --format json "$d" > "$tmp/dep-c.json"
"$kb" claims --no-cache --format json "$d" > "$tmp/dep-c-ref.json"
same "claims after the training-data change" "$tmp/dep-c-ref.json" "$tmp/dep-c.json"
cmp -s "$tmp/dep-before.json" "$tmp/dep-c.json" && bad "the question change shows" || ok "the question change shows (scope gone)"

# A damaged cache is never trusted: truncated, bytes changed, junk.
cache=$d/.kbcheck/cache/kbcheck.cache
check "$d" > /dev/null
size=$(stat -c %s "$cache")
truncate -s $((size / 2)) "$cache"
case "$(reused "$d")" in *"truncated: rebuilt"*) ok "truncation detected";; *) bad "truncation not detected";; esac
truncate -s $((size / 2)) "$cache"
check "$d" > "$tmp/trunc.json"
same "truncated cache" "$tmp/dep-ref.json" "$tmp/trunc.json"
size=$(stat -c %s "$cache")
printf 'XXXXXXXXXXXXXXXX' | dd of="$cache" bs=1 seek=$((size / 3)) conv=notrunc status=none
st=$(reused "$d")
# Entries are written as the workers finish them, so what lies a third of
# the way in differs from run to run: an entry's body (that entry is parsed
# again) or a frame's lengths (the rest cannot be read: all rebuilt).
case "$st" in *"1 damaged entry"*|*"cache was truncated: rebuilt"*) ok "a garbled entry is not trusted: $st";;
  *) bad "garbled: $st";; esac
printf 'XXXXXXXXXXXXXXXX' | dd of="$cache" bs=1 seek=$((size / 3)) conv=notrunc status=none
check "$d" > "$tmp/garbled.json"
same "garbled cache" "$tmp/dep-ref.json" "$tmp/garbled.json"
printf 'XXXX' | dd of="$cache" bs=1 seek=20 conv=notrunc status=none
check "$d" > "$tmp/header.json"
same "garbled cache header" "$tmp/dep-ref.json" "$tmp/header.json"
head -c 100000 /dev/urandom > "$cache"
check "$d" > "$tmp/junk.json"
same "junk for a cache" "$tmp/dep-ref.json" "$tmp/junk.json"

# Rules or config changed: the cache is of another key.
cp -r "$root/rules" "$tmp/rules"
sed -i "s/'\\\\bcancel'\]/'\\\\bcancel', '\\\\bcall\\\\s+off']/" "$tmp/rules/orders.yml"
grep -q 'call' "$tmp/rules/orders.yml" || bad "the rule edit applied"
check "$d" > /dev/null
check --rules "$tmp/rules" "$d" > "$tmp/rules.json"
check --rules "$tmp/rules" --no-cache "$d" > "$tmp/rules-ref.json"
same "changed rule pack: cached = fresh" "$tmp/rules-ref.json" "$tmp/rules.json"
check "$d" > /dev/null
case "$(reused --rules "$tmp/rules" "$d")" in *"another kbcheck build, rule packs"*) ok "the rule change invalidates the cache";; *) bad "rule change not seen";; esac
printf 'sources:\n  - glob: "help/vi/**"\n    scope: {region: north}\n' >> "$d/kbcheck.yml"
check "$d" > "$tmp/cfg.json"
check --no-cache "$d" > "$tmp/cfg-ref.json"
same "changed kbcheck.yml: cached = fresh" "$tmp/cfg-ref.json" "$tmp/cfg.json"
cmp -s "$tmp/cfg.json" "$tmp/dep-ref.json" && bad "the config change shows" || ok "the config change shows"

# A KB where the cache cannot be written still checks.
chmod -R a-w "$d/.kbcheck" 2> /dev/null
rm -f "$cache" 2> /dev/null
if [ "$(id -u)" != 0 ]; then
  chmod a-w "$d/.kbcheck/cache"
  check "$d" > "$tmp/ro.json"
  same "read-only cache folder" "$tmp/cfg-ref.json" "$tmp/ro.json"
fi
chmod -R u+w "$d/.kbcheck"

# A cache is this user's (cache/trust.h): its entries are signed with a
# key in $XDG_CACHE_HOME/kbcheck.  Two pages contradict each other; a
# forged cache gives the bot page the FAQ page's results (24 hours, not
# 12), which would hide the contradiction.
f=$tmp/forged
mkdir -p "$f/faq" "$f/bot"
printf '# Cancelling\n\n## Can I cancel my order?\n\nYou can cancel your order within 24 hours.\n' > "$f/faq/a.md"
printf '# Cancelling\n\n## Can I cancel my order?\n\nYou can cancel your order within 12 hours.\n' > "$f/bot/b.md"
sleep 2 # settled: described from their entries, unread
fcache=$f/.kbcheck/cache/kbcheck.cache
findings() { XDG_CACHE_HOME=$1 "$kb" check -q --format json "$f" 2> /dev/null | grep -c '"fingerprint"'; }
as_user() { XDG_CACHE_HOME=$1 "$kb" check -v --format json --output /dev/null "$f" 2>&1 | sed -n 's/^kbcheck: cache [^:]*: //p'; }
[ "$(findings "$tmp/me")" = 1 ] || bad "the two pages contradict each other"
key=$tmp/me/kbcheck/key
[ "$(stat -c %a "$key") $(stat -c %s "$key") $(stat -c %a "$tmp/me/kbcheck")" = "600 16 700" ] \
  && ok "the key is 16 bytes, 0600, in a 0700 folder" || bad "key file: $(stat -c '%a %s' "$key")"
cp "$fcache" "$tmp/genuine.cache"
python3 "$here/forge.py" "$fcache" faq/a.md bot/b.md || bad "forge.py"
[ "$(findings "$tmp/me")" = 1 ] && ok "a body moved to another entry is not trusted" \
  || bad "a forged cache (moved body) hid the contradiction"
cp "$tmp/genuine.cache" "$fcache"
python3 "$here/forge.py" "$fcache" faq/a.md bot/b.md "$key" || bad "forge.py with the key"
[ "$(findings "$tmp/me")" = 0 ] && ok "the forgery works with the user's key (the test is sound)" \
  || bad "the forgery signed with the user's key was refused"
[ "$(findings "$tmp/other")" = 1 ] && ok "a cache signed with another user's key is not trusted" \
  || bad "another user's cache hid the contradiction"
case "$(as_user "$tmp/me")" in *"user or machine: rebuilt"*) ok "…it says so, and is rebuilt";;
  *) bad "another user's cache: $(as_user "$tmp/me")";; esac
chmod 0644 "$key"
case "$(as_user "$tmp/me")" in *"not used: the key file is not a private file"*) ok "a key others can read is not used";;
  *) bad "a readable key: $(as_user "$tmp/me")";; esac
[ "$(findings "$tmp/me")" = 1 ] || bad "without a key the pages are read"
chmod 0600 "$key"
# Temporary files of killed runs: stale ones (10 minutes) are removed when
# the cache is written, fresh ones (a run writing now) and others kept.
cd "$f/.kbcheck/cache" && touch -d '-1 hour' kbcheck.cache.Ab3xYz && touch kbcheck.cache.Fresh1 \
  && touch -d '-1 hour' kbcheck.cache.keep-me notes.txt && rm kbcheck.cache && cd - > /dev/null
findings "$tmp/me" > /dev/null
[ "$(cd "$f/.kbcheck/cache" && ls -A | paste -sd' ')" = ".gitignore kbcheck.cache kbcheck.cache.Fresh1 kbcheck.cache.keep-me notes.txt" ] \
  && ok "a stale temporary file is removed, the others kept" \
  || bad "temporary files: $(ls -A "$f/.kbcheck/cache" | paste -sd' ')"

[ $fails = 0 ] && echo "determinism: all passed" || echo "determinism: $fails failed"
[ $fails = 0 ]
