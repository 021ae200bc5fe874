/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * NetRoute: the RTM_NEWROUTE/RTM_DELROUTE builders against the bytes
 * iproute2 6.1 sends (captured with `strace -e write=3 ip ...` in a network
 * namespace whose veth d0 had ifindex 3), the dump parser against what
 * Linux 6.18 answered to `ip route show table all` there, round trips,
 * garbage, identity and equality.
 */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <glib.h>
#include <linux/rtnetlink.h>

#include "netlink.h"
#include "nl-hex.h"
#include "route.h"

static NetRoute *rt(int family, const char *dst, unsigned prefix)
{
        NetRoute *r = net_route_new(family);

        r->dst = g_strdup(dst);
        r->prefix = prefix;
        return r;
}

static void via(NetRoute *r, const char *gw)
{
        r->gateway = g_strdup(gw);
}

static void dev_d0(NetRoute *r)
{
        r->oif = g_strdup("d0");
        r->ifindex = 3;
}

static void metric(NetRoute *r, uint32_t m)
{
        r->has_metric = true;
        r->metric = m;
}

static void check_add(NetRoute *r, bool replace, const char *hex)
{
        g_autoptr(NetRoute) owned = r;
        g_autoptr(NlMsg) m = net_route_msg_add(r, replace);

        assert_msg_hex(m, hex);
}

static void check_del(NetRoute *r, const char *hex)
{
        g_autoptr(NetRoute) owned = r;
        g_autoptr(NlMsg) m = net_route_msg_del(r);

        assert_msg_hex(m, hex);
}

static void test_add_ipv4(void)
{
        NetRoute *r;

        /* ip -4 route add 10.1.0.0/16 via 192.0.2.1 metric 10 table 100 dev d0 */
        r = rt(AF_INET, "10.1.0.0", 16);
        via(r, "192.0.2.1");
        metric(r, 10);
        r->table = 100;
        dev_d0(r);
        check_add(r, false,
                  "3c000000180005064a000d6b00000000021000006403000100000000080001000a01000008"
                  "000500c0000201080006000a0000000800040003000000");

        /* ip -4 route replace default via 192.0.2.1 dev d0 */
        r = rt(AF_INET, "0.0.0.0", 0);
        via(r, "192.0.2.1");
        dev_d0(r);
        check_add(r, true,
                  "34000000180005054a000d6b0000000002000000fe0300010000000008000100000000000800"
                  "0500c00002010800040003000000");

        /* ip -4 route add default via 192.0.2.1 dev d0: the same with EXCL */
        r = rt(AF_INET, "0.0.0.0", 0);
        via(r, "192.0.2.1");
        dev_d0(r);
        check_add(r, false,
                  "34000000180005064b000d6b0000000002000000fe0300010000000008000100000000000800"
                  "0500c00002010800040003000000");

        /* ip -4 route add 10.2.0.0/16 dev d0: no gateway, scope link */
        r = rt(AF_INET, "10.2.0.0", 16);
        dev_d0(r);
        check_add(r, false,
                  "2c000000180005064a000d6b0000000002100000fe03fd0100000000080001000a0200000800"
                  "040003000000");

        /* ip -4 route add 10.12.0.0/16 via 192.0.2.1 metric 7 table 1000 dev d0 */
        r = rt(AF_INET, "10.12.0.0", 16);
        via(r, "192.0.2.1");
        metric(r, 7);
        r->table = 1000;
        dev_d0(r);
        check_add(r, false,
                  "44000000180005064b000d6b00000000021000000003000100000000080001000a0c00000800"
                  "0500c0000201080006000700000008000f00e80300000800040003000000");

        /* ip -4 route add 10.13.0.0/16 via 192.0.2.1 dev d0 tos 0x10 metric 20 */
        r = rt(AF_INET, "10.13.0.0", 16);
        via(r, "192.0.2.1");
        metric(r, 20);
        r->tos = 0x10;
        dev_d0(r);
        check_add(r, false,
                  "3c000000180005064b000d6b0000000002100010fe03000100000000080001000a0d00000800"
                  "0500c000020108000600140000000800040003000000");
}

