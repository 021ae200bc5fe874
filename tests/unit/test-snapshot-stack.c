/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The snapshot parser on links stacked on a bond: what Linux 6.18 reported
 * for a bridge and its port (captured with `strace -e trace=recvmsg -e
 * read=3 ip -d link show dev X` in an unprivileged network namespace, see
 * test-netlink-stack.c), a VLAN as vlan_fill_info() writes it, messages
 * the builders made parsed back, and attributes too short for their width.
 */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <glib.h>
#include <linux/if_bridge.h>
#include <linux/if_ether.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include "nl-dl.h"

#include "bridge-options.h"
#include "netlink-bridge.h"
#include "netlink-vlan.h"
#include "netlink.h"
#include "nl-hex.h"
#include "snapshot.h"

/* ---- helpers ------------------------------------------------------------ */

static struct nlmsghdr *hdr_of(GByteArray *b)
{
        g_assert_cmpuint(b->len, >=, NLMSG_HDRLEN);
        g_assert_cmpuint(((struct nlmsghdr *)b->data)->nlmsg_len, ==, b->len);
        return (struct nlmsghdr *)b->data;
}

/* Parse one RTM_NEWLINK in hex into a fresh snapshot; its only link. */
static SnapLink *parse_one(Snapshot *s, const char *hex)
{
        g_autoptr(GByteArray) b = hex_bytes(hex);

        g_assert_cmpint(snapshot_parse_msg(s, hdr_of(b)), ==, 0);
        g_assert_cmpuint(s->links->len, ==, 1);
        return s->links->pdata[0];
}

static int width(BridgeNlaKind k)
{
        return k == BRIDGE_NLA_U8    ? 1
               : k == BRIDGE_NLA_U64 ? 8
               : k == BRIDGE_NLA_U32 ? 4
               : k == BRIDGE_NLA_MAC ? 6
                                     : 2;
}

/*
 * Every attribute of the nest `data` inside the dump that the table names
 * for this side has the width the table gives; returns how many there were.
 */
static unsigned check_widths(const struct nlattr *data, bool port)
{
        const struct nlattr *a;
        unsigned n = 0;
        int rem;

        nla_for_each_nested(a, data, rem)
        {
                for (int id = 0; id < _BRIDGE_OPT_MAX; id++) {
                        const BridgeOptDesc *d = bridge_opt_desc(id);

                        if (d->port != port || d->ifla != nla_type(a))
                                continue;
                        if (nla_len(a) != width(d->nla))
                                g_test_message("%s: %d bytes", d->name, nla_len(a));
                        g_assert_cmpint(nla_len(a), ==, width(d->nla));
                        n++;
                }
        }
        return n;
}

/* IFLA_INFO_DATA (or SLAVE_DATA) of a parsed link dump in hex. */
static unsigned dump_widths(const char *hex, bool port)
{
        g_autoptr(GByteArray) b = hex_bytes(hex);
        struct nlattr *tb[IFLA_MAX + 1], *li[IFLA_INFO_MAX + 1];
        struct nlmsghdr *h = hdr_of(b);

        g_assert_cmpint(nlmsg_parse(h, sizeof(struct ifinfomsg), tb, IFLA_MAX, NULL), ==, 0);
        g_assert_nonnull(tb[IFLA_LINKINFO]);
        g_assert_cmpint(nla_parse_nested(li, IFLA_INFO_MAX, tb[IFLA_LINKINFO], NULL), ==, 0);
        g_assert_nonnull(li[port ? IFLA_INFO_SLAVE_DATA : IFLA_INFO_DATA]);
        return check_widths(li[port ? IFLA_INFO_SLAVE_DATA : IFLA_INFO_DATA], port);
}

static void set(BridgeOptValues *o, BridgeOptId id, uint64_t v)
{
        g_assert_cmpint(bridge_opt_set(o, id, v), ==, 0);
}

/* ---- parsing: what the kernel answered ---------------------------------- */

