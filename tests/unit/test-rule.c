/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * NetRule: the RTM_NEWRULE/RTM_DELRULE builders against the bytes iproute2
 * 6.1 sends (captured with `strace -e write=3 ip ...` in a network
 * namespace), the dump parser against what Linux 6.18 answered to `ip rule`
 * there, round trips, garbage, identity and equality.
 */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <glib.h>
#include <linux/fib_rules.h>
#include <linux/rtnetlink.h>

#include "netlink.h"
#include "nl-hex.h"
#include "rule.h"

static NetRule *rl(int family)
{
        return net_rule_new(family);
}

static void from(NetRule *r, const char *a, unsigned len)
{
        r->from = g_strdup(a);
        r->from_len = len;
}

static void pref(NetRule *r, uint32_t p)
{
        r->has_priority = true;
        r->priority = p;
}

static void check_add(NetRule *r, const char *hex)
{
        g_autoptr(NetRule) owned = r;
        g_autoptr(NlMsg) m = net_rule_msg_add(r);

        assert_msg_hex(m, hex);
}

static void check_del(NetRule *r, const char *hex)
{
        g_autoptr(NetRule) owned = r;
        g_autoptr(NlMsg) m = net_rule_msg_del(r);

        assert_msg_hex(m, hex);
}

static void test_add_lookup(void)
{
        NetRule *r;

        /* ip -4 rule add from 192.0.2.0/24 pref 1000 table 100 */
        r = rl(AF_INET);
        from(r, "192.0.2.0", 24);
        pref(r, 1000);
        r->table = 100;
        check_add(r, "2c0000002000050650000d6b0000000002001800640000010000000008000200c0000200"
                     "08000600e8030000");

        /* ip -4 rule add from 192.0.2.0/24 table 100: no priority */
        r = rl(AF_INET);
        from(r, "192.0.2.0", 24);
        r->table = 100;
        check_add(r, "240000002000050650000d6b0000000002001800640000010000000008000200c0000200");

        /* ip -4 rule add from 192.0.2.5/24 pref 4000 table 100: host bits stay */
        r = rl(AF_INET);
        from(r, "192.0.2.5", 24);
        pref(r, 4000);
        r->table = 100;
        check_add(r, "2c0000002000050651000d6b0000000002001800640000010000000008000200c0000205"
                     "08000600a00f0000");

        /* ip -4 rule add fwmark 2 lookup main: no table given is main too */
        r = rl(AF_INET);
        r->has_fwmark = true;
        r->fwmark = 2;
        check_add(r, "24000000200005063b020d6b0000000002000000fe0000010000000008000a0002000000");

        /* ip -6 rule add from 2001:db8::/32 pref 100 table 100 */
        r = rl(AF_INET6);
        from(r, "2001:db8::", 32);
        pref(r, 100);
        r->table = 100;
        check_add(r, "380000002000050650000d6b000000000a00200064000001000000001400020020010db8"
                     "0000000000000000000000000800060064000000");

        /* ip -6 rule add to 2001:db8:1::/48 iif d0 ipproto ipv6-icmp lookup 200 */
        r = rl(AF_INET6);
        r->to = g_strdup("2001:db8:1::");
        r->to_len = 48;
        r->iif = g_strdup("d0");
        r->ipproto = 58;
        r->table = 200;
        check_add(r, "400000002000050650000d6b000000000a300000c8000001000000001400010020010db8"
                     "0001000000000000000000000700030064300000050016003a000000");
}

