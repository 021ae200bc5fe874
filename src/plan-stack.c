/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The stack on a bond for the planner: see plan-stack.h. */
#include "plan-stack.h"

#include <errno.h>

#include "link-bridge.h"
#include "link-kind.h"
#include "link-vlan.h"
#include "plan-internal.h"

static unsigned depth(const CfgVlan *v)
{
        unsigned d = 0;

        for (; v->parent_vlan; v = v->parent_vlan)
                d++;
        return d;
}

static gint by_depth(gconstpointer a, gconstpointer b)
{
        const CfgVlan *x = *(CfgVlan *const *)a, *y = *(CfgVlan *const *)b;
        unsigned dx = depth(x), dy = depth(y);

        return dx != dy ? (dx < dy ? -1 : 1) : g_strcmp0(x->name, y->name);
}

/* Is v above b, and is every VLAN between them ONBOOT? */
static bool onboot_above(const CfgVlan *v, const CfgBond *b)
{
        if (!cfg_vlan_on_bond(v, b))
                return false;
        for (; v; v = v->parent_vlan)
                if (!v->onboot)
                        return false;
        return true;
}

GPtrArray *plan_stack_vlans(const Config *c, const CfgBond *b)
{
        GPtrArray *a = g_ptr_array_new();

        for (guint i = 0; c->vlans && i < c->vlans->len; i++)
                if (onboot_above(c->vlans->pdata[i], b))
                        g_ptr_array_add(a, c->vlans->pdata[i]);
        g_ptr_array_sort(a, by_depth);
        return a;
}

GPtrArray *plan_stack_names(const Config *c, const CfgBond *b)
{
        GPtrArray *a = g_ptr_array_new();

        for (guint i = 0; c->vlans && i < c->vlans->len; i++) {
                const CfgVlan *v = c->vlans->pdata[i];

                if (cfg_vlan_on_bond(v, b))
                        g_ptr_array_add(a, v->name);
        }
        for (guint i = 0; c->bridges && i < c->bridges->len; i++) {
                const CfgBridge *br = c->bridges->pdata[i];

                if (cfg_bridge_on_bond(br, b))
                        g_ptr_array_add(a, br->name);
        }
        return a;
}

GPtrArray *plan_stack_bridges(const Config *c, const CfgBond *b)
{
        GPtrArray *a = g_ptr_array_new();

        for (guint i = 0; c->bridges && i < c->bridges->len; i++) {
                const CfgBridge *br = c->bridges->pdata[i];

                if (br->onboot && cfg_bridge_on_bond(br, b))
                        g_ptr_array_add(a, (CfgBridge *)br);
        }
        return a;
}

/* Is the port p of a bridge b itself, or a VLAN above b? */
static bool port_on_bond(const CfgBridgePort *p, const CfgBond *b)
{
        return p->kind == CFG_BRIDGE_PORT_BOND ? p->bond == b : cfg_vlan_on_bond(p->vlan, b);
}

/* ifup's VLAN block and NetworkManager's make_vlan_setting(): the id, the
 * flags (REORDER_HDR on unless said otherwise), the priority maps. */
static LinkVlan *vlan_spec(const CfgVlan *v)
{
        LinkVlan *l = link_vlan_new(v->id, v->flags);

        l->protocol = v->protocol;
        for (guint i = 0; v->ingress && i < v->ingress->len; i++) {
                const CfgVlanQos *q = &g_array_index(v->ingress, CfgVlanQos, i);

                link_vlan_map_add(l->ingress, q->from, q->to);
        }
        for (guint i = 0; v->egress && i < v->egress->len; i++) {
                const CfgVlanQos *q = &g_array_index(v->egress, CfgVlanQos, i);

                link_vlan_map_add(l->egress, q->from, q->to);
        }
        return l;
}

int plan_stack(Plan *p, const Config *c, const CfgBond *b, const Snapshot *s, GHashTable *owned,
               DiagList *diags)
{
        g_autoptr(GPtrArray) vlans = plan_stack_vlans(c, b);
        int r = 0;

        for (guint i = 0; i < vlans->len; i++) {
                const CfgVlan *v = vlans->pdata[i];
                g_autoptr(LinkVlan) spec = vlan_spec(v);
                LinkWant w = {
                        .kind = &link_kind_vlan,
                        .name = v->name,
                        .parent = v->parent,
                        .spec = spec,
                        .mtu = v->mtu,
                        .mac = v->macaddr,
                        .l3 = v->l3,
                        .file = ifcfg_path(v->ifcfg),
                };

                if (plan_link(p, b->name, &w, s, owned ? g_hash_table_lookup(owned, v->name) : NULL,
                              diags) < 0)
                        r = -EINVAL;
        }
        /* the bridges above it: made, their ports (b, its VLANs) joined,
         * then their addresses, as ifup-eth brings a bridge up */
        {
                g_autoptr(GPtrArray) bridges = plan_stack_bridges(c, b);

                for (guint i = 0; i < bridges->len; i++) {
                        const CfgBridge *br = bridges->pdata[i];
                        const Owned *o = owned ? g_hash_table_lookup(owned, br->name) : NULL;
                        LinkWant w = {
                                .kind = &link_kind_bridge,
                                .name = br->name,
                                .spec = &br->opts,
                                .mtu = br->mtu,
                                .mac = br->macaddr,
                                .file = ifcfg_path(br->ifcfg),
                        };

                        if (plan_link(p, b->name, &w, s, o, diags) < 0) {
                                r = -EINVAL;
                                continue;
                        }
                        for (guint k = 0; k < br->ports->len; k++) {
                                const CfgBridgePort *bp = br->ports->pdata[k];

                                if (port_on_bond(bp, b))
                                        plan_bridge_port(p, b->name, bp->name, br->name, &bp->opts,
                                                         s);
                        }
                        w.l3 = br->l3;
                        plan_link_l3(p, b->name, &w, s, o);
                }
        }
        return r;
}

