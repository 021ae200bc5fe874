# bondcfg: turn RHEL ifcfg bonding files into a running bond.
#
#   make            build ./bondcfg
#   make demo       install missing deps, build, run a real bond in user-mode Linux
#   make check      the whole test suite (unit, golden, umockdev, UML, dracut, rpm)
#   make bench      benchmarks (not tests)
#   make fuzz       run each libFuzzer harness FUZZ_SECONDS (60) seconds (fuzz/README.md)
#   make install    install into $(DESTDIR)$(PREFIX)
#
# CI adds WERROR=1.  A distribution build does not.

PACKAGE   := bondcfg
SHELL     := /bin/bash
VERSION   := 0.1.0

CC        ?= cc
PKG_CONFIG ?= pkg-config
PREFIX    ?= /usr
SBINDIR   ?= $(PREFIX)/sbin
MANDIR    ?= $(PREFIX)/share/man
DATADIR   ?= $(PREFIX)/share
SYSCONFDIR ?= /etc
DRACUTDIR ?= $(PREFIX)/lib/dracut/modules.d
UNITDIR   ?= $(PREFIX)/lib/systemd/system
PRESETDIR ?= $(PREFIX)/lib/systemd/system-preset
DESTDIR   ?=
CFLAGS    ?= -O2 -g
LDFLAGS   ?=

# libnl-3 only: messages are built and parsed by src/netlink*.c and
# src/snapshot*.c, nothing of libnl-route-3 (rtnl_*) is used.
PKGS      := glib-2.0 gio-2.0 json-glib-1.0 libnl-3.0 libudev inih libkmod
# Only glib is linked.  The others are dlopen()ed by the commands that need
# them (src/dl-lib.h): libnl-3 by the first netlink request (src/nl-dl.h),
# inih by the first bondcfg.conf read, libkmod when the bonding module must be
# loaded, libudev when the member-NIC checks run, libgio when there is a
# system bus to ask NetworkManager on, json-glib for --json.  Their headers
# are needed, their libraries are not.
LINK_PKGS := glib-2.0
# inih's soname differs (Debian libinih.so.1): read it off the library.
INIH_SONAME := $(shell objdump -p "$$($(PKG_CONFIG) --variable=libdir inih 2>/dev/null)/libinih.so" \
	2>/dev/null | sed -n 's/^ *SONAME *//p')
WARNINGS  := -Wall -Wextra -Wformat=2 -Wmissing-prototypes -Wshadow -Wno-unused-parameter
ifeq ($(WERROR),1)
WARNINGS  += -Werror
endif

PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
# -ldl: dlopen() is in libc from glibc 2.34 on (RHEL 9, Debian 12: libdl.a is
# empty there, so nothing is added), in libdl before (RHEL 8).
PKG_LIBS   = $(shell $(PKG_CONFIG) --libs $(LINK_PKGS) 2>/dev/null) -ldl

BASE_CFLAGS = -std=gnu11 $(WARNINGS) -Isrc -DBONDCFG_VERSION='"$(VERSION)"' $(PKG_CFLAGS) \
	$(if $(INIH_SONAME),-DINIH_SONAME='"$(INIH_SONAME)"')
SAN_FLAGS   = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

