/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ARP probing (arp-probe.h) for real: in a new network namespace (root
 * only; skipped otherwise), over a veth pair whose peer end holds an
 * address, with the time each probe takes measured. */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdarg.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <net/if_arp.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib.h>

#include "arp-probe.h"
#include "apply.h"
#include "hwaddr.h"

static const uint8_t ZERO[6];
static const uint8_t BCAST[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

static struct in_addr ip4(const char *s)
{
        struct in_addr a;

        g_assert_cmpint(inet_pton(AF_INET, s, &a), ==, 1);
        return a;
}

/* Measured figures, as TAP comments (the subprocess runs with -q, which
 * silences g_test_message()). */
static void G_GNUC_PRINTF(1, 2) note(const char *fmt, ...)
{
        g_autofree char *s = NULL;
        va_list ap;

        va_start(ap, fmt);
        s = g_strdup_vprintf(fmt, ap);
        va_end(ap);
        g_print("# %s\n", s);
}

/*
 * A veth pair pa <-> pb in a new network namespace (gone with the
 * process), pb holding 192.0.2.2/24: the kernel behind pb answers Probes
 * for it as any Linux host would.  This runs in a subprocess, so the test
 * binary's own namespace is never changed.
 */

static void run(const char *cmd)
{
        g_autoptr(GError) err = NULL;
        int st;

        g_assert_true(g_spawn_command_line_sync(cmd, NULL, NULL, &st, &err));
        g_assert_no_error(err);
        g_spawn_check_wait_status(st, &err);
        g_assert_no_error(err);
}

/* Like run(), but a failure is only reported: for the optional tools. */
static bool try_run(const char *cmd)
{
        int st;

        return g_spawn_command_line_sync(cmd, NULL, NULL, &st, NULL) &&
               g_spawn_check_wait_status(st, NULL);
}

static unsigned flags_of(const char *name)
{
        struct ifreq ifr = { 0 };
        int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

        g_assert_cmpint(fd, >=, 0);
        g_strlcpy(ifr.ifr_name, name, sizeof(ifr.ifr_name));
        g_assert_cmpint(ioctl(fd, SIOCGIFFLAGS, &ifr), ==, 0);
        close(fd);
        return (unsigned short)ifr.ifr_flags;
}

static void wait_running(const char *name, bool on)
{
        for (int i = 0; i < 300; i++) {
                if (!!(flags_of(name) & IFF_RUNNING) == on)
                        return;
                g_usleep(10 * 1000);
        }
        g_assert_not_reached();
}

/* Drain fd (a packet socket on the peer end) and count the Probes for
 * any of addrs[n] that arrived there. */
static unsigned count_probes_of(int fd, const struct in_addr *addrs, size_t n)
{
        uint8_t buf[256];
        struct sockaddr_ll from;
        socklen_t fl = sizeof(from);
        unsigned count = 0;
        ssize_t len;

        while ((len = recvfrom(fd, buf, sizeof(buf), MSG_DONTWAIT, (struct sockaddr *)&from,
                               &fl)) >= 0) {
                fl = sizeof(from);
                if (from.sll_pkttype == PACKET_OUTGOING || len < ARP_PROBE_PKT_LEN ||
                    buf[7] != ARPOP_REQUEST || memcmp(buf + 14, ZERO, 4) != 0)
                        continue;
                for (size_t i = 0; i < n; i++)
                        if (memcmp(buf + 24, &addrs[i].s_addr, 4) == 0)
                                count++;
        }
        return count;
}

static unsigned count_probes(int fd, struct in_addr addr)
{
        return count_probes_of(fd, &addr, 1);
}

typedef enum { SEND_PROBE, SEND_GARP, SET_DOWN } SenderKind;

typedef struct {
        SenderKind kind;
        int ifindex;
        uint8_t mac[6];
        const char *ip;
        unsigned delay_ms;
} Sender;

/* What the other host does while we probe. */
static gpointer sender(gpointer data)
{
        const Sender *s = data;
        struct sockaddr_ll to = { .sll_family = AF_PACKET,
                                  .sll_protocol = htons(ETH_P_ARP),
                                  .sll_ifindex = s->ifindex,
                                  .sll_halen = 6 };
        uint8_t pkt[ARP_PROBE_PKT_LEN];
        g_autofree char *mac = NULL;
        int fd;

        g_usleep(s->delay_ms * 1000);
        switch (s->kind) {
        case SEND_PROBE:
                memcpy(to.sll_addr, BCAST, 6);
                arp_probe_build(pkt, s->mac, ip4(s->ip));
                fd = arp_probe_open(s->ifindex, NULL);
                g_assert_cmpint(fd, >=, 0);
                g_assert_cmpint(sendto(fd, pkt, sizeof(pkt), 0, (struct sockaddr *)&to, sizeof(to)),
                                ==, sizeof(pkt));
                close(fd);
                break;
        case SEND_GARP:
                mac = hwaddr_format(s->mac, 6);
                g_assert_cmpint(apply_send_garp(s->ifindex, mac, s->ip), ==, 0);
                break;
        case SET_DOWN:
                run("ip link set pa down");
                break;
        }
        return NULL;
}

static double ms_since(gint64 t0)
{
        return (g_get_monotonic_time() - t0) / 1000.0;
}

/* Probe addrs from pa; *ms gets the time it took. */
static int probe(int pa, const char *const *addrs, size_t n, unsigned probes, unsigned wait_ms,
                 ArpConflict *out, double *ms)
{
        struct in_addr a[8];
        gint64 t0;
        int r;

        g_assert_cmpuint(n, <=, G_N_ELEMENTS(a));
        for (size_t i = 0; i < n; i++)
                a[i] = ip4(addrs[i]);
        t0 = g_get_monotonic_time();
        r = arp_probe(pa, NULL, a, n, probes, wait_ms, out);
        *ms = ms_since(t0);
        return r;
}

static void netns_body(void)
{
        const char *held[] = { "192.0.2.2" }, *free1[] = { "192.0.2.9" };
        const char *mixed[] = { "192.0.2.9", "192.0.2.2", "192.0.2.10" };
        const char *probed[] = { "192.0.2.20" }, *announced[] = { "192.0.2.21" };
        uint8_t pbmac[6], pamac[6];
        g_autofree char *pbmac_str = NULL;
        ArpConflict out[3];
        Sender s = { 0 };
        GThread *t;
        double ms;
        int pa, pb, fd, spy;

        g_assert_cmpint(unshare(CLONE_NEWNET), ==, 0);
        run("ip link set lo up");
        run("ip link add pa type veth peer name pb");
        run("ip addr add 192.0.2.2/24 dev pb");
        run("ip link set pb up");
        run("ip link set pa up");
        wait_running("pa", true);
        pa = (int)if_nametoindex("pa");
        pb = (int)if_nametoindex("pb");
        fd = arp_probe_open(pb, pbmac);
        g_assert_cmpint(fd, >=, 0);
        close(fd);
        pbmac_str = hwaddr_format(pbmac, 6);
        spy = arp_probe_open(pb, NULL); /* counts the Probes that reach pb */
        g_assert_cmpint(spy, >=, 0);
        {
                int big = 4 << 20;

                g_assert_cmpint(setsockopt(spy, SOL_SOCKET, SO_RCVBUFFORCE, &big, sizeof(big)), ==,
                                0);
        }

        /* The peer holds the address: its kernel replies at once, and the
         * probe ends without waiting for the deadline. */
        g_assert_cmpint(probe(pa, held, 1, 2, 3000, out, &ms), ==, 0);
        g_assert_cmpint(out[0].verdict, ==, ARP_VERDICT_IN_USE);
        g_assert_cmpstr(out[0].mac_str, ==, pbmac_str);
        g_assert_cmpmem(out[0].mac, 6, pbmac, 6);
        g_assert_cmpfloat(ms, <, 1000);
        note("held address: conflict with %s after %.1f ms (wait 3000 ms)", out[0].mac_str, ms);
        count_probes(spy, ip4(held[0]));

        /* Nobody holds it: wait the whole time, no longer; one probe, as
         * the second would come after the deadline.  The loop is timed on
         * its own: closing a packet socket waits for an RCU grace period
         * (packet_release() -> synchronize_net()), which arp_probe() adds
         * after the deadline. */
        fd = arp_probe_open(pa, pamac);
        g_assert_cmpint(fd, >=, 0);
        {
                struct in_addr a = ip4(free1[0]);
                gint64 t0 = g_get_monotonic_time(), t1;

                g_assert_cmpint(arp_probe_run(fd, pa, pamac, &a, 1, 2, 500, out), ==, 0);
                ms = ms_since(t0);
                t1 = g_get_monotonic_time();
                close(fd);
                note("free address: no conflict, loop returned after %.1f ms (wait 500 ms), "
                     "close() %.1f ms",
                     ms, ms_since(t1));
        }
        g_assert_false(arp_conflict(&out[0]));
        g_assert_cmpstr(out[0].mac_str, ==, "");
        g_assert_cmpfloat(ms, >=, 500);
        g_assert_cmpfloat(ms, <, 500 + 100);
        g_assert_cmpuint(count_probes(spy, ip4(free1[0])), ==, 1);
        g_assert_cmpint(probe(pa, free1, 1, 2, 500, out, &ms), ==, 0);
        g_assert_cmpfloat(ms, >=, 500);
        g_assert_cmpfloat(ms, <, 500 + 250);
        g_assert_cmpuint(count_probes(spy, ip4(free1[0])), ==, 1);
        note("free address: arp_probe() returned after %.1f ms (wait 500 ms)", ms);

        /* Several at once, one held: rounds at 0 and 1000 ms, the end at
         * 1200 ms since not every address has an answer. */
        g_assert_cmpint(probe(pa, mixed, 3, 2, 1200, out, &ms), ==, 0);
        g_assert_false(arp_conflict(&out[0]));
        g_assert_cmpint(out[1].verdict, ==, ARP_VERDICT_IN_USE);
        g_assert_cmpstr(out[1].mac_str, ==, pbmac_str);
        g_assert_false(arp_conflict(&out[2]));
        g_assert_cmpfloat(ms, >=, 1200);
        g_assert_cmpfloat(ms, <, 1200 + 250);
        g_assert_cmpuint(count_probes(spy, ip4(mixed[0])), ==, 2);
        note("3 addresses, 1 held: conflict on the held one only, %.1f ms (wait 1200 ms)", ms);

        /* As many addresses as ifup-eth takes (IPADDR0..IPADDR256), the
         * held one last, through a send buffer as small as the kernel
         * allows and, where tc(8) has tbf, a 1 Mbit/s queue that holds
         * the packets (so sendto() meets EAGAIN): every probe still goes
         * out. */
        {
                enum { N = 257 };
                g_autofree struct in_addr *many = g_new(struct in_addr, N);
                g_autofree ArpConflict *res = g_new(ArpConflict, N);
                bool slow = try_run("tc qdisc add dev pa root tbf rate 1mbit burst 1600 "
                                    "latency 2s");
                int one = 1;
                gint64 t0;

                for (unsigned i = 0; i < N - 1; i++)
                        many[i].s_addr = htonl(0x0a010000 + 1 + i); /* 10.1.0.1 ... */
                many[N - 1] = ip4(held[0]);
                fd = arp_probe_open(pa, pamac);
                g_assert_cmpint(fd, >=, 0);
                g_assert_cmpint(setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &one, sizeof(one)), ==, 0);
                t0 = g_get_monotonic_time();
                g_assert_cmpint(arp_probe_run(fd, pa, pamac, many, N, 1, 500, res), ==, 0);
                ms = ms_since(t0);
                close(fd);
                g_assert_cmpuint(count_probes_of(spy, many, N - 1), ==, N - 1);
                for (unsigned i = 0; i < N - 1; i++)
                        g_assert_false(arp_conflict(&res[i]));
                g_assert_cmpint(res[N - 1].verdict, ==, ARP_VERDICT_IN_USE);
                g_assert_cmpfloat(ms, >=, 500);
                g_assert_cmpfloat(ms, <, 500 + 100);
                note("%d addresses, the last held, minimal SO_SNDBUF%s: all sent, %.1f ms "
                     "(wait 500 ms)",
                     N, slow ? ", 1 Mbit/s" : "", ms);
                if (slow)
                        run("tc qdisc del dev pa root");
        }

        /* Another host probing for the same address (RFC 5227 2.1.1). */
        s = (Sender){ .kind = SEND_PROBE, .ifindex = pb, .ip = probed[0], .delay_ms = 100 };
        memcpy(s.mac, pbmac, 6);
        t = g_thread_new("prober", sender, &s);
        g_assert_cmpint(probe(pa, probed, 1, 1, 2000, out, &ms), ==, 0);
        g_thread_join(t);
        g_assert_cmpint(out[0].verdict, ==, ARP_VERDICT_PROBED);
        g_assert_cmpstr(out[0].mac_str, ==, pbmac_str);
        g_assert_cmpfloat(ms, <, 1000);
        note("another host's probe: seen after %.1f ms", ms);

        /* Another host announcing it (gratuitous ARP, as ARPUPDATE sends). */
        s.kind = SEND_GARP;
        s.ip = announced[0];
        t = g_thread_new("announcer", sender, &s);
        g_assert_cmpint(probe(pa, announced, 1, 1, 2000, out, &ms), ==, 0);
        g_thread_join(t);
        g_assert_cmpint(out[0].verdict, ==, ARP_VERDICT_IN_USE);
        g_assert_cmpfloat(ms, <, 1000);

        /* The interface goes down while probing: an error, at once. */
        s.kind = SET_DOWN;
        s.delay_ms = 200;
        t = g_thread_new("down", sender, &s);
        g_assert_cmpint(probe(pa, free1, 1, 2, 2000, out, &ms), ==, -ENETDOWN);
        g_thread_join(t);
        g_assert_cmpfloat(ms, <, 1000);
        note("interface set down while probing: -ENETDOWN after %.1f ms", ms);
        g_assert_cmpint(probe(pa, held, 1, 2, 500, out, &ms), ==, -ENETDOWN);
        run("ip link set pa up");
        wait_running("pa", true);

        /* No carrier (the peer end down, like a bond whose ports are not up
         * yet): arp_probe() refuses, since the probes would prove nothing.
         * Driven by hand, the probe "succeeds" and finds nothing even for
         * the held address: that is what arping does. */
        run("ip link set pb down");
        wait_running("pa", false);
        g_assert_cmpint(probe(pa, held, 1, 2, 500, out, &ms), ==, -ENOLINK);
        g_assert_cmpfloat(ms, <, 100);
        fd = arp_probe_open(pa, pamac);
        g_assert_cmpint(fd, >=, 0);
        {
                struct in_addr a = ip4(held[0]);
                gint64 t0 = g_get_monotonic_time();
                int r = arp_probe_run(fd, pa, pamac, &a, 1, 2, 300, out);

                note("no carrier, probing anyway: %d (%s), conflict=%d after %.1f ms", r,
                     r < 0 ? g_strerror(-r) : "ok", arp_conflict(&out[0]), ms_since(t0));
                g_assert_cmpint(r, ==, 0);
                g_assert_false(arp_conflict(&out[0]));
        }
        close(fd);
        run("ip link set pb up");

        /* Interfaces that cannot be probed. */
        run("ip link set pa arp off");
        g_assert_cmpint(probe(pa, held, 1, 2, 500, out, &ms), ==, -EOPNOTSUPP);
        g_assert_cmpint(probe((int)if_nametoindex("lo"), held, 1, 2, 500, out, &ms), ==,
                        -EOPNOTSUPP);
        g_assert_cmpint(probe(999999, held, 1, 2, 500, out, &ms), ==, -ENODEV);
        close(spy);
}

/* Root, and a kernel that lets us make a network namespace? */
static bool can_unshare_netns(void)
{
        g_autofree char *ip = g_find_program_in_path("ip");
        pid_t pid;
        int st;

        if (geteuid() != 0 || !ip)
                return false;
        pid = fork();
        if (pid == 0) /* and a packet socket (CAP_NET_RAW) in it */
                _exit(unshare(CLONE_NEWNET) == 0 && socket(AF_PACKET, SOCK_DGRAM, 0) >= 0 ? 0 : 1);
        if (pid < 0 || waitpid(pid, &st, 0) != pid)
                return false;
        return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

static void test_netns(void)
{
        if (g_test_subprocess()) {
                netns_body();
                return;
        }
        if (!can_unshare_netns()) {
                g_test_skip("needs root, ip(8) and a new network namespace");
                return;
        }
        g_test_trap_subprocess(NULL, 20 * G_USEC_PER_SEC,
                               G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
        g_test_trap_assert_passed();
}

int main(int argc, char **argv)
{
        g_test_init(&argc, &argv, NULL);
        g_test_add_func("/arp-probe/netns", test_netns);
        return g_test_run();
}
