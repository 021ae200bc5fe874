/* SPDX-License-Identifier: GPL-2.0-or-later */
/* bondcfg apply [--dry-run] [BOND...], bondcfg down BOND... */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "apply.h"
#include "commands.h"
#include "lock.h"
#include "module.h"
#include "netlink.h"
#include "plan.h"
#include "port-state.h"
#include "snapshot.h"

typedef struct {
        const BondcfgCtx *ctx;
        const CfgBond *bond; /* apply: the bond being applied */
        GString *json;       /* steps done, JSON */
} RunCtx;

static void json_steps(GString *s, const Plan *p)
{
        for (guint i = 0; i < p->steps->len; i++) {
                if (s->len && s->str[s->len - 1] != '[')
                        g_string_append_c(s, ',');
                plan_step_append_json(s, p->steps->pdata[i]);
        }
}

static void on_progress(const PlanStep *st, bool undo, void *userdata)
{
        RunCtx *rc = userdata;

        if (rc->ctx->json) {
                if (!undo) {
                        if (rc->json->str[rc->json->len - 1] != '[')
                                g_string_append_c(rc->json, ',');
                        plan_step_append_json(rc->json, st);
                }
                return;
        }
        if (rc->ctx->verbosity >= 0)
                printf("%s%s\n", undo ? "undo: " : "", st->description);
        fflush(stdout);
}

/* After the steps: does the kernel report every option we set? */
static int verify_bond(NlConn *c, char **msg, void *userdata)
{
        RunCtx *rc = userdata;
        g_autoptr(Snapshot) s = NULL;
        g_autoptr(DiagList) d = diag_list_new();
        SnapLink *l;
        int r;

        r = snapshot_take_link(c, rc->bond->name, &s);
        if (r < 0) {
                *msg = g_strdup_printf("%s: cannot read the bond back: %s", rc->bond->name,
                                       g_strerror(-r));
                return r;
        }
        l = s->links->pdata[0];
        if (!l->bond || plan_check_supported(rc->bond, l, d) == 0)
                return 0;
        *msg = g_strdup(((Diag *)d->items->pdata[0])->message);
        return -EOPNOTSUPP;
}

static void print_failure(const BondcfgCtx *ctx, const ApplyResult *res, GString *json)
{
        const char *what = res->failed ? res->failed->description : "verify";

        if (ctx->json) {
                g_string_append(json, "],\"error\":{\"step\":");
                if (res->failed_index)
                        g_string_append_printf(json, "%u", res->failed_index);
                else
                        g_string_append(json, "null");
                g_string_append(json, ",\"description\":");
                json_append_string(json, what);
                g_string_append(json, ",\"errno\":");
                json_append_string(json, g_strerror(-res->error));
                g_string_append(json, ",\"message\":");
                json_append_string(json, res->message);
                g_string_append(json, ",\"rolled_back\":");
                g_string_append(json, res->undo_errors ? "false" : "true");
                g_string_append(json, ",\"undo_errors\":[");
                for (guint i = 0; res->undo_errors && i < res->undo_errors->len; i++) {
                        if (i)
                                g_string_append_c(json, ',');
                        json_append_string(json, res->undo_errors->pdata[i]);
                }
                g_string_append(json, "]}");
                return;
        }
        if (res->failed_index)
                fprintf(stderr, "bondcfg: step %u failed: %s: %s%s%s\n", res->failed_index, what,
                        g_strerror(-res->error), res->message ? ": " : "",
                        res->message ? res->message : "");
        else
                fprintf(stderr, "bondcfg: %s\n", res->message ? res->message : "verify failed");
        if (res->undo_errors) {
                fprintf(stderr, "bondcfg: rollback incomplete:\n");
                for (guint i = 0; i < res->undo_errors->len; i++)
                        fprintf(stderr, "  %s\n", (char *)res->undo_errors->pdata[i]);
        } else {
                fprintf(stderr, "bondcfg: rolled back; the kernel is as it was before\n");
        }
}

