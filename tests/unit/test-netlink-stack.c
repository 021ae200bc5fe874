/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The kernel layer of links stacked on a bond: the VLAN and bridge message
 * builders against the bytes iproute2 6.1 sends for the same command, and
 * the bridge option table (test-snapshot-stack.c parses what Linux 6.18
 * answers).
 *
 * The reference messages were captured with `strace -e trace=sendmsg -e
 * write=3 ip ...` and `strace -e trace=recvmsg -e read=3 ip -d link show dev
 * X` inside `unshare -rn` (an unprivileged network namespace: bridges and
 * veths can be made there, VLANs cannot, as 8021q is not loaded, but
 * iproute2 sends its VLAN requests all the same).  In that namespace lo was
 * ifindex 1, veth1 2, veth0 3 and br0 4.
 *
 * Two differences from iproute2 are bondcfg's on purpose, and undone before
 * a comparison: libnl's nla_nest_start() sets NLA_F_NESTED on every nest,
 * where iproute2 6.1 sets none (assert_iproute2() clears the flag and counts
 * the nests); and a bridge port's options name the kind with
 * IFLA_INFO_SLAVE_KIND "bridge", where iproute2 sends IFLA_INFO_KIND
 * "bridge_slave" (the option bytes are compared apart).
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
#include "netlink-stack.h"
#include "netlink-vlan.h"
#include "netlink.h"
#include "nl-hex.h"

/* ---- helpers ------------------------------------------------------------ */

/* Clear NLA_F_NESTED in buf[off, end), recursing into what it flags. */
static unsigned clear_nested(guint8 *buf, size_t off, size_t end)
{
        unsigned n = 0;

        while (off + NLA_HDRLEN <= end) {
                struct nlattr a;

                memcpy(&a, buf + off, sizeof(a));
                if (a.nla_len < NLA_HDRLEN || off + a.nla_len > end)
                        break;
                if (a.nla_type & NLA_F_NESTED) {
                        a.nla_type &= ~NLA_F_NESTED;
                        memcpy(buf + off, &a, sizeof(a));
                        n += 1 + clear_nested(buf, off + NLA_HDRLEN, off + a.nla_len);
                }
                off += NLA_ALIGN(a.nla_len);
        }
        return n;
}

/* m is the iproute2 message in hex but for NLA_F_NESTED on its `nests`
 * nests (and seq and pid). */
static void assert_iproute2(struct nl_msg *m, unsigned nests, const char *hex)
{
        struct nlmsghdr *h;
        g_autoptr(NlMsg) copy = NULL;
        guint8 *buf;

        g_assert_nonnull(m);
        h = nlmsg_hdr(m);
        copy = nlmsg_alloc_size(NLMSG_ALIGN(h->nlmsg_len) + 64);
        g_assert_nonnull(copy);
        buf = (guint8 *)nlmsg_hdr(copy);
        memcpy(buf, h, h->nlmsg_len);
        g_assert_cmpuint(clear_nested(buf, NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(struct ifinfomsg)),
                                      h->nlmsg_len),
                         ==, nests);
        assert_msg_hex(copy, hex);
}

static struct nlmsghdr *hdr_of(GByteArray *b)
{
        g_assert_cmpuint(b->len, >=, NLMSG_HDRLEN);
        g_assert_cmpuint(((struct nlmsghdr *)b->data)->nlmsg_len, ==, b->len);
        return (struct nlmsghdr *)b->data;
}

/* Parse one RTM_NEWLINK in hex into a fresh snapshot; its only link. */
/* ---- VLAN builders ------------------------------------------------------ */

/* ip link add link lo name lo.100 type vlan id 100 reorder_hdr off gvrp on
 * egress-qos-map 1:2 */
