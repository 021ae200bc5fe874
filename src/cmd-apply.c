/* SPDX-License-Identifier: GPL-2.0-or-later */
/* bondcfg apply [--dry-run] [--boot] [BOND...] */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>
#include <string.h>

#include "apply.h"
#include "cmd-apply-internal.h"
#include "plan-stack.h"
#include "cmd-nm.h"
#include "cmd-run.h"
#include "dl-lib.h"
#include "lock.h"
#include "log.h"
#include "module.h"
#include "netlink.h"
#include "plan.h"
#include "port-state.h"
#include "snapshot.h"
#include "state-file.h"

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

/* Plan bond b on s, with the records of the ports it drops and of what
 * bondcfg put on it before (-EINVAL: diags). */
/* The links of the stack on bond that bondcfg brought up (their names,
 * NULL-terminated; NULL: none recorded), from state_dir("stack")/BOND. */
static char **stack_recorded(const char *bond)
{
        g_autofree char *dir = state_dir("stack");
        g_autofree char *path = NULL;
        g_autofree char *text = NULL;

        if (!state_name_valid(bond))
                return NULL;
        path = g_build_filename(dir, bond, NULL);
        if (!g_file_get_contents(path, &text, NULL, NULL))
                return NULL;
        return g_strsplit(g_strstrip(text), "\n", -1);
}

/* After an apply of b: record the links of its stack, for the apply that
 * finds them dropped from the files. */
static void stack_record(const BondcfgCtx *ctx, const Config *cfg, const CfgBond *b)
{
        g_autofree char *dir = state_dir("stack");
        g_autoptr(GPtrArray) vlans = plan_stack_vlans(cfg, b);
        g_autoptr(GPtrArray) bridges = plan_stack_bridges(cfg, b);
        g_autoptr(GString) t = g_string_new(NULL);
        int r;

        for (guint i = 0; i < vlans->len; i++)
                g_string_append_printf(t, "%s\n", ((const CfgVlan *)vlans->pdata[i])->name);
        for (guint i = 0; i < bridges->len; i++)
                g_string_append_printf(t, "%s\n", ((const CfgBridge *)bridges->pdata[i])->name);
        r = t->len ? state_write(dir, b->name, t->str) : state_remove(dir, b->name);
        if (r < 0 && r != -ENOENT && !ctx->json)
                fprintf(stderr, "bondcfg: warning: cannot record the stack of %s in %s: %s\n",
                        b->name, dir, g_strerror(-r));
}

static int plan_one(const Config *cfg, const CfgBond *b, const Snapshot *s, Plan **out,
                    DiagList *diags)
{
        g_auto(GStrv) recorded = stack_recorded(b->name);
        g_autoptr(GHashTable) saved = saved_for_dropped(b, s);
        g_autoptr(Owned) owned = cmd_load_owned(b->name, s);
        g_autoptr(GHashTable) stack_owned = cmd_load_stack_owned(cfg, b, s);
        int r;

        *out = plan_new();
        r = plan_bond(*out, b, s, saved, owned, diags);
        /* what the files no longer stack on it goes, top-down; then the
         * VLANs and bridges above it, bottom-up */
        plan_stack_dropped(*out, cfg, b, (const char *const *)recorded, s);
        if (plan_stack(*out, cfg, b, s, stack_owned, diags) < 0)
                r = -EINVAL;
        return r;
}

/*
 * After b's plan ran (res NULL: there was nothing to do): record what
 * bondcfg now owns on b, the configured objects that are there (added, or
 * adopted as they were), unless the record says so already.
 */
static void record_owned_link(const BondcfgCtx *ctx, NlConn *nl, const char *name, const CfgL3 *l3,
                              const Plan *p, const ApplyResult *res, const Snapshot *s)
{
        g_autofree char *dir = owned_dir();
        g_autoptr(Owned) o = NULL;
        g_autoptr(Owned) old = NULL;
        g_autofree char *a = NULL, *t = NULL;
        const SnapLink *l = res ? NULL : snapshot_link_by_name(s, name);
        /* unchanged: the snapshot knows the link; else the connection's
         * memo, or one request */
        int ifindex = l ? l->ifindex : apply_ifindex(nl, name);
        int r;

        if (ifindex <= 0)
                return;
        o = plan_owned_after(l3, ifindex, p, res ? res->skipped : NULL);
        old = owned_load(dir, name, ifindex);
        a = owned_format(old);
        t = owned_format(o);
        if (g_str_equal(a, t))
                return;
        r = owned_save(dir, name, o);
        if (r < 0 && !ctx->json)
                fprintf(stderr,
                        "bondcfg: warning: cannot record what bondcfg put on %s in %s: %s (a "
                        "later apply will not remove it when the files drop it)\n",
                        name, dir, g_strerror(-r));
}

