/* SPDX-License-Identifier: GPL-2.0-or-later */
/* bondcfg down BOND..., bondcfg stop */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>
#include <string.h>

#include "cmd-nm.h"
#include "cmd-run.h"
#include "lock.h"
#include "log.h"
#include "plan-stack.h"
#include "port-state.h"
#include "state-file.h"

/* Take one bond down (the lock is held).  Returns an exit code. */
static int down_one(const BondcfgCtx *ctx, NlConn *nl, const char *bond, DiagList *diags,
                    unsigned *counter, RunJson *json)
{
        g_autoptr(Snapshot) now = NULL;
        g_autoptr(Plan) p = plan_new();
        g_autoptr(GHashTable) saved = NULL;
        g_autoptr(Owned) owned = NULL;
        g_autofree char *dir = port_state_dir();
        g_autofree char *odir = owned_dir();
        RunCtx run = { .ctx = ctx, .bond_name = bond, .json = json };
        ApplyResult res;
        int r, rc;

        rc = run_take_snapshot(ctx, nl, NULL, &now);
        if (rc)
                return rc;
        saved = port_state_load_ports(dir, now, bond);
        owned = cmd_load_owned(bond, now);
        if (ctx->stack) {
                g_autoptr(DiagList) cd = diag_list_new();
                g_autoptr(Config) cfg = NULL;

                (void)cmd_load_config(ctx, &cfg, cd);
                plan_stack_down(p, cfg, cfg ? config_find_bond(cfg, bond) : NULL, bond, now);
        }
        if (plan_down(p, bond, now, saved, owned, diags) < 0) {
                cmd_print_diags(ctx, diags);
                return EXIT_USAGE;
        }
        if (p->steps->len == 0) {
                if (!ctx->json && ctx->verbosity >= 0)
                        printf("%s: not present\n", bond);
                cmd_nm_release(ctx, bond);
                return EXIT_OK;
        }
        r = run_plan(nl, p, now, counter, NULL, &run, &res);
        if (r)
                return r;
        owned_remove(odir, bond);
        {
                g_autofree char *sdir = state_dir("stack");

                (void)state_remove(sdir, bond);
        }
        for (guint i = 0; i < p->steps->len; i++) {
                const PlanStep *st = p->steps->pdata[i];

                if (st->action == PLAN_DELETE_LINK)
                        owned_remove(odir, st->ifname);
        }
        apply_result_clear(&res);
        /* after the ports left the bond: NetworkManager may have them */
        cmd_nm_release(ctx, bond);
        return EXIT_OK;
}

static const CfgBond *stack_link_bond(const Config *cfg, const char *name);

/*
 * Are files that concern the bonds (or links of a stack) named, or the
 * configuration as a whole, ones root alone cannot change?  Then down
 * refuses, as apply does, with the diagnostics (trust.h).
 */
static bool untrusted(const BondcfgCtx *ctx, const Config *cfg, const char *const *names, guint n,
                      DiagList *diags)
{
        g_autoptr(GPtrArray) bonds = g_ptr_array_new();
        bool found = false;

        for (guint i = 0; i < n; i++) {
                CfgBond *b = config_find_bond(cfg, names[i]);
                const CfgBond *below = b ? NULL : stack_link_bond(cfg, names[i]);

                if (b || below)
                        g_ptr_array_add(bonds, b ? b : (CfgBond *)below);
        }
        cmd_scope_diags(cfg, bonds, diags);
        for (guint i = 0; i < diags->items->len; i++) {
                const Diag *d = diags->items->pdata[i];

                found |= d->untrusted && d->severity == DIAG_ERROR;
        }
        if (found) {
                cmd_print_diags(ctx, diags);
                fprintf(stderr, "bondcfg: down refused: nothing was changed\n");
        }
        return found;
}

/* Is there a network interface called name? */
static bool link_exists(const char *name)
{
        g_autofree char *path = g_build_filename("/sys/class/net", name, NULL);

        return g_file_test(path, G_FILE_TEST_EXISTS);
}

/*
 * Does the configuration stack links, present in the kernel, on one of
 * bonds?  Then down (without --stack) would take them with the bond, and
 * refuses, naming them.
 */
