/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The planner's stacked links (plan-link.c) with the VLAN kind
 * (link-vlan.c), on hand-built snapshots: which steps, and their undo.
 */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <glib.h>

#include "link-kind.h"
#include "link-vlan.h"
#include "netlink-vlan.h"
#include "plan.h"
#include "snapshot-stack.h"

/* bond0 (ifindex 3), up; with vlan, bond0.100 (ifindex 7) on it. */
static Snapshot *snap(bool vlan, uint16_t id, uint32_t flags, bool up)
{
        Snapshot *s = snapshot_new();
        SnapLink *b = snapshot_add_bond(s, 3, "bond0", NULL);

        b->up = true;
        if (vlan) {
                SnapLink *v = snapshot_add_link(s, 7, "bond0.100", "vlan", "02:00:00:00:00:01");

                v->link = 3;
                v->up = up;
                v->mtu = 1500;
                v->vlan = g_new0(SnapVlan, 1);
                v->vlan->id = id;
                v->vlan->flags = flags;
                v->vlan->ingress = g_array_new(FALSE, FALSE, sizeof(VlanQosMap));
                v->vlan->egress = g_array_new(FALSE, FALSE, sizeof(VlanQosMap));
        }
        return s;
}

static LinkWant want(const LinkVlan *v, CfgL3 *l3)
{
        return (LinkWant){ .kind = &link_kind_vlan,
                           .name = "bond0.100",
                           .parent = "bond0",
                           .spec = v,
                           .l3 = l3,
                           .file = "/etc/sysconfig/network-scripts/ifcfg-bond0.100" };
}

static const PlanStep *step(const Plan *p, guint i)
{
        g_assert_cmpuint(i, <, p->steps->len);
        return p->steps->pdata[i];
}

static void dump(const Plan *p)
{
        for (guint i = 0; i < p->steps->len; i++)
                g_test_message("%s", step(p, i)->description);
}

/* ifup's VLAN block: `ip link add link bond0 name bond0.100 type vlan id
 * 100`, then up, then the addresses. */
static void test_create(void)
{
        g_autoptr(Snapshot) s = snap(false, 0, 0, false);
        g_autoptr(LinkVlan) v = link_vlan_new(100, VLAN_FLAG_REORDER_HDR);
        g_autoptr(CfgL3) l3 = cfg_l3_new("bond0.100");
        g_autoptr(Plan) p = plan_new();
        g_autoptr(DiagList) d = diag_list_new();
        CfgAddress *a = g_new0(CfgAddress, 1);
        LinkWant w;

        a->family = AF_INET;
        a->address = g_strdup("198.51.100.1");
        a->prefix = 24;
        g_ptr_array_add(l3->addrs, a);
        link_vlan_map_add(v->egress, 3, 5);
        w = want(v, l3);
        g_assert_cmpint(plan_link(p, "bond0", &w, s, NULL, d), ==, 0);
        dump(p);
        g_assert_cmpuint(d->items->len, ==, 0);
        g_assert_cmpint(step(p, 0)->action, ==, PLAN_CREATE_LINK);
        g_assert_cmpstr(step(p, 0)->bond, ==, "bond0");
        g_assert_cmpstr(step(p, 0)->ifname, ==, "bond0.100");
        g_assert_cmpstr(step(p, 0)->parent, ==, "bond0");
        g_assert_cmpstr(step(p, 0)->description, ==,
                        "bond0.100: create vlan on bond0 (id 100 reorder_hdr on gvrp off "
                        "loose_binding off mvrp off egress-qos-map 3:5)");
        g_assert_true(step(p, 0)->kind == &link_kind_vlan);
        g_assert_true(step(p, 0)->spec != v); /* a copy */
        g_assert_cmpint(step(p, 1)->action, ==, PLAN_SET_UP);
        g_assert_true(step(p, 1)->up);
        g_assert_cmpint(step(p, 2)->action, ==, PLAN_ADD_ADDRESS);
        g_assert_cmpstr(step(p, 2)->ifname, ==, "bond0.100");
}

/* Everything as configured: nothing to do. */
static void test_noop(void)
{
        g_autoptr(Snapshot) s = snap(true, 100, VLAN_FLAG_REORDER_HDR, true);
        g_autoptr(LinkVlan) v = link_vlan_new(100, VLAN_FLAG_REORDER_HDR);
        g_autoptr(Plan) p = plan_new();
        g_autoptr(DiagList) d = diag_list_new();
        LinkWant w = want(v, NULL);

        g_assert_cmpint(plan_link(p, "bond0", &w, s, NULL, d), ==, 0);
        dump(p);
        g_assert_cmpuint(p->steps->len, ==, 0);
}

/* vlan_changelink(): the flags and maps change on the live VLAN, and the
 * step carries what undoes it (a mapping that goes is sent as "to 0"). */
