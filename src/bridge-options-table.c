/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The bridge option table (bridge-options.h).
 *
 * Kernel facts: attribute numbers and widths are <linux/if_link.h>'s and
 * net/bridge/br_netlink.c's (br_policy[], br_port_policy[], br_fill_info(),
 * br_port_fill_attrs()), checked against what Linux 6.18 reports for a
 * bridge and a bridge port (tests/unit/test-snapshot-stack.c).  Defaults are
 * what a new bridge and a new port report (br_dev_setup(),
 * br_multicast_init(), new_nbp()).  Ranges are the kernel's checks
 * (br_stp_if.c, br_stp.c, br_multicast.c, br_vlan.c), narrowed to
 * NetworkManager's (NMSettingBridge, NMSettingBridgePort) where it reads the
 * option: hello_time 1-10 s, max_age 6-40 s, forward_delay 2-30 s, ageing
 * 0-1000000 s, port priority 0-63, path cost 1-65535.
 *
 * Names: which options NetworkManager takes from BRIDGING_OPTS, and on which
 * file, follow its handle_bridge_option() (nms-ifcfg-rh-reader.c:
 * BRIDGE_OPT_TYPE_OPTION on the bridge, BRIDGE_OPT_TYPE_PORT_OPTION on a
 * port); the sysfs names are net/bridge/br_sysfs_br.c's and br_sysfs_if.c's,
 * iproute2's keywords ip/iplink_bridge.c's and ip/iplink_bridge_slave.c's.
 */
#include "bridge-options.h"

#include <string.h>
#include <linux/if_ether.h>
#include <linux/if_link.h>

#include "strutil.h"

#define U16MAX UINT16_MAX
#define U32MAX UINT32_MAX
#define U64MAX UINT64_MAX

static const BridgeOptEnumValue mcast_router_values[] = {
        { "disabled", 0 },
        { "auto", 1 }, /* MDB_RTR_TYPE_TEMP_QUERY */
        { "enabled", 2 },
        { NULL, 0 },
};

static const BridgeOptEnumValue port_mcast_router_values[] = {
        { "disabled", 0 }, { "auto", 1 },
        { "enabled", 2 },  { "temporary", 3 }, /* MDB_RTR_TYPE_TEMP: a port only */
        { NULL, 0 },
};

static const BridgeOptEnumValue vlan_protocol_values[] = {
        { "802.1Q", ETH_P_8021Q },
        { "802.1ad", ETH_P_8021AD },
        { NULL, 0 },
};

#define ROW(port_, id_, name_, alias_, ip_, key_, type_, values_, unit_, flags_, ifla_, nla_,      \
            min_, max_, def_, help_)                                                               \
        [id_] = { .id = id_,                                                                       \
                  .port = port_,                                                                   \
                  .name = name_,                                                                   \
                  .alias = alias_,                                                                 \
                  .ip_name = ip_,                                                                  \
                  .ifcfg_key = key_,                                                               \
                  .type = BRIDGE_OPT_TYPE_##type_,                                                 \
                  .values = values_,                                                               \
                  .unit = BRIDGE_UNIT_##unit_,                                                     \
                  .flags = flags_,                                                                 \
                  .ifla = ifla_,                                                                   \
                  .nla = BRIDGE_NLA_##nla_,                                                        \
                  .min = min_,                                                                     \
                  .max = max_,                                                                     \
                  .def = def_,                                                                     \
                  .help = help_ }