static void test_add_types(void)
{
        NetRoute *r;

        /* ip -4 route add blackhole 10.3.0.0/16 */
        r = rt(AF_INET, "10.3.0.0", 16);
        r->type = RTN_BLACKHOLE;
        check_add(r, false,
                  "24000000180005064a000d6b0000000002100000fe03000600000000080001000a030000");

        /* ip -4 route add unreachable 10.4.0.0/16 metric 5 */
        r = rt(AF_INET, "10.4.0.0", 16);
        r->type = RTN_UNREACHABLE;
        metric(r, 5);
        check_add(r, false,
                  "2c000000180005064a000d6b0000000002100000fe03000700000000080001000a0400000800"
                  "060005000000");

        /* ip -4 route add prohibit 10.5.0.0/16 table 100 */
        r = rt(AF_INET, "10.5.0.0", 16);
        r->type = RTN_PROHIBIT;
        r->table = 100;
        check_add(r, false,
                  "24000000180005064a000d6b00000000021000006403000800000000080001000a050000");

        /* ip -4 route add throw 10.6.0.0/16 table 100 */
        r = rt(AF_INET, "10.6.0.0", 16);
        r->type = RTN_THROW;
        r->table = 100;
        check_add(r, false,
                  "24000000180005064a000d6b00000000021000006403000900000000080001000a060000");

        /* ip -4 route add local 10.7.0.1 dev d0: table local, scope host */
        r = rt(AF_INET, "10.7.0.1", 32);
        r->type = RTN_LOCAL;
        dev_d0(r);
        check_add(r, false,
                  "2c000000180005064a000d6b0000000002200000ff03fe0200000000080001000a0700010800"
                  "040003000000");
}

static void test_add_options(void)
{
        NetRoute *r;

        /* ip -4 route add 10.8.0.0/16 src 192.0.2.2 via 192.0.2.1 table 1000 dev d0
         *   mtu lock 1400 */
        r = rt(AF_INET, "10.8.0.0", 16);
        r->prefsrc = g_strdup("192.0.2.2");
        via(r, "192.0.2.1");
        r->table = 1000;
        dev_d0(r);
        r->mtu = 1400;
        r->mtu_lock = true;
        check_add(r, false,
                  "58000000180005064a000d6b00000000021000000003000100000000080001000a0800000800"
                  "0700c000020208000500c000020108000f00e80300000800040003000000140008000800"
                  "0200780500000800010004000000");

        /* ip -4 route add 10.9.0.0/16 via 192.0.2.1 dev d0 onlink tos 0x10 proto static
         *   scope global mtu 1300 */
        r = rt(AF_INET, "10.9.0.0", 16);
        via(r, "192.0.2.1");
        dev_d0(r);
        r->onlink = true;
        r->tos = 0x10;
        r->has_protocol = true;
        r->protocol = RTPROT_STATIC;
        r->has_scope = true;
        r->scope = RT_SCOPE_UNIVERSE;
        r->mtu = 1300;
        check_add(r, false,
                  "40000000180005064a000d6b0000000002100010fe04000104000000080001000a0900000800"
                  "0500c000020108000400030000000c0008000800020014050000");

        /* ip -4 route add 10.10.0.0/16 dev d0 scope host proto 99 */
        r = rt(AF_INET, "10.10.0.0", 16);
        dev_d0(r);
        r->has_scope = true;
        r->scope = RT_SCOPE_HOST;
        r->has_protocol = true;
        r->protocol = 99;
        check_add(r, false,
                  "2c000000180005064a000d6b0000000002100000fe63fe0100000000080001000a0a00000800"
                  "040003000000");

        /* ip -4 route add 10.11.0.0/16 via 192.0.2.1 dev d0 proto kernel scope link */
        r = rt(AF_INET, "10.11.0.0", 16);
        via(r, "192.0.2.1");
        dev_d0(r);
        r->has_protocol = true;
        r->protocol = RTPROT_KERNEL;
        r->has_scope = true;
        r->scope = RT_SCOPE_LINK;
        check_add(r, false,
                  "34000000180005064b000d6b0000000002100000fe02fd0100000000080001000a0b00000800"
                  "0500c00002010800040003000000");
}

