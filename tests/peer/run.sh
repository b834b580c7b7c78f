#!/usr/bin/env bash
# Peer suite: phrases from Duckling's test corpus (../shared/peer/duckling,
# BSD-3-Clause) through `kbcheck normalize`, compared with Duckling's values.
#
#   tests/peer/run.sh KBCHECK          (ctest passes the binary path)
#
# KB_SHARED points at the shared directory (default: ../shared beside the
# project).  Prints the accuracy per file and every failure; exits 1 when an
# in-scope file scores under 95%, 2 when the binary is missing; without the
# data, 77 (skipped), or 2 under KB_REQUIRE_SHARED=1 (CI).
# One kbcheck process per row (about 300 rows, a second or two); the
# comparison is one awk program, so only bash and awk are needed.
set -u

bin=${1:?usage: run.sh PATH-TO-KBCHECK}
here=$(cd "$(dirname "$0")" && pwd)
shared=${KB_SHARED:-$here/../../../shared}
data=$shared/peer/duckling
threshold=95

[ -x "$bin" ] || { echo "peer: no kbcheck binary at $bin" >&2; exit 2; }
if [ ! -d "$data" ]; then
  # 77: skipped (ctest says so); a failure where the shared folder must be.
  [ "${KB_REQUIRE_SHARED:-0}" != 0 ] && { echo "peer: no peer data at $data" >&2; exit 2; }
  echo "peer: skipped: no peer data at $data (set KB_SHARED to the shared folder)"
  exit 77
fi

# file  kbcheck --type  --locale
files="duration_en duration en
numeral_en number en
numeral_vi number vi
numeral_th number th
amountofmoney_en money en
amountofmoney_vi money vi"

# Rows out of scope: file, phrase, reason.  They are counted and listed but
# do not score.  Rows with expected_kind latent_* are skipped too: Duckling
# itself only reports them when asked for latent (unitless) values.
skip_list() {
	cat <<'SKIP'
numeral_en	a few	vague quantity: reading "a few days" as exactly 3 days would invent a promise the KB does not make
numeral_en	few	vague quantity, as "a few"
numeral_th	ไม่มี	"there is none" is a negation, not a numeral; as a number it would turn "ไม่มีค่าธรรมเนียม..." sentences into the value 0
SKIP
}

# Expected values that differ from Duckling's, with the reason: file,
# phrase, expected currency.
override_list() {
	cat <<'OVR'
amountofmoney_vi	mười đô mỹ	USD	"đô Mỹ" names the US dollar, so the currency is certain (Duckling keeps the ambiguous Dollar)
OVR
}

work=$(mktemp -d) || exit 2
trap 'rm -rf "$work"' EXIT
skip_list >"$work/skip"
override_list >"$work/override"

field() { # field NAME JSON -> value (string contents or bare token)
	local re="\"$1\":[[:space:]]*(\"([^\"]*)\"|[^,}[:space:]]+)"
	if [[ $2 =~ $re ]]; then
		if [[ ${BASH_REMATCH[1]} == \"* ]]; then printf '%s' "${BASH_REMATCH[2]}"; else printf '%s' "${BASH_REMATCH[1]}"; fi
	fi
}

while read -r name type locale; do
	tsv=$data/$name.tsv
	[ -f "$tsv" ] || { echo "peer: missing $tsv" >&2; exit 2; }
	while IFS= read -r line; do
		case $line in '#'* | phrase$'\t'* | '') continue ;; esac
		IFS=$'\x1f' read -r phrase kind value unit min max <<<"${line//$'\t'/$'\x1f'}"
		case $kind in latent_*) continue ;; esac
		out=$("$bin" normalize --type "$type" --locale "$locale" -- "$phrase" 2>&1)
		rc=$?
		[ $rc -eq 0 ] || out="{\"kind\": \"error-$rc\"}"
		printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
			"$name" "$phrase" "$kind" "$value" "$unit" "$min" "$max" \
			"$(field kind "$out")" "$(field min "$out")" "$(field max "$out")" \
			"$(field currency "$out")" "$(field bound "$out")"
	done <"$tsv"
