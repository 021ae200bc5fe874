/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/*
 * Optional shared libraries, dlopen()ed by the commands that need them (as
 * systemd loads its optional ones): libkmod (module.c), libudev
 * (udev-dl.c), libgio (nm-dbus.c), libjson-glib (json.c).  Their headers
 * are needed at build time, their libraries are not linked, so a run
 * starts with glib, libnl-3 and inih only.
 */

#include <stddef.h>

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
 * Load soname (never unloaded: GObject types, for one, cannot be) and
 * resolve every symbol of syms.  0 with *handle set; or -ELIBACC with
 * *error (caller frees; error may be NULL) saying what is missing, and no
 * pointer of syms set.  A *handle already set is success at once.
 */
int dl_lib_load(const char *soname, const DlSym *syms, size_t n, void **handle, char **error);