static void test_vlan_create(void)
{
        static const VlanQosMap egress[] = { { 1, 2 } };
        VlanSpec s = {
                .id = 100,
                .flags = VLAN_FLAG_GVRP,
                .flags_mask = VLAN_FLAG_REORDER_HDR | VLAN_FLAG_GVRP,
                .egress = egress,
                .n_egress = G_N_ELEMENTS(egress),
        };
        g_autoptr(NlMsg) m = NULL;

        g_assert_cmpint(vlannl_msg_create("lo.100", 1, &s, 0, &m), ==, 0);
        assert_iproute2(m, 3,
                        "6800000010000506d42f0d6b00000000000000000000000000000000000000000800050001"
                        "0000000b000300"
                        "6c6f2e31303000003400120008000100766c616e280002000600010064000000100003000c"
                        "00010001000000"
                        "020000000c0002000200000003000000");
}

/* ip link add link lo name lo.200 mtu 1400 type vlan protocol 802.1ad id 200
 * ingress-qos-map 1:5 egress-qos-map 0:1 3:4 loose_binding on mvrp off */
static void test_vlan_create_full(void)
{
        static const VlanQosMap ingress[] = { { 1, 5 } };
        static const VlanQosMap egress[] = { { 0, 1 }, { 3, 4 } };
        VlanSpec s = {
                .id = 200,
                .protocol = ETH_P_8021AD,
                .flags = VLAN_FLAG_LOOSE_BINDING,
                .flags_mask = VLAN_FLAG_LOOSE_BINDING | VLAN_FLAG_MVRP,
                .ingress = ingress,
                .n_ingress = G_N_ELEMENTS(ingress),
                .egress = egress,
                .n_egress = G_N_ELEMENTS(egress),
        };
        g_autoptr(NlMsg) m = NULL;

        g_assert_cmpint(vlannl_msg_create("lo.200", 1, &s, 1400, &m), ==, 0);
        assert_iproute2(m, 4,
                        "9400000010000506d42f0d6b00000000000000000000000000000000000000000800040078"
                        "05000008000500"
                        "010000000b0003006c6f2e32303000005800120008000100766c616e4c0002000600050088"
                        "a8000006000100"
                        "c8000000100004000c00010001000000050000001c0003000c00010000000000010000000c"
                        "00010003000000"
                        "040000000c000200040000000c000000");
}

/* ip link set dev lo type vlan egress-qos-map 2:3 reorder_hdr on: the id
 * and protocol, which a VLAN cannot change, are not sent. */
static void test_vlan_change(void)
{
        static const VlanQosMap egress[] = { { 2, 3 } };
        VlanSpec s = {
                .id = 100,
                .protocol = ETH_P_8021Q,
                .flags = VLAN_FLAG_REORDER_HDR,
                .flags_mask = VLAN_FLAG_REORDER_HDR,
                .egress = egress,
                .n_egress = 1,
        };
        g_autoptr(NlMsg) m = NULL;

        g_assert_cmpint(vlannl_msg_change(1, &s, &m), ==, 0);
        assert_iproute2(m, 3,
                        "4c00000010000500d42f0d6b00000000000000000100000000000000000000002c00120008"
                        "000100766c616e"
                        "20000200100003000c00010002000000030000000c0002000100000001000000");
}