/* A bridge row: IFLA_BR_*. */
#define BR(id_, name_, alias_, ip_, key_, type_, values_, unit_, flags_, nla_, min_, max_, def_,   \
           help_)                                                                                  \
        ROW(false, BRIDGE_OPT_##id_, name_, alias_, ip_, key_, type_, values_, unit_, flags_,      \
            IFLA_BR_##id_, nla_, min_, max_, def_, help_)
/* A port row: IFLA_BRPORT_*, no time among them. */
#define BP(id_, ifla_, name_, ip_, type_, values_, flags_, nla_, min_, max_, def_, help_)          \
        ROW(true, BRIDGE_PORT_OPT_##id_, name_, NULL, ip_, NULL, type_, values_, NONE, flags_,     \
            IFLA_BRPORT_##ifla_, nla_, min_, max_, def_, help_)
/* A flag (0/1) of the bridge or of a port. */
#define BR_BOOL(id_, name_, ip_, flags_, def_, help_)                                              \
        BR(id_, name_, NULL, ip_, NULL, BOOL, NULL, NONE, flags_, U8, 0, 1, def_, help_)
#define BP_BOOL(id_, ifla_, name_, ip_, flags_, def_, help_)                                       \
        BP(id_, ifla_, name_, ip_, BOOL, NULL, flags_, U8, 0, 1, def_, help_)
/* A multicast interval: clock_t, u64, written as such. */
#define BR_INTVL(id_, name_, ip_, flags_, def_, help_)                                             \
        BR(id_, name_, NULL, ip_, NULL, UINT, NULL, CLOCK_T, CONF | (flags_), U64, 0, U64MAX,      \
           def_, help_)

#define STP      BRIDGE_OPT_F_STP_ONLY
#define NO_INIT  BRIDGE_OPT_F_NOT_INITSCRIPTS
#define NO_NM    BRIDGE_OPT_F_NOT_NM
#define STPRANGE BRIDGE_OPT_F_STP_RANGE
#define VARY     BRIDGE_OPT_F_DEF_VARIES
#define CONF     BRIDGE_OPT_F_CONFIG_DEPENDENT

static const BridgeOptDesc table[_BRIDGE_OPT_MAX] = {
        /* STP times: BR_MIN/MAX_FORWARD_DELAY 2-30 s with STP on, any
         * with it off (br_set_forward_delay(); "STP=no DELAY=0" is the
         * usual RHEL bridge file: config-bridge.c checks the STP range),
         * BR_MIN/MAX_HELLO_TIME 1-10 s, BR_MIN/MAX_MAX_AGE 6-40 s */
        BR(FORWARD_DELAY, "forward_delay", NULL, "forward_delay", "DELAY", UINT, NULL, SECONDS,
           STP | NO_NM | STPRANGE, U32, 0, 3000, 1500,
           "seconds in listening and learning; the DELAY key sets it too"),
        BR(HELLO_TIME, "hello_time", NULL, "hello_time", NULL, UINT, NULL, SECONDS, STP, U32, 100,
           1000, 200, "seconds between STP hello packets"),
        BR(MAX_AGE, "max_age", NULL, "max_age", NULL, UINT, NULL, SECONDS, STP, U32, 600, 4000,
           2000, "seconds an STP hello is valid"),
        BR(AGEING_TIME, "ageing_time", NULL, "ageing_time", "AGEING", UINT, NULL, SECONDS, 0, U32,
           0, 100000000, 30000, "seconds a learned MAC address is kept"),
        /* any non-zero value starts STP (br_stp_set_enabled()) */
        BR(STP_STATE, "stp_state", NULL, "stp_state", "STP", BOOL, NULL, NONE, NO_NM, U32, 0, 1, 0,
           "spanning tree on (1) or off (0); the STP key sets it too"),
        BR(PRIORITY, "priority", NULL, "priority", "PRIO", UINT, NULL, NONE, STP, U16, 0, U16MAX,
           32768, "STP bridge priority (lower wins the root election)"),
        BR(VLAN_FILTERING, "vlan_filtering", NULL, "vlan_filtering", NULL, BOOL, NULL, NONE, CONF,
           U8, 0, 1, 0, "filter frames by the VLANs of each port"),
        /* br_vlan_set_proto(): ETH_P_8021Q or ETH_P_8021AD, host order here */
        BR(VLAN_PROTOCOL, "vlan_protocol", NULL, "vlan_protocol", NULL, ENUM, vlan_protocol_values,
           NONE, CONF, BE16, ETH_P_8021Q, ETH_P_8021AD, ETH_P_8021Q, "the VLAN filtering protocol"),
        /* bits 0-2 (BR_GROUPFWD_RESTRICTED) are refused with EINVAL */
        BR(GROUP_FWD_MASK, "group_fwd_mask", NULL, "group_fwd_mask", NULL, UINT, NULL, NONE, 0, U16,
           0, U16MAX, 0, "link-local groups 01:80:c2:00:00:0X forwarded (bit X; not 0, 1 or 2)"),
        /* br_changelink(): is_link_local_ether_addr() */
        BR(GROUP_ADDR, "group_address", "group_addr", "group_address", NULL, MAC, NULL, NONE, 0,
           MAC, 0x0180c2000000ull, 0x0180c200000full, 0x0180c2000000ull,
           "STP group address, 01:80:c2:00:00:0X"),
        BR(MCAST_ROUTER, "multicast_router", NULL, "mcast_router", NULL, ENUM, mcast_router_values,
           NONE, NO_INIT | CONF, U8, 0, 2, 1, "whether the bridge is a multicast router port"),
        BR_BOOL(MCAST_SNOOPING, "multicast_snooping", "mcast_snooping", NO_INIT | CONF, 1,
                "IGMP/MLD snooping"),
        BR_BOOL(MCAST_QUERY_USE_IFADDR, "multicast_query_use_ifaddr", "mcast_query_use_ifaddr",
                CONF, 0, "queries from the bridge's address, not 0.0.0.0"),
        BR_BOOL(MCAST_QUERIER, "multicast_querier", "mcast_querier", CONF, 0,
                "send IGMP/MLD queries"),
        /* accepted and ignored since Linux 5.0 (always reports 16) */
        BR(MCAST_HASH_ELASTICITY, "hash_elasticity", NULL, "mcast_hash_elasticity", NULL, UINT,
           NULL, NONE, NO_NM | CONF, U32, 0, U32MAX, 16,
           "multicast hash chain length (ignored since Linux 5.0)"),
        BR(MCAST_HASH_MAX, "multicast_hash_max", "hash_max", "mcast_hash_max", NULL, UINT, NULL,
           NONE, NO_INIT | CONF, U32, 1, U32MAX, 4096, "size of the multicast group table"),
        BR(MCAST_LAST_MEMBER_CNT, "multicast_last_member_count", NULL, "mcast_last_member_count",
           NULL, UINT, NULL, NONE, CONF, U32, 0, U32MAX, 2, "queries sent after a leave"),
        BR(MCAST_STARTUP_QUERY_CNT, "multicast_startup_query_count", NULL,
           "mcast_startup_query_count", NULL, UINT, NULL, NONE, CONF, U32, 0, U32MAX, 2,
           "queries sent at start-up"),
        BR_INTVL(MCAST_LAST_MEMBER_INTVL, "multicast_last_member_interval",
                 "mcast_last_member_interval", 0, 100, "hundredths of a second between them"),
        BR_INTVL(MCAST_MEMBERSHIP_INTVL, "multicast_membership_interval",
                 "mcast_membership_interval", 0, 26000,
                 "hundredths of a second a membership lasts"),
        BR_INTVL(MCAST_QUERIER_INTVL, "multicast_querier_interval", "mcast_querier_interval", 0,
                 25500, "hundredths of a second another querier is believed"),
        BR_INTVL(MCAST_QUERY_INTVL, "multicast_query_interval", "mcast_query_interval", 0, 12500,
                 "hundredths of a second between queries"),
        BR_INTVL(MCAST_QUERY_RESPONSE_INTVL, "multicast_query_response_interval",
                 "mcast_query_response_interval", 0, 1000,
                 "hundredths of a second to answer a query"),
        /* 125 * HZ / 4 jiffies: 3125 at HZ=1000, 3124 at HZ=250 */
        BR_INTVL(MCAST_STARTUP_QUERY_INTVL, "multicast_startup_query_interval",
                 "mcast_startup_query_interval", VARY, 3125,
                 "hundredths of a second between start-up queries"),
        BR_BOOL(NF_CALL_IPTABLES, "nf_call_iptables", "nf_call_iptables", NO_NM | CONF, 0,
                "bridged IPv4 traffic through iptables"),
        BR_BOOL(NF_CALL_IP6TABLES, "nf_call_ip6tables", "nf_call_ip6tables", NO_NM | CONF, 0,
                "bridged IPv6 traffic through ip6tables"),
        BR_BOOL(NF_CALL_ARPTABLES, "nf_call_arptables", "nf_call_arptables", NO_NM | CONF, 0,
                "bridged ARP traffic through arptables"),
        /* 0 turns the default PVID off; VLAN_VID_MASK (4095) is refused */
        BR(VLAN_DEFAULT_PVID, "default_pvid", NULL, "vlan_default_pvid", NULL, UINT, NULL, NONE,
           CONF, U16, 0, 4094, 1, "the VLAN of untagged frames on new ports (0: none)"),
        BR_BOOL(VLAN_STATS_ENABLED, "vlan_stats_enabled", "vlan_stats_enabled", CONF, 0,
                "per-VLAN counters"),
        BR_BOOL(MCAST_STATS_ENABLED, "multicast_stats_enabled", "mcast_stats_enabled", NO_NM | CONF,
                0, "multicast counters"),
        BR(MCAST_IGMP_VERSION, "multicast_igmp_version", NULL, "mcast_igmp_version", NULL, UINT,
           NULL, NONE, NO_NM | CONF, U8, 2, 3, 2, "the IGMP version of the bridge's queries"),
        BR(MCAST_MLD_VERSION, "multicast_mld_version", NULL, "mcast_mld_version", NULL, UINT, NULL,
           NONE, NO_NM | CONF, U8, 1, 2, 1, "the MLD version of the bridge's queries"),
        BR_BOOL(VLAN_STATS_PER_PORT, "vlan_stats_per_port", "vlan_stats_per_port", NO_NM | CONF, 0,
                "per-VLAN counters of each port"),

        /* BR_MAX_PORT_PRIORITY 63; path cost BR_MIN/MAX_PATH_COST 1-65535, by
         * default computed from the link speed (port_cost(): 100 if unknown) */
        BP(PRIORITY, PRIORITY, "priority", "priority", UINT, NULL, 0, U16, 0, 63, 32,
           "STP port priority"),
        BP(COST, COST, "path_cost", "cost", UINT, NULL, VARY, U32, 1, 65535, 100,
           "STP path cost (the kernel's default follows the speed)"),
        BP_BOOL(HAIRPIN, MODE, "hairpin_mode", "hairpin", 0, 0,
                "send frames back out of the port they came in on"),
        BP_BOOL(GUARD, GUARD, "bpdu_guard", "guard", NO_NM, 0, "block the port on an STP BPDU"),
        BP_BOOL(PROTECT, PROTECT, "root_block", "root_block", NO_NM, 0,
                "never let the port become the root port"),
        BP_BOOL(FAST_LEAVE, FAST_LEAVE, "multicast_fast_leave", "fastleave", NO_NM | CONF, 0,
                "drop a multicast group at once on a leave"),
        BP_BOOL(LEARNING, LEARNING, "learning", "learning", NO_NM, 1, "learn source MAC addresses"),
        BP_BOOL(UNICAST_FLOOD, UNICAST_FLOOD, "unicast_flood", "flood", NO_NM, 1,
                "flood unknown unicast out of the port"),
        BP_BOOL(PROXYARP, PROXYARP, "proxyarp", "proxy_arp", NO_NM, 0, "answer ARP for the port"),
        BP_BOOL(PROXYARP_WIFI, PROXYARP_WIFI, "proxyarp_wifi", "proxy_arp_wifi", NO_NM, 0,
                "proxy ARP for wireless clients"),
        BP(MCAST_ROUTER, MULTICAST_ROUTER, "multicast_router", "mcast_router", ENUM,
           port_mcast_router_values, NO_NM | CONF, U8, 0, 3, 1,
           "whether a multicast router is behind the port"),
        BP_BOOL(MCAST_FLOOD, MCAST_FLOOD, "multicast_flood", "mcast_flood", NO_NM, 1,
                "flood unknown multicast out of the port"),
        BP_BOOL(MCAST_TO_UCAST, MCAST_TO_UCAST, "multicast_to_unicast", "mcast_to_unicast", NO_NM,
                0, "send multicast as unicast to each member"),
        BP_BOOL(VLAN_TUNNEL, VLAN_TUNNEL, "vlan_tunnel", "vlan_tunnel", NO_NM | CONF, 0,
                "map VLANs to tunnel ids"),
        BP_BOOL(BCAST_FLOOD, BCAST_FLOOD, "broadcast_flood", "bcast_flood", NO_NM, 1,
                "flood broadcast out of the port"),
        /* BR_GROUPFWD_MACPAUSE (bit 1) is refused with EINVAL */
        BP(GROUP_FWD_MASK, GROUP_FWD_MASK, "group_fwd_mask", "group_fwd_mask", UINT, NULL, NO_NM,
           U16, 0, U16MAX, 0, "link-local groups forwarded from the port (bit X; not 1)"),
        BP_BOOL(NEIGH_SUPPRESS, NEIGH_SUPPRESS, "neigh_suppress", "neigh_suppress", NO_NM, 0,
                "suppress ARP and ND flooding"),
        BP_BOOL(ISOLATED, ISOLATED, "isolated", "isolated", NO_NM, 0,
                "forward only to ports that are not isolated"),
};

const BridgeOptDesc *bridge_opt_desc(BridgeOptId id)
{
        if ((unsigned)id >= _BRIDGE_OPT_MAX)
                return NULL;
        return &table[id];
}

const BridgeOptDesc *bridge_opt_lookup(const char *name, bool port)
{
        for (int id = 0; name && id < _BRIDGE_OPT_MAX; id++) {
                const BridgeOptDesc *d = &table[id];

                if (d->port == port &&
                    (strcmp(d->name, name) == 0 || (d->alias && strcmp(d->alias, name) == 0) ||
                     strcmp(d->ip_name, name) == 0))
                        return d;
        }
        return NULL;
}

const BridgeOptDesc *bridge_opt_by_ifcfg_key(const char *key)
{
        for (int id = 0; key && id < _BRIDGE_OPT_MAX; id++) {
                const BridgeOptDesc *d = &table[id];

                if (d->ifcfg_key && strcmp(d->ifcfg_key, key) == 0)
                        return d;
        }
        return NULL;
}

const char *bridge_opt_suggest(const char *name, bool port)
{
        const char *best = NULL;
        unsigned bd = 3;

        for (int id = 0; name && id < _BRIDGE_OPT_MAX; id++) {
                const BridgeOptDesc *d = &table[id];
                unsigned dist;

                if (d->port != port)
                        continue;
                dist = str_edit_distance(name, d->name, 2);
                if (dist < bd) {
                        bd = dist;
                        best = d->name;
                }
        }
        return best;
}
