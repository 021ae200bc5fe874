/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Optional shared libraries: see dl-lib.h. */
#include "dl-lib.h"

#include <dlfcn.h>
#include <errno.h>
#include <glib.h>

int dl_lib_load(const char *soname, const DlSym *syms, size_t n, void **handle, char **error)
{
        void *dl;

        if (*handle)
                return 0;
        dl = dlopen(soname, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
        if (!dl) {
                if (error)
                        *error = g_strdup_printf("cannot load %s: %s", soname, dlerror());
                return -ELIBACC;
        }
        for (size_t i = 0; i < n; i++) {
                *syms[i].fn = dlsym(dl, syms[i].name);
                if (!*syms[i].fn) {
                        if (error)
                                *error = g_strdup_printf("%s lacks %s", soname, syms[i].name);
                        for (size_t k = 0; k <= i; k++)
                                *syms[k].fn = NULL;
                        dlclose(dl);
                        return -ELIBACC;
                }
        }
        *handle = dl;
        return 0;
}
