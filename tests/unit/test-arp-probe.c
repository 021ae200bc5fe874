/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ARP probing (arp-probe.h), the pure parts: the Probe's bytes and the
 * classification of every kind of ARP packet; and the argument checks.
 * test-arp-probe-netns.c probes for real. */
#include <errno.h>
#include <arpa/inet.h>
#include <net/if_arp.h>
#include <glib.h>

#include "arp-probe.h"

static const uint8_t OUR[6] = { 0x52, 0x54, 0x00, 0x00, 0x00, 0x01 };
static const uint8_t PEER[6] = { 0x52, 0x54, 0x00, 0xaa, 0xbb, 0xcc };
static const uint8_t ZERO[6];
static const uint8_t BCAST[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

static struct in_addr ip4(const char *s)
{
        struct in_addr a;

        g_assert_cmpint(inet_pton(AF_INET, s, &a), ==, 1);
        return a;
}

/* An Ethernet/IPv4 ARP packet, written out field by field (RFC 826). */
static void mk(uint8_t p[ARP_PROBE_PKT_LEN], uint16_t op, const uint8_t sha[6], const char *spa,
               const uint8_t tha[6], const char *tpa)
{
        struct in_addr s = ip4(spa), t = ip4(tpa);

        p[0] = 0x00, p[1] = 0x01; /* hrd: Ethernet */
        p[2] = 0x08, p[3] = 0x00; /* pro: IPv4 */
        p[4] = 6, p[5] = 4;
        p[6] = op >> 8, p[7] = op & 0xff;
        memcpy(p + 8, sha, 6);
        memcpy(p + 14, &s.s_addr, 4);
        memcpy(p + 18, tha, 6);
        memcpy(p + 24, &t.s_addr, 4);
}

/* Classify p against the one address 192.0.2.10 (and a second, .11). */
static ArpVerdict classify(const uint8_t *p, size_t len, const uint8_t *src, size_t *idx,
                           uint8_t who[6])
{
        struct in_addr addrs[2] = { ip4("192.0.2.10"), ip4("192.0.2.11") };

        return arp_probe_classify(p, len, src, OUR, addrs, 2, idx, who);
}

static void test_build(void)
{
        static const uint8_t want[ARP_PROBE_PKT_LEN] = {
                0x00, 0x01, 0x08, 0x00, 6,    4,    0x00, 0x01, /* Ethernet, IPv4, request */
                0x52, 0x54, 0x00, 0x00, 0x00, 0x01,             /* sha: ours */
                0,    0,    0,    0,                            /* spa: 0.0.0.0 */
                0,    0,    0,    0,    0,    0,                /* tha: zero */
                192,  0,    2,    10,                           /* tpa: the address */
        };
        uint8_t pkt[ARP_PROBE_PKT_LEN];

        memset(pkt, 0xee, sizeof(pkt));
        arp_probe_build(pkt, OUR, ip4("192.0.2.10"));
        g_assert_cmpmem(pkt, sizeof(pkt), want, sizeof(want));
}

/* The answer arping -D waits for: a Reply to our Probe from the owner. */
static void test_classify_reply(void)
{
        uint8_t p[ARP_PROBE_PKT_LEN], who[6] = { 0 };
        size_t idx = 99;

        mk(p, ARPOP_REPLY, PEER, "192.0.2.10", OUR, "0.0.0.0");
        g_assert_cmpint(classify(p, sizeof(p), PEER, &idx, who), ==, ARP_VERDICT_IN_USE);
        g_assert_cmpuint(idx, ==, 0);
        g_assert_cmpmem(who, 6, PEER, 6);
        /* No link-layer source known: the same. */
        g_assert_cmpint(classify(p, sizeof(p), NULL, &idx, who), ==, ARP_VERDICT_IN_USE);
        /* A reply meant for someone else (seen in promiscuous mode) still
         * shows the address in use (RFC 5227 2.1.1: "any ARP packet"). */
        mk(p, ARPOP_REPLY, PEER, "192.0.2.11", BCAST, "192.0.2.99");
        g_assert_cmpint(classify(p, sizeof(p), PEER, &idx, who), ==, ARP_VERDICT_IN_USE);
        g_assert_cmpuint(idx, ==, 1);
}

/* Requests whose sender is the address: the owner asking for a neighbour,
 * or announcing itself (gratuitous ARP, as request or reply). */
static void test_classify_request(void)
{
        uint8_t p[ARP_PROBE_PKT_LEN], who[6];
        size_t idx;

        mk(p, ARPOP_REQUEST, PEER, "192.0.2.10", ZERO, "192.0.2.1");
        g_assert_cmpint(classify(p, sizeof(p), PEER, &idx, who), ==, ARP_VERDICT_IN_USE);
        g_assert_cmpmem(who, 6, PEER, 6);
        mk(p, ARPOP_REQUEST, PEER, "192.0.2.10", ZERO, "192.0.2.10");
        g_assert_cmpint(classify(p, sizeof(p), PEER, &idx, who), ==, ARP_VERDICT_IN_USE);
        mk(p, ARPOP_REPLY, PEER, "192.0.2.10", BCAST, "192.0.2.10");
        g_assert_cmpint(classify(p, sizeof(p), PEER, &idx, who), ==, ARP_VERDICT_IN_USE);
        /* The link-layer source may differ from ar$sha (a proxy or bridge):
         * the host named is ar$sha. */
        mk(p, ARPOP_REQUEST, PEER, "192.0.2.10", ZERO, "192.0.2.10");
        g_assert_cmpint(classify(p, sizeof(p), BCAST, &idx, who), ==, ARP_VERDICT_IN_USE);
        g_assert_cmpmem(who, 6, PEER, 6);
}

/* RFC 5227 2.1.1: another host probing for the same address. */
static void test_classify_probe(void)
{
        uint8_t p[ARP_PROBE_PKT_LEN], who[6];
        size_t idx = 99;

        mk(p, ARPOP_REQUEST, PEER, "0.0.0.0", ZERO, "192.0.2.11");
        g_assert_cmpint(classify(p, sizeof(p), PEER, &idx, who), ==, ARP_VERDICT_PROBED);
        g_assert_cmpuint(idx, ==, 1);
        g_assert_cmpmem(who, 6, PEER, 6);
        /* Its probe for another address is none of our business. */
        mk(p, ARPOP_REQUEST, PEER, "0.0.0.0", ZERO, "192.0.2.12");
        g_assert_cmpint(classify(p, sizeof(p), PEER, &idx, who), ==, ARP_VERDICT_NONE);
        /* A Probe is a Request: a Reply from 0.0.0.0 is not one. */
        mk(p, ARPOP_REPLY, PEER, "0.0.0.0", ZERO, "192.0.2.11");
        g_assert_cmpint(classify(p, sizeof(p), PEER, &idx, who), ==, ARP_VERDICT_NONE);
}

/* Our own packets, however they come back, are not a conflict. */
static void test_classify_own(void)
{
        uint8_t p[ARP_PROBE_PKT_LEN];

        arp_probe_build(p, OUR, ip4("192.0.2.10"));
        g_assert_cmpint(classify(p, sizeof(p), OUR, NULL, NULL), ==, ARP_VERDICT_NONE);
        g_assert_cmpint(classify(p, sizeof(p), NULL, NULL, NULL), ==, ARP_VERDICT_NONE);
        /* ar$sha ours, whatever the link-layer source */
        g_assert_cmpint(classify(p, sizeof(p), PEER, NULL, NULL), ==, ARP_VERDICT_NONE);
        mk(p, ARPOP_REQUEST, OUR, "192.0.2.10", ZERO, "192.0.2.10");
        g_assert_cmpint(classify(p, sizeof(p), PEER, NULL, NULL), ==, ARP_VERDICT_NONE);
        /* sent by this host's MAC, whatever ar$sha says */
        mk(p, ARPOP_REPLY, PEER, "192.0.2.10", OUR, "0.0.0.0");
        g_assert_cmpint(classify(p, sizeof(p), OUR, NULL, NULL), ==, ARP_VERDICT_NONE);
        mk(p, ARPOP_REQUEST, PEER, "0.0.0.0", ZERO, "192.0.2.10");
        g_assert_cmpint(classify(p, sizeof(p), OUR, NULL, NULL), ==, ARP_VERDICT_NONE);
}

/* Traffic about other addresses. */
static void test_classify_other_addresses(void)
{
        uint8_t p[ARP_PROBE_PKT_LEN];
        struct in_addr none[1];

        mk(p, ARPOP_REPLY, PEER, "192.0.2.12", OUR, "0.0.0.0");
        g_assert_cmpint(classify(p, sizeof(p), PEER, NULL, NULL), ==, ARP_VERDICT_NONE);
        /* Someone asking who has our address (sender another address) is
         * looking for it, not holding it. */
        mk(p, ARPOP_REQUEST, PEER, "192.0.2.1", ZERO, "192.0.2.10");
        g_assert_cmpint(classify(p, sizeof(p), PEER, NULL, NULL), ==, ARP_VERDICT_NONE);
        mk(p, ARPOP_REQUEST, PEER, "192.0.2.12", ZERO, "192.0.2.12");
        g_assert_cmpint(classify(p, sizeof(p), PEER, NULL, NULL), ==, ARP_VERDICT_NONE);
        /* No addresses probed: nothing conflicts. */
        mk(p, ARPOP_REPLY, PEER, "192.0.2.10", OUR, "0.0.0.0");
        g_assert_cmpint(arp_probe_classify(p, sizeof(p), PEER, OUR, none, 0, NULL, NULL), ==,
                        ARP_VERDICT_NONE);
}

static void test_classify_truncated(void)
{
        uint8_t p[64] = { 0 };
        size_t idx;

        mk(p, ARPOP_REPLY, PEER, "192.0.2.10", OUR, "0.0.0.0");
        for (size_t len = 0; len < ARP_PROBE_PKT_LEN; len++)
                g_assert_cmpint(classify(p, len, PEER, NULL, NULL), ==, ARP_VERDICT_NONE);
        g_assert_cmpint(classify(NULL, 28, PEER, NULL, NULL), ==, ARP_VERDICT_NONE);
        /* Ethernet pads ARP to 46 bytes: the padding is ignored. */
        memset(p + ARP_PROBE_PKT_LEN, 0xa5, sizeof(p) - ARP_PROBE_PKT_LEN);
        g_assert_cmpint(classify(p, 46, PEER, &idx, NULL), ==, ARP_VERDICT_IN_USE);
        g_assert_cmpint(classify(p, sizeof(p), PEER, &idx, NULL), ==, ARP_VERDICT_IN_USE);
}

static void test_classify_hwtypes(void)
{
        uint8_t p[ARP_PROBE_PKT_LEN], q[64] = { 0 };

        /* IEEE 802 in ar$hrd: the kernel's arp_process() takes it on
         * Ethernet, so it is a claim too. */
        mk(p, ARPOP_REPLY, PEER, "192.0.2.10", OUR, "0.0.0.0");
        p[1] = ARPHRD_IEEE802;
        g_assert_cmpint(classify(p, sizeof(p), PEER, NULL, NULL), ==, ARP_VERDICT_IN_USE);
        /* Other hardware types are not. */
        p[1] = ARPHRD_INFINIBAND;
        g_assert_cmpint(classify(p, sizeof(p), PEER, NULL, NULL), ==, ARP_VERDICT_NONE);
        p[0] = 0x01, p[1] = 0x00; /* byte-swapped Ethernet */
        g_assert_cmpint(classify(p, sizeof(p), PEER, NULL, NULL), ==, ARP_VERDICT_NONE);
        /* Ethernet with the wrong address lengths or protocol */
        mk(p, ARPOP_REPLY, PEER, "192.0.2.10", OUR, "0.0.0.0");
        p[4] = 8;
        g_assert_cmpint(classify(p, sizeof(p), PEER, NULL, NULL), ==, ARP_VERDICT_NONE);
        mk(p, ARPOP_REPLY, PEER, "192.0.2.10", OUR, "0.0.0.0");
        p[5] = 16;
        g_assert_cmpint(classify(p, sizeof(p), PEER, NULL, NULL), ==, ARP_VERDICT_NONE);
        mk(p, ARPOP_REPLY, PEER, "192.0.2.10", OUR, "0.0.0.0");
        p[2] = 0x86, p[3] = 0xdd;
        g_assert_cmpint(classify(p, sizeof(p), PEER, NULL, NULL), ==, ARP_VERDICT_NONE);
        /* RARP and InARP operations */
        for (uint16_t op = 3; op <= 10; op++) {
                mk(p, op, PEER, "192.0.2.10", OUR, "0.0.0.0");
                g_assert_cmpint(classify(p, sizeof(p), PEER, NULL, NULL), ==, ARP_VERDICT_NONE);
        }
        mk(p, 0, PEER, "192.0.2.10", OUR, "0.0.0.0");
        g_assert_cmpint(classify(p, sizeof(p), PEER, NULL, NULL), ==, ARP_VERDICT_NONE);
        /* An InfiniBand ARP (20-byte addresses) whose bytes at the Ethernet
         * sender-IP offset happen to hold the address. */
        q[0] = 0x00, q[1] = ARPHRD_INFINIBAND, q[2] = 0x08, q[3] = 0x00, q[4] = 20, q[5] = 4;
        q[7] = ARPOP_REPLY;
        memcpy(q + 14, (uint8_t[]){ 192, 0, 2, 10 }, 4);
        g_assert_cmpint(classify(q, 8 + 2 * 24, PEER, NULL, NULL), ==, ARP_VERDICT_NONE);
}

/* Random bytes: no crash, no read past len (ASan), and a verdict only for
 * a well-formed Ethernet/IPv4 request or reply naming a probed address. */
static void test_classify_garbage(void)
{
        struct in_addr addrs[1] = { ip4("192.0.2.10") };
        GRand *rnd = g_rand_new_with_seed(5227);
        unsigned hits = 0;

        for (int k = 0; k < 20000; k++) {
                size_t len = g_rand_int_range(rnd, 0, 48);
                g_autofree uint8_t *p = g_malloc(len ? len : 1);
                ArpVerdict v;

                for (size_t i = 0; i < len; i++)
                        p[i] = g_rand_int(rnd);
                if (len >= 8 && g_rand_boolean(rnd)) { /* a valid header, random body */
                        memcpy(p, (uint8_t[]){ 0, 1, 8, 0, 6, 4, 0, 1 + g_rand_boolean(rnd) }, 8);
                        if (len >= ARP_PROBE_PKT_LEN && g_rand_boolean(rnd))
                                memcpy(p + 14 + 10 * g_rand_boolean(rnd), &addrs[0].s_addr, 4);
                }
                v = arp_probe_classify(p, len, NULL, OUR, addrs, 1, NULL, NULL);
                if (v == ARP_VERDICT_NONE)
                        continue;
                hits++;
                g_assert_cmpuint(len, >=, ARP_PROBE_PKT_LEN);
                g_assert_cmpmem(p, 6, ((uint8_t[]){ 0, 1, 8, 0, 6, 4 }), 6);
                g_assert_true(memcmp(p + 14, &addrs[0].s_addr, 4) == 0 ||
                              memcmp(p + 24, &addrs[0].s_addr, 4) == 0);
        }
        g_assert_cmpuint(hits, >, 0);
        g_rand_free(rnd);
}

static void test_record(void)
{
        ArpConflict c = { 0 };
        static const uint8_t OTHER[6] = { 0x02, 0, 0, 0, 0, 0x0f };

        g_assert_false(arp_conflict(&c));
        g_assert_false(arp_conflict_record(&c, ARP_VERDICT_NONE, PEER));
        g_assert_true(arp_conflict_record(&c, ARP_VERDICT_PROBED, OTHER));
        g_assert_true(arp_conflict(&c));
        g_assert_cmpstr(c.mac_str, ==, "02:00:00:00:00:0f");
        /* a second prober does not replace the first */
        g_assert_false(arp_conflict_record(&c, ARP_VERDICT_PROBED, PEER));
        g_assert_cmpstr(c.mac_str, ==, "02:00:00:00:00:0f");
        /* a claim does, and then sticks */
        g_assert_true(arp_conflict_record(&c, ARP_VERDICT_IN_USE, PEER));
        g_assert_cmpint(c.verdict, ==, ARP_VERDICT_IN_USE);
        g_assert_cmpstr(c.mac_str, ==, "52:54:00:aa:bb:cc");
        g_assert_cmpmem(c.mac, 6, PEER, 6);
        g_assert_false(arp_conflict_record(&c, ARP_VERDICT_IN_USE, OTHER));
        g_assert_false(arp_conflict_record(&c, ARP_VERDICT_PROBED, OTHER));
        g_assert_cmpstr(c.mac_str, ==, "52:54:00:aa:bb:cc");
}

/* Argument checks come before any socket, so they need no privilege. */
static void test_args(void)
{
        struct in_addr good[1] = { ip4("192.0.2.10") };
        const char *bad[] = { "0.0.0.0", "255.255.255.255", "224.0.0.1", "239.1.2.3" };
        ArpConflict out[2];

        g_assert_cmpint(arp_probe(1, NULL, good, 0, 2, 100, out), ==, 0);
        g_assert_cmpint(arp_probe(1, NULL, good, 1, 0, 100, out), ==, -EINVAL);
        g_assert_cmpint(arp_probe(1, NULL, NULL, 1, 2, 100, out), ==, -EINVAL);
        g_assert_cmpint(arp_probe(1, NULL, good, 1, 2, 100, NULL), ==, -EINVAL);
        for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
                struct in_addr two[2] = { good[0], ip4(bad[i]) };

                g_assert_cmpint(arp_probe(1, NULL, two, 2, 2, 100, out), ==, -EINVAL);
        }
        g_assert_cmpint(arp_probe(0, NULL, good, 1, 2, 100, out), ==, -ENODEV);
        g_assert_cmpint(arp_probe_open(-1, NULL), ==, -ENODEV);
        g_assert_cmpint(arp_probe_run(-1, 1, OUR, good, 1, 2, 100, out), ==, -EINVAL);
        g_assert_cmpint(arp_probe_run(3, 1, OUR, good, 1, 0, 100, out), ==, -EINVAL);
}

int main(int argc, char **argv)
{
        g_test_init(&argc, &argv, NULL);
        g_test_add_func("/arp-probe/build", test_build);
        g_test_add_func("/arp-probe/classify/reply", test_classify_reply);
        g_test_add_func("/arp-probe/classify/request", test_classify_request);
        g_test_add_func("/arp-probe/classify/probe", test_classify_probe);
        g_test_add_func("/arp-probe/classify/own", test_classify_own);
        g_test_add_func("/arp-probe/classify/other-addresses", test_classify_other_addresses);
        g_test_add_func("/arp-probe/classify/truncated", test_classify_truncated);
        g_test_add_func("/arp-probe/classify/hwtypes", test_classify_hwtypes);
        g_test_add_func("/arp-probe/classify/garbage", test_classify_garbage);
        g_test_add_func("/arp-probe/record", test_record);
        g_test_add_func("/arp-probe/args", test_args);
        return g_test_run();
}
