/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The planner on hand-built snapshots (pure data, no kernel): which steps,
 * in which order, for each kind of difference.
 */
#include <string.h>
#include <sys/socket.h>
#include <glib.h>
#include <linux/if_addr.h>
#include <linux/rtnetlink.h>

#include "plan.h"
#include "plan-internal.h"
#include "port-state.h"

/* ---- building configs and snapshots ------------------------------------ */

typedef struct {
        CfgBond b;
        GPtrArray *owned_ports;
} TestBond;

static void cfg_port_free(gpointer p)
{
        CfgPort *c = p;

        g_free(c->name);
        g_free(c->hwaddr);
        g_free(c);
}

static TestBond *mk_bond(BondMode mode, unsigned miimon)
{
        TestBond *t = g_new0(TestBond, 1);

        t->b.name = g_strdup("bond0");
        t->b.onboot = true;
        t->b.arp = -1;
        t->b.opts = bond_options_new();
        t->b.opts->v[BOND_OPT_MODE].set = true;
        t->b.opts->v[BOND_OPT_MODE].num = mode;
        t->b.opts->v[BOND_OPT_MIIMON].set = true;
        t->b.opts->v[BOND_OPT_MIIMON].num = miimon;
        t->b.ports = g_ptr_array_new();
        t->b.l3 = cfg_l3_new("bond0");
        t->owned_ports = g_ptr_array_new_with_free_func(cfg_port_free);
        return t;
}

