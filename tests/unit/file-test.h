/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/* Helpers of the route and rule file tests. */

#include <string.h>
#include <glib.h>

#include "diag.h"

/* Every diagnostic as diag_format() writes it, one after the other. */
static inline char *diags_text(const DiagList *d)
{
        GString *s = g_string_new(NULL);

        for (guint i = 0; i < d->items->len; i++) {
                g_autofree char *one = diag_format(d->items->pdata[i]);

                g_string_append(s, one);
        }
        return g_string_free(s, FALSE);
}

/* The diagnostics are exactly want (diag_format() texts, concatenated). */
static inline void assert_diags(const DiagList *d, const char *want)
{
        g_autofree char *got = diags_text(d);

        g_assert_cmpstr(got, ==, want);
}

static inline void assert_no_diags(const DiagList *d)
{
        assert_diags(d, "");
}
