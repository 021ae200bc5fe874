/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * route-DEV / route6-DEV files: both forms, every option, every diagnostic
 * with its file:line and hint, and lines turned into the very bytes
 * iproute2 6.1 sent for `ip -4|-6 route add LINE` (captured with strace in a
 * network namespace whose veth d0 had ifindex 3).
 */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <linux/rtnetlink.h>

#include "file-test.h"
#include "ip-names.h"
#include "netlink.h"
#include "nl-hex.h"
#include "route-file.h"

static GPtrArray *parse(const char *text, int family, DiagList *diags)
{
        GPtrArray *routes = g_ptr_array_new_with_free_func((GDestroyNotify)net_route_free);
        const char *path = family == AF_INET6 ? "route6-bond0" : "route-bond0";

        g_assert_cmpint(route_file_parse_buffer(path, text, strlen(text), "bond0", family, NULL,
                                                routes, diags),
                        ==, 0);
        return routes;
}

/* The routes of text, formatted, one per line. */
static void assert_routes(const char *text, int family, const char *want, const char *want_diags)
{
        g_autoptr(DiagList) d = diag_list_new();
        g_autoptr(GPtrArray) routes = parse(text, family, d);
        g_autoptr(GString) s = g_string_new(NULL);

        for (guint i = 0; i < routes->len; i++) {
                g_autofree char *one = net_route_format(routes->pdata[i]);

                g_string_append_printf(s, "%s\n", one);
        }
        g_assert_cmpstr(s->str, ==, want);
        assert_diags(d, want_diags);
}

/* ---- the ip form ----------------------------------------------------------- */

static void test_options(void)
{
        assert_routes("10.1.0.0/16 via 192.0.2.1 dev bond0 table 100 metric 10\n"
                      "default via 192.0.2.1\n"
                      "to 10.2.0.0/16 dev bond0\n"
                      "10.3.0.0/16 via 192.0.2.1 table main priority 5\n"
                      "10.4.0.0/16 via 192.0.2.1 table local preference 0x10\n"
                      "10.5.0.0/16 via 192.0.2.1 table default src 192.0.2.2\n"
                      "10.6.0.0/16 via 192.0.2.1 proto static scope global\n"
                      "10.7.0.0/16 dev bond0 proto 42 scope host\n"
                      "10.8.0.0/16 via 192.0.2.1 proto dhcp mtu 1400 onlink\n"
                      "10.9.0.0/16 via 192.0.2.1 mtu lock 1300 tos 0x10\n"
                      "10.10.0.0/16 via 192.0.2.1 dsfield 8 protocol ra\n"
                      "10.11.0.0/16 via inet 192.0.2.1 oif bond0 table 4000000000\n"
                      "10.12.0.0/16 via 192.0.2.1 table 0\n"
                      "all via 192.0.2.9 metric 1\n"
                      "10.13.0.0/16 via 192.0.2.1 tos e0\n",
                      AF_INET,
                      "10.1.0.0/16 via 192.0.2.1 dev bond0 table 100 metric 10 proto boot\n"
                      "default via 192.0.2.1 proto boot\n"
                      "10.2.0.0/16 dev bond0 proto boot scope link\n"
                      "10.3.0.0/16 via 192.0.2.1 metric 5 proto boot\n"
                      "10.4.0.0/16 via 192.0.2.1 table local metric 16 proto boot\n"
                      "10.5.0.0/16 via 192.0.2.1 table default proto boot src 192.0.2.2\n"
                      "10.6.0.0/16 via 192.0.2.1 proto static\n"
                      "10.7.0.0/16 dev bond0 proto babel scope host\n"
                      "10.8.0.0/16 via 192.0.2.1 proto dhcp onlink mtu 1400\n"
                      "10.9.0.0/16 tos 0x10 via 192.0.2.1 proto boot mtu lock 1300\n"
                      "10.10.0.0/16 tos 0x08 via 192.0.2.1 proto ra\n"
                      "10.11.0.0/16 via 192.0.2.1 dev bond0 table 4000000000 proto boot\n"
                      "10.12.0.0/16 via 192.0.2.1 proto boot\n"
                      "default via 192.0.2.9 metric 1 proto boot\n"
                      "10.13.0.0/16 tos 0xe0 via 192.0.2.1 proto boot\n",
                      "");
}

static void test_types(void)
{
        assert_routes("unicast 10.1.0.0/16 via 192.0.2.1\n"
                      "local 192.0.2.77 dev bond0\n"
                      "blackhole 10.3.0.0/16\n"
                      "unreachable 10.4.0.0/16 metric 5\n"
                      "prohibit 10.5.0.0/16 table 100\n"
                      "throw 10.6.0.0/16 table 100\n"
                      "to blackhole default table 7\n",
                      AF_INET,
                      "10.1.0.0/16 via 192.0.2.1 proto boot\n"
                      "local 192.0.2.77 dev bond0 table local proto boot scope host\n"
                      "blackhole 10.3.0.0/16 proto boot\n"
                      "unreachable 10.4.0.0/16 metric 5 proto boot\n"
                      "prohibit 10.5.0.0/16 table 100 proto boot\n"
                      "throw 10.6.0.0/16 table 100 proto boot\n"
                      "blackhole default table 7 proto boot\n",
                      "");
}

