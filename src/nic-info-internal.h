/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/* Private to nic-info.c, and open to the fuzz harness: the parser of the
 * kernel's answer to the link query, callable without a socket. */

#include <linux/netlink.h>
#include "nic-info.h"

/*
 * The facts of one RTM_NEWLINK message h into *facts, as
 * nic_link_query_netlink() takes them from each message of the kernel's
 * answer.  h->nlmsg_len bytes at h must be readable.  Returns 0, or
 * -EINVAL for a message too short for its header (facts untouched).
 */
int nic_info_parse_link(const struct nlmsghdr *h, NicLinkFacts *facts);
