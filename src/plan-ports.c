/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The planner's ports: which links the configured ports are, and their
 * per-port options. */
#include "plan-internal.h"

#include <errno.h>
#include <string.h>

#include "hwaddr.h"

SnapLink *plan_resolve_port(const CfgPort *p, const Snapshot *s)
{
        if (p->name)
                return snapshot_link_by_name(s, p->name);
        return snapshot_link_by_hwaddr(s, p->hwaddr);
}

bool plan_in_links(GPtrArray *links, const SnapLink *l)
{
        return g_ptr_array_find(links, l, NULL);
}

/*
 * Is mac the NIC l?  Its permanent MAC when the kernel has one, else its
 * current one.  initscripts' ifup-eth compares HWADDR with the current MAC
 * (get_hwaddr), which a bond port no longer has: the permanent one is what
 * HWADDR means.
 */
static bool hwaddr_is_of(const char *mac, const SnapLink *l)
{
        if (l->perm_mac)
                return hwaddr_matches(mac, l->perm_mac);
        return l->mac && hwaddr_matches(mac, l->mac);
}

bool plan_port_is(const CfgPort *p, const SnapLink *l)
{
        return !p->name || !p->hwaddr || hwaddr_is_of(p->hwaddr, l);
}

int plan_resolve_ports(const CfgBond *b, const SnapLink *bond, const Snapshot *s, GPtrArray *out,
                       DiagList *diags)
{
        int r = 0;

        for (guint i = 0; i < b->ports->len; i++) {
                const CfgPort *p = b->ports->pdata[i];
                const char *file = p->ifcfg ? ifcfg_path(p->ifcfg) : NULL;
                SnapLink *l = plan_resolve_port(p, s), *m;

                if (!l) {
                        if (p->name)
                                diag_add(diags, DIAG_ERROR, file, 0, "DEVICE",
                                         "check the interface name (ip link)",
                                         "port %s of %s does not exist", p->name, b->name);
                        else
                                diag_add(diags, DIAG_ERROR, file, 0, "HWADDR",
                                         "check HWADDR against 'ip link' permanent addresses",
                                         "no interface has the permanent MAC %s (port of %s)",
                                         p->hwaddr, b->name);
                        r = -EINVAL;
                        continue;
                }
                if (l->master && (!bond || l->master != bond->ifindex)) {
                        m = snapshot_link_by_index(s, l->master);
                        diag_add(diags, DIAG_ERROR, file, p->master_line, "MASTER",
                                 "release it first: bondcfg down, or ip link set dev IF nomaster",
                                 "port %s is already a port of %s%s", l->name,
                                 m ? m->name : "another device",
                                 m && g_strcmp0(m->kind, "bond") == 0 ? " (another bond)" : "");
                        r = -EINVAL;
                        continue;
                }
                if (l->bond) {
                        diag_add(diags, DIAG_ERROR, file, 0, NULL, NULL,
                                 "port %s of %s is itself a bond", l->name, b->name);
                        r = -EINVAL;
                        continue;
                }
                if (!plan_port_is(p, l)) {
                        diag_add(diags, DIAG_ERROR, file, ifcfg_line(p->ifcfg, "HWADDR"), "HWADDR",
                                 "correct HWADDR or DEVICE ('ip -d link' shows the permanent "
                                 "address as permaddr), or remove HWADDR",
                                 "HWADDR=%s does not match %s, whose %s MAC is %s; initscripts' "
                                 "ifup-eth refuses such a device, and so does bondcfg",
                                 p->hwaddr, l->name, l->perm_mac ? "permanent" : "current",
                                 l->perm_mac ? l->perm_mac
                                 : l->mac    ? l->mac
                                             : "unknown");
                        r = -EINVAL;
                        continue;
                }
                if (!plan_in_links(out, l))
                        g_ptr_array_add(out, l);
        }
        return r;
}

const CfgPort *plan_cfg_port_for(const CfgBond *b, const SnapLink *l, const Snapshot *s)
{
        for (guint i = 0; i < b->ports->len; i++) {
                const CfgPort *p = b->ports->pdata[i];

                if (plan_resolve_port(p, s) == l)
                        return p;
        }
        return NULL;
}

void plan_port_options(Plan *p, const CfgBond *b, const SnapLink *l, const CfgPort *cp, bool fresh,
                       DiagList *diags)
{
        const BondOptDesc *dq = bond_opt_desc(BOND_OPT_PORT_QUEUE_ID);
        const BondOptDesc *dp = bond_opt_desc(BOND_OPT_PORT_PRIO);
        g_autoptr(BondOptions) want = bond_options_new();
        g_autoptr(BondOptions) have = bond_options_new();
        BondOptMask mask = 0;
        g_autofree char *d = NULL;
        PlanStep *st;

        if (!cp)
                return;
        want->v[BOND_OPT_PORT_QUEUE_ID].set = cp->queue_id.set;
        want->v[BOND_OPT_PORT_QUEUE_ID].num = cp->queue_id.num;
        want->v[BOND_OPT_PORT_PRIO].set = cp->prio.set;
        want->v[BOND_OPT_PORT_PRIO].num = cp->prio.num;
        if (!fresh) {
                have->v[BOND_OPT_PORT_QUEUE_ID].set = true;
                have->v[BOND_OPT_PORT_QUEUE_ID].num = l->port.queue_id;
                have->v[BOND_OPT_PORT_PRIO].set = l->port.has_prio;
                have->v[BOND_OPT_PORT_PRIO].num = (uint64_t)(int64_t)l->port.prio;
        }
        if (!bond_opt_value_equal(dq, &want->v[BOND_OPT_PORT_QUEUE_ID],
                                  &have->v[BOND_OPT_PORT_QUEUE_ID]))
                mask |= BOND_OPT_MASK(BOND_OPT_PORT_QUEUE_ID);
        if (!bond_opt_value_equal(dp, &want->v[BOND_OPT_PORT_PRIO], &have->v[BOND_OPT_PORT_PRIO]))
                mask |= BOND_OPT_MASK(BOND_OPT_PORT_PRIO);
        if (!mask)
                return;
        d = plan_describe_changes(have, want, mask);
        st = plan_add_step(p, PLAN_SET_PORT_OPTIONS, b->name, l->name, "set %s", d);
        st->opts = g_steal_pointer(&want);
        st->old_opts = g_steal_pointer(&have);
        st->mask = st->old_mask = mask;
}
