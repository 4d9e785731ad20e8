# durand: build, test, install. `make run` and `make test` are all a new
# user needs (see README.md).

PREFIX ?= /usr/local
VERSION := 0.1.0
CC ?= gcc
PKGS := libfyaml gsl nlopt cairo jansson sqlite3 libcrypto
OPT ?= -O2 -g
WARN := -Wall -Wextra -Wshadow -Wstrict-prototypes
# Warnings are errors in a developer's checkout (and so in CI, which builds
# a clone), not for someone building a release from an exported tree;
# WERROR= turns it off, WERROR=-Werror on.
ifneq ($(wildcard .git),)
WERROR ?= -Werror
endif
CFLAGS ?= $(OPT)
ALL_CFLAGS := -std=c11 -D_GNU_SOURCE $(WARN) $(WERROR) -fopenmp -Iinclude \
	-DDURAND_VERSION=\"$(VERSION)\" $(CPPFLAGS) \
	$(shell pkg-config --cflags $(PKGS) 2>/dev/null) $(CFLAGS) $(EXTRA_CFLAGS)
LDLIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv -lm
LDFLAGS += -fopenmp $(EXTRA_LDFLAGS)

# MPI=1 builds durand with MPI (cli/mpi.c; the library never sees MPI),
# from Debian's Open MPI: scripts/install-deps.sh --mpi. Off by default,
# not guessed from what is installed, so that the same command builds the
# same program everywhere (docs/cluster.md).
MPI ?= 0
ifeq ($(MPI),1)
MPI_CFLAGS := $(shell pkg-config --cflags ompi-c 2>/dev/null || mpicc --showme:compile 2>/dev/null)
MPI_LIBS := $(shell pkg-config --libs ompi-c 2>/dev/null || mpicc --showme:link 2>/dev/null)
ifeq ($(strip $(MPI_LIBS)),)
$(error MPI=1: Open MPI not found (no pkg-config ompi-c, no mpicc); scripts/install-deps.sh --mpi installs it)
endif
MPI_CFLAGS += -DDURAND_MPI
endif

# `make V=1` shows each compile line.
ifeq ($(V),1)
Q :=
else
Q := @
endif

