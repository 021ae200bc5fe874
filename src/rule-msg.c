/* SPDX-License-Identifier: GPL-2.0-or-later */
/* NetRule <-> rtnetlink: RTM_NEWRULE/RTM_DELRULE builders, dump parser. */
#include "rule.h"

#include <arpa/inet.h>
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <net/if.h>
#include <linux/fib_rules.h>
#include <linux/rtnetlink.h>
#include "nl-dl.h"

#include "ip-args.h"

/*
 * Attributes newer than the build host's <linux/fib_rules.h> may know
 * (uapi numbering, Linux 6.18): they matter only to flag a rule unmodelled.
 */
enum {
        NET_FRA_DSCP = 25,
        NET_FRA_FLOWLABEL = 26,
        NET_FRA_FLOWLABEL_MASK = 27,
        NET_FRA_SPORT_MASK = 28,
        NET_FRA_DPORT_MASK = 29,
        NET_FRA_DSCP_MASK = 30,
        NET_FRA_MAX = 31,
};

typedef struct nl_msg RuleMsg;
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RuleMsg, nl_dl_msg_free)

static int put_prefix(struct nl_msg *m, int attr, int family, const char *addr)
{
        uint8_t buf[16];

        if (!addr)
                return 0;
        if (inet_pton(family, addr, buf) != 1)
                return -EINVAL;
        return nla_put(m, attr, (int)ip_family_addr_len(family), buf);
}

static int put_ports(struct nl_msg *m, int attr, const NetPortRange *p)
{
        struct fib_rule_port_range r = { .start = p->start, .end = p->end };

        return p->set ? nla_put(m, attr, sizeof(r), &r) : 0;
}

static struct nl_msg *rule_msg(int cmd, int flags, const NetRule *r)
{
        bool add = cmd == RTM_NEWRULE;
        size_t alen = ip_family_addr_len(r->family);
        uint32_t table = add ? net_rule_table(r) : r->table;
        struct fib_rule_hdr frh = {
                .family = (uint8_t)r->family,
                .dst_len = r->to ? (uint8_t)r->to_len : 0,
                .src_len = r->from ? (uint8_t)r->from_len : 0,
                .tos = r->tos,
                .table = table < 256 ? (uint8_t)table : RT_TABLE_UNSPEC,
                .action = add ? net_rule_action(r) : r->action,
                .flags = r->invert ? FIB_RULE_INVERT : 0,
        };
        g_autoptr(RuleMsg) m = NULL;

        if (!alen || (r->from && r->from_len > alen * 8) || (r->to && r->to_len > alen * 8))
                return NULL;
        m = nlmsg_alloc_simple(cmd, NLM_F_REQUEST | NLM_F_ACK | flags);
        if (!m || nlmsg_append(m, &frh, sizeof(frh), NLMSG_ALIGNTO) < 0)
                return NULL;
        if (put_prefix(m, FRA_SRC, r->family, r->from) < 0 ||
            put_prefix(m, FRA_DST, r->family, r->to) < 0)
                return NULL;
        if (r->has_priority && nla_put_u32(m, FRA_PRIORITY, r->priority) < 0)
                return NULL;
        if (r->has_fwmark && nla_put_u32(m, FRA_FWMARK, r->fwmark) < 0)
                return NULL;
        if (r->has_fwmark && r->has_fwmask && nla_put_u32(m, FRA_FWMASK, r->fwmask) < 0)
                return NULL;
        if (r->has_protocol && nla_put_u8(m, FRA_PROTOCOL, r->protocol) < 0)
                return NULL;
        if (table > 255 && nla_put_u32(m, FRA_TABLE, table) < 0)
                return NULL;
        if (r->has_suppress_prefixlen &&
            nla_put_u32(m, FRA_SUPPRESS_PREFIXLEN, r->suppress_prefixlen) < 0)
                return NULL;
        if ((r->iif && nla_put_string(m, FRA_IIFNAME, r->iif) < 0) ||
            (r->oif && nla_put_string(m, FRA_OIFNAME, r->oif) < 0))
                return NULL;
        if (r->has_uidrange) {
                struct fib_rule_uid_range u = { .start = r->uid_start, .end = r->uid_end };

                if (nla_put(m, FRA_UID_RANGE, sizeof(u), &u) < 0)
                        return NULL;
        }
        if (r->ipproto && nla_put_u8(m, FRA_IP_PROTO, r->ipproto) < 0)
                return NULL;
        if (put_ports(m, FRA_SPORT_RANGE, &r->sport) < 0 ||
            put_ports(m, FRA_DPORT_RANGE, &r->dport) < 0)
                return NULL;
        if (frh.action == FR_ACT_GOTO && nla_put_u32(m, FRA_GOTO, r->goto_target) < 0)
                return NULL;
        return g_steal_pointer(&m);
}