static void print_warnings(const ApplyResult *res)
{
        for (guint i = 0; res->warnings && i < res->warnings->len; i++)
                fprintf(stderr, "bondcfg: warning: %s\n", (char *)res->warnings->pdata[i]);
}

static int take_lock(const BondcfgCtx *ctx, int *fd)
{
        const char *path = bondcfg_lock_path();
        pid_t holder = 0;

        *fd = bondcfg_lock_acquire(path, ctx->wait_lock, &holder);
        if (*fd >= 0)
                return 0;
        if (*fd == -EWOULDBLOCK) {
                if (holder)
                        fprintf(stderr,
                                "bondcfg: another bondcfg (pid %ld) holds %s; gave up after %d "
                                "s (--wait-lock)\n",
                                (long)holder, path, ctx->wait_lock);
                else
                        fprintf(stderr,
                                "bondcfg: another bondcfg holds %s; gave up after %d s "
                                "(--wait-lock)\n",
                                path, ctx->wait_lock);
        } else {
                fprintf(stderr, "bondcfg: cannot lock %s: %s\n", path, g_strerror(-*fd));
        }
        return EXIT_USAGE;
}

/* apply and down change this machine's kernel: files for another root
 * (--root, e.g. the installed system in a kickstart %post) are not its. */
static int refuse_root(const BondcfgCtx *ctx, const char *cmd)
{
        if (!ctx->root)
                return 0;
        fprintf(stderr,
                "bondcfg: %s acts on this machine's kernel; --root %s names files for another "
                "system\n  hint: use 'bondcfg --root %s check' to validate them, and run %s on "
                "that system\n",
                cmd, ctx->root, ctx->root, cmd);
        return EXIT_USAGE;
}

static int open_netlink(NlConn **c)
{
        int r = nl_conn_open(c);

        if (r < 0) {
                fprintf(stderr, "bondcfg: cannot open rtnetlink: %s\n", g_strerror(-r));
                return EXIT_USAGE;
        }
        return 0;
}

/* The network state, with the sysctls of the bonds (NULL: none), or
 * EXIT_USAGE after saying why it cannot be read. */
static int take_snapshot(NlConn *nl, const GPtrArray *bonds, Snapshot **snap)
{
        int r = snapshot_take(nl, snap);

        if (r < 0) {
                fprintf(stderr, "bondcfg: cannot read the network state: %s\n", g_strerror(-r));
                return EXIT_USAGE;
        }
        cmd_read_sysctls(*snap, bonds);
        return 0;
}

static int finish_json(const BondcfgCtx *ctx, GString *json, const DiagList *diags, int rc)
{
        if (!ctx->json)
                return rc;
        g_string_append_c(json, ',');
        json_append_diags(json, diags);
        g_string_append_printf(json, ",\"exit\":%d}", rc);
        puts(json->str);
        return rc;
}

/*
 * After a successful run: the records of the ports that left their bond for
 * good (released, not enslaved again by the same plan) are used up.
 */
static void forget_released(const BondcfgCtx *ctx, const Plan *p)
{
        g_autofree char *dir = NULL;

        for (guint i = 0; i < p->steps->len; i++) {
                const PlanStep *st = p->steps->pdata[i];
                bool again = false;
                int r;

                if (st->action != PLAN_RELEASE)
                        continue;
                for (guint k = i + 1; k < p->steps->len && !again; k++) {
                        const PlanStep *later = p->steps->pdata[k];

                        again = later->action == PLAN_ENSLAVE &&
                                g_strcmp0(later->ifname, st->ifname) == 0;
                }
                if (again)
                        continue;
                if (!dir)
                        dir = port_state_dir();
                r = port_state_remove(dir, st->ifname);
                if (r < 0 && !ctx->json)
                        fprintf(stderr, "bondcfg: warning: cannot remove %s/%s: %s\n", dir,
                                st->ifname, g_strerror(-r));
        }
}

/*
 * The records of b's enslaved ports, if the configuration drops one of them
 * (plan_bond() gives such a port its state from before bondcfg back); NULL
 * when it drops none, which spares the usual run the reads.
 */
