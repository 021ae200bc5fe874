/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/*
 * What the commands that change the kernel (apply, down, stop) share:
 * running a plan with progress on stdout, in JSON and in the system log,
 * reporting a failure, the lock, the netlink socket and the snapshot.
 */

#include <stdbool.h>
#include "apply.h"
#include "commands.h"
#include "netlink.h"
#include "plan.h"
#include "snapshot.h"

/* The JSON document of a run (apply, down, stop), built as it goes: the
 * steps done, then the first failure, the diagnostics and the exit status. */
typedef struct {
        JsonDoc *b;         /* the document, its "steps" array open */
        JsonDoc *error;     /* the first failure (an object), or NULL */
        GPtrArray *states;  /* char*: bond, state, bond, state... (the "bonds" member) */
        JsonDoc *recovered; /* what a run that died left, undone first (an array), or NULL */
} RunJson;

/* The document of a run; enabled false (no --json): none, only the bonds'
 * states are kept. */
RunJson *run_json_new(bool enabled);
void run_json_free(RunJson *j);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RunJson, run_json_free)

typedef struct {
        const BondcfgCtx *ctx;
        const CfgBond *bond;   /* apply: the bond being applied, or NULL */
        const char *bond_name; /* the bond the steps are for (logged) */
        RunJson *json;         /* with --json: the document */
} RunCtx;

/* What became of bond in the run: "applied", "up-to-date", "rolled-back",
 * "rollback-incomplete", "not-attempted" (the last word for a bond wins;
 * the first gives its place in the list). */
void run_json_bond_state(RunJson *j, const char *bond, const char *state);

/*
 * SIGINT, SIGTERM and SIGHUP while a run changes the kernel: the step under
 * way finishes, then the run rolls back (apply_set_stop_flag()) and exits
 * with 128 + the signal's number.  catch before the first write, release
 * after the last.
 */
void run_catch_signals(void);
void run_release_signals(void);
/* The signal that stopped the run, or 0. */
int run_interrupted(void);
/* 128 + that signal. */
int run_signal_status(void);

/* Add every step of p to the document's steps. */
void run_json_steps(RunJson *j, const Plan *p);
/* ApplyProgressFn: print, add to the JSON, log. */
void run_on_progress(const PlanStep *st, guint index, bool undo, void *userdata);
/* A failed run: stderr or JSON, and the system log. */
void run_print_failure(const RunCtx *rc, const ApplyResult *res);
/* The steps that failed softly: stderr, and the system log. */
void run_print_warnings(const RunCtx *rc, const ApplyResult *res);

/*
 * The crash journal (journal.h, cmd-recover.c).  A run that writes takes the
 * lock, calls run_recover() (what a killed run left is undone first, and
 * said; the "recovered" member of the JSON), then run_journal_begin().
 * run_plan() records each plan before its first step, and
 * run_on_progress() each step; run_journal_end() when the run is applied
 * or rolled back.  A journal that cannot be written is a warning.
 */
int run_recover(const BondcfgCtx *ctx, NlConn *nl, RunJson *json);
void run_journal_begin(const BondcfgCtx *ctx, const char *command);
void run_journal_add(const RunCtx *rc, const Plan *p, const Snapshot *before);
/* Steps 1..n of rc's bond may have been done (0: none, or all undone). */
void run_journal_mark(const RunCtx *rc, guint n);
void run_journal_end(void);
/* For status: the run that did not end ("an apply (pid ...)"), or NULL;
 * *running: its process still exists; *bonds: where each bond was (char*);
 * *why_unreadable: NULL, or why its journal cannot be read (then the next
 * run sets it aside and cannot undo what that run did, and the return
 * value is "a run"). */
char *run_journal_report(bool *running, GPtrArray **bonds, char **why_unreadable);

/* The lock, waiting --wait-lock seconds; 0 or EXIT_USAGE after saying why. */
int run_take_lock(const BondcfgCtx *ctx, int *fd);
/* EXIT_USAGE after saying why if --root is given: cmd acts on this kernel. */
int run_refuse_root(const BondcfgCtx *ctx, const char *cmd);
int run_open_netlink(const BondcfgCtx *ctx, NlConn **c);
/* The network state, with the sysctls of the bonds (NULL: none), or
 * EXIT_USAGE after saying why it cannot be read. */
int run_take_snapshot(const BondcfgCtx *ctx, NlConn *nl, const GPtrArray *bonds, Snapshot **snap);
/* With --json: close the steps array, add the error (if any), the
 * diagnostics and rc, print the document.  Returns rc. */
int run_finish_json(const BondcfgCtx *ctx, RunJson *j, const DiagList *diags, int rc);
/* After a successful run: forget the records of the ports p released for
 * good. */
void run_forget_released(const BondcfgCtx *ctx, const Plan *p);
/* Run p (apply_plan, progress through run_on_progress), report its
 * warnings; on failure report it, clear res and return EXIT_KERNEL; on
 * success forget the released ports and return EXIT_OK (res kept for the
 * caller, who clears it). */
int run_plan(NlConn *nl, const Plan *p, const Snapshot *before, unsigned *counter,
             ApplyVerifyFn verify, RunCtx *rc, ApplyResult *res);