static void test_add_ipv6(void)
{
        NetRoute *r;

        /* ip -6 route add 2001:db8:1::/48 via 2001:db8::1 metric 1024 dev d0 */
        r = rt(AF_INET6, "2001:db8:1::", 48);
        via(r, "2001:db8::1");
        metric(r, 1024);
        dev_d0(r);
        check_add(r, false,
                  "54000000180005064a000d6b000000000a300000fe030001000000001400010020010db80001"
                  "000000000000000000001400050020010db80000000000000000000000010800060000040000"
                  "0800040003000000");

        /* ip -6 route add 2001:db8:2::/48 dev d0: IPv6 stays scope universe */
        r = rt(AF_INET6, "2001:db8:2::", 48);
        dev_d0(r);
        check_add(r, false,
                  "38000000180005064a000d6b000000000a300000fe030001000000001400010020010db80002"
                  "000000000000000000000800040003000000");

        /* ip -6 route add default via fe80::1 table 200 dev d0 */
        r = rt(AF_INET6, "::", 0);
        via(r, "fe80::1");
        r->table = 200;
        dev_d0(r);
        check_add(r, false,
                  "4c000000180005064a000d6b000000000a000000c80300010000000014000100000000000000"
                  "0000000000000000000014000500fe8000000000000000000000000000010800040003000000");

        /* ip -6 route add 2001:db8:3::/48 src 2001:db8::2 via 2001:db8::1 table 300
         *   dev d0 mtu 1280 */
        r = rt(AF_INET6, "2001:db8:3::", 48);
        r->prefsrc = g_strdup("2001:db8::2");
        via(r, "2001:db8::1");
        r->table = 300;
        dev_d0(r);
        r->mtu = 1280;
        check_add(r, false,
                  "74000000180005064b000d6b000000000a30000000030001000000001400010020010db80003"
                  "000000000000000000001400070020010db80000000000000000000000021400050020010db8"
                  "00000000000000000000000108000f002c01000008000400030000000c000800080002000005"
                  "0000");

        /* ip -6 route add blackhole 2001:db8:4::/48 */
        r = rt(AF_INET6, "2001:db8:4::", 48);
        r->type = RTN_BLACKHOLE;
        check_add(r, false,
                  "30000000180005064b000d6b000000000a300000fe030006000000001400010020010db80004"
                  "00000000000000000000");

        /* ip -6 route replace 2001:db8:5::/64 via 2001:db8::1 dev d0 proto static */
        r = rt(AF_INET6, "2001:db8:5::", 64);
        via(r, "2001:db8::1");
        dev_d0(r);
        r->has_protocol = true;
        r->protocol = RTPROT_STATIC;
        check_add(r, true,
                  "4c000000180005054b000d6b000000000a400000fe040001000000001400010020010db80005"
                  "000000000000000000001400050020010db80000000000000000000000010800040003000000");
}

static void test_del(void)
{
        NetRoute *r;

        /* ip -4 route del 10.1.0.0/16 via 192.0.2.1 metric 10 table 100 dev d0 */
        r = rt(AF_INET, "10.1.0.0", 16);
        via(r, "192.0.2.1");
        metric(r, 10);
        r->table = 100;
        dev_d0(r);
        check_del(r, "3c000000190005004b000d6b00000000021000006400ff0000000000080001000a010000"
                     "08000500c0000201080006000a0000000800040003000000");

        /* ip -4 route del 10.8.0.0/16 src 192.0.2.2 via 192.0.2.1 table 1000 dev d0 */
        r = rt(AF_INET, "10.8.0.0", 16);
        r->prefsrc = g_strdup("192.0.2.2");
        via(r, "192.0.2.1");
        r->table = 1000;
        dev_d0(r);
        check_del(r, "44000000190005004b000d6b00000000021000000000ff0000000000080001000a080000"
                     "08000700c000020208000500c000020108000f00e80300000800040003000000");

        /* ip -4 route del local 10.7.0.1 dev d0 */
        r = rt(AF_INET, "10.7.0.1", 32);
        r->type = RTN_LOCAL;
        dev_d0(r);
        check_del(r, "2c000000190005004b000d6b0000000002200000ff00fe0200000000080001000a070001"
                     "0800040003000000");

        /* ip -4 route del blackhole 10.3.0.0/16 */
        r = rt(AF_INET, "10.3.0.0", 16);
        r->type = RTN_BLACKHOLE;
        check_del(r, "24000000190005004b000d6b0000000002100000fe00ff0600000000080001000a030000");

        /* ip -6 route del 2001:db8:1::/48 via 2001:db8::1 metric 1024 dev d0 */
        r = rt(AF_INET6, "2001:db8:1::", 48);
        via(r, "2001:db8::1");
        metric(r, 1024);
        dev_d0(r);
        check_del(r, "54000000190005004b000d6b000000000a300000fe000000000000001400010020010db8"
                     "0001000000000000000000001400050020010db800000000000000000000000108000600"
                     "000400000800040003000000");
}

