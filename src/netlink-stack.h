/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/*
 * rtnetlink for links stacked on a bond (VLANs, bridges): what the VLAN
 * (netlink-vlan.h) and bridge (netlink-bridge.h) builders share.
 *
 * Like the bond builders in netlink.h, every builder only builds: it fills
 * *out with a complete RTM_NEWLINK/RTM_DELLINK (seq and pid 0, flags
 * NLM_F_REQUEST|NLM_F_ACK[|NLM_F_CREATE|NLM_F_EXCL]) and touches no socket,
 * so tests compare its bytes; nl_conn_request() sends it.  They return 0,
 * -EINVAL for an argument the kernel would refuse anyway (a name longer
 * than IFNAMSIZ-1, an ifindex <= 0, a VLAN id above 4094...), or -ENOMEM;
 * *out is set only on success.  They never print.
 *
 * Attribute order is iproute2's for the same command with its arguments in
 * the order the headers give (IFLA_MTU, IFLA_LINK, IFLA_IFNAME,
 * IFLA_LINKINFO; inside IFLA_INFO_DATA ascending attribute numbers for a
 * bridge, iproute2's vlan order for a VLAN), and the kind names go out
 * without a NUL, as iproute2 sends them.  Nests are opened with libnl's
 * nla_nest_start(), which sets NLA_F_NESTED where iproute2 6.1 does not,
 * and an empty IFLA_INFO_DATA is dropped where iproute2 sends 4 bytes: the
 * kernel takes both either way (rtnetlink parses links liberally).
 */

#include "nl-dl.h"

/* RTM_NEWLINK with a bare struct ifinfomsg for ifindex; extra nlmsg flags
 * (NLM_F_CREATE|NLM_F_EXCL) in flags.  NULL when out of memory. */
struct nl_msg *stacknl_link_msg(int type, int flags, int ifindex);

/* IFLA_INFO_KIND / IFLA_INFO_SLAVE_KIND as iproute2 writes it: the name
 * without its NUL (the kernel copies it with nla_strscpy()).  Returns 0 or
 * -ENOMEM. */
int stacknl_put_kind(struct nl_msg *m, int attr, const char *kind);

/* `ip link set dev IFINDEX master MASTER`: IFLA_MASTER; master 0 is
 * `nomaster` (the port leaves its bridge or bond). */
int stacknl_msg_set_master(int ifindex, int master, struct nl_msg **out);

/* `ip link del dev X`: RTM_DELLINK on ifindex (a VLAN, a bridge). */
int stacknl_msg_del_link(int ifindex, struct nl_msg **out);

/* 0 if name can be an interface name (1 to IFNAMSIZ-1 bytes, no '/', ':'
 * or blank, not "." or ".."), else -EINVAL: the kernel's dev_valid_name(). */
int stacknl_check_ifname(const char *name);
