/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Running plans for apply, down and stop: see cmd-run.h. */
#include "cmd-run.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "dl-lib.h"
#include "lock.h"
#include "log.h"
#include "port-state.h"

RunJson *run_json_new(bool enabled)
{
        RunJson *j = g_new0(RunJson, 1);

        j->states = g_ptr_array_new_with_free_func(g_free);
        /* without --json, no document (and json-glib is never loaded) */
        if (!enabled)
                return j;
        j->b = json_doc_new();
        json_begin_array_member(j->b, "steps");
        return j;
}

void run_json_free(RunJson *j)
{
        if (!j)
                return;
        g_clear_pointer(&j->b, json_doc_free);
        g_clear_pointer(&j->error, json_doc_free);
        g_clear_pointer(&j->recovered, json_doc_free);
        g_ptr_array_unref(j->states);
        g_free(j);
}

void run_json_bond_state(RunJson *j, const char *bond, const char *state)
{
        for (guint i = 0; i + 1 < j->states->len; i += 2)
                if (g_str_equal(j->states->pdata[i], bond)) {
                        g_free(j->states->pdata[i + 1]);
                        j->states->pdata[i + 1] = g_strdup(state);
                        return;
                }
        g_ptr_array_add(j->states, g_strdup(bond));
        g_ptr_array_add(j->states, g_strdup(state));
}

static volatile sig_atomic_t run_signal;
static const int caught[] = { SIGINT, SIGTERM, SIGHUP };
static struct sigaction saved[G_N_ELEMENTS(caught)];

static void on_signal(int sig)
{
        if (!run_signal)
                run_signal = sig;
}

void run_catch_signals(void)
{
        struct sigaction sa = { .sa_handler = on_signal, .sa_flags = SA_RESTART };

        sigemptyset(&sa.sa_mask);
        for (size_t i = 0; i < G_N_ELEMENTS(caught); i++) {
                sigaction(caught[i], NULL, &saved[i]);
                /* an ignored signal stays ignored (nohup, a background job's
                 * SIGINT) */
                if (saved[i].sa_handler != SIG_IGN)
                        sigaction(caught[i], &sa, NULL);
        }
        apply_set_stop_flag(&run_signal);
}

void run_release_signals(void)
{
        apply_set_stop_flag(NULL);
        for (size_t i = 0; i < G_N_ELEMENTS(caught); i++)
                sigaction(caught[i], &saved[i], NULL);
}

int run_interrupted(void)
{
        return run_signal;
}

int run_signal_status(void)
{
        return run_signal ? 128 + run_signal : EXIT_OK;
}

void run_json_steps(RunJson *j, const Plan *p)
{
        for (guint i = 0; i < p->steps->len; i++)
                plan_step_to_json(j->b, p->steps->pdata[i]);
}

void run_on_progress(const PlanStep *st, guint index, bool undo, void *userdata)
{
        RunCtx *rc = userdata;

        /* the step under way may be done: counted before it starts */
        run_journal_mark(rc, index + 1);

        log_bond(LOG_NOTICE, rc->bond_name, "%s%s", undo ? "undo: " : "", st->description);
        if (rc->ctx->json) {
                if (!undo)
                        plan_step_to_json(rc->json->b, st);
                return;
        }
        /* under bondcfg.service, the journal has the record already */
        if (rc->ctx->verbosity >= 0 && !log_fd_is_journal(STDOUT_FILENO))
                printf("%s%s\n", undo ? "undo: " : "", st->description);
        fflush(stdout);
}

/* The system log's record of a failed run. */
static void log_failure(const RunCtx *rc, const ApplyResult *res)
{
        const char *what = res->failed ? res->failed->description : "verify";

        if (res->failed_index)
                log_bond(LOG_ERR, rc->bond_name, "step %u failed: %s: %s%s%s", res->failed_index,
                         what, g_strerror(-res->error), res->message ? ": " : "",
                         res->message ? res->message : "");
        else
                log_bond(LOG_ERR, rc->bond_name, "%s",
                         res->message ? res->message : "verify failed");
        if (res->undo_errors)
                for (guint i = 0; i < res->undo_errors->len; i++)
                        log_bond(LOG_CRIT, rc->bond_name, "rollback incomplete: %s",
                                 (char *)res->undo_errors->pdata[i]);
        else
                log_bond(LOG_ERR, rc->bond_name, "rolled back; the kernel is as it was before");
}

