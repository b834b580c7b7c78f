#!/usr/bin/env bash
# Memcheck on the demo run: no invalid access, no use of uninitialised
# memory, no leak.  Runs twice: a first run (parses everything, writes the
# cache) and a second (reads the cache).  Skipped when valgrind is missing
# or the binary is built with a sanitizer (the two do not mix).
#   tests/valgrind/run.sh path/to/kbcheck
set -uo pipefail
kbcheck=$(realpath "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
if ! command -v valgrind > /dev/null 2>&1; then
  echo "valgrind: not installed; skipped (scripts/setup.sh test installs it)"
  exit 0
fi
if grep -q -e __asan_init -e __ubsan_handle "$kbcheck"; then
  echo "valgrind: $kbcheck is built with sanitizers; skipped"
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r "$root/corpora/demo-shop" "$tmp/"
rm -rf "$tmp/demo-shop/.kbcheck"
export NO_COLOR=1 KBCHECK_RULES="$root/rules"
fail=0
for run in first second; do
  # 99 for a memcheck error: kbcheck itself exits 1 (findings) here.
  valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect,possible \
    --errors-for-leak-kinds=definite,indirect,possible \
    "$kbcheck" check "$tmp/demo-shop" > "$tmp/out" 2> "$tmp/err"
  status=$?
  if [ "$status" != 1 ]; then
    echo "FAIL valgrind ($run run): exit status $status (99: memcheck errors; 1 expected)"
    grep '^==' "$tmp/err" | head -60
    fail=1
  else
    echo "valgrind ($run run): clean, $(tail -1 "$tmp/out")"
  fi
done
exit $fail