static void test_ipv6(void)
{
        assert_routes("2001:db8:1::/48 via 2001:db8::1 dev bond0\n"
                      "default via fe80::1 dev bond0 metric 100\n"
                      "2001:db8:2::/64 dev bond0 src 2001:db8::2 mtu 1280 table 200\n"
                      "unreachable 2001:db8:4::/48\n"
                      "2001:db8::1 dev bond0\n",
                      AF_INET6,
                      "2001:db8:1::/48 via 2001:db8::1 dev bond0 metric 1024 proto boot\n"
                      "default via fe80::1 dev bond0 metric 100 proto boot\n"
                      "2001:db8:2::/64 dev bond0 table 200 metric 1024 proto boot src 2001:db8::2 "
                      "mtu 1280\n"
                      "unreachable 2001:db8:4::/48 metric 1024 proto boot\n"
                      "2001:db8::1 dev bond0 metric 1024 proto boot\n",
                      "");
}

/* What ip accepts, read as ip reads it. */
static void test_abbreviations(void)
{
        assert_routes("10.30.0.0/16 dev d0 met 5 t 100 pro static\n"
                      "10.31.0.0/16 dev d0 p 7\n"
                      "u 10.33.0.0/16\n"
                      "10.34.0.0/16 dev d0 d 0x10\n"
                      "bl 10.36.0.0/16\n"
                      "uni 10.37/16 dev d0\n"
                      "10.38.0.0/255.255.0.0 dev d0 prio 1 ta 5\n",
                      AF_INET,
                      "10.30.0.0/16 dev d0 table 100 metric 5 proto static scope link\n"
                      "10.31.0.0/16 dev d0 metric 7 proto boot scope link\n"
                      "unreachable 10.33.0.0/16 proto boot\n"
                      "10.34.0.0/16 tos 0x10 dev d0 proto boot scope link\n"
                      "blackhole 10.36.0.0/16 proto boot\n"
                      "10.37.0.0/16 dev d0 proto boot scope link\n"
                      "10.38.0.0/16 dev d0 table 5 metric 1 proto boot scope link\n",
                      "");
}

static void test_comments_crlf(void)
{
        assert_routes("# static routes\n"
                      "\n"
                      "   \t\n"
                      "  # indented comment\n"
                      "10.1.0.0/16 via 192.0.2.1\r\n"
                      "\t10.2.0.0/16   via\t192.0.2.1  \r\n"
                      "#10.3.0.0/16 via 192.0.2.1\n"
                      "10.4.0.0/16 via 192.0.2.1",
                      AF_INET,
                      "10.1.0.0/16 via 192.0.2.1 proto boot\n"
                      "10.2.0.0/16 via 192.0.2.1 proto boot\n"
                      "10.4.0.0/16 via 192.0.2.1 proto boot\n",
                      "");
        assert_routes("", AF_INET, "", "");
        assert_routes("\r\n\r\n", AF_INET6, "", "");
}

static void test_origin(void)
{
        g_autoptr(DiagList) d = diag_list_new();
        g_autoptr(GPtrArray) routes = parse("# x\n\n  10.1.0.0/16   via 192.0.2.1  \n", AF_INET, d);
        const NetRoute *r;

        g_assert_cmpuint(routes->len, ==, 1);
        r = routes->pdata[0];
        g_assert_cmpstr(r->origin.file, ==, "route-bond0");
        g_assert_cmpuint(r->origin.line, ==, 3);
        g_assert_cmpstr(r->origin.text, ==, "10.1.0.0/16   via 192.0.2.1");
        g_assert_null(r->oif); /* no dev: none, as for ip route add */
        g_assert_false(r->has_protocol);
        g_assert_false(r->has_scope);
}