static void test_build_invalid(void)
{
        g_autoptr(NetRoute) r = rt(AF_INET, "10.0.0.0", 8);

        r->oif = g_strdup("bond0"); /* a device not resolved to an ifindex */
        g_assert_null(net_route_msg_add(r, false));
        g_clear_pointer(&r->oif, g_free);
        r->gateway = g_strdup("2001:db8::1"); /* wrong family */
        g_assert_null(net_route_msg_add(r, false));
        g_clear_pointer(&r->gateway, g_free);
        r->prefix = 33;
        g_assert_null(net_route_msg_add(r, false));
        r->prefix = 8;
        r->family = AF_PACKET;
        g_assert_null(net_route_msg_del(r));
}

/* ---- dump parser: messages Linux 6.18 sent for `ip route show table all` -- */

static NetRoute *parse_hex(const char *hex)
{
        g_autoptr(GByteArray) b = hex_bytes(hex);
        NetRoute *r = NULL;

        g_assert_cmpint(net_route_from_msg((const struct nlmsghdr *)b->data, &r), ==, 0);
        g_assert_nonnull(r);
        return r;
}

static void assert_format(const NetRoute *r, const char *want)
{
        g_autofree char *s = net_route_format(r);

        g_assert_cmpstr(s, ==, want);
}

static void test_parse_ipv4(void)
{
        g_autoptr(NetRoute) a =
                parse_hex("440000001800220065000d6bb811000002100000640300010000000008000f00"
                          "64000000080001000a010000080006000a00000008000500c000020108000400"
                          "03000000");
        g_autoptr(NetRoute) b =
                parse_hex("580000001800220065000d6bb811000002100000fc0300010000000008000f00"
                          "e8030000080001000a0800001400080008000100040000000800020078050000"
                          "08000700c000020208000500c00002010800040003000000");
        g_autoptr(NetRoute) c =
                parse_hex("340000001800220065000d6bb811000002100000fe03fd010000000008000f00"
                          "fe000000080001000a0200000800040003000000");
        g_autoptr(NetRoute) d =
                parse_hex("2c0000001800220065000d6bb811000002100000fe0300060000000008000f00"
                          "fe000000080001000a030000");
        g_autoptr(NetRoute) e =
                parse_hex("480000001800220065000d6bb811000002100010fe0400010400000008000f00"
                          "fe000000080001000a0900000c000800080002001405000008000500c0000201"
                          "0800040003000000");
        g_autoptr(NetRoute) f =
                parse_hex("3c0000001800220065000d6bb811000002180000fe02fd010000000008000f00"
                          "fe00000008000100c000020008000700c00002020800040003000000");

        g_assert_cmpint(a->family, ==, AF_INET);
        g_assert_cmpstr(a->dst, ==, "10.1.0.0");
        g_assert_cmpuint(a->prefix, ==, 16);
        g_assert_cmpstr(a->gateway, ==, "192.0.2.1");
        g_assert_cmpint(a->ifindex, ==, 3);
        g_assert_null(a->oif);
        g_assert_cmpuint(a->table, ==, 100);
        g_assert_true(a->has_metric);
        g_assert_cmpuint(a->metric, ==, 10);
        g_assert_true(a->has_protocol && a->protocol == RTPROT_BOOT);
        g_assert_true(a->has_scope && a->scope == RT_SCOPE_UNIVERSE);
        g_assert_cmpuint(a->type, ==, RTN_UNICAST);
        assert_format(a, "10.1.0.0/16 via 192.0.2.1 dev if3 table 100 metric 10 proto boot");

        g_assert_cmpuint(b->table, ==, 1000); /* RTA_TABLE, not rtm_table 252 */
        g_assert_cmpstr(b->prefsrc, ==, "192.0.2.2");
        g_assert_cmpuint(b->mtu, ==, 1400);
        g_assert_true(b->mtu_lock);
        g_assert_false(b->unmodelled);
        assert_format(b, "10.8.0.0/16 via 192.0.2.1 dev if3 table 1000 proto boot src 192.0.2.2 "
                         "mtu lock 1400");

        g_assert_cmpuint(c->scope, ==, RT_SCOPE_LINK);
        g_assert_null(c->gateway);
        assert_format(c, "10.2.0.0/16 dev if3 proto boot scope link");

        g_assert_cmpuint(d->type, ==, RTN_BLACKHOLE);
        g_assert_cmpint(d->ifindex, ==, 0);
        assert_format(d, "blackhole 10.3.0.0/16 proto boot");

        g_assert_cmpuint(e->tos, ==, 0x10);
        g_assert_true(e->onlink);
        g_assert_cmpuint(e->protocol, ==, RTPROT_STATIC);
        g_assert_cmpuint(e->mtu, ==, 1300);
        g_assert_false(e->mtu_lock);
        assert_format(e, "10.9.0.0/16 tos 0x10 via 192.0.2.1 dev if3 proto static onlink mtu 1300");

        g_assert_cmpuint(f->protocol, ==, RTPROT_KERNEL);
        assert_format(f, "192.0.2.0/24 dev if3 proto kernel scope link src 192.0.2.2");
}

