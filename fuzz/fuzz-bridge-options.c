/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * BRIDGING_OPTS (bridge_opts_parse()) on any text: the first byte picks the
 * side (bit 0: a port's file), the rest is the value.  Every value kept
 * must be one the table accepts, and written back as BRIDGING_OPTS writes
 * it (bridge_opt_format_value()) it must read back the same.
 */
#include "fuzz.h"
#include "bridge-options.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
        fuzz_glib_init();
        return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        g_autoptr(GPtrArray) problems =
                g_ptr_array_new_with_free_func((GDestroyNotify)bridge_opt_problem_free);
        g_autofree char *text = NULL;
        BridgeOptValues o = { 0 };
        bool port;
        int r;

        if (size < 1)
                return 0;
        port = data[0] & 1;
        text = fuzz_cstr(data + 1, size - 1);
        r = bridge_opts_parse(text, port, 3, &o, problems);
        g_assert_true(r == 0 || r == -EINVAL);
        g_assert_true((r == 0) == (problems->len == 0));
        g_assert_true((o.mask & (port ? BRIDGE_OPT_MASK_BRIDGE : BRIDGE_OPT_MASK_PORT)) == 0);
        for (int id = 0; id < _BRIDGE_OPT_MAX; id++) {
                const BridgeOptDesc *d = bridge_opt_desc((BridgeOptId)id);
                g_autofree char *shown = NULL;
                uint64_t back = 0;

                if (!bridge_opt_has(&o, (BridgeOptId)id))
                        continue;
                g_assert_cmpuint(o.line[id], ==, 3);
                if (bridge_opt_check(d, o.v[id]) != 0)
                        g_error("%s: %" G_GUINT64_FORMAT " was kept but is out of range", d->name,
                                o.v[id]);
                shown = bridge_opt_format_value(d, o.v[id]);
                if (bridge_opt_parse_value(d, shown, &back) != 0 || back != o.v[id])
                        g_error("%s: %" G_GUINT64_FORMAT " is written '%s', which reads back as "
                                "%" G_GUINT64_FORMAT,
                                d->name, o.v[id], shown, back);
        }
        for (guint i = 0; i < problems->len; i++) {
                const BridgeOptProblem *p = problems->pdata[i];

                g_assert_nonnull(p->key);
                g_assert_nonnull(p->message);
        }
        return 0;
}