static void test_vlan_invalid(void)
{
        static const VlanQosMap bad_egress[] = { { 1, 8 } };
        static const VlanQosMap bad_ingress[] = { { 8, 1 } };
        static const VlanQosMap wide_egress[] = { { 100000, 7 } };
        static const VlanQosMap wide_ingress[] = { { 7, 100000 } };
        VlanSpec ok = { .id = 4094 };
        VlanSpec s;
        struct nl_msg *m = NULL;

        s = ok;
        s.id = 4095;
        g_assert_cmpint(vlannl_msg_create("v", 1, &s, 0, &m), ==, -EINVAL);
        g_assert_cmpint(vlannl_msg_create("", 1, &ok, 0, &m), ==, -EINVAL);
        g_assert_cmpint(vlannl_msg_create(NULL, 1, &ok, 0, &m), ==, -EINVAL);
        g_assert_cmpint(vlannl_msg_create("bond0.100-toolong", 1, &ok, 0, &m), ==, -EINVAL);
        g_assert_cmpint(vlannl_msg_create("a/b", 1, &ok, 0, &m), ==, -EINVAL);
        g_assert_cmpint(vlannl_msg_create("v", 0, &ok, 0, &m), ==, -EINVAL);
        g_assert_cmpint(vlannl_msg_create("v", 1, NULL, 0, &m), ==, -EINVAL);
        s = ok;
        s.protocol = 0x1234;
        g_assert_cmpint(vlannl_msg_create("v", 1, &s, 0, &m), ==, -EINVAL);
        s = ok;
        s.flags_mask = 0x20;
        g_assert_cmpint(vlannl_msg_create("v", 1, &s, 0, &m), ==, -EINVAL);
        s = ok;
        s.flags = VLAN_FLAG_GVRP; /* outside its mask */
        g_assert_cmpint(vlannl_msg_change(3, &s, &m), ==, -EINVAL);
        s = ok;
        s.egress = bad_egress;
        s.n_egress = 1;
        g_assert_cmpint(vlannl_msg_change(3, &s, &m), ==, -EINVAL);
        s = ok;
        s.ingress = bad_ingress;
        s.n_ingress = 1;
        g_assert_cmpint(vlannl_msg_change(3, &s, &m), ==, -EINVAL);
        s = ok;
        s.n_ingress = 1; /* a count with no maps */
        g_assert_cmpint(vlannl_msg_change(3, &s, &m), ==, -EINVAL);
        g_assert_cmpint(vlannl_msg_change(0, &ok, &m), ==, -EINVAL);
        g_assert_null(m);
        /* an skb priority is any u32; so is the skb priority ingress maps to */
        s = ok;
        s.egress = wide_egress;
        s.n_egress = 1;
        s.ingress = wide_ingress;
        s.n_ingress = 1;
        g_assert_cmpint(vlannl_msg_create("v", 1, &s, 0, &m), ==, 0);
        nlmsg_free(m);
}

/* ---- bridge builders ---------------------------------------------------- */

static void set(BridgeOptValues *o, BridgeOptId id, uint64_t v)
{
        g_assert_cmpint(bridge_opt_set(o, id, v), ==, 0);
}

static const char bridge_create_hex[] =
        "8400000010000506d42f0d6b00000000000000000000000000000000000000000800040028"
        "23000008000300"
        "62723000540012000a00010062726964676500004400020008000100900100000800020064"
        "00000008000300"
        "b0040000080004005802000008000500010000000600060000100000050017000000000006"
        "0027000a000000";

/* ip link add name br0 mtu 9000 type bridge forward_delay 400 hello_time 100
 * max_age 1200 ageing_time 600 stp_state 1 priority 4096 mcast_snooping 0
 * vlan_default_pvid 10 */
static void test_bridge_create(void)
{
        BridgeOptValues o = { 0 };
        g_autoptr(NlMsg) m = NULL;

        /* set out of order: the message is in table (attribute) order */
        set(&o, BRIDGE_OPT_VLAN_DEFAULT_PVID, 10);
        set(&o, BRIDGE_OPT_MCAST_SNOOPING, 0);
        set(&o, BRIDGE_OPT_FORWARD_DELAY, 400);
        set(&o, BRIDGE_OPT_HELLO_TIME, 100);
        set(&o, BRIDGE_OPT_MAX_AGE, 1200);
        set(&o, BRIDGE_OPT_AGEING_TIME, 600);
        set(&o, BRIDGE_OPT_STP_STATE, 1);
        set(&o, BRIDGE_OPT_PRIORITY, 4096);
        g_assert_cmpint(bridgenl_msg_create("br0", &o, 9000, &m), ==, 0);
        assert_iproute2(m, 2, bridge_create_hex);
}

/* The same bridge as an ifcfg file says it (STP times in seconds, as
 * NetworkManager reads them): parsed into the one BridgeOptValues, it goes
 * out byte for byte as iproute2's request in centiseconds. */
