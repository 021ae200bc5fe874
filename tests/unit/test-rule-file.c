/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * rule-DEV / rule6-DEV files: every option, every diagnostic with its
 * file:line and hint, and lines turned into the very bytes iproute2 6.1 sent
 * for `ip -4|-6 rule add LINE` (captured with strace in a network namespace).
 */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <glib.h>
#include <linux/fib_rules.h>
#include <linux/rtnetlink.h>

#include "file-test.h"
#include "netlink.h"
#include "nl-hex.h"
#include "route-file.h"

static GPtrArray *parse(const char *text, int family, DiagList *diags)
{
        GPtrArray *rules = g_ptr_array_new_with_free_func((GDestroyNotify)net_rule_free);
        const char *path = family == AF_INET6 ? "rule6-bond0" : "rule-bond0";

        g_assert_cmpint(
                rule_file_parse_buffer(path, text, strlen(text), family, NULL, rules, diags), ==,
                0);
        return rules;
}

static void assert_rules(const char *text, int family, const char *want, const char *want_diags)
{
        g_autoptr(DiagList) d = diag_list_new();
        g_autoptr(GPtrArray) rules = parse(text, family, d);
        g_autoptr(GString) s = g_string_new(NULL);

        for (guint i = 0; i < rules->len; i++) {
                g_autofree char *one = net_rule_format(rules->pdata[i]);

                g_string_append_printf(s, "%s\n", one);
        }
        g_assert_cmpstr(s->str, ==, want);
        assert_diags(d, want_diags);
}

static void test_options(void)
{
        assert_rules("from 192.0.2.0/24 lookup 100 priority 1000\n"
                     "# a comment\n"
                     "\n"
                     "not to 198.51.100.0/24 pref 2000 tos 0x10 fwmark 0x10/0xff proto static "
                     "table 1000 suppress_prefixlength 0 iif bond0 oif bond1 uidrange 100-200 "
                     "ipproto tcp sport 1000-2000 dport 443\r\n"
                     "from all fwmark 1 order 3000 blackhole\n"
                     "from 192.0.2.9 unreachable\n"
                     "dev bond0 prohibit\n"
                     "to 10.0.0.0/8 type nop\n"
                     "pref 3004 goto 5000\n"
                     "from 192.0.2.5/24 lookup main\n"
                     "from any to default lookup default\n"
                     "fwmark 0x7 dsfield 8 lookup local sup_pl 24\n"
                     "iif bond0 lookup 7 unicast\n"
                     "ipproto 132 dport 7 lookup 5 proto 42",
                     AF_INET,
                     "1000: from 192.0.2.0/24 lookup 100\n"
                     "2000: not from all to 198.51.100.0/24 tos 0x10 fwmark 0x10/0xff iif bond0 "
                     "oif bond1 uidrange 100-200 ipproto tcp sport 1000-2000 dport 443 lookup 1000 "
                     "suppress_prefixlength 0 proto static\n"
                     "3000: from all fwmark 0x1 blackhole\n"
                     "from 192.0.2.9 unreachable\n"
                     "from all iif bond0 prohibit\n"
                     "from all to 10.0.0.0/8 nop\n"
                     "3004: from all goto 5000\n"
                     "from 192.0.2.5/24 lookup main\n"
                     "from all lookup default\n"
                     "from all tos 0x08 fwmark 0x7 lookup local suppress_prefixlength 24\n"
                     "from all iif bond0 lookup 7\n"
                     "from all ipproto sctp dport 7 lookup 5 proto babel\n",
                     "");
        assert_rules("from 2001:db8::/32 lookup 100 pref 100\n"
                     "not from 2001:db8::1 to 2001:db8:2::/64 tos 4 table 100000\n",
                     AF_INET6,
                     "100: from 2001:db8::/32 lookup 100\n"
                     "not from 2001:db8::1 to 2001:db8:2::/64 tos 0x04 lookup 100000\n",
                     "");
}