static bool stack_above(const Config *cfg, const char *const *bonds, guint n)
{
        bool found = false;

        for (guint i = 0; cfg && i < n; i++) {
                const CfgBond *b = config_find_bond(cfg, bonds[i]);
                g_autoptr(GPtrArray) names = b ? plan_stack_names(cfg, b) : NULL;
                g_autoptr(GPtrArray) live = g_ptr_array_new();
                g_autofree char *list = NULL;

                for (guint k = 0; names && k < names->len; k++)
                        if (link_exists(names->pdata[k]))
                                g_ptr_array_add(live, names->pdata[k]);
                if (!live->len)
                        continue;
                g_ptr_array_add(live, NULL);
                list = g_strjoinv(", ", (char **)live->pdata);
                fprintf(stderr,
                        "bondcfg: %s carries %s (configured above it): nothing was changed\n"
                        "  hint: take the whole stack down with 'bondcfg down --stack %s', or "
                        "only those with 'bondcfg down NAME'\n",
                        bonds[i], list, bonds[i]);
                log_bond(LOG_ERR, bonds[i], "down refused: %s carries %s", bonds[i], list);
                found = true;
        }
        return found;
}

/* The bond below link name of the stack (a VLAN or bridge the files put on
 * a bond), or NULL. */
static const CfgBond *stack_link_bond(const Config *cfg, const char *name)
{
        const CfgVlan *v = cfg ? config_find_vlan(cfg, name) : NULL;
        const CfgBridge *br = cfg && !v ? config_find_bridge(cfg, name) : NULL;
        const CfgBridgePort *p0 = br && br->ports->len ? br->ports->pdata[0] : NULL;

        if (v)
                return v->bond;
        if (!p0)
                return NULL;
        return p0->kind == CFG_BRIDGE_PORT_BOND ? p0->bond : p0->vlan->bond;
}

/*
 * down NAME for a VLAN or bridge of the stack (as ifdown of a VLAN deletes
 * it): that link goes, with the VLANs on it and the bridges that only it
 * (or those VLANs) held up; the bond and the rest of its stack stay.  A
 * bridge with a port outside the stack is only left by the stack's ports.
 */
static int down_link(const BondcfgCtx *ctx, NlConn *nl, const Config *cfg, const char *name,
                     unsigned *counter, RunJson *json)
{
        const CfgBond *b = stack_link_bond(cfg, name);
        g_autoptr(Snapshot) now = NULL;
        g_autoptr(Plan) p = plan_new();
        g_autoptr(GPtrArray) keep = plan_stack_names(cfg, b);
        g_autoptr(GPtrArray) gone = g_ptr_array_new();
        g_autofree char *odir = owned_dir();
        RunCtx run = { .ctx = ctx, .bond_name = b->name, .json = json };
        const SnapLink *bl, *l;
        ApplyResult res;
        int rc;

        rc = run_take_snapshot(ctx, nl, NULL, &now);
        if (rc)
                return rc;
        bl = snapshot_link_by_name(now, b->name);
        l = snapshot_link_by_name(now, name);
        if (!l || !bl) {
                if (!ctx->json && ctx->verbosity >= 0)
                        printf("%s: not present\n", name);
                return EXIT_OK;
        }
        g_ptr_array_add(gone, (char *)name);
        /* the configured bridges that hold nothing of the stack but this
         * link and the VLANs on it go too (as ifdown-eth deletes a bridge
         * its last port left) */
        for (guint i = 0; cfg->bridges && i < cfg->bridges->len; i++) {
                const CfgBridge *br = cfg->bridges->pdata[i];
                const SnapLink *bx = snapshot_link_by_name(now, br->name);
                guint held = 0, other = 0;

                if (!bx || g_str_equal(br->name, name) || !cfg_bridge_on_bond(br, b))
                        continue;
                for (guint k = 0; k < now->links->len; k++) {
                        const SnapLink *pl = now->links->pdata[k];
                        const SnapLink *x = pl;

                        if (pl->master != bx->ifindex)
                                continue;
                        while (x && x != l && x->vlan && x->link)
                                x = snapshot_link_by_index(now, x->link);
                        if (x == l)
                                held++;
                        else
                                other++;
                }
                if (held && !other)
                        g_ptr_array_add(gone, br->name);
        }
        for (guint i = 0; i < gone->len; i++) {
                guint at;

                if (g_ptr_array_find_with_equal_func(keep, gone->pdata[i], g_str_equal, &at))
                        g_ptr_array_remove_index(keep, at);
        }
        /* bridges first, then the VLAN: plan_stack_remove() orders them */
        g_ptr_array_add(gone, NULL);
        plan_stack_remove(p, b->name, (const char *const *)gone->pdata, keep, now, "");
        if (p->steps->len == 0) {
                if (!ctx->json && ctx->verbosity >= 0)
                        printf("%s: nothing of it to take down\n", name);
                return EXIT_OK;
        }
        rc = run_plan(nl, p, now, counter, NULL, &run, &res);
        if (rc)
                return rc;
        for (guint i = 0; i < p->steps->len; i++) {
                const PlanStep *st = p->steps->pdata[i];

                if (st->action == PLAN_DELETE_LINK)
                        owned_remove(odir, st->ifname);
        }
        apply_result_clear(&res);
        return EXIT_OK;
}

