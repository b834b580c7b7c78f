#!/usr/bin/env bash
# Parser tests as data (README.md, "Testing"): each case is a folder
#   tests/units/<format>/<case>/input/...   the files a parser reads
#   tests/units/<format>/<case>/expected.json
# and `kbcheck units --format json input`, run inside the case folder, must
# print expected.json exactly: every unit's place (line, column, end), its
# question, headings, text, segments with their context, locale, format
# and channel.  A new parser behaviour is a new case, not C asserts.
# KB_UPDATE_GOLDEN=1 rewrites expected.json; review the diff before
# committing it.
set -uo pipefail
kbcheck=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
export NO_COLOR=1
# A case's input is its own KB root, in a git checkout or not.
export GIT_CEILING_DIRECTORIES=$(cd "$here/../.." && pwd)
pass=0 fail=0
for dir in "$here"/*/*/; do
  name=${dir#"$here"/}
  name=${name%/}
  got=$(mktemp)
  (cd "$dir" && "$kbcheck" units --format json --jobs 1 input > "$got" 2>/dev/null)
  if [ "${KB_UPDATE_GOLDEN:-}" = 1 ]; then
    cp "$got" "$dir/expected.json"
  fi
  if diff -u "$dir/expected.json" "$got" > "$got.diff"; then
    pass=$((pass + 1))
  else
    echo "FAIL $name"; cat "$got.diff"; fail=$((fail + 1))
  fi
  # Every case names the format it tests: its folder.
  format=${name%%/*}
  if ! grep -q "\"format\": \"$format\"" "$got"; then
    echo "FAIL $name: no unit read as $format"; fail=$((fail + 1))
  fi
  rm -f "$got" "$got.diff"
done
echo "units: $pass passed, $fail failed"
[ $fail -eq 0 ] && [ $pass -gt 0 ]
