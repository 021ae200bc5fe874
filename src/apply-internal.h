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
 * released ports in their original order; skipped[i]: step i failed softly
 * and did nothing, so has nothing to undo), then, if before is given, put
 * the links and addresses the plan touched back as before recorded them.
 * What cannot be undone goes to res->undo_errors.
 */
void apply_rollback(NlConn *c, const Plan *plan, guint done, const Snapshot *before,
                    const bool *skipped, ApplyProgressFn progress, void *userdata,
                    ApplyResult *res);

/* apply-l3.c: one step each; 0 or -errno (*msg, where given, says why). */
int apply_address(NlConn *c, const PlanStep *st, int ifindex);
int apply_route(NlConn *c, const PlanStep *st);
int apply_rule(NlConn *c, const PlanStep *st);
/* Write value to /proc/sys/net/{ipv4,ipv6}/conf/IFNAME/NAME (name is
 * "ipv6/accept_ra"). */
int apply_sysctl(const char *ifname, const char *name, const char *value);
int apply_probe(NlConn *c, const PlanStep *st, char **msg);
int apply_link_delay(const PlanStep *st);
int apply_ethtool(const PlanStep *st, char **msg);
/* apply-link.c: CREATE_LINK, CHANGE_LINK, DELETE_LINK of a stacked link. */
int apply_link(NlConn *c, const PlanStep *st);