static void test_abbreviations(void)
{
        assert_rules("from 1.2.3.4 n\n"
                     "from 1.2.3.4 p 10 ta 5 bl\n"
                     "from 1.2.3.4 pr 11 lookup 6 u\n"
                     "from 1.2.3.4 o 12 pro static g 20\n"
                     "from 1.2.3.4 s 8 lookup 9\n"
                     "from 1.2.3.4 d 0x10 lookup 9 proh\n",
                     AF_INET,
                     "from 1.2.3.4 nop\n"
                     "10: from 1.2.3.4 lookup 5 blackhole\n"
                     "11: from 1.2.3.4 lookup 6 unreachable\n"
                     "12: from 1.2.3.4 goto 20 proto static\n"
                     "from 1.2.3.4 lookup 9 suppress_prefixlength 8\n"
                     "from 1.2.3.4 tos 0x10 lookup 9 prohibit\n",
                     "");
}

static void test_errors(void)
{
        assert_rules(
                "from 192.0.2.0/24 lookp 100\n"
                "from 192.0.2.0/24 realms 5 lookup 100\n"
                "t 5 from 192.0.2.0/24\n"
                "from 192.0.2.0/24 b\n"
                "from 192.0.2.0/24 lookup 0\n"
                "from 192.0.2.0/24 unicast\n"
                "fwmark 0x10/ lookup 5\n"
                "sport 2000-1000 lookup 5\n"
                "dport 0x50 lookup 5\n"
                "sport 80/0xff lookup 5\n"
                "uidrange 100 lookup 5\n"
                "from 2001:db8::/32 lookup 5\n"
                "from 192.0.2.0/24 lookup\n"
                "iif bond0/1 lookup 5\n"
                "ipproto tcpp lookup 5\n"
                "from 192.0.2.0/24 lookup isp\n"
                "from 192.0.2.0/24 local\n"
                "from 192.0.2.0/24 100\n"
                "suppress_prefixlength -1 lookup 5\n"
                "from 192.0.2.0/24 lookup 5 # comment\n"
                "l3mdev\n"
                "pref x lookup 5\n"
                "tos zz lookup 5\n"
                "proto nope lookup 5\n"
                "goto\n"
                "from 192.0.2.77 lookup 5\n",
                AF_INET, "from 192.0.2.77 lookup 5\n",
                "rule-bond0:1: error: unknown rule option 'lookp'\n"
                "  hint: did you mean 'lookup'?\n"
                "rule-bond0:2: error: rule option 'realms' is not supported by bondcfg\n"
                "  hint: bondcfg sets a rule's from, to, iif, oif, fwmark, tos, priority, "
                "table, action, suppress_prefixlength, ipproto, sport, dport, uidrange, proto "
                "and not\n"
                "rule-bond0:3: error: rule option 'tun_id' is not supported by bondcfg ('t' "
                "is how ip abbreviates 'tun_id')\n"
                "  hint: bondcfg sets a rule's from, to, iif, oif, fwmark, tos, priority, "
                "table, action, suppress_prefixlength, ipproto, sport, dport, uidrange, proto "
                "and not\n"
                "rule-bond0:4: error: rule action 'broadcast' is not supported ('b' is how ip "
                "abbreviates 'broadcast')\n"
                "  hint: a rule's action is lookup TABLE, goto, nop, blackhole, unreachable or "
                "prohibit\n"
                "rule-bond0:5: error: a lookup in table 0: the kernel makes up an empty table "
                "for it (IPv4) or refuses it (IPv6)\n"
                "  hint: give the table to look up: lookup main|NUMBER\n"
                "rule-bond0:6: error: a lookup in table 0: the kernel makes up an empty table "
                "for it (IPv4) or refuses it (IPv6)\n"
                "  hint: give the table to look up: lookup main|NUMBER\n"
                "rule-bond0:7: error: invalid fwmark '0x10/'\n"
                "  hint: fwmark MARK[/MASK], e.g. 0x10/0xff\n"
                "rule-bond0:8: error: invalid sport '2000-1000'\n"
                "  hint: a port, or a range FIRST-LAST, e.g. 1000-2000\n"
                "rule-bond0:9: error: invalid dport '0x50'\n"
                "  hint: a port, or a range FIRST-LAST, e.g. 1000-2000\n"
                "rule-bond0:10: error: invalid sport '80/0xff'\n"
                "  hint: a port, or a range FIRST-LAST, e.g. 1000-2000\n"
                "rule-bond0:11: error: invalid uidrange '100'\n"
                "  hint: uidrange FIRST-LAST, e.g. 1000-1999\n"
                "rule-bond0:12: error: from '2001:db8::/32' is an IPv6 address in an IPv4 "
                "file\n"
                "  hint: IPv6 routes and rules go into route6-DEV and rule6-DEV\n"
                "rule-bond0:13: error: 'lookup' needs a value\n"
                "  hint: see ip-rule(8)\n"
                "rule-bond0:14: error: invalid device name 'bond0/1'\n"
                "  hint: a device name has 1 to 15 characters, no '/' and no blanks\n"
                "rule-bond0:15: error: unknown ipproto 'tcpp'\n"
                "  hint: tcp, udp, icmp, ipv6-icmp, sctp... or a number to 255\n"
                "rule-bond0:16: error: unknown table 'isp'\n"
                "  hint: main, local, default, a name from rt_tables, or a number\n"
                "rule-bond0:17: error: rule action 'local' is not supported\n"
                "  hint: a rule's action is lookup TABLE, goto, nop, blackhole, unreachable or "
                "prohibit\n"
                "rule-bond0:18: error: unknown rule option '100'\n"
                "  hint: see ip-rule(8) for the options\n"
                "rule-bond0:19: error: invalid suppress_prefixlength '-1'\n"
                "  hint: a prefix length, e.g. 0\n"
                "rule-bond0:20: error: '#' starts no comment in the middle of a line\n"
                "  hint: put the comment on a line of its own: ifup-routes passes the rest of "
                "the line to ip\n"
                "rule-bond0:21: error: rule option 'l3mdev' is not supported by bondcfg\n"
                "  hint: bondcfg sets a rule's from, to, iif, oif, fwmark, tos, priority, "
                "table, action, suppress_prefixlength, ipproto, sport, dport, uidrange, proto "
                "and not\n"
                "rule-bond0:22: error: invalid priority 'x'\n"
                "  hint: a number from 0 to 4294967295\n"
                "rule-bond0:23: error: invalid tos 'zz'\n"
                "  hint: a hex number from 0 to ff, e.g. 0x10\n"
                "rule-bond0:24: error: invalid proto 'nope'\n"
                "  hint: boot, static, kernel, a name from rt_protos, or a number to 255\n"
                "rule-bond0:25: error: 'goto' needs a value\n"
                "  hint: goto PRIORITY\n");
        assert_rules("from 2001:db8::/32 unicast\n", AF_INET6, "",
                     "rule6-bond0:1: error: a lookup in table 0: the kernel makes up an empty "
                     "table for it (IPv4) or refuses it (IPv6)\n"
                     "  hint: give the table to look up: lookup main|NUMBER\n");
}

