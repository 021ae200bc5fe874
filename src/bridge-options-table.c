/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The bridge option table (bridge-options.h).  Names, and which file each
 * belongs on, follow NetworkManager's handle_bridge_option()
 * (nms-ifcfg-rh-reader.c: BRIDGE_OPT_TYPE_OPTION for the bridge,
 * BRIDGE_OPT_TYPE_PORT_OPTION for a port) plus the sysfs names initscripts'
 * ifup-eth writes BRIDGING_OPTS to (stp_state, forward_delay, hash_max,
 * group_addr).  Ranges are NetworkManager's (NMSettingBridge,
 * NMSettingBridgePort), which are the kernel's where the kernel checks
 * (net/bridge/br_stp_if.c, br_netlink.c: hello_time 1-10 s, max_age
 * 6-40 s, forward_delay 2-30 s with STP, port priority 0-63, path cost
 * 1-65535).  Defaults are the kernel's (br_dev_setup(),
 * br_multicast_init()).  Attribute numbers are <linux/if_link.h>'s.
 */
#include "bridge-options.h"

#include <linux/if_link.h>

#define U32MAX 4294967295ull

static const BrOptEnumValue mcast_router_values[] = {
        { "disabled", 0 },
        { "auto", 1 }, /* MDB_RTR_TYPE_TEMP_QUERY */
        { "enabled", 2 },
        { NULL, 0 },
};

static const BrOptEnumValue vlan_protocol_values[] = {
        { "802.1Q", 0x8100 },
        { "802.1ad", 0x88a8 },
        { NULL, 0 },
};

#define BRIDGE BR_OPT_FOR_BRIDGE
#define PORT   BR_OPT_FOR_PORT

