/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/*
 * A plan, and the part of a snapshot its rollback needs, as GKeyFile groups
 * and back: the crash journal (journal.h) records them before the first
 * write, so that a later run can undo what a killed one did.
 *
 * A step is the group "PREFIX step N" (N from 1): its action by name, its
 * strings and numbers as keys, bond options as NAME=VALUE lists (as sysfs
 * prints them), routes and rules field by field, a link
 * kind's spec as the kind's own save() line.  The snapshot part keeps each
 * link a step names ("PREFIX link NAME"), its master, and the addresses and
 * routes on it ("PREFIX addr N", "PREFIX route N").
 */

#include <glib.h>
#include "plan.h"
#include "snapshot.h"

/* Write p's steps into kf under prefix. */
void plan_save(const Plan *p, GKeyFile *kf, const char *prefix);
/* Read the steps plan_save() wrote under prefix; -EINVAL (why in *err) if a
 * group is not one it writes. */
int plan_load(GKeyFile *kf, const char *prefix, Plan **out, char **err);

/* Write what restore_links() and restore_addresses() (apply-undo.c) read
 * of before for plan p: the links p names, their masters, their addresses
 * and routes. */
void plan_save_before(const Plan *p, const Snapshot *before, GKeyFile *kf, const char *prefix);
/* Read it back as a snapshot (only those links, addresses and routes). */
int plan_load_before(GKeyFile *kf, const char *prefix, Snapshot **out, char **err);
