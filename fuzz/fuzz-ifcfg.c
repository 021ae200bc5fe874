/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The ifcfg scanner (ifcfg_parse_buffer()) on any bytes, as an ifcfg file
 * holds them, and the accessors on what it kept: every effective variable
 * is found again by its key, at its line, and its key is a shell name.
 */
#include "fuzz.h"
#include "diag.h"
#include "ifcfg.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
        fuzz_glib_init();
        return 0;
}

static bool is_name(const char *k)
{
        if (!k || !(g_ascii_isalpha(*k) || *k == '_'))
                return false;
        for (k++; *k; k++)
                if (!g_ascii_isalnum(*k) && *k != '_')
                        return false;
        return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        g_autoptr(DiagList) diags = diag_list_new();
        g_autoptr(IfcfgFile) f = NULL;

        if (ifcfg_parse_buffer("ifcfg-bond0", (const char *)data, size, &f, diags) == 0) {
                g_assert_nonnull(f);
                g_assert_cmpstr(ifcfg_suffix(f), ==, "bond0");
                for (guint i = 0; i < ifcfg_n_vars(f); i++) {
                        const IfcfgVar *v = ifcfg_var(f, i);

                        g_assert_true(is_name(v->key));
                        g_assert_nonnull(v->value);
                        g_assert_true(ifcfg_lookup(f, v->key) == v);
                        g_assert_true(ifcfg_get(f, v->key) == v->value);
                        g_assert_cmpuint(ifcfg_line(f, v->key), ==, v->line);
                        g_assert_cmpuint(v->line, >=, 1);
                        (void)ifcfg_parse_bool(v->value);
                        (void)ifcfg_refused(f, v->key);
                }
        }
        for (guint i = 0; i < diags->items->len; i++)
                g_free(diag_format(diags->items->pdata[i]));
        return 0;
}
