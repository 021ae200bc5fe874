/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libudev, loaded on demand; see udev-dl.h. */
#include "udev-dl.h"

#include "dl-lib.h"
#include <errno.h>

#define UDEV_DL_DEFINE(f) typeof(f) *sym_##f;
UDEV_DL_SYMBOLS(UDEV_DL_DEFINE)

static void *dl;

int udev_dl_open(void)
{
#define UDEV_DL_ENTRY(f) DL_SYM(sym_##f, f),
        static const DlSym syms[] = { UDEV_DL_SYMBOLS(UDEV_DL_ENTRY) };
        static int state = 1; /* 1: not tried yet */

        if (state <= 0)
                return state;
        return state = dl_lib_load(DL_UDEV, syms, G_N_ELEMENTS(syms), &dl);
}
