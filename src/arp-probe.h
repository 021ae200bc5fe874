/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/*
 * Duplicate address detection before adding IPv4 addresses (ARPCHECK).
 *
 * initscripts' ifup-eth runs, for each new address unless ARPCHECKn=no,
 *
 *   arping -c 2 -w ${ARPING_WAIT:-3} -D -I DEV ADDR
 *
 * and refuses the address ("Error, some other host (MAC) already uses
 * address ...") when something answers.  This module does the same without
 * arping, in the manner of RFC 5227: it sends ARP Probes (RFC 5227 1.1,
 * 2.1.1: sender IP 0.0.0.0, sender MAC ours, target MAC zero, target IP the
 * address, broadcast) for several addresses at once, 1 s apart like arping,
 * and listens until a deadline for anyone else claiming or probing for
 * them.
 *
 * The pure parts (packet building, classification of a received packet)
 * are separate so that they can be tested without a socket.
 */

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "hwaddr.h"

/* An ARP packet for IPv4 over Ethernet (RFC 826), without the Ethernet
 * header: what an AF_PACKET SOCK_DGRAM socket sends and receives. */
#define ARP_PROBE_PKT_LEN 28
/* arping's spacing of probes (RFC 5227 asks for PROBE_MIN..PROBE_MAX,
 * 1..2 s, randomised; initscripts uses arping's fixed 1 s). */
#define ARP_PROBE_INTERVAL_MS 1000

typedef enum {
        ARP_VERDICT_NONE = 0, /* nothing to do with the probed addresses */
        /* RFC 5227 2.1.1, first rule: a Request or Reply whose sender IP is
         * a probed address, from another MAC: the address is in use. */
        ARP_VERDICT_IN_USE,
        /* RFC 5227 2.1.1, second rule: another host's Probe (sender IP 0)
         * for a probed address: it wants the address too. */
        ARP_VERDICT_PROBED,
} ArpVerdict;

/* What was heard about one probed address. */
typedef struct {
        ArpVerdict verdict;             /* NONE: no conflict; IN_USE wins over PROBED */
        uint8_t mac[6];                 /* the other host's MAC (ar$sha) */
        char mac_str[HWADDR_STRLEN(6)]; /* the same, "aa:bb:cc:dd:ee:ff", or "" */
} ArpConflict;

static inline bool arp_conflict(const ArpConflict *c)
{
        return c->verdict != ARP_VERDICT_NONE;
}

/* The ARP Probe for addr from mac (pure; RFC 5227 2.1.1). */
void arp_probe_build(uint8_t pkt[ARP_PROBE_PKT_LEN], const uint8_t mac[6], struct in_addr addr);

/*
 * Classify a received ARP packet (pure).  pkt/len: the ARP header and body
 * as received on a SOCK_DGRAM packet socket (Ethernet padding may follow);
 * src_mac: the link-layer source address (sockaddr_ll.sll_addr) or NULL;
 * our_mac: the probing interface's MAC; addrs[n]: the addresses probed.
 *
 * Anything that is not a well-formed Ethernet/IPv4 ARP Request or Reply is
 * NONE, and so is anything whose sender MAC (ar$sha) or link-layer source
 * is our_mac: our own probes, seen again through a loop or a bond port.
 * Otherwise the verdict is IN_USE or PROBED as above, with *index set to
 * the address's index and who[] to ar$sha (either may be NULL).
 */
ArpVerdict arp_probe_classify(const uint8_t *pkt, size_t len, const uint8_t *src_mac,
                              const uint8_t our_mac[6], const struct in_addr *addrs, size_t n,
                              size_t *index, uint8_t who[6]);

/* Record verdict v from who for address i in out[] (pure): the first
 * IN_USE sticks, a PROBED only fills an empty record.  Returns true if
 * out[i] changed. */
bool arp_conflict_record(ArpConflict *out, ArpVerdict v, const uint8_t who[6]);

/*
 * A packet socket for ARP on ifindex only (SOCK_CLOEXEC, non-blocking),
 * bound before it receives anything.  If mac is not NULL it gets the
 * interface's current address.  Returns the fd or -errno: -EOPNOTSUPP if
 * the interface is not Ethernet-like (6-byte addresses, ARPHRD_ETHER).
 */
int arp_probe_open(int ifindex, uint8_t mac[6]);

/*
 * The probing loop on fd from arp_probe_open(): send one Probe per
 * address at once, then again every ARP_PROBE_INTERVAL_MS until `probes`
 * rounds are sent or the deadline comes (a round due after the deadline is
 * not sent; the first always is, even if wait_ms is 0); listen until
 * wait_ms have passed since the start (CLOCK_MONOTONIC), or until every
 * address has a conflict.  It never blocks past the deadline by more than
 * poll()'s millisecond rounding.  Packets this host sent (PACKET_OUTGOING)
 * are skipped.
 *
 * out[n] is cleared first and filled as packets arrive; it stays valid on
 * error.  Returns 0 or -errno (from sendto, e.g. -ENETDOWN, -ENXIO; from
 * the socket when the interface goes down meanwhile, -ENETDOWN; or from
 * poll/recvfrom).  A full send buffer is not an error: the rest of the
 * round goes out when there is room.
 */
int arp_probe_run(int fd, int ifindex, const uint8_t mac[6], const struct in_addr *addrs, size_t n,
                  unsigned probes, unsigned wait_ms, ArpConflict *out);

/*
 * Probe addrs[n] on ifindex: what ifup-eth's `arping -D` does before
 * `ip addr add`, for several addresses at once.  mac: the MAC to send from
 * and to recognise as ours; NULL for the interface's current address.
 * probes >= 1; wait_ms: the total time (ARPING_WAIT * 1000).
 *
 * Checks first, sending nothing:
 *   -EINVAL      probes == 0, addrs or out NULL, or an address that cannot
 *                be a host's (0.0.0.0, 255.255.255.255, multicast); n == 0
 *                returns 0 at once
 *   -ENODEV      no such interface
 *   -ENETDOWN    the interface is not IFF_UP (arping: "Interface is down")
 *   -EOPNOTSUPP  IFF_NOARP or IFF_LOOPBACK (arping -D passes such
 *                interfaces, "not ARPable"; the caller decides), or not
 *                Ethernet
 *   -ENOLINK     not IFF_RUNNING (operstate not up: no carrier, or the
 *                kernel's linkwatch has not yet processed it, which is also
 *                when it starts the queue that transmits): probes would be
 *                dropped silently and prove nothing, so this is not
 *                reported as "no conflict".  arping does not look and
 *                reports such an address free.
 * then arp_probe_run().  Returns 0 (see out[] for conflicts) or -errno.
 * Needs CAP_NET_RAW.  Closing the packet socket waits for an RCU grace
 * period (packet_release() -> synchronize_net()), so arp_probe() returns
 * some milliseconds (5-15 measured) after the deadline.
 */
int arp_probe(int ifindex, const uint8_t *mac, const struct in_addr *addrs, size_t n,
              unsigned probes, unsigned wait_ms, ArpConflict *out);
