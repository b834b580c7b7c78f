#!/usr/bin/env bash
# Builds the seed corpora of the fuzz targets from the inputs the tests
# already hold (tests/golden, tests/data, corpora, rules) plus the
# hand-written seeds in tests/fuzz/seeds/<target>.
#   tests/fuzz/seeds.sh OUTDIR      -> OUTDIR/<target>/<n>
# Multi-file targets (rasa, dialogflow_*) get a project's files joined by
# the separator line of harness.h.
set -euo pipefail
out=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
here="$root/tests/fuzz"
rm -rf "$out"
mkdir -p "$out"
cd "$root"
sep=$'\n#--8<--\n'
kb_dirs=(tests/golden tests/data tests/audit corpora)

n=0
put() { # target file...   (joins several files with the separator)
  local t=$1; shift
  mkdir -p "$out/$t"
  n=$((n + 1))
  local f="$out/$t/seed-$n" first=1
  : >"$f"
  for part in "$@"; do
    [ $first = 1 ] || printf '%s' "$sep" >>"$f"
    first=0
    if [ -f "$part" ]; then cat "$part" >>"$f"; fi
  done
}
prefixed() { # target byte file: the file with one byte before it (detect, normalize)
  mkdir -p "$out/$1"
  n=$((n + 1))
  { printf "\\x$(printf %02x "$2")"; cat "$3"; } >"$out/$1/seed-$n"
}
files() { find "${kb_dirs[@]}" -type f "$@" -print0 2>/dev/null | sort -z; }

while IFS= read -r -d '' f; do put markdown "$f"; prefixed detect 0 "$f"; done \
  < <(files \( -name '*.md' -o -name '*.markdown' \) -not -name 'expected*')
while IFS= read -r -d '' f; do
  put html "$f"; prefixed detect 1 "$f"
  # The JSON-LD blocks of the page, for the jsonld target.
  if grep -q 'application/ld+json' "$f"; then
    mkdir -p "$out/jsonld"; n=$((n + 1))
    awk '/application\/ld\+json/ {on=1; sub(/.*application\/ld\+json[^>]*>/, "")}
         on && /<\/script>/ {sub(/<\/script>.*/, ""); print; on=0; next}
         on {print}' "$f" >"$out/jsonld/seed-$n"
  fi
done < <(files \( -name '*.html' -o -name '*.htm' \))
# Template pages: the first byte picks the engine (fuzz_template.c).
while IFS= read -r -d '' f; do
  # k: the engine in fuzz_template.c; d: a name of its kind in fuzz_detect.c
  case $f in
    *.blade.php) k=1 d=17 ;; *.php) k=0 d=16 ;; *.twig) k=2 d=1 ;; *.j2|*.jinja) k=3 d=1 ;;
    *.liquid) k=4 d=19 ;; *.njk) k=5 d=1 ;; *.hbs) k=6 d=1 ;; *.erb) k=7 d=1 ;; *.vue) k=8 d=18 ;;
  esac
  prefixed template "$k" "$f"; prefixed detect "$d" "$f"
done < <(files \( -name '*.php' -o -name '*.twig' -o -name '*.j2' -o -name '*.jinja' \
  -o -name '*.liquid' -o -name '*.njk' -o -name '*.hbs' -o -name '*.erb' -o -name '*.vue' \))
while IFS= read -r -d '' f; do put aiml "$f"; prefixed detect 8 "$f"; done \
  < <(files \( -name '*.aiml' -o -name '*.xml' \))

# Rasa: domain, then the project's data/nlu.yml, stories.yml, rules.yml.
while IFS= read -r -d '' f; do
  d=$(dirname "$f")
  put rasa "$f" "$d/data/nlu.yml" "$d/data/stories.yml" "$d/data/rules.yml"
  prefixed detect 2 "$f"
done < <(files -name 'domain.yml')
while IFS= read -r -d '' f; do put rasa /dev/null "$f"; prefixed detect 3 "$f"; done \
  < <(files -path '*/data/*.yml')

# Dialogflow ES: an intent, its first _usersays_ file, agent.json.
while IFS= read -r -d '' f; do
  d=$(dirname "$f"); b=$(basename "$f" .json)
  us=$(ls "$d/${b}_usersays_"*.json 2>/dev/null | awk "NR == 1" || true)
  put dialogflow_es "$f" "${us:-/dev/null}" "$d/../agent.json"
  prefixed detect 4 "$f"
