/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/*
 * The stack on a bond, from the configuration to the planner's links
 * (plan_link(), link-kind.h): the VLANs above a bond, bottom-up to build
 * and top-down to take down.
 */

#include <glib.h>
#include "config-stack.h"
#include "config.h"
#include "diag.h"
#include "plan.h"
#include "snapshot.h"

/* The ONBOOT VLANs above bond b, each after its parent (CfgVlan*, borrowed). */
GPtrArray *plan_stack_vlans(const Config *c, const CfgBond *b);

/*
 * Append to p the steps that bring the stack above b to its configuration,
 * after b's own steps.  owned: ifname -> Owned* (what bondcfg put on each
 * link before; NULL: nothing).  -EINVAL with diags if a link is in the way.
 */
int plan_stack(Plan *p, const Config *c, const CfgBond *b, const Snapshot *s, GHashTable *owned,
               DiagList *diags);

/*
 * Append to p the steps that delete the stack on bond, top-down, each able to
 * be created again by the undo: the bridges the configuration (c, cb: the
 * bond's configuration, may be NULL) puts above it, unless another port is
 * in them, then every VLAN on it as the snapshot has them.  Before
 * plan_down() of the bond.
 */
void plan_stack_down(Plan *p, const Config *c, const CfgBond *cb, const char *bond,
                     const Snapshot *s);
/* The ONBOOT bridges above bond b (CfgBridge*, borrowed). */
GPtrArray *plan_stack_bridges(const Config *c, const CfgBond *b);

/* The links the configuration stacks on b (their names, borrowed), for
 * `down` to refuse and for NetworkManager's unmanaged list. */
GPtrArray *plan_stack_names(const Config *c, const CfgBond *b);

/*
 * Append to p the steps that take away the links of the stack on b that
 * bondcfg brought up before (recorded: their names, NULL-terminated) and
 * that the files no longer have, top-down: a bridge is deleted, or only
 * left by the stack's ports if a port outside the stack is in it; a VLAN
 * is deleted with the VLANs on it.  Before plan_stack().
 */
void plan_stack_dropped(Plan *p, const Config *c, const CfgBond *b, const char *const *recorded,
                        const Snapshot *s);

/*
 * Append to p the steps that take the links names (NULL-terminated) of the
 * stack on bond away, top-down, except those in keep (char*): a bridge is
 * deleted, or only left by the stack's ports if a port outside the stack is
 * in it; a VLAN is deleted with the VLANs on it.  why ends each step's
 * description ("" or " (no longer in the files)").
 */
void plan_stack_remove(Plan *p, const char *bond, const char *const *names, const GPtrArray *keep,
                       const Snapshot *s, const char *why);

/* Is live link l outside the stack on bond (neither bond nor a VLAN above
 * it): a port of a bridge that bondcfg never touches, e.g. a libvirt tap? */
bool plan_stack_foreign_port(const SnapLink *l, const SnapLink *bond, const Snapshot *s);