static void test_bridge_create_from_ifcfg(void)
{
        g_autoptr(GPtrArray) problems =
                g_ptr_array_new_with_free_func((GDestroyNotify)bridge_opt_problem_free);
        BridgeOptValues o = { 0 };
        g_autoptr(NlMsg) m = NULL;

        g_assert_cmpint(bridge_opts_parse("default_pvid=10 multicast_snooping=0 forward_delay=4 "
                                          "hello_time=1 max_age=12 ageing_time=6 stp_state=1 "
                                          "priority=4096",
                                          false, 5, &o, problems),
                        ==, 0);
        g_assert_cmpuint(problems->len, ==, 0);
        g_assert_cmpuint(o.line[BRIDGE_OPT_MAX_AGE], ==, 5);
        g_assert_cmpint(bridgenl_msg_create("br0", &o, 9000, &m), ==, 0);
        assert_iproute2(m, 2, bridge_create_hex);
}

/* ip link add name br9 type bridge vlan_filtering 1 vlan_protocol 802.1ad
 * mcast_query_interval 12000: a be16 and a u64 (the kernel here refused
 * it: no CONFIG_BRIDGE_VLAN_FILTERING) */
static void test_bridge_create_widths(void)
{
        BridgeOptValues o = { 0 };
        g_autoptr(NlMsg) m = NULL;

        set(&o, BRIDGE_OPT_VLAN_FILTERING, 1);
        set(&o, BRIDGE_OPT_VLAN_PROTOCOL, ETH_P_8021AD);
        set(&o, BRIDGE_OPT_MCAST_QUERY_INTVL, 12000);
        g_assert_cmpint(bridgenl_msg_create("br9", &o, 0, &m), ==, 0);
        assert_iproute2(m, 2,
                        "5800000010000506d42f0d6b00000000000000000000000000000000000000000800030062"
                        "72390030001200"
                        "0a00010062726964676500002000020005000700010000000600080088a800000c002100e0"
                        "2e000000000000");
}

/* ip link set dev br0 type bridge stp_state 0 mcast_query_interval 12000 */
static void test_bridge_change(void)
{
        BridgeOptValues o = { 0 };
        g_autoptr(NlMsg) m = NULL;

        set(&o, BRIDGE_OPT_STP_STATE, 0);
        set(&o, BRIDGE_OPT_MCAST_QUERY_INTVL, 12000);
        g_assert_cmpint(bridgenl_msg_change(4, &o, &m), ==, 0);
        assert_iproute2(m, 2,
                        "4800000010000500d42f0d6b0000000000000000040000000000000000000000280012000a"
                        "00010062726964"
                        "676500001800020008000500000000000c002100e02e000000000000");
}

/* ip link add name br0 type bridge: iproute2 sends an empty IFLA_INFO_DATA
 * (4 bytes), libnl's nla_nest_end() drops an empty nest; the kernel takes
 * either as "no options" (br_dev_newlink() with data NULL). */
static void test_bridge_create_defaults(void)
{
        g_autoptr(NlMsg) m = NULL;
        BridgeOptValues none = { 0 };

        g_assert_cmpint(bridgenl_msg_create("br0", NULL, 0, &m), ==, 0);
        assert_msg_hex(m, "38000000100005060000000000000000"
                          "00000000000000000000000000000000"
                          "0800030062723000"
                          "10001280" /* LINKINFO */
                          "0a0001006272696467650000");
        g_clear_pointer(&m, nl_dl_msg_free);
        g_assert_cmpint(bridgenl_msg_create("br0", &none, 0, &m), ==, 0);
        g_assert_cmpuint(nlmsg_hdr(m)->nlmsg_len, ==, 56);
}

/* ip link set dev veth0 master br0; ip link set dev veth1 nomaster */
static void test_master(void)
{
        g_autoptr(NlMsg) m1 = NULL;
        g_autoptr(NlMsg) m2 = NULL;
        struct nl_msg *bad = NULL;

        g_assert_cmpint(stacknl_msg_set_master(3, 4, &m1), ==, 0);
        assert_msg_hex(
                m1,
                "2800000010000500d42f0d6b000000000000000003000000000000000000000008000a0004000000");
        g_assert_cmpint(stacknl_msg_set_master(2, 0, &m2), ==, 0);
        assert_msg_hex(
                m2,
                "2800000010000500d42f0d6b000000000000000002000000000000000000000008000a0000000000");
        g_assert_cmpint(stacknl_msg_set_master(0, 4, &bad), ==, -EINVAL);
        g_assert_cmpint(stacknl_msg_set_master(3, -1, &bad), ==, -EINVAL);
        g_assert_null(bad);
}