struct nl_msg *net_rule_msg_add(const NetRule *r)
{
        return rule_msg(RTM_NEWRULE, NLM_F_CREATE | NLM_F_EXCL, r);
}

struct nl_msg *net_rule_msg_del(const NetRule *r)
{
        return rule_msg(RTM_DELRULE, 0, r);
}

/* ---- dump parser ---------------------------------------------------------- */

static const struct nla_policy rule_policy[NET_FRA_MAX + 1] = {
        [FRA_PRIORITY] = { .type = NLA_U32 },
        [FRA_FWMARK] = { .type = NLA_U32 },
        [FRA_FWMASK] = { .type = NLA_U32 },
        [FRA_TABLE] = { .type = NLA_U32 },
        [FRA_SUPPRESS_PREFIXLEN] = { .type = NLA_U32 },
        [FRA_GOTO] = { .type = NLA_U32 },
        [FRA_PROTOCOL] = { .type = NLA_U8 },
        [FRA_IP_PROTO] = { .type = NLA_U8 },
        [FRA_UID_RANGE] = { .minlen = sizeof(struct fib_rule_uid_range) },
        [FRA_SPORT_RANGE] = { .minlen = sizeof(struct fib_rule_port_range) },
        [FRA_DPORT_RANGE] = { .minlen = sizeof(struct fib_rule_port_range) },
        [NET_FRA_SPORT_MASK] = { .type = NLA_U16 },
        [NET_FRA_DPORT_MASK] = { .type = NLA_U16 },
};

static int attr_prefix(const struct nlattr *a, int family, unsigned len, char **out)
{
        char buf[INET6_ADDRSTRLEN];

        *out = NULL;
        if (!len) /* the kernel sends none for "all"; a stray one means nothing */
                return 0;
        if (!a || (size_t)nla_len(a) != ip_family_addr_len(family) ||
            !inet_ntop(family, nla_data(a), buf, sizeof(buf)))
                return -EINVAL;
        *out = g_strdup(buf);
        return 0;
}

static int attr_ifname(const struct nlattr *a, char **out)
{
        size_t n;

        *out = NULL;
        if (!a)
                return 0;
        n = strnlen(nla_data(a), (size_t)nla_len(a));
        if (n == 0 || n >= IFNAMSIZ)
                return -EINVAL;
        *out = g_strndup(nla_data(a), n);
        return 0;
}

/* A port range; a mask other than a single port's 0xffff is not modelled. */
static void attr_ports(const struct nlattr *a, const struct nlattr *mask, NetRule *r,
                       NetPortRange *p)
{
        if (a) {
                const struct fib_rule_port_range *pr = nla_data(a);

                p->set = true;
                p->start = pr->start;
                p->end = pr->end;
        }
        if (mask && (nla_get_u16(mask) != UINT16_MAX || !p->set || p->start != p->end))
                r->unmodelled = true;
}