done < <(files -path '*/intents/*.json' -not -name '*_usersays_*' -not -path '*/trainingPhrases/*')
# Dialogflow CX: a flow, its first page, the first training phrases, agent.json.
while IFS= read -r -d '' f; do
  d=$(dirname "$f"); agent=$(dirname "$(dirname "$d")")
  page=$(find "$d/pages" -name "*.json" 2>/dev/null | sort | awk "NR == 1")
  tp=$(find "$agent/intents" -path "*/trainingPhrases/*.json" 2>/dev/null | sort | awk "NR == 1")
  put dialogflow_cx "$f" "${page:-/dev/null}" "${tp:-/dev/null}" "$agent/agent.json"
  prefixed detect 7 "$f"
done < <(files -path '*/flows/*/*.json' -not -path '*/pages/*')
while IFS= read -r -d '' f; do put dialogflow_cx /dev/null "$f"; done \
  < <(files -path '*/flows/*/pages/*.json')

# Helpdesk exports and any other JSON.
while IFS= read -r -d '' f; do put helpdesk "$f"; prefixed detect 11 "$f"; done \
  < <(files -name '*.json' -not -path '*/dialogflow/*' -not -name 'expected*' -not -name 'baseline*')

# Mapped exports: a kbcheck.yml with a map, then each JSON or YAML file
# beside it.
while IFS= read -r -d '' cfg; do
  grep -q 'map:' "$cfg" || continue
  while IFS= read -r -d '' f; do put mapped "$cfg" "$f"; done \
    < <(find "$(dirname "$cfg")" -type f \( -name '*.json' -o -name '*.yml' \) -not -name kbcheck.yml -print0 | sort -z)
done < <(files -name 'kbcheck.yml')

# CSV tables.
while IFS= read -r -d '' f; do put csv "$f"; prefixed detect 14 "$f"; done < <(files -name '*.csv')

# Texts in source code: the first byte picks the language (fuzz_codestr.c).
while IFS= read -r -d '' f; do
  case "$f" in
    *.php) k=4 d=18 ;; *.tsx) k=3 d=17 ;; *.jsx) k=2 d=17 ;; *.ts) k=1 d=19 ;; *) k=0 d=16 ;;
  esac
  prefixed codestr "$k" "$f"; prefixed detect "$d" "$f"
done < <(files \( -name '*.js' -o -name '*.mjs' -o -name '*.ts' -o -name '*.jsx' -o -name '*.tsx' -o -name '*.php' \))

# Rule packs, configs.
while IFS= read -r -d '' f; do
  if grep -q "kbcheck: rules/1" "$f"; then put rules "$f"; fi
done < <(find rules tests/data/rules tests/golden -name '*.yml' -print0 | sort -z)
while IFS= read -r -d '' f; do put config "$f"; done < <(files -name 'kbcheck.yml')
# The files a check reads besides the KB: acknowledgements, policy, baseline.
while IFS= read -r -d '' f; do put acks "$f"; done < <(files -name 'acks.yml')
while IFS= read -r -d '' f; do put policy "$f"; done < <(files -name 'policy.yml')
while IFS= read -r -d '' f; do put baseline "$f"; done \
  < <(files \( -name 'baseline*.json' -o -name 'expected.json' \))

# Normalizer: the rule packs' test sentences, for each value type.
mkdir -p "$out/normalize"
grep -hoE '^\s*-?\s*(en|vi|th): .{4,}' rules/*.yml | sed -E 's/^\s*-?\s*(en|vi|th): //' |
  awk 'NR <= 80' | while IFS= read -r line; do
  for k in 0 1 2 3 4 5 6; do
    n=$((n + 1))
    for l in 0 1 2; do printf "\\x$k\\x$l%s" "$line" >"$out/normalize/seed-$n-$l"; done
  done
done

# Hand-written seeds and the inputs that once failed.
for d in "$here"/seeds/* "$here"/regress/*; do
  [ -d "$d" ] || continue
  t=$(basename "$d")
  mkdir -p "$out/$t"
  cp "$d"/* "$out/$t/" 2>/dev/null || true
done
for t in "$out"/*/; do echo "$(basename "$t"): $(ls "$t" | wc -l) seeds"; done
