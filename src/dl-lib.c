/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Shared libraries loaded on demand: see dl-lib.h. */
#include "dl-lib.h"

#include <dlfcn.h>
#include <errno.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>

/* inih's soname is Debian's libinih.so.1 but not Fedora's: the Makefile
 * reads it off the libinih.so this is built against. */
#ifndef INIH_SONAME
#error "INIH_SONAME: the soname of the inih library (the Makefile sets it)"
#endif

const DlLib dl_libs[_DL_LIB_MAX] = {
        [DL_LIBNL] = { "libnl-3.so.200", "libnl-3-200", "libnl3", "rtnetlink", true },
        [DL_INIH] = { INIH_SONAME, "libinih1", "inih", "reading bondcfg.conf", true },
        [DL_KMOD] = { "libkmod.so.2", "libkmod2", "kmod-libs", "loading kernel modules", true },
        [DL_UDEV] = { "libudev.so.1", "libudev1", "systemd-libs", "checking the member NICs",
                      true },
        [DL_GIO] = { "libgio-2.0.so.0", "libglib2.0-0", "glib2", "asking NetworkManager", true },
        [DL_JSON_GLIB] = { "libjson-glib-1.0.so.0", "libjson-glib-1.0-0", "json-glib", "--json",
                           false },
};

static char *last_error, *last_hint;

const char *dl_lib_strerror(int r)
{
        return r == -ELIBACC && last_error ? last_error : g_strerror(-r);
}

const char *dl_lib_hint(int r)
{
        return r == -ELIBACC ? last_hint : NULL;
}

void dl_lib_exit(int status)
{
        fprintf(stderr, "bondcfg: %s\n  hint: %s\n", last_error, last_hint);
        exit(status);
}

int dl_lib_load(DlLibId id, const DlSym *syms, size_t n, void **handle)
{
        const DlLib *lib = &dl_libs[id];
        g_autofree char *why = NULL;
        void *dl;

        if (*handle)
                return 0;
        dl = dlopen(lib->soname, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
        if (!dl)
                why = g_strdup(dlerror());
        for (size_t i = 0; dl && i < n; i++) {
                *syms[i].fn = dlsym(dl, syms[i].name);
                if (*syms[i].fn)
                        continue;
                why = g_strdup_printf("it lacks %s", syms[i].name);
                for (size_t k = 0; k <= i; k++)
                        *syms[k].fn = NULL;
                dlclose(dl);
                dl = NULL;
        }
        if (!dl) {
                g_free(last_error);
                g_free(last_hint);
                last_error = g_strdup_printf("%s needs %s: %s", lib->needed_for, lib->soname, why);
                last_hint =
                        g_strdup_printf("install %s (Debian) or %s (RHEL)", lib->debian, lib->rhel);
                return -ELIBACC;
        }
        *handle = dl;
        return 0;
}