/* What bondcfg owns on b and on the VLANs above it, after the plan. */
static void record_owned(const BondcfgCtx *ctx, NlConn *nl, const Config *cfg, const CfgBond *b,
                         const Plan *p, const ApplyResult *res, const Snapshot *s)
{
        g_autoptr(GPtrArray) vlans = plan_stack_vlans(cfg, b);
        g_autoptr(GPtrArray) bridges = plan_stack_bridges(cfg, b);

        record_owned_link(ctx, nl, b->name, b->l3, p, res, s);
        stack_record(ctx, cfg, b);
        for (guint i = 0; i < vlans->len; i++) {
                const CfgVlan *v = vlans->pdata[i];

                record_owned_link(ctx, nl, v->name, v->l3, p, res, s);
        }
        for (guint i = 0; i < bridges->len; i++) {
                const CfgBridge *br = bridges->pdata[i];

                record_owned_link(ctx, nl, br->name, br->l3, p, res, s);
        }
}

/*
 * Plan every selected bond on snap: plans[i] for bonds->pdata[i].  A bond
 * whose plan failed or has steps goes to *touch; the member-NIC checks are
 * for those (an unchanged bond gets no write, so nothing to check).
 * Planning problems go to pdiags.
 */
static GPtrArray *plan_all(const Config *cfg, const GPtrArray *bonds, const Snapshot *snap,
                           GPtrArray **touch, DiagList *pdiags)
{
        GPtrArray *plans = g_ptr_array_new_with_free_func((GDestroyNotify)plan_free);

        *touch = g_ptr_array_new();
        for (guint i = 0; i < bonds->len; i++) {
                Plan *p;

                if (plan_one(cfg, bonds->pdata[i], snap, &p, pdiags) < 0 || p->steps->len)
                        g_ptr_array_add(*touch, bonds->pdata[i]);
                g_ptr_array_add(plans, p);
        }
        return plans;
}

