#!/usr/bin/env bash
# Real support content (../shared/corpora-real: upstream files, not written
# by this project) through `kbcheck check` and `kbcheck units`, with exact
# expectations so that a regression in a parser, a rule or the comparator
# fails here:
#
#   woocommerce  the default refund page contradicts itself (30 days from
#                purchase vs from delivery): exactly that one finding
#   bitext       6,480 CSV rows and their intent -> responses JSON: a
#                negative control, templated answers, no finding
#   rasa         a real Rasa project: no finding
#   dialogflow   webhook-only intents: six "no static answer" notes
#
#   tests/real/run.sh KBCHECK          (ctest passes the binary path)
#
# KB_SHARED points at the shared folder (default: ../shared beside the
# project).  Prints one line per corpus and every mismatch; exits 1 on a
# mismatch, 2 when the binary is missing; without the data, 77 (skipped),
# or 2 under KB_REQUIRE_SHARED=1 (CI).  JSON is read with
# node (a test dependency already).
set -u

bin=${1:?usage: run.sh PATH-TO-KBCHECK}
here=$(cd "$(dirname "$0")" && pwd)
root=${KB_SOURCE_ROOT:-$(cd "$here/../.." && pwd)}
shared=${KB_SHARED:-$here/../../../shared}
real=$shared/corpora-real
export NO_COLOR=1 KBCHECK_RULES="$root/rules"

[ -x "$bin" ] || { echo "real: no kbcheck binary at $bin" >&2; exit 2; }
bin=$(realpath "$bin")
if [ ! -d "$real" ]; then
  # 77: skipped (ctest says so); a failure where the shared folder must be.
  [ "${KB_REQUIRE_SHARED:-0}" != 0 ] && { echo "real: no corpora at $real" >&2; exit 2; }
  echo "real: skipped: no corpora at $real (set KB_SHARED to the shared folder)"
  exit 77