static void test_bond_free(TestBond *t)
{
        g_free(t->b.name);
        bond_options_free(t->b.opts);
        g_ptr_array_unref(t->b.ports);
        cfg_l3_free(t->b.l3);
        g_free(t->b.macaddr);
        g_ptr_array_unref(t->owned_ports);
        g_free(t);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(TestBond, test_bond_free)

static CfgPort *add_port(TestBond *t, const char *name, const char *hwaddr)
{
        CfgPort *p = g_new0(CfgPort, 1);

        p->name = g_strdup(name);
        p->hwaddr = g_strdup(hwaddr);
        p->bond = &t->b;
        g_ptr_array_add(t->owned_ports, p);
        g_ptr_array_add(t->b.ports, p);
        return p;
}

static CfgAddress *add_address(TestBond *t, const char *addr, unsigned prefix)
{
        CfgAddress *a = g_new0(CfgAddress, 1);

        a->family = strchr(addr, ':') ? AF_INET6 : AF_INET;
        a->address = g_strdup(addr);
        a->prefix = prefix;
        a->arpupdate = a->family == AF_INET;
        g_ptr_array_add(t->b.l3->addrs, a);
        return a;
}

/* GATEWAY=gw: ifup-eth's default route, out of the bond. */
static void set_gateway(TestBond *t, const char *gw)
{
        NetRoute *r = net_route_new(strchr(gw, ':') ? AF_INET6 : AF_INET);

        r->dst = g_strdup(r->family == AF_INET ? "0.0.0.0" : "::");
        r->gateway = g_strdup(gw);
        r->oif = g_strdup("bond0");
        r->table = 254;
        r->has_protocol = true;
        r->protocol = 3;
        g_ptr_array_set_size(t->b.l3->routes, 0);
        g_ptr_array_add(t->b.l3->routes, r);
}

/* What a previous apply left in the bond's record: everything bondcfg-like
 * (permanent addresses, routes) the snapshot has on bond0 (ifindex 4). */
static Owned *owned_all(const Snapshot *s)
{
        Owned *o = owned_new(4);

        for (guint i = 0; i < s->addrs->len; i++) {
                const SnapAddr *a = s->addrs->pdata[i];

                if (a->ifindex == 4 && !g_str_has_prefix(a->address, "fe80:"))
                        owned_add_addr(o, a->family, a->address, a->prefix);
        }
        for (guint i = 0; i < s->routes->len; i++) {
                const NetRoute *r = s->routes->pdata[i];

                if (r->ifindex == 4)
                        owned_add_route(o, r);
        }
        return o;
}

/* eth0 (2) up and eth1 (3) down, no bond. */
static Snapshot *snap_bare(void)
{
        Snapshot *s = snapshot_new();
        SnapLink *l;

        l = snapshot_add_link(s, 2, "eth0", NULL, "52:54:00:00:00:01");
        l->up = true;
        snapshot_add_link(s, 3, "eth1", NULL, "52:54:00:00:00:02");
        return s;
}

/* bond0 (4) active-backup miimon=100, up, ports eth0 and eth1, address
 * 192.0.2.10/24 and a default route via 192.0.2.1. */
static Snapshot *snap_live(void)
{
        Snapshot *s = snapshot_new();
        g_autoptr(BondOptions) o = bond_options_new();
        SnapLink *l;

        o->v[BOND_OPT_MODE].set = true;
        o->v[BOND_OPT_MODE].num = BOND_MODE_ACTIVE_BACKUP;
        o->v[BOND_OPT_MIIMON].set = true;
        o->v[BOND_OPT_MIIMON].num = 100;
        for (int i = 0; i < 2; i++) {
                g_autofree char *name = g_strdup_printf("eth%d", i);
                g_autofree char *mac = g_strdup_printf("52:54:00:00:00:0%d", i + 1);

                l = snapshot_add_link(s, 2 + i, name, NULL, "52:54:00:00:00:01");
                l->up = true;
                l->master = 4;
                l->port.present = true;
                l->perm_mac = g_strdup(mac);
        }
        l = snapshot_add_bond(s, 4, "bond0", o);
        l->up = true;
        snapshot_add_addr(s, 4, AF_INET, "192.0.2.10", 24);
        snapshot_add_addr(s, 4, AF_INET6, "fe80::5054:ff:fe00:1", 64);
        snapshot_add_route(s, 4, AF_INET, "192.0.2.1");
        return s;
}

/* The config that snap_live() is in sync with. */
static TestBond *cfg_live(void)
{
        TestBond *t = mk_bond(BOND_MODE_ACTIVE_BACKUP, 100);

        add_port(t, "eth0", NULL);
        add_port(t, "eth1", NULL);
        add_address(t, "192.0.2.10", 24);
        set_gateway(t, "192.0.2.1");
        return t;
}

static void assert_steps(const Plan *p, const char *const *want)
{
        guint n = g_strv_length((char **)want);

        for (guint i = 0; i < p->steps->len; i++)
                g_test_message("step %u: %s", i + 1, ((PlanStep *)p->steps->pdata[i])->description);
        for (guint i = 0; i < MIN(n, p->steps->len); i++)
                g_assert_cmpstr(((PlanStep *)p->steps->pdata[i])->description, ==, want[i]);
        g_assert_cmpuint(p->steps->len, ==, n);
}

static Plan *plan_ok(const TestBond *t, const Snapshot *s)
{
        g_autoptr(DiagList) d = diag_list_new();
        g_autoptr(Owned) o = owned_all(s);
        Plan *p = plan_new();

        g_assert_cmpint(plan_bond(p, &t->b, s, NULL, o, d), ==, 0);
        g_assert_false(diag_has_errors(d));
        return p;
}

/* ---- cases -------------------------------------------------------------- */

static void test_fresh_create(void)
{
        g_autoptr(Snapshot) s = snap_bare();
        g_autoptr(TestBond) t = cfg_live();
        g_autoptr(Plan) p = plan_ok(t, s);
        static const char *const want[] = {
                "bond0: create bond (mode=active-backup miimon=100)",
                "eth0: set down",
                "eth0: enslave to bond0",
                "eth1: enslave to bond0",
                "bond0: set up",
                "bond0: add address 192.0.2.10/24",
                "bond0: send gratuitous ARP for 192.0.2.10",
                "bond0: add route default via 192.0.2.1 dev bond0 proto boot",
                NULL,
        };
        PlanStep *st;

        assert_steps(p, want);
        st = p->steps->pdata[0];
        g_assert_cmpint(st->action, ==, PLAN_CREATE_BOND);
        g_assert_true(st->mask == (BOND_OPT_MASK(BOND_OPT_MODE) | BOND_OPT_MASK(BOND_OPT_MIIMON)));
}

static void test_noop(void)
{
        g_autoptr(Snapshot) s = snap_live();
        g_autoptr(TestBond) t = cfg_live();
        g_autoptr(Plan) p = plan_ok(t, s);
        static const char *const want[] = { NULL };

        assert_steps(p, want);
}

static void test_miimon_change(void)
{
        g_autoptr(Snapshot) s = snap_live();
        g_autoptr(TestBond) t = cfg_live();
        g_autoptr(Plan) p = NULL;
        static const char *const want[] = { "bond0: set miimon 100 -> 200", NULL };
        PlanStep *st;

        t->b.opts->v[BOND_OPT_MIIMON].num = 200;
        p = plan_ok(t, s);
        assert_steps(p, want);
        st = p->steps->pdata[0];
        g_assert_true(st->mask == BOND_OPT_MASK(BOND_OPT_MIIMON));
        g_assert_cmpuint(st->old_opts->v[BOND_OPT_MIIMON].num, ==, 100);
}

static void test_mode_change(void)
{
        g_autoptr(Snapshot) s = snap_live();
        g_autoptr(TestBond) t = cfg_live();
        g_autoptr(Plan) p = NULL;
        static const char *const want[] = {
                "eth0: release from bond0",
                "eth1: release from bond0",
                "bond0: set down",
                "bond0: set mode active-backup -> balance-xor",
                "eth0: enslave to bond0",
                "eth1: enslave to bond0",
                "bond0: set up",
                /* taking the bond down dropped its routes */
                "bond0: add route default via 192.0.2.1 dev bond0 proto boot",
                NULL,
        };

        t->b.opts->v[BOND_OPT_MODE].num = BOND_MODE_BALANCE_XOR;
        p = plan_ok(t, s);
        assert_steps(p, want);
}

static void test_needs_down(void)
{
        g_autoptr(Snapshot) s = snap_live();
        g_autoptr(TestBond) t = cfg_live();
        g_autoptr(Plan) p = NULL;
        static const char *const want[] = {
                "bond0: set down",
                "bond0: set ad_select stable -> bandwidth",
                "bond0: set up",
                "bond0: add route default via 192.0.2.1 dev bond0 proto boot",
                NULL,
        };

        t->b.opts->v[BOND_OPT_AD_SELECT].set = true;
        t->b.opts->v[BOND_OPT_AD_SELECT].num = 1;
        p = plan_ok(t, s);
        assert_steps(p, want);
}

static void test_mtu(void)
{
        g_autoptr(Snapshot) s = snap_live();
        g_autoptr(Snapshot) bare = snap_bare();
        g_autoptr(TestBond) t = cfg_live();
        g_autoptr(Plan) p = NULL;
        g_autoptr(Plan) p2 = NULL;
        static const char *const want[] = { "bond0: set mtu 1500 -> 9000", NULL };

        t->b.mtu = 9000;
        p = plan_ok(t, s);
        assert_steps(p, want);
        /* On create, MTU comes before the first enslave. */
        p2 = plan_ok(t, bare);
        g_assert_cmpstr(((PlanStep *)p2->steps->pdata[1])->description, ==,
                        "bond0: set mtu 1500 -> 9000");
        g_assert_cmpstr(((PlanStep *)p2->steps->pdata[3])->description, ==,
                        "eth0: enslave to bond0");
}

static void test_addresses(void)
{
        g_autoptr(Snapshot) s = snap_live();
        g_autoptr(TestBond) t = cfg_live();
        g_autoptr(Plan) p = NULL;
        g_autoptr(Plan) p2 = NULL;
        static const char *const want[] = {
                "bond0: delete address 192.0.2.10/24",
                "bond0: add address 192.0.2.20/24",
                "bond0: add address 2001:db8::10/64",
                "bond0: send gratuitous ARP for 192.0.2.20",
                NULL,
        };
        static const char *const want_noarp[] = {
                "bond0: delete address 192.0.2.10/24",
                "bond0: add address 192.0.2.20/24",
                "bond0: add address 2001:db8::10/64",
                NULL,
        };

        g_free(((CfgAddress *)t->b.l3->addrs->pdata[0])->address);
        ((CfgAddress *)t->b.l3->addrs->pdata[0])->address = g_strdup("192.0.2.20");
        add_address(t, "2001:db8::10", 64);
        p = plan_ok(t, s);
        assert_steps(p, want);
        ((CfgAddress *)t->b.l3->addrs->pdata[0])->arpupdate = false;
        p2 = plan_ok(t, s);
        assert_steps(p2, want_noarp);
}

static void test_gateway(void)
{
        g_autoptr(Snapshot) s = snap_live();
        g_autoptr(TestBond) t = cfg_live();
        g_autoptr(Plan) p = NULL;
        static const char *const want[] = {
                "bond0: delete route default via 192.0.2.1 dev bond0 metric 0 proto boot",
                "bond0: add route default via 192.0.2.254 dev bond0 proto boot",
                NULL,
        };

        set_gateway(t, "192.0.2.254");
        p = plan_ok(t, s);
        assert_steps(p, want);
}

static void test_primary_after_enslave(void)
{
        g_autoptr(Snapshot) s = snap_bare();
        g_autoptr(TestBond) t = mk_bond(BOND_MODE_ACTIVE_BACKUP, 100);
        g_autoptr(Plan) p = NULL;
        static const char *const want[] = {
                "bond0: create bond (mode=active-backup miimon=100)",
                "eth0: set down",
                "eth0: enslave to bond0",
                "eth1: enslave to bond0",
                "bond0: set up",
                "bond0: set primary \"\" -> eth1",
                NULL,
        };

        add_port(t, "eth0", NULL);
        add_port(t, "eth1", NULL);
        t->b.opts->v[BOND_OPT_PRIMARY].set = true;
        t->b.opts->v[BOND_OPT_PRIMARY].str = g_strdup("eth1");
        p = plan_ok(t, s);
        assert_steps(p, want);
}

static void test_port_in_other_bond(void)
{
        g_autoptr(Snapshot) s = snap_bare();
        g_autoptr(TestBond) t = cfg_live();
        g_autoptr(DiagList) d = diag_list_new();
        g_autoptr(Plan) p = plan_new();
        const Diag *dg;

        snapshot_add_bond(s, 9, "bond1", NULL);
        snapshot_link_by_name(s, "eth1")->master = 9;
        g_assert_cmpint(plan_bond(p, &t->b, s, NULL, NULL, d), <, 0);
        g_assert_cmpuint(p->steps->len, ==, 0);
        g_assert_cmpuint(diag_count(d, DIAG_ERROR), ==, 1);
        dg = d->items->pdata[0];
        g_assert_nonnull(strstr(dg->message, "eth1 is already a port of bond1"));
}

static void test_hwaddr_port(void)
{
        g_autoptr(Snapshot) s = snap_bare();
        g_autoptr(TestBond) t = mk_bond(BOND_MODE_ACTIVE_BACKUP, 100);
        g_autoptr(TestBond) t2 = mk_bond(BOND_MODE_ACTIVE_BACKUP, 100);
        g_autoptr(DiagList) d = diag_list_new();
        g_autoptr(Plan) p = NULL;
        g_autoptr(Plan) p2 = plan_new();
        static const char *const want[] = {
                "bond0: create bond (mode=active-backup miimon=100)",
                "eth7: enslave to bond0",
                "bond0: set up",
                NULL,
        };
        SnapLink *l;

        /* eth7's current MAC differs; its permanent MAC is the one. */
        l = snapshot_add_link(s, 7, "eth7", NULL, "02:00:00:00:00:99");
        l->perm_mac = g_strdup("52:54:00:aa:bb:cc");
        add_port(t, NULL, "52:54:00:aa:bb:cc");
        p = plan_ok(t, s);
        assert_steps(p, want);

        add_port(t2, NULL, "52:54:00:de:ad:00");
        g_assert_cmpint(plan_bond(p2, &t2->b, s, NULL, NULL, d), <, 0);
        g_assert_nonnull(strstr(((Diag *)d->items->pdata[0])->message, "52:54:00:de:ad:00"));
}

static void test_unsupported_option(void)
{
        g_autoptr(Snapshot) s = snap_live();
        g_autoptr(TestBond) t = cfg_live();
        g_autoptr(DiagList) d = diag_list_new();
        g_autoptr(Plan) p = plan_new();
        g_autofree char *want = NULL;

        /* snapshot_add_bond() marks options with a `since` as not reported. */
        t->b.opts->v[BOND_OPT_MODE].num = BOND_MODE_LACP;
        t->b.opts->v[BOND_OPT_COUPLED_CONTROL].set = true;
        t->b.opts->v[BOND_OPT_COUPLED_CONTROL].num = 0;
        g_assert_cmpint(plan_bond(p, &t->b, s, NULL, NULL, d), <, 0);
        /* the version comes from the option table */
        want = g_strdup_printf("kernel does not support coupled_control (needs %s)",
                               bond_opt_desc(BOND_OPT_COUPLED_CONTROL)->since);
        g_assert_cmpstr(((Diag *)d->items->pdata[0])->message, ==, want);
        g_assert_cmpint(plan_check_supported(&t->b, snapshot_link_by_name(s, "bond0"), d), <, 0);
}

/* A new bond: another bond (bond0) shows what the kernel reports, so an
 * option it lacks is an error before any step; without one, no error
 * (the check after the steps finds it). */
static void test_unsupported_option_new_bond(void)
{
        g_autoptr(Snapshot) s = snap_live();
        g_autoptr(Snapshot) bare = snap_bare();
        g_autoptr(TestBond) t = mk_bond(BOND_MODE_LACP, 100);
        g_autoptr(DiagList) d = diag_list_new();
        g_autoptr(DiagList) d2 = diag_list_new();
        g_autoptr(Plan) p = plan_new();
        g_autoptr(Plan) p2 = plan_new();

        g_free(t->b.name);
        t->b.name = g_strdup("bond9");
        t->b.opts->v[BOND_OPT_COUPLED_CONTROL].set = true;
        t->b.opts->v[BOND_OPT_COUPLED_CONTROL].num = 1; /* the default: still an error */
        g_assert_cmpint(plan_bond(p, &t->b, s, NULL, NULL, d), <, 0);
        g_assert_cmpuint(p->steps->len, ==, 0);
        g_assert_cmpstr(((Diag *)d->items->pdata[0])->message, ==,
                        "kernel does not support coupled_control (needs 6.9)");

        g_assert_cmpint(plan_bond(p2, &t->b, bare, NULL, NULL, d2), ==, 0);
        g_assert_cmpuint(p2->steps->len, >, 0);

        /* bond0 is active-backup: the kernel reports no 802.3ad-only
         * attribute there, which does not make them unsupported. */
        snapshot_link_by_name(s, "bond0")->bond_attrs &= ~BOND_OPT_MASK(BOND_OPT_AD_ACTOR_SYS_PRIO);
        t->b.opts->v[BOND_OPT_COUPLED_CONTROL].set = false;
        t->b.opts->v[BOND_OPT_AD_ACTOR_SYS_PRIO].set = true;
        t->b.opts->v[BOND_OPT_AD_ACTOR_SYS_PRIO].num = 100;
        g_ptr_array_set_size(p->steps, 0);
        g_assert_cmpint(plan_bond(p, &t->b, s, NULL, NULL, d), ==, 0);
}

static void test_down(void)
{
        g_autoptr(Snapshot) s = snap_live();
        g_autoptr(DiagList) d = diag_list_new();
        g_autoptr(Plan) p = plan_new();
        g_autoptr(Plan) p2 = plan_new();
        static const char *const want[] = {
                "eth0: release from bond0",
                "eth1: release from bond0",
                "bond0: set down",
                "bond0: delete bond",
                NULL,
        };
        PlanStep *st;

        g_assert_cmpint(plan_down(p, "bond0", s, NULL, NULL, d), ==, 0);
        assert_steps(p, want);
        /* release restores the permanent MAC; delete can be undone */
        st = p->steps->pdata[1];
        g_assert_cmpstr(st->mac, ==, "52:54:00:00:00:02");
        st = p->steps->pdata[3];
        g_assert_nonnull(st->old_opts);
        g_assert_true(st->old_mask & BOND_OPT_MASK(BOND_OPT_MIIMON));
        /* absent bond: nothing to do */
        g_assert_cmpint(plan_down(p2, "bond5", s, NULL, NULL, d), ==, 0);
        g_assert_cmpuint(p2->steps->len, ==, 0);
}

/* The kernel resets queue_id and prio on release: the undo must set them. */
static void test_release_keeps_port_options(void)
{
        g_autoptr(Snapshot) s = snap_live();
        g_autoptr(TestBond) t = cfg_live();
        g_autoptr(Plan) p = NULL;
        SnapLink *eth0 = snapshot_link_by_name(s, "eth0");
        PlanStep *st;

        eth0->port.queue_id = 1;
        eth0->port.has_prio = true;
        eth0->port.prio = -3;
        ((CfgPort *)t->b.ports->pdata[0])->queue_id.set = true;
        ((CfgPort *)t->b.ports->pdata[0])->queue_id.num = 1;
        t->b.opts->v[BOND_OPT_MODE].num = BOND_MODE_BALANCE_XOR;
        p = plan_ok(t, s);
        st = p->steps->pdata[0];
        g_assert_cmpstr(st->description, ==, "eth0: release from bond0");
        g_assert_nonnull(st->old_opts);
        g_assert_true(st->old_mask ==
                      (BOND_OPT_MASK(BOND_OPT_PORT_QUEUE_ID) | BOND_OPT_MASK(BOND_OPT_PORT_PRIO)));
        g_assert_true(st->old_opts->v[BOND_OPT_PORT_QUEUE_ID].set);
        g_assert_cmpuint(st->old_opts->v[BOND_OPT_PORT_QUEUE_ID].num, ==, 1);
        g_assert_cmpint((int32_t)(int64_t)st->old_opts->v[BOND_OPT_PORT_PRIO].num, ==, -3);
        /* eth1 has the defaults: nothing to restore */
        st = p->steps->pdata[1];
        g_assert_cmpstr(st->description, ==, "eth1: release from bond0");
        g_assert_null(st->old_opts);
        g_assert_true(st->old_mask == 0);
        /* re-enslaved after the mode change: queue_id set again */
        for (guint i = 0; i < p->steps->len; i++)
                g_test_message("step %u: %s", i + 1, ((PlanStep *)p->steps->pdata[i])->description);
        st = p->steps->pdata[5];
        g_assert_cmpstr(st->description, ==, "eth0: set queue_id 0 -> 1");
        /* down: the same for its releases */
        {
                g_autoptr(Plan) d = plan_new();
                g_autoptr(DiagList) diags = diag_list_new();

                g_assert_cmpint(plan_down(d, "bond0", s, NULL, NULL, diags), ==, 0);
                st = d->steps->pdata[0];
                g_assert_cmpint(st->action, ==, PLAN_RELEASE);
                g_assert_cmpuint(st->old_opts->v[BOND_OPT_PORT_QUEUE_ID].num, ==, 1);
        }
}

static PortState *port_state(int ifindex, bool up, unsigned mtu)
{
        PortState *ps = g_new0(PortState, 1);

        ps->ifindex = ifindex;
        ps->up = up;
        ps->mtu = mtu;
        return ps;
}

/* down gives recorded ports their MTU and admin state back. */
static void test_down_restores_ports(void)
{
        g_autoptr(Snapshot) s = snap_live();
        g_autoptr(DiagList) d = diag_list_new();
        g_autoptr(Plan) p = plan_new();
        g_autoptr(GHashTable) saved = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                                            (GDestroyNotify)port_state_free);
        static const char *const want[] = {
                "eth0: release from bond0",
                "eth1: release from bond0",
                "eth1: set mtu 9000 -> 1400 (as before apply)",
                "eth1: set up (as before apply)",
                "bond0: set down",
                "bond0: delete bond",
                NULL,
        };
        PlanStep *st;

        snapshot_link_by_name(s, "eth0")->mtu = 9000;
        snapshot_link_by_name(s, "eth1")->mtu = 9000;
        /* eth0's record is for another link of that name: stale */
        g_hash_table_insert(saved, g_strdup("eth0"), port_state(42, true, 1400));
        g_hash_table_insert(saved, g_strdup("eth1"), port_state(3, true, 1400));
        g_assert_cmpint(plan_down(p, "bond0", s, saved, NULL, d), ==, 0);
        assert_steps(p, want);
        st = p->steps->pdata[2];
        g_assert_cmpint(st->action, ==, PLAN_SET_MTU);
        g_assert_cmpuint(st->mtu, ==, 1400);
        g_assert_cmpuint(st->old_mtu, ==, 9000);
        st = p->steps->pdata[3];
        g_assert_cmpint(st->action, ==, PLAN_SET_UP);
        g_assert_true(st->up);

        /* a record of a port that was down: the kernel's down is right */
        g_hash_table_insert(saved, g_strdup("eth1"), port_state(3, false, 9000));
        g_clear_pointer(&p, plan_free);
        p = plan_new();
        g_assert_cmpint(plan_down(p, "bond0", s, saved, NULL, d), ==, 0);
        g_assert_cmpstr(((PlanStep *)p->steps->pdata[2])->description, ==, "bond0: set down");
}

