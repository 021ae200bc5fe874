/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/*
 * The stack on the bonds: VLANs whose parent is a bond (or a VLAN on a
 * bond), and bridges that have such a bond or VLAN as a port.  They are
 * read from their ifcfg files as initscripts' ifup (the VLAN block) and
 * ifup-eth (TYPE=Bridge, BRIDGE=) and NetworkManager's ifcfg-rh reader
 * (make_vlan_setting(), make_bridge_setting(), make_bridge_port_setting())
 * read them.  A VLAN or bridge with no bond below it is not part of the
 * model: it is listed in Config.unmanaged and left to whatever manages it
 * now.
 *
 * The addresses of a device in a bridge belong on the bridge: a bond or
 * VLAN with BRIDGE= gets an empty CfgL3 (cfg_l3_new()), as ifup-eth
 * flushes a bridge port's addresses and configures none; any its file
 * gives are errors.
 */

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>
#include "bridge-options.h"
#include "config-l3.h"
#include "ifcfg.h"

struct CfgBond;
struct Config;

/* One VLAN_INGRESS_PRIORITY_MAP / VLAN_EGRESS_PRIORITY_MAP item FROM:TO. */
typedef struct {
        uint32_t from, to;
} CfgVlanQos;

typedef struct CfgVlan {
        char *name; /* DEVICE, else PHYSDEV.VLAN_ID, else the file name's suffix */
        const IfcfgFile *ifcfg;
        char *parent;                /* PHYSDEV, else from DEVICE (bond0.100: bond0) */
        unsigned parent_line;        /* the line of PHYSDEV or DEVICE (0: the file name) */
        struct CfgBond *parent_bond; /* the parent when it is a bond, or NULL */
        struct CfgVlan *parent_vlan; /* the parent when it is a VLAN, or NULL */
        struct CfgBond *bond;        /* the bond at the bottom of the chain, never NULL */
        unsigned id;                 /* VLAN_ID, else from DEVICE (checked: 1 to 4094) */
        unsigned id_line;
        uint32_t flags;    /* VLAN_FLAG_* of <linux/if_vlan.h>, REORDER_HDR by default */
        uint16_t protocol; /* VLAN_PROTOCOL: ETH_P_8021Q (default) or ETH_P_8021AD */
        GArray *ingress;   /* CfgVlanQos: 802.1p priority (0-7) -> skb priority */
        GArray *egress;    /* CfgVlanQos: skb priority -> 802.1p priority (0-7) */
        unsigned mtu;      /* MTU (IPV6_MTU over it), 0 = unset: the parent's */
        char *macaddr;     /* MACADDR, canonical, or NULL */
        CfgL3 *l3;         /* addresses, routes, rules, sysctls */
        bool onboot;       /* ONBOOT != no */
        char *bridge;      /* BRIDGE_UUID or BRIDGE text, or NULL */
        unsigned bridge_line;
} CfgVlan;

typedef enum {
        CFG_BRIDGE_PORT_BOND,
        CFG_BRIDGE_PORT_VLAN,
} CfgBridgePortKind;

/* A member of a bridge: a bond or a VLAN of the stack whose file says BRIDGE=. */
typedef struct {
        CfgBridgePortKind kind;
        struct CfgBond *bond; /* kind BOND */
        CfgVlan *vlan;        /* kind VLAN */
        const char *name;     /* the bond's or VLAN's name (borrowed) */
        const IfcfgFile *ifcfg;
        BridgeOptValues opts; /* the port options of its BRIDGING_OPTS (priority, path_cost...) */
} CfgBridgePort;

typedef struct CfgBridge {
        char *name; /* DEVICE, else the file name's suffix */
        const IfcfgFile *ifcfg;
        char *uuid;           /* UUID= or NULL (BRIDGE_UUID= names it) */
        char *nm_name;        /* NAME= or NULL */
        GPtrArray *ports;     /* CfgBridgePort*, owned, in file order */
        BridgeOptValues opts; /* STP, DELAY and BRIDGING_OPTS, in kernel units */
        int stp;              /* STP=: 1 yes, 0 no, -1 unset */
        int delay;            /* DELAY=, seconds, -1 unset (also opts forward_delay) */
        unsigned mtu;         /* 0 = unset: the smallest of its ports' */
        char *macaddr;        /* MACADDR, canonical, or NULL */
        CfgL3 *l3;            /* the addresses of the bridge (and so of its ports) */
        bool onboot;
} CfgBridge;

/* A VLAN or bridge file with no bond below it: not bondcfg's. */
typedef struct {
        const IfcfgFile *ifcfg;
        char *name;
        const char *kind; /* "VLAN" or "bridge" */
        char *why;        /* e.g. "its parent eth9 is not a bond" */
} CfgUnmanaged;

CfgVlan *config_find_vlan(const struct Config *c, const char *name);
CfgBridge *config_find_bridge(const struct Config *c, const char *name);
/* The bridge that bond or VLAN name is a port of, or NULL. */
CfgBridge *config_bridge_of(const struct Config *c, const char *name);
/* Is b the bond below v, or a port of br (itself or through a VLAN)? */
bool cfg_vlan_on_bond(const CfgVlan *v, const struct CfgBond *b);
bool cfg_bridge_on_bond(const CfgBridge *br, const struct CfgBond *b);
/* "reorder_hdr,gvrp" for flags ("" for none).  Caller frees. */
char *cfg_vlan_flags_to_string(uint32_t flags);
/* "0:3,1:5" for a map.  Caller frees. */
char *cfg_vlan_qos_to_string(const GArray *map);
/*
 * Parse a priority map ("a:b,c:d", also blank-separated, as ip-link takes
 * it from ifup): from_max and to_max bound each side.  Returns 0, or
 * -EINVAL with *bad set to the offending item (caller frees).
 */
int cfg_vlan_qos_parse(const char *text, uint32_t from_max, uint32_t to_max, GArray *out,
                       char **bad);