/* `ip -d link show dev br0` after test-netlink-stack.c's bridge create
 * (forward_delay 400 hello_time 100 max_age 1200 ageing_time 600 stp_state 1
 * priority 4096 mcast_snooping 0 vlan_default_pvid 10) and change
 * (stp_state 0 mcast_query_interval 12000): Linux 6.18's RTM_NEWLINK for br0
 * (ifindex 4) with veth0 as its port. */
static const char dump_br0[] =
        "5807000010000000d42f0d6b794c000000000100040000000210000000000000080003006272300008000d00"
        "e803000005001000020000000500110000000000050043000100000008000400dc0500000800320044000000"
        "08003300ffff000008001b000000000008001e000000000008003d000000000008001f000100000008002800"
        "ffff0000080029000000010008003a000000010008003f0000000100080040000000010008003b00f8ff0700"
        "08003c00ffff0000080042000000000008002000010000000500210000000000080023000100000008002f00"
        "0000000008003000010000000600440000000000060045000000000005002700000000000a0001009620f6bf"
        "5fc300000a000200ffffffffffff0000cc001700000000000000000000000000000000000000000000000000"
        "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        "6400070000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        "0000000000000000000000000c002b0005000200000000009c0112000b00010062726964676500008c010200"
        "0c00100000000000000000000c00110000000000000000000c00120000000000000000000c00130048020000"
        "000000000800010090010000080002006400000008000300b004000008000400580200000800050000000000"
        "0600060000100000050007000000000006000900000000000c000b0010009620f6bf5fc30c000a0010009620"
        "f6bf5fc306000c000000000008000d000000000005000e000000000005000f00000000000a0014000180c200"
        "000000000c002e00000000001f00000008003000000000000800310000000000050016000100000005001700"
        "000000000500180000000000050019000000000005002a000000000008001a001000000008001b0000100000"
        "08001c000200000008001d000200000005002b000200000005002c00010000000c001e006400000000000000"
        "0c001f0090650000000000000c0020009c630000000000000c002100e02e0000000000000c002200e8030000"
        "000000000c002300340c00000000000005002400000000000500250000000000050026000000000009000600"
        "6e6f6f700000000030031a008c00020088000100000000000000000000000000010000000100000001000000"
        "0100000000000000010000000000000000000000000000000000000000000000000000000000000000000000"
        "00000000000000000000000000000000000000000000000000000000000000000000000010270000e8030000"
        "0000000000000000000000000000000001000000a0020a00080001000000000014000500ffff0000e6ea1400"
        "f88f0000e8030000f40002000000000040000000dc05000001000000010000000100000001000000ffffffff"
        "a00f0000e803000000000000803a090080510100030000005802000010000000000000000100000001000000"
        "0100000060ea0000000000000000000000000000000000000000000000000000010000000000000000000000"
        "10270000e8030000010000000000000000000000010000000000000000000000010000000000000000000000"
        "000000000000000080ee36000000000000000000010000000000000000000000000000000000000000000000"
        "0004000000000000ffff0000ffffffff01000000000000000000000000000000340103002600000000000000"
        "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        "00000000000000000000000000000000000000000000000000000000000000003c0006000700000000000000"
        "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        "000000001400070000000000000000000000000000000000050008000000000024000e000000000000000000"
        "00000000000000000000000000000000000000000000000004003e8004004180";

/* ... and for veth0 (ifindex 3, peer veth1 2), br0's port after `ip link
 * set dev veth0 type bridge_slave priority 10 cost 5 hairpin on learning
 * off`. */