static void test_errors(void)
{
        assert_routes(
                "10.1.0.0/16 via 192.0.2.1 metrc 10\n"
                "10.2.0.0/16 via 192.0.2.1 window 1000\n"
                "10.3.0.0/16 via 192.0.2.1 w 1000\n"
                "10.4.0.0/16 via 192.0.2.1 metric\n"
                "10.5.0.0/16 via 192.0.2.1 metric ten\n"
                "via 192.0.2.1 dev bond0\n"
                "10.6.0.0/16 via 192.0.2.1 # the backup link\n"
                "10.7.0.0/16 via 192.0.2.1\\\n"
                "10.8.0.0/16 via \"192.0.2.1\"\n"
                "2001:db8::/32 dev bond0\n"
                "10.9.1.0/16 via 192.0.2.1\n"
                "blackhole 10.10.0.0/16 dev bond0\n"
                "10.11.0.0/16 dev bond0/1\n"
                "10.12.0.0/16 via 192.0.2.1 via 192.0.2.2\n"
                "broadcast 10.13.0.255 dev bond0\n"
                "10.14.0.0/16 via 192.0.2.1 table isp\n"
                "10.15.0.0/16 via 192.0.2.1 proto foo\n"
                "10.16.0.0/16 via 192.0.2.1 scope wide\n"
                "10.17.0.0/16 via 192.0.2.1 tos 0x100\n"
                "10.18.0.0/16 via 192.0.2.1 mtu 0\n"
                "10.19.0.0/16 via 192.0.2.300\n"
                "10.20.0.0/33 dev bond0\n"
                "10.21.0.0/16 10.22.0.0/16\n"
                "10.23.0.0/16 via inet6 2001:db8::1\n"
                "10.24.0.0/16 nexthop via 192.0.2.1\n"
                "blackhole\n"
                "10.25.0.0/16 via 192.0.2.1 pref high\n"
                "frobnicate 10.27.0.0/16\n"
                "to\n"
                "10.28.0.0/16 via 192.0.2.1 mtu lock\n"
                "10.29.0.0/16 via 192.0.2.1 src 2001:db8::1\n"
                "10.26.0.0/16 via 192.0.2.1\n",
                AF_INET, "10.26.0.0/16 via 192.0.2.1 proto boot\n",
                "route-bond0:1: error: unknown route option 'metrc'\n"
                "  hint: did you mean 'metric'?\n"
                "route-bond0:2: error: route option 'window' is not supported by bondcfg\n"
                "  hint: bondcfg sets a route's type, destination, via, dev, table, metric, src, "
                "proto, scope, tos, mtu and onlink; leave the route to another tool, or drop "
                "the option\n"
                "route-bond0:3: error: route option 'window' is not supported by bondcfg ('w' "
                "is how ip abbreviates 'window')\n"
                "  hint: bondcfg sets a route's type, destination, via, dev, table, metric, src, "
                "proto, scope, tos, mtu and onlink; leave the route to another tool, or drop "
                "the option\n"
                "route-bond0:4: error: 'metric' needs a value\n"
                "  hint: metric NUMBER\n"
                "route-bond0:5: error: invalid metric 'ten'\n"
                "  hint: a number from 0 to 4294967295\n"
                "route-bond0:6: error: no destination in this route\n"
                "  hint: start the line with the destination: ADDRESS/PREFIXLEN or default\n"
                "route-bond0:7: error: '#' starts no comment in the middle of a line\n"
                "  hint: put the comment on a line of its own: ifup-routes passes the rest of "
                "the line to ip\n"
                "route-bond0:8: error: backslash in '192.0.2.1\\'\n"
                "  hint: remove it: initscripts' `read` drops it, NetworkManager keeps it\n"
                "route-bond0:9: error: quote in '\"192.0.2.1\"'\n"
                "  hint: remove the quotes: ifup-routes passes the line to ip unquoted, quotes "
                "and all\n"
                "route-bond0:10: error: destination '2001:db8::/32' is an IPv6 address in an "
                "IPv4 file\n"
                "  hint: IPv6 routes and rules go into route6-DEV and rule6-DEV\n"
                "route-bond0:11: error: '10.9.1.0/16' has bits set beyond its /16: the kernel "
                "refuses it\n"
                "  hint: did you mean 10.9.0.0/16?\n"
                "route-bond0:12: error: a blackhole route takes no gateway nor device: the "
                "kernel refuses it\n"
                "  hint: drop the via and dev\n"
                "route-bond0:13: error: invalid device name 'bond0/1'\n"
                "  hint: a device name has 1 to 15 characters, no '/' and no blanks\n"
                "route-bond0:14: error: a second 'via': that is a multipath route\n"
                "  hint: bondcfg installs routes with one gateway\n"
                "route-bond0:15: error: route type 'broadcast' is not supported\n"
                "  hint: bondcfg installs unicast, local, blackhole, unreachable, prohibit and "
                "throw routes\n"
                "route-bond0:16: error: unknown table 'isp'\n"
                "  hint: main, local, default, a name from rt_tables, or a number\n"
                "route-bond0:17: error: invalid proto 'foo'\n"
                "  hint: boot, static, kernel, ra, dhcp, redirect, a name from rt_protos, or a "
                "number to 255\n"
                "route-bond0:18: error: invalid scope 'wide'\n"
                "  hint: global, site, link, host, nowhere or a number to 255\n"
                "route-bond0:19: error: invalid tos '0x100'\n"
                "  hint: a hex number from 0 to ff, e.g. 0x10\n"
                "route-bond0:20: error: mtu 0 sets no MTU\n"
                "  hint: give the MTU in bytes, e.g. mtu 1400\n"
                "route-bond0:21: error: invalid via '192.0.2.300': not an IPv4 address\n"
                "  hint: write it as 192.0.2.1\n"
                "route-bond0:22: error: invalid destination '10.20.0.0/33': not an IPv4 prefix\n"
                "  hint: write it as 192.0.2.0/24, or default\n"
                "route-bond0:23: error: unknown route option '10.22.0.0/16'\n"
                "  hint: the destination is 10.21.0.0 already; see ip-route(8)\n"
                "route-bond0:24: error: a gateway of another family (via inet6) is not "
                "supported\n"
                "  hint: give a gateway of the route's own family\n"
                "route-bond0:25: error: route option 'nexthop' is not supported by bondcfg\n"
                "  hint: bondcfg sets a route's type, destination, via, dev, table, metric, src, "
                "proto, scope, tos, mtu and onlink; leave the route to another tool, or drop "
                "the option\n"
                "route-bond0:26: error: 'blackhole' needs a value\n"
                "  hint: TYPE PREFIX, e.g. 'blackhole 10.0.0.0/8'\n"
                "route-bond0:27: error: route option 'pref' is not supported by bondcfg\n"
                "  hint: bondcfg sets a route's type, destination, via, dev, table, metric, src, "
                "proto, scope, tos, mtu and onlink; leave the route to another tool, or drop "
                "the option\n"
                "route-bond0:28: error: unknown route option 'frobnicate'\n"
                "  hint: see ip-route(8) for the options\n"
                "route-bond0:29: error: 'to' needs a value\n"
                "  hint: to PREFIX\n"
                "route-bond0:30: error: 'mtu' needs a value\n"
                "  hint: mtu lock BYTES\n"
                "route-bond0:31: error: src '2001:db8::1' is an IPv6 address in an IPv4 file\n"
                "  hint: IPv6 routes and rules go into route6-DEV and rule6-DEV\n");
}

