/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/*
 * The crash journal: what a run that changes the kernel (apply, down) is
 * doing, kept in BONDCFG_STATE_DIR/journal so that a run killed part-way
 * (kill -9, a crash, the OOM killer) can be undone by the next one.
 *
 *   run          GKeyFile: [run] pid, command, version, started, bonds
 *   BOND.plan    GKeyFile: BOND's plan and the state it ran on
 *                (plan-save.h), written before the bond's first step
 *   BOND.step    how many steps of BOND's plan may have been done, a
 *                fixed-width number rewritten in place (one pwrite())
 *                before each step and each undo step
 *
 * The count is "at least": it counts the step under way, so an undo of a
 * step that never happened must be harmless (apply_recover()).  A run that
 * ends, applied or rolled back, removes the journal.  /run is empty after a
 * reboot, as the kernel state the journal describes is gone.
 */

#include <glib.h>
#include <stdbool.h>
#include <sys/types.h>
#include "plan.h"
#include "snapshot.h"

typedef struct Journal Journal;

/* Start a run's journal (what is left of an older one is removed: recover
 * it first).  0 or -errno. */
int journal_begin(const char *command, Journal **out);
/* Record bond's plan and the state before it, before its first step.  0 or
 * -errno. */
int journal_add(Journal *j, const char *bond, const Plan *p, const Snapshot *before);
/* Steps 1..n of bond's plan may have been done (0: none).  0 or -errno. */
int journal_mark(Journal *j, const char *bond, guint n);
/* The run ended (applied, or rolled back): remove the journal. */
void journal_end(Journal *j);
void journal_free(Journal *j);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(Journal, journal_free)

typedef struct {
        char *bond;
        Plan *plan;
        Snapshot *before; /* the links, addresses and routes plan names */
        guint done;       /* steps that may have been done */
} JournalBond;

typedef struct {
        char *dir;
        pid_t pid;
        char *command;    /* "apply", "down" */
        char *version;    /* of the bondcfg that wrote it */
        gint64 started;   /* g_get_real_time(), µs */
        GPtrArray *bonds; /* JournalBond*, in the order they ran */
} JournalRecord;

void journal_record_free(JournalRecord *r);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(JournalRecord, journal_record_free)

/*
 * The journal a run left, if any: 0 with *out set, -ENOENT if there is
 * none, -EINVAL if it does not read back (why in *err: the file, the
 * group).  Read-only: status calls it too.
 */
int journal_read(JournalRecord **out, char **err);
/* Remove the journal a run left (its rollback is done), or, broken true,
 * set it aside as journal.broken-PID for a human.  0 or -errno. */
int journal_discard(bool broken, pid_t pid);
/* BONDCFG_STATE_DIR/journal.  Caller frees. */
char *journal_dir(void);