static void test_warnings(void)
{
        assert_rules("from 192.0.2.0/24 lookup 5 lookup 6\n"
                     "from 192.0.2.0/24 lookup 6\n"
                     "from 192.0.2.1 pref 9 lookup 7\n"
                     "from 192.0.2.1 pref 9 lookup 7\n"
                     "from 192.0.2.2 blackhole prohibit\n"
                     "from 010.0.0.0/8 lookup 5\n",
                     AF_INET,
                     "from 192.0.2.0/24 lookup 6\n"
                     "from 192.0.2.0/24 lookup 6\n"
                     "9: from 192.0.2.1 lookup 7\n"
                     "9: from 192.0.2.1 lookup 7\n"
                     "from 192.0.2.2 prohibit\n"
                     "from 8.0.0.0/8 lookup 5\n",
                     "rule-bond0:1: warning: 'lookup' is given twice; the last one counts, as for "
                     "ip\n"
                     "  hint: give it once\n"
                     "rule-bond0:5: warning: a second action 'prohibit'; the last one counts, as "
                     "for ip\n"
                     "  hint: give one action\n"
                     "rule-bond0:6: warning: ip reads '010.0.0.0/8' as 8.0.0.0: a part that starts "
                     "with 0 is octal (0x: hex)\n"
                     "  hint: write the address in plain dotted decimal, without leading zeros\n"
                     "rule-bond0:2: warning: the same rule as line 1: the kernel adds it twice, "
                     "each with a priority of its own\n"
                     "  hint: remove one of them\n"
                     "rule-bond0:4: warning: the same rule as line 3: the kernel refuses the "
                     "second (File exists)\n"
                     "  hint: remove one of them\n");
}

