/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/*
 * A snapshot of the live network state that bondcfg cares about: links
 * (with bond and bond-port attributes, and those of VLANs, bridges and
 * bridge ports: snapshot-stack.h), addresses and main-table default
 * routes.  Taken over rtnetlink, or built by hand in unit tests.
 *
 * Bond attributes are parsed back into a BondOptions through the option
 * table, so the planner compares desired and live values generically.
 */

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>
#include <linux/netlink.h>
#include "bond-options.h"
#include "netlink.h"
#include "route.h"
#include "rule.h"
#include "snapshot-stack.h"

typedef struct {
        bool present; /* IFLA_BOND_AD_INFO was reported */
        uint16_t aggregator, num_ports, actor_key, partner_key;
        char *partner_mac;
} SnapAdInfo;

typedef struct {
        bool present;       /* the link is a bond port (IFLA_INFO_SLAVE_KIND "bond") */
        uint8_t state;      /* BOND_STATE_ACTIVE / BOND_STATE_BACKUP */
        uint8_t mii_status; /* BOND_LINK_UP ... */
        uint32_t link_failure_count;
        char *perm_hwaddr;
        uint16_t queue_id;
        bool has_aggregator;
        uint16_t aggregator_id;
        bool has_ad_state;
        uint8_t actor_oper_port_state, partner_oper_port_state;
        bool has_prio;
        int32_t prio;
} SnapPort;

typedef struct {
        int ifindex;
        char *name;
        char *kind;     /* IFLA_INFO_KIND, or NULL */
        unsigned flags; /* ifi_flags */
        bool up, lower_up;
        unsigned mtu;
        unsigned max_mtu;       /* IFLA_MAX_MTU, 0 if not reported */
        char *mac;              /* current, lower-case, or NULL */
        char *perm_mac;         /* IFLA_PERM_ADDRESS or the bond port's perm hwaddr */
        int master;             /* ifindex, 0 if none */
        BondOptions *bond;      /* live options when kind is "bond", else NULL */
        BondOptMask bond_attrs; /* options whose attribute the kernel reported */
        SnapAdInfo ad;
        SnapPort port;
        int link;               /* IFLA_LINK: the lower link (a VLAN's parent); 0 if none */
        SnapVlan *vlan;         /* kind "vlan", else NULL (snapshot-stack.h) */
        SnapBridge *bridge;     /* kind "bridge", else NULL */
        SnapBridgePort *brport; /* a bridge's port (IFLA_INFO_SLAVE_KIND "bridge"), else NULL */
        GHashTable *sysctls;    /* "ipv6/accept_ra" -> value, if read (snapshot_read_sysctls) */
} SnapLink;

/* An address lifetime that never ends (the kernel's INFINITY_LIFE_TIME). */
#define SNAP_FOREVER 0xffffffffu

typedef struct {
        int ifindex;
        int family;
        char *address;
        unsigned prefix;
        unsigned scope;
        uint32_t flags;     /* IFA_F_*: IFA_FLAGS, else ifa_flags */
        uint8_t proto;      /* IFA_PROTO (Linux 5.18+): IFAPROT_KERNEL_*; 0: none or unknown */
        char *broadcast;    /* IFA_BROADCAST, or NULL */
        char *label;        /* IFA_LABEL of an alias ("bond0:1"), or NULL */
        uint32_t valid_lft; /* IFA_CACHEINFO; SNAP_FOREVER when permanent */
        uint32_t preferred_lft;
} SnapAddr;

typedef struct {
        GPtrArray *links;  /* SnapLink*, owned */
        GPtrArray *addrs;  /* SnapAddr*, owned */
        GPtrArray *routes; /* NetRoute*: every table, but the kernel's own (proto kernel) */
        GPtrArray *rules;  /* NetRule*: IPv4 and IPv6 policy rules */
        /* "ipv6/accept_ra" -> value of net/ipv6/conf/default: what a new
         * link starts with (snapshot_read_sysctls()), or NULL */
        GHashTable *default_sysctls;
} Snapshot;

Snapshot *snapshot_new(void);
void snapshot_free(Snapshot *s);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(Snapshot, snapshot_free)

/* How many times an interrupted dump (NLM_F_DUMP_INTR) is tried. */
#define SNAPSHOT_DUMP_TRIES 5

/* Dump links, addresses and routes; all again if the kernel flags a dump
 * interrupted (up to SNAPSHOT_DUMP_TRIES times, then -EAGAIN).  Returns 0
 * or -errno. */
int snapshot_take(NlConn *c, Snapshot **out);

/* Only the links (no addresses or routes): one dump. */
int snapshot_take_links(NlConn *c, Snapshot **out);

/* Only the link named name (no addresses or routes); -ENODEV if none. */
int snapshot_take_link(NlConn *c, const char *name, Snapshot **out);

/* Parse one RTM_NEWLINK / RTM_NEWADDR / RTM_NEWROUTE message into s (pure).
 * Messages of other types or families are ignored.  Returns 0 or -EINVAL. */
int snapshot_parse_msg(Snapshot *s, const struct nlmsghdr *h);
/* After parsing: resolve ifindex-valued bond options (primary,
 * active_slave) to interface names. */
void snapshot_resolve(Snapshot *s);

/* Hand-built snapshots (tests).  Strings are copied. */
SnapLink *snapshot_add_link(Snapshot *s, int ifindex, const char *name, const char *kind,
                            const char *mac);
/* A bond with opts (copied; NULL = kernel defaults) and every option
 * attribute marked reported, except those with a `since` version. */
SnapLink *snapshot_add_bond(Snapshot *s, int ifindex, const char *name, const BondOptions *opts);
void snapshot_add_addr(Snapshot *s, int ifindex, int family, const char *addr, unsigned prefix);
/* A default route via gateway out of ifindex, main table, proto boot. */
NetRoute *snapshot_add_route(Snapshot *s, int ifindex, int family, const char *gateway);

/*
 * The sysctls bondcfg sets (SNAPSHOT_SYSCTLS) of each link named in
 * ifnames (NULL-terminated) that exists, and with defaults of "default"
 * (what a new link gets).  A value that cannot be read is left out.
 */
void snapshot_read_sysctls(Snapshot *s, const char *const *ifnames, bool defaults);
#define SNAPSHOT_SYSCTLS                                                                           \
        "ipv6/forwarding", "ipv6/accept_ra", "ipv6/accept_redirects", "ipv6/autoconf",             \
                "ipv6/use_tempaddr", "ipv4/arp_filter", "ipv4/promote_secondaries"

SnapLink *snapshot_link_by_name(const Snapshot *s, const char *name);
SnapLink *snapshot_link_by_index(const Snapshot *s, int ifindex);
/* By permanent MAC; failing that, by current MAC of a link that is no
 * bond port (its current MAC would be the bond's). */
SnapLink *snapshot_link_by_hwaddr(const Snapshot *s, const char *mac);
/* Ports of a bond, in ifindex order.  Caller unrefs (borrowed SnapLink*). */
GPtrArray *snapshot_ports_of(const Snapshot *s, int master);