static void test_add_selectors(void)
{
        NetRule *r;

        /* ip -4 rule add not to 198.51.100.0/24 pref 2000 tos 0x10 fwmark 0x10/0xff
         *   proto static table 1000 suppress_prefixlength 0 iif d0 oif d1
         *   uidrange 100-200 ipproto tcp sport 1000-2000 dport 443 */
        r = rl(AF_INET);
        r->invert = true;
        r->to = g_strdup("198.51.100.0");
        r->to_len = 24;
        pref(r, 2000);
        r->tos = 0x10;
        r->has_fwmark = r->has_fwmask = true;
        r->fwmark = 0x10;
        r->fwmask = 0xff;
        r->has_protocol = true;
        r->protocol = RTPROT_STATIC;
        r->table = 1000;
        r->has_suppress_prefixlen = true;
        r->suppress_prefixlen = 0;
        r->iif = g_strdup("d0");
        r->oif = g_strdup("d1");
        r->has_uidrange = true;
        r->uid_start = 100;
        r->uid_end = 200;
        r->ipproto = 6;
        r->sport = (NetPortRange){ true, 1000, 2000 };
        r->dport = (NetPortRange){ true, 443, 443 };
        check_add(r, "880000002000050650000d6b0000000002180010000000010200000008000100c6336400"
                     "08000600d007000008000a001000000008001000ff000000050015000400000008000f00"
                     "e803000008000e0000000000070003006430000007001100643100000c00140064000000"
                     "c8000000050016000600000008001700e803d00708001800bb01bb01");

        /* ip -4 rule add from 10.0.0.0/8 pref 5 fwmark 0x3/0xf proto 99 lookup 7 oif d1
         *   sport 22 dport 1-1023 */
        r = rl(AF_INET);
        from(r, "10.0.0.0", 8);
        pref(r, 5);
        r->has_fwmark = r->has_fwmask = true;
        r->fwmark = 3;
        r->fwmask = 0xf;
        r->has_protocol = true;
        r->protocol = 99;
        r->table = 7;
        r->oif = g_strdup("d1");
        r->sport = (NetPortRange){ true, 22, 22 };
        r->dport = (NetPortRange){ true, 1, 1023 };
        check_add(r, "5c000000200005063b020d6b00000000020008000700000100000000080002000a000000"
                     "080006000500000008000a0003000000080010000f000000050015006300000007001100"
                     "643100000800170016001600080018000100ff03");

        /* ip -6 rule add not from 2001:db8::1 to 2001:db8:2::/64 pref 6 tos 0x04
         *   table 100000 suppress_prefixlength 64 uidrange 0-0 ipproto udp */
        r = rl(AF_INET6);
        r->invert = true;
        from(r, "2001:db8::1", 128);
        r->to = g_strdup("2001:db8:2::");
        r->to_len = 64;
        pref(r, 6);
        r->tos = 4;
        r->table = 100000;
        r->has_suppress_prefixlen = true;
        r->suppress_prefixlen = 64;
        r->has_uidrange = true;
        r->ipproto = 17;
        check_add(r, "70000000200005063e020d6b000000000a40800400000001020000001400020020010db8"
                     "0000000000000000000000011400010020010db800020000000000000000000008000600"
                     "0600000008000f00a086010008000e00400000000c00140000000000000000000500160011"
                     "000000");
}

static void test_add_actions(void)
{
        NetRule *r;

        /* ip -4 rule add pref 3000 fwmark 1 blackhole: an action, so no table */
        r = rl(AF_INET);
        pref(r, 3000);
        r->has_fwmark = true;
        r->fwmark = 1;
        r->action = FR_ACT_BLACKHOLE;
        check_add(r, "2c000000200005063b020d6b0000000002000000000000060000000008000600b80b0000"
                     "08000a0001000000");

        /* ip -4 rule add from 192.0.2.9 pref 3001 unreachable */
        r = rl(AF_INET);
        from(r, "192.0.2.9", 32);
        pref(r, 3001);
        r->action = FR_ACT_UNREACHABLE;
        check_add(r, "2c0000002000050650000d6b0000000002002000000000070000000008000200c0000209"
                     "08000600b90b0000");

        /* ip -4 rule add pref 3002 prohibit */
        r = rl(AF_INET);
        pref(r, 3002);
        r->action = FR_ACT_PROHIBIT;
        check_add(r, "240000002000050650000d6b0000000002000000000000080000000008000600ba0b0000");

        /* ip -4 rule add pref 3003 nop */
        r = rl(AF_INET);
        pref(r, 3003);
        r->action = FR_ACT_NOP;
        check_add(r, "240000002000050650000d6b0000000002000000000000030000000008000600bb0b0000");

        /* ip -4 rule add pref 3004 goto 5000 */
        r = rl(AF_INET);
        pref(r, 3004);
        r->action = FR_ACT_GOTO;
        r->goto_target = 5000;
        check_add(r, "2c0000002000050650000d6b0000000002000000000000020000000008000600bc0b0000"
                     "0800040088130000");
}