static GHashTable *saved_for_dropped(const CfgBond *b, const Snapshot *s)
{
        const SnapLink *bond = snapshot_link_by_name(s, b->name);
        g_autoptr(GPtrArray) have = NULL;
        g_autofree char *dir = NULL;

        if (!bond)
                return NULL;
        have = snapshot_ports_of(s, bond->ifindex);
        for (guint i = 0; i < have->len; i++) {
                bool named = false;

                for (guint k = 0; k < b->ports->len && !named; k++)
                        named = plan_resolve_port(b->ports->pdata[k], s) == have->pdata[i];
                if (!named) {
                        dir = port_state_dir();
                        return port_state_load_ports(dir, s, b->name);
                }
        }
        return NULL;
}

/* The NIC checks' kernel facts, from the snapshot apply already holds. */
static int link_facts_from_snapshot(const char *ifname, NicLinkFacts *facts, void *userdata)
{
        const SnapLink *l = snapshot_link_by_name(userdata, ifname);

        if (!l)
                return -ENODEV;
        facts->max_mtu = l->max_mtu;
        facts->perm_address = g_strdup(l->perm_mac);
        facts->has_link = true;
        facts->mtu = l->mtu;
        facts->carrier = l->up ? l->lower_up : -1;
        facts->address = g_strdup(l->mac);
        return 0;
}

/* Plan bond b on s, with the records of the ports it drops and of what
 * bondcfg put on it before (-EINVAL: diags). */
static int plan_one(const CfgBond *b, const Snapshot *s, Plan **out, DiagList *diags)
{
        g_autoptr(GHashTable) saved = saved_for_dropped(b, s);
        g_autoptr(Owned) owned = cmd_load_owned(b->name, s);

        *out = plan_new();
        return plan_bond(*out, b, s, saved, owned, diags);
}

/*
 * After b's plan ran (res NULL: there was nothing to do): record what
 * bondcfg now owns on b, the configured objects that are there (added, or
 * adopted as they were), unless the record says so already.
 */
static void record_owned(const BondcfgCtx *ctx, NlConn *nl, const CfgBond *b, const Plan *p,
                         const ApplyResult *res, const Snapshot *s)
{
        g_autofree char *dir = owned_dir();
        g_autoptr(Owned) o = NULL;
        g_autoptr(Owned) old = NULL;
        g_autofree char *a = NULL, *t = NULL;
        const SnapLink *l = res ? NULL : snapshot_link_by_name(s, b->name);
        /* unchanged: the snapshot knows the link; else the connection's
         * memo, or one request */
        int ifindex = l ? l->ifindex : apply_ifindex(nl, b->name);
        int r;

        if (ifindex <= 0)
                return;
        o = plan_owned_after(b->l3, ifindex, p, res ? res->skipped : NULL);
        old = owned_load(dir, b->name, ifindex);
        a = owned_format(old);
        t = owned_format(o);
        if (g_str_equal(a, t))
                return;
        r = owned_save(dir, b->name, o);
        if (r < 0 && !ctx->json)
                fprintf(stderr,
                        "bondcfg: warning: cannot record what bondcfg put on %s in %s: %s (a "
                        "later apply will not remove it when the files drop it)\n",
                        b->name, dir, g_strerror(-r));
}

/*
 * Plan every selected bond on snap: plans[i] for bonds->pdata[i].  A bond
 * whose plan failed or has steps goes to *touch; the member-NIC checks are
 * for those (an unchanged bond gets no write, so nothing to check).
 * Planning problems go to pdiags.
 */
static GPtrArray *plan_all(const GPtrArray *bonds, const Snapshot *snap, GPtrArray **touch,
                           DiagList *pdiags)
{
        GPtrArray *plans = g_ptr_array_new_with_free_func((GDestroyNotify)plan_free);

        *touch = g_ptr_array_new();
        for (guint i = 0; i < bonds->len; i++) {
                Plan *p;

                if (plan_one(bonds->pdata[i], snap, &p, pdiags) < 0 || p->steps->len)
                        g_ptr_array_add(*touch, bonds->pdata[i]);
                g_ptr_array_add(plans, p);
        }
        return plans;
}