static void test_parse_local_table(void)
{
        g_autoptr(NetRoute) l =
                parse_hex("3c0000001800220065000d6bb811000002200000ff02fe020000000008000f00"
                          "ff00000008000100c000020208000700c00002020800040003000000");
        g_autoptr(NetRoute) b =
                parse_hex("3c0000001800220065000d6bb811000002200000ff02fd030000000008000f00"
                          "ff00000008000100c00002ff08000700c00002020800040003000000");

        g_assert_cmpuint(l->type, ==, RTN_LOCAL);
        g_assert_cmpuint(l->table, ==, RT_TABLE_LOCAL);
        assert_format(l, "local 192.0.2.2 dev if3 table local proto kernel scope host src "
                         "192.0.2.2");
        g_assert_cmpuint(b->type, ==, RTN_BROADCAST);
        assert_format(b, "broadcast 192.0.2.255 dev if3 table local proto kernel scope link src "
                         "192.0.2.2");
}

static void test_parse_unmodelled(void)
{
        /* ip route add 10.20.0.0/16 nexthop via 192.0.2.1 dev d0 nexthop via 192.0.2.3 dev d0 */
        g_autoptr(NetRoute) mp =
                parse_hex("500000001800220065000d6bb811000002100000fe0300010000000008000f00"
                          "fe000000080001000a14000024000900100000000300000008000500c0000201"
                          "100000000300000008000500c0000203");
        /* ip route add 10.21.0.0/16 via 192.0.2.1 dev d0 window 1000 */
        g_autoptr(NetRoute) win =
                parse_hex("480000001800220065000d6bb811000002100000fe0300010000000008000f00"
                          "fe000000080001000a1500000c00080008000300e803000008000500c0000201"
                          "0800040003000000");
        g_autoptr(NetRoute) mp2 = NULL;

        g_assert_true(mp->multipath);
        g_assert_null(mp->gateway);
        g_assert_false(net_route_equal(mp, mp));
        assert_format(mp, "10.20.0.0/16 nexthop ... proto boot");
        g_assert_true(win->unmodelled);
        g_assert_false(net_route_equal(win, win));
        /* identity still holds: a configured 10.21/16 replaces it */
        mp2 = rt(AF_INET, "10.21.0.0", 16);
        g_assert_true(net_route_same_key(win, mp2));
}