done <<<"$files" >"$work/results"

awk -F'\t' -v threshold="$threshold" -v skipf="$work/skip" -v ovrf="$work/override" '
BEGIN {
	while ((getline l < skipf) > 0) { split(l, a, "\t"); skip[a[1] "\t" a[2]] = a[3] }
	while ((getline l < ovrf) > 0) { split(l, a, "\t"); ovr[a[1] "\t" a[2]] = a[3] }
	secs["second"] = 1; secs["minute"] = 60; secs["hour"] = 3600; secs["day"] = 86400
	secs["week"] = 604800; secs["month"] = 2592000; secs["year"] = 31536000
	# Duckling currency constructors -> what kbcheck writes.  Ambiguous
	# names stay as written: Dollar "$"; "bucks" (Unnamed) is dollars too.
	cur["Dollar"] = "$"; cur["Unnamed"] = "$"; cur["Pound"] = "GBP"
	cur["Dinar"] = "dinar"; cur["Riyal"] = "riyal"; cur["Rial"] = "rial"
}
function near(a, b) {
	if (a == "null" || b == "null" || a == "" || b == "") return a == b
	a += 0; b += 0
	return (a - b <= 1e-6 * (a < 0 ? -a : a) + 1e-9) && (b - a <= 1e-6 * (a < 0 ? -a : a) + 1e-9)
}
{
	file = $1; phrase = $2; kind = $3; value = $4; unit = $5; emin = $6; emax = $7
	gkind = $8; gmin = $9; gmax = $10; gcur = $11; gbound = $12
	if (!(file in order)) { order[file] = ++nfiles; names[nfiles] = file }
	key = file "\t" phrase
	if (key in skip) { out[file]++; outrows = outrows sprintf("  %s: %s  (%s)\n", file, phrase, skip[key]); next }
	total[file]++
	want = ""; ok = 0
	if (kind == "none") {
		ok = gkind == "none"; want = "none"
	} else if (kind == "duration") {
		v = value * secs[unit]
		ok = gkind == "duration" && gbound == "exact" && near(gmin, v) && near(gmax, v)
		want = "duration " v " s"
	} else if (kind == "number") {
		ok = gkind == "number" && gbound == "exact" && near(gmin, value) && near(gmax, value)
		want = "number " value
	} else if (kind ~ /^money/) {
		c = (unit in cur) ? cur[unit] : unit
		if (unit == "Cent") { c = "$"; value = value / 100 }
		if (key in ovr) c = ovr[key]
		if (kind == "money") {
			lo = value; hi = value; b = "exact"
		} else if (kind == "money_interval") {
			lo = emin; hi = emax; b = "range"
		} else if (kind == "money_under") {
			lo = "null"; hi = emax; b = "at_most"
		} else {
			lo = emin; hi = "null"; b = "at_least"
		}
		ok = gkind == "money" && gcur == c && gbound == b && near(gmin, lo) && near(gmax, hi)
		want = "money " b " " lo ".." hi " " c
	} else {
		want = "?" kind
	}
	if (ok) pass[file]++
	else fails = fails sprintf("  %s: %-45s want %-32s got %s %s %s..%s %s\n", file, phrase, want, gkind, gbound, gmin, gmax, gcur)
}
END {
	status = 0
	printf "peer accuracy (Duckling corpus, threshold %d%%):\n", threshold
	for (k = 1; k <= nfiles; k++) {
		f = names[k]; p = pass[f] + 0; t = total[f] + 0
		pct = t ? 100 * p / t : 100
		mark = pct + 1e-9 >= threshold ? "ok" : "FAIL"
		if (mark == "FAIL") status = 1
		printf "  %-18s %3d/%-3d %6.1f%%  %s  (%d out of scope)\n", f, p, t, pct, mark, out[f] + 0
	}
	if (fails != "") printf "failures:\n%s", fails
	if (outrows != "") printf "out of scope:\n%s", outrows
	exit status
}' "$work/results"