/* A port the configuration no longer names leaves for good, back to its
 * recorded state; the ports that stay are not touched. */
static void test_dropped_port_restored(void)
{
        g_autoptr(Snapshot) s = snap_live();
        g_autoptr(TestBond) t = mk_bond(BOND_MODE_ACTIVE_BACKUP, 100);
        g_autoptr(DiagList) d = diag_list_new();
        g_autoptr(Plan) p = plan_new();
        g_autoptr(GHashTable) saved = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                                            (GDestroyNotify)port_state_free);
        static const char *const want[] = {
                "eth1: release from bond0",
                "eth1: set mtu 9000 -> 1400 (as before apply)",
                "eth1: set up (as before apply)",
                NULL,
        };
        PortState *ps = port_state(3, true, 1400);
        PlanStep *st;

        add_port(t, "eth0", NULL);
        add_address(t, "192.0.2.10", 24);
        set_gateway(t, "192.0.2.1");
        snapshot_link_by_name(s, "eth1")->mtu = 9000;
        g_free(snapshot_link_by_name(s, "eth1")->perm_mac);
        snapshot_link_by_name(s, "eth1")->perm_mac = NULL;
        ps->perm_mac = g_strdup("52:54:00:00:00:99");
        g_hash_table_insert(saved, g_strdup("eth1"), ps);
        g_assert_cmpint(plan_bond(p, &t->b, s, saved, NULL, d), ==, 0);
        assert_steps(p, want);
        st = p->steps->pdata[0];
        g_assert_cmpint(st->action, ==, PLAN_RELEASE);
        /* no permanent MAC from the kernel: the recorded one */
        g_assert_cmpstr(st->mac, ==, "52:54:00:00:00:99");

        /* without a record: only the release */
        g_clear_pointer(&p, plan_free);
        p = plan_new();
        g_assert_cmpint(plan_bond(p, &t->b, s, NULL, NULL, d), ==, 0);
        g_assert_cmpuint(p->steps->len, ==, 1);
        g_assert_cmpstr(((PlanStep *)p->steps->pdata[0])->description, ==,
                        "eth1: release from bond0");
}

