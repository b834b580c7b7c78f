#!/usr/bin/env bash
# The folder tree is the pipeline (README.md, "Design"): a room includes
# only the rooms before it, in this order, and base/ is below them all.
# Fails on any "#include "../ROOM/..."" that points up the order (or at a
# room the order does not know), naming the file and line.
set -uo pipefail
root=${KB_SOURCE_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
order="base config source parse normalize rules cache compare report pipeline store audit fix eval cli"
rank() { local i=0; for r in $order; do [ "$r" = "$1" ] && { echo $i; return; }; i=$((i + 1)); done; echo -1; }
fail=0 seen=0
for dir in "$root"/kbcheck/*/; do
  room=$(basename "$dir")
  mine=$(rank "$room")
  if [ "$mine" -lt 0 ]; then
    echo "FAIL kbcheck/$room/: a room the README's order does not name"; fail=$((fail + 1)); continue
  fi
  while IFS=: read -r file line text; do
    to=$(sed -E 's/.*"\.\.\/([a-z_]+)\/.*/\1/' <<< "$text")
    seen=$((seen + 1))
    theirs=$(rank "$to")
    if [ "$theirs" -lt 0 ] || [ "$theirs" -gt "$mine" ]; then
      echo "FAIL ${file#"$root"/}:$line: $room includes $to, which comes after it"
      fail=$((fail + 1))
    fi
  done < <(grep -nE '^\s*#\s*include\s+"\.\./[a-z_]+/' "$dir"*.[ch] /dev/null)
done
# libfyaml stays in its room: documents are read through base/yaml.h
# (kb_node, kb_yaml_*), JSON written through base/jsonw.h.
while read -r file; do
  echo "FAIL ${file#"$root"/}: uses libfyaml (fy_*) outside base/yaml*.[ch] and base/jsonw.c"
  fail=$((fail + 1))
done < <(grep -rlE '\bfy_[a-z]|<libfyaml\.h>' "$root"/kbcheck | grep -vE '/base/(yaml(_[a-z]+)?\.[ch]|jsonw\.c)$')
echo "arch: $seen includes between rooms, $fail against the order"
[ $fail -eq 0 ] && [ $seen -gt 0 ]
