/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/*
 * What a link dump says about links stacked on a bond: a VLAN (IFLA_INFO_KIND
 * "vlan"), a bridge (IFLA_INFO_KIND "bridge") and a bridge port
 * (IFLA_INFO_SLAVE_KIND "bridge").  snapshot.c's parse_link() fills them in
 * through snapshot_parse_stack(); a SnapLink holds each as a pointer that
 * is NULL when the link is not one.
 *
 * Values are the kernel's, in its units: bridge times in centiseconds
 * (clock_t), the VLAN protocol in host byte order.
 */

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>
#include "nl-dl.h"
#include "bridge-options.h"
#include "netlink-vlan.h"

typedef struct {
        uint16_t id;       /* IFLA_VLAN_ID */
        uint16_t protocol; /* IFLA_VLAN_PROTOCOL, host order (ETH_P_8021Q); 0 if not reported */
        uint32_t flags;    /* IFLA_VLAN_FLAGS flags (the kernel's mask is all ones); 0 if none */
        GArray *ingress;   /* VlanQosMap, as reported (the kernel's: VLAN prio order) */
        GArray *egress;    /* VlanQosMap, as reported */
} SnapVlan;

typedef struct {
        /* every option of the bridge option table whose attribute the kernel
         * reported (mask), in kernel units */
        BridgeOptValues opts;
        char *bridge_id; /* IFLA_BR_BRIDGE_ID as "8000.52:54:00:12:34:56", or NULL */
        char *root_id;   /* IFLA_BR_ROOT_ID, likewise */
} SnapBridge;

typedef struct {
        BridgeOptValues opts; /* port options the kernel reported */
        bool has_state;
        uint8_t state;    /* IFLA_BRPORT_STATE: BR_STATE_DISABLED ... BR_STATE_BLOCKING */
        uint16_t port_no; /* IFLA_BRPORT_NO */
        uint16_t port_id; /* IFLA_BRPORT_ID */
} SnapBridgePort;

/*
 * From the parsed IFLA_LINKINFO nest li (IFLA_INFO_MAX + 1 slots): a new
 * SnapVlan in *vlan when kind is "vlan", SnapBridge in *bridge when kind is
 * "bridge", SnapBridgePort in *port when the slave kind is "bridge".  Each
 * out pointer is left alone otherwise.  An attribute too short for its
 * width is skipped, never read.
 */
void snapshot_parse_stack(const char *kind, struct nlattr *const *li, SnapVlan **vlan,
                          SnapBridge **bridge, SnapBridgePort **port);

void snap_vlan_free(SnapVlan *v);
void snap_bridge_free(SnapBridge *b);
void snap_bridge_port_free(SnapBridgePort *p);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(SnapVlan, snap_vlan_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(SnapBridge, snap_bridge_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(SnapBridgePort, snap_bridge_port_free)
