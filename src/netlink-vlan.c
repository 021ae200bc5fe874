/* SPDX-License-Identifier: GPL-2.0-or-later */
/* VLAN link messages: create a VLAN on a parent, change its flags and maps. */
#include "netlink-vlan.h"
#include "netlink-stack.h"
#include "netlink.h"

#include <errno.h>
#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include "nl-dl.h"

/* Ingress maps from a VLAN priority, egress to one. */
static int check_maps(const VlanQosMap *maps, size_t n, bool ingress)
{
        if (n && !maps)
                return -EINVAL;
        for (size_t i = 0; i < n; i++)
                if ((ingress ? maps[i].from : maps[i].to) > VLAN_QOS_MAX)
                        return -EINVAL;
        return 0;
}

static int check_spec(const VlanSpec *s)
{
        if (!s || (s->flags_mask & ~(uint32_t)VLAN_FLAGS_KNOWN) || (s->flags & ~s->flags_mask) != 0)
                return -EINVAL;
        if (check_maps(s->ingress, s->n_ingress, true) < 0 ||
            check_maps(s->egress, s->n_egress, false) < 0)
                return -EINVAL;
        return 0;
}

static int put_maps(struct nl_msg *m, int attr, const VlanQosMap *maps, size_t n)
{
        struct nlattr *nest;

        if (!n)
                return 0;
        nest = nla_nest_start(m, attr);
        if (!nest)
                return -ENOMEM;
        for (size_t i = 0; i < n; i++) {
                struct ifla_vlan_qos_mapping q = { .from = maps[i].from, .to = maps[i].to };

                if (nla_put(m, IFLA_VLAN_QOS_MAPPING, sizeof(q), &q) < 0)
                        return -ENOMEM;
        }
        return nla_nest_end(m, nest) < 0 ? -ENOMEM : 0;
}

/* IFLA_LINKINFO{KIND "vlan", DATA{[PROTOCOL, ID], INGRESS, EGRESS, FLAGS}}. */
static int put_vlan_linkinfo(struct nl_msg *m, const VlanSpec *s, bool create)
{
        struct nlattr *li, *data;

        li = nla_nest_start(m, IFLA_LINKINFO);
        if (!li || stacknl_put_kind(m, IFLA_INFO_KIND, "vlan") < 0)
                return -ENOMEM;
        data = nla_nest_start(m, IFLA_INFO_DATA);
        if (!data)
                return -ENOMEM;
        if (create && s->protocol && nla_put_u16(m, IFLA_VLAN_PROTOCOL, htons(s->protocol)) < 0)
                return -ENOMEM;
        if (create && nla_put_u16(m, IFLA_VLAN_ID, s->id) < 0)
                return -ENOMEM;
        if (put_maps(m, IFLA_VLAN_INGRESS_QOS, s->ingress, s->n_ingress) < 0 ||
            put_maps(m, IFLA_VLAN_EGRESS_QOS, s->egress, s->n_egress) < 0)
                return -ENOMEM;
        if (s->flags_mask) {
                struct ifla_vlan_flags f = { .flags = s->flags, .mask = s->flags_mask };

                if (nla_put(m, IFLA_VLAN_FLAGS, sizeof(f), &f) < 0)
                        return -ENOMEM;
        }
        nla_nest_end(m, data);
        nla_nest_end(m, li);
        return 0;
}

int vlannl_msg_create(const char *name, int parent, const VlanSpec *spec, unsigned mtu,
                      struct nl_msg **out)
{
        g_autoptr(NlMsg) m = NULL;
        int r;

        if (stacknl_check_ifname(name) < 0 || parent <= 0 || check_spec(spec) < 0 ||
            spec->id > VLAN_ID_MAX ||
            (spec->protocol && spec->protocol != ETH_P_8021Q && spec->protocol != ETH_P_8021AD))
                return -EINVAL;
        m = stacknl_link_msg(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, 0);
        if (!m)
                return -ENOMEM;
        if (mtu && nla_put_u32(m, IFLA_MTU, mtu) < 0)
                return -ENOMEM;
        if (nla_put_u32(m, IFLA_LINK, (uint32_t)parent) < 0 ||
            nla_put_string(m, IFLA_IFNAME, name) < 0)
                return -ENOMEM;
        r = put_vlan_linkinfo(m, spec, true);
        if (r < 0)
                return r;
        *out = g_steal_pointer(&m);
        return 0;
}

int vlannl_msg_change(int ifindex, const VlanSpec *spec, struct nl_msg **out)
{
        g_autoptr(NlMsg) m = NULL;
        int r;

        if (ifindex <= 0 || check_spec(spec) < 0)
                return -EINVAL;
        m = stacknl_link_msg(RTM_NEWLINK, 0, ifindex);
        if (!m)
                return -ENOMEM;
        r = put_vlan_linkinfo(m, spec, false);
        if (r < 0)
                return r;
        *out = g_steal_pointer(&m);
        return 0;
}