/*
 * Own only what bondcfg put there: a keepalived VIP, a SLAAC address (with
 * a lifetime), a DHCP address and an RA default route on the bond are left
 * alone; an address and a route bondcfg added and the files dropped go.
 */
static void test_ownership(void)
{
        g_autoptr(Snapshot) s = snap_live();
        g_autoptr(TestBond) t = cfg_live();
        g_autoptr(DiagList) d = diag_list_new();
        g_autoptr(Owned) o = owned_new(4);
        g_autoptr(Plan) p = plan_new();
        g_autoptr(Plan) none = plan_new();
        static const char *const want[] = {
                "bond0: delete address 198.51.100.7/24",
                "bond0: delete route 10.9.0.0/16 via 192.0.2.9 dev bond0 metric 0 proto boot",
                NULL,
        };
        NetRoute *ra, *mine;
        SnapAddr *slaac;

        snapshot_add_addr(s, 4, AF_INET, "192.0.2.99", 32); /* the VIP */
        snapshot_add_addr(s, 4, AF_INET6, "2001:db8::5054:ff:fe00:1", 64);
        slaac = s->addrs->pdata[s->addrs->len - 1];
        slaac->flags = 0; /* not IFA_F_PERMANENT: it has a lifetime */
        slaac->valid_lft = 86400;
        snapshot_add_addr(s, 4, AF_INET, "198.51.100.7", 24); /* bondcfg's, dropped */
        ra = snapshot_add_route(s, 4, AF_INET6, "fe80::1");
        ra->protocol = RTPROT_RA;
        mine = snapshot_add_route(s, 4, AF_INET, "192.0.2.9");
        g_free(mine->dst);
        mine->dst = g_strdup("10.9.0.0");
        mine->prefix = 16;

        /* the record lists the configured ones and the dropped ones; even a
         * recorded SLAAC address is the kernel's */
        owned_add_addr(o, AF_INET, "192.0.2.10", 24);
        owned_add_addr(o, AF_INET, "198.51.100.7", 24);
        owned_add_addr(o, AF_INET6, "2001:db8::5054:ff:fe00:1", 64);
        owned_add_route(o, t->b.l3->routes->pdata[0]);
        owned_add_route(o, mine);
        g_assert_cmpint(plan_bond(p, &t->b, s, NULL, o, d), ==, 0);
        assert_steps(p, want);

        /* no record (another tool set the bond up): bondcfg adopts what
         * matches and removes nothing */
        g_assert_cmpint(plan_bond(none, &t->b, s, NULL, NULL, d), ==, 0);
        g_assert_cmpuint(none->steps->len, ==, 0);
        g_assert_true(plan_addr_is_foreign(s->addrs->pdata[2], t->b.l3, o));  /* the VIP */
        g_assert_false(plan_addr_is_foreign(s->addrs->pdata[0], t->b.l3, o)); /* configured */
}