void run_print_failure(const RunCtx *rc, const ApplyResult *res)
{
        const BondcfgCtx *ctx = rc->ctx;
        const char *what = res->failed ? res->failed->description : "verify";

        log_failure(rc, res);

        if (ctx->json) {
                JsonDoc *b;

                if (rc->json->error)
                        return; /* the first failure is the document's error */
                b = json_doc_new_value();
                json_obj_begin(b);
                json_set_string(b, "bond", rc->bond_name);
                json_set_uint_or_null(b, "step", res->failed_index, res->failed_index != 0);
                json_set_string(b, "description", what);
                json_set_string(b, "errno", g_strerror(-res->error));
                json_set_string(b, "message", res->message);
                json_set_bool(b, "rolled_back", !res->undo_errors);
                json_begin_array_member(b, "undo_errors");
                for (guint i = 0; res->undo_errors && i < res->undo_errors->len; i++)
                        json_add_string(b, res->undo_errors->pdata[i]);
                json_arr_end(b);
                json_obj_end(b);
                rc->json->error = b;
                return;
        }
        if (log_fd_is_journal(STDERR_FILENO))
                return;
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

void run_print_warnings(const RunCtx *rc, const ApplyResult *res)
{
        for (guint i = 0; res->warnings && i < res->warnings->len; i++) {
                log_bond(LOG_WARNING, rc->bond_name, "%s", (char *)res->warnings->pdata[i]);
                if (!rc->ctx->json && !log_fd_is_journal(STDERR_FILENO))
                        fprintf(stderr, "bondcfg: warning: %s\n", (char *)res->warnings->pdata[i]);
        }
}

int run_plan(NlConn *nl, const Plan *p, const Snapshot *before, unsigned *counter,
             ApplyVerifyFn verify, RunCtx *rc, ApplyResult *res)
{
        int r;

        run_journal_add(rc, p, before);
        r = apply_plan(nl, p, before, counter, run_on_progress, verify, rc, res);
        run_print_warnings(rc, res);
        if (r < 0) {
                int sig = res->interrupted;

                /* rolled back: nothing of it is left to undo */
                run_journal_mark(rc, 0);

                run_print_failure(rc, res);
                apply_result_clear(res);
                return sig ? 128 + sig : EXIT_KERNEL;
        }
        run_forget_released(rc->ctx, p);
        return EXIT_OK;
}

int run_take_lock(const BondcfgCtx *ctx, int *fd)
{
        const char *path = bondcfg_lock_path();
        pid_t holder = 0;

        *fd = bondcfg_lock_acquire(path, ctx->wait_lock, &holder);
        if (*fd >= 0)
                return 0;
        if (*fd == -EWOULDBLOCK && holder)
                return cmd_fail(ctx, EXIT_USAGE, "wait longer with --wait-lock SECONDS",
                                "another bondcfg (pid %ld) holds %s; gave up after %d s "
                                "(--wait-lock)",
                                (long)holder, path, ctx->wait_lock);
        if (*fd == -EWOULDBLOCK)
                return cmd_fail(ctx, EXIT_USAGE, "wait longer with --wait-lock SECONDS",
                                "another bondcfg holds %s; gave up after %d s (--wait-lock)", path,
                                ctx->wait_lock);
        return cmd_fail(ctx, EXIT_USAGE, NULL, "cannot lock %s: %s", path, g_strerror(-*fd));
}

/* apply and down change this machine's kernel: files for another root
 * (--root, e.g. the installed system in a kickstart %post) are not its. */
int run_refuse_root(const BondcfgCtx *ctx, const char *cmd)
{
        g_autofree char *hint = NULL;

        if (!ctx->root)
                return 0;
        hint = g_strdup_printf("use 'bondcfg --root %s check' to validate them, and run %s on "
                               "that system",
                               ctx->root, cmd);
        return cmd_fail(ctx, EXIT_USAGE, hint,
                        "%s acts on this machine's kernel; --root %s names files for another "
                        "system",
                        cmd, ctx->root);
}

int run_open_netlink(const BondcfgCtx *ctx, NlConn **c)
{
        int r = nl_conn_open(c);

        if (r < 0)
                return cmd_fail(ctx, EXIT_USAGE, dl_lib_hint(r), "cannot open rtnetlink: %s",
                                dl_lib_strerror(r));
        return 0;
}

/* The network state, with the sysctls of the bonds (NULL: none), or
 * EXIT_USAGE after saying why it cannot be read. */
int run_take_snapshot(const BondcfgCtx *ctx, NlConn *nl, const GPtrArray *bonds, Snapshot **snap)
{
        int r = snapshot_take(nl, snap);

        if (r < 0)
                return cmd_fail(ctx, EXIT_USAGE, NULL, "cannot read the network state: %s",
                                g_strerror(-r));
        cmd_read_sysctls(*snap, bonds);
        return 0;
}

int run_finish_json(const BondcfgCtx *ctx, RunJson *j, const DiagList *diags, int rc)
{
        if (!ctx->json)
                return rc;
        json_arr_end(j->b);
        if (j->states->len) {
                json_begin_array_member(j->b, "bonds");
                for (guint i = 0; i + 1 < j->states->len; i += 2) {
                        json_obj_begin(j->b);
                        json_set_string(j->b, "name", j->states->pdata[i]);
                        json_set_string(j->b, "state", j->states->pdata[i + 1]);
                        json_obj_end(j->b);
                }
                json_arr_end(j->b);
        }
        if (j->recovered) {
                json_arr_end(j->recovered);
                json_member(j->b, "recovered");
                json_add_doc(j->b, g_steal_pointer(&j->recovered));
        }
        if (j->error) {
                json_member(j->b, "error");
                json_add_doc(j->b, g_steal_pointer(&j->error));
        }
        json_add_diags(j->b, diags);
        json_set_int(j->b, "exit", rc);
        json_doc_print(j->b);
        return rc;
}

/*
 * After a successful run: the records of the ports that left their bond for
 * good (released, not enslaved again by the same plan) are used up.
 */
void run_forget_released(const BondcfgCtx *ctx, const Plan *p)
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
