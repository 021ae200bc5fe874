/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/*
 * Static routes: one NetRoute for a route read from route-DEV / route6-DEV
 * and for a route read back from the kernel, so that the two compare.
 *
 * A field a file did not give stays "not given" (table 0, has_* false,
 * type RTN_UNSPEC), and the net_route_*() accessors below give the value
 * it takes, as `ip route add` fills it in (iproute2 ip/iproute.c
 * iproute_modify()) and the kernel stores it.  A route parsed from the
 * kernel has every field given.
 */

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>
#include <linux/netlink.h>
#include "nl-dl.h"

/* Where a configured route or rule comes from, for diagnostics. */
typedef struct {
        char *file;    /* NULL for one read from the kernel */
        unsigned line; /* 1-based, 0 = unknown */
        char *text;    /* the line as written, or the KEY=value group */
} NetOrigin;

typedef struct {
        int family;      /* AF_INET or AF_INET6 */
        char *dst;       /* canonical network address; "0.0.0.0" / "::" for default */
        unsigned prefix; /* 0 = default route */
        char *gateway;   /* NULL: none */
        char *oif;       /* device name, NULL: none or not known */
        int ifindex;     /* 0: none or not resolved */
        uint32_t table;  /* RT_TABLE_UNSPEC (0): not given */
        bool has_metric;
        uint32_t metric;
        char *prefsrc; /* NULL: none */
        bool has_protocol;
        uint8_t protocol;
        bool has_scope;
        uint8_t scope;
        uint8_t type; /* RTN_UNSPEC: not given (unicast) */
        uint8_t tos;
        uint32_t mtu; /* 0: none */
        bool mtu_lock;
        bool onlink;
        /*
         * Read from the kernel only: the route has a part bondcfg does not
         * model (several nexthops, a nexthop object, encapsulation, a source
         * prefix, realms, metrics other than mtu, a non-default IPv6 router
         * preference, an expiry).  It is never equal to a configured route.
         */
        bool multipath;
        bool unmodelled;
        NetOrigin origin;
} NetRoute;

NetRoute *net_route_new(int family);
void net_route_free(NetRoute *r);
NetRoute *net_route_copy(const NetRoute *r);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(NetRoute, net_route_free)

void net_origin_clear(NetOrigin *o);
void net_origin_copy(NetOrigin *to, const NetOrigin *from);

/*
 * The values a route takes in the kernel when added as given:
 *  - table: main, but local for the types local, broadcast, anycast and nat
 *    (iproute_modify(): "if (!table_ok) ... RT_TABLE_LOCAL");
 *  - type: unicast;
 *  - protocol: boot (`ip route add` sets RTPROT_BOOT);
 *  - scope (IPv4): host for local and nat, link for broadcast, multicast,
 *    anycast and for a unicast route without gateway, universe otherwise;
 *    IPv6 routes are always universe (iproute2 sends it, and the kernel's
 *    rt6_fill_node() reports nothing else);
 *  - metric: 0 for IPv4; 1024 for IPv6 when absent or 0 (the kernel's
 *    ip6_route_info_create() uses IP6_RT_PRIO_USER).
 */
uint32_t net_route_table(const NetRoute *r);
uint8_t net_route_type(const NetRoute *r);
uint8_t net_route_protocol(const NetRoute *r);
uint8_t net_route_scope(const NetRoute *r);
uint32_t net_route_metric(const NetRoute *r);

