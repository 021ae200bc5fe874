/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The executor's steps above the links (apply-internal.h): addresses with
 * their broadcast and lifetimes, routes, rules, sysctls, the duplicate
 * address probe (ARPCHECK), LINKDELAY and ETHTOOL_OPTS.
 */
#include "apply-internal.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/rtnetlink.h>

#include "arp-probe.h"

int apply_address(NlConn *c, const PlanStep *st, int ifindex)
{
        g_autoptr(NlMsg) m = NULL;
        BondnlAddrMode mode = BONDNL_ADDR_ADD;

        if (st->action == PLAN_DEL_ADDRESS) {
                m = bondnl_msg_addr(RTM_DELADDR, ifindex, st->family, st->address, st->prefix);
                return m ? nl_conn_request(c, m) : -EINVAL;
        }
        /* ifup-eth: `ip addr change ... valid_lft forever preferred_lft
         * forever`; ifup-ipv6: `ip -6 addr replace`. */
        if (st->permanent)
                mode = BONDNL_ADDR_FOREVER;
        else if (st->family == AF_INET6)
                mode = BONDNL_ADDR_REPLACE;
        m = bondnl_msg_new_addr(ifindex, st->family, st->address, st->prefix, st->broadcast,
                                st->label, st->scope, mode);
        return m ? nl_conn_request(c, m) : -EINVAL;
}

/*
 * IPv4 routes are added with NLM_F_CREATE alone (`ip route prepend`): a
 * route of the same key that someone else made stays, behind bondcfg's,
 * where `ip route replace` (ifup-eth) would have deleted it.  IPv6 ones with
 * NLM_F_EXCL, as `ip -6 route add` in ipv6_add_route(): the kernel would
 * merge a second nexthop into a multipath route otherwise.
 */
int apply_route(NlConn *c, const PlanStep *st)
{
        g_autoptr(NetRoute) r = net_route_copy(st->route);
        g_autoptr(NlMsg) m = NULL;

        if (r->oif && !r->ifindex) {
                int i = apply_link_index(c, r->oif, NULL, NULL);

                if (i < 0)
                        return i;
                r->ifindex = i;
        }
        if (st->metric_base) {
                r->has_metric = true;
                r->metric = st->metric_base + (uint32_t)r->ifindex;
        }
        if (st->action == PLAN_DEL_ROUTE)
                m = net_route_msg_del(r);
        else
                m = net_route_msg_add_flags(r, r->family == AF_INET6 ? NLM_F_EXCL : 0);
        return m ? nl_conn_request(c, m) : -EINVAL;
}

int apply_rule(NlConn *c, const PlanStep *st)
{
        g_autoptr(NlMsg) m = st->action == PLAN_DEL_RULE ? net_rule_msg_del(st->rule)
                                                         : net_rule_msg_add(st->rule);

        return m ? nl_conn_request(c, m) : -EINVAL;
}

int apply_sysctl(const char *ifname, const char *name, const char *value)
{
        const char *slash = strchr(name, '/');
        g_autofree char *fam = slash ? g_strndup(name, (gsize)(slash - name)) : NULL;
        g_autofree char *path = NULL;
        size_t len;
        int fd, r = 0;

        if (!fam || !value || !ifname || strchr(ifname, '/'))
                return -EINVAL;
        path = g_strdup_printf("/proc/sys/net/%s/conf/%s/%s", fam, ifname, slash + 1);
        fd = open(path, O_WRONLY | O_CLOEXEC);
        if (fd < 0)
                return -errno;
        len = strlen(value);
        if (write(fd, value, len) != (ssize_t)len)
                r = -errno;
        if (close(fd) < 0 && r == 0)
                r = -errno;
        return r;
}

static uint64_t now_ms(void)
{
        struct timespec ts;

        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static void sleep_ms(unsigned ms)
{
        struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000 };

        while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
                ;
}