static void test_del(void)
{
        NetRule *r;

        /* ip -4 rule del from 192.0.2.0/24 pref 1000 table 100 */
        r = rl(AF_INET);
        from(r, "192.0.2.0", 24);
        pref(r, 1000);
        r->table = 100;
        check_del(r, "2c0000002100050050000d6b0000000002001800640000000000000008000200c0000200"
                     "08000600e8030000");

        /* ip -4 rule del pref 3000: action and table 0 are wildcards */
        r = rl(AF_INET);
        pref(r, 3000);
        check_del(r, "240000002100050050000d6b0000000002000000000000000000000008000600b80b0000");

        /* ip -6 rule del from 2001:db8::/32 pref 100 table 100 */
        r = rl(AF_INET6);
        from(r, "2001:db8::", 32);
        pref(r, 100);
        r->table = 100;
        check_del(r, "380000002100050051000d6b000000000a00200064000000000000001400020020010db8"
                     "0000000000000000000000000800060064000000");
}

static void test_build_invalid(void)
{
        g_autoptr(NetRule) r = rl(AF_INET);

        from(r, "2001:db8::", 32);
        g_assert_null(net_rule_msg_add(r));
        g_free(r->from);
        r->from = g_strdup("10.0.0.0");
        r->from_len = 33;
        g_assert_null(net_rule_msg_add(r));
        r->from_len = 8;
        r->family = AF_UNSPEC;
        g_assert_null(net_rule_msg_del(r));
}

/* ---- dump parser: messages Linux 6.18 sent for `ip rule` / `ip -6 rule` ---- */

static NetRule *parse_hex(const char *hex)
{
        g_autoptr(GByteArray) b = hex_bytes(hex);
        NetRule *r = NULL;

        g_assert_cmpint(net_rule_from_msg((const struct nlmsghdr *)b->data, &r), ==, 0);
        g_assert_nonnull(r);
        return r;
}

static void assert_format(const NetRule *r, const char *want)
{
        g_autofree char *s = net_rule_format(r);

        g_assert_cmpstr(s, ==, want);
}

static const char big_rule[] =
        "900000002000020065000d6b1e12000002180010fc0000010200000008000f00e803000008000e00"
        "0000000005001500040000000700030064300000070011006431000008000600d007000008000a00"
        "1000000008001000ff0000000c00140064000000c800000008001700e803d00708001800bb01bb01"
        "06001d00ffff0000050016000600000008000100c6336400";

static void test_parse(void)
{
        g_autoptr(NetRule) local = parse_hex(
                "340000002000020065000d6b1e12000002000000ff0000010000000008000f00ff00000008000e00"
                "ffffffff0500150002000000");
        g_autoptr(NetRule) src = parse_hex(
                "440000002000020065000d6b1e12000002001800640000010000000008000f006400000008000e00"
                "ffffffff050015000000000008000600e803000008000200c0000200");
        g_autoptr(NetRule) big = parse_hex(big_rule);
        g_autoptr(NetRule) bh = parse_hex(
                "4c0000002000020065000d6b1e12000002000000000000060000000008000f000000000008000e00"
                "ffffffff050015000000000008000600b80b000008000a000100000008001000ffffffff");
        g_autoptr(NetRule) go = parse_hex(
                "440000002000020065000d6b1e12000002000000000000020400000008000f000000000008000e00"
                "ffffffff050015000000000008000600bc0b00000800040088130000");
        g_autoptr(NetRule) v6 = parse_hex(
                "500000002000020066000d6b511200000a002000640000010000000008000f006400000008000e00"
                "ffffffff050015000000000008000600640000001400020020010db8000000000000000000000000");

        /* priority 0 has no FRA_PRIORITY; proto kernel */
        g_assert_true(local->has_priority);
        g_assert_cmpuint(local->priority, ==, 0);
        g_assert_cmpuint(local->table, ==, RT_TABLE_LOCAL);
        g_assert_false(local->has_suppress_prefixlen);
        assert_format(local, "0: from all lookup local proto kernel");

        g_assert_cmpstr(src->from, ==, "192.0.2.0");
        g_assert_cmpuint(src->from_len, ==, 24);
        assert_format(src, "1000: from 192.0.2.0/24 lookup 100");

        g_assert_true(big->invert);
        g_assert_cmpuint(big->table, ==, 1000);
        g_assert_true(big->has_suppress_prefixlen);
        g_assert_cmpuint(big->suppress_prefixlen, ==, 0);
        g_assert_false(big->unmodelled); /* FRA_DPORT_MASK 0xffff for port 443 */
        g_assert_cmpuint(big->dport.start, ==, 443);
        assert_format(big, "2000: not from all to 198.51.100.0/24 tos 0x10 fwmark 0x10/0xff "
                           "iif d0 oif d1 uidrange 100-200 ipproto tcp sport 1000-2000 "
                           "dport 443 lookup 1000 suppress_prefixlength 0 proto static");

        g_assert_cmpuint(bh->action, ==, FR_ACT_BLACKHOLE);
        g_assert_cmpuint(bh->fwmask, ==, UINT32_MAX);
        assert_format(bh, "3000: from all fwmark 0x1 blackhole");

        g_assert_cmpuint(go->goto_target, ==, 5000);
        assert_format(go, "3004: from all goto 5000"); /* UNRESOLVED flag dropped */

        assert_format(v6, "100: from 2001:db8::/32 lookup 100");
}

