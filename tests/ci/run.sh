#!/usr/bin/env bash
# The CI formats, checked by the tools that read them:
#   SARIF   Microsoft's SARIF validator (npm @microsoft/sarif-multitool,
#           installed by scripts/setup.sh into tests/tools/node_modules):
#           no error and no warning allowed
#   JUnit   xmllint --schema tests/schemas/junit-10.xsd (Jenkins' schema)
#   GitLab Code Quality, rdjsonl   parsed by node, required fields present
# on several knowledge bases (findings of every severity, input errors,
# acknowledged findings, a baseline, none at all), plus several formats in
# one run.
set -uo pipefail
kbcheck=$(realpath "$1")
# Under ASan/UBSan a sanitizer error must not pass for exit 1 (findings).
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}exitcode=86"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}exitcode=86"
root=${KB_SOURCE_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
export KBCHECK_RULES="$root/rules" NO_COLOR=1
# The validator is a self-contained .NET program: without ICU it needs
# invariant globalization.
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
check() { # name, condition
  if eval "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL $1"; fi
}

# Knowledge bases to render: name -> directory (run from its parent, so paths
# are relative as in CI).
golden="$root/tests/golden"
kbs=(formats:"$golden/kb-formats" bad-input:"$golden/cases/bad-input/kb"
     acks:"$golden/cases/acks/kb" demo:"$root/corpora/demo-shop")
mkdir -p "$tmp/empty/kb" && printf '# Nothing\n\nNo policy here.\n' > "$tmp/empty/kb/a.md"
kbs+=(empty:"$tmp/empty/kb")
# A file whose name is not UTF-8 (Latin-1 "é" as one byte, and a %): every
# format stays valid, the name encoded as faq-%E9%25.md (base/text.h).
mkdir -p "$tmp/latin1/kb"
printf '# Can I cancel my order?\n\nOrders can be cancelled within 48 hours.\n' > "$tmp/latin1/kb/faq-"$'\xe9'"%.md"
printf '# Can I cancel my order?\n\nOrders can be cancelled within 24 hours.\n' > "$tmp/latin1/kb/zz.md"
kbs+=(latin1:"$tmp/latin1/kb")
# A macro export on one line of 8 KB: each location's context is a window
# of the line (columns where it starts and ends), not the whole line.
mkdir -p "$tmp/long/kb" && perl -e 'print "{\"macros\":[", join(",", map { "{\"id\":$_,\"title\":" .
  "\"Orders::Macro $_\",\"actions\":[{\"field\":\"comment_value\",\"value\":\"Orders can be " .
  "cancelled within " . ($_ % 3 ? 24 : 48) . " hours.\"}]}" } 1..60), "]}"' > "$tmp/long/kb/macros.json"
kbs+=(long:"$tmp/long/kb")

render() { # name dir format file [extra args...]
  local name=$1 dir=$2 format=$3 file=$4; shift 4
  (cd "$(dirname "$dir")" && "$kbcheck" check --show-acked "$@" --format "$format" \
     --output "$file" "$(basename "$dir")" >/dev/null 2>&1)
  local st=$?
  check "$name: $format exit status $st is 0, 1 or 2" '[ $st -le 2 ]'
  check "$name: $format written" '[ -s "$file" ] || { [ "$format" = rdjsonl ] && [ -e "$file" ]; }'
}