int apply_link_delay(const PlanStep *st)
{
        sleep_ms(st->wait_ms);
        return 0;
}

/* How long the probe waits for the link to carry packets. */
#define PROBE_LINK_WAIT_MS 5000

/*
 * ARPCHECK: initscripts' `arping -c 2 -w ${ARPING_WAIT:-3} -D`, for every
 * new address at once, ARPING_TRIES times on errors.  A link that does not
 * carry packets yet (a bond waiting for miimon and updelay) is waited for,
 * a few seconds at most: probes sent before would prove nothing.  Returns
 * 0, -EADDRINUSE with *msg naming the address and the other host, or
 * -ENOLINK (*msg says the check was skipped: the caller warns).
 */
int apply_probe(NlConn *c, const PlanStep *st, char **msg)
{
        size_t n = st->argv ? g_strv_length(st->argv) : 0;
        g_autofree struct in_addr *addrs = g_new0(struct in_addr, n ? n : 1);
        g_autofree ArpConflict *out = g_new0(ArpConflict, n ? n : 1);
        /* arping -c 2 -w W ends after its second probe's second of
         * listening, or at W seconds, whichever is first. */
        unsigned wait = st->wait_ms < 2000 ? st->wait_ms : 2000;
        uint64_t deadline = now_ms() + PROBE_LINK_WAIT_MS;
        int ifindex, r = -ENOLINK;

        ifindex = apply_link_index(c, st->ifname, NULL, NULL);
        if (ifindex < 0)
                return ifindex;
        for (size_t i = 0; i < n; i++)
                if (inet_pton(AF_INET, st->argv[i], &addrs[i]) != 1)
                        return -EINVAL;
        for (unsigned t = 0; t < (st->tries ? st->tries : 1); t++) {
                do {
                        r = arp_probe(ifindex, NULL, addrs, n, 2, wait, out);
                        if (r == -ENOLINK)
                                sleep_ms(100);
                } while (r == -ENOLINK && now_ms() < deadline);
                if (r != -ENETDOWN && r != -EIO && r != -ENOBUFS)
                        break;
        }
        if (r == -ENOLINK || r == -EOPNOTSUPP) {
                *msg = g_strdup_printf(
                        "%s: duplicate address check skipped: %s", st->ifname,
                        r == -ENOLINK ? "the link carries no packets yet (no carrier after 5 s)"
                                      : "the link does not use ARP");
                return -ENOLINK;
        }
        if (r < 0) {
                *msg = g_strdup_printf("%s: duplicate address check failed: %s", st->ifname,
                                       g_strerror(-r));
                return r;
        }
        for (size_t i = 0; i < n; i++) {
                if (!arp_conflict(&out[i]))
                        continue;
                *msg = g_strdup_printf("another host (%s) already uses %s on %s's network "
                                       "(ARPCHECK); the address was not added",
                                       out[i].mac_str, st->argv[i], st->ifname);
                return -EADDRINUSE;
        }
        return 0;
}

/* ETHTOOL_OPTS: ethtool(8) with the step's arguments, no shell. */
int apply_ethtool(const PlanStep *st, char **msg)
{
        g_autoptr(GPtrArray) argv = g_ptr_array_new();
        g_autofree char *err = NULL;
        g_autoptr(GError) e = NULL;
        int status = 0;

        g_ptr_array_add(argv, (gpointer) "ethtool");
        for (char **a = st->argv; a && *a; a++)
                g_ptr_array_add(argv, *a);
        g_ptr_array_add(argv, NULL);
        if (!g_spawn_sync(NULL, (char **)argv->pdata, NULL,
                          G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err,
                          &status, &e)) {
                *msg = g_strdup_printf("cannot run ethtool: %s", e->message);
                return -ENOENT;
        }
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
                *msg = g_strdup_printf("ethtool failed: %s",
                                       err && *err ? g_strchomp(err) : "no message");
                return -EIO;
        }
        return 0;
}
