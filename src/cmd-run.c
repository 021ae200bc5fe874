/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Running plans for apply, down and stop: see cmd-run.h. */
#include "cmd-run.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "lock.h"
#include "log.h"
#include "port-state.h"

void run_json_steps(GString *s, const Plan *p)
{
        for (guint i = 0; i < p->steps->len; i++) {
                if (s->len && s->str[s->len - 1] != '[')
                        g_string_append_c(s, ',');
                plan_step_append_json(s, p->steps->pdata[i]);
        }
}

void run_on_progress(const PlanStep *st, bool undo, void *userdata)
{
        RunCtx *rc = userdata;

        log_bond(LOG_NOTICE, rc->bond_name, "%s%s", undo ? "undo: " : "", st->description);
        if (rc->ctx->json) {
                if (!undo) {
                        if (rc->json->str[rc->json->len - 1] != '[')
                                g_string_append_c(rc->json, ',');
                        plan_step_append_json(rc->json, st);
                }
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
        GString *json = rc->json_error;
        const char *what = res->failed ? res->failed->description : "verify";

        log_failure(rc, res);

        if (ctx->json) {
                if (json->len)
                        return; /* the first failure is the document's error */
                g_string_append(json, "{\"bond\":");
                json_append_string(json, rc->bond_name);
                g_string_append(json, ",\"step\":");
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
        int r = apply_plan(nl, p, before, counter, run_on_progress, verify, rc, res);

        run_print_warnings(rc, res);
        if (r < 0) {
                run_print_failure(rc, res);
                apply_result_clear(res);
                return EXIT_KERNEL;
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
int run_refuse_root(const BondcfgCtx *ctx, const char *cmd)
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

int run_open_netlink(NlConn **c)
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
int run_take_snapshot(NlConn *nl, const GPtrArray *bonds, Snapshot **snap)
{
        int r = snapshot_take(nl, snap);

        if (r < 0) {
                fprintf(stderr, "bondcfg: cannot read the network state: %s\n", g_strerror(-r));
                return EXIT_USAGE;
        }
        cmd_read_sysctls(*snap, bonds);
        return 0;
}

int run_finish_json(const BondcfgCtx *ctx, GString *json, const GString *error,
                    const DiagList *diags, int rc)
{
        if (!ctx->json)
                return rc;
        g_string_append_c(json, ']');
        if (error && error->len) {
                g_string_append(json, ",\"error\":");
                g_string_append_len(json, error->str, (gssize)error->len);
        }
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
