/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The bridge option table.  Attribute numbers and widths are the kernel's
 * (include/uapi/linux/if_link.h; net/bridge/br_netlink.c: br_policy[],
 * br_port_policy[], br_fill_info(), br_port_fill_attrs()), checked against
 * what Linux 6.18 reports for a bridge and a bridge port in a dump
 * (tests/unit/test-netlink-stack.c).  Ranges are the kernel's checks
 * (br_stp_if.c, br_stp.c, br_multicast.c, br_vlan.c); defaults are what a new
 * bridge and a new port report (br_dev_setup(), br_multicast_init(),
 * new_nbp()).  Names are the sysfs files (net/bridge/br_sysfs_br.c,
 * br_sysfs_if.c) and iproute2's keywords (ip/iplink_bridge.c,
 * ip/iplink_bridge_slave.c).
 */
#include "bridge-options.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <linux/if_ether.h>
#include <linux/if_link.h>

#define U8MAX  UINT8_MAX
#define U16MAX UINT16_MAX
#define U32MAX UINT32_MAX
#define U64MAX UINT64_MAX

/* Bridge rows. */
#define BR(id_, name_, ip_, key_, ifla_, nla_, unit_, flags_, min_, max_, def_)                    \
        [BRIDGE_OPT_##id_] = { BRIDGE_OPT_##id_,                                                   \
                               false,                                                              \
                               name_,                                                              \
                               ip_,                                                                \
                               key_,                                                               \
                               IFLA_BR_##ifla_,                                                    \
                               BRIDGE_NLA_##nla_,                                                  \
                               BRIDGE_UNIT_##unit_,                                                \
                               flags_,                                                             \
                               min_,                                                               \
                               max_,                                                               \
                               def_ }
/* Bridge-port rows. */
#define BP(id_, name_, ip_, ifla_, nla_, flags_, min_, max_, def_)                                 \
        [BRIDGE_PORT_OPT_##id_] = { BRIDGE_PORT_OPT_##id_,                                         \
                                    true,                                                          \
                                    name_,                                                         \
                                    ip_,                                                           \
                                    NULL,                                                          \
                                    IFLA_BRPORT_##ifla_,                                           \
                                    BRIDGE_NLA_##nla_,                                             \
                                    BRIDGE_UNIT_NONE,                                              \
                                    flags_,                                                        \
                                    min_,                                                          \
                                    max_,                                                          \
                                    def_ }
#define STP  BRIDGE_OPT_F_STP_RANGE
#define VARY BRIDGE_OPT_F_DEF_VARIES
#define CONF BRIDGE_OPT_F_CONFIG_DEPENDENT

