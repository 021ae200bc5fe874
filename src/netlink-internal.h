/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/*
 * Private to netlink.c, and open to its tests and fuzz harness: the parsers
 * of what the kernel answers, callable without a socket.
 */

#include <linux/netlink.h>

/*
 * The kernel's extended-ack message (NLMSGERR_ATTR_MSG) of an NLMSG_ERROR
 * message h, or NULL if it has none.  h->nlmsg_len bytes at h must be
 * readable and hold at least the header and a struct nlmsgerr (libnl
 * checks this before it calls the error handler).  Caller frees.
 */
char *bondnl_parse_extack(const struct nlmsghdr *h);