/* IFA_F_SECONDARY shares its bit with IFA_F_TEMPORARY: an IPv4 secondary
 * bondcfg added is still bondcfg's; an IPv6 temporary address never is. */
static void test_owned_secondary(void)
{
        g_autoptr(Owned) o = owned_new(4);
        SnapAddr sec = { .ifindex = 4,
                         .family = AF_INET,
                         .address = "192.0.2.11",
                         .prefix = 24,
                         .flags = IFA_F_PERMANENT | IFA_F_SECONDARY };
        SnapAddr tmp = { .ifindex = 4,
                         .family = AF_INET6,
                         .address = "2001:db8::7",
                         .prefix = 64,
                         .flags = IFA_F_PERMANENT | IFA_F_TEMPORARY };

        owned_add_addr(o, AF_INET, "192.0.2.11", 24);
        owned_add_addr(o, AF_INET6, "2001:db8::7", 64);
        g_assert_true(owned_has_addr(o, &sec));
        g_assert_false(owned_has_addr(o, &tmp));
}

/* The record that an apply leaves: what the files have, but what failed. */
static void test_owned_after(void)
{
        g_autoptr(TestBond) t = cfg_live();
        g_autoptr(Plan) p = plan_new();
        g_autoptr(Owned) o = NULL;
        g_autoptr(Owned) back = NULL;
        g_autofree char *text = NULL, *again = NULL;
        g_autofree bool *skipped = NULL;
        NetRule *rule;
        PlanStep *st;

        add_address(t, "2001:db8::10", 64);
        t->b.l3->zeroconf = true;
        rule = net_rule_new(AF_INET);
        rule->from = g_strdup("10.20.0.0");
        rule->from_len = 16;
        rule->table = 100;
        rule->has_priority = true;
        rule->priority = 1000;
        g_ptr_array_add(t->b.l3->rules, rule);
        st = plan_add_step(p, PLAN_ADD_ROUTE, "bond0", "bond0", "add route");
        st->route = net_route_copy(t->b.l3->routes->pdata[0]);
        skipped = g_new0(bool, 1);
        skipped[0] = true; /* the default route was refused */
        o = plan_owned_after(t->b.l3, 4, p, skipped);
        g_assert_cmpuint(o->addrs->len, ==, 2);
        g_assert_cmpuint(o->routes->len, ==, 1); /* the zeroconf route, metric 1004 */
        g_assert_cmpuint(((NetRoute *)o->routes->pdata[0])->metric, ==, 1004);
        text = owned_format(o);
        g_test_message("%s", text);
        g_assert_cmpint(owned_parse(text, "test", &back, NULL), ==, 0);
        again = owned_format(back);
        g_assert_cmpstr(again, ==, text);
        g_assert_cmpint(back->ifindex, ==, 4);
        /* a rule with a priority reads back as the same rule */
        g_assert_nonnull(strstr(text, "rule4=from 10.20.0.0/16 lookup 100 priority 1000"));
        g_assert_cmpuint(back->rules->len, ==, 1);
        g_assert_true(net_rule_equal(back->rules->pdata[0], rule));
}

