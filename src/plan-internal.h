/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/* Private to the planner (plan.c, plan-addr.c, plan-down.c). */

#include "plan.h"

/* Append a step; its description is "IFNAME: <fmt>". */
PlanStep *plan_add_step(Plan *p, PlanAction a, const char *bond, const char *ifname,
                        const char *fmt, ...) G_GNUC_PRINTF(5, 6);

void plan_add_set_up(Plan *p, const char *bond, const char *ifname, bool up);
void plan_set_arp(Plan *p, const char *bond, const char *ifname, bool on);
void plan_ethtool(Plan *p, const char *bond, const char *ifname, const CfgEthtool *e);
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
/* "miimon 100 -> 200, updelay 0 -> 200" for the options in mask. */
char *plan_describe_changes(const BondOptions *old, const BondOptions *new, BondOptMask mask);

/* plan-ports.c: the links of b's configured ports (errors in diags:
 * missing, in another bond, a bond, HWADDR not the DEVICE's), into out. */
int plan_resolve_ports(const CfgBond *b, const SnapLink *bond, const Snapshot *s, GPtrArray *out,
                       DiagList *diags);
bool plan_in_links(GPtrArray *links, const SnapLink *l);
/* The configured port that is link l, or NULL. */
const CfgPort *plan_cfg_port_for(const CfgBond *b, const SnapLink *l, const Snapshot *s);
/* queue_id and prio of port l (fresh: just enslaved, with the defaults). */
void plan_port_options(Plan *p, const CfgBond *b, const SnapLink *l, const CfgPort *cp, bool fresh,
                       DiagList *diags);

/* Options that are bond attributes (not per-port, not module-only). */
bool plan_is_bond_attr(const BondOptDesc *d);
/* Options set after the ports are enslaved (primary, active_slave). */
extern const BondOptMask plan_after_enslave_mask;

void plan_add_addr(Plan *p, const char *bond, const char *ifname, PlanAction a, int family,
                   const char *addr, unsigned prefix);
void plan_add_sysctl(Plan *p, const char *bond, const char *ifname, int family, const char *name,
                     const char *value, const char *old);

/*
 * The layer-3 steps of a link (plan-l3.c), on the link as the snapshot has
 * it (NULL: the plan makes it).  owned: what bondcfg put there (NULL:
 * nothing), the only things it may remove.  flushed: the plan takes the
 * link down, which drops its routes and IPv6 addresses, so they must be
 * added back.
 */
void plan_sysctls(Plan *p, const char *bond, const CfgL3 *l3, const SnapLink *link,
                  const Snapshot *s);
void plan_addresses(Plan *p, const char *bond, const CfgL3 *l3, const SnapLink *link,
                    const Snapshot *s, const Owned *owned, bool flushed);
void plan_routes(Plan *p, const char *bond, const CfgL3 *l3, const SnapLink *link,
                 const Snapshot *s, const Owned *owned, bool flushed);
void plan_rules(Plan *p, const char *bond, const CfgL3 *l3, const Snapshot *s, const Owned *owned);