static void print_plans(const BondcfgCtx *ctx, const GPtrArray *bonds, const GPtrArray *plans,
                        RunJson *json)
{
        for (guint i = 0; i < plans->len; i++) {
                const Plan *p = plans->pdata[i];

                if (ctx->json)
                        run_json_steps(json, p);
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

        r = run_take_snapshot(ctx, nl, bonds, snap);
        if (r)
                return r;
        cmd_read_stack_sysctls(*snap, cfg, bonds);
        *plans = plan_all(cfg, bonds, *snap, &touch, pdiags);
        if (touch->len) {
                r = cmd_nic_checks(ctx, cfg, touch, UDEV_CHECK_MODE_APPLY, *snap, diags);
                if (r)
                        return r;
        }
        if (!diag_has_errors(diags))
                diag_list_move(diags, pdiags);
        return diag_has_errors(diags) ? EXIT_CONFIG : 0;
}

/* The system log's record of a refusal: each error, for each bond. */
void apply_log_refusal(const GPtrArray *bonds, const DiagList *diags)
{
        for (guint i = 0; i < bonds->len; i++) {
                const char *name = ((const CfgBond *)bonds->pdata[i])->name;

                for (guint k = 0; k < diags->items->len; k++) {
                        const Diag *d = diags->items->pdata[k];

                        if (d->severity != DIAG_ERROR)
                                continue;
                        if (d->file && d->line)
                                log_bond(LOG_ERR, name, "apply refused: %s:%u: %s", d->file,
                                         d->line, d->message);
                        else if (d->file)
                                log_bond(LOG_ERR, name, "apply refused: %s: %s", d->file,
                                         d->message);
                        else
                                log_bond(LOG_ERR, name, "apply refused: %s", d->message);
                }
        }
}

/* A bond of the run whose plan was carried out: kept until every bond is
 * done, to be undone if a later one fails. */
typedef struct {
        const CfgBond *b;
        const Plan *p;      /* its plan (borrowed from plans, or owned below) */
        Plan *own;          /* a plan made again, or NULL */
        Snapshot *own_snap; /* the snapshot it ran on when not the first, or NULL */
        const Snapshot *before;
        ApplyResult res;
} DoneBond;

static void done_bond_free(gpointer x)
{
        DoneBond *d = x;

        apply_result_clear(&d->res);
        plan_free(d->own);
        snapshot_free(d->own_snap);
        g_free(d);
}

/*
 * A bond failed (or a signal stopped the run), and has been rolled back:
 * the bonds done before it in this run are undone too, last first, so that
 * the run leaves the kernel as it found it or says exactly what it could
 * not undo.  Each bond's state goes to the run's JSON and to stderr.
 */
static void undo_done(const BondcfgCtx *ctx, NlConn *nl, GPtrArray *done, const char *failed,
                      RunJson *json)
{
        for (guint i = done->len; i-- > 0;) {
                DoneBond *d = done->pdata[i];
                RunCtx run = { .ctx = ctx, .bond = d->b, .bond_name = d->b->name, .json = json };
                ApplyResult undo = { 0 };
                bool clean;

                apply_undo(nl, d->p, d->before, d->res.skipped, run_on_progress, &run, &undo);
                run_journal_mark(&run, 0);
                clean = !undo.undo_errors;
                run_json_bond_state(json, d->b->name,
                                    clean ? "rolled-back" : "rollback-incomplete");
                log_bond(clean ? LOG_ERR : LOG_CRIT, d->b->name,
                         "%s: applied, then undone because %s failed",
                         clean ? "rolled back" : "rollback incomplete", failed);
                if (!ctx->json && !log_fd_is_journal(STDERR_FILENO))
                        fprintf(stderr,
                                "bondcfg: %s: %s (it was applied; undone because %s failed)\n",
                                d->b->name, clean ? "rolled back" : "rollback incomplete", failed);
                for (guint k = 0; undo.undo_errors && k < undo.undo_errors->len; k++) {
                        log_bond(LOG_CRIT, d->b->name, "rollback incomplete: %s",
                                 (char *)undo.undo_errors->pdata[k]);
                        if (!ctx->json)
                                fprintf(stderr, "  %s\n", (char *)undo.undo_errors->pdata[k]);
                }
                apply_result_clear(&undo);
        }
        g_ptr_array_set_size(done, 0);
}

/*
 * Prepare the bonds (all planned and checked before the first write: a
 * problem stops them all), then run them one after the other.  Either all
 * of them are applied, or none: when one fails (or SIGINT, SIGTERM or
 * SIGHUP stops the run between two steps) it is rolled back, and so are
 * those done before it.  What bondcfg owns is recorded once all are done.
 * The lock is held.  Returns an exit code.
 */
int apply_bonds(const BondcfgCtx *ctx, NlConn *nl, const Config *cfg, const GPtrArray *bonds,
                bool all, DiagList *diags, unsigned *counter, RunJson *json)
{
        g_autoptr(GPtrArray) plans = NULL;
        g_autoptr(Snapshot) snap = NULL;
        g_autoptr(GPtrArray) done = g_ptr_array_new_with_free_func(done_bond_free);
        const char *failed = NULL;
        bool changed = false;
        int r, rc;

        rc = prepare(ctx, nl, cfg, bonds, &snap, &plans, diags);
        if (rc == EXIT_USAGE)
                return rc;
        if (!rc) {
                cmd_nm_check(ctx, bonds, snap, diags);
                rc = diag_has_errors(diags) ? EXIT_CONFIG : 0;
        }
        if (ctx->dry_run && !rc)
                print_plans(ctx, bonds, plans, json);
        cmd_print_diags(ctx, diags);
        if (rc && !ctx->dry_run)
                apply_log_refusal(bonds, diags);
        if (rc || ctx->dry_run)
                return rc;
        /* before any port is enslaved */
        cmd_nm_claim(ctx, cfg, bonds, snap, all);

        /* each bond's state, in their order: what was not reached says so */
        for (guint i = 0; i < bonds->len; i++)
                run_json_bond_state(json, ((const CfgBond *)bonds->pdata[i])->name,
                                    "not-attempted");
        run_catch_signals();
        run_journal_begin(ctx, "apply");
        for (guint i = 0; i < bonds->len && rc == EXIT_OK; i++) {
                const CfgBond *b = bonds->pdata[i];
                Plan *p = plans->pdata[i];
                g_autoptr(Plan) replan = NULL;
                g_autoptr(Snapshot) now = NULL;
                RunCtx run = { .ctx = ctx, .bond = b, .bond_name = b->name, .json = json };
                DoneBond *d;

                /* The bonds before this one changed the state it was
                 * planned on (a port may have moved): plan it again. */
                if (changed) {
                        g_autoptr(DiagList) again = diag_list_new();

                        rc = run_take_snapshot(ctx, nl, bonds, &now);
                        if (rc) {
                                failed = b->name;
                                break;
                        }
                        cmd_read_stack_sysctls(now, cfg, bonds);
                        if (plan_one(cfg, b, now, &replan, again) < 0) {
                                cmd_print_diags(ctx, again);
                                apply_log_refusal(bonds, again);
                                diag_list_move(diags, again);
                                rc = EXIT_CONFIG;
                                failed = b->name;
                                break;
                        }
                        p = replan;
                }
                if (p->steps->len == 0) {
                        if (!ctx->json && ctx->verbosity >= 0)
                                printf("%s: up to date\n", b->name);
                        run_json_bond_state(json, b->name, "up-to-date");
                        record_owned(ctx, nl, cfg, b, p, NULL, now ? now : snap);
                        continue;
                }
                changed = true;
                d = g_new0(DoneBond, 1);
                d->b = b;
                d->p = p;
                d->before = now ? now : snap;
                r = run_plan(nl, p, d->before, counter, verify_bond, &run, &d->res);
                if (r) {
                        run_json_bond_state(json, b->name, "rolled-back");
                        g_free(d);
                        rc = r;
                        failed = b->name;
                        break;
                }
                d->own = g_steal_pointer(&replan);
                d->own_snap = g_steal_pointer(&now);
                g_ptr_array_add(done, d);
        }
        if (rc == EXIT_OK && run_interrupted()) {
                /* the signal came after the last step of the last bond */
                rc = run_signal_status();
        }
        if (rc != EXIT_OK && done->len)
                undo_done(ctx, nl, done,
                          run_interrupted() ? "the run was interrupted"
                          : failed          ? failed
                                            : "a bond",
                          json);
        /* applied, or rolled back: nothing is left for another run to undo */
        run_journal_end();
        run_release_signals();
        /* all applied: what bondcfg put there is its own */
        for (guint i = 0; i < done->len; i++) {
                DoneBond *d = done->pdata[i];

                run_json_bond_state(json, d->b->name, "applied");
                record_owned(ctx, nl, cfg, d->b, d->p, &d->res, NULL);
        }
        return rc;
}

/* The bond module; EXIT_KERNEL after saying (and logging) why not. */
int apply_load_module(const GPtrArray *bonds)
{
        g_autofree char *err = NULL;
        int r = bond_module_ensure(NULL, &err);

        if (r >= 0)
                return 0;
        cmd_fail(NULL, EXIT_KERNEL, dl_lib_hint(r), "%s", err ? err : g_strerror(-r));
        for (guint i = 0; i < bonds->len; i++)
                log_bond(LOG_ERR, ((const CfgBond *)bonds->pdata[i])->name, "apply refused: %s",
                         err ? err : g_strerror(-r));
        return EXIT_KERNEL;
}

int cmd_apply(BondcfgCtx *ctx, int argc, char **argv)
{
        g_autoptr(DiagList) diags = diag_list_new();
        g_autoptr(Config) cfg = NULL;
        g_autoptr(GPtrArray) bonds = NULL;
        g_autoptr(NlConn) nl = NULL;
        g_autoptr(RunJson) json = run_json_new(ctx->json);
        g_autoptr(GPtrArray) missing = NULL;
        bool all = argc <= 1;
        unsigned counter = 0;
        int r, lock_fd = -1, rc = EXIT_OK;

        r = run_refuse_root(ctx, "apply");
        if (r)
                return r;
        ctx->strict_files = true;
        r = cmd_load_selected(ctx, argc, argv, true, &cfg, &bonds, diags);
        if (r)
                return r;
        if (ctx->boot)
                return apply_boot(ctx, cfg, bonds, diags, all);
        if (diag_has_errors(diags)) {
                cmd_print_diags(ctx, diags);
                if (!ctx->dry_run)
                        apply_log_refusal(bonds, diags);
                return run_finish_json(ctx, json, diags, EXIT_CONFIG);
        }
        rc = run_open_netlink(ctx, &nl);
        if (rc)
                return rc;
        /* DEVTIMEOUT: a port may take its time to appear */
        missing = apply_wait_ports(ctx, nl, bonds, 0);
        if (!ctx->dry_run) {
                r = run_take_lock(ctx, &lock_fd);
                if (r)
                        return r;
                /* what a killed run left goes first */
                run_recover(ctx, nl, json);
                rc = apply_load_module(bonds);
        }
        if (!rc)
                rc = apply_bonds(ctx, nl, cfg, bonds, all, diags, &counter, json);
        if (rc != EXIT_USAGE)
                rc = run_finish_json(ctx, json, diags, rc);
        bondcfg_lock_release(lock_fd);
        return rc;
}