static void test_parse_skip_and_invalid(void)
{
        g_autoptr(GByteArray) b = hex_bytes("440000002000020065000d6b1e12000002001800640000010000"
                                            "000008000f006400000008000e00ffffffff05001500000000"
                                            "0008000600e803000008000200c0000200");
        struct nlmsghdr *h = (struct nlmsghdr *)b->data;
        struct fib_rule_hdr *frh = NLMSG_DATA(h);
        NetRule *r = NULL;

        frh->family = 7; /* AF_BRIDGE */
        g_assert_cmpint(net_rule_from_msg(h, &r), ==, 0);
        g_assert_null(r);
        frh->family = AF_INET;
        frh->src_len = 33;
        g_assert_cmpint(net_rule_from_msg(h, &r), ==, -EINVAL);
        frh->src_len = 24;
        h->nlmsg_type = RTM_NEWROUTE;
        g_assert_cmpint(net_rule_from_msg(h, &r), ==, -EINVAL);
        h->nlmsg_type = RTM_NEWRULE;
        h->nlmsg_len = 27;
        g_assert_cmpint(net_rule_from_msg(h, &r), ==, -EINVAL);
        /* src_len 24 but the FRA_SRC cut off */
        h->nlmsg_len = 0x3c;
        g_assert_cmpint(net_rule_from_msg(h, &r), ==, -EINVAL);
        g_assert_null(r);
}

static void test_parse_garbage(void)
{
        g_autoptr(GByteArray) orig = hex_bytes(big_rule);
        GRand *rand = g_rand_new_with_seed(77);

        for (guint len = 0; len <= orig->len; len++) {
                g_autofree guint8 *buf = g_memdup2(orig->data, orig->len);
                NetRule *r = NULL;
                int ret;

                ((struct nlmsghdr *)buf)->nlmsg_len = len;
                ret = net_rule_from_msg((struct nlmsghdr *)buf, &r);
                g_assert_true(ret == 0 || ret == -EINVAL);
                net_rule_free(r);
        }
        for (int n = 0; n < 20000; n++) {
                g_autofree guint8 *buf = g_memdup2(orig->data, orig->len);
                NetRule *r = NULL;
                int ret;

                for (int k = 0; k < 3; k++) {
                        guint pos = (guint)g_rand_int_range(rand, 4, (gint32)orig->len);

                        buf[pos] = (guint8)g_rand_int_range(rand, 0, 256);
                }
                ret = net_rule_from_msg((struct nlmsghdr *)buf, &r);
                g_assert_true(ret == 0 || ret == -EINVAL);
                if (r) {
                        g_autofree char *s = net_rule_format(r);

                        g_assert_nonnull(s);
                }
                net_rule_free(r);
        }
        g_rand_free(rand);
}

/* ---- round trip, identity, equality ---------------------------------------- */

