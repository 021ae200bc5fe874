/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * BONDING_OPTS (bond_options_parse()) on any text, then what the rest of
 * bondcfg does with the values: the default rules, a copy, and each value
 * formatted as sysfs prints it, which must parse back to an equal value.
 */
#include "fuzz.h"
#include "bond-options.h"
#include "diag.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
        fuzz_glib_init();
        return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        g_autofree char *text = fuzz_cstr(data, size);
        g_autoptr(DiagList) diags = diag_list_new();
        g_autoptr(BondOptions) o = bond_options_new();
        g_autoptr(BondOptions) copy = NULL;

        (void)bond_options_parse(o, text, "ifcfg-bond0", 7, diags);
        bond_options_apply_defaults(o, "ifcfg-bond0", 7, diags);
        copy = bond_options_copy(o);
        for (int id = 0; id < _BOND_OPT_MAX; id++) {
                const BondOptDesc *d = bond_opt_desc(id);
                const BondOptValue *v = &o->v[id];
                g_autofree char *shown = bond_opt_format_value(d, v);
                g_autofree char *err = NULL;
                BondOptValue back = { 0 };

                g_assert_nonnull(shown);
                g_assert_true(bond_opt_value_equal(d, v, &copy->v[id]));
                if (!v->set)
                        continue;
                /* an empty list formats as "": nothing to parse back */
                if (v->list && v->list->len == 0)
                        continue;
                if (bond_opt_parse_value(d, shown, &back, &err) != 0)
                        g_error("%s: '%s' does not parse back: %s", d->name, shown, err);
                if (!bond_opt_value_equal(d, v, &back))
                        g_error("%s: '%s' parses back to another value", d->name, shown);
                bond_opt_value_clear(&back);
        }
        (void)bond_options_mode(o);
        for (guint i = 0; i < diags->items->len; i++)
                g_free(diag_format(diags->items->pdata[i]));
        return 0;
}