static void test_origin_and_load(void)
{
        g_autoptr(DiagList) d = diag_list_new();
        g_autoptr(GPtrArray) rules = parse("\n\n  from 192.0.2.0/24 lookup 5\t\n", AF_INET, d);
        const NetRule *r;

        g_assert_cmpuint(rules->len, ==, 1);
        r = rules->pdata[0];
        g_assert_cmpstr(r->origin.file, ==, "rule-bond0");
        g_assert_cmpuint(r->origin.line, ==, 3);
        g_assert_cmpstr(r->origin.text, ==, "from 192.0.2.0/24 lookup 5");
        g_assert_false(r->has_protocol); /* ip rule add sends no FRA_PROTOCOL */
        g_assert_cmpint(rule_file_load("/nonexistent/rule-bond0", AF_INET, NULL, rules, d), ==,
                        -ENOENT);
        g_assert_cmpint(rule_file_parse_buffer("x", "", 0, AF_PACKET, NULL, rules, d), ==, -EINVAL);
}

static void assert_line_bytes(int family, const char *line, const char *hex)
{
        g_autoptr(DiagList) d = diag_list_new();
        g_autoptr(GPtrArray) rules = parse(line, family, d);
        g_autoptr(NlMsg) m = NULL;

        g_assert_cmpuint(rules->len, ==, 1);
        m = net_rule_msg_add(rules->pdata[0]);
        assert_msg_hex(m, hex);
}