static const char dump_veth0[] =
        "3c07000010000000d42f0d6b7d4c0000000001000300000002100000000000000a0003007665746830000000"
        "08000d00e803000005001000020000000500110000000000050043000000000008000400dc05000008003200"
        "4400000008003300ffff000008001b000000000008001e000100000008003d000100000008001f0002000000"
        "08002800ffff0000080029000000010008003a000000010008003f0000000100080040000000010008003b00"
        "f8ff070008003c00ffff00000800420000000000080020000200000008000a00040000000500210000000000"
        "080023000100000008002f000000000008003000010000000600440000000000060045000000000005002700"
        "000000000a0001009620f6bf5fc300000a000200ffffffffffff0000cc001700000000000000000000000000"
        "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        "0000000000000000000000006400070000000000000000000000000000000000000000000000000000000000"
        "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        "0000000000000000000000000000000000000000000000000c002b0005000200000000006c01120009000100"
        "76657468000000000b0004006272696467650000500105000500010000000000060002000a00000008000300"
        "05000000050004000100000005000500000000000500060000000000050007000000000005001c0000000000"
        "0500080000000000050009000100000005001b000100000005001e000100000005000a000000000005000c00"
        "000000000c000d0010009620f6bf5fc30c000e0010009620f6bf5fc306000f00012800000600100000000000"
        "060011000128000006001200010000000500130000000000050014000000000005001d000000000006001f00"
        "0000000005002000000000000500230000000000050024000000000005002100000000000500270000000000"
        "050028000000000005002b00000000000c00150000000000000000000c00160000000000000000000c001700"
        "0000000000000000050019000100000008002500000200000800260000000000080029000000000008002a00"
        "000000000800050002000000090006006e6f6f700000000030031a008c000200880001000000000000000000"
        "0000000001000000010000000100000001000000000000000100000000000000000000000000000000000000"
        "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        "000000000000000010270000e80300000000000000000000000000000000000001000000a0020a0008000100"
        "0000000014000500ffff0000daea1400e4a00000e8030000f40002000000000040000000dc05000001000000"
        "010000000100000001000000ffffffffa00f0000e803000000000000803a0900805101000300000058020000"
        "100000000000000001000000010000000100000060ea00000000000000000000000000000000000000000000"
        "0000000001000000000000000000000010270000e80300000100000000000000000000000100000000000000"
        "00000000010000000000000000000000000000000000000080ee360000000000000000000100000000000000"
        "000000000000000000000000000000000004000000000000ffff0000ffffffff010000000000000000000000"
        "0000000034010300260000000000000000000000000000000000000000000000000000000000000000000000"
        "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        "000000003c000600070000000000000000000000000000000000000000000000000000000000000000000000"
        "0000000000000000000000000000000000000000140007000000000000000000000000000000000005000800"
        "0000000024000e00000000000000000000000000000000000000000000000000000000000000000004003e80"
        "04004180";

