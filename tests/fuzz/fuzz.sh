#!/usr/bin/env bash
# Runs the libFuzzer targets (built with -DKB_FUZZ=ON, clang) for a while
# each, a few at a time, and prints executions and coverage per target.
#   tests/fuzz/fuzz.sh BUILD_DIR SECONDS [JOBS] [TARGET...]
# The corpus of each target grows in BUILD_DIR/fuzz/corpus/<target> (kept
# between runs); seeds come from tests/fuzz/seeds.sh.  A crash, leak,
# timeout (25 s per input) or out-of-memory (2 GB) fails the run; the input
# is left in BUILD_DIR/fuzz/artifacts/<target>/ -- copy it to
# tests/fuzz/regress/<target>/ with the fix, so ctest replays it.
#
# FUZZ_RUNS=N makes a run reproducible (the smoke in make test): a fresh
# corpus from the seeds, a fixed random seed (FUZZ_SEED, default 1) and N
# inputs per target (SECONDS stays the upper bound), so CI replays the same
# inputs a developer ran, on any machine.
set -uo pipefail
build=$(cd "$1" && pwd) secs=$2 jobs=${3:-2}
shift 3 2>/dev/null || shift $#
here=$(cd "$(dirname "$0")" && pwd)
bindir="$build/tests/fuzz"
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for b in "$bindir"/fuzz_*; do [ -x "$b" ] && targets+=("${b##*/fuzz_}"); done
fi
[ ${#targets[@]} -gt 0 ] || { echo "fuzz: no targets in $bindir (build with -DKB_FUZZ=ON)" >&2; exit 2; }
work="$build/fuzz"
mkdir -p "$work/logs"
bash "$here/seeds.sh" "$work/seeds" >/dev/null

run_one() {
  local t=$1
  local dict="$here/dict/$t.dict"
  local corpus="$work/corpus/$t"
  local args=(-max_total_time="$secs" -timeout=25 -rss_limit_mb=2048 -print_final_stats=1
              -artifact_prefix="$work/artifacts/$t/")
  if [ -n "${FUZZ_RUNS:-}" ]; then
    corpus="$work/smoke/$t"
    rm -rf "$corpus"
    # -runs counts the seeds too: FUZZ_RUNS new inputs after them.
    local nseeds
    nseeds=$(ls "$work/seeds/$t" 2>/dev/null | wc -l)
    args+=(-runs="$((FUZZ_RUNS + nseeds))" -seed="${FUZZ_SEED:-1}")
  fi
  mkdir -p "$corpus" "$work/artifacts/$t"
  [ -f "$dict" ] && args+=(-dict="$dict")
  "$bindir/fuzz_$t" "${args[@]}" "$corpus" "$work/seeds/$t" >"$work/logs/$t.log" 2>&1
  echo $? >"$work/logs/$t.status"
}
export -f run_one
export work secs here bindir FUZZ_RUNS FUZZ_SEED
if [ -n "${FUZZ_RUNS:-}" ]; then
  echo "fuzz: ${#targets[@]} targets x $FUZZ_RUNS inputs (seed ${FUZZ_SEED:-1}, at most ${secs}s), $jobs at a time (logs: $work/logs)"
else
  echo "fuzz: ${#targets[@]} targets x ${secs}s, $jobs at a time (logs: $work/logs)"
fi
printf '%s\n' "${targets[@]}" | xargs -P "$jobs" -I{} bash -c 'run_one {}'

fail=0
printf '%-14s %-6s %12s %8s %8s %7s\n' target result execs exec/s cov corpus
for t in "${targets[@]}"; do
  log="$work/logs/$t.log"
  st=$(cat "$work/logs/$t.status" 2>/dev/null || echo "?")
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | cut -d' ' -f2)
  cdir=corpus; [ -n "${FUZZ_RUNS:-}" ] && cdir=smoke
  corp=$(ls "$work/$cdir/$t" 2>/dev/null | wc -l)
  res=ok
  if [ "$st" != 0 ]; then res=FAIL; fail=1; fi
  printf '%-14s %-6s %12s %8s %8s %7s\n' "$t" "$res" "${execs:-?}" "${rate:-?}" "${cov:-?}" "$corp"
  if [ "$res" = FAIL ]; then
    grep -E '^==[0-9]+==ERROR|SUMMARY|invariant failed|Test unit written' "$log" | head -5 | sed 's/^/    /'
  fi
done
exit $fail
