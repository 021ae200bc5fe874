/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/* Private to the planner (plan.c, plan-addr.c, plan-down.c). */

#include "plan.h"

/* Append a step; its description is "IFNAME: <fmt>". */
PlanStep *plan_add_step(Plan *p, PlanAction a, const char *bond, const char *ifname,
                        const char *fmt, ...) G_GNUC_PRINTF(5, 6);

void plan_add_set_up(Plan *p, const char *bond, const char *ifname, bool up);
/* RELEASE of port from master; keeps the port's options for the undo. */
void plan_add_release(Plan *p, const char *bond, const SnapLink *port, const char *master);
/*
 * A port leaves the bond for good: RELEASE, with the permanent MAC from its
 * record in saved (if the kernel does not report one); then, with
 * plan_restore_port(), the recorded MTU and admin state.  A record is used
 * only if it is for this very link (same ifindex).
 */
void plan_release_port(Plan *p, const char *bond, const SnapLink *port, GHashTable *saved);
void plan_restore_port(Plan *p, const char *bond, const SnapLink *port, GHashTable *saved);
/* Options that are bond attributes (not per-port, not module-only). */
bool plan_is_bond_attr(const BondOptDesc *d);
/* Options set after the ports are enslaved (primary, active_slave). */
extern const BondOptMask plan_after_enslave_mask;

void plan_add_addr(Plan *p, const char *bond, PlanAction a, int family, const char *addr,
                   unsigned prefix);
void plan_add_route(Plan *p, const char *bond, PlanAction a, int family, const char *gw);
/* Kernel-made IPv6 link-local addresses are not bondcfg's to manage. */
bool plan_addr_is_managed(const SnapAddr *a);
/*
 * Address and gateway steps for bond b (bond NULL: it is being created).
 * flushed: the plan takes the bond down, which drops its routes and IPv6
 * addresses, so they must be added back.
 */
void plan_addresses(Plan *p, const CfgBond *b, const SnapLink *bond, const Snapshot *s,
                    bool flushed);
void plan_gateway(Plan *p, const CfgBond *b, const SnapLink *bond, const Snapshot *s, int family,
                  const char *gw, bool flushed);
