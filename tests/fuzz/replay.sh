#!/usr/bin/env bash
# Runs a fuzz target once on each of its seeds (tests/fuzz/seeds.sh) and
# on each input that once failed (tests/fuzz/regress/<target>).
#   replay.sh BINARY TARGET WORKDIR
# BINARY is a libFuzzer binary (KB_FUZZ) or a replay program (replay.c).
set -euo pipefail
bin=$1 target=$2 work=$3/$2
here=$(cd "$(dirname "$0")" && pwd)
bash "$here/seeds.sh" "$work" >/dev/null
dir="$work/$target"
[ -d "$dir" ] || { echo "no seeds for $target"; exit 1; }
if "$bin" -help=1 2>&1 | grep -q 'libFuzzer'; then
  exec "$bin" -runs=0 -timeout=30 "$dir"
fi
exec "$bin" "$dir"