int net_rule_from_msg(const struct nlmsghdr *h, NetRule **out)
{
        const struct fib_rule_hdr *frh;
        struct nlattr *tb[NET_FRA_MAX + 1];
        g_autoptr(NetRule) r = NULL;
        size_t alen;

        *out = NULL;
        if (!h || h->nlmsg_len < NLMSG_LENGTH(sizeof(*frh)))
                return -EINVAL;
        if (h->nlmsg_type != RTM_NEWRULE && h->nlmsg_type != RTM_DELRULE)
                return -EINVAL;
        frh = NLMSG_DATA(h);
        alen = ip_family_addr_len(frh->family);
        if (!alen)
                return 0;
        if (frh->src_len > alen * 8 || frh->dst_len > alen * 8)
                return -EINVAL;
        if (nla_parse(tb, NET_FRA_MAX,
                      (struct nlattr *)((const char *)frh + NLMSG_ALIGN(sizeof(*frh))),
                      (int)(h->nlmsg_len - NLMSG_LENGTH(NLMSG_ALIGN(sizeof(*frh)))),
                      rule_policy) < 0)
                return -EINVAL;

        r = net_rule_new(frh->family);
        r->from_len = frh->src_len;
        r->to_len = frh->dst_len;
        if (attr_prefix(tb[FRA_SRC], r->family, r->from_len, &r->from) < 0 ||
            attr_prefix(tb[FRA_DST], r->family, r->to_len, &r->to) < 0 ||
            attr_ifname(tb[FRA_IIFNAME], &r->iif) < 0 || attr_ifname(tb[FRA_OIFNAME], &r->oif) < 0)
                return -EINVAL;
        r->tos = frh->tos;
        r->action = frh->action;
        r->invert = (frh->flags & FIB_RULE_INVERT) != 0;
        r->table = tb[FRA_TABLE] ? nla_get_u32(tb[FRA_TABLE]) : frh->table;
        /* fib_nl_fill_rule() leaves FRA_PRIORITY out for priority 0 */
        r->has_priority = true;
        r->priority = tb[FRA_PRIORITY] ? nla_get_u32(tb[FRA_PRIORITY]) : 0;
        r->has_fwmark = tb[FRA_FWMARK] || tb[FRA_FWMASK];
        r->fwmark = tb[FRA_FWMARK] ? nla_get_u32(tb[FRA_FWMARK]) : 0;
        r->has_fwmask = tb[FRA_FWMASK] != NULL;
        r->fwmask = r->has_fwmask ? nla_get_u32(tb[FRA_FWMASK]) : 0;
        /* the kernel keeps -1 for "none" and dumps it */
        if (tb[FRA_SUPPRESS_PREFIXLEN] && nla_get_u32(tb[FRA_SUPPRESS_PREFIXLEN]) != UINT32_MAX) {
                r->has_suppress_prefixlen = true;
                r->suppress_prefixlen = nla_get_u32(tb[FRA_SUPPRESS_PREFIXLEN]);
        }
        r->goto_target = tb[FRA_GOTO] ? nla_get_u32(tb[FRA_GOTO]) : 0;
        if (tb[FRA_UID_RANGE]) {
                const struct fib_rule_uid_range *u = nla_data(tb[FRA_UID_RANGE]);

                r->has_uidrange = true;
                r->uid_start = u->start;
                r->uid_end = u->end;
        }
        r->ipproto = tb[FRA_IP_PROTO] ? nla_get_u8(tb[FRA_IP_PROTO]) : 0;
        attr_ports(tb[FRA_SPORT_RANGE], tb[NET_FRA_SPORT_MASK], r, &r->sport);
        attr_ports(tb[FRA_DPORT_RANGE], tb[NET_FRA_DPORT_MASK], r, &r->dport);
        r->has_protocol = true;
        r->protocol = tb[FRA_PROTOCOL] ? nla_get_u8(tb[FRA_PROTOCOL]) : 0;
        if (tb[FRA_FLOW] || tb[FRA_TUN_ID] || tb[FRA_L3MDEV] || tb[FRA_SUPPRESS_IFGROUP] ||
            tb[NET_FRA_DSCP] || tb[NET_FRA_FLOWLABEL] || tb[NET_FRA_FLOWLABEL_MASK] ||
            tb[NET_FRA_DSCP_MASK])
                r->unmodelled = true;
        *out = g_steal_pointer(&r);
        return 0;
}