static void test_line_bytes(void)
{
        /* the lines passed to `ip -4|-6 rule add` */
        assert_line_bytes(AF_INET, "from 192.0.2.0/24 pref 1000 table 100",
                          "2c000000200005069b040d6b0000000002001800640000010000000008000200c0000200"
                          "08000600e8030000");
        assert_line_bytes(AF_INET,
                          "not to 198.51.100.0/24 pref 2000 tos 0x10 fwmark 0x10/0xff proto static "
                          "table 1000 suppress_prefixlength 0 iif d0 oif d1 uidrange 100-200 "
                          "ipproto tcp sport 1000-2000 dport 443",
                          "88000000200005069b040d6b0000000002180010000000010200000008000100c6336400"
                          "08000600d007000008000a001000000008001000ff000000050015000400000008000f00"
                          "e803000008000e0000000000070003006430000007001100643100000c00140064000000"
                          "c8000000050016000600000008001700e803d00708001800bb01bb01");
        assert_line_bytes(AF_INET, "pref 3000 fwmark 1 blackhole",
                          "2c000000200005069c040d6b0000000002000000000000060000000008000600b80b0000"
                          "08000a0001000000");
        assert_line_bytes(AF_INET, "from 192.0.2.9 pref 3001 unreachable",
                          "2c000000200005069c040d6b0000000002002000000000070000000008000200c0000209"
                          "08000600b90b0000");
        assert_line_bytes(
                AF_INET, "pref 3002 prohibit",
                "24000000200005069c040d6b0000000002000000000000080000000008000600ba0b0000");
        assert_line_bytes(
                AF_INET, "pref 3003 nop",
                "24000000200005069c040d6b0000000002000000000000030000000008000600bb0b0000");
        assert_line_bytes(AF_INET, "pref 3004 goto 5000",
                          "2c000000200005069c040d6b0000000002000000000000020000000008000600bc0b0000"
                          "0800040088130000");
        assert_line_bytes(
                AF_INET, "from 192.0.2.0/24 table 100",
                "24000000200005069d040d6b0000000002001800640000010000000008000200c0000200");
        assert_line_bytes(
                AF_INET, "fwmark 2 lookup main",
                "24000000200005069d040d6b0000000002000000fe0000010000000008000a0002000000");
        assert_line_bytes(AF_INET,
                          "from 10.0.0.0/8 pref 5 fwmark 0x3/0xf proto 99 lookup 7 oif d1 sport 22 "
                          "dport 1-1023",
                          "5c000000200005069d040d6b00000000020008000700000100000000080002000a000000"
                          "080006000500000008000a0003000000080010000f000000050015006300000007001100"
                          "643100000800170016001600080018000100ff03");
        assert_line_bytes(AF_INET, "from 192.0.2.5/24 pref 4000 table 100",
                          "2c000000200005069d040d6b0000000002001800640000010000000008000200c0000205"
                          "08000600a00f0000");
        assert_line_bytes(
                AF_INET, "from 1.2.3.4 n",
                "24000000200005069d040d6b000000000200200000000003000000000800020001020304");
        assert_line_bytes(AF_INET, "from 1.2.3.4 p 10 ta 5 bl",
                          "2c000000200005069d040d6b000000000200200005000006000000000800020001020304"
                          "080006000a000000");
        assert_line_bytes(
                AF_INET, "from 1.2.3.4 type unreachable",
                "24000000200005069e040d6b000000000200200000000007000000000800020001020304");
        assert_line_bytes(AF_INET, "from 1.2.3.4 order 7 lookup 9 sup_pl 8",
                          "34000000200005069e040d6b000000000200200009000001000000000800020001020304"
                          "080006000700000008000e0008000000");
        assert_line_bytes(AF_INET, "from 1.2.3.4 dev d0 lookup main",
                          "2c000000200005069e040d6b0000000002002000fe000001000000000800020001020304"
                          "0700030064300000");
        assert_line_bytes(
                AF_INET, "from 1.2.3.4 dsfield 0x08 lookup 9",
                "24000000200005069e040d6b000000000200200809000001000000000800020001020304");
        assert_line_bytes(
                AF_INET, "iif d0 lookup 100 unicast",
                "24000000200005069e040d6b000000000200000064000001000000000700030064300000");
        assert_line_bytes(AF_INET, "to 10.0.0.0/8 prio 0x20 pro kernel lookup local",
                          "34000000200005069e040d6b0000000002080000ff00000100000000080001000a000000"
                          "08000600200000000500150002000000");
        assert_line_bytes(AF_INET6, "from 2001:db8::/32 pref 100 table 100",
                          "38000000200005069f040d6b000000000a00200064000001000000001400020020010db8"
                          "0000000000000000000000000800060064000000");
        assert_line_bytes(AF_INET6, "to 2001:db8:1::/48 iif d0 ipproto ipv6-icmp lookup 200",
                          "40000000200005069f040d6b000000000a300000c8000001000000001400010020010db8"
                          "0001000000000000000000000700030064300000050016003a000000");
        assert_line_bytes(AF_INET6,
                          "not from 2001:db8::1 to 2001:db8:2::/64 pref 6 tos 0x04 table 100000 "
                          "suppress_prefixlength 64 uidrange 0-0 ipproto udp",
                          "70000000200005069f040d6b000000000a40800400000001020000001400020020010db8"
                          "0000000000000000000000011400010020010db800020000000000000000000008000600"
                          "0600000008000f00a086010008000e00400000000c001400000000000000000005001600"
                          "11000000");
        assert_line_bytes(AF_INET6, "from 2001:db8::/32 pref 7 goto 100",
                          "40000000200005069f040d6b000000000a00200000000002000000001400020020010db8"
                          "00000000000000000000000008000600070000000800040064000000");
}

/*
 * A table given with another action than a lookup: the kernel keeps it
 * (fib_nl2rule()) and `ip rule show` prints it, so the text shows it too,
 * and the ip arguments (what the owned record holds) read back the same
 * rule.  Found by fuzz-rule-file: "table 5 blackhole" came back without
 * its table.
 */