/* Deleting a primary IPv4 address takes the secondaries of its subnet with
 * it: promote_secondaries goes on around the deletion, so a VIP stays. */
static void test_promote_secondaries(void)
{
        g_autoptr(Snapshot) s = snap_live();
        g_autoptr(TestBond) t = cfg_live();
        g_autoptr(Owned) o = owned_new(4);
        g_autoptr(DiagList) d = diag_list_new();
        g_autoptr(Plan) p = NULL;
        static const char *const want[] = {
                "bond0: set ipv4.promote_secondaries 0 -> 1",
                "bond0: delete address 192.0.2.10/24",
                "bond0: set ipv4.promote_secondaries 1 -> 0",
                "bond0: add address 198.51.100.1/24",
                "bond0: send gratuitous ARP for 198.51.100.1",
                NULL,
        };
        SnapAddr *vip;

        snapshot_add_addr(s, 4, AF_INET, "192.0.2.77", 24);
        vip = s->addrs->pdata[s->addrs->len - 1];
        vip->flags |= IFA_F_SECONDARY;
        snapshot_link_by_name(s, "bond0")->sysctls =
                g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
        g_hash_table_insert(snapshot_link_by_name(s, "bond0")->sysctls,
                            g_strdup("ipv4/promote_secondaries"), g_strdup("0"));
        g_free(((CfgAddress *)t->b.l3->addrs->pdata[0])->address);
        ((CfgAddress *)t->b.l3->addrs->pdata[0])->address = g_strdup("198.51.100.1");
        set_gateway(t, "192.0.2.1");
        g_ptr_array_set_size(t->b.l3->routes, 0);
        /* bondcfg's: the old address and route; the VIP is someone else's */
        owned_add_addr(o, AF_INET, "192.0.2.10", 24);
        owned_add_route(o, s->routes->pdata[0]);
        p = plan_new();
        g_assert_cmpint(plan_bond(p, &t->b, s, NULL, o, d), ==, 0);
        /* the default route was owned and is gone from the files */
        g_assert_cmpstr(((PlanStep *)p->steps->pdata[p->steps->len - 1])->description, ==,
                        "bond0: delete route default via 192.0.2.1 dev bond0 metric 0 proto boot");
        g_ptr_array_remove_index(p->steps, p->steps->len - 1);
        assert_steps(p, want);
}

