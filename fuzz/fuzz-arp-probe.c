/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The ARP packets the address conflict check hears (arp_probe_classify(),
 * src/arp-probe.c): anyone on the link may send them.  Byte 0 bit 0: the
 * packet came with a link-layer source address, bytes 1-6; the rest is
 * the ARP packet as an AF_PACKET SOCK_DGRAM socket gives it.  A verdict
 * names a probed address and the packet's sender MAC, never ours, and
 * records as arp_probe_run() records it.
 */
#include <string.h>
#include <arpa/inet.h>

#include "fuzz.h"
#include "arp-probe.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
        fuzz_glib_init();
        return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        static const uint8_t ours[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };
        struct in_addr addrs[3];
        ArpConflict out[3] = { 0 };
        const uint8_t *src = NULL;
        uint8_t who[6] = { 0 }, pkt[ARP_PROBE_PKT_LEN];
        size_t i = SIZE_MAX;
        ArpVerdict v;

        if (size < 7)
                return 0;
        if (data[0] & 1)
                src = data + 1;
        inet_pton(AF_INET, "192.0.2.10", &addrs[0]);
        inet_pton(AF_INET, "192.0.2.11", &addrs[1]);
        inet_pton(AF_INET, "10.0.0.1", &addrs[2]);
        v = arp_probe_classify(data + 7, size - 7, src, ours, addrs, G_N_ELEMENTS(addrs), &i, who);
        if (v != ARP_VERDICT_NONE) {
                g_assert_true(v == ARP_VERDICT_IN_USE || v == ARP_VERDICT_PROBED);
                g_assert_cmpuint(i, <, G_N_ELEMENTS(addrs));
                g_assert_cmpuint(size - 7, >=, ARP_PROBE_PKT_LEN);
                g_assert_true(memcmp(who, ours, 6) != 0);
                g_assert_true(arp_conflict_record(&out[i], v, who));
                g_assert_true(arp_conflict(&out[i]));
        }
        /* our own probe is never another host */
        arp_probe_build(pkt, ours, addrs[0]);
        g_assert_cmpint(arp_probe_classify(pkt, sizeof(pkt), src, ours, addrs, 3, NULL, NULL), ==,
                        ARP_VERDICT_NONE);
        return 0;
}
