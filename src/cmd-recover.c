/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The crash journal in the command layer (journal.h): each run that writes
 * keeps one, and the next run that holds the lock undoes what a killed one
 * left before it does its own work.  status reports it.
 */
#include "cmd-run.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "apply.h"
#include "journal.h"
#include "log.h"
#include "port-state.h"

/* The journal of this run, or NULL (none yet, or it could not be written). */
static Journal *run_journal;
static bool run_journal_failed;

static void journal_warn(const BondcfgCtx *ctx, int r)
{
        g_autofree char *dir = journal_dir();

        if (run_journal_failed)
                return;
        run_journal_failed = true;
        log_bond(LOG_WARNING, NULL, "cannot keep the crash journal in %s: %s", dir, g_strerror(-r));
        if (!ctx->json)
                fprintf(stderr,
                        "bondcfg: warning: cannot keep the crash journal in %s: %s (if this run "
                        "is killed, the next one cannot undo what it did)\n",
                        dir, g_strerror(-r));
}

void run_journal_begin(const BondcfgCtx *ctx, const char *command)
{
        int r;

        if (run_journal)
                return;
        r = journal_begin(command, &run_journal);
        if (r < 0)
                journal_warn(ctx, r);
}

void run_journal_add(const RunCtx *rc, const Plan *p, const Snapshot *before)
{
        int r;

        if (!run_journal)
                return;
        r = journal_add(run_journal, rc->bond_name, p, before);
        if (r < 0)
                journal_warn(rc->ctx, r);
}

void run_journal_mark(const RunCtx *rc, guint n)
{
        int r;

        if (!run_journal)
                return;
        r = journal_mark(run_journal, rc->bond_name, n);
        if (r < 0)
                journal_warn(rc->ctx, r);
}

void run_journal_end(void)
{
        journal_end(run_journal);
        g_clear_pointer(&run_journal, journal_free);
}

/* "an apply (pid 1234, bondcfg 0.1.0, started 14:20:01)" */
static char *describe_run(const JournalRecord *rec)
{
        g_autoptr(GDateTime) t = g_date_time_new_from_unix_local(rec->started / G_USEC_PER_SEC);
        g_autofree char *when = t ? g_date_time_format(t, "%F %T") : g_strdup("?");

        return g_strdup_printf("%s %s (pid %ld, bondcfg %s, started %s)",
                               g_str_equal(rec->command, "apply") ? "an" : "a", rec->command,
                               (long)rec->pid, rec->version ? rec->version : "?", when);
}

/* The step bond b had reached, as one phrase. */
static char *describe_step(const JournalBond *b)
{
        if (!b->done)
                return g_strdup_printf("%s: before its first step", b->bond);
        return g_strdup_printf("%s: at step %u of %u (%s)", b->bond, b->done, b->plan->steps->len,
                               ((const PlanStep *)b->plan->steps->pdata[b->done - 1])->description);
}

/* The port-state records the dead run wrote (before enslaving a port that
 * had no master) describe nothing once the port is back. */
static void forget_new_ports(const JournalBond *b)
{
        g_autofree char *dir = port_state_dir();

        for (guint i = 0; i < b->done; i++) {
                const PlanStep *st = b->plan->steps->pdata[i];
                const SnapLink *was = snapshot_link_by_name(b->before, st->ifname);

                if (st->action == PLAN_ENSLAVE && was && !was->master)
                        port_state_remove(dir, st->ifname);
        }
}

static void json_recovered(RunJson *json, const JournalRecord *rec, const JournalBond *b,
                           const char *state)
{
        if (!json->b)
                return;
        if (!json->recovered) {
                json->recovered = json_doc_new_value();
                json_arr_begin(json->recovered);
        }
        json_obj_begin(json->recovered);
        json_set_string(json->recovered, "command", rec->command);
        json_set_int(json->recovered, "pid", rec->pid);
        json_set_string(json->recovered, "bond", b->bond);
        json_set_int(json->recovered, "step", b->done);
        json_set_int(json->recovered, "steps", b->plan->steps->len);
        json_set_string(json->recovered, "state", state);
        json_obj_end(json->recovered);
}

