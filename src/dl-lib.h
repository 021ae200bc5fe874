/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/*
 * Shared libraries dlopen()ed by the commands that need them (as systemd
 * loads its optional ones): libnl-3 (nl-dl.c), inih (settings.c), libkmod
 * (module.c), libudev (udev-dl.c), libgio (nm-dbus.c), libjson-glib
 * (json.c).  Their headers are needed at build time, their libraries are
 * not linked, so a run starts with glib alone, and `bondcfg --version`
 * loads nothing else.
 *
 * dl_libs[] is the one list of them: each loader takes its soname from it,
 * `bondcfg files` prints it for the dracut module to install them, and the
 * RPM test checks that the package requires each.
 */

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>

typedef enum {
        DL_LIBNL,
        DL_INIH,
        DL_KMOD,
        DL_UDEV,
        DL_GIO,
        DL_JSON_GLIB,
        _DL_LIB_MAX,
} DlLibId;

typedef struct {
        const char *soname;
        const char *debian; /* the package that ships it */
        const char *rhel;
        const char *needed_for;
        bool boot; /* bringing a bond up may need it (an initramfs must have it) */
} DlLib;

extern const DlLib dl_libs[_DL_LIB_MAX];

/* One function to resolve: where its pointer goes, and its name. */
typedef struct {
        void **fn;
        const char *name;
} DlSym;

#define DL_SYM(ptr, f)                                                                             \
        {                                                                                          \
                (void **)&(ptr), #f                                                                \
        }

/*
 * Load library id (never unloaded: GObject types, for one, cannot be) and
 * resolve every symbol of syms.  0 with *handle set; or -ELIBACC with no
 * pointer of syms set, dl_lib_strerror() saying what is missing and
 * dl_lib_hint() the package that ships it.  A *handle already set is
 * success at once.
 */
int dl_lib_load(DlLibId id, const DlSym *syms, size_t n, void **handle);

/* What -errno r means; for -ELIBACC, the last library that could not be
 * loaded and why ("rtnetlink needs libnl-3.so.200: ..."). */
const char *dl_lib_strerror(int r);
/* For -ELIBACC, what to do about it ("install libnl-3-200 (Debian) or
 * libnl3 (RHEL)"); otherwise NULL. */
const char *dl_lib_hint(int r);
/* For a library that nothing can go on without: "bondcfg: " the last
 * failure and its hint on stderr, and exit with status. */
G_GNUC_NORETURN void dl_lib_exit(int status);