/* Take the bonds (or links of a stack) down, stopping at the first failure. */
static int down_bonds(const BondcfgCtx *ctx, const Config *cfg, const char *const *names, guint n)
{
        g_autoptr(DiagList) diags = diag_list_new();
        g_autoptr(NlConn) nl = NULL;
        g_autoptr(RunJson) json = run_json_new(ctx->json);
        unsigned counter = 0;
        int r, lock_fd = -1, rc = EXIT_OK;

        r = run_take_lock(ctx, &lock_fd);
        if (r)
                return r;
        r = run_open_netlink(ctx, &nl);
        if (r) {
                bondcfg_lock_release(lock_fd);
                return r;
        }
        /* what a killed run left goes first */
        run_recover(ctx, nl, json);
        /* SIGINT, SIGTERM, SIGHUP: the bond under way is put back */
        run_catch_signals();
        for (guint i = 0; i < n && rc == EXIT_OK; i++) {
                /* each bond is down for good once done: a journal each */
                run_journal_begin(ctx, "down");
                if (stack_link_bond(cfg, names[i]) && !config_find_bond(cfg, names[i]))
                        rc = down_link(ctx, nl, cfg, names[i], &counter, json);
                else
                        rc = down_one(ctx, nl, names[i], diags, &counter, json);
                run_journal_end();
        }
        run_release_signals();
        bondcfg_lock_release(lock_fd);
        return run_finish_json(ctx, json, diags, rc);
}

int cmd_down(BondcfgCtx *ctx, int argc, char **argv)
{
        g_autoptr(DiagList) cd = diag_list_new();
        g_autoptr(Config) cfg = NULL;
        int r = run_refuse_root(ctx, "down");

        if (r)
                return r;
        if (argc < 2) {
                fprintf(stderr, "bondcfg: down needs the name of a bond, or of a VLAN or bridge "
                                "above one\n");
                return EXIT_USAGE;
        }
        ctx->strict_files = true;
        if (cmd_load_config(ctx, &cfg, cd) != 0)
                cfg = NULL;
        if (cfg && untrusted(ctx, cfg, (const char *const *)argv + 1, (guint)argc - 1, cd))
                return EXIT_CONFIG;
        if (!ctx->stack && stack_above(cfg, (const char *const *)argv + 1, (guint)argc - 1))
                return EXIT_CONFIG;
        return down_bonds(ctx, cfg, (const char *const *)argv + 1, (guint)argc - 1);
}

/* ---- stop --------------------------------------------------------------- */

/* Does the kernel command line ask for a network root (dracut.cmdline(7))? */
static const char *netroot_cmdline(void)
{
        static const char *const words[] = { "netroot=",    "root=nfs",  "root=iscsi",
                                             "root=nbd",    "root=cifs", "root=/dev/nfs",
                                             "rd.neednet=1" };
        g_autofree char *cmdline = NULL;
        g_auto(GStrv) args = NULL;

        if (!g_file_get_contents("/proc/cmdline", &cmdline, NULL, NULL))
                return NULL;
        args = g_strsplit_set(g_strstrip(cmdline), " \t", -1);
        for (char **a = args; *a; a++)
                for (size_t i = 0; i < G_N_ELEMENTS(words); i++)
                        if (g_str_has_prefix(*a, words[i]))
                                return words[i];
        return NULL;
}