static void test_warnings(void)
{
        assert_routes("010.1.0.0/16 via 192.0.2.1\n"
                      "10.2.0.0/16 via 192.0.2.1 metric 1 metric 2\n"
                      "10.3.0.0/16 via 192.0.2.1\n"
                      "10.3.0.0/16 via 192.0.2.9\n"
                      "10.3.0.0/16 via 192.0.2.9 tos 0x10\n",
                      AF_INET,
                      "8.1.0.0/16 via 192.0.2.1 proto boot\n"
                      "10.2.0.0/16 via 192.0.2.1 metric 2 proto boot\n"
                      "10.3.0.0/16 via 192.0.2.1 proto boot\n"
                      "10.3.0.0/16 via 192.0.2.9 proto boot\n"
                      "10.3.0.0/16 tos 0x10 via 192.0.2.9 proto boot\n",
                      "route-bond0:1: warning: ip reads '010.1.0.0/16' as 8.1.0.0: a part that "
                      "starts with 0 is octal (0x: hex)\n"
                      "  hint: write the address in plain dotted decimal, without leading zeros\n"
                      "route-bond0:2: warning: 'metric' is given twice; the last one counts, as "
                      "for ip\n"
                      "  hint: give it once\n"
                      "route-bond0:4: warning: this route replaces the one of line 3 (same "
                      "destination)\n"
                      "  hint: the kernel keeps one route per destination, table, tos and metric: "
                      "remove one, or give them different metrics\n");
        assert_routes("2001:db8:7::1/48 dev bond0\n"
                      "2001:db8:8::/48 via 2001:db8::1 tos 0x10\n"
                      "10.0.0.0/8 dev bond0\n"
                      "2001:db8:9::/48 via fe80::1 dev bond0\n"
                      "2001:db8:9::/48 via fe80::2 dev bond0\n",
                      AF_INET6,
                      "2001:db8:7::/48 dev bond0 metric 1024 proto boot\n"
                      "2001:db8:9::/48 via fe80::1 dev bond0 metric 1024 proto boot\n"
                      "2001:db8:9::/48 via fe80::2 dev bond0 metric 1024 proto boot\n",
                      "route6-bond0:1: warning: '2001:db8:7::1/48' has bits set beyond its /48: "
                      "the kernel installs 2001:db8:7::/48\n"
                      "  hint: write the network address\n"
                      "route6-bond0:2: error: the kernel takes no tos in an IPv6 route\n"
                      "  hint: drop it\n"
                      "route6-bond0:3: error: destination '10.0.0.0/8' is an IPv4 address in an "
                      "IPv6 file\n"
                      "  hint: IPv4 routes and rules go into route-DEV and rule-DEV\n"
                      "route6-bond0:5: warning: this route replaces the one of line 4 (same "
                      "destination)\n"
                      "  hint: the kernel keeps one route per destination, table and metric: "
                      "remove one, or give them different metrics\n");
}

static void test_nul(void)
{
        static const char buf[] = "10.1.0.0/16 via 192.0.2.1\n10.2.0.0/16\0 via 192.0.2.1\n";
        g_autoptr(DiagList) d = diag_list_new();
        g_autoptr(GPtrArray) routes =
                g_ptr_array_new_with_free_func((GDestroyNotify)net_route_free);

        g_assert_cmpint(route_file_parse_buffer("route-bond0", buf, sizeof(buf) - 1, "bond0",
                                                AF_INET, NULL, routes, d),
                        ==, 0);
        g_assert_cmpuint(routes->len, ==, 0);
        assert_diags(d, "route-bond0:2: error: NUL byte: not a text file\n"
                        "  hint: a route or rule file must be plain text\n");
        g_assert_cmpint(route_file_parse_buffer("x", "", 0, NULL, AF_UNSPEC, NULL, routes, d), ==,
                        -EINVAL);
}

/* ---- lines to bytes: the same as iproute2's ------------------------------ */

static void assert_line_bytes(int family, const char *line, const char *hex)
{
        g_autoptr(DiagList) d = diag_list_new();
        g_autoptr(GPtrArray) routes = parse(line, family, d);
        g_autoptr(NlMsg) m = NULL;
        NetRoute *r;

        g_assert_cmpuint(routes->len, ==, 1);
        r = routes->pdata[0];
        if (r->oif)
                r->ifindex = 3;
        m = net_route_msg_add(r, false);
        assert_msg_hex(m, hex);
}