LIB_SRC   := $(filter-out src/main.c,$(wildcard src/*.c))
HDRS      := $(wildcard src/*.h)

# Release objects
OBJ       := $(patsubst src/%.c,build/obj/%.o,$(LIB_SRC))
# Sanitized objects for tests
SAN_OBJ   := $(patsubst src/%.c,build/san/%.o,$(LIB_SRC))
# The test seams (fault injection, other state and lock paths) exist only in
# test builds: the sanitized objects and build/bondcfg-test, whose objects
# are the release ones but for these, compiled with BONDCFG_TEST_SEAMS.
SEAM_SRC  := src/apply.c src/lock.c src/state-file.c
SEAM_OBJ  := $(patsubst src/%.c,build/test-obj/%.o,$(SEAM_SRC))
TEST_OBJ  := $(filter-out $(patsubst src/%.c,build/obj/%.o,$(SEAM_SRC)),$(OBJ)) $(SEAM_OBJ)

UNIT_SRC  := $(wildcard tests/unit/test-*.c)
UNIT_BIN  := $(patsubst tests/unit/%.c,build/tests/unit/%,$(UNIT_SRC))
UDEV_SRC  := $(wildcard tests/udev/test-*.c)
UDEV_BIN  := $(patsubst tests/udev/%.c,build/tests/udev/%,$(UDEV_SRC))

# Fuzzing (fuzz/README.md).  `make fuzz` builds each harness fuzz/fuzz-NAME.c
# with clang and libFuzzer against the library compiled by clang into
# build/fuzz/obj; `make check` replays the committed corpus and crashes
# through the same harnesses built with $(CC) against the sanitized library.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_ONLY    ?=
FUZZ_SRC     := $(wildcard fuzz/fuzz-*.c)
FUZZ_BIN     := $(patsubst fuzz/%.c,build/fuzz/%,$(FUZZ_SRC))
FUZZ_OBJ     := $(patsubst src/%.c,build/fuzz/obj/%.o,$(LIB_SRC))
REPLAY_BIN   := $(patsubst fuzz/%.c,build/fuzz-replay/%,$(FUZZ_SRC))
FUZZ_FLAGS   := -O1 -g -fno-omit-frame-pointer -fno-sanitize-recover=undefined

.PHONY: all deps check check-build demo bench fuzz fuzz-build install dist clean format tidy

all: bondcfg build/bondcfg.8

# The man page's option list is generated from the option table.
build/bondcfg.8: man/bondcfg.8.in bondcfg
	@mkdir -p build
	./bondcfg options --man > build/options.man
	./bondcfg keys --man > build/keys.man
	./bondcfg options --bridge --man > build/bridge-options.man
	sed -e 's/@VERSION@/$(VERSION)/' -e '/@OPTIONS@/{r build/options.man' -e 'd}' \
		-e '/@BRIDGE_OPTIONS@/{r build/bridge-options.man' -e 'd}' \
		-e '/@KEYS@/{r build/keys.man' -e 'd}' $< > $@

deps:
	@sh .ci/install-deps.sh

build/obj/%.o: src/%.c $(HDRS) | build/obj
	$(CC) $(BASE_CFLAGS) $(CFLAGS) -c -o $@ $<

build/san/%.o: src/%.c $(HDRS) | build/san
	$(CC) $(BASE_CFLAGS) -DBONDCFG_TEST_SEAMS -O1 -g $(SAN_FLAGS) -c -o $@ $<

build/test-obj/%.o: src/%.c $(HDRS) | build/test-obj
	$(CC) $(BASE_CFLAGS) -DBONDCFG_TEST_SEAMS $(CFLAGS) -c -o $@ $<

build/fuzz/obj/%.o: src/%.c $(HDRS) | build/fuzz/obj
	$(FUZZ_CC) $(BASE_CFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link,address,undefined -c -o $@ $<

build/obj build/san build/test-obj build/tests/unit build/tests/udev build/fuzz/obj build/fuzz-replay:
	@mkdir -p $@

build/libbondcfg.a: $(OBJ)
	$(AR) rcs $@ $^

build/libbondcfg-san.a: $(SAN_OBJ)
	$(AR) rcs $@ $^

bondcfg: src/main.c build/libbondcfg.a $(HDRS)
	$(CC) $(BASE_CFLAGS) $(CFLAGS) -o $@ src/main.c build/libbondcfg.a $(LDFLAGS) $(PKG_LIBS)

# The release build with the test seams, for the real-kernel tests that
# inject failures (UML); never installed.
build/libbondcfg-test.a: $(TEST_OBJ)
	$(AR) rcs $@ $^

build/bondcfg-test: src/main.c build/libbondcfg-test.a $(HDRS)
	$(CC) $(BASE_CFLAGS) $(CFLAGS) -o $@ src/main.c build/libbondcfg-test.a $(LDFLAGS) $(PKG_LIBS)

# The sanitized CLI, used by the golden tests.
build/bondcfg-san: src/main.c build/libbondcfg-san.a $(HDRS)
	$(CC) $(BASE_CFLAGS) -O1 -g $(SAN_FLAGS) -o $@ src/main.c build/libbondcfg-san.a $(PKG_LIBS)

build/tests/unit/%: tests/unit/%.c build/libbondcfg-san.a $(HDRS) $(wildcard tests/unit/*.h) | build/tests/unit
	$(CC) $(BASE_CFLAGS) -Itests/unit -O1 -g $(SAN_FLAGS) -DSRCDIR='"$(CURDIR)"' -o $@ $< \
		build/libbondcfg-san.a $(PKG_LIBS)

build/tests/udev/%: tests/udev/%.c build/libbondcfg-san.a $(HDRS) | build/tests/udev
	$(CC) $(BASE_CFLAGS) -O1 -g $(SAN_FLAGS) -DSRCDIR='"$(CURDIR)"' \
		$(shell $(PKG_CONFIG) --cflags umockdev-1.0) -o $@ $< \
		build/libbondcfg-san.a $(PKG_LIBS) $(shell $(PKG_CONFIG) --libs umockdev-1.0 libudev)

# The harnesses as replay drivers (fuzz/replay.c), for tests/fuzz/run-replay.sh.
build/fuzz-replay/fuzz-%: fuzz/fuzz-%.c fuzz/replay.c fuzz/fuzz.h build/libbondcfg-san.a $(HDRS) | build/fuzz-replay
	$(CC) $(BASE_CFLAGS) -Ifuzz -O1 -g $(SAN_FLAGS) -o $@ $< fuzz/replay.c \
		build/libbondcfg-san.a $(PKG_LIBS)

check-build: bondcfg build/bondcfg-san build/bondcfg-test $(UNIT_BIN) $(UDEV_BIN) $(REPLAY_BIN)

check: deps
	@$(MAKE) --no-print-directory check-build
	@tests/run-tests.sh

demo: deps
	@$(MAKE) --no-print-directory bondcfg
	@tests/uml/demo.sh

build/bench-parse: bench/parse.c build/libbondcfg.a $(HDRS)
	$(CC) $(BASE_CFLAGS) -O2 -g -o $@ bench/parse.c build/libbondcfg.a $(PKG_LIBS)

bench: deps
	@$(MAKE) --no-print-directory bondcfg build/bench-parse
	@build/bench-parse
	@bench/run.sh

build/fuzz/libbondcfg-fuzz.a: $(FUZZ_OBJ)
	$(AR) rcs $@ $^

build/fuzz/fuzz-%: fuzz/fuzz-%.c fuzz/fuzz.h build/fuzz/libbondcfg-fuzz.a $(HDRS)
	$(FUZZ_CC) $(BASE_CFLAGS) -Ifuzz $(FUZZ_FLAGS) -fsanitize=fuzzer,address,undefined -o $@ $< \
		build/fuzz/libbondcfg-fuzz.a $(PKG_LIBS)

fuzz-build: $(FUZZ_BIN)

# Each harness FUZZ_SECONDS seconds, one after the other, on one CPU, from
# its committed corpus (new inputs go to build/fuzz/new/NAME); FUZZ_ONLY
# names some harnesses ("ifcfg netlink").  A summary table at the end.
fuzz: deps
	@$(MAKE) --no-print-directory fuzz-build
	@fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_ONLY)

install: bondcfg build/bondcfg.8
	install -D -m 0755 bondcfg $(DESTDIR)$(SBINDIR)/bondcfg
	install -D -m 0644 build/bondcfg.8 $(DESTDIR)$(MANDIR)/man8/bondcfg.8
	for m in man/*.[1-8]; do [ -e "$$m" ] || continue; \
		s=$${m##*.}; install -D -m 0644 $$m $(DESTDIR)$(MANDIR)/man$$s/$${m##*/}; done
	install -D -m 0644 bash-completion/bondcfg $(DESTDIR)$(DATADIR)/bash-completion/completions/bondcfg
	for f in module-setup.sh parse-bondcfg.sh bondcfg-initqueue.sh; do \
		install -D -m 0755 dracut/90bondcfg/$$f $(DESTDIR)$(DRACUTDIR)/90bondcfg/$$f; done
	# The units name the binary where this install puts it.
	for u in bondcfg.service bondcfg-wait-online.service; do \
		install -d $(DESTDIR)$(UNITDIR) && \
		sed 's,/usr/sbin/bondcfg,$(SBINDIR)/bondcfg,g' systemd/$$u > $(DESTDIR)$(UNITDIR)/$$u && \
		chmod 0644 $(DESTDIR)$(UNITDIR)/$$u; done
	install -D -m 0644 systemd/90-bondcfg.preset $(DESTDIR)$(PRESETDIR)/90-bondcfg.preset

# Source tarball bondcfg-VERSION.tar.gz (for rpmbuild): the files git tracks
# plus untracked ones it does not ignore, as they are in the work tree.
DISTDIR ?= build
dist:
	@mkdir -p $(DISTDIR)
	@git ls-files -z --cached --others --exclude-standard | \
		while IFS= read -r -d '' f; do [ -e "$$f" ] || [ -L "$$f" ] && printf '%s\0' "$$f"; done | \
		tar -czf $(DISTDIR)/$(PACKAGE)-$(VERSION).tar.gz --null -T - --owner=0 --group=0 \
			--transform 's,^,$(PACKAGE)-$(VERSION)/,'
	@echo $(DISTDIR)/$(PACKAGE)-$(VERSION).tar.gz

format:
	clang-format -i src/*.c src/*.h tests/unit/*.c $(wildcard tests/udev/*.c) $(wildcard tests/unit/*.h) \
		fuzz/*.c fuzz/*.h

clean:
	rm -rf build bondcfg
