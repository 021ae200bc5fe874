/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What the VLAN and bridge message builders share. */
#include "netlink-stack.h"
#include "netlink.h"

#include <errno.h>
#include <string.h>
#include <linux/if.h>
#include <sys/socket.h>
#include <linux/rtnetlink.h>
#include "nl-dl.h"

struct nl_msg *stacknl_link_msg(int type, int flags, int ifindex)
{
        struct ifinfomsg ifi = {
                .ifi_family = AF_UNSPEC,
                .ifi_index = ifindex,
        };
        g_autoptr(NlMsg) m = nlmsg_alloc_simple(type, NLM_F_REQUEST | NLM_F_ACK | flags);

        if (!m || nlmsg_append(m, &ifi, sizeof(ifi), NLMSG_ALIGNTO) < 0)
                return NULL;
        return g_steal_pointer(&m);
}

int stacknl_put_kind(struct nl_msg *m, int attr, const char *kind)
{
        return nla_put(m, attr, (int)strlen(kind), kind) < 0 ? -ENOMEM : 0;
}

int stacknl_check_ifname(const char *name)
{
        size_t n = name ? strlen(name) : 0;

        if (n == 0 || n >= IFNAMSIZ || strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
                return -EINVAL;
        for (size_t i = 0; i < n; i++)
                if (name[i] == '/' || name[i] == ':' || g_ascii_isspace(name[i]))
                        return -EINVAL;
        return 0;
}

int stacknl_msg_set_master(int ifindex, int master, struct nl_msg **out)
{
        g_autoptr(NlMsg) m = NULL;

        if (ifindex <= 0 || master < 0)
                return -EINVAL;
        m = stacknl_link_msg(RTM_NEWLINK, 0, ifindex);
        if (!m || nla_put_u32(m, IFLA_MASTER, (uint32_t)master) < 0)
                return -ENOMEM;
        *out = g_steal_pointer(&m);
        return 0;
}

int stacknl_msg_del_link(int ifindex, struct nl_msg **out)
{
        struct nl_msg *m;

        if (ifindex <= 0)
                return -EINVAL;
        m = stacknl_link_msg(RTM_DELLINK, 0, ifindex);
        if (!m)
                return -ENOMEM;
        *out = m;
        return 0;
}