static void test_line_bytes(void)
{
        /* the lines passed to `ip -4|-6 route add` */
        assert_line_bytes(AF_INET, "10.1.0.0/16 via 192.0.2.1 metric 10 table 100 dev d0",
                          "3c0000001800050680040d6b00000000021000006403000100000000080001000a010000"
                          "08000500c0000201080006000a0000000800040003000000");
        assert_line_bytes(AF_INET, "10.30.0.0/16 dev d0 met 5 t 100 pro static",
                          "340000001800050680040d6b00000000021000006404fd0100000000080001000a1e0000"
                          "08000600050000000800040003000000");
        assert_line_bytes(AF_INET, "10.31.0.0/16 dev d0 p 7",
                          "340000001800050680040d6b0000000002100000fe03fd0100000000080001000a1f0000"
                          "08000600070000000800040003000000");
        assert_line_bytes(
                AF_INET, "u 10.33.0.0/16",
                "240000001800050681040d6b0000000002100000fe03000700000000080001000a210000");
        assert_line_bytes(AF_INET, "10.34.0.0/16 dev d0 d 0x10",
                          "2c0000001800050681040d6b0000000002100010fe03fd0100000000080001000a220000"
                          "0800040003000000");
        assert_line_bytes(
                AF_INET, "bl 10.36.0.0/16",
                "240000001800050681040d6b0000000002100000fe03000600000000080001000a240000");
        assert_line_bytes(AF_INET, "10.37/16 dev d0",
                          "2c0000001800050681040d6b0000000002100000fe03fd0100000000080001000a250000"
                          "0800040003000000");
        assert_line_bytes(AF_INET, "10.38.0.0/255.255.0.0 dev d0",
                          "2c0000001800050682040d6b0000000002100000fe03fd0100000000080001000a260000"
                          "0800040003000000");
        assert_line_bytes(AF_INET, "10.39.0.0/16 dev d0 preference 9",
                          "340000001800050682040d6b0000000002100000fe03fd0100000000080001000a270000"
                          "08000600090000000800040003000000");
        assert_line_bytes(AF_INET, "010.41.0.0/16 dev d0",
                          "2c0000001800050682040d6b0000000002100000fe03fd01000000000800010008290000"
                          "0800040003000000");
        assert_line_bytes(AF_INET, "to unicast 10.42.0.0/16 via 192.0.2.1 dev d0 table main",
                          "340000001800050682040d6b0000000002100000fe03000100000000080001000a2a0000"
                          "08000500c00002010800040003000000");
        assert_line_bytes(
                AF_INET,
                "10.43.0.0/16 via inet 192.0.2.1 priority 0x10 table local dev d0 proto ra scope "
                "200 mtu 0x500",
                "480000001800050682040d6b0000000002100000ff09c80100000000080001000a2b0000"
                "08000500c0000201080006001000000008000400030000000c0008000800020000050000");
        assert_line_bytes(AF_INET, "default via 192.0.2.1 dev d0 onlink",
                          "340000001800050683040d6b0000000002000000fe030001040000000800010000000000"
                          "08000500c00002010800040003000000");
        assert_line_bytes(AF_INET, "local 10.7.0.1 dev d0",
                          "2c0000001800050683040d6b0000000002200000ff03fe0200000000080001000a070001"
                          "0800040003000000");
        assert_line_bytes(AF_INET,
                          "10.8.0.0/16 src 192.0.2.2 via 192.0.2.1 table 1000 dev d0 mtu lock 1400",
                          "580000001800050683040d6b00000000021000000003000100000000080001000a080000"
                          "08000700c000020208000500c000020108000f00e8030000080004000300000014000800"
                          "08000200780500000800010004000000");
        assert_line_bytes(AF_INET,
                          "10.9.0.0/16 via 192.0.2.1 dev d0 onlink tos 0x10 proto static scope "
                          "global mtu 1300",
                          "400000001800050683040d6b0000000002100010fe04000104000000080001000a090000"
                          "08000500c000020108000400030000000c0008000800020014050000");
        assert_line_bytes(
                AF_INET, "throw 10.6.0.0/16 table 100",
                "240000001800050683040d6b00000000021000006403000900000000080001000a060000");
        assert_line_bytes(AF_INET, "10.10.0.0/16 dev d0 scope host proto 99",
                          "2c0000001800050684040d6b0000000002100000fe63fe0100000000080001000a0a0000"
                          "0800040003000000");
        assert_line_bytes(AF_INET6, "default via fe80::1 table 200 dev d0",
                          "4c0000001800050684040d6b000000000a000000c8030001000000001400010000000000"
                          "00000000000000000000000014000500fe80000000000000000000000000000108000400"
                          "03000000");
        assert_line_bytes(
                AF_INET6,
                "2001:db8:3::/48 src 2001:db8::2 via 2001:db8::1 table 300 dev d0 mtu 1280",
                "740000001800050684040d6b000000000a30000000030001000000001400010020010db8"
                "0003000000000000000000001400070020010db800000000000000000000000214000500"
                "20010db800000000000000000000000108000f002c01000008000400030000000c000800"
                "0800020000050000");
        assert_line_bytes(AF_INET6, "blackhole 2001:db8:4::/48",
                          "300000001800050684040d6b000000000a300000fe030006000000001400010020010db8"
                          "000400000000000000000000");
        assert_line_bytes(AF_INET6, "2001:db8:1::/48 via 2001:db8::1 metric 1024 dev d0",
                          "540000001800050684040d6b000000000a300000fe030001000000001400010020010db8"
                          "0001000000000000000000001400050020010db800000000000000000000000108000600"
                          "000400000800040003000000");
}

/* ---- the key=value form ---------------------------------------------------- */

static void test_keyvalue(void)
{
        g_autoptr(DiagList) d = diag_list_new();
        g_autoptr(GPtrArray) routes = parse("# routes of bond0\n"
                                            "ADDRESS0=10.10.10.0\n"
                                            "NETMASK0=255.255.255.0\n"
                                            "GATEWAY0=192.0.2.1\n"
                                            "ADDRESS1=\"172.16.0.0\"\n"
                                            "NETMASK1='255.240.0.0'\n"
                                            "GATEWAY1=192.0.2.2\n"
                                            "METRIC1=300\n"
                                            "OPTIONS1=\"table 100 mtu lock 1400 onlink\"\r\n"
                                            "  ADDRESS2=198.51.100.7\n"
                                            "GATEWAY2=0.0.0.0\n",
                                            AF_INET, d);
        const NetRoute *r;
        g_autofree char *s0 = NULL, *s1 = NULL, *s2 = NULL;

        g_assert_cmpuint(routes->len, ==, 3);
        s0 = net_route_format(routes->pdata[0]);
        s1 = net_route_format(routes->pdata[1]);
        s2 = net_route_format(routes->pdata[2]);
        g_assert_cmpstr(s0, ==, "10.10.10.0/24 via 192.0.2.1 dev bond0 proto boot");
        g_assert_cmpstr(s1, ==,
                        "172.16.0.0/12 via 192.0.2.2 dev bond0 table 100 metric 300 "
                        "proto boot onlink mtu lock 1400");
        g_assert_cmpstr(s2, ==, "198.51.100.7 dev bond0 proto boot scope link");
        r = routes->pdata[1];
        g_assert_cmpuint(r->origin.line, ==, 5);
        g_assert_cmpstr(r->origin.text, ==,
                        "ADDRESS1=172.16.0.0 NETMASK1=255.240.0.0 GATEWAY1=192.0.2.2 "
                        "METRIC1=300 OPTIONS1=\"table 100 mtu lock 1400 onlink\"");
        assert_diags(d, "route-bond0:10: warning: no NETMASK2: the route to 198.51.100.7 is a "
                        "host route (/32), as ipcalc -p gives it\n"
                        "  hint: add NETMASK2=255.255.255.255, or the mask you mean: "
                        "NetworkManager refuses a route without it, and RHEL 7 used the address "
                        "class's mask\n");
}