/*
 * ip link set dev veth0 type bridge_slave priority 10 cost 5 hairpin on
 * learning off.  iproute2 sends
 */
static const char port_iproute2[] =
        "5800000010000500d42f0d6b0000000000000000030000000000000000000000380012001000010062726964"
        "67655f736c61766524000500060002000a000000080003000500000005000400010000000500080000000000";
/* which is LINKINFO{KIND "bridge_slave", SLAVE_DATA{...}}; bondcfg sends
 * LINKINFO{SLAVE_KIND "bridge", SLAVE_DATA{the same bytes}}. */
static void test_port_options(void)
{
        BridgeOptValues o = { 0 };
        g_autoptr(NlMsg) m = NULL;
        g_autoptr(GByteArray) ip = hex_bytes(port_iproute2);
        struct nlattr *tb[IFLA_MAX + 1], *li_ip[IFLA_INFO_MAX + 1], *li[IFLA_INFO_MAX + 1];
        const struct nlattr *want, *got;

        set(&o, BRIDGE_PORT_OPT_LEARNING, 0);
        set(&o, BRIDGE_PORT_OPT_HAIRPIN, 1);
        set(&o, BRIDGE_PORT_OPT_COST, 5);
        set(&o, BRIDGE_PORT_OPT_PRIORITY, 10);
        g_assert_cmpint(bridgenl_msg_set_port_options(3, &o, &m), ==, 0);
        assert_msg_hex(m, "54000000100005000000000000000000"
                          "00000000030000000000000000000000"
                          "34001280" /* LINKINFO */
                          "0a000400" /* SLAVE_KIND "bridge", no NUL */
                          "627269646765"
                          "0000"
                          "24000580" /* SLAVE_DATA */
                          "060002000a000000080003000500000005000400010000000500080000000000");

        /* the option bytes are iproute2's */
        g_assert_cmpint(nlmsg_parse(hdr_of(ip), sizeof(struct ifinfomsg), tb, IFLA_MAX, NULL), ==,
                        0);
        g_assert_cmpint(nla_parse_nested(li_ip, IFLA_INFO_MAX, tb[IFLA_LINKINFO], NULL), ==, 0);
        g_assert_cmpmem(nla_data(li_ip[IFLA_INFO_KIND]), nla_len(li_ip[IFLA_INFO_KIND]),
                        "bridge_slave", 12);
        want = li_ip[IFLA_INFO_SLAVE_DATA];
        g_assert_cmpint(nlmsg_parse(nlmsg_hdr(m), sizeof(struct ifinfomsg), tb, IFLA_MAX, NULL), ==,
                        0);
        g_assert_cmpint(nla_parse_nested(li, IFLA_INFO_MAX, tb[IFLA_LINKINFO], NULL), ==, 0);
        got = li[IFLA_INFO_SLAVE_DATA];
        g_assert_cmpmem(nla_data(got), nla_len(got), nla_data(want), nla_len(want));
}

/* ip link del dev br0 */
static void test_del(void)
{
        g_autoptr(NlMsg) m = NULL;
        struct nl_msg *bad = NULL;

        g_assert_cmpint(stacknl_msg_del_link(4, &m), ==, 0);
        assert_msg_hex(m, "2000000011000500d42f0d6b0000000000000000040000000000000000000000");
        g_assert_cmpint(stacknl_msg_del_link(0, &bad), ==, -EINVAL);
        g_assert_null(bad);
}

