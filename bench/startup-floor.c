/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The floor of bench/guest.sh's start-up figure: a program that does
 * nothing but start with glib, the one shared library bondcfg links (the
 * others it dlopen()s when a command needs them), so that the bench can
 * say how much of bondcfg --version is glib's.
 */
#include <glib.h>
#include <stdio.h>

int main(void)
{
        /* one glib call, so that the program needs glib */
        puts(glib_check_version(2, 0, 0) ? "old glib" : "glib");
        return 0;
}