static void test_keyvalue_errors(void)
{
        assert_routes("ADDRESS0=10.1.0.0\n"
                      "NETMASK0=255.255.0.0\n"
                      "GATWAY0=192.0.2.1\n"
                      "ADDRESS1=10.2.0.0\n"
                      "NETMASK1=255.0.255.0\n"
                      "ADDRESS2=10.3.0.0/16\n"
                      "ADDRESS3=10.4.1.0\n"
                      "NETMASK3=255.255.0.0\n"
                      "ADDRESS4=10.5.0.0\n"
                      "NETMASK4=255.255.0.0\n"
                      "GATEWAY4=192.0.2.300\n"
                      "ADDRESS5=10.6.0.0\n"
                      "NETMASK5=255.255.0.0\n"
                      "METRIC5=-1\n"
                      "ADDRESS6=10.7.0.0\n"
                      "NETMASK6=255.255.0.0\n"
                      "OPTIONS6=\"via 192.0.2.1\"\n"
                      "ADDRESS7=10.8.0.0\n"
                      "NETMASK7=255.255.0.0\n"
                      "OPTIONS7=\"proto static\"\n"
                      "ADDRESS8=10.9.0.0\n"
                      "NETMASK8=255.255.0.0\n"
                      "OPTIONS8=\"tab 5\"\n"
                      "ADDRESS9=10.10.0.0\n"
                      "NETMASK9=255.255.0.0\n"
                      "OPTIONS9=\"window 5\"\n"
                      "ADDRESS11=10.11.0.0\n"
                      "GATEWAY12=192.0.2.1\n"
                      "ADDRESS010=10.12.0.0\n"
                      "NETMASK=255.0.0.0\n",
                      AF_INET, "10.1.0.0/16 dev bond0 proto boot scope link\n",
                      "route-bond0:3: error: unknown key 'GATWAY0' in a route file\n"
                      "  hint: did you mean 'GATEWAY0'?\n"
                      "route-bond0:27: warning: ADDRESS11 is not read: ifup-routes stops at the "
                      "first missing ADDRESSn, ADDRESS10\n"
                      "  hint: number the routes 0, 1, 2... without a gap\n"
                      "route-bond0:28: warning: GATEWAY12 is not read: ifup-routes stops at the "
                      "first missing ADDRESSn, ADDRESS10\n"
                      "  hint: number the routes 0, 1, 2... without a gap\n"
                      "route-bond0:29: error: unknown key 'ADDRESS010' in a route file\n"
                      "  hint: ifup-routes reads ADDRESS0, ADDRESS1...: write the number without "
                      "leading zeros\n"
                      "route-bond0:30: error: unknown key 'NETMASK' in a route file\n"
                      "  hint: ifup-routes reads NETMASK0, NETMASK1, NETMASK2...\n"
                      "route-bond0:5: error: invalid NETMASK1 '255.0.255.0'\n"
                      "  hint: a contiguous netmask, e.g. 255.255.255.0\n"
                      "route-bond0:6: error: invalid ADDRESS2 '10.3.0.0/16'\n"
                      "  hint: an IPv4 address, e.g. 192.0.2.0\n"
                      "route-bond0:7: error: 10.4.1.0/16 has bits set beyond the netmask: the "
                      "kernel refuses it\n"
                      "  hint: did you mean 10.4.0.0?\n"
                      "route-bond0:11: error: invalid GATEWAY4 '192.0.2.300'\n"
                      "  hint: an IPv4 address, e.g. 192.0.2.1\n"
                      "route-bond0:14: error: invalid METRIC5 '-1'\n"
                      "  hint: a number from 0 to 4294967295\n"
                      "route-bond0:17: error: 'via' is not an option NetworkManager reads in "
                      "OPTIONSn\n"
                      "  hint: OPTIONSn takes table, src, tos, scope, mtu, onlink and a type, "
                      "written out; ADDRESSn, GATEWAYn and METRICn give the rest\n"
                      "route-bond0:20: error: 'proto' is not an option NetworkManager reads in "
                      "OPTIONSn\n"
                      "  hint: OPTIONSn takes table, src, tos, scope, mtu, onlink and a type, "
                      "written out; ADDRESSn, GATEWAYn and METRICn give the rest\n"
                      "route-bond0:23: error: 'tab' is not an option NetworkManager reads in "
                      "OPTIONSn\n"
                      "  hint: OPTIONSn takes table, src, tos, scope, mtu, onlink and a type, "
                      "written out; ADDRESSn, GATEWAYn and METRICn give the rest\n"
                      "route-bond0:26: error: route option 'window' is not supported by bondcfg\n"
                      "  hint: bondcfg sets a route's type, destination, via, dev, table, metric, "
                      "src, proto, scope, tos, mtu and onlink; leave the route to another tool, or "
                      "drop the option\n");
}

