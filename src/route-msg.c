/* SPDX-License-Identifier: GPL-2.0-or-later */
/* NetRoute <-> rtnetlink: RTM_NEWROUTE/RTM_DELROUTE builders, dump parser. */
#include "route.h"

#include <arpa/inet.h>
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/rtnetlink.h>
#include "nl-dl.h"

#include "ip-args.h"

typedef struct nl_msg RouteMsg;
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RouteMsg, nl_dl_msg_free)

/* Text -> bytes of family; NULL text gives zeros. */
static bool addr_bytes(int family, const char *text, uint8_t *buf)
{
        memset(buf, 0, 16);
        return !text || inet_pton(family, text, buf) == 1;
}

/*
 * The scope `ip route del` sends when none is given: iproute_modify() starts
 * from RT_SCOPE_NOWHERE (a wildcard for fib_table_delete()) and derives host
 * or link only for the local-ish types; IPv6 is universe.
 */
static uint8_t del_scope(const NetRoute *r)
{
        if (r->has_scope)
                return r->scope;
        if (r->family == AF_INET6)
                return RT_SCOPE_UNIVERSE;
        switch (r->type) {
        case RTN_LOCAL:
        case RTN_NAT:
                return RT_SCOPE_HOST;
        case RTN_BROADCAST:
        case RTN_MULTICAST:
        case RTN_ANYCAST:
                return RT_SCOPE_LINK;
        default:
                return RT_SCOPE_NOWHERE;
        }
}

/* RTA_METRICS as iproute2 builds it: a plain attribute, no NLA_F_NESTED. */
static int put_metrics(struct nl_msg *m, const NetRoute *r)
{
        uint8_t buf[16];
        size_t len = 0;

        if (!r->mtu)
                return 0;
        for (int i = 0; i < (r->mtu_lock ? 2 : 1); i++) {
                struct nlattr a = { .nla_len = NLA_HDRLEN + 4,
                                    .nla_type = i ? RTAX_LOCK : RTAX_MTU };
                uint32_t v = i ? 1u << RTAX_MTU : r->mtu;

                memcpy(buf + len, &a, sizeof(a));
                memcpy(buf + len + NLA_HDRLEN, &v, 4);
                len += NLA_HDRLEN + 4;
        }
        return nla_put(m, RTA_METRICS, (int)len, buf);
}

static struct nl_msg *route_msg(int cmd, int flags, const NetRoute *r)
{
        bool add = cmd == RTM_NEWROUTE;
        size_t alen = ip_family_addr_len(r->family);
        uint32_t table = net_route_table(r);
        uint8_t dst[16], gw[16], src[16];
        struct rtmsg rtm = {
                .rtm_family = (uint8_t)r->family,
                .rtm_dst_len = (uint8_t)r->prefix,
                .rtm_tos = r->tos,
                .rtm_table = table < 256 ? (uint8_t)table : RT_TABLE_UNSPEC,
                .rtm_protocol = r->has_protocol ? r->protocol
                                : add           ? RTPROT_BOOT
                                                : RTPROT_UNSPEC,
                .rtm_scope = add ? net_route_scope(r) : del_scope(r),
                .rtm_type = add ? net_route_type(r) : r->type,
                .rtm_flags = r->onlink ? RTNH_F_ONLINK : 0,
        };
        g_autoptr(RouteMsg) m = NULL;

        if (!alen || r->prefix > alen * 8 || !addr_bytes(r->family, r->dst, dst) ||
            !addr_bytes(r->family, r->gateway, gw) || !addr_bytes(r->family, r->prefsrc, src))
                return NULL;
        if (r->oif && r->ifindex <= 0)
                return NULL;
        m = nlmsg_alloc_simple(cmd, NLM_F_REQUEST | NLM_F_ACK | flags);
        if (!m || nlmsg_append(m, &rtm, sizeof(rtm), NLMSG_ALIGNTO) < 0)
                return NULL;
        if (nla_put(m, RTA_DST, (int)alen, dst) < 0)
                return NULL;
        if (r->prefsrc && nla_put(m, RTA_PREFSRC, (int)alen, src) < 0)
                return NULL;
        if (r->gateway && nla_put(m, RTA_GATEWAY, (int)alen, gw) < 0)
                return NULL;
        if (r->has_metric && nla_put_u32(m, RTA_PRIORITY, r->metric) < 0)
                return NULL;
        if (table > 255 && nla_put_u32(m, RTA_TABLE, table) < 0)
                return NULL;
        if (r->ifindex > 0 && nla_put_u32(m, RTA_OIF, (uint32_t)r->ifindex) < 0)
                return NULL;
        if (put_metrics(m, r) < 0)
                return NULL;
        return g_steal_pointer(&m);
}

struct nl_msg *net_route_msg_add_flags(const NetRoute *r, int flags)
{
        return route_msg(RTM_NEWROUTE, NLM_F_CREATE | (flags & (NLM_F_REPLACE | NLM_F_EXCL)), r);
}

struct nl_msg *net_route_msg_add(const NetRoute *r, bool replace)
{
        return route_msg(RTM_NEWROUTE, NLM_F_CREATE | (replace ? NLM_F_REPLACE : NLM_F_EXCL), r);
}

struct nl_msg *net_route_msg_del(const NetRoute *r)
{
        return route_msg(RTM_DELROUTE, 0, r);
}