static void test_table_with_action(void)
{
        static const char *const lines[] = {
                "from 192.0.2.9 table 5 blackhole priority 10",
                "to 10.0.0.0/8 lookup 100 goto 5000 priority 11",
                "fwmark 1 table main prohibit",
                "iif bond0 lookup 7 nop",
        };
        static const char *const want[] = {
                "10: from 192.0.2.9 lookup 5 blackhole",
                "11: from all to 10.0.0.0/8 lookup 100 goto 5000",
                "from all fwmark 0x1 lookup main prohibit",
                "from all iif bond0 lookup 7 nop",
        };

        for (size_t i = 0; i < G_N_ELEMENTS(lines); i++) {
                g_autoptr(DiagList) d = diag_list_new();
                g_autoptr(GPtrArray) rules = parse(lines[i], AF_INET, d);
                g_autoptr(GPtrArray) again = NULL;
                g_autofree char *shown = NULL, *args = NULL;

                g_assert_cmpuint(rules->len, ==, 1);
                shown = net_rule_format(rules->pdata[0]);
                g_assert_cmpstr(shown, ==, want[i]);
                args = net_rule_format_args(rules->pdata[0]);
                again = parse(args, AF_INET, d);
                g_assert_cmpuint(again->len, ==, 1);
                g_assert_true(net_rule_equal(rules->pdata[0], again->pdata[0]));
                assert_no_diags(d);
        }
}

static void test_garbage(void)
{
        static const char *const words[] = {
                "from",     "to",    "192.0.2.0/24", "2001:db8::/32",
                "lookup",   "table", "pref",         "fwmark",
                "0x1/0xff", "iif",   "oif",          "bond0",
                "not",      "goto",  "nop",          "blackhole",
                "sport",    "1-2",   "uidrange",     "5-",
                "ipproto",  "tcp",   "proto",        "#",
                "\n",       "\r\n",  "\t",           "t",
                "b",        "type",  "all",          "",
        };
        GRand *rand = g_rand_new_with_seed(7);

        for (int n = 0; n < 3000; n++) {
                g_autoptr(GString) s = g_string_new(NULL);
                g_autoptr(DiagList) d = diag_list_new();
                g_autoptr(GPtrArray) rules =
                        g_ptr_array_new_with_free_func((GDestroyNotify)net_rule_free);
                int len = g_rand_int_range(rand, 0, 30);

                for (int i = 0; i < len; i++) {
                        if (g_rand_int_range(rand, 0, 4) == 0)
                                g_string_append_c(s, (char)g_rand_int_range(rand, 0, 256));
                        else
                                g_string_append_printf(
                                        s, "%s ",
                                        words[g_rand_int_range(rand, 0, G_N_ELEMENTS(words))]);
                }
                rule_file_parse_buffer("rule-x", s->str, s->len, n % 2 ? AF_INET : AF_INET6, NULL,
                                       rules, d);
                for (guint i = 0; i < rules->len; i++) {
                        g_autofree char *f = net_rule_format(rules->pdata[i]);
                        g_autoptr(NlMsg) m = net_rule_msg_add(rules->pdata[i]);

                        g_assert_nonnull(f);
                        g_assert_nonnull(m);
                }
        }
        g_rand_free(rand);
}

int main(int argc, char **argv)
{
        g_test_init(&argc, &argv, NULL);
        g_test_add_func("/rule-file/options", test_options);
        g_test_add_func("/rule-file/abbreviations", test_abbreviations);
        g_test_add_func("/rule-file/errors", test_errors);
        g_test_add_func("/rule-file/warnings", test_warnings);
        g_test_add_func("/rule-file/origin-load", test_origin_and_load);
        g_test_add_func("/rule-file/line-bytes", test_line_bytes);
        g_test_add_func("/rule-file/garbage", test_garbage);
        g_test_add_func("/rule-file/table-with-action", test_table_with_action);
        return g_test_run();
}
