#!/usr/bin/env bash
# The history database and the audit report, end to end with real kbcheck
# processes:
#   history.sh  a changing KB recorded week by week: first seen, resolved,
#               acknowledged; `db runs`, `db findings`, `db prune`; golden
#               Markdown and CSV reports; links; determinism
#   store.sh    robustness: concurrent writers, kill -9 mid-transaction,
#               schema 1 fixture, newer schema, corrupt/foreign/locked files
#   browser.sh  the HTML report in headless Chromium: loads without console
#               errors, figures match the database, KB text with <script>,
#               <img onerror> and javascript: links stays text; screenshots
#               are kept in <build>/test-artifacts/audit/
# KB_UPDATE_GOLDEN=1 rewrites expected.md / expected.csv; KB_KEEP_TMP=1 keeps the
# work folder.
set -uo pipefail
kbcheck=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
root=${KB_SOURCE_ROOT:-$(cd "$here/../.." && pwd)}
export KBCHECK_RULES="$root/rules"
unset SOURCE_DATE_EPOCH NO_COLOR
artifacts="$(dirname "$kbcheck")/test-artifacts/audit"
mkdir -p "$artifacts"
tmp=$(mktemp -d)
trap 'jobs -p | xargs -r kill -9 2>/dev/null; [ -n "${KB_KEEP_TMP:-}" ] && echo "kept $tmp" || rm -rf "$tmp"' EXIT
pass=0 fail=0
check() { # name, condition
  if eval "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL $1"; fi
}
sql() { sqlite3 -batch -noheader "$@"; }
need() {
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "audit: $tool is missing (run scripts/setup.sh test)"; exit 1; }
  done
}
need sqlite3 git
cd "$tmp" || exit 1

. "$here/history.sh"
. "$here/store.sh"
. "$here/browser.sh"

echo "audit: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
