/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The VLAN and bridge builders against a real kernel: in a new user and
 * network namespace (as root, a network namespace alone; else a user one
 * too, where the kernel allows unprivileged user namespaces; skipped
 * otherwise), over a veth pair made with ip(8).
 * A bridge is made with options, a veth enslaved and given port options,
 * the bridge changed, the port released and the bridge deleted, each
 * request sent with nl_conn_request() and read back with snapshot_take().
 * A VLAN is made too where the kernel has 8021q; without it, the request
 * must fail with EOPNOTSUPP ("Unknown device type").
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <net/if.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib.h>
#include <linux/if_bridge.h>

#include "netlink-bridge.h"
#include "netlink-stack.h"
#include "netlink-vlan.h"
#include "netlink.h"
#include "snapshot.h"

static bool write_file(const char *path, const char *text)
{
        int fd = open(path, O_WRONLY | O_CLOEXEC);
        ssize_t n;

        if (fd < 0)
                return false;
        n = write(fd, text, strlen(text));
        close(fd);
        return n == (ssize_t)strlen(text);
}

/* A user namespace where we are root (for CAP_NET_ADMIN over the new
 * network namespace, kept across exec of ip(8)), and the network one. */
static bool enter_namespaces(void)
{
        g_autofree char *uid_map = g_strdup_printf("0 %u 1", (unsigned)geteuid());
        g_autofree char *gid_map = g_strdup_printf("0 %u 1", (unsigned)getegid());

        /* root needs no user namespace (and gets none in a chroot, where
         * the kernel refuses CLONE_NEWUSER): a network namespace is enough */
        if (geteuid() == 0)
                return unshare(CLONE_NEWNET) == 0;
        if (unshare(CLONE_NEWUSER | CLONE_NEWNET) < 0)
                return false;
        (void)write_file("/proc/self/setgroups", "deny");
        return write_file("/proc/self/uid_map", uid_map) &&
               write_file("/proc/self/gid_map", gid_map);
}

static void run(const char *cmd)
{
        g_autoptr(GError) err = NULL;
        int st;

        g_assert_true(g_spawn_command_line_sync(cmd, NULL, NULL, &st, &err));
        g_assert_no_error(err);
        g_assert_true(g_spawn_check_wait_status(st, NULL));
}

/* Send m (owned) and expect want. */
static void send_expect(NlConn *c, struct nl_msg *m, int want)
{
        g_autoptr(NlMsg) owned = m;
        int r = nl_conn_request(c, owned);

        if (r != want)
                g_test_message("got %d (%s)", r, nl_conn_error(c) ? nl_conn_error(c) : "");
        g_assert_cmpint(r, ==, want);
}

static Snapshot *take(NlConn *c)
{
        Snapshot *s = NULL;

        g_assert_cmpint(snapshot_take(c, &s), ==, 0);
        return s;
}

static void bridge_body(void)
{
        g_autoptr(NlConn) c = NULL;
        g_autoptr(Snapshot) s = NULL;
        BridgeOptValues o = { 0 }, p = { 0 };
        struct nl_msg *m = NULL;
        SnapLink *br, *v0;
        int bri, v0i;

        g_assert_true(enter_namespaces());
        run("ip link add veth0 type veth peer name veth1");
        g_assert_cmpint(nl_conn_open(&c), ==, 0);

        g_assert_cmpint(bridge_opt_set(&o, BRIDGE_OPT_FORWARD_DELAY, 400), ==, 0);
        g_assert_cmpint(bridge_opt_set(&o, BRIDGE_OPT_STP_STATE, 1), ==, 0);
        g_assert_cmpint(bridge_opt_set(&o, BRIDGE_OPT_PRIORITY, 4096), ==, 0);
        g_assert_cmpint(bridge_opt_set(&o, BRIDGE_OPT_MCAST_QUERY_INTVL, 12000), ==, 0);
        g_assert_cmpint(bridgenl_msg_create("br0", &o, 0, &m), ==, 0);
        send_expect(c, m, 0);
        g_assert_cmpint(bridgenl_msg_create("br0", &o, 0, &m), ==, 0);
        send_expect(c, m, -EEXIST);
        bri = (int)if_nametoindex("br0");
        v0i = (int)if_nametoindex("veth0");
        g_assert_cmpint(stacknl_msg_set_master(v0i, bri, &m), ==, 0);
        send_expect(c, m, 0);
        g_assert_cmpint(bridge_opt_set(&p, BRIDGE_PORT_OPT_PRIORITY, 10), ==, 0);
        g_assert_cmpint(bridge_opt_set(&p, BRIDGE_PORT_OPT_COST, 7), ==, 0);
        g_assert_cmpint(bridge_opt_set(&p, BRIDGE_PORT_OPT_HAIRPIN, 1), ==, 0);
        g_assert_cmpint(bridgenl_msg_set_port_options(v0i, &p, &m), ==, 0);
        send_expect(c, m, 0);
        o.mask = 0;
        g_assert_cmpint(bridge_opt_set(&o, BRIDGE_OPT_HELLO_TIME, 300), ==, 0);
        g_assert_cmpint(bridgenl_msg_change(bri, &o, &m), ==, 0);
        send_expect(c, m, 0);

        s = take(c);
        br = snapshot_link_by_name(s, "br0");
        v0 = snapshot_link_by_name(s, "veth0");
        g_assert_nonnull(br);
        g_assert_nonnull(br->bridge);
        g_assert_cmpuint(br->bridge->opts.v[BRIDGE_OPT_FORWARD_DELAY], ==, 400);
        g_assert_cmpuint(br->bridge->opts.v[BRIDGE_OPT_HELLO_TIME], ==, 300);
        g_assert_cmpuint(br->bridge->opts.v[BRIDGE_OPT_STP_STATE], ==, 1);
        g_assert_cmpuint(br->bridge->opts.v[BRIDGE_OPT_PRIORITY], ==, 4096);
        g_assert_cmpuint(br->bridge->opts.v[BRIDGE_OPT_MCAST_QUERY_INTVL], ==, 12000);
        g_assert_nonnull(v0);
        g_assert_cmpint(v0->master, ==, bri);
        g_assert_nonnull(v0->brport);
        g_assert_cmpuint(v0->brport->opts.v[BRIDGE_PORT_OPT_PRIORITY], ==, 10);
        g_assert_cmpuint(v0->brport->opts.v[BRIDGE_PORT_OPT_COST], ==, 7);
        g_assert_cmpuint(v0->brport->opts.v[BRIDGE_PORT_OPT_HAIRPIN], ==, 1);
        g_clear_pointer(&s, snapshot_free);

        g_assert_cmpint(stacknl_msg_set_master(v0i, 0, &m), ==, 0);
        send_expect(c, m, 0);
        s = take(c);
        v0 = snapshot_link_by_name(s, "veth0");
        g_assert_cmpint(v0->master, ==, 0);
        g_assert_null(v0->brport);
        g_clear_pointer(&s, snapshot_free);
        g_assert_cmpint(stacknl_msg_del_link(bri, &m), ==, 0);
        send_expect(c, m, 0);
        s = take(c);
        g_assert_null(snapshot_link_by_name(s, "br0"));
}

