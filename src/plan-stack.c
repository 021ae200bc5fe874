/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The stack on a bond for the planner: see plan-stack.h. */
#include "plan-stack.h"

#include <errno.h>

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
        return a;
}

/* ifup's VLAN block and NetworkManager's make_vlan_setting(): the id, the
 * flags (REORDER_HDR on unless said otherwise), the priority maps. */
static LinkVlan *vlan_spec(const CfgVlan *v)
{
        LinkVlan *l = link_vlan_new(v->id, v->flags);

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
                        .l3 = v->l3,
                        .file = ifcfg_path(v->ifcfg),
                };

                if (plan_link(p, b->name, &w, s, owned ? g_hash_table_lookup(owned, v->name) : NULL,
                              diags) < 0)
                        r = -EINVAL;
        }
        return r;
}

/* The VLANs on the link with ifindex, and those on them, children first. */
static void down_vlans_on(Plan *p, const char *bond, const SnapLink *lower, const Snapshot *s)
{
        for (guint i = 0; i < s->links->len; i++) {
                const SnapLink *l = s->links->pdata[i];
                PlanStep *st;

                if (!l->vlan || l->link != lower->ifindex || g_strcmp0(l->kind, "vlan") != 0)
                        continue;
                down_vlans_on(p, bond, l, s);
                st = plan_add_step(p, PLAN_DELETE_LINK, bond, l->name, "delete vlan %u on %s",
                                   l->vlan->id, lower->name);
                st->kind = &link_kind_vlan;
                st->old_spec = link_kind_vlan.from_live(l);
                st->parent = g_strdup(lower->name);
                st->mtu = l->mtu;
        }
}

void plan_stack_down(Plan *p, const char *bond, const Snapshot *s)
{
        const SnapLink *b = snapshot_link_by_name(s, bond);

        if (b)
                down_vlans_on(p, bond, b, s);
}