static void test_parse_bridge(void)
{
        g_autoptr(Snapshot) s = snapshot_new();
        SnapLink *l = parse_one(s, dump_br0);
        const BridgeOptValues *o;

        g_assert_cmpint(l->ifindex, ==, 4);
        g_assert_cmpstr(l->name, ==, "br0");
        g_assert_cmpstr(l->kind, ==, "bridge");
        g_assert_nonnull(l->bridge);
        g_assert_null(l->vlan);
        g_assert_null(l->brport);
        g_assert_null(l->bond);
        g_assert_false(l->port.present);
        g_assert_cmpint(l->link, ==, 0);
        o = &l->bridge->opts;
        /* what was set, in centiseconds */
        g_assert_cmpuint(o->v[BRIDGE_OPT_FORWARD_DELAY], ==, 400);
        g_assert_cmpuint(o->v[BRIDGE_OPT_HELLO_TIME], ==, 100);
        g_assert_cmpuint(o->v[BRIDGE_OPT_MAX_AGE], ==, 1200);
        g_assert_cmpuint(o->v[BRIDGE_OPT_AGEING_TIME], ==, 600);
        g_assert_cmpuint(o->v[BRIDGE_OPT_STP_STATE], ==, 0);
        g_assert_cmpuint(o->v[BRIDGE_OPT_PRIORITY], ==, 4096);
        g_assert_cmpuint(o->v[BRIDGE_OPT_MCAST_SNOOPING], ==, 0);
        g_assert_cmpuint(o->v[BRIDGE_OPT_MCAST_QUERY_INTVL], ==, 12000);
        /* kernel defaults */
        g_assert_cmpuint(o->v[BRIDGE_OPT_VLAN_FILTERING], ==, 0);
        g_assert_cmpuint(o->v[BRIDGE_OPT_MCAST_ROUTER], ==, 1);
        g_assert_cmpuint(o->v[BRIDGE_OPT_MCAST_HASH_MAX], ==, 4096);
        g_assert_cmpuint(o->v[BRIDGE_OPT_MCAST_MEMBERSHIP_INTVL], ==, 26000);
        g_assert_cmpuint(o->v[BRIDGE_OPT_MCAST_IGMP_VERSION], ==, 2);
        g_assert_cmpuint(o->v[BRIDGE_OPT_MCAST_MLD_VERSION], ==, 1);
        for (int id = 0; id < _BRIDGE_PORT_OPT_FIRST; id++) {
                const BridgeOptDesc *d = bridge_opt_desc(id);

                /* every default in the table is what this kernel reports
                 * (HZ=250 here: 3124 for the startup query interval) */
                if (!bridge_opt_has(o, id) || id == BRIDGE_OPT_MCAST_STARTUP_QUERY_INTVL ||
                    id <= BRIDGE_OPT_PRIORITY || id == BRIDGE_OPT_MCAST_SNOOPING ||
                    id == BRIDGE_OPT_MCAST_QUERY_INTVL)
                        continue;
                g_assert_cmpuint(o->v[id], ==, d->def);
        }
        g_assert_cmpuint(o->v[BRIDGE_OPT_MCAST_STARTUP_QUERY_INTVL], ==, 3124);
        /* without CONFIG_BRIDGE_VLAN_FILTERING there is no vlan_protocol,
         * default_pvid, vlan_stats_*; the rest is all there */
        g_assert_false(bridge_opt_has(o, BRIDGE_OPT_VLAN_PROTOCOL));
        g_assert_false(bridge_opt_has(o, BRIDGE_OPT_VLAN_DEFAULT_PVID));
        g_assert_cmpuint(o->mask & BRIDGE_OPT_MASK_PORT, ==, 0);
        g_assert_cmpint(g_bit_storage(o->mask), ==, BRIDGE_OPT_MCAST_MLD_VERSION + 1);
        /* 28 options of the kernel layer's table, and group_address (six
         * bytes), which the config layer's table brought */
        g_assert_true(bridge_opt_has(o, BRIDGE_OPT_GROUP_ADDR));
        g_assert_cmpuint(o->v[BRIDGE_OPT_GROUP_ADDR], ==, 0x0180c2000000ull);
        g_assert_cmpuint(__builtin_popcountll(o->mask), ==, 29);
        g_assert_cmpuint(dump_widths(dump_br0, false), ==, 29);
        g_assert_cmpstr(l->bridge->bridge_id, ==, "1000.96:20:f6:bf:5f:c3");
        g_assert_cmpstr(l->bridge->root_id, ==, "1000.96:20:f6:bf:5f:c3");
}

static void test_parse_bridge_port(void)
{
        g_autoptr(Snapshot) s = snapshot_new();
        SnapLink *l = parse_one(s, dump_veth0);
        const BridgeOptValues *o;

        g_assert_cmpint(l->ifindex, ==, 3);
        g_assert_cmpstr(l->name, ==, "veth0");
        g_assert_cmpstr(l->kind, ==, "veth");
        g_assert_cmpint(l->master, ==, 4);
        g_assert_cmpint(l->link, ==, 2); /* the veth peer */
        g_assert_null(l->bridge);
        g_assert_null(l->vlan);
        g_assert_false(l->port.present); /* no bond port */
        g_assert_nonnull(l->brport);
        o = &l->brport->opts;
        g_assert_cmpuint(o->v[BRIDGE_PORT_OPT_PRIORITY], ==, 10);
        g_assert_cmpuint(o->v[BRIDGE_PORT_OPT_COST], ==, 5);
        g_assert_cmpuint(o->v[BRIDGE_PORT_OPT_HAIRPIN], ==, 1);
        g_assert_cmpuint(o->v[BRIDGE_PORT_OPT_LEARNING], ==, 0);
        /* the rest is the kernel's defaults, as the table has them */
        for (int id = _BRIDGE_PORT_OPT_FIRST; id < _BRIDGE_OPT_MAX; id++) {
                if (id == BRIDGE_PORT_OPT_PRIORITY || id == BRIDGE_PORT_OPT_COST ||
                    id == BRIDGE_PORT_OPT_HAIRPIN || id == BRIDGE_PORT_OPT_LEARNING)
                        continue;
                g_assert_true(bridge_opt_has(o, id));
                g_assert_cmpuint(o->v[id], ==, bridge_opt_desc(id)->def);
        }
        g_assert_cmpuint(o->mask, ==, BRIDGE_OPT_MASK_PORT);
        g_assert_cmpuint(dump_widths(dump_veth0, true), ==,
                         _BRIDGE_OPT_MAX - _BRIDGE_PORT_OPT_FIRST);
        g_assert_true(l->brport->has_state);
        g_assert_cmpuint(l->brport->state, ==, BR_STATE_DISABLED);
        g_assert_cmpuint(l->brport->port_no, ==, 1);
        g_assert_cmpuint(l->brport->port_id, ==, 0x2801);
}