static void test_change(void)
{
        g_autoptr(Snapshot) s = snap(true, 100, VLAN_FLAG_REORDER_HDR, false);
        g_autoptr(LinkVlan) v = link_vlan_new(100, VLAN_FLAG_REORDER_HDR | VLAN_FLAG_GVRP);
        g_autoptr(Plan) p = plan_new();
        g_autoptr(DiagList) d = diag_list_new();
        SnapLink *live = snapshot_link_by_name(s, "bond0.100");
        const LinkVlan *change, *undo;
        LinkWant w = want(v, NULL);

        link_vlan_map_add(live->vlan->egress, 3, 4);
        link_vlan_map_add(v->ingress, 1, 6);
        g_assert_cmpint(plan_link(p, "bond0", &w, s, NULL, d), ==, 0);
        dump(p);
        g_assert_cmpuint(p->steps->len, ==, 2);
        g_assert_cmpint(step(p, 0)->action, ==, PLAN_CHANGE_LINK);
        g_assert_cmpstr(step(p, 0)->description, ==,
                        "bond0.100: set gvrp off -> on ingress-qos-map 1:6 egress-qos-map 3:0");
        change = step(p, 0)->spec;
        undo = step(p, 0)->old_spec;
        g_assert_cmpuint(change->flags, ==, VLAN_FLAG_REORDER_HDR | VLAN_FLAG_GVRP);
        g_assert_cmpuint(undo->flags, ==, VLAN_FLAG_REORDER_HDR);
        g_assert_cmpuint(undo->egress->len, ==, 1);
        g_assert_cmpuint(g_array_index(undo->egress, VlanQosMap, 0).to, ==, 4);
        g_assert_cmpuint(undo->ingress->len, ==, 1);
        g_assert_cmpuint(g_array_index(undo->ingress, VlanQosMap, 0).to, ==, 0);
        g_assert_cmpint(step(p, 1)->action, ==, PLAN_SET_UP); /* it was down */
}

/* A link of that name that is not this VLAN: an error, no step. */
static void test_mismatch(void)
{
        g_autoptr(Snapshot) s = snap(true, 200, VLAN_FLAG_REORDER_HDR, true);
        g_autoptr(Snapshot) dummy = snapshot_new();
        g_autoptr(LinkVlan) v = link_vlan_new(100, VLAN_FLAG_REORDER_HDR);
        g_autoptr(Plan) p = plan_new();
        g_autoptr(DiagList) d = diag_list_new();
        LinkWant w = want(v, NULL);
        const Diag *e;

        g_assert_cmpint(plan_link(p, "bond0", &w, s, NULL, d), ==, -EINVAL);
        g_assert_cmpuint(p->steps->len, ==, 0);
        g_assert_cmpuint(d->items->len, ==, 1);
        e = d->items->pdata[0];
        g_assert_cmpint(e->severity, ==, DIAG_ERROR);
        g_assert_cmpstr(e->message, ==, "bond0.100 is VLAN 200, not 100");
        g_assert_nonnull(strstr(e->hint, "ip link del bond0.100"));

        snapshot_add_bond(dummy, 3, "bond0", NULL);
        snapshot_add_link(dummy, 7, "bond0.100", "dummy", NULL);
        g_assert_cmpint(plan_link(p, "bond0", &w, dummy, NULL, d), ==, -EINVAL);
        g_assert_cmpstr(((Diag *)d->items->pdata[1])->message, ==,
                        "bond0.100 exists and is not a VLAN (kind dummy)");
}

/* The kind's messages are netlink-vlan.c's (their bytes: test-netlink-stack). */
static void test_messages(void)
{
        g_autoptr(LinkVlan) v = link_vlan_new(100, VLAN_FLAG_REORDER_HDR);
        struct nl_msg *m = NULL;

        g_assert_cmpint(link_kind_vlan.msg_create("bond0.100", 3, v, 0, &m), ==, 0);
        g_assert_nonnull(m);
        nlmsg_free(m);
        m = NULL;
        g_assert_cmpint(link_kind_vlan.msg_change(7, v, &m), ==, 0);
        nlmsg_free(m);
        m = NULL;
        g_assert_cmpint(link_kind_vlan.msg_create("bond0.100", 0, v, 0, &m), ==, -EINVAL);
        g_assert_null(m);
        g_assert_true(link_kind_by_name("vlan") == &link_kind_vlan);
        g_assert_null(link_kind_by_name("macvlan"));
}

int main(int argc, char **argv)
{
        g_test_init(&argc, &argv, NULL);
        g_test_add_func("/plan-link/create", test_create);
        g_test_add_func("/plan-link/noop", test_noop);
        g_test_add_func("/plan-link/change", test_change);
        g_test_add_func("/plan-link/mismatch", test_mismatch);
        g_test_add_func("/plan-link/messages", test_messages);
        return g_test_run();
}