static void test_parse_ipv6(void)
{
        g_autoptr(NetRoute) a =
                parse_hex("a80000001800220065000d6beb1100000a300000fc0300010000000008000f00"
                          "2c0100001400010020010db80003000000000000000000001400070020010db8"
                          "0000000000000000000000020c00080008000200000500000800060000040000"
                          "1400050020010db8000000000000000000000001080004000300000024000c00"
                          "0000000000000000000000000000000000000000000000000000000000000000"
                          "0500140000000000");
        g_autoptr(NetRoute) dflt =
                parse_hex("740000001800220065000d6beb1100000a000000c80300010000000008000f00"
                          "c8000000080006000004000014000500fe800000000000000000000000000001"
                          "080004000300000024000c000000000000000000000000000000000000000000"
                          "0000000000000000000000000500140000000000");
        g_autoptr(NetRoute) unr =
                parse_hex("740000001800220065000d6beb1100000a300000fe0300070000000008000f00"
                          "fe0000001400010020010db80004000000000000000000000800060000040000"
                          "080004000100000024000c000000000000000000000000000000000000000000"
                          "0000000000000000000000000500140000000000");
        g_autoptr(NetRoute) onl =
                parse_hex("880000001800220065000d6beb1100000a300000fe0300010400000008000f00"
                          "fe0000001400010020010db80006000000000000000000000800060000040000"
                          "1400050020010db8000000000000000000000001080004000300000024000c00"
                          "0000000000000000000000000000000000000000000000000000000000000000"
                          "0500140000000000");
        g_autoptr(NetRoute) mc =
                parse_hex("740000001800220065000d6beb1100000a080000ff0200050000000008000f00"
                          "ff00000014000100ff0000000000000000000000000000000800060000010000"
                          "080004000200000024000c000000000000000000000000000000000000000000"
                          "0000000000000000000000000500140000000000");

        g_assert_cmpstr(a->dst, ==, "2001:db8:3::");
        g_assert_cmpuint(a->table, ==, 300);
        g_assert_cmpuint(a->metric, ==, 1024);
        g_assert_cmpuint(a->mtu, ==, 1280);
        g_assert_false(a->unmodelled); /* RTA_CACHEINFO, RTA_PREF medium: nothing */
        assert_format(a, "2001:db8:3::/48 via 2001:db8::1 dev if3 table 300 metric 1024 proto boot "
                         "src 2001:db8::2 mtu 1280");
        assert_format(dflt, "default via fe80::1 dev if3 table 200 metric 1024 proto boot");
        g_assert_cmpstr(dflt->dst, ==, "::");
        g_assert_cmpuint(unr->type, ==, RTN_UNREACHABLE);
        g_assert_cmpint(unr->ifindex, ==, 1); /* the kernel puts lo on it */
        g_assert_true(onl->onlink);
        assert_format(mc, "multicast ff00::/8 dev if2 table local metric 256 proto kernel");
}

static void test_parse_skip_and_invalid(void)
{
        g_autoptr(GByteArray) b = hex_bytes("2c0000001800220065000d6bb811000002100000fe0300060000"
                                            "000008000f00fe000000080001000a030000");
        struct nlmsghdr *h = (struct nlmsghdr *)b->data;
        struct rtmsg *rtm = NLMSG_DATA(h);
        NetRoute *r = NULL;

        rtm->rtm_flags |= RTM_F_CLONED;
        g_assert_cmpint(net_route_from_msg(h, &r), ==, 0);
        g_assert_null(r);
        rtm->rtm_flags = 0;
        rtm->rtm_family = 28; /* AF_MPLS */
        g_assert_cmpint(net_route_from_msg(h, &r), ==, 0);
        g_assert_null(r);
        rtm->rtm_family = AF_INET;
        rtm->rtm_dst_len = 33;
        g_assert_cmpint(net_route_from_msg(h, &r), ==, -EINVAL);
        rtm->rtm_dst_len = 16;
        h->nlmsg_type = RTM_NEWLINK;
        g_assert_cmpint(net_route_from_msg(h, &r), ==, -EINVAL);
        h->nlmsg_type = RTM_NEWROUTE;
        h->nlmsg_len = NLMSG_LENGTH(sizeof(struct rtmsg)) - 1;
        g_assert_cmpint(net_route_from_msg(h, &r), ==, -EINVAL);
        g_assert_null(r);
        /* RTA_DST of 3 bytes */
        h->nlmsg_len = (uint32_t)b->len;
        b->data[36] = 7;
        g_assert_cmpint(net_route_from_msg(h, &r), ==, -EINVAL);
        /* dst_len 16 without RTA_DST */
        h->nlmsg_len = 36;
        g_assert_cmpint(net_route_from_msg(h, &r), ==, -EINVAL);
        g_assert_null(r);
}

/* Every cut and every single-byte corruption of real messages: no crash, and
 * either a route or -EINVAL. */
