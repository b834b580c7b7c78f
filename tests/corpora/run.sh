#!/usr/bin/env bash
# Every labelled corpus in corpora/ must give exactly its expected findings
# (precision and recall 1.0), and its rule tests must pass.
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
exit $status