/*
 * A VLAN as vlan_fill_info() reports it (built by hand: no 8021q here):
 * bond0.100 (ifindex 7) on bond0 (5), reorder_hdr and gvrp, ingress 1:5,
 * egress 0:1 3:4.  The kernel's QoS nests carry NLA_F_NESTED
 * (nla_nest_start()), LINKINFO and INFO_DATA do not.
 */
static const char dump_vlan[] = "9c000000100002000000000000000000" /* nlmsghdr */
                                "00000100070000000310010000000000" /* ifinfomsg */
                                "0e000300626f6e64302e313030000000" /* IFNAME */
                                "08000400dc050000"                 /* MTU 1500 */
                                "0800050005000000"                 /* LINK 5 */
                                "5c001200"                         /* LINKINFO */
                                "09000100766c616e00000000"         /* KIND "vlan" */
                                "4c000200"                         /* DATA */
                                "0600050081000000"                 /* PROTOCOL 802.1Q */
                                "0600010064000000"                 /* ID 100 */
                                "0c00020003000000ffffffff"         /* FLAGS 3, ~0 */
                                "10000480"                         /* INGRESS_QOS */
                                "0c0001000100000005000000"         /* 1:5 */
                                "1c000380"                         /* EGRESS_QOS */
                                "0c0001000000000001000000"         /* 0:1 */
                                "0c0001000300000004000000";        /* 3:4 */

static void test_parse_vlan(void)
{
        g_autoptr(Snapshot) s = snapshot_new();
        SnapLink *l = parse_one(s, dump_vlan);
        const VlanQosMap *q;

        g_assert_cmpstr(l->name, ==, "bond0.100");
        g_assert_cmpstr(l->kind, ==, "vlan");
        g_assert_cmpint(l->ifindex, ==, 7);
        g_assert_cmpint(l->link, ==, 5);
        g_assert_cmpuint(l->mtu, ==, 1500);
        g_assert_true(l->up);
        g_assert_true(l->lower_up);
        g_assert_nonnull(l->vlan);
        g_assert_null(l->bridge);
        g_assert_null(l->brport);
        g_assert_cmpuint(l->vlan->id, ==, 100);
        g_assert_cmpuint(l->vlan->protocol, ==, ETH_P_8021Q);
        g_assert_cmpuint(l->vlan->flags, ==, VLAN_FLAG_REORDER_HDR | VLAN_FLAG_GVRP);
        g_assert_cmpuint(l->vlan->ingress->len, ==, 1);
        q = &g_array_index(l->vlan->ingress, VlanQosMap, 0);
        g_assert_cmpuint(q->from, ==, 1);
        g_assert_cmpuint(q->to, ==, 5);
        g_assert_cmpuint(l->vlan->egress->len, ==, 2);
        q = &g_array_index(l->vlan->egress, VlanQosMap, 1);
        g_assert_cmpuint(q->from, ==, 3);
        g_assert_cmpuint(q->to, ==, 4);
}

/* The stack this is for: bond0 (ifindex 5) is a port of br0 (8), so its
 * dump has a bond's IFLA_INFO_DATA and a bridge port's SLAVE_DATA. */