static void test_bridge_invalid(void)
{
        BridgeOptValues o = { 0 };
        struct nl_msg *m = NULL;

        /* ranges: hello_time 1-10 s, port priority 0-63, igmp 2-3 */
        g_assert_cmpint(bridge_opt_set(&o, BRIDGE_OPT_HELLO_TIME, 50), ==, -ERANGE);
        g_assert_cmpint(bridge_opt_set(&o, BRIDGE_PORT_OPT_PRIORITY, 64), ==, -ERANGE);
        g_assert_cmpint(bridge_opt_set(&o, BRIDGE_OPT_MCAST_IGMP_VERSION, 1), ==, -ERANGE);
        g_assert_cmpint(bridge_opt_set(&o, _BRIDGE_OPT_MAX, 1), ==, -EINVAL);
        g_assert_cmpuint(o.mask, ==, 0);
        /* forward_delay's 2-30 s hold only with STP on: 0 is fine, its width is not */
        g_assert_cmpint(bridge_opt_set(&o, BRIDGE_OPT_FORWARD_DELAY, 0), ==, 0);
        g_assert_cmpint(bridge_opt_set(&o, BRIDGE_OPT_FORWARD_DELAY, 1ull << 32), ==, -ERANGE);
        g_assert_cmpuint(o.v[BRIDGE_OPT_FORWARD_DELAY], ==, 0);

        /* a port option on the bridge, a bridge option on a port */
        o.mask = 0;
        set(&o, BRIDGE_PORT_OPT_COST, 5);
        g_assert_cmpint(bridgenl_msg_create("br0", &o, 0, &m), ==, -EINVAL);
        g_assert_cmpint(bridgenl_msg_change(4, &o, &m), ==, -EINVAL);
        o.mask = 0;
        set(&o, BRIDGE_OPT_STP_STATE, 1);
        g_assert_cmpint(bridgenl_msg_set_port_options(3, &o, &m), ==, -EINVAL);
        /* a value put in by hand, past bridge_opt_set() */
        o.mask = BRIDGE_OPT_MASK(BRIDGE_OPT_MAX_AGE);
        o.v[BRIDGE_OPT_MAX_AGE] = 100000;
        g_assert_cmpint(bridgenl_msg_change(4, &o, &m), ==, -EINVAL);
        g_assert_cmpint(bridgenl_msg_change(4, NULL, &m), ==, -EINVAL);
        g_assert_cmpint(bridgenl_msg_change(0, &o, &m), ==, -EINVAL);
        g_assert_cmpint(bridgenl_msg_create("br 0", NULL, 0, &m), ==, -EINVAL);
        g_assert_null(m);
}

/* ---- the table ---------------------------------------------------------- */

