/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/*
 * Bridge links and bridge ports over rtnetlink (kind "bridge",
 * net/bridge/br_netlink.c), driven by the option table in bridge-options.h:
 * an option goes out when its bit is in the BridgeOptValues mask, in table
 * order (ascending IFLA_BR_* / IFLA_BRPORT_* numbers), with the table's
 * width and the value in kernel units (times in centiseconds).  See
 * netlink-stack.h for what every builder promises; enslaving a port is
 * stacknl_msg_set_master() there.
 */

#include <stdbool.h>
#include "nl-dl.h"
#include "bridge-options.h"

/*
 * Into an open IFLA_INFO_DATA (port false) or IFLA_INFO_SLAVE_DATA (port
 * true) nest: every option of that side in o->mask.  -EINVAL if o->mask
 * holds an option of the other side or one out of its kernel range.
 */
int bridgenl_put_options(struct nl_msg *m, const BridgeOptValues *o, bool port);

/*
 * `ip link add name NAME [mtu MTU] type bridge <options>`: RTM_NEWLINK
 * NLM_F_CREATE|NLM_F_EXCL, [IFLA_MTU], IFLA_IFNAME, IFLA_LINKINFO{KIND
 * "bridge", DATA{options}}.  opts NULL: the kernel's defaults (an empty
 * DATA).
 */
int bridgenl_msg_create(const char *name, const BridgeOptValues *opts, unsigned mtu,
                        struct nl_msg **out);

/* `ip link set dev IFINDEX type bridge <options>`: RTM_NEWLINK on ifindex,
 * IFLA_LINKINFO{KIND "bridge", DATA{options in opts->mask}}. */
int bridgenl_msg_change(int ifindex, const BridgeOptValues *opts, struct nl_msg **out);

/*
 * `ip link set dev PORT type bridge_slave <options>`: RTM_NEWLINK on the
 * port, IFLA_LINKINFO{SLAVE_KIND "bridge", SLAVE_DATA{options}}.  The kernel
 * hands SLAVE_DATA to the master's slave_changelink and ignores the kind
 * names; iproute2 names it IFLA_INFO_KIND "bridge_slave", bondcfg
 * IFLA_INFO_SLAVE_KIND "bridge", as it does for bond ports and as libnl
 * does.
 */
int bridgenl_msg_set_port_options(int ifindex, const BridgeOptValues *opts, struct nl_msg **out);
