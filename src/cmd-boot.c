/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * apply --boot (bondcfg.service), and the wait for ports that apply does
 * with DEVTIMEOUT: network-functions' is_available_wait() waits for the
 * device with `sleep 1` in a loop; bondcfg follows the kernel's link
 * notifications, so a port is taken the moment it appears.
 */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>
#include <net/if.h>
#include <linux/rtnetlink.h>

#include "cmd-apply-internal.h"
#include "cmd-nm.h"
#include "lock.h"
#include "log.h"
#include "netlink-wait.h"
#include "settings.h"

typedef struct {
        NlConn *nl;
        const GPtrArray *bonds;
        GPtrArray *missing; /* CfgPort*: not there at the last look */
} PortWait;

/* NlWaitDoneFn: are all the ports there? */
static int ports_present(void *userdata)
{
        PortWait *w = userdata;
        g_autoptr(Snapshot) s = NULL;
        int r = snapshot_take(w->nl, &s);

        if (r < 0)
                return r;
        g_ptr_array_set_size(w->missing, 0);
        for (guint i = 0; i < w->bonds->len; i++) {
                const CfgBond *b = w->bonds->pdata[i];

                for (guint k = 0; k < b->ports->len; k++) {
                        const CfgPort *p = b->ports->pdata[k];
                        const SnapLink *l = plan_resolve_port(p, s);

                        /* a device of that name that is not the NIC of
                         * HWADDR: at boot, udev may not have renamed the
                         * right one there yet */
                        if (!l || !plan_port_is(p, l))
                                g_ptr_array_add(w->missing, (CfgPort *)p);
                }
        }
        return w->missing->len == 0;
}

GPtrArray *apply_wait_ports(const BondcfgCtx *ctx, NlConn *nl, const GPtrArray *bonds,
                            unsigned min_seconds)
{
        PortWait w = { .nl = nl, .bonds = bonds, .missing = g_ptr_array_new() };
        unsigned wait = min_seconds;
        int r = ports_present(&w);

        if (r != 0)
                return w.missing; /* all there, or the next step says why not */
        for (guint i = 0; i < w.missing->len; i++)
                wait = MAX(wait, ((const CfgPort *)w.missing->pdata[i])->devtimeout);
        if (!wait)
                return w.missing;
        if (!ctx->json && ctx->verbosity >= 0) {
                const CfgPort *p = w.missing->pdata[0];

                fprintf(stderr, "bondcfg: waiting up to %u s for %s (a port of %s)%s\n", wait,
                        cfg_port_label(p), p->bond->name,
                        w.missing->len > 1 ? " and other ports" : "");
        }
        r = nl_wait_until(RTMGRP_LINK, g_get_monotonic_time() + (gint64)wait * G_USEC_PER_SEC, 1000,
                          ports_present, &w);
        if (r < 0 && !ctx->json)
                fprintf(stderr, "bondcfg: cannot wait for the ports: %s\n", g_strerror(-r));
        return w.missing;
}

/* Leave the ports that never came out of their bonds, and say so. */
static void drop_missing(const BondcfgCtx *ctx, GPtrArray *missing, unsigned waited)
{
        for (guint i = 0; i < missing->len; i++) {
                CfgPort *p = missing->pdata[i];
                CfgBond *b = p->bond;

                /* initscripts' ifup-eth leaves such a device out too ("Device
                 * has different MAC address than expected, ignoring") */
                g_autofree char *what =
                        p->name && p->hwaddr && if_nametoindex(p->name)
                                ? g_strdup_printf("is still not the NIC of HWADDR=%s after %u s",
                                                  p->hwaddr, waited)
                                : g_strdup_printf("did not appear within %u s", waited);

                g_ptr_array_remove(b->ports, p);
                log_bond(LOG_WARNING, b->name, "port %s (%s) %s: %s comes up without it",
                         cfg_port_label(p), ifcfg_path(p->ifcfg), what, b->name);
                if (!ctx->json && !log_fd_is_journal(STDERR_FILENO))
                        fprintf(stderr,
                                "bondcfg: warning: %s: port %s (%s) %s: %s comes up without it\n",
                                b->name, cfg_port_label(p), ifcfg_path(p->ifcfg), what, b->name);
        }
}

/* The bonds whose own files have no error; the others are reported. */
static GPtrArray *sound_bonds(const BondcfgCtx *ctx, const Config *cfg, const GPtrArray *bonds,
                              const DiagList *diags, int *rc)
{
        GPtrArray *ok = g_ptr_array_new();

        for (guint i = 0; i < bonds->len; i++) {
                CfgBond *b = bonds->pdata[i];
                g_autoptr(GPtrArray) one = g_ptr_array_new();
                g_autoptr(DiagList) mine = diag_list_copy(diags);

                g_ptr_array_add(one, b);
                cmd_scope_diags(cfg, one, mine);
                if (!diag_has_errors(mine)) {
                        g_ptr_array_add(ok, b);
                        continue;
                }
                apply_log_refusal(one, mine);
                if (!ctx->json)
                        fprintf(stderr, "bondcfg: %s: not brought up: its files have errors\n",
                                b->name);
                *rc = EXIT_CONFIG;
        }
        return ok;
}

int apply_boot(BondcfgCtx *ctx, Config *cfg, GPtrArray *bonds, DiagList *diags, bool all)
{
        g_autoptr(Settings) settings = NULL;
        g_autoptr(GPtrArray) ok = NULL;
        g_autoptr(GPtrArray) missing = NULL;
        g_autoptr(NlConn) nl = NULL;
        g_autoptr(RunJson) json = run_json_new(ctx->json);
        g_autoptr(DiagList) later = diag_list_new();
        unsigned counter = 0;
        int r, lock_fd = -1, rc = EXIT_OK;

        if (settings_load(ctx->root, &settings, diags) < 0)
                settings = settings_new();
        /* every problem in the files, once; then each bond on its own */
        cmd_print_diags(ctx, diags);
        ok = sound_bonds(ctx, cfg, bonds, diags, &rc);
        r = run_open_netlink(ctx, &nl);
        if (r)
                return r;
        missing = apply_wait_ports(ctx, nl, ok, settings->port_timeout);
        drop_missing(ctx, missing, settings->port_timeout);
        if (!ctx->dry_run) {
                r = run_take_lock(ctx, &lock_fd);
                if (r)
                        return r;
                run_recover(ctx, nl, json);
                r = apply_load_module(ok);
                if (r) {
                        bondcfg_lock_release(lock_fd);
                        return r;
                }
        }
        for (guint i = 0; i < ok->len; i++) {
                g_autoptr(GPtrArray) one = g_ptr_array_new();
                g_autoptr(DiagList) d = diag_list_new();

                g_ptr_array_add(one, ok->pdata[i]);
                r = apply_bonds(ctx, nl, cfg, one, false, d, &counter, json);
                rc = MAX(rc, r);
                diag_list_move(later, d);
        }
        /* the bonds the files no longer have: NetworkManager may take
         * their devices again */
        if (all && !ctx->dry_run) {
                g_autoptr(GPtrArray) none = g_ptr_array_new();

                cmd_nm_claim(ctx, cfg, none, NULL, true);
        }
        bondcfg_lock_release(lock_fd);
        diag_list_move(diags, later);
        return run_finish_json(ctx, json, diags, rc);
}
