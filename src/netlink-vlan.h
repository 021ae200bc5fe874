/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/*
 * VLAN links over rtnetlink (kind "vlan", net/8021q/vlan_netlink.c): build
 * `ip link add link PARENT name NAME type vlan ...` and `ip link set dev
 * NAME type vlan ...` as messages.  See netlink-stack.h for what every
 * builder promises.
 *
 * Inside IFLA_INFO_DATA the order is iproute2's for `protocol P id N
 * ingress-qos-map ... egress-qos-map ... <flags>`: IFLA_VLAN_PROTOCOL,
 * IFLA_VLAN_ID, IFLA_VLAN_INGRESS_QOS, IFLA_VLAN_EGRESS_QOS, and the flags
 * last (iproute2 gathers reorder_hdr/gvrp/mvrp/loose_binding/bridge_binding
 * into one IFLA_VLAN_FLAGS after its loop).
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/if_vlan.h>
#include "nl-dl.h"

/* IFLA_VLAN_ID above this is refused (VLAN_VID_MASK is 4095). */
#define VLAN_ID_MAX 4094
/* The 802.1p priority a QoS mapping maps to (egress) or from (ingress). */
#define VLAN_QOS_MAX 7

/* One IFLA_VLAN_QOS_MAPPING (struct ifla_vlan_qos_mapping).  Ingress maps
 * a VLAN priority (0-7) to an skb priority; egress an skb priority to a
 * VLAN priority (0-7). */
typedef struct {
        uint32_t from, to;
} VlanQosMap;

typedef struct {
        uint16_t id;       /* IFLA_VLAN_ID, 0-4094; sent on create only */
        uint16_t protocol; /* ETH_P_8021Q / ETH_P_8021AD in host order; 0: not sent
                            * (the kernel's 802.1Q); sent on create only */
        /* IFLA_VLAN_FLAGS: VLAN_FLAG_* bits in flags_mask take their value
         * from flags; flags_mask 0: no attribute (a new VLAN has
         * VLAN_FLAG_REORDER_HDR) */
        uint32_t flags, flags_mask;
        const VlanQosMap *ingress; /* IFLA_VLAN_INGRESS_QOS; NULL/0: not sent */
        size_t n_ingress;
        const VlanQosMap *egress; /* IFLA_VLAN_EGRESS_QOS; NULL/0: not sent */
        size_t n_egress;
} VlanSpec;

/*
 * RTM_NEWLINK NLM_F_CREATE|NLM_F_EXCL: [IFLA_MTU mtu if mtu > 0], IFLA_LINK
 * parent, IFLA_IFNAME name, IFLA_LINKINFO{KIND "vlan", DATA{...}}.
 * -EINVAL: a bad name, parent <= 0, id > 4094, a protocol other than
 * 802.1Q/802.1ad, flag bits the kernel does not know, or a mapping whose
 * VLAN priority is above 7.
 */
int vlannl_msg_create(const char *name, int parent, const VlanSpec *spec, unsigned mtu,
                      struct nl_msg **out);

/*
 * RTM_NEWLINK on ifindex: IFLA_LINKINFO{KIND "vlan", DATA{maps, flags}}.
 * The id and protocol of a VLAN cannot change (vlan_changelink() ignores
 * them): they are not sent.  An egress mapping to 0 removes that skb
 * priority's mapping; an ingress mapping to 0 clears it.
 */
int vlannl_msg_change(int ifindex, const VlanSpec *spec, struct nl_msg **out);

/* The VLAN_FLAG_* bits the kernel accepts in IFLA_VLAN_FLAGS. */
#define VLAN_FLAGS_KNOWN                                                                           \
        (VLAN_FLAG_REORDER_HDR | VLAN_FLAG_GVRP | VLAN_FLAG_LOOSE_BINDING | VLAN_FLAG_MVRP |       \
         VLAN_FLAG_BRIDGE_BINDING)
