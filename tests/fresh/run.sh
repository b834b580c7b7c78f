#!/usr/bin/env bash
# A fresh machine has only the build packages when a user runs `make demo`
# (or `make install`, as the README's CI recipes do): both must configure,
# build and run without the test packages.  pkg-config is pointed at a
# folder holding every .pc file of this machine except cmocka's, so the
# build sees a machine without cmocka; then `make demo` must print the demo
# KB's findings, and asking for the tests must say what to install.
#
#   tests/fresh/run.sh KBCHECK     (ctest passes the binary path; unused
#                                   but for the convention: this test builds
#                                   its own)
set -uo pipefail
root=${KB_SOURCE_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
check() { # name, condition
  if eval "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL $1"; fi
}

# Every .pc file pkg-config knows, but cmocka's.
mkdir "$tmp/pc"
IFS=: read -ra dirs <<< "$(pkg-config --variable pc_path pkg-config)"
for d in "${dirs[@]}"; do
  for f in "$d"/*.pc; do
    [ -e "$f" ] && [ "$(basename "$f")" != cmocka.pc ] && ln -sf "$f" "$tmp/pc/"
  done
done
export PKG_CONFIG_LIBDIR="$tmp/pc"
unset PKG_CONFIG_PATH CMAKE_ARGS
check "cmocka is hidden from pkg-config" '! pkg-config --exists cmocka'
check "the build packages are not" 'pkg-config --exists libxml-2.0 libpcre2-8 libcmark sqlite3 libfyaml libutf8proc libzip'

# make demo in a new build folder: configure, build, run.
make -s -C "$root" demo BUILD="$tmp/build" JOBS=2 > "$tmp/demo.out" 2> "$tmp/demo.err"
st=$?
check "make demo without cmocka exits 0" '[ $st -eq 0 ] || { tail -20 "$tmp/demo.err"; false; }'
check "the demo prints its findings" 'grep -q "^5 findings (0 errors, 5 warnings, 0 notes)" "$tmp/demo.out"'
check "and says kbcheck found contradictions" 'grep -q "^== exit status 1 (1 = contradictions found)" "$tmp/demo.out"'
check "no test was configured" '! grep -q "KB_TESTS:BOOL=ON" "$tmp/build/CMakeCache.txt" &&
  [ ! -e "$tmp/build/tests" ]'

# Asking for the tests without cmocka: a configure error that says what to do.
cmake -S "$root" -B "$tmp/build-tests" -DKB_TESTS=ON > "$tmp/tests.out" 2>&1
st=$?
check "tests without cmocka: configure fails, naming the package and the command" \
  '[ $st -ne 0 ] && grep -q "libcmocka-dev" "$tmp/tests.out" && grep -q "scripts/setup.sh test" "$tmp/tests.out"'

echo "fresh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
