/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/*
 * The VLAN link kind (link_kind_vlan, link-kind.h): what a configuration
 * wants of a VLAN, as ifup's VLAN block and NetworkManager's
 * make_vlan_setting() read it.
 */

#include <glib.h>
#include <stdint.h>
#include <linux/if_vlan.h>

/* The VLAN_FLAG_* bits bondcfg sets from the configuration (REORDER_HDR,
 * GVRP, LOOSE_BINDING, MVRP); BRIDGE_BINDING is left as it is. */
#define LINK_VLAN_FLAGS                                                                            \
        (VLAN_FLAG_REORDER_HDR | VLAN_FLAG_GVRP | VLAN_FLAG_LOOSE_BINDING | VLAN_FLAG_MVRP)

typedef struct {
        uint16_t id;       /* 1-4094 */
        uint16_t protocol; /* ETH_P_8021Q (0 means that too) or ETH_P_8021AD */
        uint32_t flags;    /* LINK_VLAN_FLAGS bits wanted */
        GArray *ingress;   /* VlanQosMap (netlink-vlan.h): 802.1p priority -> skb priority */
        GArray *egress;    /* VlanQosMap: skb priority -> 802.1p priority */
} LinkVlan;

LinkVlan *link_vlan_new(uint16_t id, uint32_t flags);
void link_vlan_free(LinkVlan *v);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(LinkVlan, link_vlan_free)
/* Add a mapping (from, to) to map (ingress or egress). */
void link_vlan_map_add(GArray *map, uint32_t from, uint32_t to);