static void test_table(void)
{
        int last_ifla[2] = { 0, 0 };
        BridgeOptValues none = { 0 };

        for (int id = 0; id < _BRIDGE_OPT_MAX; id++) {
                const BridgeOptDesc *d = bridge_opt_desc(id);
                BridgeOptValues o = { 0 };

                g_assert_cmpint(d->id, ==, id);
                g_assert_nonnull(d->name);
                g_assert_nonnull(d->ip_name);
                g_assert_true(d->port == (id >= _BRIDGE_PORT_OPT_FIRST));
                /* ascending attribute numbers: iproute2's order for
                 * arguments in table order */
                g_assert_cmpint(d->ifla, >, last_ifla[d->port]);
                last_ifla[d->port] = d->ifla;
                g_assert_cmpint(d->ifla, <=, d->port ? IFLA_BRPORT_MAX : IFLA_BR_MAX);
                g_assert_cmpuint(d->min, <=, d->max);
                /* a port's cost depends on its speed: no fixed default */
                if (!(d->flags & BRIDGE_OPT_F_STP_RANGE)) {
                        g_assert_cmpuint(d->def, >=, d->min);
                        g_assert_cmpuint(d->def, <=, d->max);
                }
                g_assert_true(bridge_opt_lookup(d->name, d->port) == d);
                g_assert_true(bridge_opt_lookup(d->ip_name, d->port) == d);
                g_assert_true(d->unit == BRIDGE_UNIT_NONE || d->nla == BRIDGE_NLA_U32 ||
                              d->nla == BRIDGE_NLA_U64);
                g_assert_cmpuint(bridge_opt_get(&none, id), ==, d->def);
                g_assert_cmpint(bridge_opt_set(&o, id, d->def), ==, 0);
                g_assert_true(bridge_opt_has(&o, id));
                g_assert_cmpuint(o.mask, ==, BRIDGE_OPT_MASK(id));
                g_assert_true(o.mask & (d->port ? BRIDGE_OPT_MASK_PORT : BRIDGE_OPT_MASK_BRIDGE));
        }
        g_assert_null(bridge_opt_desc(_BRIDGE_OPT_MAX));
        g_assert_null(bridge_opt_lookup("no_such_option", false));
        g_assert_null(bridge_opt_lookup("path_cost", false)); /* a port's */
        g_assert_cmpint(bridge_opt_lookup("priority", false)->id, ==, BRIDGE_OPT_PRIORITY);
        g_assert_cmpint(bridge_opt_lookup("priority", true)->id, ==, BRIDGE_PORT_OPT_PRIORITY);
        g_assert_cmpint(bridge_opt_lookup("hairpin_mode", true)->ifla, ==, IFLA_BRPORT_MODE);
        g_assert_cmpint(bridge_opt_by_ifcfg_key("DELAY")->id, ==, BRIDGE_OPT_FORWARD_DELAY);
        g_assert_cmpint(bridge_opt_by_ifcfg_key("STP")->id, ==, BRIDGE_OPT_STP_STATE);
        g_assert_cmpint(bridge_opt_by_ifcfg_key("PRIO")->id, ==, BRIDGE_OPT_PRIORITY);
        g_assert_cmpint(bridge_opt_by_ifcfg_key("AGEING")->id, ==, BRIDGE_OPT_AGEING_TIME);
        g_assert_null(bridge_opt_by_ifcfg_key("BRIDGING_OPTS"));
        g_assert_cmpuint(BRIDGE_OPT_MASK_BRIDGE & BRIDGE_OPT_MASK_PORT, ==, 0);
        g_assert_cmpuint(_BRIDGE_OPT_MAX, <=, 64);
        /* 15 s is 1500 centiseconds; a count stays a count; a multicast
         * interval is written in centiseconds already */
        {
                uint64_t k = 0;

                g_assert_cmpint(
                        bridge_opt_to_kernel(bridge_opt_desc(BRIDGE_OPT_FORWARD_DELAY), 15, &k), ==,
                        0);
                g_assert_cmpuint(k, ==, 1500);
                g_assert_cmpint(bridge_opt_to_kernel(bridge_opt_desc(BRIDGE_OPT_PRIORITY), 15, &k),
                                ==, 0);
                g_assert_cmpuint(k, ==, 15);
                g_assert_cmpint(
                        bridge_opt_to_kernel(bridge_opt_desc(BRIDGE_OPT_MCAST_QUERY_INTVL), 15, &k),
                        ==, 0);
                g_assert_cmpuint(k, ==, 15);
        }
}

int main(int argc, char **argv)
{
        g_test_init(&argc, &argv, NULL);
        g_test_add_func("/netlink-stack/vlan/create", test_vlan_create);
        g_test_add_func("/netlink-stack/vlan/create-full", test_vlan_create_full);
        g_test_add_func("/netlink-stack/vlan/change", test_vlan_change);
        g_test_add_func("/netlink-stack/vlan/invalid", test_vlan_invalid);
        g_test_add_func("/netlink-stack/bridge/create", test_bridge_create);
        g_test_add_func("/netlink-stack/bridge/create-from-ifcfg", test_bridge_create_from_ifcfg);
        g_test_add_func("/netlink-stack/bridge/create-widths", test_bridge_create_widths);
        g_test_add_func("/netlink-stack/bridge/create-defaults", test_bridge_create_defaults);
        g_test_add_func("/netlink-stack/bridge/change", test_bridge_change);
        g_test_add_func("/netlink-stack/bridge/master", test_master);
        g_test_add_func("/netlink-stack/bridge/port-options", test_port_options);
        g_test_add_func("/netlink-stack/bridge/invalid", test_bridge_invalid);
        g_test_add_func("/netlink-stack/del", test_del);
        g_test_add_func("/netlink-stack/table", test_table);
        return g_test_run();
}