static void test_keyvalue_skipped(void)
{
        /* handle_file(): no ADDRESS0, the whole file is skipped */
        assert_routes("ADDRESS1=10.1.0.0\nNETMASK1=255.255.0.0\n", AF_INET, "",
                      "route-bond0: error: no ADDRESS0: ifup-routes skips the whole file\n"
                      "  hint: number the routes from 0: ADDRESS0, ADDRESS1...\n");
        /* an empty ADDRESS1 ends the list */
        assert_routes("ADDRESS0=10.1.0.0\nNETMASK0=255.255.0.0\nADDRESS1=\nADDRESS2=10.2.0.0\n",
                      AF_INET, "10.1.0.0/16 dev bond0 proto boot scope link\n",
                      "route-bond0:3: warning: ADDRESS1 is empty: ifup-routes takes it as unset "
                      "and reads no route from here on\n"
                      "  hint: remove it, or give it an address\n"
                      "route-bond0:4: warning: ADDRESS2 is not read: ifup-routes stops at the "
                      "first missing ADDRESSn, ADDRESS1\n"
                      "  hint: number the routes 0, 1, 2... without a gap\n");
        /* a commented-out ADDRESS0= does not make the key=value form */
        assert_routes("#ADDRESS0=10.1.0.0\n10.1.0.0/16 dev bond0\n", AF_INET,
                      "10.1.0.0/16 dev bond0 proto boot scope link\n", "");
        /* route6-DEV has no key=value form */
        assert_routes("ADDRESS0=2001:db8::\n", AF_INET6, "",
                      "route6-bond0: error: the ADDRESSn= form is for IPv4 route-DEV files; "
                      "NetworkManager reads route6-DEV lines as ip arguments only\n"
                      "  hint: write one `ip -6 route add` argument list per line, e.g. "
                      "'2001:db8:1::/48 via 2001:db8::1'\n");
        /* the ifcfg reader's own diagnostics come through, and a value it
         * refuses ($VAR) still counts as set */
        assert_routes("ADDRESS0=$NET\nADDRESS1=10.2.0.0\nNETMASK1=255.255.0.0\n", AF_INET,
                      "10.2.0.0/16 dev bond0 proto boot scope link\n",
                      "route-bond0:1: error: ADDRESS0: the value needs shell evaluation ($VAR), "
                      "which bondcfg never does\n"
                      "  hint: write the literal value instead; a literal '$' or '`' must be "
                      "written as \\$ or inside '...'\n");
}

/* ---- names and files ------------------------------------------------------ */

static void write_file(const char *dir, const char *name, const char *text)
{
        g_autofree char *path = g_build_filename(dir, name, NULL);
        g_autofree char *parent = g_path_get_dirname(path);

        g_assert_cmpint(g_mkdir_with_parents(parent, 0755), ==, 0);
        g_assert_true(g_file_set_contents(path, text, -1, NULL));
}

static void test_names(void)
{
        g_autofree char *tmp = g_dir_make_tmp("bondcfg-names-XXXXXX", NULL);
        g_autofree char *etc = g_build_filename(tmp, "etc", NULL);
        g_autofree char *usr = g_build_filename(tmp, "usr", NULL);
        g_autoptr(IpNames) n = ip_names_new();
        g_autoptr(DiagList) d = diag_list_new();
        g_autoptr(GPtrArray) routes =
                g_ptr_array_new_with_free_func((GDestroyNotify)net_route_free);
        const char *text = "10.1.0.0/16 via 192.0.2.1 table isp proto bgpd\n"
                           "10.2.0.0/16 via 192.0.2.1 table vpn\n"
                           "10.3.0.0/16 via 192.0.2.1 table backup\n";
        uint32_t t;
        uint8_t p;

        write_file(usr, "rt_tables", "255 local\n254 main\n0x65 backup\n");
        write_file(usr, "rt_tables.d/vendor.conf", "300 vpn\n");
        write_file(usr, "rt_tables.d/over.conf", "301 over\n");
        write_file(etc, "rt_tables",
                   "# reserved\n255\tlocal\n254 main # the main table\n"
                   "100 isp\n");
        write_file(etc, "rt_tables.d/over.conf", "302 over\n");
        write_file(etc, "rt_tables.d/notconf.txt", "303 ignored\n");
        write_file(etc, "rt_protos", "186 bgpd\nbogus line\n187 never\n");
        g_assert_cmpint(ip_names_load(n, etc, usr, d), ==, 0);

        g_assert_cmpint(ip_table_from_string(n, "isp", &t), ==, 0);
        g_assert_cmpuint(t, ==, 100);
        g_assert_cmpint(ip_table_from_string(n, "backup", &t), ==, -EINVAL); /* etc wins */
        g_assert_cmpint(ip_table_from_string(n, "vpn", &t), ==, 0);
        g_assert_cmpuint(t, ==, 300);
        g_assert_cmpint(ip_table_from_string(n, "over", &t), ==, 0);
        g_assert_cmpuint(t, ==, 302);
        g_assert_cmpint(ip_table_from_string(n, "ignored", &t), ==, -EINVAL);
        g_assert_cmpint(ip_table_from_string(NULL, "main", &t), ==, 0);
        g_assert_cmpuint(t, ==, RT_TABLE_MAIN);
        g_assert_cmpint(ip_table_from_string(NULL, "0x10", &t), ==, 0);
        g_assert_cmpuint(t, ==, 16);
        g_assert_cmpint(ip_proto_from_string(n, "bgpd", &p), ==, 0);
        g_assert_cmpuint(p, ==, 186);
        g_assert_cmpint(ip_proto_from_string(n, "bgp", &p), ==, -EINVAL); /* renamed */
        g_assert_cmpint(ip_proto_from_string(n, "never", &p), ==, -EINVAL);
        g_assert_cmpint(ip_proto_from_string(n, "static", &p), ==, 0);
        g_assert_cmpuint(p, ==, RTPROT_STATIC);

        route_file_parse_buffer("route-bond0", text, strlen(text), "bond0", AF_INET, n, routes, d);
        g_assert_cmpuint(routes->len, ==, 2);
        g_assert_cmpuint(((NetRoute *)routes->pdata[0])->table, ==, 100);
        g_assert_cmpuint(((NetRoute *)routes->pdata[0])->protocol, ==, 186);
        g_assert_cmpuint(((NetRoute *)routes->pdata[1])->table, ==, 300);
        g_assert_cmpuint(d->items->len, ==, 2);
        g_assert_cmpstr(((Diag *)d->items->pdata[0])->message, ==,
                        "malformed line; ip stops reading the file here");
        g_assert_cmpuint(((Diag *)d->items->pdata[0])->line, ==, 2);
        g_assert_cmpstr(((Diag *)d->items->pdata[1])->message, ==, "unknown table 'backup'");

        /* no /etc file: the vendor one */
        {
                g_autoptr(IpNames) n2 = ip_names_new();
                g_autofree char *none = g_build_filename(tmp, "none", NULL);

                ip_names_load(n2, none, usr, NULL);
                g_assert_cmpint(ip_table_from_string(n2, "backup", &t), ==, 0);
                g_assert_cmpuint(t, ==, 0x65);
                g_assert_cmpint(ip_table_from_string(n2, "over", &t), ==, 0);
                g_assert_cmpuint(t, ==, 301);
        }
        {
                g_autofree char *cmd = g_strdup_printf("rm -rf '%s'", tmp);

                g_assert_cmpint(system(cmd), ==, 0);
        }
}