static void test_roundtrip(void)
{
        g_autoptr(NetRule) big = parse_hex(big_rule);
        g_autoptr(NlMsg) m = net_rule_msg_add(big);
        g_autoptr(NetRule) back = NULL;
        g_autoptr(NetRule) cfg = rl(AF_INET);
        g_autoptr(NlMsg) m2 = NULL;
        g_autoptr(NetRule) back2 = NULL;

        g_assert_cmpint(net_rule_from_msg(nlmsg_hdr(m), &back), ==, 0);
        g_assert_true(net_rule_equal(big, back));
        g_assert_true(net_rule_same_key(big, back));

        /* a configured rule: ip's defaults come back as the kernel stores them */
        from(cfg, "192.0.2.0", 24);
        cfg->has_fwmark = true;
        cfg->fwmark = 7;
        m2 = net_rule_msg_add(cfg);
        g_assert_cmpint(net_rule_from_msg(nlmsg_hdr(m2), &back2), ==, 0);
        g_assert_false(back2->has_fwmask); /* the builder sent none */
        back2->has_fwmask = true;          /* the kernel would dump 0xffffffff */
        back2->fwmask = UINT32_MAX;
        back2->priority = 32765;
        back2->has_protocol = true;
        g_assert_true(net_rule_equal(cfg, back2));
        g_assert_false(net_rule_same_key(cfg, back2)); /* cfg has no priority */
}

static void test_key_and_equal(void)
{
        g_autoptr(NetRule) a = rl(AF_INET);
        g_autoptr(NetRule) b = NULL;

        from(a, "192.0.2.0", 24);
        pref(a, 100);
        a->table = 5;
        b = net_rule_copy(a);
        g_assert_true(net_rule_equal(a, b));
        g_assert_true(net_rule_same_key(a, b));
        /* "not" is no part of the kernel's identity */
        b->invert = true;
        g_assert_true(net_rule_same_key(a, b));
        g_assert_false(net_rule_equal(a, b));
        b->invert = false;
        b->table = 6;
        g_assert_false(net_rule_same_key(a, b));
        b->table = 5;
        b->priority = 101;
        g_assert_false(net_rule_same_key(a, b));
        g_assert_false(net_rule_equal(a, b));
        b->has_priority = false; /* the kernel picks one */
        g_assert_true(net_rule_equal(a, b));
        g_assert_false(net_rule_same_key(a, b));
        /* table main = none given for a lookup rule */
        a->table = 0;
        b->table = RT_TABLE_MAIN;
        b->action = FR_ACT_TO_TBL;
        g_assert_true(net_rule_equal(a, b));
        /* an action without table: table 0 */
        a->action = FR_ACT_PROHIBIT;
        g_assert_cmpuint(net_rule_table(a), ==, 0);
        g_assert_false(net_rule_equal(a, b));
        b->action = FR_ACT_PROHIBIT;
        b->table = 0;
        g_assert_true(net_rule_equal(a, b));
        /* protocol: none given is 0 */
        b->has_protocol = true;
        b->protocol = RTPROT_UNSPEC;
        g_assert_true(net_rule_equal(a, b));
        b->protocol = RTPROT_STATIC;
        g_assert_false(net_rule_equal(a, b));
        b->protocol = 0;
        /* fwmark 0 is no fwmark */
        b->has_fwmark = true;
        g_assert_true(net_rule_equal(a, b));
        b->unmodelled = true;
        g_assert_false(net_rule_equal(a, b));
}

static void test_format(void)
{
        g_autoptr(NetRule) r = rl(AF_INET6);

        r->to = g_strdup("2001:db8::1");
        r->to_len = 128;
        r->table = 100;
        r->ipproto = 200;
        r->sport = (NetPortRange){ true, 5, 5 };
        assert_format(r, "from all to 2001:db8::1 ipproto 200 sport 5 lookup 100");
        r->action = 9;
        r->has_protocol = true;
        r->protocol = 250;
        assert_format(r,
                      "from all to 2001:db8::1 ipproto 200 sport 5 lookup 100 action 9 proto 250");
}

int main(int argc, char **argv)
{
        g_test_init(&argc, &argv, NULL);
        g_test_add_func("/rule/add-lookup", test_add_lookup);
        g_test_add_func("/rule/add-selectors", test_add_selectors);
        g_test_add_func("/rule/add-actions", test_add_actions);
        g_test_add_func("/rule/del", test_del);
        g_test_add_func("/rule/build-invalid", test_build_invalid);
        g_test_add_func("/rule/parse", test_parse);
        g_test_add_func("/rule/parse-skip-invalid", test_parse_skip_and_invalid);
        g_test_add_func("/rule/parse-garbage", test_parse_garbage);
        g_test_add_func("/rule/roundtrip", test_roundtrip);
        g_test_add_func("/rule/key-equal", test_key_and_equal);
        g_test_add_func("/rule/format", test_format);
        return g_test_run();
}