static void test_parse_garbage(void)
{
        static const char *const msgs[] = {
                "580000001800220065000d6bb811000002100000fc0300010000000008000f00e8030000080001"
                "000a0800001400080008000100040000000800020078050000080007"
                "00c000020208000500c00002010800040003000000",
                "500000001800220065000d6bb811000002100000fe0300010000000008000f00fe000000080001"
                "000a14000024000900100000000300000008000500c0000201100000000300000008000500c000"
                "0203",
                "a80000001800220065000d6beb1100000a300000fc0300010000000008000f002c01000014000100"
                "20010db80003000000000000000000001400070020010db80000000000000000000000020c000800"
                "080002000005000008000600000400001400050020010db800000000000000000000000108000400"
                "0300000024000c000000000000000000000000000000000000000000000000000000000000000000"
                "0500140000000000",
        };
        GRand *rand = g_rand_new_with_seed(4242);

        for (size_t i = 0; i < G_N_ELEMENTS(msgs); i++) {
                g_autoptr(GByteArray) orig = hex_bytes(msgs[i]);

                for (guint len = 0; len <= orig->len; len++) {
                        g_autofree guint8 *buf = g_memdup2(orig->data, orig->len);
                        struct nlmsghdr *h = (struct nlmsghdr *)buf;
                        NetRoute *r = NULL;
                        int ret;

                        h->nlmsg_len = len; /* the message claims fewer bytes */
                        ret = net_route_from_msg(h, &r);
                        g_assert_true(ret == 0 || ret == -EINVAL);
                        net_route_free(r);
                }
                for (int n = 0; n < 4000; n++) {
                        g_autofree guint8 *buf = g_memdup2(orig->data, orig->len);
                        guint pos = (guint)g_rand_int_range(rand, 0, (gint32)orig->len);
                        NetRoute *r = NULL;
                        int ret;

                        buf[pos] = (guint8)g_rand_int_range(rand, 0, 256);
                        if (pos < 4) /* keep nlmsg_len within the buffer */
                                ((struct nlmsghdr *)buf)->nlmsg_len =
                                        MIN(((struct nlmsghdr *)buf)->nlmsg_len, orig->len);
                        ret = net_route_from_msg((struct nlmsghdr *)buf, &r);
                        g_assert_true(ret == 0 || ret == -EINVAL);
                        if (r) {
                                g_autofree char *s = net_route_format(r);

                                g_assert_nonnull(s);
                        }
                        net_route_free(r);
                }
        }
        g_rand_free(rand);
}

/* ---- round trip, identity, equality ---------------------------------------- */

static void roundtrip(NetRoute *r)
{
        g_autoptr(NetRoute) owned = r;
        g_autoptr(NlMsg) m = net_route_msg_add(r, false);
        g_autoptr(NetRoute) back = NULL;

        g_assert_nonnull(m);
        g_assert_cmpint(net_route_from_msg(nlmsg_hdr(m), &back), ==, 0);
        g_assert_nonnull(back);
        g_assert_true(net_route_same_key(r, back));
        g_assert_true(net_route_equal(r, back));
        g_assert_true(net_route_equal(back, r));
}

static void test_roundtrip(void)
{
        NetRoute *r;

        r = rt(AF_INET, "10.8.0.0", 16);
        r->prefsrc = g_strdup("192.0.2.2");
        via(r, "192.0.2.1");
        r->table = 1000;
        dev_d0(r);
        r->mtu = 1400;
        r->mtu_lock = true;
        metric(r, 3);
        r->tos = 0x08;
        r->onlink = true;
        roundtrip(r);

        r = rt(AF_INET, "10.7.0.1", 32);
        r->type = RTN_LOCAL;
        dev_d0(r);
        roundtrip(r);

        r = rt(AF_INET6, "::", 0);
        via(r, "fe80::1");
        dev_d0(r);
        roundtrip(r);

        r = rt(AF_INET6, "2001:db8:4::", 48);
        r->type = RTN_PROHIBIT;
        r->has_protocol = true;
        r->protocol = RTPROT_STATIC;
        roundtrip(r);
}

