# The two commands of the README: `make demo` and `make test`. Both install what they need.
SHELL := /bin/bash
JOBS ?= $(shell nproc)
RELEASE_DIR ?= build/release
TEST_DIR ?= build/asan
CMAKE_GENERATOR ?= Ninja
PREFIX ?= /usr/local

.PHONY: setup build build-test test demo install uninstall format format-check bench fuzz clean

setup:
	@bash scripts/setup.sh

build: setup
	@cmake -S . -B $(RELEASE_DIR) -G $(CMAKE_GENERATOR) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNEWSARC_TESTS=OFF >/dev/null
	@cmake --build $(RELEASE_DIR) -j $(JOBS)

build-test: setup
	@cmake -S . -B $(TEST_DIR) -G $(CMAKE_GENERATOR) -DCMAKE_BUILD_TYPE=Debug -DNEWSARC_SANITIZE=ON -DNEWSARC_WERROR=ON >/dev/null
	@cmake --build $(TEST_DIR) -j $(JOBS)
	@ln -sf $(TEST_DIR)/compile_commands.json compile_commands.json

# Builds with AddressSanitizer + UndefinedBehaviorSanitizer and runs every test (unit and
# integration) through CTest.
test: build-test
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --test-dir $(TEST_DIR) --output-on-failure -j $(JOBS) --timeout 600

demo: build
	@bash demo/run_demo.sh $(RELEASE_DIR)/newsarc

# Installs the release build (binary, man page, bash and zsh completions) under PREFIX, staged
# below DESTDIR when given: `make install PREFIX=~/.local`, `sudo make install`.
install: build
	@DESTDIR="$(DESTDIR)" cmake --install $(RELEASE_DIR) --prefix "$(PREFIX)"

# Removes the files the last `make install` wrote (its install_manifest.txt).
uninstall:
	@test -f $(RELEASE_DIR)/install_manifest.txt || \
	  { echo "uninstall: no $(RELEASE_DIR)/install_manifest.txt: nothing installed" >&2; exit 1; }
	@while IFS= read -r file; do rm -f -- "$$file" && echo "removed $$file"; done \
	  < $(RELEASE_DIR)/install_manifest.txt
	@rm -f $(RELEASE_DIR)/install_manifest.txt

format:
	@clang-format -i $$(git ls-files '*.cpp' '*.h')

format-check: setup
	@clang-format --dry-run --Werror $$(git ls-files '*.cpp' '*.h')

bench: setup
	@cmake -S . -B build/bench -G $(CMAKE_GENERATOR) -DCMAKE_BUILD_TYPE=Release -DNEWSARC_TESTS=ON -DNEWSARC_BENCH=ON >/dev/null
	@cmake --build build/bench -j $(JOBS) --target newsarc $$(cd bench && ls *_bench.cpp | sed 's/^/newsarc_/; s/\.cpp$$//')
	@bash bench/run_benchmarks.sh build/bench

fuzz: setup
	@CC=clang-14 CXX=clang++-14 cmake -S . -B build/fuzz -G $(CMAKE_GENERATOR) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNEWSARC_TESTS=OFF -DNEWSARC_FUZZ=ON >/dev/null
	@cmake --build build/fuzz -j $(JOBS)

clean:
	@rm -rf build