fi
command -v node > /dev/null || { echo "real: node is needed to read the JSON" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
failed=() # corpora with a mismatch

# The facts of one run, one "key<TAB>value" per line: exit status, counts,
# diagnostics by severity, units per file (paths relative to the corpus)
# and each finding as "topic attribute line=value ..." (lines sorted).
cat > "$tmp/facts.js" <<'EOF'
const fs = require('fs');
const [check, units] = [2, 3].map(i => JSON.parse(fs.readFileSync(process.argv[i], 'utf8')));
const corpus = process.argv[4] + '/', status = process.argv[5];
const rel = p => p.startsWith(corpus) ? p.slice(corpus.length) : p;
const out = [['exit', status], ['units', check.stats.units], ['claims', check.stats.claims],
             ['findings', check.findings.length]];
for (const sev of ['error', 'warning', 'note'])
  out.push([sev + 's', check.errors.filter(e => e.severity === sev).length]);
out.push(['no static answer', check.errors.filter(e => /has no static answer/.test(e.message)).length]);
const per = {};
for (const u of units.units) per[rel(u.path)] = (per[rel(u.path)] || 0) + 1;
for (const p of Object.keys(per).sort()) out.push(['units ' + p, per[p]]);
check.findings.forEach((f, i) => {
  const sides = f.claims.map(c => [c.line, c.value.value]).sort((a, b) => a[0] - b[0]);
  out.push(['finding ' + (i + 1), [f.topic, f.attribute, ...sides.map(s => s.join('='))].join(' ')]);
});
for (const e of check.errors)
  out.push(['diagnostic', `${rel(e.path || '')}:${e.line}:${e.column}: ${e.severity}: ${e.message}`]);
console.log(out.map(([k, v]) => k + '\t' + v).join('\n'));
EOF

# run CORPUS: check and list units, then print the summary line.
run() {
  local c=$1
  (cd "$real" && "$bin" check --no-cache --format json "$c" > "$tmp/$c.check" 2> "$tmp/$c.stderr")
  local status=$?
  (cd "$real" && "$bin" units --format json "$c" > "$tmp/$c.units" 2>> "$tmp/$c.stderr")
  if ! node "$tmp/facts.js" "$tmp/$c.check" "$tmp/$c.units" "$c" "$status" > "$tmp/$c.facts"; then
    echo "FAIL $c: kbcheck gave no report (exit $status)"
    sed 's/^/  /' "$tmp/$c.stderr"
    fail=1
    failed+=("$c")
    : > "$tmp/$c.facts"
  fi
  printf '%-42s %5s units %5s claims %3s findings\n' "$c:" "$(fact "$c" units)" \
    "$(fact "$c" claims)" "$(fact "$c" findings)"
}

fact() { awk -F'\t' -v k="$2" '$1 == k { print $2 }' "$tmp/$1.facts"; }

# expect CORPUS KEY VALUE
expect() {
  local got
  got=$(fact "$1" "$2")
  if [ "$got" != "$3" ]; then
    echo "FAIL $1: $2 is '${got:-<none>}', expected '$3'"
    fail=1
    failed+=("$1")
  fi
}

# Every key of the form "units <file>" of CORPUS is listed: no file gains
# or loses its units unnoticed.
expect_files() {
  local c=$1 got want
  got=$(awk -F'\t' '$1 ~ /^units / { print substr($1, 7) }' "$tmp/$c.facts" | sort)
  want=$(printf '%s\n' "${@:2}" | sort)
  if [ "$got" != "$want" ]; then
    echo "FAIL $c: the files with units are:"
    printf '%s\n' "$got" | sed 's/^/  /'
    fail=1
    failed+=("$c")
  fi
}

show_diagnostics() {
  awk -F'\t' '$1 == "diagnostic" { print "  " $2 }' "$tmp/$1.facts"
}

# ---- WooCommerce refund and returns page ------------------------------------
c=woocommerce-refund-returns-template-en
page=$real/$c/refund_returns.html
purchase=$(grep -n "30 days have passed since your purchase" "$page" | cut -d: -f1)
delivery=$(grep -n "30 days after delivery" "$page" | cut -d: -f1)
run $c
expect $c exit 1
expect $c findings 1
expect $c "finding 1" "returns.window from $purchase=purchase $delivery=delivery"
expect $c units 10
expect $c "units refund_returns.html" 9
expect $c "units README.md" 1
expect_files $c README.md refund_returns.html
expect $c errors 0
expect $c warnings 0
expect $c notes 0

# ---- Bitext customer support dataset ----------------------------------------
c=bitext-customer-support-en
csv=data/train/Bitext_Sample_Customer_Support_Training_Dataset.csv
json=DERIVED_unique_responses_by_intent.json
run $c
expect $c exit 0
expect $c findings 0
expect $c units 6511
expect $c "units $csv" 6480
expect $c "units $json" 27
expect $c "units README.md" 4
expect_files $c $csv $json README.md
expect $c errors 0
expect $c warnings 0
expect $c notes 0

# ---- Rasa retail demo --------------------------------------------------------
c=rasa-retail-demo-en
run $c
expect $c exit 0
expect $c findings 0
expect $c units 52
expect $c "units domain.yml" 43
expect $c "units README.md" 9
expect_files $c domain.yml README.md
expect $c errors 0
expect $c warnings 0
expect $c notes 0

# ---- Dialogflow ES e-commerce support bot ------------------------------------
c=dialogflow-ecommerce-support-en
bot=Ecommerce-Support-Bot/intents
run $c
expect $c exit 0
expect $c findings 0
expect $c units 30
expect $c "units $bot/Default Fallback Intent.json" 12
expect $c "units $bot/Default Welcome Intent.json" 4
expect $c "units README.md" 14
expect_files $c "$bot/Default Fallback Intent.json" "$bot/Default Welcome Intent.json" README.md
expect $c errors 0
expect $c warnings 0
expect $c notes 6
expect $c "no static answer" 6

if [ $fail -ne 0 ]; then
  for c in $(printf '%s\n' "${failed[@]}" | sort -u); do
    grep -q "^diagnostic" "$tmp/$c.facts" && { echo "$c diagnostics:"; show_diagnostics "$c"; }
  done
  exit 1
fi
echo "real: all as expected"