static void test_load(void)
{
        g_autofree char *tmp = g_dir_make_tmp("bondcfg-route-XXXXXX", NULL);
        g_autofree char *path = g_build_filename(tmp, "route-bond0", NULL);
        g_autofree char *missing = g_build_filename(tmp, "route-bond1", NULL);
        g_autoptr(DiagList) d = diag_list_new();
        g_autoptr(GPtrArray) routes =
                g_ptr_array_new_with_free_func((GDestroyNotify)net_route_free);

        g_assert_true(g_file_set_contents(path, "10.1.0.0/16 via 192.0.2.1 metrc 3\n", -1, NULL));
        g_assert_cmpint(route_file_load(missing, "bond1", AF_INET, NULL, routes, d), ==, -ENOENT);
        g_assert_cmpint(route_file_load(tmp, "bond1", AF_INET, NULL, routes, d), <, 0);
        g_assert_cmpint(route_file_load(path, "bond0", AF_INET, NULL, routes, d), ==, 0);
        g_assert_cmpuint(routes->len, ==, 0);
        g_assert_cmpuint(d->items->len, ==, 1);
        g_assert_cmpstr(((Diag *)d->items->pdata[0])->file, ==, path);
        g_assert_cmpuint(((Diag *)d->items->pdata[0])->line, ==, 1);
        g_assert_cmpint(g_unlink(path), ==, 0);
        g_assert_cmpint(g_rmdir(tmp), ==, 0);
}

/* Random bytes and random mixes of real words: diagnostics, never a crash. */
static void test_garbage(void)
{
        static const char *const words[] = {
                "10.1.0.0/16",
                "via",
                "192.0.2.1",
                "dev",
                "bond0",
                "table",
                "metric",
                "mtu",
                "lock",
                "src",
                "to",
                "blackhole",
                "local",
                "default",
                "2001:db8::/32",
                "#",
                "\"",
                "\\",
                "ADDRESS0=10.0.0.0",
                "NETMASK0=255.0.0.0",
                "OPTIONS0=\"table",
                "1",
                "0x",
                "\r\n",
                "\n",
                " ",
                "\t",
                "=",
                "proto",
                "scope",
                "tos",
                "onlink",
                "p",
                "t",
                "b",
                "",
        };
        GRand *rand = g_rand_new_with_seed(99);

        for (int n = 0; n < 3000; n++) {
                g_autoptr(GString) s = g_string_new(NULL);
                g_autoptr(DiagList) d = diag_list_new();
                g_autoptr(GPtrArray) routes =
                        g_ptr_array_new_with_free_func((GDestroyNotify)net_route_free);
                int len = g_rand_int_range(rand, 0, 40);

                for (int i = 0; i < len; i++) {
                        if (g_rand_boolean(rand))
                                g_string_append_c(s, (char)g_rand_int_range(rand, 1, 256));
                        else
                                g_string_append_printf(
                                        s, "%s ",
                                        words[g_rand_int_range(rand, 0, G_N_ELEMENTS(words))]);
                }
                route_file_parse_buffer("route-x", s->str, s->len, "x", n % 2 ? AF_INET : AF_INET6,
                                        NULL, routes, d);
                for (guint i = 0; i < routes->len; i++) {
                        g_autofree char *f = net_route_format(routes->pdata[i]);

                        g_assert_nonnull(f);
                }
        }
        g_rand_free(rand);
}

int main(int argc, char **argv)
{
        g_test_init(&argc, &argv, NULL);
        g_test_add_func("/route-file/options", test_options);
        g_test_add_func("/route-file/types", test_types);
        g_test_add_func("/route-file/ipv6", test_ipv6);
        g_test_add_func("/route-file/abbreviations", test_abbreviations);
        g_test_add_func("/route-file/comments-crlf", test_comments_crlf);
        g_test_add_func("/route-file/origin", test_origin);
        g_test_add_func("/route-file/errors", test_errors);
        g_test_add_func("/route-file/warnings", test_warnings);
        g_test_add_func("/route-file/nul", test_nul);
        g_test_add_func("/route-file/line-bytes", test_line_bytes);
        g_test_add_func("/route-file/keyvalue", test_keyvalue);
        g_test_add_func("/route-file/keyvalue-errors", test_keyvalue_errors);
        g_test_add_func("/route-file/keyvalue-skipped", test_keyvalue_skipped);
        g_test_add_func("/route-file/names", test_names);
        g_test_add_func("/route-file/load", test_load);
        g_test_add_func("/route-file/garbage", test_garbage);
        return g_test_run();
}