/* Sysctls, ARP, the probe, LINKDELAY, ETHTOOL_OPTS and the zeroconf route on
 * a new bond, in ifup-eth's order. */
static void test_create_l3(void)
{
        g_autoptr(Snapshot) s = snap_bare();
        g_autoptr(TestBond) t = cfg_live();
        g_autoptr(Plan) p = NULL;
        CfgEthtool e = { 0 };
        static const char *const want[] = {
                "bond0: create bond (mode=active-backup miimon=100)",
                "eth0: set down",
                "eth0: enslave to bond0",
                "eth1: enslave to bond0",
                "bond0: set ipv6.autoconf 1 -> 0",
                "bond0: set arp off",
                "bond0: set up",
                "bond0: run ethtool -s bond0 speed 1000 (ETHTOOL_OPTS)",
                "bond0: wait 3 s (LINKDELAY)",
                "bond0: check that no other host uses 192.0.2.10 (ARPCHECK)",
                "bond0: add address 192.0.2.10/24",
                "bond0: send gratuitous ARP for 192.0.2.10",
                "bond0: add route default via 192.0.2.1 dev bond0 proto boot",
                "bond0: add route 169.254.0.0/16 dev bond0 metric 1000+ifindex proto boot scope "
                "link",
                NULL,
        };
        char *words[] = { "speed", "1000", NULL };
        gboolean set = TRUE;
        CfgSysctl *sc = g_new0(CfgSysctl, 1);

        s->default_sysctls = g_hash_table_new(g_str_hash, g_str_equal);
        g_hash_table_insert(s->default_sysctls, "ipv6/autoconf", "1");
        sc->family = AF_INET6;
        sc->name = g_strdup("autoconf");
        sc->value = g_strdup("0");
        sc->why = g_strdup("IPV6_AUTOCONF=no");
        g_ptr_array_add(t->b.l3->sysctls, sc);
        ((CfgAddress *)t->b.l3->addrs->pdata[0])->arpcheck = true;
        t->b.l3->zeroconf = true;
        t->b.arp = 0;
        t->b.linkdelay = 3;
        e.runs = g_ptr_array_new();
        g_ptr_array_add(e.runs, words);
        e.set = g_array_new(FALSE, FALSE, sizeof(gboolean));
        g_array_append_val(e.set, set);
        t->b.ethtool = &e;
        p = plan_ok(t, s);
        t->b.ethtool = NULL;
        g_ptr_array_unref(e.runs);
        g_array_unref(e.set);
        assert_steps(p, want);
        g_assert_cmpuint(((PlanStep *)p->steps->pdata[13])->metric_base, ==, 1000);
}