/* Undo one bond of the dead run; false if something could not be undone. */
static bool recover_bond(const BondcfgCtx *ctx, NlConn *nl, const JournalRecord *rec,
                         const JournalBond *b, RunJson *json)
{
        RunCtx run = { .ctx = ctx, .bond_name = b->bond, .json = json };
        g_autofree char *where = describe_step(b);
        ApplyResult res = { 0 };
        bool clean;

        apply_recover(nl, b->plan, b->done, b->before, run_on_progress, &run, &res);
        forget_new_ports(b);
        clean = !res.undo_errors;
        log_bond(clean ? LOG_WARNING : LOG_CRIT, b->bond, "interrupted %s %s: %s", rec->command,
                 where, clean ? "rolled back" : "rollback incomplete");
        if (!ctx->json)
                fprintf(stderr, "bondcfg: %s: %s\n", where,
                        clean ? "rolled back" : "rollback incomplete");
        for (guint k = 0; res.undo_errors && k < res.undo_errors->len; k++) {
                log_bond(LOG_CRIT, b->bond, "rollback incomplete: %s",
                         (char *)res.undo_errors->pdata[k]);
                if (!ctx->json)
                        fprintf(stderr, "  %s\n", (char *)res.undo_errors->pdata[k]);
        }
        json_recovered(json, rec, b, clean ? "rolled-back" : "rollback-incomplete");
        apply_result_clear(&res);
        return clean;
}

int run_recover(const BondcfgCtx *ctx, NlConn *nl, RunJson *json)
{
        g_autoptr(JournalRecord) rec = NULL;
        g_autofree char *err = NULL;
        g_autofree char *what = NULL;
        int r = journal_read(&rec, &err);

        if (r == -ENOENT)
                return 0;
        if (r < 0) {
                g_autofree char *dir = journal_dir();

                log_bond(LOG_CRIT, NULL, "crash journal unreadable, set aside: %s",
                         err ? err : g_strerror(-r));
                if (!ctx->json)
                        fprintf(stderr,
                                "bondcfg: warning: the crash journal of a run that did not end "
                                "cannot be read: %s; it is set aside in %s.broken-*, and what "
                                "that run did is not undone: check 'bondcfg status'\n",
                                err ? err : g_strerror(-r), dir);
                journal_discard(true, getpid());
                return 0;
        }
        /* the lock is held: the run that wrote it is gone */
        what = describe_run(rec);
        log_bond(LOG_WARNING, NULL, "%s did not end: undoing what it did", what);
        if (!ctx->json)
                fprintf(stderr, "bondcfg: %s did not end; undoing what it did first\n", what);
        for (guint i = rec->bonds->len; i-- > 0;)
                recover_bond(ctx, nl, rec, rec->bonds->pdata[i], json);
        r = journal_discard(false, 0);
        if (r < 0 && !ctx->json)
                fprintf(stderr, "bondcfg: warning: cannot remove the crash journal: %s\n",
                        g_strerror(-r));
        return 0;
}

/* status: the run the journal says did not end, or NULL.  *running: its
 * process is still there (it holds the lock, and is at work). */
char *run_journal_report(bool *running, GPtrArray **bonds, char **why_unreadable)
{
        g_autoptr(JournalRecord) rec = NULL;
        g_autofree char *err = NULL;
        int r = journal_read(&rec, &err);

        *bonds = g_ptr_array_new_with_free_func(g_free);
        *running = false;
        *why_unreadable = NULL;
        if (r == -ENOENT)
                return NULL;
        if (r < 0) {
                *why_unreadable = err ? g_steal_pointer(&err) : g_strdup(g_strerror(-r));
                return g_strdup("a run");
        }
        *running = rec->pid > 0 && kill(rec->pid, 0) == 0;
        for (guint i = 0; i < rec->bonds->len; i++)
                g_ptr_array_add(*bonds, describe_step(rec->bonds->pdata[i]));
        return describe_run(rec);
}
