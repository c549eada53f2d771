# jixiao — the front door. Meson and ninja do the building; every target first makes sure the
# Debian packages it needs are installed (scripts/install-deps).
#
#   make        build build/jixiao
#   make run    build, make a demo store build/sample.db from the bundled sample (demo accounts, some
#               tables approved and published) and start the web system on LISTEN (scripts/demo)
#   make test   build with sanitizers and run every test (unit, command, fuzz)
#   make fuzz   run each fuzzing harness once for FUZZ_RUNS executions (default 10 million), keep what
#               it finds in fuzz/corpus and replay that under the sanitizers (scripts/fuzz)
#   make bench  generate a province-sized input and measure the import, check, publish and the
#               evaluation (bench/run), the import and check into PostgreSQL against psql's \copy of
#               the same rows (bench/pg, beside a throwaway server: scripts/with-pg), then the web
#               system's public pages under load against nginx serving the same bytes (bench/web),
#               its lists (review queue, API pages) over the 100,000-table store (bench/lists),
#               the same from two servers on one PostgreSQL store behind nginx (bench/web-pg), and the
#               soak: strangers' big bodies and half-open connections while people save and read, with
#               a backup taken meanwhile (bench/soak)

BUILD      := build
TEST_BUILD := build-test
FUZZ_BUILD := build-fuzz
LISTEN     ?= 127.0.0.1:8080

.PHONY: all deps run test bench fuzz clean

all: deps
	@test -f $(BUILD)/build.ninja || meson setup $(BUILD) -Dtests=false
	ninja -C $(BUILD)

deps:
	@scripts/install-deps

run: all
	@scripts/demo $(BUILD) $(LISTEN)

test: deps
	@scripts/run-tests $(TEST_BUILD) $(FUZZ_BUILD)

bench: all
	@bench/run $(BUILD)
	@scripts/with-pg bench/pg $(BUILD)
	@bench/web $(BUILD)
	@bench/lists $(BUILD)
	@scripts/with-pg bench/web-pg $(BUILD)
	@bench/soak $(BUILD)

fuzz: deps
	@scripts/fuzz $(FUZZ_BUILD)

clean:
	rm -rf $(BUILD) $(TEST_BUILD) $(FUZZ_BUILD) build-fuzz-fast