static void test_key_and_equal(void)
{
        g_autoptr(NetRoute) a = rt(AF_INET, "10.1.0.0", 16);
        g_autoptr(NetRoute) b = NULL;
        g_autoptr(NetRoute) k = NULL;
        g_autoptr(NetRoute) v6a = rt(AF_INET6, "2001:db8::", 32);
        g_autoptr(NetRoute) v6b = NULL;

        via(a, "192.0.2.1");
        b = net_route_copy(a);
        g_assert_true(net_route_equal(a, b));
        /* a different gateway: same key (EXCL refuses it, REPLACE swaps it) */
        g_free(b->gateway);
        b->gateway = g_strdup("192.0.2.3");
        g_assert_true(net_route_same_key(a, b));
        g_assert_false(net_route_equal(a, b));
        /* tos and metric are IPv4 key parts; table main = not given */
        b->tos = 0x10;
        g_assert_false(net_route_same_key(a, b));
        b->tos = 0;
        metric(b, 0);
        b->table = RT_TABLE_MAIN;
        g_assert_true(net_route_same_key(a, b));
        metric(b, 1);
        g_assert_false(net_route_same_key(a, b));

        /* the values ip fills in */
        k = net_route_copy(a);
        k->has_protocol = true;
        k->protocol = RTPROT_BOOT;
        k->has_scope = true;
        k->scope = RT_SCOPE_UNIVERSE;
        k->type = RTN_UNICAST;
        k->ifindex = 7;
        g_assert_true(net_route_equal(a, k)); /* a has no device: any will do */
        a->oif = g_strdup("bond0");
        g_assert_true(net_route_equal(a, k)); /* k has no name, a no index */
        a->ifindex = 8;
        g_assert_false(net_route_equal(a, k));
        a->ifindex = 7;
        k->protocol = RTPROT_STATIC;
        g_assert_false(net_route_equal(a, k));
        k->protocol = RTPROT_BOOT;
        k->scope = RT_SCOPE_LINK;
        g_assert_false(net_route_equal(a, k));
        k->scope = RT_SCOPE_UNIVERSE;
        k->mtu = 1500;
        g_assert_false(net_route_equal(a, k));
        k->mtu = 0;
        k->onlink = true;
        g_assert_false(net_route_equal(a, k));

        /* IPv6: metric 0/absent is 1024, the nexthop is no part of the key */
        via(v6a, "2001:db8::1");
        v6b = net_route_copy(v6a);
        metric(v6b, 1024);
        g_free(v6b->gateway);
        v6b->gateway = g_strdup("2001:db8::2");
        g_assert_true(net_route_same_key(v6a, v6b));
        g_assert_false(net_route_equal(v6a, v6b));
        g_free(v6b->gateway);
        v6b->gateway = g_strdup("2001:db8::1");
        v6b->has_scope = true;
        v6b->scope = RT_SCOPE_LINK; /* ignored for IPv6 */
        g_assert_true(net_route_equal(v6a, v6b));
        metric(v6b, 1);
        g_assert_false(net_route_same_key(v6a, v6b));
        /* a local route goes to table local when none is given */
        v6b = (net_route_free(v6b), rt(AF_INET, "192.0.2.9", 32));
        v6b->type = RTN_LOCAL;
        g_assert_cmpuint(net_route_table(v6b), ==, RT_TABLE_LOCAL);
        g_assert_cmpuint(net_route_scope(v6b), ==, RT_SCOPE_HOST);
}

static void test_format(void)
{
        g_autoptr(NetRoute) r = rt(AF_INET, "10.1.0.0", 16);

        via(r, "192.0.2.1");
        r->oif = g_strdup("bond0");
        r->table = 100;
        metric(r, 10);
        assert_format(r, "10.1.0.0/16 via 192.0.2.1 dev bond0 table 100 metric 10 proto boot");
        r->table = 0;
        r->has_metric = false;
        r->type = RTN_THROW;
        g_clear_pointer(&r->gateway, g_free);
        assert_format(r, "throw 10.1.0.0/16 dev bond0 proto boot");
        r->type = 200;
        r->has_protocol = true;
        r->protocol = 77;
        assert_format(r, "type 200 10.1.0.0/16 dev bond0 proto 77");
}

int main(int argc, char **argv)
{
        g_test_init(&argc, &argv, NULL);
        g_test_add_func("/route/add-ipv4", test_add_ipv4);
        g_test_add_func("/route/add-types", test_add_types);
        g_test_add_func("/route/add-options", test_add_options);
        g_test_add_func("/route/add-ipv6", test_add_ipv6);
        g_test_add_func("/route/del", test_del);
        g_test_add_func("/route/build-invalid", test_build_invalid);
        g_test_add_func("/route/parse-ipv4", test_parse_ipv4);
        g_test_add_func("/route/parse-local-table", test_parse_local_table);
        g_test_add_func("/route/parse-unmodelled", test_parse_unmodelled);
        g_test_add_func("/route/parse-ipv6", test_parse_ipv6);
        g_test_add_func("/route/parse-skip-invalid", test_parse_skip_and_invalid);
        g_test_add_func("/route/parse-garbage", test_parse_garbage);
        g_test_add_func("/route/roundtrip", test_roundtrip);
        g_test_add_func("/route/key-equal", test_key_and_equal);
        g_test_add_func("/route/format", test_format);
        return g_test_run();
}
