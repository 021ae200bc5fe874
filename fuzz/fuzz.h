/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/*
 * Shared by the libFuzzer harnesses (fuzz-*.c) and the replay driver
 * (replay.c), which feeds files to the same LLVMFuzzerTestOneInput() in
 * `make check`.  A harness must be deterministic, keep no state between
 * inputs, and free all it allocates: LeakSanitizer runs after each input.
 */

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <glib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* The input as a C string, cut at its first NUL byte, as a value read
 * from a file reaches the parser.  Caller frees. */
static inline char *fuzz_cstr(const uint8_t *data, size_t size)
{
        return g_strndup((const char *)data, size);
}

/* g_error(), criticals (a g_return_if_fail() that fails) and warnings are
 * findings: print and abort() (SIGABRT, which libFuzzer catches and saves
 * the input for; GLib's own way, a breakpoint trap, it would not). */
static inline void fuzz_log_handler(const gchar *domain, GLogLevelFlags level, const gchar *msg,
                                    gpointer userdata)
{
        /* not g_log_default_handler(): it traps on an error itself */
        fprintf(stderr, "%s: %s\n", domain ? domain : "fuzz", msg);
        if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
                abort();
}

/* For LLVMFuzzerInitialize(). */
static inline void fuzz_glib_init(void)
{
        g_log_set_default_handler(fuzz_log_handler, NULL);
}