static void test_parse_bond_in_bridge(void)
{
        g_autoptr(Snapshot) s = snapshot_new();
        SnapLink *l = parse_one(s, "78000000100002000000000000000000"
                                   "00000100050000000310000000000000"
                                   "0a000300626f6e6430000000" /* IFNAME bond0 */
                                   "08000a0008000000"         /* MASTER 8 */
                                   "44001200"                 /* LINKINFO */
                                   "09000100626f6e6400000000" /* KIND "bond" */
                                   "0c0002000500010001000000" /* DATA{MODE 1} */
                                   "0b000400"                 /* SLAVE_KIND "bridge" */
                                   "6272696467650000"
                                   "1c000500"           /* SLAVE_DATA */
                                   "060002000a000000"   /* PRIORITY 10 */
                                   "0800030005000000"   /* COST 5 */
                                   "0500010003000000"); /* STATE forwarding */

        g_assert_cmpstr(l->kind, ==, "bond");
        g_assert_nonnull(l->bond);
        g_assert_true(bond_options_mode(l->bond) == BOND_MODE_ACTIVE_BACKUP);
        g_assert_false(l->port.present); /* a port of a bridge, not of a bond */
        g_assert_null(l->bridge);
        g_assert_nonnull(l->brport);
        g_assert_cmpint(l->master, ==, 8);
        g_assert_cmpuint(l->brport->opts.mask, ==,
                         BRIDGE_OPT_MASK(BRIDGE_PORT_OPT_PRIORITY) |
                                 BRIDGE_OPT_MASK(BRIDGE_PORT_OPT_COST));
        g_assert_cmpuint(l->brport->opts.v[BRIDGE_PORT_OPT_PRIORITY], ==, 10);
        g_assert_cmpuint(l->brport->opts.v[BRIDGE_PORT_OPT_COST], ==, 5);
        g_assert_true(l->brport->has_state);
        g_assert_cmpuint(l->brport->state, ==, BR_STATE_FORWARDING);
}

/* A create message has the layout of a dump: what is built parses back. */
static void test_vlan_roundtrip(void)
{
        static const VlanQosMap egress[] = { { 4, 6 }, { 5, 7 } };
        VlanSpec spec = {
                .id = 42,
                .protocol = ETH_P_8021AD,
                .flags = VLAN_FLAG_MVRP,
                .flags_mask = VLAN_FLAG_MVRP,
                .egress = egress,
                .n_egress = 2,
        };
        g_autoptr(Snapshot) s = snapshot_new();
        g_autoptr(NlMsg) m = NULL;
        SnapLink *l;

        g_assert_cmpint(vlannl_msg_create("bond0.42", 5, &spec, 9000, &m), ==, 0);
        g_assert_cmpint(snapshot_parse_msg(s, nlmsg_hdr(m)), ==, 0);
        l = s->links->pdata[0];
        /* the kind went out without its NUL, as iproute2 sends it */
        g_assert_cmpstr(l->kind, ==, "vlan");
        g_assert_nonnull(l->vlan);
        g_assert_cmpint(l->link, ==, 5);
        g_assert_cmpuint(l->mtu, ==, 9000);
        g_assert_cmpuint(l->vlan->id, ==, 42);
        g_assert_cmpuint(l->vlan->protocol, ==, ETH_P_8021AD);
        g_assert_cmpuint(l->vlan->flags, ==, VLAN_FLAG_MVRP);
        g_assert_cmpuint(l->vlan->ingress->len, ==, 0);
        g_assert_cmpuint(l->vlan->egress->len, ==, 2);
        g_assert_cmpuint(g_array_index(l->vlan->egress, VlanQosMap, 0).to, ==, 6);
}

