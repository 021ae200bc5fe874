/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Duplicate address detection over ARP (ARPCHECK), RFC 5227 style. */
#include "arp-probe.h"

#include <errno.h>
#include <net/if.h>
#include <net/if_arp.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <poll.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* The longest single poll(): the kernel may wake a poll() of T ms up to
 * T/1000 late (timer slack, select_estimate_accuracy()), 2 ms for a
 * 2 s wait; slices of 100 ms keep that under 0.1 ms. */
#define POLL_SLICE_MS 100

/* Packets read per wake-up before the deadline is looked at again, so that
 * a flood of ARP cannot keep the loop past it. */
#define DRAIN_MAX 64

/* Offsets in an Ethernet/IPv4 ARP packet (RFC 826). */
enum {
        OFF_HRD = 0,
        OFF_PRO = 2,
        OFF_HLN = 4,
        OFF_PLN = 5,
        OFF_OP = 6,
        OFF_SHA = 8,
        OFF_SPA = 14,
        OFF_THA = 18,
        OFF_TPA = 24,
};

static uint16_t get_be16(const uint8_t *p)
{
        return (uint16_t)(p[0] << 8 | p[1]);
}

static void put_be16(uint8_t *p, uint16_t v)
{
        p[0] = v >> 8;
        p[1] = v & 0xff;
}

/* ---- pure parts ---------------------------------------------------------- */

void arp_probe_build(uint8_t pkt[ARP_PROBE_PKT_LEN], const uint8_t mac[6], struct in_addr addr)
{
        /* RFC 5227 2.1.1: "an ARP Request ... with the 'sender hardware
         * address' set to the hardware address of the interface sending
         * the packet, the 'sender IP address' field set to all zeroes ...
         * the 'target hardware address' field is ignored and SHOULD be set
         * to all zeroes.  The 'target IP address' field MUST be set to the
         * address being probed."  (arping -D sends the same.) */
        memset(pkt, 0, ARP_PROBE_PKT_LEN);
        put_be16(pkt + OFF_HRD, ARPHRD_ETHER);
        put_be16(pkt + OFF_PRO, ETH_P_IP);
        pkt[OFF_HLN] = 6;
        pkt[OFF_PLN] = 4;
        put_be16(pkt + OFF_OP, ARPOP_REQUEST);
        memcpy(pkt + OFF_SHA, mac, 6);
        memcpy(pkt + OFF_TPA, &addr.s_addr, 4);
}

static bool find_addr(const uint8_t ip[4], const struct in_addr *addrs, size_t n, size_t *index)
{
        for (size_t i = 0; i < n; i++) {
                if (memcmp(ip, &addrs[i].s_addr, 4) == 0) {
                        *index = i;
                        return true;
                }
        }
        return false;
}

ArpVerdict arp_probe_classify(const uint8_t *pkt, size_t len, const uint8_t *src_mac,
                              const uint8_t our_mac[6], const struct in_addr *addrs, size_t n,
                              size_t *index, uint8_t who[6])
{
        static const uint8_t zero_ip[4];
        uint16_t hrd, op;
        ArpVerdict v;
        size_t i;

        if (!pkt || len < ARP_PROBE_PKT_LEN)
                return ARP_VERDICT_NONE;
        /* Ethernet and IPv4 only.  The kernel's arp_process() takes
         * ARPHRD_IEEE802 on Ethernet devices as well, and so do we. */
        hrd = get_be16(pkt + OFF_HRD);
        if ((hrd != ARPHRD_ETHER && hrd != ARPHRD_IEEE802) || get_be16(pkt + OFF_PRO) != ETH_P_IP ||
            pkt[OFF_HLN] != 6 || pkt[OFF_PLN] != 4)
                return ARP_VERDICT_NONE;
        op = get_be16(pkt + OFF_OP);
        if (op != ARPOP_REQUEST && op != ARPOP_REPLY)
                return ARP_VERDICT_NONE;
        /* Our own probes, looped back by a switch or received again on
         * another port of a bond, are not another host (RFC 5227 2.1.1:
         * "... is not the hardware address of any of the host's
         * interfaces"). */
        if (memcmp(pkt + OFF_SHA, our_mac, 6) == 0 || (src_mac && memcmp(src_mac, our_mac, 6) == 0))
                return ARP_VERDICT_NONE;

        if (memcmp(pkt + OFF_SPA, zero_ip, 4) != 0) {
                /* RFC 5227 2.1.1: "any ARP packet (Request *or* Reply) ...
                 * where the packet's 'sender IP address' is the address
                 * being probed for": a reply to our probe (what arping -D
                 * waits for), a gratuitous ARP or announcement, or an
                 * ordinary request from a host that has the address. */
                if (!find_addr(pkt + OFF_SPA, addrs, n, &i))
                        return ARP_VERDICT_NONE;
                v = ARP_VERDICT_IN_USE;
        } else {
                /* RFC 5227 2.1.1: "any ARP Probe where the packet's 'target
                 * IP address' is the address being probed for, and the
                 * packet's 'sender hardware address' is not the hardware
                 * address of any of the host's interfaces".  A Probe is a
                 * Request (2.1.1). */
                if (op != ARPOP_REQUEST || !find_addr(pkt + OFF_TPA, addrs, n, &i))
                        return ARP_VERDICT_NONE;
                v = ARP_VERDICT_PROBED;
        }
        if (index)
                *index = i;
        if (who)
                memcpy(who, pkt + OFF_SHA, 6);
        return v;
}