/* A step that deletes live link l (a VLAN or a bridge), able to be created
 * again by the undo: its kind's spec as the kernel has it, its parent and
 * its MTU.  why: "" or " (no longer in the files)". */
static void delete_step(Plan *p, const char *bond, const SnapLink *l, const Snapshot *s,
                        const char *why)
{
        const SnapLink *lower = l->vlan ? snapshot_link_by_index(s, l->link) : NULL;
        const LinkKind *k = l->vlan ? &link_kind_vlan : &link_kind_bridge;
        PlanStep *st;

        if (l->vlan)
                st = plan_add_step(p, PLAN_DELETE_LINK, bond, l->name, "delete vlan %u%s%s%s",
                                   l->vlan->id, lower ? " on " : "", lower ? lower->name : "", why);
        else
                st = plan_add_step(p, PLAN_DELETE_LINK, bond, l->name, "delete bridge%s", why);
        st->kind = k;
        st->old_spec = k->from_live(l);
        st->parent = lower ? g_strdup(lower->name) : NULL;
        st->mtu = l->mtu;
}

/* The VLANs on the link lower, and those on them, children first. */
static void down_vlans_on(Plan *p, const char *bond, const SnapLink *lower, const Snapshot *s,
                          const char *why)
{
        for (guint i = 0; i < s->links->len; i++) {
                const SnapLink *l = s->links->pdata[i];

                if (!l->vlan || l->link != lower->ifindex || g_strcmp0(l->kind, "vlan") != 0)
                        continue;
                down_vlans_on(p, bond, l, s, why);
                delete_step(p, bond, l, s, why);
        }
}

/* Is l outside the stack on bond (not bond, nor a VLAN above it)?  The one
 * test of bridge-port membership, for the planner and for status. */
bool plan_stack_foreign_port(const SnapLink *l, const SnapLink *bond, const Snapshot *s)
{
        const SnapLink *x = l;

        while (x && x != bond && x->vlan && x->link)
                x = snapshot_link_by_index(s, x->link);
        return x != bond;
}

/* Does bridge br have a port outside the stack on bond (a libvirt tap)? */
static bool has_other_ports(const SnapLink *br, const SnapLink *bond, const Snapshot *s)
{
        for (guint i = 0; i < s->links->len; i++) {
                const SnapLink *l = s->links->pdata[i];

                if (l->master == br->ifindex && plan_stack_foreign_port(l, bond, s))
                        return true;
        }
        return false;
}

void plan_stack_down(Plan *p, const Config *c, const CfgBond *cb, const char *bond,
                     const Snapshot *s)
{
        const SnapLink *b = snapshot_link_by_name(s, bond);
        g_autoptr(GPtrArray) bridges = cb ? plan_stack_bridges(c, cb) : g_ptr_array_new();

        if (!b)
                return;
        /* the configured bridges above it go first, unless a port that is
         * not of this stack is in them (it is left alone, and so is the
         * bridge) */
        for (guint i = 0; i < bridges->len; i++) {
                const CfgBridge *br = bridges->pdata[i];
                const SnapLink *l = snapshot_link_by_name(s, br->name);

                if (l && l->bridge && !has_other_ports(l, b, s))
                        delete_step(p, bond, l, s, "");
        }
        down_vlans_on(p, bond, b, s, "");
}

void plan_stack_remove(Plan *p, const char *bond, const char *const *names, const GPtrArray *keep,
                       const Snapshot *s, const char *why)
{
        const SnapLink *b = snapshot_link_by_name(s, bond);

        if (!b)
                return;
        /* the bridges first: a bridge with a port outside the stack stays,
         * without the stack's ports */
        for (const char *const *n = names; n && *n; n++) {
                const SnapLink *l = snapshot_link_by_name(s, *n);

                if (g_ptr_array_find_with_equal_func((GPtrArray *)keep, *n, g_str_equal, NULL) ||
                    !l || !l->bridge)
                        continue;
                if (!has_other_ports(l, b, s)) {
                        delete_step(p, bond, l, s, why);
                        continue;
                }
                for (guint i = 0; i < s->links->len; i++) {
                        const SnapLink *port = s->links->pdata[i];
                        PlanStep *st;

                        if (port->master != l->ifindex || plan_stack_foreign_port(port, b, s))
                                continue;
                        st = plan_add_step(p, PLAN_SET_MASTER, bond, port->name,
                                           "leave bridge %s%s", l->name, why);
                        st->old_master = g_strdup(l->name);
                }
        }
        for (const char *const *n = names; n && *n; n++) {
                const SnapLink *l = snapshot_link_by_name(s, *n);

                if (g_ptr_array_find_with_equal_func((GPtrArray *)keep, *n, g_str_equal, NULL) ||
                    !l || !l->vlan)
                        continue;
                down_vlans_on(p, bond, l, s, why);
                delete_step(p, bond, l, s, why);
        }
}

void plan_stack_dropped(Plan *p, const Config *c, const CfgBond *b, const char *const *recorded,
                        const Snapshot *s)
{
        g_autoptr(GPtrArray) keep = plan_stack_names(c, b);

        plan_stack_remove(p, b->name, recorded, keep, s, " (no longer in the files)");
}
