/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bondcfg.conf (settings_parse_buffer(), what settings_load_file() runs on
 * the bytes it read, through inih) on any bytes: it never fails but for
 * memory, and every value it keeps is in its range.
 */
#include "fuzz.h"
#include "diag.h"
#include "settings.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
        fuzz_glib_init();
        return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        g_autoptr(DiagList) diags = diag_list_new();
        g_autoptr(Settings) s = NULL;

        g_assert_cmpint(settings_parse_buffer("bondcfg.conf", (const char *)data, size, &s, diags),
                        ==, 0);
        g_assert_nonnull(s);
        g_assert_true(s->loaded);
        g_assert_nonnull(chipset_check_to_string(s->chipset));
        g_assert_cmpuint(s->port_timeout, <=, 600);
        for (guint i = 0; i < diags->items->len; i++)
                g_free(diag_format(diags->items->pdata[i]));
        return 0;
}
