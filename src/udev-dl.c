/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libudev, loaded on demand; see udev-dl.h. */
#include "udev-dl.h"

#include <dlfcn.h>
#include <errno.h>

#define UDEV_DL_DEFINE(f) typeof(f) *sym_##f;
UDEV_DL_SYMBOLS(UDEV_DL_DEFINE)

static char *dl_error;

int udev_dl_open(void)
{
#define UDEV_DL_ENTRY(f) { (void **)&sym_##f, #f },
        static const struct {
                void **fn;
                const char *name;
        } syms[] = { UDEV_DL_SYMBOLS(UDEV_DL_ENTRY) };
        static int state = 1; /* 1: not tried yet */
        void *dl;

        if (state <= 0)
                return state;
        dl = dlopen("libudev.so.1", RTLD_NOW | RTLD_LOCAL);
        if (!dl) {
                dl_error = g_strdup_printf("cannot load libudev: %s", dlerror());
                return state = -ELIBACC;
        }
        for (size_t i = 0; i < G_N_ELEMENTS(syms); i++) {
                *syms[i].fn = dlsym(dl, syms[i].name);
                if (!*syms[i].fn) {
                        dl_error = g_strdup_printf("libudev.so.1 lacks %s", syms[i].name);
                        dlclose(dl);
                        return state = -ELIBACC;
                }
        }
        return state = 0;
}

const char *udev_dl_error(void)
{
        return dl_error;
}