static void test_bridge_roundtrip(void)
{
        BridgeOptValues o = { 0 };
        g_autoptr(Snapshot) s = snapshot_new();
        g_autoptr(NlMsg) m = NULL;
        g_autoptr(NlMsg) p = NULL;
        SnapLink *l;

        set(&o, BRIDGE_OPT_VLAN_PROTOCOL, ETH_P_8021AD);
        set(&o, BRIDGE_OPT_MCAST_LAST_MEMBER_INTVL, 1ull << 33);
        set(&o, BRIDGE_OPT_GROUP_FWD_MASK, 0x4000);
        set(&o, BRIDGE_OPT_GROUP_ADDR, 0x0180c200000eull); /* six bytes each way */
        g_assert_cmpint(bridgenl_msg_create("br1", &o, 0, &m), ==, 0);
        g_assert_cmpint(snapshot_parse_msg(s, nlmsg_hdr(m)), ==, 0);
        l = s->links->pdata[0];
        g_assert_cmpstr(l->kind, ==, "bridge");
        g_assert_nonnull(l->bridge);
        g_assert_cmpuint(l->bridge->opts.mask, ==, o.mask);
        g_assert_cmpmem(l->bridge->opts.v, sizeof(o.v), o.v, sizeof(o.v));
        g_assert_null(l->bridge->bridge_id);

        o.mask = 0;
        memset(o.v, 0, sizeof(o.v));
        set(&o, BRIDGE_PORT_OPT_GROUP_FWD_MASK, 0x8);
        set(&o, BRIDGE_PORT_OPT_ISOLATED, 1);
        g_assert_cmpint(bridgenl_msg_set_port_options(9, &o, &p), ==, 0);
        g_assert_cmpint(snapshot_parse_msg(s, nlmsg_hdr(p)), ==, 0);
        /* no IFLA_IFNAME: the parser skips it */
        g_assert_cmpuint(s->links->len, ==, 1);
}

/* An attribute shorter than its width is left out, never read past. */
static void test_parse_short(void)
{
        g_autoptr(Snapshot) s = snapshot_new();
        SnapLink *l = parse_one(s, "4c000000100002000000000000000000"
                                   "00000100090000000000000000000000"
                                   "0800030062723100" /* IFNAME br1 */
                                   "24001200"         /* LINKINFO */
                                   "0b000100"         /* KIND "bridge", as the kernel: NUL */
                                   "6272696467650000"
                                   "14000200"           /* DATA */
                                   "08000100dc050000"   /* FORWARD_DELAY 1500 */
                                   "0500060080000000"); /* PRIORITY, 1 byte */

        g_assert_nonnull(l->bridge);
        g_assert_true(bridge_opt_has(&l->bridge->opts, BRIDGE_OPT_FORWARD_DELAY));
        g_assert_cmpuint(l->bridge->opts.v[BRIDGE_OPT_FORWARD_DELAY], ==, 1500);
        g_assert_false(bridge_opt_has(&l->bridge->opts, BRIDGE_OPT_PRIORITY));
        g_assert_cmpuint(bridge_opt_get(&l->bridge->opts, BRIDGE_OPT_PRIORITY), ==, 32768);
}

/* A vlan or bridge with no IFLA_INFO_DATA is still one, with nothing known. */
static void test_parse_no_data(void)
{
        g_autoptr(Snapshot) s = snapshot_new();
        SnapLink *l = parse_one(s, "38000000100002000000000000000000"
                                   "000001000a0000000000000000000000"
                                   "0800030076313000"           /* IFNAME v10 */
                                   "10001200"                   /* LINKINFO */
                                   "09000100766c616e00000000"); /* KIND vlan */

        g_assert_nonnull(l->vlan);
        g_assert_cmpuint(l->vlan->id, ==, 0);
        g_assert_cmpuint(l->vlan->ingress->len, ==, 0);
        g_assert_cmpuint(l->vlan->egress->len, ==, 0);
}

int main(int argc, char **argv)
{
        g_test_init(&argc, &argv, NULL);
        g_test_add_func("/snapshot-stack/parse/bridge", test_parse_bridge);
        g_test_add_func("/snapshot-stack/parse/bridge-port", test_parse_bridge_port);
        g_test_add_func("/snapshot-stack/parse/vlan", test_parse_vlan);
        g_test_add_func("/snapshot-stack/parse/bond-in-bridge", test_parse_bond_in_bridge);
        g_test_add_func("/snapshot-stack/parse/short", test_parse_short);
        g_test_add_func("/snapshot-stack/parse/no-data", test_parse_no_data);
        g_test_add_func("/snapshot-stack/roundtrip/vlan", test_vlan_roundtrip);
        g_test_add_func("/snapshot-stack/roundtrip/bridge", test_bridge_roundtrip);
        return g_test_run();
}