static void test_json(void)
{
        g_autoptr(Snapshot) s = snap_live();
        g_autoptr(TestBond) t = cfg_live();
        g_autoptr(Plan) p = NULL;
        g_autoptr(JsonDoc) b = json_doc_new();
        g_autofree char *j = NULL;

        t->b.opts->v[BOND_OPT_MIIMON].num = 200;
        p = plan_ok(t, s);
        json_begin_array_member(b, "steps");
        plan_step_to_json(b, p->steps->pdata[0]);
        json_arr_end(b);
        j = json_doc_finish(b);
        g_assert_cmpstr(j, ==,
                        "{\"format_version\":1,\"steps\":[{\"bond\":\"bond0\",\"action\":"
                        "\"set-options\",\"ifname\":\"bond0\","
                        "\"description\":\"bond0: set miimon 100 -> 200\"}]}");
}

int main(int argc, char **argv)
{
        g_test_init(&argc, &argv, NULL);
        g_test_add_func("/plan/fresh-create", test_fresh_create);
        g_test_add_func("/plan/noop", test_noop);
        g_test_add_func("/plan/miimon-change", test_miimon_change);
        g_test_add_func("/plan/mode-change", test_mode_change);
        g_test_add_func("/plan/needs-down", test_needs_down);
        g_test_add_func("/plan/mtu", test_mtu);
        g_test_add_func("/plan/addresses", test_addresses);
        g_test_add_func("/plan/gateway", test_gateway);
        g_test_add_func("/plan/primary-after-enslave", test_primary_after_enslave);
        g_test_add_func("/plan/port-in-other-bond", test_port_in_other_bond);
        g_test_add_func("/plan/hwaddr-port", test_hwaddr_port);
        g_test_add_func("/plan/unsupported-option", test_unsupported_option);
        g_test_add_func("/plan/unsupported-option-new-bond", test_unsupported_option_new_bond);
        g_test_add_func("/plan/down", test_down);
        g_test_add_func("/plan/json", test_json);
        g_test_add_func("/plan/ownership", test_ownership);
        g_test_add_func("/plan/owned-after", test_owned_after);
        g_test_add_func("/plan/owned-secondary", test_owned_secondary);
        g_test_add_func("/plan/promote-secondaries", test_promote_secondaries);
        g_test_add_func("/plan/create-l3", test_create_l3);
        g_test_add_func("/plan/release-keeps-port-options", test_release_keeps_port_options);
        g_test_add_func("/plan/down-restores-ports", test_down_restores_ports);
        g_test_add_func("/plan/dropped-port-restored", test_dropped_port_restored);
        return g_test_run();
}
