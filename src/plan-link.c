/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The planner's links stacked on a bond (VLANs, bridges): one plan for
 * every kind, the kind's own rules behind its vtable (link-kind.h).  As
 * initscripts' ifup brings a VLAN up (ifup-eth, the VLAN block of ifup):
 * create it on its parent, set it up, then its addresses and routes.
 */
#include "plan-internal.h"

#include <errno.h>

#include "link-bridge.h"
#include "link-kind.h"

static void plan_l3(Plan *p, const char *bond, const LinkWant *w, const SnapLink *live,
                    const Snapshot *s, const Owned *owned)
{
        if (!w->l3)
                return;
        plan_addresses(p, bond, w->l3, live, s, owned, false);
        plan_routes(p, bond, w->l3, live, s, owned, false);
        plan_rules(p, bond, w->l3, s, owned);
}

/* MACADDR: ifup-eth's `ip link set address`, before the link goes up. */
static void plan_link_mac(Plan *p, const char *bond, const LinkWant *w, const SnapLink *live)
{
        PlanStep *st;

        if (!w->mac || (live && live->mac && g_ascii_strcasecmp(live->mac, w->mac) == 0))
                return;
        st = plan_add_step(p, PLAN_SET_MAC, bond, w->name, "set mac %s -> %s",
                           live && live->mac ? live->mac : "(new)", w->mac);
        st->mac = g_strdup(w->mac);
        st->old_mac = live ? g_strdup(live->mac) : NULL;
}

static void plan_create_link(Plan *p, const char *bond, const LinkWant *w, const Snapshot *s)
{
        g_autofree char *d = w->kind->describe(w->spec);
        PlanStep *st;

        if (w->parent)
                st = plan_add_step(p, PLAN_CREATE_LINK, bond, w->name, "create %s on %s (%s)",
                                   w->kind->name, w->parent, d);
        else
                st = plan_add_step(p, PLAN_CREATE_LINK, bond, w->name, "create %s (%s)",
                                   w->kind->name, d);
        st->kind = w->kind;
        st->spec = w->kind->copy(w->spec);
        st->parent = g_strdup(w->parent);
        st->mtu = w->mtu;
        plan_link_mac(p, bond, w, NULL);
        if (w->l3)
                plan_sysctls(p, bond, w->l3, NULL, s);
        plan_add_set_up(p, bond, w->name, true);
        plan_l3(p, bond, w, NULL, s, NULL);
}

static void plan_change_link(Plan *p, const char *bond, const LinkWant *w, const SnapLink *live,
                             const Snapshot *s, const Owned *owned)
{
        g_autofree char *what = NULL;
        void *old = NULL;
        void *change = w->kind->diff(w->spec, live, &old, &what);
        PlanStep *st;

        if (change) {
                st = plan_add_step(p, PLAN_CHANGE_LINK, bond, w->name, "set %s", what);
                st->kind = w->kind;
                st->spec = change;
                st->old_spec = old;
        }
        if (w->mtu && live->mtu != w->mtu) {
                st = plan_add_step(p, PLAN_SET_MTU, bond, w->name, "set mtu %u -> %u", live->mtu,
                                   w->mtu);
                st->mtu = w->mtu;
                st->old_mtu = live->mtu;
        }
        plan_link_mac(p, bond, w, live);
        if (w->l3)
                plan_sysctls(p, bond, w->l3, live, s);
        if (!live->up)
                plan_add_set_up(p, bond, w->name, true);
        plan_l3(p, bond, w, live, s, owned);
}

int plan_link(Plan *p, const char *bond, const LinkWant *w, const Snapshot *s, const Owned *owned,
              DiagList *diags)
{
        const SnapLink *live = snapshot_link_by_name(s, w->name);
        const SnapLink *parent = w->parent ? snapshot_link_by_name(s, w->parent) : NULL;
        g_autofree char *why = NULL;

        if (!live) {
                plan_create_link(p, bond, w, s);
                return 0;
        }
        why = w->kind->mismatch(w->spec, parent ? parent->ifindex : 0, live);
        if (why) {
                g_autofree char *hint = g_strdup_printf(
                        "delete it first ('ip link del %s'): bondcfg does not delete a link it "
                        "did not make",
                        w->name);

                diag_add(diags, DIAG_ERROR, w->file, 0, NULL, hint, "%s", why);
                return -EINVAL;
        }
        plan_change_link(p, bond, w, live, s, owned);
        return 0;
}

void plan_link_l3(Plan *p, const char *bond, const LinkWant *w, const Snapshot *s,
                  const Owned *owned)
{
        const SnapLink *live = snapshot_link_by_name(s, w->name);

        if (!w->l3)
                return;
        plan_sysctls(p, bond, w->l3, live, s);
        plan_l3(p, bond, w, live, s, owned);
}

void plan_bridge_port(Plan *p, const char *bond, const char *port, const char *bridge,
                      const BridgeOptValues *opts, const Snapshot *s)
{
        const SnapLink *l = snapshot_link_by_name(s, port);
        const SnapLink *br = snapshot_link_by_name(s, bridge);
        const SnapLink *was = l && l->master ? snapshot_link_by_index(s, l->master) : NULL;
        bool member = l && br && l->master == br->ifindex;
        static const BridgeOptValues none;
        const BridgeOptValues *have = member && l->brport ? &l->brport->opts : &none;
        BridgeOptMask m = link_bridge_diff_mask(opts, have, BRIDGE_OPT_MASK_PORT);
        PlanStep *st;

        if (!member) {
                st = plan_add_step(p, PLAN_SET_MASTER, bond, port, "join bridge %s", bridge);
                st->master = g_strdup(bridge);
                st->old_master = was ? g_strdup(was->name) : NULL;
        }
        if (m) {
                BridgeOptValues *change = g_new0(BridgeOptValues, 1);
                BridgeOptValues *undo = g_new0(BridgeOptValues, 1);
                g_autofree char *what = NULL;

                link_bridge_split(opts, have, m, change, undo);
                what = link_bridge_describe_opts(change, m, undo);
                st = plan_add_step(p, PLAN_SET_LINK_PORT, bond, port, "set bridge port %s", what);
                st->kind = &link_kind_bridge;
                st->spec = change;
                st->old_spec = undo;
        }
}
