/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bondcfg wait-online [--timeout SECONDS] [BOND...]: return when every
 * bond (ONBOOT ones when none is named) is online (online.h), as
 * bondcfg-wait-online.service needs for network-online.target.  Exit 0
 * when all are; 1 when one never will be (its files have errors, or
 * duplicate address detection failed) or the time is up.
 */
#include <stdio.h>
#include <linux/rtnetlink.h>

#include "cmd-run.h"
#include "netlink-wait.h"
#include "online.h"

typedef struct {
        NlConn *nl;
        const Config *cfg; /* the stack above each bond is waited for too */
        const GPtrArray *bonds;
        GPtrArray *why; /* char*: what the last look found missing or failed */
        bool failed;
} OnlineWait;

/* NlWaitDoneFn */
static int all_online(void *userdata)
{
        OnlineWait *w = userdata;
        g_autoptr(Snapshot) s = NULL;
        int r = snapshot_take(w->nl, &s);
        bool all = true;

        if (r < 0)
                return r;
        g_ptr_array_set_size(w->why, 0);
        for (guint i = 0; i < w->bonds->len; i++) {
                char *why = NULL;
                OnlineState st = online_state(w->cfg, w->bonds->pdata[i], s, &why);

                if (st == ONLINE_YES)
                        continue;
                all = false;
                w->failed |= st == ONLINE_FAILED;
                g_ptr_array_add(w->why, why);
        }
        /* a failure ends the wait: it will not mend itself */
        return all || w->failed;
}

/* The bonds whose files have no error (bondcfg brought up no other). */
static GPtrArray *sound(const BondcfgCtx *ctx, const Config *cfg, const GPtrArray *bonds,
                        const DiagList *diags, bool *bad)
{
        GPtrArray *ok = g_ptr_array_new();

        for (guint i = 0; i < bonds->len; i++) {
                g_autoptr(GPtrArray) one = g_ptr_array_new();
                g_autoptr(DiagList) mine = diag_list_copy(diags);
                const CfgBond *b = bonds->pdata[i];

                g_ptr_array_add(one, (gpointer)b);
                cmd_scope_diags(cfg, one, mine);
                if (!diag_has_errors(mine)) {
                        g_ptr_array_add(ok, (gpointer)b);
                        continue;
                }
                *bad = true;
                fprintf(stderr,
                        "bondcfg: %s: not waited for: its files have errors (bondcfg "
                        "check %s)\n",
                        b->name, b->name);
        }
        return ok;
}

int cmd_wait_online(BondcfgCtx *ctx, int argc, char **argv)
{
        g_autoptr(DiagList) diags = diag_list_new();
        g_autoptr(Config) cfg = NULL;
        g_autoptr(GPtrArray) bonds = NULL, ok = NULL;
        g_autoptr(GPtrArray) why = g_ptr_array_new_with_free_func(g_free);
        g_autoptr(NlConn) nl = NULL;
        gint64 start = g_get_monotonic_time();
        OnlineWait w = { .why = why };
        bool bad = false;
        int r, rc;

        if (ctx->timeout < 0)
                return cmd_fail(ctx, EXIT_USAGE, NULL, "--timeout must be 0 or more seconds");
        r = cmd_load_selected(ctx, argc, argv, true, &cfg, &bonds, diags);
        if (r)
                return r;
        ok = sound(ctx, cfg, bonds, diags, &bad);
        r = run_open_netlink(ctx, &nl);
        if (r)
                return r;
        w.nl = nl;
        w.cfg = cfg;
        w.bonds = ok;
        r = nl_wait_until(RTMGRP_LINK | RTMGRP_IPV4_IFADDR | RTMGRP_IPV6_IFADDR,
                          start + (gint64)ctx->timeout * G_USEC_PER_SEC, 1000, all_online, &w);
        if (r < 0)
                return cmd_fail(ctx, EXIT_USAGE, NULL, "cannot watch the network state: %s",
                                g_strerror(-r));
        rc = (r == 0 || w.failed || bad) ? EXIT_CONFIG : EXIT_OK;
        if (ctx->json) {
                g_autoptr(JsonDoc) b = json_doc_new();

                json_set_bool(b, "online", r > 0 && !w.failed);
                json_set_bool(b, "timed_out", r == 0);
                json_begin_array_member(b, "bonds");
                for (guint i = 0; i < ok->len; i++)
                        json_add_string(b, ((const CfgBond *)ok->pdata[i])->name);
                json_arr_end(b);
                json_begin_array_member(b, "missing");
                for (guint i = 0; i < why->len; i++)
                        json_add_string(b, why->pdata[i]);
                json_arr_end(b);
                json_set_int(b, "waited_ms",
                             (g_get_monotonic_time() - start) / (G_USEC_PER_SEC / 1000));
                json_add_diags(b, diags);
                json_set_int(b, "exit", rc);
                json_doc_print(b);
                return rc;
        }
        for (guint i = 0; i < why->len; i++)
                fprintf(stderr, "bondcfg: %s%s\n", (char *)why->pdata[i],
                        w.failed ? ""
                        : r      ? ""
                                 : " (timed out)");
        if (r == 0 || w.failed)
                fprintf(stderr, "bondcfg: not online after %.1f s\n",
                        (double)(g_get_monotonic_time() - start) / G_USEC_PER_SEC);
        else if (ctx->verbosity >= 0 && ok->len)
                printf("online after %.1f s: %u bond%s\n",
                       (double)(g_get_monotonic_time() - start) / G_USEC_PER_SEC, ok->len,
                       ok->len == 1 ? "" : "s");
        return rc;
}
