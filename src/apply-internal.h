/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/* Private to the executor (apply.c, apply-undo.c). */

#include "apply.h"

/*
 * ifindex of the link called name (> 0) or -errno.  With out and keep, the
 * link as the kernel reports it now (*keep owns it; always a round trip);
 * without, the connection's memo answers when it can.
 */
int apply_link_index(NlConn *c, const char *name, SnapLink **out, Snapshot **keep);

/*
 * Undo the first `done` steps of plan in reverse order (re-enslaving
 * released ports in their original order), then, if before is given, put
 * the links and addresses the plan touched back as before recorded them.
 * What cannot be undone goes to res->undo_errors.
 */
void apply_rollback(NlConn *c, const Plan *plan, guint done, const Snapshot *before,
                    ApplyProgressFn progress, void *userdata, ApplyResult *res);