static void print_plans(const BondcfgCtx *ctx, const GPtrArray *bonds, const GPtrArray *plans,
                        GString *json)
{
        for (guint i = 0; i < plans->len; i++) {
                const Plan *p = plans->pdata[i];

                if (ctx->json)
                        json_steps(json, p);
                else if (p->steps->len == 0 && ctx->verbosity >= 0)
                        printf("%s: up to date\n", ((CfgBond *)bonds->pdata[i])->name);
                for (guint k = 0; !ctx->json && k < p->steps->len; k++)
                        printf("%s\n", ((PlanStep *)p->steps->pdata[k])->description);
        }
}

/*
 * Snapshot, plans, then the member-NIC checks of the bonds that would
 * change: all before the first write.  The NIC checks speak first (a missing
 * port, a port in another bond, a chipset mismatch); the planner's own
 * findings follow if they have none.  Returns 0 or an exit code.
 */
static int prepare(const BondcfgCtx *ctx, NlConn *nl, const Config *cfg, const GPtrArray *bonds,
                   Snapshot **snap, GPtrArray **plans, DiagList *diags)
{
        g_autoptr(DiagList) pdiags = diag_list_new();
        g_autoptr(GPtrArray) touch = NULL;
        int r;

        r = take_snapshot(nl, bonds, snap);
        if (r)
                return r;
        *plans = plan_all(bonds, *snap, &touch, pdiags);
        if (touch->len) {
                udev_check_set_link_query(link_facts_from_snapshot, *snap);
                r = cmd_nic_checks(ctx, cfg, touch, UDEV_CHECK_MODE_APPLY, diags);
                udev_check_set_link_query(NULL, NULL);
                if (r)
                        return r;
        }
        if (!diag_has_errors(diags))
                diag_list_move(diags, pdiags);
        return diag_has_errors(diags) ? EXIT_CONFIG : 0;
}

int cmd_apply(BondcfgCtx *ctx, int argc, char **argv)
{
        g_autoptr(DiagList) diags = diag_list_new();
        g_autoptr(Config) cfg = NULL;
        g_autoptr(GPtrArray) bonds = NULL;
        g_autoptr(GPtrArray) plans = NULL;
        g_autoptr(NlConn) nl = NULL;
        g_autoptr(Snapshot) snap = NULL;
        g_autoptr(GString) json = g_string_new("{\"steps\":[");
        unsigned counter = 0;
        bool changed = false;
        int r, lock_fd = -1, rc = EXIT_OK;

        r = refuse_root(ctx, "apply");
        if (r)
                return r;
        r = cmd_load_selected(ctx, argc, argv, true, &cfg, &bonds, diags);
        if (r)
                return r;
        if (diag_has_errors(diags)) {
                cmd_print_diags(ctx, diags);
                g_string_append_c(json, ']');
                return finish_json(ctx, json, diags, EXIT_CONFIG);
        }

        if (!ctx->dry_run) {
                g_autofree char *err = NULL;

                r = take_lock(ctx, &lock_fd);
                if (r)
                        return r;
                r = bond_module_ensure(NULL, &err);
                if (r < 0) {
                        fprintf(stderr, "bondcfg: %s\n", err ? err : g_strerror(-r));
                        bondcfg_lock_release(lock_fd);
                        return EXIT_KERNEL;
                }
        }
        rc = open_netlink(&nl);
        if (rc)
                goto out_unlock;

        /* Plan and check every bond first: a problem stops the run before
         * any change. */
        rc = prepare(ctx, nl, cfg, bonds, &snap, &plans, diags);
        if (rc == EXIT_USAGE)
                goto out_unlock;
        if (ctx->dry_run && !rc)
                print_plans(ctx, bonds, plans, json);
        cmd_print_diags(ctx, diags);
        if (rc || ctx->dry_run) {
                g_string_append_c(json, ']');
                goto out_json;
        }

        for (guint i = 0; i < bonds->len; i++) {
                const CfgBond *b = bonds->pdata[i];
                Plan *p = plans->pdata[i];
                g_autoptr(Plan) replan = NULL;
                g_autoptr(Snapshot) now = NULL;
                RunCtx run = { .ctx = ctx, .bond = b, .json = json };
                ApplyResult res;

                /* The bonds before this one changed the state it was
                 * planned on (a port may have moved): plan it again. */
                if (changed) {
                        rc = take_snapshot(nl, bonds, &now);
                        if (rc) {
                                g_string_append_c(json, ']');
                                break;
                        }
                        if (plan_one(b, now, &replan, diags) < 0) {
                                cmd_print_diags(ctx, diags);
                                rc = EXIT_CONFIG;
                                g_string_append_c(json, ']');
                                break;
                        }
                        p = replan;
                }
                if (p->steps->len == 0) {
                        if (!ctx->json && ctx->verbosity >= 0)
                                printf("%s: up to date\n", b->name);
                        record_owned(ctx, nl, b, p, NULL, now ? now : snap);
                        continue;
                }
                r = apply_plan(nl, p, now ? now : snap, &counter, on_progress, verify_bond, &run,
                               &res);
                changed = true;
                if (!ctx->json)
                        print_warnings(&res);
                if (r < 0) {
                        print_failure(ctx, &res, json);
                        apply_result_clear(&res);
                        rc = EXIT_KERNEL;
                        break;
                }
                forget_released(ctx, p);
                record_owned(ctx, nl, b, p, &res, NULL);
                apply_result_clear(&res);
        }
        if (rc == EXIT_OK)
                g_string_append_c(json, ']');
out_json:
        rc = finish_json(ctx, json, diags, rc);
out_unlock:
        bondcfg_lock_release(lock_fd);
        return rc;
}