static const BrOptDesc table[_BR_OPT_MAX] = {
        [BR_OPT_STP_STATE] = { BR_OPT_STP_STATE, "stp_state", NULL, BRIDGE, BR_OPT_TYPE_BOOL, 0, 1,
                               NULL, BR_UNIT_NONE, BR_OPT_F_NOT_NM, IFLA_BR_STP_STATE, BR_NLA_U32,
                               0, "spanning tree on (1) or off (0); the STP key sets it too" },
        [BR_OPT_FORWARD_DELAY] = { BR_OPT_FORWARD_DELAY, "forward_delay", NULL, BRIDGE,
                                   BR_OPT_TYPE_UINT, 2, 30, NULL, BR_UNIT_SECONDS,
                                   BR_OPT_F_STP_ONLY | BR_OPT_F_NOT_NM, IFLA_BR_FORWARD_DELAY,
                                   BR_NLA_U32, 15,
                                   "seconds in listening and learning; the DELAY key sets it too" },
        [BR_OPT_HELLO_TIME] = { BR_OPT_HELLO_TIME, "hello_time", NULL, BRIDGE, BR_OPT_TYPE_UINT, 1,
                                10, NULL, BR_UNIT_SECONDS, BR_OPT_F_STP_ONLY, IFLA_BR_HELLO_TIME,
                                BR_NLA_U32, 2, "seconds between STP hello packets" },
        [BR_OPT_MAX_AGE] = { BR_OPT_MAX_AGE, "max_age", NULL, BRIDGE, BR_OPT_TYPE_UINT, 6, 40, NULL,
                             BR_UNIT_SECONDS, BR_OPT_F_STP_ONLY, IFLA_BR_MAX_AGE, BR_NLA_U32, 20,
                             "seconds an STP hello is valid" },
        [BR_OPT_AGEING_TIME] = { BR_OPT_AGEING_TIME, "ageing_time", NULL, BRIDGE, BR_OPT_TYPE_UINT,
                                 0, 1000000, NULL, BR_UNIT_SECONDS, 0, IFLA_BR_AGEING_TIME,
                                 BR_NLA_U32, 300, "seconds a learned MAC address is kept" },
        [BR_OPT_PRIORITY] = { BR_OPT_PRIORITY, "priority", NULL, BRIDGE, BR_OPT_TYPE_UINT, 0, 65535,
                              NULL, BR_UNIT_NONE, BR_OPT_F_STP_ONLY, IFLA_BR_PRIORITY, BR_NLA_U16,
                              32768, "STP bridge priority (lower wins the root election)" },
        [BR_OPT_GROUP_FWD_MASK] = { BR_OPT_GROUP_FWD_MASK, "group_fwd_mask", NULL, BRIDGE,
                                    BR_OPT_TYPE_UINT, 0, 65535, NULL, BR_UNIT_NONE, 0,
                                    IFLA_BR_GROUP_FWD_MASK, BR_NLA_U16, 0,
                                    "link-local groups 01:80:c2:00:00:0X forwarded (bit X; not "
                                    "0, 1 or 2)" },
        [BR_OPT_GROUP_ADDRESS] = { BR_OPT_GROUP_ADDRESS, "group_address", "group_addr", BRIDGE,
                                   BR_OPT_TYPE_MAC, 0, 0, NULL, BR_UNIT_NONE, 0, IFLA_BR_GROUP_ADDR,
                                   BR_NLA_MAC, 0x0180c2000000ull,
                                   "STP group address, 01:80:c2:00:00:0X" },
        [BR_OPT_VLAN_FILTERING] = { BR_OPT_VLAN_FILTERING, "vlan_filtering", NULL, BRIDGE,
                                    BR_OPT_TYPE_BOOL, 0, 1, NULL, BR_UNIT_NONE, 0,
                                    IFLA_BR_VLAN_FILTERING, BR_NLA_U8, 0,
                                    "filter frames by the VLANs of each port" },
        [BR_OPT_VLAN_PROTOCOL] = { BR_OPT_VLAN_PROTOCOL, "vlan_protocol", NULL, BRIDGE,
                                   BR_OPT_TYPE_ENUM, 0, 0, vlan_protocol_values, BR_UNIT_NONE, 0,
                                   IFLA_BR_VLAN_PROTOCOL, BR_NLA_BE16, 0x8100,
                                   "the VLAN filtering protocol" },
        [BR_OPT_DEFAULT_PVID] = { BR_OPT_DEFAULT_PVID, "default_pvid", NULL, BRIDGE,
                                  BR_OPT_TYPE_UINT, 0, 4094, NULL, BR_UNIT_NONE, 0,
                                  IFLA_BR_VLAN_DEFAULT_PVID, BR_NLA_U16, 1,
                                  "the VLAN of untagged frames on new ports (0: none)" },
        [BR_OPT_VLAN_STATS_ENABLED] = { BR_OPT_VLAN_STATS_ENABLED, "vlan_stats_enabled", NULL,
                                        BRIDGE, BR_OPT_TYPE_BOOL, 0, 1, NULL, BR_UNIT_NONE, 0,
                                        IFLA_BR_VLAN_STATS_ENABLED, BR_NLA_U8, 0,
                                        "per-VLAN counters" },
        [BR_OPT_MCAST_SNOOPING] = { BR_OPT_MCAST_SNOOPING, "multicast_snooping", NULL, BRIDGE,
                                    BR_OPT_TYPE_BOOL, 0, 1, NULL, BR_UNIT_NONE,
                                    BR_OPT_F_NOT_INITSCRIPTS, IFLA_BR_MCAST_SNOOPING, BR_NLA_U8, 1,
                                    "IGMP/MLD snooping" },
        [BR_OPT_MCAST_ROUTER] = { BR_OPT_MCAST_ROUTER, "multicast_router", NULL, BRIDGE,
                                  BR_OPT_TYPE_ENUM, 0, 0, mcast_router_values, BR_UNIT_NONE,
                                  BR_OPT_F_NOT_INITSCRIPTS, IFLA_BR_MCAST_ROUTER, BR_NLA_U8, 1,
                                  "whether the bridge is a multicast router port" },
        [BR_OPT_MCAST_QUERIER] = { BR_OPT_MCAST_QUERIER, "multicast_querier", NULL, BRIDGE,
                                   BR_OPT_TYPE_BOOL, 0, 1, NULL, BR_UNIT_NONE, 0,
                                   IFLA_BR_MCAST_QUERIER, BR_NLA_U8, 0, "send IGMP/MLD queries" },
        [BR_OPT_MCAST_QUERY_USE_IFADDR] = { BR_OPT_MCAST_QUERY_USE_IFADDR,
                                            "multicast_query_use_ifaddr", NULL, BRIDGE,
                                            BR_OPT_TYPE_BOOL, 0, 1, NULL, BR_UNIT_NONE, 0,
                                            IFLA_BR_MCAST_QUERY_USE_IFADDR, BR_NLA_U8, 0,
                                            "queries from the bridge's address, not 0.0.0.0" },
        [BR_OPT_MCAST_HASH_MAX] = { BR_OPT_MCAST_HASH_MAX, "multicast_hash_max", "hash_max", BRIDGE,
                                    BR_OPT_TYPE_UINT, 1, U32MAX, NULL, BR_UNIT_NONE,
                                    BR_OPT_F_NOT_INITSCRIPTS, IFLA_BR_MCAST_HASH_MAX, BR_NLA_U32,
                                    4096, "size of the multicast group table" },
        [BR_OPT_MCAST_LAST_MEMBER_COUNT] = { BR_OPT_MCAST_LAST_MEMBER_COUNT,
                                             "multicast_last_member_count", NULL, BRIDGE,
                                             BR_OPT_TYPE_UINT, 0, U32MAX, NULL, BR_UNIT_NONE, 0,
                                             IFLA_BR_MCAST_LAST_MEMBER_CNT, BR_NLA_U32, 2,
                                             "queries sent after a leave" },
        [BR_OPT_MCAST_STARTUP_QUERY_COUNT] = { BR_OPT_MCAST_STARTUP_QUERY_COUNT,
                                               "multicast_startup_query_count", NULL, BRIDGE,
                                               BR_OPT_TYPE_UINT, 0, U32MAX, NULL, BR_UNIT_NONE, 0,
                                               IFLA_BR_MCAST_STARTUP_QUERY_CNT, BR_NLA_U32, 2,
                                               "queries sent at start-up" },
        [BR_OPT_MCAST_LAST_MEMBER_INTERVAL] = { BR_OPT_MCAST_LAST_MEMBER_INTERVAL,
                                                "multicast_last_member_interval", NULL, BRIDGE,
                                                BR_OPT_TYPE_UINT, 0, U32MAX, NULL, BR_UNIT_CENTI, 0,
                                                IFLA_BR_MCAST_LAST_MEMBER_INTVL, BR_NLA_U64, 100,
                                                "hundredths of a second between them" },
        [BR_OPT_MCAST_MEMBERSHIP_INTERVAL] = { BR_OPT_MCAST_MEMBERSHIP_INTERVAL,
                                               "multicast_membership_interval", NULL, BRIDGE,
                                               BR_OPT_TYPE_UINT, 0, U32MAX, NULL, BR_UNIT_CENTI, 0,
                                               IFLA_BR_MCAST_MEMBERSHIP_INTVL, BR_NLA_U64, 26000,
                                               "hundredths of a second a membership lasts" },
        [BR_OPT_MCAST_QUERIER_INTERVAL] = { BR_OPT_MCAST_QUERIER_INTERVAL,
                                            "multicast_querier_interval", NULL, BRIDGE,
                                            BR_OPT_TYPE_UINT, 0, U32MAX, NULL, BR_UNIT_CENTI, 0,
                                            IFLA_BR_MCAST_QUERIER_INTVL, BR_NLA_U64, 25500,
                                            "hundredths of a second another querier is "
                                            "believed" },
        [BR_OPT_MCAST_QUERY_INTERVAL] = { BR_OPT_MCAST_QUERY_INTERVAL, "multicast_query_interval",
                                          NULL, BRIDGE, BR_OPT_TYPE_UINT, 0, U32MAX, NULL,
                                          BR_UNIT_CENTI, 0, IFLA_BR_MCAST_QUERY_INTVL, BR_NLA_U64,
                                          12500, "hundredths of a second between queries" },
        [BR_OPT_MCAST_QUERY_RESPONSE_INTERVAL] = { BR_OPT_MCAST_QUERY_RESPONSE_INTERVAL,
                                                   "multicast_query_response_interval", NULL,
                                                   BRIDGE, BR_OPT_TYPE_UINT, 0, U32MAX, NULL,
                                                   BR_UNIT_CENTI, 0,
                                                   IFLA_BR_MCAST_QUERY_RESPONSE_INTVL, BR_NLA_U64,
                                                   1000,
                                                   "hundredths of a second to answer a query" },
        [BR_OPT_MCAST_STARTUP_QUERY_INTERVAL] = { BR_OPT_MCAST_STARTUP_QUERY_INTERVAL,
                                                  "multicast_startup_query_interval", NULL, BRIDGE,
                                                  BR_OPT_TYPE_UINT, 0, U32MAX, NULL, BR_UNIT_CENTI,
                                                  0, IFLA_BR_MCAST_STARTUP_QUERY_INTVL, BR_NLA_U64,
                                                  3125,
                                                  "hundredths of a second between start-up "
                                                  "queries" },
        [BR_OPT_PORT_PRIORITY] = { BR_OPT_PORT_PRIORITY, "priority", NULL, PORT, BR_OPT_TYPE_UINT,
                                   0, 63, NULL, BR_UNIT_NONE, 0, IFLA_BRPORT_PRIORITY, BR_NLA_U16,
                                   32, "STP port priority" },
        [BR_OPT_PORT_PATH_COST] = { BR_OPT_PORT_PATH_COST, "path_cost", NULL, PORT,
                                    BR_OPT_TYPE_UINT, 1, 65535, NULL, BR_UNIT_NONE, 0,
                                    IFLA_BRPORT_COST, BR_NLA_U32, 100,
                                    "STP path cost (the kernel's default follows the speed)" },
        [BR_OPT_PORT_HAIRPIN_MODE] = { BR_OPT_PORT_HAIRPIN_MODE, "hairpin_mode", NULL, PORT,
                                       BR_OPT_TYPE_BOOL, 0, 1, NULL, BR_UNIT_NONE, 0,
                                       IFLA_BRPORT_MODE, BR_NLA_U8, 0,
                                       "send frames back out of the port they came in on" },
};

const BrOptDesc *br_opt_desc(BrOptId id)
{
        if ((unsigned)id >= _BR_OPT_MAX)
                return NULL;
        return &table[id];
}