const BridgeOptDesc bridge_opt_table[_BRIDGE_OPT_MAX] = {
        /* STP times: BR_MIN/MAX_FORWARD_DELAY 2-30 s (with STP on),
         * BR_MIN/MAX_HELLO_TIME 1-10 s, BR_MIN/MAX_MAX_AGE 6-40 s */
        BR(FORWARD_DELAY, "forward_delay", "forward_delay", "DELAY", FORWARD_DELAY, U32, CLOCK_T,
           STP, 200, 3000, 1500),
        BR(HELLO_TIME, "hello_time", "hello_time", NULL, HELLO_TIME, U32, CLOCK_T, 0, 100, 1000,
           200),
        BR(MAX_AGE, "max_age", "max_age", NULL, MAX_AGE, U32, CLOCK_T, 0, 600, 4000, 2000),
        BR(AGEING_TIME, "ageing_time", "ageing_time", "AGEING", AGEING_TIME, U32, CLOCK_T, 0, 0,
           U32MAX, 30000),
        /* any non-zero value starts STP (br_stp_set_enabled()) */
        BR(STP_STATE, "stp_state", "stp_state", "STP", STP_STATE, U32, NONE, 0, 0, 1, 0),
        BR(PRIORITY, "priority", "priority", "PRIO", PRIORITY, U16, NONE, 0, 0, U16MAX, 32768),
        BR(VLAN_FILTERING, "vlan_filtering", "vlan_filtering", NULL, VLAN_FILTERING, U8, NONE, CONF,
           0, 1, 0),
        /* ETH_P_8021Q or ETH_P_8021AD (br_vlan_set_proto()), in host order here */
        BR(VLAN_PROTOCOL, "vlan_protocol", "vlan_protocol", NULL, VLAN_PROTOCOL, BE16, NONE, CONF,
           ETH_P_8021Q, ETH_P_8021AD, ETH_P_8021Q),
        /* bits 0-2 (BR_GROUPFWD_RESTRICTED) are refused with EINVAL */
        BR(GROUP_FWD_MASK, "group_fwd_mask", "group_fwd_mask", NULL, GROUP_FWD_MASK, U16, NONE, 0,
           0, U16MAX, 0),
        BR(MCAST_ROUTER, "multicast_router", "mcast_router", NULL, MCAST_ROUTER, U8, NONE, CONF, 0,
           2, 1),
        BR(MCAST_SNOOPING, "multicast_snooping", "mcast_snooping", NULL, MCAST_SNOOPING, U8, NONE,
           CONF, 0, 1, 1),
        BR(MCAST_QUERY_USE_IFADDR, "multicast_query_use_ifaddr", "mcast_query_use_ifaddr", NULL,
           MCAST_QUERY_USE_IFADDR, U8, NONE, CONF, 0, 1, 0),
        BR(MCAST_QUERIER, "multicast_querier", "mcast_querier", NULL, MCAST_QUERIER, U8, NONE, CONF,
           0, 1, 0),
        /* accepted and ignored since Linux 5.0 (always reports 16) */
        BR(MCAST_HASH_ELASTICITY, "hash_elasticity", "mcast_hash_elasticity", NULL,
           MCAST_HASH_ELASTICITY, U32, NONE, CONF, 0, U32MAX, 16),
        BR(MCAST_HASH_MAX, "hash_max", "mcast_hash_max", NULL, MCAST_HASH_MAX, U32, NONE, CONF, 1,
           U32MAX, 4096),
        BR(MCAST_LAST_MEMBER_CNT, "multicast_last_member_count", "mcast_last_member_count", NULL,
           MCAST_LAST_MEMBER_CNT, U32, NONE, CONF, 0, U32MAX, 2),
        BR(MCAST_STARTUP_QUERY_CNT, "multicast_startup_query_count", "mcast_startup_query_count",
           NULL, MCAST_STARTUP_QUERY_CNT, U32, NONE, CONF, 0, U32MAX, 2),
        BR(MCAST_LAST_MEMBER_INTVL, "multicast_last_member_interval", "mcast_last_member_interval",
           NULL, MCAST_LAST_MEMBER_INTVL, U64, CLOCK_T, CONF, 0, U64MAX, 100),
        BR(MCAST_MEMBERSHIP_INTVL, "multicast_membership_interval", "mcast_membership_interval",
           NULL, MCAST_MEMBERSHIP_INTVL, U64, CLOCK_T, CONF, 0, U64MAX, 26000),
        BR(MCAST_QUERIER_INTVL, "multicast_querier_interval", "mcast_querier_interval", NULL,
           MCAST_QUERIER_INTVL, U64, CLOCK_T, CONF, 0, U64MAX, 25500),
        BR(MCAST_QUERY_INTVL, "multicast_query_interval", "mcast_query_interval", NULL,
           MCAST_QUERY_INTVL, U64, CLOCK_T, CONF, 0, U64MAX, 12500),
        BR(MCAST_QUERY_RESPONSE_INTVL, "multicast_query_response_interval",
           "mcast_query_response_interval", NULL, MCAST_QUERY_RESPONSE_INTVL, U64, CLOCK_T, CONF, 0,
           U64MAX, 1000),
        /* 125 * HZ / 4 jiffies: 3125 at HZ=1000, 3124 at HZ=250 */
        BR(MCAST_STARTUP_QUERY_INTVL, "multicast_startup_query_interval",
           "mcast_startup_query_interval", NULL, MCAST_STARTUP_QUERY_INTVL, U64, CLOCK_T,
           CONF | VARY, 0, U64MAX, 3125),
        BR(NF_CALL_IPTABLES, "nf_call_iptables", "nf_call_iptables", NULL, NF_CALL_IPTABLES, U8,
           NONE, CONF, 0, 1, 0),
        BR(NF_CALL_IP6TABLES, "nf_call_ip6tables", "nf_call_ip6tables", NULL, NF_CALL_IP6TABLES, U8,
           NONE, CONF, 0, 1, 0),
        BR(NF_CALL_ARPTABLES, "nf_call_arptables", "nf_call_arptables", NULL, NF_CALL_ARPTABLES, U8,
           NONE, CONF, 0, 1, 0),
        /* 0 turns the default PVID off; VLAN_VID_MASK (4095) is refused */
        BR(VLAN_DEFAULT_PVID, "default_pvid", "vlan_default_pvid", NULL, VLAN_DEFAULT_PVID, U16,
           NONE, CONF, 0, 4094, 1),
        BR(VLAN_STATS_ENABLED, "vlan_stats_enabled", "vlan_stats_enabled", NULL, VLAN_STATS_ENABLED,
           U8, NONE, CONF, 0, 1, 0),
        BR(MCAST_STATS_ENABLED, "multicast_stats_enabled", "mcast_stats_enabled", NULL,
           MCAST_STATS_ENABLED, U8, NONE, CONF, 0, 1, 0),
        BR(MCAST_IGMP_VERSION, "multicast_igmp_version", "mcast_igmp_version", NULL,
           MCAST_IGMP_VERSION, U8, NONE, CONF, 2, 3, 2),
        BR(MCAST_MLD_VERSION, "multicast_mld_version", "mcast_mld_version", NULL, MCAST_MLD_VERSION,
           U8, NONE, CONF, 1, 2, 1),
        BR(VLAN_STATS_PER_PORT, "vlan_stats_per_port", "vlan_stats_per_port", NULL,
           VLAN_STATS_PER_PORT, U8, NONE, CONF, 0, 1, 0),

        /* BR_MAX_PORT_PRIORITY 63; path cost BR_MIN/MAX_PATH_COST 1-65535, by
         * default computed from the link speed (port_cost(): 100 if unknown) */
        BP(PRIORITY, "priority", "priority", PRIORITY, U16, 0, 0, 63, 32),
        BP(COST, "path_cost", "cost", COST, U32, VARY, 1, 65535, 100),
        BP(HAIRPIN, "hairpin_mode", "hairpin", MODE, U8, 0, 0, 1, 0),
        BP(GUARD, "bpdu_guard", "guard", GUARD, U8, 0, 0, 1, 0),
        BP(PROTECT, "root_block", "root_block", PROTECT, U8, 0, 0, 1, 0),
        BP(FAST_LEAVE, "multicast_fast_leave", "fastleave", FAST_LEAVE, U8, CONF, 0, 1, 0),
        BP(LEARNING, "learning", "learning", LEARNING, U8, 0, 0, 1, 1),
        BP(UNICAST_FLOOD, "unicast_flood", "flood", UNICAST_FLOOD, U8, 0, 0, 1, 1),
        BP(PROXYARP, "proxyarp", "proxy_arp", PROXYARP, U8, 0, 0, 1, 0),
        BP(PROXYARP_WIFI, "proxyarp_wifi", "proxy_arp_wifi", PROXYARP_WIFI, U8, 0, 0, 1, 0),
        BP(MCAST_ROUTER, "multicast_router", "mcast_router", MULTICAST_ROUTER, U8, CONF, 0, 3, 1),
        BP(MCAST_FLOOD, "multicast_flood", "mcast_flood", MCAST_FLOOD, U8, 0, 0, 1, 1),
        BP(MCAST_TO_UCAST, "multicast_to_unicast", "mcast_to_unicast", MCAST_TO_UCAST, U8, 0, 0, 1,
           0),
        BP(VLAN_TUNNEL, "vlan_tunnel", "vlan_tunnel", VLAN_TUNNEL, U8, CONF, 0, 1, 0),
        BP(BCAST_FLOOD, "broadcast_flood", "bcast_flood", BCAST_FLOOD, U8, 0, 0, 1, 1),
        BP(GROUP_FWD_MASK, "group_fwd_mask", "group_fwd_mask", GROUP_FWD_MASK, U16, 0, 0, U16MAX,
           0),
        BP(NEIGH_SUPPRESS, "neigh_suppress", "neigh_suppress", NEIGH_SUPPRESS, U8, 0, 0, 1, 0),
        BP(ISOLATED, "isolated", "isolated", ISOLATED, U8, 0, 0, 1, 0),
};