bool arp_conflict_record(ArpConflict *out, ArpVerdict v, const uint8_t who[6])
{
        if (v == ARP_VERDICT_NONE || out->verdict == ARP_VERDICT_IN_USE || out->verdict == v)
                return false;
        /* An earlier PROBED gives way to IN_USE: "already uses" is the
         * stronger statement, and the one ifup-eth makes. */
        out->verdict = v;
        memcpy(out->mac, who, 6);
        hwaddr_format_buf(who, 6, out->mac_str);
        return true;
}

/* ---- the socket ------------------------------------------------------------ */

int arp_probe_open(int ifindex, uint8_t mac[6])
{
        struct sockaddr_ll sll = {
                .sll_family = AF_PACKET,
                .sll_protocol = htons(ETH_P_ARP),
                .sll_ifindex = ifindex,
        };
        socklen_t sl = sizeof(sll);
        int fd, r;

        if (ifindex <= 0)
                return -ENODEV;
        /* Protocol 0: the socket takes no packets until it is bound to the
         * interface, so nothing from other interfaces slips in between. */
        fd = socket(AF_PACKET, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        if (fd < 0)
                return -errno;
        if (bind(fd, (struct sockaddr *)&sll, sizeof(sll)) < 0 ||
            getsockname(fd, (struct sockaddr *)&sll, &sl) < 0) {
                r = -errno;
                close(fd);
                return r;
        }
        if (sll.sll_hatype != ARPHRD_ETHER || sll.sll_halen != 6) {
                close(fd);
                return -EOPNOTSUPP;
        }
        if (mac)
                memcpy(mac, sll.sll_addr, 6);
        return fd;
}

/* The interface's flags (SIOCGIFFLAGS: the low 16 bits, IFF_RUNNING
 * included, IFF_LOWER_UP not). */
static int link_flags(int fd, int ifindex, unsigned *flags)
{
        struct ifreq ifr = { .ifr_ifindex = ifindex };

        if (ioctl(fd, SIOCGIFNAME, &ifr) < 0 || ioctl(fd, SIOCGIFFLAGS, &ifr) < 0)
                return -errno;
        *flags = (unsigned short)ifr.ifr_flags;
        return 0;
}

static uint64_t mono_ns(void)
{
        struct timespec ts;

        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Probes, broadcast (RFC 5227 2.1.1: "broadcast packets"), for
 * addrs[*pos..n-1].  The socket does not block: when its send buffer is
 * full (hundreds of addresses; ifup-eth allows IPADDR0..IPADDR256) this
 * stops with *pos < n and the loop goes on when it is writable again.
 * Returns 0 or -errno. */
static int send_some(int fd, int ifindex, const uint8_t mac[6], const struct in_addr *addrs,
                     size_t n, size_t *pos)
{
        struct sockaddr_ll to = {
                .sll_family = AF_PACKET,
                .sll_protocol = htons(ETH_P_ARP),
                .sll_ifindex = ifindex,
                .sll_halen = 6,
                .sll_addr = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff },
        };
        uint8_t pkt[ARP_PROBE_PKT_LEN];

        while (*pos < n) {
                arp_probe_build(pkt, mac, addrs[*pos]);
                if (sendto(fd, pkt, sizeof(pkt), 0, (struct sockaddr *)&to, sizeof(to)) < 0) {
                        if (errno == EINTR)
                                continue;
                        return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -errno;
                }
                (*pos)++;
        }
        return 0;
}

/* Read what is queued (at most DRAIN_MAX packets) into out[].  Returns 0
 * or -errno (a pending socket error such as -ENETDOWN when the interface
 * went down). */
static int drain(int fd, int ifindex, const uint8_t mac[6], const struct in_addr *addrs, size_t n,
                 ArpConflict *out)
{
        for (int k = 0; k < DRAIN_MAX; k++) {
                uint8_t buf[256], who[6];
                struct sockaddr_ll from;
                socklen_t fl = sizeof(from);
                ArpVerdict v;
                ssize_t len;
                size_t i;

                len = recvfrom(fd, buf, sizeof(buf), MSG_DONTWAIT, (struct sockaddr *)&from, &fl);
                if (len < 0) {
                        if (errno == EINTR)
                                continue;
                        return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -errno;
                }
                /* What this host sent (our probes, as the socket sees them
                 * leave) is not another host. */
                if (fl < sizeof(from) || from.sll_pkttype == PACKET_OUTGOING ||
                    from.sll_ifindex != ifindex)
                        continue;
                v = arp_probe_classify(buf, (size_t)len, from.sll_halen == 6 ? from.sll_addr : NULL,
                                       mac, addrs, n, &i, who);
                if (v != ARP_VERDICT_NONE)
                        arp_conflict_record(&out[i], v, who);
        }
        return 0;
}

static bool all_conflict(const ArpConflict *out, size_t n)
{
        for (size_t i = 0; i < n; i++)
                if (!arp_conflict(&out[i]))
                        return false;
        return true;
}

int arp_probe_run(int fd, int ifindex, const uint8_t mac[6], const struct in_addr *addrs, size_t n,
                  unsigned probes, unsigned wait_ms, ArpConflict *out)
{
        const uint64_t ms = 1000000u;
        uint64_t start, deadline, next_send;
        unsigned sent = 0; /* rounds started */
        size_t pos = n;    /* the next address of the current round; n: none left */

        if (n == 0)
                return 0;
        if (fd < 0 || !mac || !addrs || !out || probes == 0)
                return -EINVAL;
        memset(out, 0, n * sizeof(*out));

        /* ifup-eth's `arping -c 2 -w ${ARPING_WAIT:-3} -D` (iputils
         * 20221126, measured): a probe at once and one a second later; it
         * ends at the first reply, or at the deadline, or 1 s after the
         * last probe, whichever comes first.  Here all addresses share the
         * rounds and one deadline, the end is the deadline alone, and the
         * loop stops early only when every address has an answer.  (RFC
         * 5227 2.1.1 would wait PROBE_WAIT first, randomise the spacing and
         * listen ANNOUNCE_WAIT after the last probe; initscripts does not,
         * and the caller sets the total, as ARPING_WAIT does.) */
        start = mono_ns();
        deadline = start + (uint64_t)wait_ms * ms;
        next_send = start;
        for (;;) {
                struct pollfd p = { .fd = fd, .events = POLLIN };
                uint64_t now = mono_ns(), wake, timeout;
                int r;

                /* A round is due: the first at once, even if wait_ms is 0;
                 * the others only before the deadline. */
                if (pos == n && sent < probes && now >= next_send &&
                    (sent == 0 || now < deadline)) {
                        pos = 0;
                        sent++;
                        next_send += (uint64_t)ARP_PROBE_INTERVAL_MS * ms;
                }
                if (pos < n) {
                        r = send_some(fd, ifindex, mac, addrs, n, &pos);
                        if (r < 0)
                                return r;
                }
                if (now >= deadline || all_conflict(out, n))
                        return 0;
                wake = deadline;
                if (pos == n && sent < probes && next_send < wake)
                        wake = next_send;
                if (pos < n)
                        p.events |= POLLOUT;
                /* Rounded up, so the loop does not spin for the last
                 * fraction of a millisecond. */
                timeout = (wake - now + ms - 1) / ms;
                r = poll(&p, 1, timeout > POLL_SLICE_MS ? POLL_SLICE_MS : (int)timeout);
                if (r < 0) {
                        if (errno == EINTR)
                                continue;
                        return -errno;
                }
                /* POLLERR: a socket error such as ENETDOWN, which drain()
                 * returns. */
                if (p.revents & ~POLLOUT) {
                        r = drain(fd, ifindex, mac, addrs, n, out);
                        if (r < 0)
                                return r;
                }
        }
}

/* An address a host can hold: not 0.0.0.0 (which is what a Probe's sender
 * is, so it would match every probe), not limited broadcast, not
 * multicast. */
static bool probeable(struct in_addr a)
{
        uint32_t h = ntohl(a.s_addr);

        return h != INADDR_ANY && h != INADDR_BROADCAST && !IN_MULTICAST(h);
}

int arp_probe(int ifindex, const uint8_t *mac, const struct in_addr *addrs, size_t n,
              unsigned probes, unsigned wait_ms, ArpConflict *out)
{
        uint8_t own[6];
        unsigned flags = 0;
        int fd, r;

        if (n == 0)
                return 0;
        if (!addrs || !out || probes == 0)
                return -EINVAL;
        for (size_t i = 0; i < n; i++)
                if (!probeable(addrs[i]))
                        return -EINVAL;
        memset(out, 0, n * sizeof(*out));

        fd = arp_probe_open(ifindex, own);
        if (fd < 0)
                return fd;
        r = link_flags(fd, ifindex, &flags);
        if (r < 0)
                goto out;
        /* As arping does before -D: a down interface is an error ("Interface
         * is down", so ifup-eth ends with "arping failed after N tries"),
         * and an interface without ARP is not probed. */
        if (!(flags & IFF_UP))
                r = -ENETDOWN;
        else if (flags & (IFF_NOARP | IFF_LOOPBACK))
                r = -EOPNOTSUPP;
        /* arping does not look at the carrier: without one its probes are
         * dropped and it reports the address free.  IFF_RUNNING (operstate
         * up) rather than the carrier bit: the kernel's linkwatch sets it
         * when it starts the transmit queue, so before that probes are
         * dropped too. */
        else if (!(flags & IFF_RUNNING))
                r = -ENOLINK;
        else
                r = arp_probe_run(fd, ifindex, mac ? mac : own, addrs, n, probes, wait_ms, out);
out:
        close(fd);
        return r;
}