static void vlan_body(void)
{
        static const VlanQosMap egress[] = { { 1, 2 } };
        VlanSpec spec = {
                .id = 100,
                .flags = VLAN_FLAG_GVRP,
                .flags_mask = VLAN_FLAG_REORDER_HDR | VLAN_FLAG_GVRP,
                .egress = egress,
                .n_egress = 1,
        };
        g_autoptr(NlConn) c = NULL;
        g_autoptr(Snapshot) s = NULL;
        struct nl_msg *m = NULL;
        SnapLink *v;
        int r;

        g_assert_true(enter_namespaces());
        run("ip link add veth0 type veth peer name veth1");
        g_assert_cmpint(nl_conn_open(&c), ==, 0);
        g_assert_cmpint(
                vlannl_msg_create("veth0.100", (int)if_nametoindex("veth0"), &spec, 1400, &m), ==,
                0);
        r = nl_conn_request(c, m);
        nlmsg_free(m);
        if (r == -EOPNOTSUPP) {
                /* no 8021q: the kernel does not know the kind */
                g_print("# no 8021q here: %s\n", nl_conn_error(c) ? nl_conn_error(c) : "");
                return;
        }
        g_assert_cmpint(r, ==, 0);
        s = take(c);
        v = snapshot_link_by_name(s, "veth0.100");
        g_assert_nonnull(v);
        g_assert_nonnull(v->vlan);
        g_assert_cmpint(v->link, ==, (int)if_nametoindex("veth0"));
        g_assert_cmpuint(v->mtu, ==, 1400);
        g_assert_cmpuint(v->vlan->id, ==, 100);
        g_assert_cmpuint(v->vlan->flags, ==, VLAN_FLAG_GVRP);
        g_assert_cmpuint(v->vlan->egress->len, ==, 1);
}

/* Can this process make a user and a network namespace, and run ip(8)? */
static bool can_unshare(void)
{
        g_autofree char *ip = g_find_program_in_path("ip");
        pid_t pid;
        int st;

        if (!ip)
                return false;
        pid = fork();
        if (pid == 0)
                _exit(enter_namespaces() ? 0 : 1);
        if (pid < 0 || waitpid(pid, &st, 0) != pid)
                return false;
        return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

static void in_subprocess(void (*body)(void))
{
        if (g_test_subprocess()) {
                body();
                return;
        }
        if (!can_unshare()) {
                g_test_skip("needs ip(8) and a new user and network namespace");
                return;
        }
        g_test_trap_subprocess(NULL, 20 * G_USEC_PER_SEC,
                               G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
        g_test_trap_assert_passed();
}

static void test_bridge(void)
{
        in_subprocess(bridge_body);
}

static void test_vlan(void)
{
        in_subprocess(vlan_body);
}

int main(int argc, char **argv)
{
        g_test_init(&argc, &argv, NULL);
        g_test_add_func("/netlink-stack-netns/bridge", test_bridge);
        g_test_add_func("/netlink-stack-netns/vlan", test_vlan);
        return g_test_run();
}
