/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/*
 * The executor: run a Plan against the kernel, and if a step fails, undo
 * the steps already done in reverse order, then put every link the plan
 * touched back to its recorded state (master, up/down, MTU, MAC).
 *
 * Test hooks, in the test build only (BONDCFG_TEST_SEAMS): the N-th step
 * executed (counted from 1 over the whole run, see *counter) fails before
 * it is sent (BONDCFG_TEST_FAIL_STEP=N), gets SIGTERM as it begins
 * (BONDCFG_TEST_SIGNAL_STEP), or SIGKILL as it begins
 * (BONDCFG_TEST_KILL_BEFORE) or once it is done (BONDCFG_TEST_KILL_STEP).
 */

#include <glib.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include "netlink.h"
#include "plan.h"
#include "snapshot.h"

typedef struct {
        guint failed_index;     /* 1-based index in the plan of the failed step; 0 = none */
        const PlanStep *failed; /* borrowed from the plan, or NULL (verification) */
        int error;              /* -errno */
        char *message;          /* the kernel's extack text, or why it failed */
        GPtrArray *undo_errors; /* char*: what could not be undone */
        GPtrArray *warnings;    /* char*: non-fatal problems (a route refused, a GARP) */
        bool *skipped;          /* per step: it failed softly and changed nothing */
        int interrupted;        /* the signal that stopped the run (error -EINTR), or 0 */
} ApplyResult;

void apply_result_clear(ApplyResult *r);

/* Called before each step (undo = false) and each undo step (undo = true),
 * with the index in the plan of the step (done or undone). */
typedef void (*ApplyProgressFn)(const PlanStep *st, guint index, bool undo, void *userdata);
/* Called after the last step; < 0 rolls everything back (message in *msg). */
typedef int (*ApplyVerifyFn)(NlConn *c, char **msg, void *userdata);

/*
 * Execute plan.  before is the snapshot the plan was made from (the
 * recorded state).  counter counts executed steps across calls (for
 * BONDCFG_TEST_FAIL_STEP); it may be NULL.  Returns 0, or the failing
 * step's -errno after rolling back (details in *res).
 */
int apply_plan(NlConn *c, const Plan *plan, const Snapshot *before, unsigned *counter,
               ApplyProgressFn progress, ApplyVerifyFn verify, void *userdata, ApplyResult *res);

/*
 * A flag a signal handler sets (to the signal's number): apply_plan()
 * looks at it before each step (never in the middle of one) and, when it
 * is set, rolls back what it did and returns -EINTR (res->interrupted).
 * NULL: none.
 */
void apply_set_stop_flag(const volatile sig_atomic_t *flag);

/*
 * Undo a plan apply_plan() carried out to the end (before: the snapshot it
 * ran on, skipped: its res->skipped): its steps in reverse, then its links
 * back to before.  What cannot be undone goes to res->undo_errors.  For a
 * run of several bonds that must all succeed or all be undone.
 */
void apply_undo(NlConn *c, const Plan *plan, const Snapshot *before, const bool *skipped,
                ApplyProgressFn progress, void *userdata, ApplyResult *res);

/*
 * Undo what a run that died left (journal.h): the first done steps of plan
 * in reverse, then the links back to before, as apply_plan() rolls back.
 * done counts the step that was under way and may not have happened, and a
 * step may have been undone already: an undo that finds its object gone
 * (no such link, address, route or rule) or already there is no error.
 */
void apply_recover(NlConn *c, const Plan *plan, guint done, const Snapshot *before,
                   ApplyProgressFn progress, void *userdata, ApplyResult *res);

/* The ifindex of the link called name (> 0), or -errno. */
int apply_ifindex(NlConn *c, const char *name);

/* Execute one step (no rollback).  Returns 0 or -errno; extack in c. */
int apply_step(NlConn *c, const PlanStep *st);
/* The same; *msg (caller frees) says why when the step is not a netlink
 * request (a duplicate address, ethtool's complaint). */
int apply_step_msg(NlConn *c, const PlanStep *st, char **msg);

/* Send one gratuitous ARP (request, sender = target = ip) on ifindex. */
int apply_send_garp(int ifindex, const char *mac, const char *ip);
