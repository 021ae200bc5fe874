/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/*
 * The bridge option table (kernel layer): one row per bridge attribute
 * (IFLA_BR_*, in IFLA_INFO_DATA of a "bridge" link) and per bridge-port
 * attribute (IFLA_BRPORT_*, in IFLA_INFO_SLAVE_DATA of a port), with its
 * kernel attribute number, netlink width and unit.  The netlink builders
 * (netlink-bridge.c) and the snapshot parser (snapshot-stack.c) are driven
 * by it, and a config layer can parse BRIDGING_OPTS through it.
 *
 * Self-contained on purpose: it lives on the stack-netlink branch, and the
 * config layer (stack-config) may have a table of its own; an integrator
 * merging both should keep one, with these kernel facts.
 *
 * Units.  The kernel speaks clock_t (USER_HZ = 100, i.e. centiseconds) for
 * every bridge time, in netlink (br_netlink.c: clock_t_to_jiffies() on
 * input, jiffies_to_clock_t() on output) and in sysfs
 * (/sys/class/net/BR/bridge/forward_delay).  iproute2 passes the number
 * through (`ip link add br0 type bridge forward_delay 1500` is 15 s), and so
 * does initscripts' ifup-eth: it echoes BRIDGING_OPTS values into sysfs and
 * hands DELAY= and AGEING= to `ip link ... forward_delay ${DELAY} ageing_time
 * ${AGEING}` unchanged.  NetworkManager's ifcfg-rh plugin reads DELAY= as
 * seconds instead: which reading a config layer takes is its call; the
 * conversion is bridge_opt_seconds_to_kernel().  Every value in a
 * BridgeOptValues is in kernel units.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The kernel's USER_HZ: clock_t ticks per second. */
#define BRIDGE_USER_HZ 100

typedef enum {
        /* bridge: IFLA_INFO_DATA of kind "bridge", in IFLA_BR_* order */
        BRIDGE_OPT_FORWARD_DELAY,
        BRIDGE_OPT_HELLO_TIME,
        BRIDGE_OPT_MAX_AGE,
        BRIDGE_OPT_AGEING_TIME,
        BRIDGE_OPT_STP_STATE,
        BRIDGE_OPT_PRIORITY,
        BRIDGE_OPT_VLAN_FILTERING,
        BRIDGE_OPT_VLAN_PROTOCOL,
        BRIDGE_OPT_GROUP_FWD_MASK,
        BRIDGE_OPT_MCAST_ROUTER,
        BRIDGE_OPT_MCAST_SNOOPING,
        BRIDGE_OPT_MCAST_QUERY_USE_IFADDR,
        BRIDGE_OPT_MCAST_QUERIER,
        BRIDGE_OPT_MCAST_HASH_ELASTICITY,
        BRIDGE_OPT_MCAST_HASH_MAX,
        BRIDGE_OPT_MCAST_LAST_MEMBER_CNT,
        BRIDGE_OPT_MCAST_STARTUP_QUERY_CNT,
        BRIDGE_OPT_MCAST_LAST_MEMBER_INTVL,
        BRIDGE_OPT_MCAST_MEMBERSHIP_INTVL,
        BRIDGE_OPT_MCAST_QUERIER_INTVL,
        BRIDGE_OPT_MCAST_QUERY_INTVL,
        BRIDGE_OPT_MCAST_QUERY_RESPONSE_INTVL,
        BRIDGE_OPT_MCAST_STARTUP_QUERY_INTVL,
        BRIDGE_OPT_NF_CALL_IPTABLES,
        BRIDGE_OPT_NF_CALL_IP6TABLES,
        BRIDGE_OPT_NF_CALL_ARPTABLES,
        BRIDGE_OPT_VLAN_DEFAULT_PVID,
        BRIDGE_OPT_VLAN_STATS_ENABLED,
        BRIDGE_OPT_MCAST_STATS_ENABLED,
        BRIDGE_OPT_MCAST_IGMP_VERSION,
        BRIDGE_OPT_MCAST_MLD_VERSION,
        BRIDGE_OPT_VLAN_STATS_PER_PORT,
        /* bridge port: IFLA_INFO_SLAVE_DATA, in IFLA_BRPORT_* order */
        BRIDGE_PORT_OPT_PRIORITY,
        BRIDGE_PORT_OPT_COST,
        BRIDGE_PORT_OPT_HAIRPIN,
        BRIDGE_PORT_OPT_GUARD,
        BRIDGE_PORT_OPT_PROTECT,
        BRIDGE_PORT_OPT_FAST_LEAVE,
        BRIDGE_PORT_OPT_LEARNING,
        BRIDGE_PORT_OPT_UNICAST_FLOOD,
        BRIDGE_PORT_OPT_PROXYARP,
        BRIDGE_PORT_OPT_PROXYARP_WIFI,
        BRIDGE_PORT_OPT_MCAST_ROUTER,
        BRIDGE_PORT_OPT_MCAST_FLOOD,
        BRIDGE_PORT_OPT_MCAST_TO_UCAST,
        BRIDGE_PORT_OPT_VLAN_TUNNEL,
        BRIDGE_PORT_OPT_BCAST_FLOOD,
        BRIDGE_PORT_OPT_GROUP_FWD_MASK,
        BRIDGE_PORT_OPT_NEIGH_SUPPRESS,
        BRIDGE_PORT_OPT_ISOLATED,
        _BRIDGE_OPT_MAX,
} BridgeOptId;

