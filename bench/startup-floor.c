/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The floor of bench/guest.sh's start-up figure: a program that does
 * nothing but start with the shared libraries it is linked with (glib
 * alone, or the ones bondcfg links: glib, libnl-3, inih), so that the
 * bench can say how much of bondcfg --version is theirs.
 */
#include <glib.h>
#include <stdio.h>

int main(void)
{
        /* one glib call, so that the program needs glib */
        puts(glib_check_version(2, 0, 0) ? "old glib" : "glib");
        return 0;
}
