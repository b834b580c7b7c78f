# Thin wrapper around CMake.
#   make demo    set up, build, run kbcheck on corpora/demo-shop
#   make test    set up, build, run every test, then again under ASan+UBSan
#   make bench   build, then time kbcheck on generated KBs (scripts/bench;
#                BENCH_1M=1 adds the 1M-unit one); not part of make test
#   make fuzz    build the libFuzzer targets (clang) and run each for
#                FUZZ_SECONDS (default 600), JOBS at a time (tests/fuzz)
BUILD      ?= build
BUILD_SAN  ?= build-asan
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_ARGS ?=
BUILD_FUZZ ?= build-fuzz
FUZZ_SECONDS ?= 600
# make test's fuzz smoke: every target runs this many inputs from a fixed
# random seed (reproducible: CI runs what a developer ran), at most
# FUZZ_SMOKE_SECONDS each (about 3 min in all on 2 cores)
FUZZ_SMOKE_RUNS ?= 600
FUZZ_SMOKE_SECONDS ?= 60

.PHONY: all build setup setup-test demo test test-plain test-asan test-fuzz fuzz fuzz-run bench install clean

all: build

setup:
	@scripts/setup.sh build

setup-test:
	@scripts/setup.sh test

# The demo and install need only the build packages: the tests (cmocka) are
# configured by make test alone (-DKB_TESTS=ON).
build: setup
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_ARGS)
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	@echo "== kbcheck check corpora/demo-shop"
	@$(BUILD)/kbcheck check corpora/demo-shop; st=$$?; \
	  echo "== exit status $$st (1 = contradictions found)"; test $$st -le 1

test: setup-test test-plain test-asan test-fuzz

test-plain:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKB_TESTS=ON -DKB_WERROR=ON $(CMAKE_ARGS)
	cmake --build $(BUILD) -j $(JOBS)
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

test-asan:
	cmake -S . -B $(BUILD_SAN) -DCMAKE_BUILD_TYPE=Debug -DKB_SANITIZE=ON -DKB_TESTS=ON -DKB_WERROR=ON $(CMAKE_ARGS)
	cmake --build $(BUILD_SAN) -j $(JOBS)
	cd $(BUILD_SAN) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --output-on-failure -j $(JOBS)

# The fuzz targets need clang's libFuzzer; without it the smoke is skipped
# (scripts/setup.sh test installs clang and its runtimes).
test-fuzz:
	@if printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return 0; }\n' | \
	    clang -fsanitize=fuzzer -x c -o /dev/null - > /dev/null 2>&1; then \
	  FUZZ_RUNS=$(FUZZ_SMOKE_RUNS) $(MAKE) --no-print-directory fuzz-run FUZZ_SECONDS=$(FUZZ_SMOKE_SECONDS); \
	else echo "test-fuzz: clang with libFuzzer not found: fuzz smoke skipped"; fi

fuzz: setup-test fuzz-run

fuzz-run:
	cmake -S . -B $(BUILD_FUZZ) -DCMAKE_C_COMPILER=clang -DKB_FUZZ=ON -DKB_WERROR=ON $(CMAKE_ARGS)
	cmake --build $(BUILD_FUZZ) -j $(JOBS) --target fuzz
	tests/fuzz/fuzz.sh $(BUILD_FUZZ) $(FUZZ_SECONDS) $(JOBS)

bench: setup
	@scripts/setup.sh bench
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKB_BENCH=ON $(CMAKE_ARGS)
	cmake --build $(BUILD) -j $(JOBS)
	scripts/bench $(BUILD)

install: build
	cmake --install $(BUILD)

clean:
	rm -rf $(BUILD) $(BUILD_SAN) $(BUILD_FUZZ)