BUILD ?= build
# The library's layers, lowest first (docs/architecture.md); the check in
# scripts/check-layers.sh keeps their rules.
LAYERS := base model data analysis present
LIB_SRC := $(foreach l,$(LAYERS),$(wildcard src/$(l)/*.c))
LIB_OBJ := $(LIB_SRC:src/%.c=$(BUILD)/src/%.o) $(BUILD)/src/model/builtin_data.o
CLI_SRC := $(wildcard cli/*.c)
CLI_OBJ := $(CLI_SRC:cli/%.c=$(BUILD)/cli/%.o)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
BENCH_SRC := $(wildcard bench/bench_*.c)
BENCH_BIN := $(BENCH_SRC:bench/%.c=$(BUILD)/bench/%)
SCENARIOS := $(wildcard scenarios/*.yaml)
RECORDS := $(wildcard record/*.csv)
LIBA := $(BUILD)/libdurand.a
BIN := durand

.PHONY: all run test unit cli-test bench asan coverage install uninstall clean deps check-deps cloud

all: $(BIN)

deps:
	@scripts/install-deps.sh

run: deps
	@$(MAKE) --no-print-directory $(BIN)
	./$(BIN) run

# Each object depends on the headers it includes (-MMD writes the list).
$(BUILD)/src/%.o: src/%.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

# The shipped scenarios and record are embedded into the library (see
# src/model/builtin_data.S).
$(BUILD)/src/model/builtin_data.o: src/model/builtin_data.S \
		src/model/builtin.def $(SCENARIOS) $(RECORDS) record/afpak.cloud
	@mkdir -p $(@D)
	$(Q)$(CC) -c $< -o $@

$(BUILD)/cli/%.o: cli/%.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)

# cli/mpi.o is built again when MPI= changes (the stamp names the setting).
MPI_STAMP := $(BUILD)/.mpi-$(MPI)
$(MPI_STAMP):
	@mkdir -p $(@D)
	@rm -f $(BUILD)/.mpi-*
	@touch $@
$(BUILD)/cli/mpi.o: $(MPI_STAMP)
$(BUILD)/cli/mpi.o: ALL_CFLAGS += $(MPI_CFLAGS)

$(LIBA): $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BIN): $(CLI_OBJ) $(LIBA)
	$(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) $(LIBA) $(LDLIBS) $(MPI_LIBS)

$(BUILD)/tests/%: tests/unit/%.c $(LIBA) $(wildcard tests/unit/*.h)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(TEST_OBJ) $(LIBA) $(LDLIBS) -lcmocka $(TEST_LIBS)

# test_mpi tests the CLI's comm layer, with MPI when the build has it (run
# under mpirun by tests/cli/t0910-mpi.sh).
$(BUILD)/tests/test_mpi: $(BUILD)/cli/mpi.o
$(BUILD)/tests/test_mpi: TEST_OBJ := $(BUILD)/cli/mpi.o
$(BUILD)/tests/test_mpi: TEST_LIBS := $(MPI_LIBS)

$(BUILD)/bench/%: bench/%.c $(LIBA)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LIBA) $(LDLIBS)

unit: $(UNIT_BIN)
	@fail=0; for t in $(UNIT_BIN); do \
		echo "== $$t"; $(TEST_WRAP) $$t || fail=1; \
	done; exit $$fail

cli-test: $(BIN)
	@tests/cli/run-all.sh

test: check-deps
	@scripts/check-layers.sh
	@$(MAKE) --no-print-directory unit
	@$(MAKE) --no-print-directory cli-test

check-deps:
	@scripts/install-deps.sh --test

bench: $(BENCH_BIN) $(BIN)
	@for b in $(BENCH_BIN); do echo "== $$b"; $$b || exit 1; done

# The whole suite again under AddressSanitizer and UndefinedBehaviorSanitizer.
asan:
	$(MAKE) BUILD=build-asan OPT="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
		EXTRA_LDFLAGS="-fsanitize=address,undefined" BIN=build-asan/durand unit
	$(MAKE) BUILD=build-asan OPT="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
		EXTRA_LDFLAGS="-fsanitize=address,undefined" BIN=build-asan/durand build-asan/durand
	DURAND=$(CURDIR)/build-asan/durand tests/cli/run-all.sh

# The product is the tool: the binary and its man page (README.md says
# why not the library).
install: $(BIN)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/durand
	install -m 644 docs/durand.1 $(DESTDIR)$(PREFIX)/share/man/man1/durand.1

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/durand \
		$(DESTDIR)$(PREFIX)/share/man/man1/durand.1

# The built-in cloud: the record filtered from the 2021 scenario to its end
# (docs/filter.md). Remade by hand when the model or the record changes;
# tests/cli/t0810-filter.sh checks that it is what this command makes.
cloud: $(BIN)
	./$(BIN) filter afpak-2021 --particles 2000 --replicates 1 --seed 1 \
		--save record/afpak.cloud >/dev/null
	$(MAKE) --no-print-directory $(BIN)

clean:
	rm -rf build build-asan build-cov $(BIN) coverage

# --- hardening: fuzzing, coverage, valgrind (issue 7) -----------------------

# libFuzzer targets, tests/fuzz/fuzz_<target>.c, built with Debian's clang
# (scripts/install-deps.sh --fuzz) into build-fuzz/. `make fuzz-run` runs each
# for FUZZ_TIME seconds over its seeds in tests/fuzz/corpus/<target>/; what
# it learns goes to build-fuzz/corpus/, crashes to build-fuzz/artifacts/
# (paths are absolute: fuzz_cli works in a directory of its own).
# FUZZ_JOBS targets run at once (scripts/fuzz-run.sh), each for FUZZ_TIME.
FUZZ_TARGETS := scenario ucdp acled date number cli dsum result store
FUZZ_TIME ?= 30
FUZZ_JOBS ?= 1
FUZZ_FLAGS ?=
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_BIN := $(FUZZ_TARGETS:%=build-fuzz/fuzz/fuzz_%)
FUZZ_CLI_OBJ = $(filter-out $(BUILD)/cli/main.o,$(CLI_OBJ))

.PHONY: fuzz fuzz-bins fuzz-run valgrind

fuzz:
	@scripts/install-deps.sh --fuzz
	@$(MAKE) --no-print-directory CC=clang BUILD=build-fuzz \
		OPT="-O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link $(FUZZ_SAN)" \
		EXTRA_LDFLAGS="$(FUZZ_SAN)" fuzz-bins

fuzz-bins: $(FUZZ_BIN)

build-fuzz/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(wildcard tests/fuzz/*.h) $(LIBA) $(CLI_OBJ)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -fsanitize=fuzzer -o $@ $< \
		$(FUZZ_CLI_OBJ) $(LIBA) $(LDLIBS)

fuzz-run: fuzz
	@scripts/fuzz-run.sh "$(FUZZ_TIME)" "$(FUZZ_JOBS)" "$(FUZZ_FLAGS)" $(FUZZ_TARGETS)

# The CLI tests once more with every call under valgrind: any leak or memory
# error fails the test (tests/cli/lib.sh). The interrupt tests time their
# signals, so they run the binary directly, not under valgrind.
valgrind: $(BIN)
	DURAND_VALGRIND=1 tests/cli/run-all.sh

# Line and branch coverage of src/ by the unit and CLI tests (gcov + lcov;
# scripts/install-deps.sh --coverage), built into build-cov/; the HTML
# report goes to coverage/index.html.
COV_LCOV := --rc lcov_branch_coverage=1 -q
coverage:
	@scripts/install-deps.sh --coverage
	@find build-cov -name '*.gcda' -delete 2>/dev/null || true
	@$(MAKE) --no-print-directory BUILD=build-cov OPT="-O0 -g --coverage" \
		EXTRA_LDFLAGS="--coverage" BIN=build-cov/durand build-cov/durand unit
	DURAND=$(CURDIR)/build-cov/durand tests/cli/run-all.sh >build-cov/cli.log 2>&1 || \
		{ tail -n 30 build-cov/cli.log; exit 1; }
	lcov $(COV_LCOV) --capture --directory build-cov/src --base-directory . \
		--output-file build-cov/all.info
	lcov $(COV_LCOV) --extract build-cov/all.info '$(CURDIR)/src/*/*' \
		--output-file build-cov/src.info
	genhtml $(COV_LCOV) --branch-coverage build-cov/src.info --output-directory coverage
	@lcov --rc lcov_branch_coverage=1 --summary build-cov/src.info 2>&1 | grep -E "lines|branches"