/* ---- dump parser ---------------------------------------------------------- */

static const struct nla_policy route_policy[RTA_MAX + 1] = {
        [RTA_OIF] = { .type = NLA_U32 },
        [RTA_PRIORITY] = { .type = NLA_U32 },
        [RTA_TABLE] = { .type = NLA_U32 },
        [RTA_PREF] = { .type = NLA_U8 },
};

/* An address attribute: exactly the family's length.  NULL attr: NULL. */
static int attr_addr(const struct nlattr *a, int family, char **out)
{
        char buf[INET6_ADDRSTRLEN];

        *out = NULL;
        if (!a)
                return 0;
        if ((size_t)nla_len(a) != ip_family_addr_len(family) ||
            !inet_ntop(family, nla_data(a), buf, sizeof(buf)))
                return -EINVAL;
        *out = g_strdup(buf);
        return 0;
}

static int parse_metrics(struct nlattr *metrics, NetRoute *r)
{
        struct nlattr *a;
        uint32_t lock = 0;
        int rem;

        nla_for_each_nested(a, metrics, rem)
        {
                if (nla_len(a) < 4)
                        return -EINVAL;
                if (nla_type(a) == RTAX_MTU)
                        r->mtu = nla_get_u32(a);
                else if (nla_type(a) == RTAX_LOCK)
                        lock = nla_get_u32(a);
                else
                        r->unmodelled = true;
        }
        r->mtu_lock = (lock & (1u << RTAX_MTU)) != 0;
        if (lock & ~(1u << RTAX_MTU))
                r->unmodelled = true;
        return 0;
}

int net_route_from_msg(const struct nlmsghdr *h, NetRoute **out)
{
        const struct rtmsg *rtm;
        struct nlattr *tb[RTA_MAX + 1];
        g_autoptr(NetRoute) r = NULL;
        size_t alen;
        uint8_t zero[16] = { 0 };
        char buf[INET6_ADDRSTRLEN];

        *out = NULL;
        if (!h || h->nlmsg_len < NLMSG_LENGTH(sizeof(*rtm)))
                return -EINVAL;
        if (h->nlmsg_type != RTM_NEWROUTE && h->nlmsg_type != RTM_DELROUTE)
                return -EINVAL;
        rtm = NLMSG_DATA(h);
        /* cache entries: the kernel dumps them only when asked, skip them */
        if (rtm->rtm_flags & RTM_F_CLONED)
                return 0;
        alen = ip_family_addr_len(rtm->rtm_family);
        if (!alen)
                return 0;
        if (rtm->rtm_dst_len > alen * 8 || rtm->rtm_src_len > alen * 8)
                return -EINVAL;
        if (nla_parse(tb, RTA_MAX, (struct nlattr *)((const char *)rtm + NLMSG_ALIGN(sizeof(*rtm))),
                      (int)(h->nlmsg_len - NLMSG_LENGTH(NLMSG_ALIGN(sizeof(*rtm)))),
                      route_policy) < 0)
                return -EINVAL;

        r = net_route_new(rtm->rtm_family);
        r->prefix = rtm->rtm_dst_len;
        if (tb[RTA_DST]) {
                if (attr_addr(tb[RTA_DST], r->family, &r->dst) < 0)
                        return -EINVAL;
        } else if (rtm->rtm_dst_len) {
                return -EINVAL;
        } else {
                r->dst = g_strdup(inet_ntop(r->family, zero, buf, sizeof(buf)));
        }
        if (attr_addr(tb[RTA_GATEWAY], r->family, &r->gateway) < 0 ||
            attr_addr(tb[RTA_PREFSRC], r->family, &r->prefsrc) < 0)
                return -EINVAL;
        r->table = tb[RTA_TABLE] ? nla_get_u32(tb[RTA_TABLE]) : rtm->rtm_table;
        r->ifindex = tb[RTA_OIF] ? (int)nla_get_u32(tb[RTA_OIF]) : 0;
        if (r->ifindex < 0)
                return -EINVAL;
        if (tb[RTA_PRIORITY]) {
                r->has_metric = true;
                r->metric = nla_get_u32(tb[RTA_PRIORITY]);
        }
        r->has_protocol = true;
        r->protocol = rtm->rtm_protocol;
        r->has_scope = true;
        r->scope = rtm->rtm_scope;
        r->type = rtm->rtm_type;
        r->tos = rtm->rtm_tos;
        r->onlink = (rtm->rtm_flags & RTNH_F_ONLINK) != 0;
        if (tb[RTA_METRICS] && parse_metrics(tb[RTA_METRICS], r) < 0)
                return -EINVAL;
        r->multipath = tb[RTA_MULTIPATH] != NULL;
        if (rtm->rtm_src_len || tb[RTA_SRC] || tb[RTA_VIA] || tb[RTA_NEWDST] || tb[RTA_ENCAP] ||
            tb[RTA_NH_ID] || tb[RTA_FLOW] || tb[RTA_EXPIRES] ||
            (tb[RTA_PREF] && nla_get_u8(tb[RTA_PREF]) != 0 /* ICMPV6_ROUTER_PREF_MEDIUM */))
                r->unmodelled = true;
        *out = g_steal_pointer(&r);
        return 0;
}
