/* SPDX-License-Identifier: GPL-2.0-or-later */
/* online.h: what wait-online waits for; netlink-wait.h: how it waits. */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <glib.h>
#include <linux/if_addr.h>
#include <linux/rtnetlink.h>

#include "netlink-wait.h"
#include "config-stack.h"
#include "online.h"

typedef struct {
        CfgBond b;
        const Config *cfg; /* the stack above it, or NULL */
} TestBond;

static TestBond *mk_bond(void)
{
        TestBond *t = g_new0(TestBond, 1);

        t->b.name = g_strdup("bond0");
        t->b.ports = g_ptr_array_new();
        t->b.l3 = cfg_l3_new("bond0");
        return t;
}

static void test_bond_free(TestBond *t)
{
        g_free(t->b.name);
        g_ptr_array_unref(t->b.ports);
        cfg_l3_free(t->b.l3);
        g_free(t);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(TestBond, test_bond_free)

static void add_address(TestBond *t, const char *addr, unsigned prefix)
{
        CfgAddress *a = g_new0(CfgAddress, 1);

        a->family = strchr(addr, ':') ? AF_INET6 : AF_INET;
        a->address = g_strdup(addr);
        a->prefix = prefix;
        g_ptr_array_add(t->b.l3->addrs, a);
}

static SnapAddr *last_addr(Snapshot *s)
{
        return s->addrs->pdata[s->addrs->len - 1];
}

/* The state and its reason, as one string: "wait: bond0 has no carrier". */
static char *state_text(const TestBond *t, const Snapshot *s)
{
        static const char *const names[] = { "yes", "wait", "failed" };
        g_autofree char *why = NULL;
        OnlineState st = online_state(t->cfg, &t->b, s, &why);

        return g_strdup_printf("%s%s%s", names[st], why ? ": " : "", why ? why : "");
}

#define assert_state(t, s, want)                                                                   \
        do {                                                                                       \
                g_autofree char *got_ = state_text(t, s);                                          \
                g_assert_cmpstr(got_, ==, want);                                                   \
        } while (0)

static void test_link(void)
{
        g_autoptr(TestBond) t = mk_bond();
        g_autoptr(Snapshot) s = snapshot_new();
        SnapLink *l;

        assert_state(t, s, "wait: bond0 does not exist");
        l = snapshot_add_bond(s, 7, "bond0", NULL);
        l->up = false;
        assert_state(t, s, "wait: bond0 is down");
        l->up = true;
        l->lower_up = false;
        assert_state(t, s, "wait: bond0 has no carrier");
        l->lower_up = true;
        /* no address configured (BOOTPROTO=dhcp, say): carrier is enough */
        assert_state(t, s, "yes");
}

/* A VLAN that carries the address and a bridge above the bond: each must
 * be up with carrier and have its addresses, the bond's carrier is not
 * enough (the initramfs and network-online.target wait for the link that
 * carries the address: a bridge gets carrier only once STP lets a port
 * forward). */
static void test_stack(void)
{
        g_autoptr(TestBond) t = mk_bond();
        g_autoptr(Snapshot) s = snapshot_new();
        Config c = { 0 };
        CfgVlan v = { .name = (char *)"bond0.100", .bond = &t->b, .onboot = true };
        CfgVlan off = { .name = (char *)"bond0.200", .bond = &t->b, .onboot = false };
        CfgBridgePort port = { .kind = CFG_BRIDGE_PORT_BOND, .bond = &t->b, .name = "bond0" };
        CfgBridge br = { .name = (char *)"br0", .onboot = true };
        CfgAddress *a = g_new0(CfgAddress, 1);
        SnapLink *l, *vl, *bl;

        v.l3 = cfg_l3_new("bond0.100");
        off.l3 = cfg_l3_new("bond0.200");
        br.l3 = cfg_l3_new("br0");
        a->family = AF_INET;
        a->address = g_strdup("192.0.2.1");
        a->prefix = 24;
        g_ptr_array_add(v.l3->addrs, a);
        br.ports = g_ptr_array_new();
        g_ptr_array_add(br.ports, &port);
        c.vlans = g_ptr_array_new();
        c.bridges = g_ptr_array_new();
        g_ptr_array_add(c.vlans, &v);
        g_ptr_array_add(c.vlans, &off);
        g_ptr_array_add(c.bridges, &br);
        t->cfg = &c;

        l = snapshot_add_bond(s, 7, "bond0", NULL);
        l->up = l->lower_up = true;
        assert_state(t, s, "wait: bond0.100 does not exist");
        vl = snapshot_add_bond(s, 8, "bond0.100", NULL);
        vl->up = true;
        vl->lower_up = false;
        assert_state(t, s, "wait: bond0.100 has no carrier");
        vl->lower_up = true;
        assert_state(t, s, "wait: bond0.100 has no 192.0.2.1/24 yet");
        {
                SnapAddr *x = g_new0(SnapAddr, 1);

                x->ifindex = 8;
                x->family = AF_INET;
                x->address = g_strdup("192.0.2.1");
                x->prefix = 24;
                g_ptr_array_add(s->addrs, x);
        }
        /* bond0.200 is not ONBOOT: not waited for */
        assert_state(t, s, "wait: br0 does not exist");
        bl = snapshot_add_bond(s, 9, "br0", NULL);
        bl->up = true;
        bl->lower_up = false; /* STP: no port forwards yet */
        assert_state(t, s, "wait: br0 has no carrier");
        bl->lower_up = true;
        assert_state(t, s, "yes");

        cfg_l3_free(v.l3);
        cfg_l3_free(off.l3);
        cfg_l3_free(br.l3);
        g_ptr_array_unref(br.ports);
        g_ptr_array_unref(c.vlans);
        g_ptr_array_unref(c.bridges);
}

static void test_addresses(void)
{
        g_autoptr(TestBond) t = mk_bond();
        g_autoptr(Snapshot) s = snapshot_new();
        SnapLink *l = snapshot_add_bond(s, 7, "bond0", NULL);

        l->up = l->lower_up = true;
        add_address(t, "192.0.2.1", 24);
        add_address(t, "2001:db8::1", 64);
        assert_state(t, s, "wait: bond0 has no 192.0.2.1/24 yet");
        snapshot_add_addr(s, 7, AF_INET, "192.0.2.1", 24);
        /* the same address on another link, or with another prefix, is not it */
        snapshot_add_addr(s, 8, AF_INET6, "2001:db8::1", 64);
        snapshot_add_addr(s, 7, AF_INET6, "2001:db8::1", 48);
        assert_state(t, s, "wait: bond0 has no 2001:db8::1/64 yet");
        snapshot_add_addr(s, 7, AF_INET6, "2001:db8::1", 64);
        last_addr(s)->flags = IFA_F_TENTATIVE | IFA_F_PERMANENT;
        assert_state(t, s,
                     "wait: 2001:db8::1/64 on bond0 is tentative (duplicate address "
                     "detection)");
        last_addr(s)->flags = IFA_F_PERMANENT;
        assert_state(t, s, "yes");
        /* the link-local address is waited for too; a tentative SLAAC one not */
        snapshot_add_addr(s, 7, AF_INET6, "2001:db8::5054:ff:fe00:1", 64);
        last_addr(s)->flags = IFA_F_TENTATIVE;
        assert_state(t, s, "yes");
        snapshot_add_addr(s, 7, AF_INET6, "fe80::5054:ff:fe00:1", 64);
        last_addr(s)->flags = IFA_F_TENTATIVE;
        assert_state(t, s,
                     "wait: fe80::5054:ff:fe00:1/64 on bond0 is tentative (duplicate "
                     "address detection)");
        last_addr(s)->flags = 0;
        assert_state(t, s, "yes");
}

static void test_dad_failed(void)
{
        g_autoptr(TestBond) t = mk_bond();
        g_autoptr(Snapshot) s = snapshot_new();
        SnapLink *l = snapshot_add_bond(s, 7, "bond0", NULL);

        l->up = l->lower_up = true;
        add_address(t, "2001:db8::1", 64);
        snapshot_add_addr(s, 7, AF_INET6, "2001:db8::1", 64);
        last_addr(s)->flags = IFA_F_TENTATIVE | IFA_F_DADFAILED;
        assert_state(t, s,
                     "failed: 2001:db8::1/64 on bond0: duplicate address detection failed "
                     "(another host has it)");
}

/* ---- nl_wait_until ---- */

static int counts_to_three(void *userdata)
{
        int *n = userdata;

        return ++*n >= 3;
}

static int never(void *userdata)
{
        int *n = userdata;

        ++*n;
        return 0;
}

static int fails(void *userdata)
{
        return -EIO;
}

static void test_wait(void)
{
        gint64 t0 = g_get_monotonic_time();
        int n = 0;

        /* asked at once, then at least every poll_ms */
        g_assert_cmpint(
                nl_wait_until(RTMGRP_LINK, t0 + 5 * G_USEC_PER_SEC, 10, counts_to_three, &n), ==,
                1);
        g_assert_cmpint(n, ==, 3);
        /* the deadline: 0, after asking at least twice */
        n = 0;
        t0 = g_get_monotonic_time();
        g_assert_cmpint(nl_wait_until(RTMGRP_LINK, t0 + 100 * 1000, 30, never, &n), ==, 0);
        g_assert_cmpint(g_get_monotonic_time() - t0, >=, 100 * 1000);
        g_assert_cmpint(n, >=, 2);
        /* an error from done() ends the wait */
        g_assert_cmpint(nl_wait_until(RTMGRP_LINK, t0 + 5 * G_USEC_PER_SEC, 10, fails, NULL), ==,
                        -EIO);
}

int main(int argc, char **argv)
{
        g_test_init(&argc, &argv, NULL);
        g_test_add_func("/online/link", test_link);
        g_test_add_func("/online/addresses", test_addresses);
        g_test_add_func("/online/stack", test_stack);
        g_test_add_func("/online/dad-failed", test_dad_failed);
        g_test_add_func("/online/wait", test_wait);
        return g_test_run();
}
