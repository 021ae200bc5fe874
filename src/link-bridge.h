/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/*
 * The bridge link kind (link_kind_bridge, link-kind.h), and the options of
 * a bridge port, which plan-link.c sets on each member (a bond or a VLAN).
 */

#include <glib.h>
#include "bridge-options.h"

/* "stp_state 1, forward_delay 4" of the options in mask (with old:
 * "forward_delay 15 -> 4").  Caller frees. */
char *link_bridge_describe_opts(const BridgeOptValues *o, BridgeOptMask mask,
                                const BridgeOptValues *old);
/* The options of side (BRIDGE_OPT_MASK_BRIDGE or _PORT) that want sets and
 * have does not have (or has another value for). */
BridgeOptMask link_bridge_diff_mask(const BridgeOptValues *want, const BridgeOptValues *have,
                                    BridgeOptMask side);
/* want's values of mask into change, have's (or the kernel default) into
 * undo. */
void link_bridge_split(const BridgeOptValues *want, const BridgeOptValues *have, BridgeOptMask mask,
                       BridgeOptValues *change, BridgeOptValues *undo);
