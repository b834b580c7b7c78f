#!/usr/bin/env bash
# Golden CLI tests.  Each case is a directory under tests/golden/cases/ with
#   args             the kbcheck arguments (one line; run inside the case dir)
#   expected.stdout  expected.stderr  expected.status
#   filter.sed       optional: sed -E script applied to stdout and stderr first
# and any input files.  KB_UPDATE_GOLDEN=1 rewrites the expected files;
# review the diff before committing it.
set -uo pipefail
kbcheck=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
pass=0 fail=0
# Relative, so outputs that name a rule file are the same on every machine.
export NO_COLOR=1 KBCHECK_RULES=../../../../rules
# Case KBs without kbcheck.yml are their own root, in a git checkout or not.
export GIT_CEILING_DIRECTORIES=$(cd "$here/../.." && pwd)
for dir in "$here"/cases/*/; do
  name=$(basename "$dir")
  read -r -a args < "$dir/args"
  out=$(mktemp) err=$(mktemp)
  (cd "$dir" && "$kbcheck" "${args[@]}" >"$out" 2>"$err"); status=$?
  # A case's filter.sed masks what varies by machine (timings, paths).
  if [ -f "$dir/filter.sed" ]; then
    sed -E -i -f "$dir/filter.sed" "$out" "$err"
  fi
  if [ "${KB_UPDATE_GOLDEN:-}" = 1 ]; then
    cp "$out" "$dir/expected.stdout"; cp "$err" "$dir/expected.stderr"
    echo "$status" > "$dir/expected.status"
  fi
  ok=1
  if ! diff -u "$dir/expected.stdout" "$out" >"$out.diff"; then
    echo "FAIL $name: stdout differs"; cat "$out.diff"; ok=0
  fi
  if ! diff -u "$dir/expected.stderr" "$err" >"$err.diff"; then
    echo "FAIL $name: stderr differs"; cat "$err.diff"; ok=0
  fi
  want=$(cat "$dir/expected.status")
  if [ "$status" != "$want" ]; then
    echo "FAIL $name: exit status $status, expected $want"; ok=0
  fi
  if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
  rm -f "$out" "$err" "$out.diff" "$err.diff"
done
echo "golden: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