for entry in "${kbs[@]}"; do
  name=${entry%%:*} dir=${entry#*:}
  for f in sarif junit junit-gitlab gitlab rdjsonl github; do
    render "$name" "$dir" "$f" "$tmp/$name.$f"
  done
done
# A baseline holding one of the two findings: baselineState in SARIF,
# skipped test cases in JUnit.
(cd "$golden" && "$kbcheck" check --format json kb-formats 2>/dev/null) > "$tmp/all.json"
grep -m1 '"fingerprint"' "$tmp/all.json" | sed 's/.*"\([0-9a-f]\{16\}\)".*/\1/' > "$tmp/fp"
printf '{"schema": 1, "findings": [{"fingerprint": "%s"}]}\n' "$(cat "$tmp/fp")" > "$tmp/base.json"
for f in sarif junit; do
  render baseline "$golden/kb-formats" "$f" "$tmp/baseline.$f" --baseline "$tmp/base.json"
done
# The name not UTF-8: JSON that a strict parser reads, the same name in
# every format, and a baseline that reads back.
(cd "$tmp/latin1" && "$kbcheck" check --format json kb 2>/dev/null) > "$tmp/latin1.json"
check "a name not UTF-8: strict JSON" 'python3 -c "import json,sys; json.load(open(sys.argv[1], encoding=\"utf-8\"))" "$tmp/latin1.json"'
for f in json sarif junit-gitlab gitlab rdjsonl; do
  check "a name not UTF-8: $f says kb/faq-%E9%25.md" 'grep -q "kb/faq-%E9%25.md" "$tmp/latin1.$f"'
done
# JUnit's text is the text report's, names escaped for reading (\xe9).
for f in json sarif junit junit-gitlab gitlab rdjsonl; do
  check "a name not UTF-8: $f is UTF-8" 'iconv -f UTF-8 -t UTF-8 "$tmp/latin1.$f" > /dev/null'
done
(cd "$tmp/latin1" && "$kbcheck" baseline create -o "$tmp/latin1-base.json" kb > /dev/null 2>&1 &&
   "$kbcheck" check --baseline "$tmp/latin1-base.json" kb > /dev/null 2> "$tmp/latin1-base.err")
check "a name not UTF-8: its baseline reads back (exit $?)" '[ ! -s "$tmp/latin1-base.err" ] &&
  grep -q "\"fingerprint\"" "$tmp/latin1-base.json"'
check "SARIF marks the baseline" 'grep -q "\"baselineState\": \"unchanged\"" "$tmp/baseline.sarif" &&
  grep -q "\"baselineState\": \"new\"" "$tmp/baseline.sarif"'
check "JUnit skips existing findings" 'grep -q "<skipped message=\"existing finding" "$tmp/baseline.junit"'
check "SARIF suppresses acknowledged findings" 'grep -q "\"justification\"" "$tmp/acks.sarif"'
check "SARIF quotes a window of a long line" \
  'grep -q "\"startColumn\"" "$tmp/long.sarif" && ! grep -q "Macro 1\".*Macro 60\"" "$tmp/long.sarif"'
check "SARIF notifications carry input errors" 'grep -q "\"executionSuccessful\": false" "$tmp/bad-input.sarif"'

# SARIF: Microsoft's validator, every file at once.  Two traps, both
# guarded against: the validator exits 0 whatever it finds, and a file it
# cannot deserialize (say an unknown "level") silences the whole batch.  So
# no error or warning line is allowed, and every file must show the note
# SARIF2003 that the validator gives every run it really analysed.  The
# platform binary is called directly (the package's bin.js goes through a
# shell, which splits the --level list); its only network use, fetching
# the $schema URI for note SARIF2006, is sent to a closed port.
tools="$root/tests/tools"
[ -d "$tools/node_modules/@microsoft/sarif-multitool" ] ||
  "$root/scripts/setup.sh" sarif-validator >/dev/null
validator=$(cd "$tools" && node -p "require('@microsoft/sarif-multitool')" 2>/dev/null)
if [ -n "$validator" ] && [ -x "$validator" ]; then
  (cd "$tmp" && HTTPS_PROXY=http://127.0.0.1:9 HTTP_PROXY=http://127.0.0.1:9 \
     "$validator" validate --level "Error;Warning;Note" ./*.sarif) > "$tmp/validate.log" 2>&1
  st=$?
  nfiles=$(ls "$tmp"/*.sarif | wc -l)
  check "sarif-multitool ran on $nfiles files" '[ $st -eq 0 ] && grep -q "Done. $nfiles files scanned" "$tmp/validate.log"'
  check "sarif-multitool: no error or warning" '! grep -E ": (error|warning) [A-Z]+[0-9]+" "$tmp/validate.log"'
  grep -E ": (error|warning) [A-Z]+[0-9]+" "$tmp/validate.log" | head -20
  for f in "$tmp"/*.sarif; do
    check "sarif-multitool analysed $(basename "$f")" 'grep -q "$(basename "$f")([0-9,]*): note SARIF2003" "$tmp/validate.log"'
  done
else
  check "the SARIF validator is installed (scripts/setup.sh test)" false
fi

# JUnit: the strict output against Jenkins' schema; the GitLab flavour is
# well-formed XML with file and line attributes.
xsd="$root/tests/schemas/junit-10.xsd"
for x in "$tmp"/*.junit; do
  check "$(basename "$x") valid against junit-10.xsd" \
    'xmllint --noout --schema "$xsd" "$x" 2>"$tmp/xmllint.err" || { cat "$tmp/xmllint.err"; false; }'
done
for x in "$tmp"/*.junit-gitlab; do
  check "$(basename "$x") well-formed" 'xmllint --noout "$x"'
done
check "junit-gitlab has file and line" 'grep -q "file=\"kb-formats/en/orders.md\" line=\"" "$tmp/formats.junit-gitlab" ||
  grep -q " file=\"kb-formats/" "$tmp/formats.junit-gitlab"'

# JUnit case names are the attribute and its scope only: the same when a
# line moves or a contradiction is fixed (Jenkins' test age, GitLab's new
# and fixed lists follow the name).
cases() { grep -o '<testcase name="[^"]*" classname="[^"]*"' "$1" | sort; }
cp -r "$golden/kb-formats" "$tmp/moving"
(cd "$tmp" && "$kbcheck" check --format junit moving > "$tmp/moving-1.junit" 2>/dev/null)
sed -i '1i\\' "$tmp/moving/vi/don-hang.md" "$tmp/moving/en/faq, 100%.md"
(cd "$tmp" && "$kbcheck" check --format junit moving > "$tmp/moving-2.junit" 2>/dev/null)
sed -i 's/48 giờ/24 giờ/' "$tmp/moving/vi/don-hang.md"
(cd "$tmp" && "$kbcheck" check --format junit moving > "$tmp/moving-3.junit" 2>/dev/null)
check "JUnit: a failing window case to start with" \
  'grep -A1 "<testcase name=\"window\" classname=\"order.cancel\">" "$tmp/moving-1.junit" | grep -q "<failure"'
check "JUnit: case names stay when lines move" 'diff <(cases "$tmp/moving-1.junit") <(cases "$tmp/moving-2.junit")'
check "JUnit: case names stay when a contradiction is fixed" \
  'diff <(cases "$tmp/moving-1.junit") <(cases "$tmp/moving-3.junit") &&
   grep -q "<testcase name=\"window\" classname=\"order.cancel\"/>" "$tmp/moving-3.junit"'
(cd "$golden/cases/labels" && "$kbcheck" check --no-cache --format junit kb 2>/dev/null) > "$tmp/scoped.junit"
check "JUnit: one case per scope" 'grep -q "<testcase name=\"window \[tier=vip\]\" classname=\"returns.window\">" "$tmp/scoped.junit" &&
  grep -q "<testcase name=\"window\" classname=\"returns.window\"/>" "$tmp/scoped.junit"'
for x in "$tmp"/moving-*.junit "$tmp/scoped.junit"; do
  check "$(basename "$x") valid against junit-10.xsd" 'xmllint --noout --schema "$xsd" "$x" 2>/dev/null'
done

# GitLab Code Quality and rdjsonl: parsed, with the fields their readers need.
cat > "$tmp/check.js" <<'EOF'
const fs = require('fs');
const [kind, file] = process.argv.slice(2);
const text = fs.readFileSync(file, 'utf8');
const need = (c, what) => { if (!c) { console.error(file + ': ' + what); process.exit(1); } };
if (kind === 'gitlab') {
  const issues = JSON.parse(text);
  need(Array.isArray(issues), 'not an array');
  const fps = new Set();
  for (const i of issues) {
    need(typeof i.description === 'string' && typeof i.check_name === 'string', 'description/check_name');
    need(/^[0-9a-f]{16}$/.test(i.fingerprint) && !fps.has(i.fingerprint), 'unique fingerprint');
    fps.add(i.fingerprint);
    need(['info', 'minor', 'major', 'critical', 'blocker'].includes(i.severity), 'severity ' + i.severity);
    need(typeof i.location.path === 'string' && i.location.lines.begin >= 1, 'location');
  }
} else {
  for (const line of text.split('\n').filter(l => l.length)) {
    const d = JSON.parse(line);
    need(typeof d.message === 'string' && typeof d.location.path === 'string', 'message/location');
    need(['ERROR', 'WARNING', 'INFO'].includes(d.severity), 'severity ' + d.severity);
    for (const s of d.suggestions || [])
      need(s.range.start.line >= 1 && s.range.start.column >= 1 && typeof s.text === 'string', 'suggestion');
  }
}
EOF
for f in "$tmp"/*.gitlab; do
  check "$(basename "$f") is a Code Quality report" 'node "$tmp/check.js" gitlab "$f"'
done
for f in "$tmp"/*.rdjsonl; do
  check "$(basename "$f") is rdjsonl" 'node "$tmp/check.js" rdjsonl "$f"'
done
check "github: one annotation per deviating phrase" \
  '[ "$(grep -c "^::\(error\|warning\|notice\) file=kb-formats/" "$tmp/formats.github")" -ge 3 ]'

# A statement repeated on many pages: one finding with many deviating
# phrases, each annotated.  Every format's output grows linearly with the
# copies (an annotation or a reviewdog diagnostic lists a bounded number of
# the other sides), not with their square.
repeated() { # dir n: n pages that agree, n/2 that deviate
  mkdir -p "$1"
  perl -e 'for (1..$ARGV[1]) { open my $f, ">", "$ARGV[0]/a$_.md" or die;
             print $f "# Can I cancel my order?\n\nOrders can be cancelled within 24 hours.\n" }
           for (1..$ARGV[1] / 2) { open my $f, ">", "$ARGV[0]/b$_.md" or die;
             print $f "# Can I cancel my order?\n\nOrders can be cancelled within 48 hours.\n" }' "$1" "$2"
}
repeated "$tmp/rep-1" 100
repeated "$tmp/rep-4" 400
for f in text json sarif junit junit-gitlab github gitlab rdjsonl; do
  s1=$(cd "$tmp" && "$kbcheck" check --no-cache --format "$f" rep-1 2>/dev/null | wc -c)
  s4=$(cd "$tmp" && "$kbcheck" check --no-cache --format "$f" rep-4 2>/dev/null | wc -c)
  check "$f: 4 times the copies, $s1 -> $s4 bytes (linear)" '[ "$s1" -gt 1000 ] && [ "$s4" -lt $((s1 * 6)) ]'
done
(cd "$tmp" && "$kbcheck" check --no-cache --format github rep-4 2>/dev/null) > "$tmp/rep.github"
check "github: an annotation per deviating phrase, its other sides bounded" \
  '[ "$(grep -c "^::warning file=rep-4/b" "$tmp/rep.github")" -eq 200 ] &&
   grep -q "%0Aand 589 more (kbcheck check lists them)%0A" "$tmp/rep.github"'
# GitHub's job summary: a Markdown table when GITHUB_STEP_SUMMARY is set,
# appended to what earlier steps wrote.
echo "earlier step" > "$tmp/summary.md"
(cd "$golden" && GITHUB_STEP_SUMMARY="$tmp/summary.md" "$kbcheck" check --format github kb-formats > /dev/null 2>&1)
check "github: the job summary" 'head -1 "$tmp/summary.md" | grep -q "^earlier step$" &&
  grep -q "^### kbcheck$" "$tmp/summary.md" &&
  grep -q "^| error | \`order.cancel.fee\` | kb-formats/en/faq, 100%.md:5 | " "$tmp/summary.md"'
(cd "$golden" && GITHUB_STEP_SUMMARY="$tmp/summary2.md" "$kbcheck" check --format sarif kb-formats > /dev/null 2>&1)
check "no job summary without --format github" '[ ! -e "$tmp/summary2.md" ]'

# Several formats in one run: each file as it is alone.
(cd "$golden" && "$kbcheck" check --format sarif --output "$tmp/m.sarif" --format junit \
   --output "$tmp/m.xml" --format github kb-formats > "$tmp/m.github" 2>/dev/null)
st=$?
check "several formats: exit 1 (findings)" '[ $st -eq 1 ]'
(cd "$golden" && "$kbcheck" check --format sarif kb-formats 2>/dev/null) > "$tmp/one.sarif"
check "several formats: SARIF file as alone" 'cmp -s "$tmp/m.sarif" "$tmp/one.sarif"'
check "several formats: JUnit file valid" 'xmllint --noout --schema "$xsd" "$tmp/m.xml" 2>/dev/null'
check "several formats: github on stdout" 'grep -q "^::error file=" "$tmp/m.github"'

echo "ci: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