const BridgeOptDesc *bridge_opt_desc(BridgeOptId id)
{
        if ((unsigned)id >= _BRIDGE_OPT_MAX)
                return NULL;
        return &bridge_opt_table[id];
}

const BridgeOptDesc *bridge_opt_lookup(const char *name, bool port)
{
        for (int id = 0; name && id < _BRIDGE_OPT_MAX; id++) {
                const BridgeOptDesc *d = &bridge_opt_table[id];

                if (d->port == port &&
                    (strcmp(d->name, name) == 0 || strcmp(d->ip_name, name) == 0))
                        return d;
        }
        return NULL;
}

const BridgeOptDesc *bridge_opt_by_ifcfg_key(const char *key)
{
        for (int id = 0; key && id < _BRIDGE_OPT_MAX; id++) {
                const BridgeOptDesc *d = &bridge_opt_table[id];

                if (d->ifcfg_key && strcmp(d->ifcfg_key, key) == 0)
                        return d;
        }
        return NULL;
}

static uint64_t width_max(BridgeNlaKind k)
{
        switch (k) {
        case BRIDGE_NLA_U8:
                return UINT8_MAX;
        case BRIDGE_NLA_U16:
        case BRIDGE_NLA_BE16:
                return UINT16_MAX;
        case BRIDGE_NLA_U32:
                return UINT32_MAX;
        default:
                return UINT64_MAX;
        }
}

int bridge_opt_set(BridgeOptValues *o, BridgeOptId id, uint64_t value)
{
        const BridgeOptDesc *d = bridge_opt_desc(id);

        if (!d)
                return -EINVAL;
        if (d->flags & BRIDGE_OPT_F_STP_RANGE) {
                if (value > width_max(d->nla))
                        return -ERANGE;
        } else if (value < d->min || value > d->max) {
                return -ERANGE;
        }
        o->v[id] = value;
        o->mask |= BRIDGE_OPT_MASK(id);
        return 0;
}

uint64_t bridge_opt_get(const BridgeOptValues *o, BridgeOptId id)
{
        const BridgeOptDesc *d = bridge_opt_desc(id);

        if (!d)
                return 0;
        return o && bridge_opt_has(o, id) ? o->v[id] : d->def;
}

uint64_t bridge_opt_seconds_to_kernel(const BridgeOptDesc *d, uint64_t seconds)
{
        return d->unit == BRIDGE_UNIT_CLOCK_T ? seconds * BRIDGE_USER_HZ : seconds;
}