/* The first port option: ids below it are the bridge's. */
#define _BRIDGE_PORT_OPT_FIRST BRIDGE_PORT_OPT_PRIORITY

typedef enum {
        BRIDGE_NLA_U8,
        BRIDGE_NLA_U16,
        BRIDGE_NLA_U32,
        BRIDGE_NLA_U64,
        BRIDGE_NLA_BE16, /* network byte order on the wire (vlan_protocol) */
} BridgeNlaKind;

typedef enum {
        BRIDGE_UNIT_NONE,    /* a count, flag, id or mask: the same number everywhere */
        BRIDGE_UNIT_CLOCK_T, /* a time: centiseconds in netlink, sysfs and `ip link` */
} BridgeOptUnit;

typedef enum {
        /* min/max hold only while STP is on (forward_delay: br_set_forward_delay()) */
        BRIDGE_OPT_F_STP_RANGE = 1u << 0,
        /* the kernel default depends on the link or on HZ (port cost, startup
         * query interval): def is the usual value, not a promise */
        BRIDGE_OPT_F_DEF_VARIES = 1u << 1,
        /* the kernel may refuse it when built without the feature (vlan_filtering
         * without CONFIG_BRIDGE_VLAN_FILTERING answers EOPNOTSUPP) */
        BRIDGE_OPT_F_CONFIG_DEPENDENT = 1u << 2,
} BridgeOptFlags;

typedef struct {
        BridgeOptId id;
        bool port;             /* IFLA_BRPORT_* on the port, else IFLA_BR_* on the bridge */
        const char *name;      /* sysfs file under bridge/ or brport/: the BRIDGING_OPTS key */
        const char *ip_name;   /* iproute2's keyword (`type bridge` / `type bridge_slave`) */
        const char *ifcfg_key; /* a dedicated ifcfg key ifup-eth reads, or NULL */
        int ifla;              /* IFLA_BR_* or IFLA_BRPORT_* */
        BridgeNlaKind nla;
        BridgeOptUnit unit;
        unsigned flags;    /* BridgeOptFlags */
        uint64_t min, max; /* accepted by the kernel, in kernel units */
        uint64_t def;      /* what a new bridge (port) starts with, in kernel units */
} BridgeOptDesc;

/* Indexed by BridgeOptId. */
extern const BridgeOptDesc bridge_opt_table[_BRIDGE_OPT_MAX];

/* A set of option ids: bit (1 << BridgeOptId). */
typedef uint64_t BridgeOptMask;
#define BRIDGE_OPT_MASK(id)    ((BridgeOptMask)1 << (id))
#define BRIDGE_OPT_MASK_BRIDGE (BRIDGE_OPT_MASK(_BRIDGE_PORT_OPT_FIRST) - 1)
#define BRIDGE_OPT_MASK_PORT   ((BRIDGE_OPT_MASK(_BRIDGE_OPT_MAX) - 1) & ~BRIDGE_OPT_MASK_BRIDGE)

/*
 * Option values in kernel units: v[id] counts where mask has id's bit.  A
 * builder sends exactly the options in mask; the snapshot parser sets the
 * bit of every attribute the kernel reported.
 */
typedef struct {
        BridgeOptMask mask;
        uint64_t v[_BRIDGE_OPT_MAX];
} BridgeOptValues;

const BridgeOptDesc *bridge_opt_desc(BridgeOptId id);
/* By sysfs name (or iproute2 keyword) among the bridge's options (port
 * false) or the port's (port true); NULL if unknown. */
const BridgeOptDesc *bridge_opt_lookup(const char *name, bool port);
/* By ifcfg key ("DELAY", "STP", "PRIO", "AGEING"); NULL if none. */
const BridgeOptDesc *bridge_opt_by_ifcfg_key(const char *key);

/* Set v[id] and its mask bit.  -ERANGE if out of [min, max] (for a
 * BRIDGE_OPT_F_STP_RANGE row: out of what its width holds), -EINVAL if id
 * is unknown. */
int bridge_opt_set(BridgeOptValues *o, BridgeOptId id, uint64_t value);
static inline bool bridge_opt_has(const BridgeOptValues *o, BridgeOptId id)
{
        return (o->mask & BRIDGE_OPT_MASK(id)) != 0;
}
/* The value of id in o, or the kernel default if o does not hold it. */
uint64_t bridge_opt_get(const BridgeOptValues *o, BridgeOptId id);

/* Seconds (NetworkManager's reading of DELAY=) to kernel units for d:
 * seconds * BRIDGE_USER_HZ for a time, unchanged otherwise. */
uint64_t bridge_opt_seconds_to_kernel(const BridgeOptDesc *d, uint64_t seconds);