/* The root file system's type if it is a network one, else NULL. */
static char *netroot_fstype(void)
{
        static const char *const net[] = { "nfs",  "nfs4",      "cifs",           "smb3",
                                           "ceph", "glusterfs", "fuse.glusterfs", "fuse.sshfs" };
        g_autofree char *mounts = NULL;
        g_auto(GStrv) lines = NULL;
        char *type = NULL;

        if (!g_file_get_contents("/proc/self/mounts", &mounts, NULL, NULL))
                return NULL;
        lines = g_strsplit(mounts, "\n", -1);
        /* the last mount on / is the one in use */
        for (char **l = lines; *l; l++) {
                g_auto(GStrv) f = g_strsplit(*l, " ", 4);

                if (g_strv_length(f) >= 3 && g_str_equal(f[1], "/")) {
                        g_free(type);
                        type = g_strdup(f[2]);
                }
        }
        for (size_t i = 0; type && i < G_N_ELEMENTS(net); i++)
                if (g_str_equal(type, net[i]))
                        return type;
        g_free(type);
        return NULL;
}

/* The bonds the initramfs brought up (dracut/90bondcfg): a network root
 * may hang on them. */
static bool from_initramfs(const char *bond)
{
        g_autofree char *text = NULL;
        g_auto(GStrv) names = NULL;

        if (!g_file_get_contents("/run/initramfs/bondcfg/configured", &text, NULL, NULL))
                return false;
        names = g_strsplit_set(text, " \n", -1);
        return g_strv_contains((const char *const *)names, bond);
}

/*
 * bondcfg stop (bondcfg.service's ExecStop): take down the bonds of the
 * files that are up, as the network service's stop does, except when the
 * root file system is on the network (everything stays), and except the
 * bonds the initramfs brought up.
 */
int cmd_stop(BondcfgCtx *ctx, int argc, char **argv)
{
        g_autoptr(DiagList) diags = diag_list_new();
        g_autoptr(Config) cfg = NULL;
        g_autoptr(GPtrArray) names = g_ptr_array_new();
        g_autofree char *fstype = NULL;
        const char *why;
        int r = run_refuse_root(ctx, "stop");

        if (r)
                return r;
        if (argc > 1) {
                fprintf(stderr, "bondcfg: stop takes no bond names (use down BOND)\n");
                return EXIT_USAGE;
        }
        why = netroot_cmdline();
        fstype = why ? NULL : netroot_fstype();
        if (why || fstype) {
                g_autofree char *msg = g_strdup_printf(
                        "the root file system is on the network (%s%s): every bond stays up",
                        why ? "kernel command line " : "", why ? why : fstype);

                log_bond(LOG_NOTICE, NULL, "stop: %s", msg);
                if (!ctx->json && ctx->verbosity >= 0 && !log_fd_is_journal(STDOUT_FILENO))
                        printf("%s\n", msg);
                return EXIT_OK;
        }
        ctx->strict_files = true;
        r = cmd_load_config(ctx, &cfg, diags);
        if (r)
                return r;
        if (untrusted(ctx, cfg, NULL, 0, diags))
                return EXIT_CONFIG;
        for (guint i = 0; i < cfg->bonds->len; i++) {
                const CfgBond *b = cfg->bonds->pdata[i];
                g_autofree char *path = g_build_filename("/sys/class/net", b->name, NULL);

                if (!g_file_test(path, G_FILE_TEST_EXISTS))
                        continue;
                if (from_initramfs(b->name)) {
                        log_bond(LOG_NOTICE, b->name,
                                 "stop: brought up by the initramfs (a network root may need "
                                 "it): stays up");
                        if (!ctx->json && ctx->verbosity >= 0 && !log_fd_is_journal(STDOUT_FILENO))
                                printf("%s: brought up by the initramfs: stays up\n", b->name);
                        continue;
                }
                g_ptr_array_add(names, b->name);
        }
        return down_bonds(ctx, cfg, (const char *const *)names->pdata, names->len);
}
