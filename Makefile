# jixiao — the front door. Meson and ninja do the building; every target first makes sure the
# Debian packages it needs are installed (scripts/install-deps).
#
#   make        build build/jixiao
#   make run    build, import the bundled sample into build/sample.db and show it
#   make test   build with sanitizers and run every test (unit, command, fuzz)
#   make bench  generate a province-sized input and measure the import

BUILD      := build
TEST_BUILD := build-test
FUZZ_BUILD := build-fuzz
SAMPLE     := data/samples/bohu-2021.txt
RUN_DB     := $(BUILD)/sample.db

.PHONY: all deps run test bench clean

all: deps
	@test -f $(BUILD)/build.ninja || meson setup $(BUILD) -Dtests=false
	ninja -C $(BUILD)

deps:
	@scripts/install-deps

run: all
	@rm -f $(RUN_DB) $(RUN_DB)-wal $(RUN_DB)-shm
	$(BUILD)/jixiao --db $(RUN_DB) import $(SAMPLE)
	$(BUILD)/jixiao --db $(RUN_DB) list
	@echo
	$(BUILD)/jixiao --db $(RUN_DB) show --all

test: deps
	@scripts/run-tests $(TEST_BUILD) $(FUZZ_BUILD)

bench: all
	@bench/run $(BUILD)

clean:
	rm -rf $(BUILD) $(TEST_BUILD) $(FUZZ_BUILD)
