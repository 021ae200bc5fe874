/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Bridge and bridge-port messages, driven by the bridge option table. */
#include "netlink-bridge.h"
#include "netlink-stack.h"
#include "netlink.h"

#include <errno.h>
#include <arpa/inet.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include "nl-dl.h"

static int put_one(struct nl_msg *m, const BridgeOptDesc *d, uint64_t v)
{
        uint8_t mac[6];

        switch (d->nla) {
        case BRIDGE_NLA_U8:
                return nla_put_u8(m, d->ifla, (uint8_t)v);
        case BRIDGE_NLA_U16:
                return nla_put_u16(m, d->ifla, (uint16_t)v);
        case BRIDGE_NLA_BE16:
                return nla_put_u16(m, d->ifla, htons((uint16_t)v));
        case BRIDGE_NLA_U32:
                return nla_put_u32(m, d->ifla, (uint32_t)v);
        case BRIDGE_NLA_U64:
                return nla_put_u64(m, d->ifla, v);
        case BRIDGE_NLA_MAC:
                for (int i = 0; i < 6; i++)
                        mac[i] = (uint8_t)(v >> (8 * (5 - i)));
                return nla_put(m, d->ifla, sizeof(mac), mac);
        default:
                return -NLE_INVAL;
        }
}

int bridgenl_put_options(struct nl_msg *m, const BridgeOptValues *o, bool port)
{
        BridgeOptMask side = port ? BRIDGE_OPT_MASK_PORT : BRIDGE_OPT_MASK_BRIDGE;

        if (!o)
                return 0;
        if (o->mask & ~side)
                return -EINVAL;
        for (int id = 0; id < _BRIDGE_OPT_MAX; id++) {
                const BridgeOptDesc *d = bridge_opt_desc((BridgeOptId)id);

                if (!bridge_opt_has(o, (BridgeOptId)id))
                        continue;
                if (bridge_opt_check(d, o->v[id]) < 0)
                        return -EINVAL;
                if (put_one(m, d, o->v[id]) < 0)
                        return -ENOMEM;
        }
        return 0;
}

/* IFLA_LINKINFO{KIND "bridge", DATA{}} or {SLAVE_KIND "bridge", SLAVE_DATA{}}. */
static int put_bridge_linkinfo(struct nl_msg *m, const BridgeOptValues *o, bool port)
{
        struct nlattr *li, *data;
        int r;

        li = nla_nest_start(m, IFLA_LINKINFO);
        if (!li || stacknl_put_kind(m, port ? IFLA_INFO_SLAVE_KIND : IFLA_INFO_KIND, "bridge") < 0)
                return -ENOMEM;
        data = nla_nest_start(m, port ? IFLA_INFO_SLAVE_DATA : IFLA_INFO_DATA);
        if (!data)
                return -ENOMEM;
        r = bridgenl_put_options(m, o, port);
        if (r < 0)
                return r;
        nla_nest_end(m, data);
        nla_nest_end(m, li);
        return 0;
}

int bridgenl_msg_create(const char *name, const BridgeOptValues *opts, unsigned mtu,
                        struct nl_msg **out)
{
        g_autoptr(NlMsg) m = NULL;
        int r;

        if (stacknl_check_ifname(name) < 0)
                return -EINVAL;
        m = stacknl_link_msg(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, 0);
        if (!m)
                return -ENOMEM;
        if ((mtu && nla_put_u32(m, IFLA_MTU, mtu) < 0) || nla_put_string(m, IFLA_IFNAME, name) < 0)
                return -ENOMEM;
        r = put_bridge_linkinfo(m, opts, false);
        if (r < 0)
                return r;
        *out = g_steal_pointer(&m);
        return 0;
}

static int link_with_info(int ifindex, const BridgeOptValues *opts, bool port, struct nl_msg **out)
{
        g_autoptr(NlMsg) m = NULL;
        int r;

        if (ifindex <= 0 || !opts)
                return -EINVAL;
        m = stacknl_link_msg(RTM_NEWLINK, 0, ifindex);
        if (!m)
                return -ENOMEM;
        r = put_bridge_linkinfo(m, opts, port);
        if (r < 0)
                return r;
        *out = g_steal_pointer(&m);
        return 0;
}

int bridgenl_msg_change(int ifindex, const BridgeOptValues *opts, struct nl_msg **out)
{
        return link_with_info(ifindex, opts, false, out);
}

int bridgenl_msg_set_port_options(int ifindex, const BridgeOptValues *opts, struct nl_msg **out)
{
        return link_with_info(ifindex, opts, true, out);
}