int cmd_down(BondcfgCtx *ctx, int argc, char **argv)
{
        g_autoptr(DiagList) diags = diag_list_new();
        g_autoptr(NlConn) nl = NULL;
        g_autoptr(GString) json = g_string_new("{\"steps\":[");
        unsigned counter = 0;
        int r, lock_fd = -1, rc = EXIT_OK;

        r = refuse_root(ctx, "down");
        if (r)
                return r;
        if (argc < 2) {
                fprintf(stderr, "bondcfg: down needs the name of a bond\n");
                return EXIT_USAGE;
        }
        r = take_lock(ctx, &lock_fd);
        if (r)
                return r;
        r = open_netlink(&nl);
        if (r) {
                bondcfg_lock_release(lock_fd);
                return r;
        }
        for (int i = 1; i < argc && rc == EXIT_OK; i++) {
                g_autoptr(Snapshot) now = NULL;
                g_autoptr(Plan) p = plan_new();
                g_autoptr(GHashTable) saved = NULL;
                g_autoptr(Owned) owned = NULL;
                g_autofree char *dir = port_state_dir();
                RunCtx run = { .ctx = ctx, .json = json };
                ApplyResult res;

                rc = take_snapshot(nl, NULL, &now);
                if (rc)
                        break;
                saved = port_state_load_ports(dir, now, argv[i]);
                owned = cmd_load_owned(argv[i], now);
                if (plan_down(p, argv[i], now, saved, owned, diags) < 0) {
                        cmd_print_diags(ctx, diags);
                        rc = EXIT_USAGE;
                        break;
                }
                if (p->steps->len == 0) {
                        if (!ctx->json && ctx->verbosity >= 0)
                                printf("%s: not present\n", argv[i]);
                        continue;
                }
                r = apply_plan(nl, p, now, &counter, on_progress, NULL, &run, &res);
                if (!ctx->json)
                        print_warnings(&res);
                if (r < 0) {
                        print_failure(ctx, &res, json);
                        rc = EXIT_KERNEL;
                } else {
                        g_autofree char *odir = owned_dir();

                        forget_released(ctx, p);
                        owned_remove(odir, argv[i]);
                }
                apply_result_clear(&res);
        }
        bondcfg_lock_release(lock_fd);
        if (rc != EXIT_KERNEL)
                g_string_append_c(json, ']');
        return finish_json(ctx, json, diags, rc);
}