/*
 * The kernel's identity of a route: two routes with the same key cannot both
 * be added with NLM_F_EXCL (-EEXIST), and NLM_F_REPLACE of one replaces the
 * other.
 *  - IPv4 (fib_table_insert() -> fib_find_alias()): family, table,
 *    dst/prefix, tos, priority (metric).
 *  - IPv6 (fib6_add_rt2node()): family, table, dst/prefix, metric.  NOT the
 *    nexthop: with NLM_F_EXCL the kernel refuses any second route of the same
 *    dst and metric whatever its gateway or device, and NLM_F_REPLACE
 *    replaces it; routes of the same dst and metric with different gateways
 *    exist only as one multipath route (`ip route append`), which bondcfg
 *    does not make.  Checked on Linux 6.18: `ip -6 route add D via G1` then
 *    `... via G2` gives "File exists"; `replace ... via G3` leaves only G3.
 *    RTM_DELROUTE does match the nexthop (ip6_route_del() compares the
 *    gateway and device when given): net_route_msg_del() sends them.
 * Types, protocols, devices etc. are not part of the key.
 */
bool net_route_same_key(const NetRoute *a, const NetRoute *b);

/*
 * Same key, and every attribute bondcfg sets has the same value, comparing
 * the values the routes take (the accessors above): gateway, prefsrc, type,
 * protocol, scope (IPv4 only), mtu and its lock, onlink.  The device is
 * compared only when both routes name one (by ifindex when both have one,
 * else by name): a route given without a device gets the one the kernel
 * finds for its gateway.  A route with multipath or unmodelled is equal to
 * none.
 */
bool net_route_equal(const NetRoute *a, const NetRoute *b);

/*
 * One line like `ip route show`, with the values the route takes:
 * "[TYPE ]DST[/LEN] [tos T ][via GW ][dev DEV ][table T ][metric M ]proto P
 *  [scope S ][src A ][onlink ][mtu [lock ]N]" where the type is shown unless
 * unicast, table unless main, metric when given (always for IPv6), scope
 * unless universe (IPv4), and /LEN unless a host route.
 */
char *net_route_format(const NetRoute *r);

/*
 * RTM_NEWROUTE with NLM_F_REQUEST|NLM_F_ACK|NLM_F_CREATE and NLM_F_EXCL (add)
 * or NLM_F_REPLACE (replace), seq and pid 0: the bytes `ip -4|-6 route add`
 * (or replace) sends for the same route with its arguments in the order
 * "[TYPE] DST src A via GW metric M table T dev D tos/proto/scope/onlink
 * mtu [lock] N": RTA_DST (always, zeros for default), RTA_PREFSRC,
 * RTA_GATEWAY, RTA_PRIORITY, RTA_TABLE (only > 255: rtm_table is then
 * RT_TABLE_UNSPEC), RTA_OIF, RTA_METRICS{RTAX_MTU, RTAX_LOCK} (not flagged
 * nested, as iproute2 builds it).
 * NULL if the route is not valid: family, an address that does not parse,
 * a device named but not resolved (ifindex 0).
 */
struct nl_msg *net_route_msg_add(const NetRoute *r, bool replace);
/* The same with NLM_F_CREATE and flags (NLM_F_EXCL, NLM_F_REPLACE, or 0:
 * `ip route prepend`, which adds a route beside one of the same key). */
struct nl_msg *net_route_msg_add_flags(const NetRoute *r, int flags);
/*
 * RTM_DELROUTE, NLM_F_REQUEST|NLM_F_ACK: what `ip route del` sends with the
 * same arguments.  A field not given stays a wildcard for the kernel:
 * protocol 0, type RTN_UNSPEC, scope RT_SCOPE_NOWHERE (IPv4 unicast), no
 * RTA_PRIORITY; table as for add.  A route read from the kernel has every
 * field, so deleting it deletes exactly it.
 */
struct nl_msg *net_route_msg_del(const NetRoute *r);

/*
 * Parse an RTM_NEWROUTE (or RTM_DELROUTE) message of a dump: every table,
 * every type.  h->nlmsg_len bytes at h must be readable.  Returns 0 with
 * *out set; 0 with *out NULL for a message to skip (a cloned/cached entry,
 * RTM_F_CLONED, or a family other than IPv4/IPv6); -EINVAL for a malformed
 * message (never reads past nlmsg_len).  The route has ifindex, not oif.
 */
int net_route_from_msg(const struct nlmsghdr *h, NetRoute **out);
