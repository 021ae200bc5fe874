/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The bonding option table.  Every fact here was checked against the kernel's
 * drivers/net/bonding/bond_options.c (value tables, .flags, .unsuppmodes),
 * bond_netlink.c (attribute widths, peer_notif_delay's 300000 ms netlink cap)
 * and bond_main.c:bond_check_params() (module defaults, max_bonds).
 *
 *   NEEDS_DOWN     = BOND_OPTFLAG_IFDOWN
 *   NEEDS_NO_PORTS = BOND_OPTFLAG_NOSLAVES
 *   modes          = every mode not in the kernel's .unsuppmodes; the ARP
 *                    targets and arp_all_targets, which the kernel accepts
 *                    anywhere, act only with arp_interval and so share its modes
 */
#include "bond-options-internal.h"

#include <limits.h>
#include <linux/if_link.h>

#define M(x)     BOND_MODE_BIT(BOND_MODE_##x)
#define ALL      BOND_MODES_ALL
#define ARP_MODS (ALL & ~(M(LACP) | M(BALANCE_TLB) | M(BALANCE_ALB)))
#define PRI_MODS (M(ACTIVE_BACKUP) | M(BALANCE_TLB) | M(BALANCE_ALB))

/* Value tables: names as sysfs prints them, values = kernel constants. */
static const BondOptEnumValue mode_values[] = {
        { "balance-rr", BOND_MODE_BALANCE_RR },
        { "active-backup", BOND_MODE_ACTIVE_BACKUP },
        { "balance-xor", BOND_MODE_BALANCE_XOR },
        { "broadcast", BOND_MODE_BCAST },
        { "802.3ad", BOND_MODE_LACP },
        { "balance-tlb", BOND_MODE_BALANCE_TLB },
        { "balance-alb", BOND_MODE_BALANCE_ALB },
        { NULL, 0 },
};

static const BondOptEnumValue xmit_hash_values[] = {
        { "layer2", BOND_XMIT_POLICY_LAYER2 },
        { "layer3+4", BOND_XMIT_POLICY_LAYER34 },
        { "layer2+3", BOND_XMIT_POLICY_LAYER23 },
        { "encap2+3", BOND_XMIT_POLICY_ENCAP23 },
        { "encap3+4", BOND_XMIT_POLICY_ENCAP34 },
        { "vlan+srcmac", BOND_XMIT_POLICY_VLAN_SRCMAC },
        { NULL, 0 },
};

/* include/net/bonding.h: ACTIVE = 1 << BOND_STATE_ACTIVE(0), FILTER = ALL + 1 */
static const BondOptEnumValue arp_validate_values[] = {
        { "none", 0 },   { "active", 1 },        { "backup", 2 },        { "all", 3 },
        { "filter", 4 }, { "filter_active", 5 }, { "filter_backup", 6 }, { NULL, 0 },
};

static const BondOptEnumValue arp_all_targets_values[] = {
        { "any", 0 },
        { "all", 1 },
        { NULL, 0 },
};

static const BondOptEnumValue primary_reselect_values[] = {
        { "always", 0 },
        { "better", 1 },
        { "failure", 2 },
        { NULL, 0 },
};

static const BondOptEnumValue fail_over_mac_values[] = {
        { "none", 0 },
        { "active", 1 },
        { "follow", 2 },
        { NULL, 0 },
};

static const BondOptEnumValue lacp_rate_values[] = {
        { "slow", 0 },
        { "fast", 1 },
        { NULL, 0 },
};

static const BondOptEnumValue ad_select_values[] = {
        { "stable", 0 },
        { "bandwidth", 1 },
        { "count", 2 },
        { NULL, 0 },
};

/* lacp_active is printed by name; the kernel's other on/off tables are
 * printed as 0/1 by sysfs, but it accepts the names when writing. */
static const BondOptEnumValue off_on_values[] = {
        { "off", 0 },
        { "on", 1 },
        { NULL, 0 },
};

DEFINE_BOND_ENUM_LOOKUP(bond_mode, BondMode, mode_values)

/* Descriptions derived from the table, for hints, --help and the man page. */
char *bond_opt_modes_to_string(unsigned modes)
{
        g_autoptr(GString) s = g_string_new(NULL);

        for (unsigned m = 0; m < _BOND_MODE_MAX; m++) {
                if (!(modes & BOND_MODE_BIT(m)))
                        continue;
                if (s->len)
                        g_string_append(s, ", ");
                g_string_append(s, bond_mode_to_string(m));
        }
        return g_string_free(g_steal_pointer(&s), FALSE);
}

char *bond_opt_describe_values(const BondOptDesc *d)
{
        g_autoptr(GString) s = g_string_new(NULL);

        switch (d->type) {
        case BOND_OPT_TYPE_ENUM:
        case BOND_OPT_TYPE_BOOL:
                if (d->type == BOND_OPT_TYPE_BOOL)
                        g_string_append(s, "0, 1");
                for (const BondOptEnumValue *e = d->values; e && e->name; e++) {
                        if (s->len)
                                g_string_append(s, ", ");
                        if (d->type == BOND_OPT_TYPE_ENUM)
                                g_string_append_printf(s, "%s (%u)", e->name, e->value);
                        else
                                g_string_append(s, e->name);
                }
                break;
        case BOND_OPT_TYPE_UINT:
                g_string_printf(s, "a number from %" G_GUINT64_FORMAT " to %" G_GUINT64_FORMAT,
                                d->min, d->max);
                break;
        case BOND_OPT_TYPE_INT:
                g_string_printf(s, "a number from %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT,
                                (int64_t)d->min, (int64_t)d->max);
                break;
        case BOND_OPT_TYPE_IFNAME:
                g_string_append(s, "an interface name (at most 15 bytes)");
                break;
        case BOND_OPT_TYPE_IP4_LIST:
        case BOND_OPT_TYPE_IP6_LIST:
                g_string_printf(s,
                                "up to %" G_GUINT64_FORMAT " IPv%c addresses, comma-separated; "
                                "+ADDR adds, -ADDR removes",
                                d->max, d->type == BOND_OPT_TYPE_IP4_LIST ? '4' : '6');
                break;
        case BOND_OPT_TYPE_MAC:
                g_string_append(s, "a MAC address xx:xx:xx:xx:xx:xx");
                break;
        default:
                break;
        }
        return g_string_free(g_steal_pointer(&s), FALSE);
}

#define ROW(_id, _name) [_id] = { .id = _id, .name = _name

/* clang-format off */
const BondOptDesc bond_opt_table[_BOND_OPT_MAX] = {
        ROW(BOND_OPT_MODE, "mode"), .type = BOND_OPT_TYPE_ENUM, .values = mode_values,
                .modes = ALL, .flags = BOND_OPT_F_NEEDS_DOWN | BOND_OPT_F_NEEDS_NO_PORTS,
                .ifla = IFLA_BOND_MODE, .nla = BOND_NLA_U8, .def = BOND_MODE_BALANCE_RR,
                .help = "bonding policy: how traffic is spread over the ports" },
        ROW(BOND_OPT_MIIMON, "miimon"), .type = BOND_OPT_TYPE_UINT, .max = INT_MAX,
                .modes = ALL, .ifla = IFLA_BOND_MIIMON, .nla = BOND_NLA_U32, .def = 0,
                .help = "MII link check interval in milliseconds (0 = off)" },
        ROW(BOND_OPT_UPDELAY, "updelay"), .type = BOND_OPT_TYPE_UINT, .max = INT_MAX,
                .modes = ALL, .ifla = IFLA_BOND_UPDELAY, .nla = BOND_NLA_U32,
                .help = "milliseconds to wait before using a port whose link came up" },
        ROW(BOND_OPT_DOWNDELAY, "downdelay"), .type = BOND_OPT_TYPE_UINT, .max = INT_MAX,
                .modes = ALL, .ifla = IFLA_BOND_DOWNDELAY, .nla = BOND_NLA_U32,
                .help = "milliseconds to wait before disabling a port whose link went down" },
        ROW(BOND_OPT_PEER_NOTIF_DELAY, "peer_notif_delay"), .type = BOND_OPT_TYPE_UINT,
                .max = 300000, .modes = ALL, .ifla = IFLA_BOND_PEER_NOTIF_DELAY,
                .nla = BOND_NLA_U32,
                .help = "milliseconds between peer notifications after a failover" },
        ROW(BOND_OPT_USE_CARRIER, "use_carrier"), .type = BOND_OPT_TYPE_BOOL, .max = 1,
                .values = off_on_values, .modes = ALL, .ifla = IFLA_BOND_USE_CARRIER,
                .nla = BOND_NLA_U8, .def = 1,
                .help = "miimon uses the carrier state (1) rather than MII/ethtool (0)" },
        ROW(BOND_OPT_ARP_INTERVAL, "arp_interval"), .type = BOND_OPT_TYPE_UINT, .max = INT_MAX,
                .modes = ARP_MODS, .ifla = IFLA_BOND_ARP_INTERVAL, .nla = BOND_NLA_U32,
                .help = "ARP link check interval in milliseconds (0 = off)" },
        ROW(BOND_OPT_ARP_IP_TARGET, "arp_ip_target"), .type = BOND_OPT_TYPE_IP4_LIST,
                .max = 16, .modes = ARP_MODS, .flags = BOND_OPT_F_LIST,
                .ifla = IFLA_BOND_ARP_IP_TARGET, .nla = BOND_NLA_IP4_NEST,
                .help = "IPv4 addresses probed by the ARP monitor (comma list, up to 16)" },
        ROW(BOND_OPT_NS_IP6_TARGET, "ns_ip6_target"), .type = BOND_OPT_TYPE_IP6_LIST,
                .max = 16, .modes = ARP_MODS, .flags = BOND_OPT_F_LIST,
                .ifla = IFLA_BOND_NS_IP6_TARGET, .nla = BOND_NLA_IP6_NEST,
                .help = "IPv6 addresses probed by neighbour solicitation (up to 16)" },
        ROW(BOND_OPT_ARP_VALIDATE, "arp_validate"), .type = BOND_OPT_TYPE_ENUM,
                .values = arp_validate_values, .modes = ARP_MODS,
                .ifla = IFLA_BOND_ARP_VALIDATE, .nla = BOND_NLA_U32,
                .help = "which ports check that ARP replies come from the targets" },
        ROW(BOND_OPT_ARP_ALL_TARGETS, "arp_all_targets"), .type = BOND_OPT_TYPE_ENUM,
                .values = arp_all_targets_values, .modes = ARP_MODS,
                .ifla = IFLA_BOND_ARP_ALL_TARGETS, .nla = BOND_NLA_U32,
                .help = "a port is up if any / all ARP targets answer" },
        ROW(BOND_OPT_ARP_MISSED_MAX, "arp_missed_max"), .type = BOND_OPT_TYPE_UINT,
                .min = 1, .max = 255, .modes = ARP_MODS, .ifla = IFLA_BOND_MISSED_MAX,
                .nla = BOND_NLA_U8, .def = 2,
                .help = "ARP intervals a port may miss before it is marked down" },
        ROW(BOND_OPT_PRIMARY, "primary"), .type = BOND_OPT_TYPE_IFNAME, .modes = PRI_MODS,
                .ifla = IFLA_BOND_PRIMARY, .nla = BOND_NLA_IFINDEX,
                .help = "preferred port: active whenever it is available" },
        ROW(BOND_OPT_PRIMARY_RESELECT, "primary_reselect"), .type = BOND_OPT_TYPE_ENUM,
                .values = primary_reselect_values, .modes = ALL,
                .ifla = IFLA_BOND_PRIMARY_RESELECT, .nla = BOND_NLA_U8,
                .help = "when the primary port takes over again after it recovers" },
        ROW(BOND_OPT_ACTIVE_SLAVE, "active_slave"), .type = BOND_OPT_TYPE_IFNAME,
                .modes = PRI_MODS, .ifla = IFLA_BOND_ACTIVE_SLAVE, .nla = BOND_NLA_IFINDEX,
                .help = "port to make active now" },
        ROW(BOND_OPT_FAIL_OVER_MAC, "fail_over_mac"), .type = BOND_OPT_TYPE_ENUM,
                .values = fail_over_mac_values, .modes = ALL,
                .flags = BOND_OPT_F_NEEDS_NO_PORTS, .ifla = IFLA_BOND_FAIL_OVER_MAC,
                .nla = BOND_NLA_U8,
                .help = "active-backup MAC policy: none, active or follow" },
        ROW(BOND_OPT_XMIT_HASH_POLICY, "xmit_hash_policy"), .type = BOND_OPT_TYPE_ENUM,
                .values = xmit_hash_values, .modes = ALL,
                .ifla = IFLA_BOND_XMIT_HASH_POLICY, .nla = BOND_NLA_U8,
                .help = "transmit hash for balance-xor, 802.3ad and tlb/alb" },
        ROW(BOND_OPT_LACP_RATE, "lacp_rate"), .type = BOND_OPT_TYPE_ENUM,
                .values = lacp_rate_values, .modes = M(LACP), .flags = BOND_OPT_F_NEEDS_DOWN,
                .ifla = IFLA_BOND_AD_LACP_RATE, .nla = BOND_NLA_U8,
                .help = "LACPDU rate asked of the partner: slow (30 s) or fast (1 s)" },
        ROW(BOND_OPT_LACP_ACTIVE, "lacp_active"), .type = BOND_OPT_TYPE_ENUM,
                .values = off_on_values, .modes = M(LACP), .flags = BOND_OPT_F_NEEDS_DOWN,
                .ifla = IFLA_BOND_AD_LACP_ACTIVE, .nla = BOND_NLA_U8, .def = 1,
                .help = "send LACPDUs periodically (on) or only when spoken to (off)" },
        ROW(BOND_OPT_AD_SELECT, "ad_select"), .type = BOND_OPT_TYPE_ENUM,
                .values = ad_select_values, .modes = ALL, .flags = BOND_OPT_F_NEEDS_DOWN,
                .ifla = IFLA_BOND_AD_SELECT, .nla = BOND_NLA_U8,
                .help = "802.3ad aggregator selection: stable, bandwidth or count" },
        ROW(BOND_OPT_AD_ACTOR_SYS_PRIO, "ad_actor_sys_prio"), .type = BOND_OPT_TYPE_UINT,
                .min = 1, .max = 65535, .modes = M(LACP), .ifla = IFLA_BOND_AD_ACTOR_SYS_PRIO,
                .nla = BOND_NLA_U16, .def = 65535,
                .help = "802.3ad system priority" },
        ROW(BOND_OPT_AD_USER_PORT_KEY, "ad_user_port_key"), .type = BOND_OPT_TYPE_UINT,
                .max = 1023, .modes = M(LACP), .flags = BOND_OPT_F_NEEDS_DOWN,
                .ifla = IFLA_BOND_AD_USER_PORT_KEY, .nla = BOND_NLA_U16,
                .help = "upper 10 bits of the 802.3ad port key" },
        ROW(BOND_OPT_AD_ACTOR_SYSTEM, "ad_actor_system"), .type = BOND_OPT_TYPE_MAC,
                .modes = M(LACP), .ifla = IFLA_BOND_AD_ACTOR_SYSTEM, .nla = BOND_NLA_MAC,
                .help = "802.3ad system MAC address in LACPDUs (unicast)" },
        ROW(BOND_OPT_MIN_LINKS, "min_links"), .type = BOND_OPT_TYPE_UINT, .max = INT_MAX,
                .modes = ALL, .ifla = IFLA_BOND_MIN_LINKS, .nla = BOND_NLA_U32,
                .help = "ports that must be up before the bond reports carrier" },
        ROW(BOND_OPT_ALL_SLAVES_ACTIVE, "all_slaves_active"), .type = BOND_OPT_TYPE_BOOL,
                .max = 1, .values = off_on_values, .modes = ALL,
                .ifla = IFLA_BOND_ALL_SLAVES_ACTIVE, .nla = BOND_NLA_U8,
                .help = "deliver frames received on inactive ports too (1) or drop them (0)" },
        ROW(BOND_OPT_RESEND_IGMP, "resend_igmp"), .type = BOND_OPT_TYPE_UINT, .max = 255,
                .modes = ALL, .ifla = IFLA_BOND_RESEND_IGMP, .nla = BOND_NLA_U32, .def = 1,
                .help = "IGMP membership reports sent after a failover" },
        ROW(BOND_OPT_NUM_PEER_NOTIF, "num_grat_arp"), .alias = "num_unsol_na",
                .type = BOND_OPT_TYPE_UINT, .max = 255, .modes = ALL,
                .ifla = IFLA_BOND_NUM_PEER_NOTIF, .nla = BOND_NLA_U8, .def = 1,
                .help = "gratuitous ARPs / unsolicited NAs sent after a failover" },
        ROW(BOND_OPT_PACKETS_PER_SLAVE, "packets_per_slave"), .type = BOND_OPT_TYPE_UINT,
                .max = 65535, .modes = M(BALANCE_RR), .ifla = IFLA_BOND_PACKETS_PER_SLAVE,
                .nla = BOND_NLA_U32, .def = 1,
                .help = "packets sent on a port before moving on (0 = random)" },
        ROW(BOND_OPT_TLB_DYNAMIC_LB, "tlb_dynamic_lb"), .type = BOND_OPT_TYPE_BOOL, .max = 1,
                .values = off_on_values, .modes = M(BALANCE_TLB) | M(BALANCE_ALB),
                .flags = BOND_OPT_F_NEEDS_DOWN, .ifla = IFLA_BOND_TLB_DYNAMIC_LB,
                .nla = BOND_NLA_U8, .def = 1,
                .help = "balance-tlb: shuffle flows by load (1) or by xmit_hash_policy (0)" },
        ROW(BOND_OPT_LP_INTERVAL, "lp_interval"), .type = BOND_OPT_TYPE_UINT, .min = 1,
                .max = INT_MAX, .modes = ALL, .ifla = IFLA_BOND_LP_INTERVAL,
                .nla = BOND_NLA_U32, .def = 1,
                .help = "seconds between learning packets to the peer switch (tlb/alb)" },
        /* Mainline 6.9 (240fd405528b), backported to stable 6.1.149 and
         * 6.6.103: whether a kernel has it is probed, never inferred from
         * its version.  Netlink only, no sysfs file, no module parameter. */
        ROW(BOND_OPT_COUPLED_CONTROL, "coupled_control"), .type = BOND_OPT_TYPE_BOOL,
                .max = 1, .values = off_on_values, .modes = M(LACP),
                .flags = BOND_OPT_F_NEEDS_DOWN, .ifla = IFLA_BOND_COUPLED_CONTROL,
                .nla = BOND_NLA_U8, .def = 1, .since = "6.9",
                .help = "802.3ad: coupled (1) or independent (0) collecting/distributing" },
        ROW(BOND_OPT_MAX_BONDS, "max_bonds"), .type = BOND_OPT_TYPE_UINT, .max = INT_MAX,
                .modes = ALL, .flags = BOND_OPT_F_MODULE_ONLY, .nla = BOND_NLA_NONE, .def = 1,
                .help = "bonding module parameter: bonds created when the module loads" },
        ROW(BOND_OPT_PORT_QUEUE_ID, "queue_id"), .ifcfg_key = "BOND_PORT_QUEUE_ID",
                .type = BOND_OPT_TYPE_UINT, .max = 65535, .modes = ALL,
                .flags = BOND_OPT_F_PORT, .ifla = IFLA_BOND_SLAVE_QUEUE_ID,
                .nla = BOND_NLA_U16,
                .help = "port: transmit queue id this port serves (0 = any)" },
        ROW(BOND_OPT_PORT_PRIO, "prio"), .ifcfg_key = "BOND_PORT_PRIO",
                .type = BOND_OPT_TYPE_INT, .min = (uint64_t)(int64_t)INT32_MIN,
                .max = INT32_MAX, .modes = PRI_MODS, .flags = BOND_OPT_F_PORT,
                .ifla = IFLA_BOND_SLAVE_PRIO, .nla = BOND_NLA_S32,
                .help = "port: failover priority, higher wins (when no primary is set)" },
};
/* clang-format on */
