/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The live network state: links, bond attributes, addresses, routes. */
#include "snapshot-internal.h"
#include "hwaddr.h"

#include <arpa/inet.h>
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include "nl-dl.h"

static void snap_link_free(gpointer p)
{
        SnapLink *l = p;

        g_free(l->name);
        g_free(l->kind);
        g_free(l->mac);
        g_free(l->perm_mac);
        bond_options_free(l->bond);
        g_free(l->ad.partner_mac);
        g_free(l->port.perm_hwaddr);
        snap_vlan_free(l->vlan);
        snap_bridge_free(l->bridge);
        snap_bridge_port_free(l->brport);
        if (l->sysctls)
                g_hash_table_unref(l->sysctls);
        g_free(l);
}

Snapshot *snapshot_new(void)
{
        Snapshot *s = g_new0(Snapshot, 1);

        s->links = g_ptr_array_new_with_free_func(snap_link_free);
        s->addrs = g_ptr_array_new_with_free_func(snap_addr_free);
        s->routes = g_ptr_array_new_with_free_func((GDestroyNotify)net_route_free);
        s->rules = g_ptr_array_new_with_free_func((GDestroyNotify)net_rule_free);
        return s;
}

void snapshot_free(Snapshot *s)
{
        if (!s)
                return;
        g_ptr_array_unref(s->links);
        g_ptr_array_unref(s->addrs);
        g_ptr_array_unref(s->routes);
        g_ptr_array_unref(s->rules);
        if (s->default_sysctls)
                g_hash_table_unref(s->default_sysctls);
        g_free(s);
}

/* ---- lookups ------------------------------------------------------------ */

SnapLink *snapshot_link_by_name(const Snapshot *s, const char *name)
{
        for (guint i = 0; name && i < s->links->len; i++) {
                SnapLink *l = s->links->pdata[i];

                if (g_strcmp0(l->name, name) == 0)
                        return l;
        }
        return NULL;
}

SnapLink *snapshot_link_by_index(const Snapshot *s, int ifindex)
{
        for (guint i = 0; ifindex > 0 && i < s->links->len; i++) {
                SnapLink *l = s->links->pdata[i];

                if (l->ifindex == ifindex)
                        return l;
        }
        return NULL;
}

SnapLink *snapshot_link_by_hwaddr(const Snapshot *s, const char *mac)
{
        if (!mac)
                return NULL;
        for (guint i = 0; i < s->links->len; i++) {
                SnapLink *l = s->links->pdata[i];

                if (l->perm_mac && hwaddr_matches(l->perm_mac, mac))
                        return l;
        }
        for (guint i = 0; i < s->links->len; i++) {
                SnapLink *l = s->links->pdata[i];

                if (!l->perm_mac && !l->port.present && l->mac && hwaddr_matches(l->mac, mac))
                        return l;
        }
        return NULL;
}

static gint cmp_ifindex(gconstpointer a, gconstpointer b)
{
        const SnapLink *la = *(SnapLink *const *)a, *lb = *(SnapLink *const *)b;

        return (la->ifindex > lb->ifindex) - (la->ifindex < lb->ifindex);
}

GPtrArray *snapshot_ports_of(const Snapshot *s, int master)
{
        GPtrArray *out = g_ptr_array_new();

        for (guint i = 0; master > 0 && i < s->links->len; i++) {
                SnapLink *l = s->links->pdata[i];

                if (l->master == master)
                        g_ptr_array_add(out, l);
        }
        g_ptr_array_sort(out, cmp_ifindex);
        return out;
}

/* ---- hand-built --------------------------------------------------------- */

SnapLink *snapshot_add_link(Snapshot *s, int ifindex, const char *name, const char *kind,
                            const char *mac)
{
        SnapLink *l = g_new0(SnapLink, 1);

        l->ifindex = ifindex;
        l->name = g_strdup(name);
        l->kind = g_strdup(kind);
        l->mac = g_ascii_strdown(mac ? mac : "00:00:00:00:00:00", -1);
        l->mtu = 1500;
        g_ptr_array_add(s->links, l);
        return l;
}

SnapLink *snapshot_add_bond(Snapshot *s, int ifindex, const char *name, const BondOptions *opts)
{
        SnapLink *l = snapshot_add_link(s, ifindex, name, "bond", NULL);

        l->bond = opts ? bond_options_copy(opts) : bond_options_new();
        for (int id = 0; id < _BOND_OPT_MAX; id++) {
                const BondOptDesc *d = bond_opt_desc(id);

                if (d->ifla && !(d->flags & (BOND_OPT_F_PORT | BOND_OPT_F_MODULE_ONLY)) &&
                    !d->since)
                        l->bond_attrs |= BOND_OPT_MASK(id);
        }
        return l;
}

/* ---- parsing ------------------------------------------------------------ */

static char *attr_mac(const struct nlattr *a)
{
        if (!a || nla_len(a) <= 0)
                return NULL;
        return hwaddr_format(nla_data(a), (size_t)nla_len(a));
}

char *snapshot_attr_str(const struct nlattr *a)
{
        if (!a)
                return NULL;
        return g_strndup(nla_data(a), (gsize)MAX(nla_len(a), 0));
}

bool snapshot_attr_is(const struct nlattr *a, const char *s)
{
        g_autofree char *v = snapshot_attr_str(a);

        return v && strcmp(v, s) == 0;
}

char *snapshot_attr_ip(const struct nlattr *a, int family)
{
        char buf[INET6_ADDRSTRLEN];
        int want = family == AF_INET ? 4 : 16;

        if (!a || nla_len(a) < want || !inet_ntop(family, nla_data(a), buf, sizeof(buf)))
                return NULL;
        return g_strdup(buf);
}

/*
 * A fixed-width attribute into *out, if it is there and as wide as its
 * type: one too short is skipped, never read (nla_parse() without a policy
 * checks no lengths, and nla_get_*() read the width whatever the length).
 */
static bool attr_u8(const struct nlattr *a, uint8_t *out)
{
        if (!a || nla_len(a) < 1)
                return false;
        *out = nla_get_u8(a);
        return true;
}

static bool attr_u16(const struct nlattr *a, uint16_t *out)
{
        if (!a || nla_len(a) < 2)
                return false;
        *out = nla_get_u16(a);
        return true;
}

static bool attr_u32(const struct nlattr *a, uint32_t *out)
{
        if (!a || nla_len(a) < 4)
                return false;
        *out = nla_get_u32(a);
        return true;
}

static uint64_t attr_num(const struct nlattr *a, BondNlaKind k)
{
        switch (k) {
        case BOND_NLA_U8:
                return nla_len(a) >= 1 ? nla_get_u8(a) : 0;
        case BOND_NLA_U16:
                return nla_len(a) >= 2 ? nla_get_u16(a) : 0;
        case BOND_NLA_S32:
                return nla_len(a) >= 4 ? (uint64_t)(int64_t)nla_get_s32(a) : 0;
        default:
                return nla_len(a) >= 4 ? nla_get_u32(a) : 0;
        }
}

static void parse_ip_list(const struct nlattr *nest, int family, BondOptValue *v)
{
        struct nlattr *a;
        int rem;

        v->list = g_ptr_array_new_with_free_func(g_free);
        nla_for_each_nested(a, nest, rem)
        {
                char *ip = snapshot_attr_ip(a, family);

                if (ip)
                        g_ptr_array_add(v->list, ip);
        }
}

static void parse_bond_data(SnapLink *l, const struct nlattr *data)
{
        struct nlattr *tb[IFLA_BOND_MAX + 1];

        if (nla_parse_nested(tb, IFLA_BOND_MAX, (struct nlattr *)data, NULL) < 0)
                return;
        l->bond = bond_options_new();
        for (int id = 0; id < _BOND_OPT_MAX; id++) {
                const BondOptDesc *d = bond_opt_desc(id);
                BondOptValue *v = &l->bond->v[id];
                const struct nlattr *a;

                if (!d->ifla || (d->flags & (BOND_OPT_F_PORT | BOND_OPT_F_MODULE_ONLY)) ||
                    d->ifla > IFLA_BOND_MAX)
                        continue;
                a = tb[d->ifla];
                if (!a)
                        continue;
                l->bond_attrs |= BOND_OPT_MASK(id);
                v->set = true;
                switch (d->nla) {
                case BOND_NLA_MAC:
                        v->str = attr_mac(a);
                        break;
                case BOND_NLA_IP4_NEST:
                        parse_ip_list(a, AF_INET, v);
                        break;
                case BOND_NLA_IP6_NEST:
                        parse_ip_list(a, AF_INET6, v);
                        break;
                default:
                        v->num = attr_num(a, d->nla);
                }
        }
        if (tb[IFLA_BOND_AD_INFO]) {
                struct nlattr *ad[IFLA_BOND_AD_INFO_MAX + 1];

                if (nla_parse_nested(ad, IFLA_BOND_AD_INFO_MAX, tb[IFLA_BOND_AD_INFO], NULL) == 0) {
                        l->ad.present = true;
                        attr_u16(ad[IFLA_BOND_AD_INFO_AGGREGATOR], &l->ad.aggregator);
                        attr_u16(ad[IFLA_BOND_AD_INFO_NUM_PORTS], &l->ad.num_ports);
                        attr_u16(ad[IFLA_BOND_AD_INFO_ACTOR_KEY], &l->ad.actor_key);
                        attr_u16(ad[IFLA_BOND_AD_INFO_PARTNER_KEY], &l->ad.partner_key);
                        l->ad.partner_mac = attr_mac(ad[IFLA_BOND_AD_INFO_PARTNER_MAC]);
                }
        }
}

static void parse_port_data(SnapLink *l, const struct nlattr *data)
{
        struct nlattr *tb[IFLA_BOND_SLAVE_MAX + 1];
        SnapPort *p = &l->port;
        uint32_t prio;

        p->present = true;
        if (!data || nla_parse_nested(tb, IFLA_BOND_SLAVE_MAX, (struct nlattr *)data, NULL) < 0)
                return;
        attr_u8(tb[IFLA_BOND_SLAVE_STATE], &p->state);
        attr_u8(tb[IFLA_BOND_SLAVE_MII_STATUS], &p->mii_status);
        attr_u32(tb[IFLA_BOND_SLAVE_LINK_FAILURE_COUNT], &p->link_failure_count);
        p->perm_hwaddr = attr_mac(tb[IFLA_BOND_SLAVE_PERM_HWADDR]);
        attr_u16(tb[IFLA_BOND_SLAVE_QUEUE_ID], &p->queue_id);
        p->has_aggregator = attr_u16(tb[IFLA_BOND_SLAVE_AD_AGGREGATOR_ID], &p->aggregator_id);
        p->has_ad_state =
                attr_u8(tb[IFLA_BOND_SLAVE_AD_ACTOR_OPER_PORT_STATE], &p->actor_oper_port_state);
        if (p->has_ad_state) {
                uint16_t partner;

                /* a u16 attribute holding the u8 state */
                if (attr_u16(tb[IFLA_BOND_SLAVE_AD_PARTNER_OPER_PORT_STATE], &partner))
                        p->partner_oper_port_state = partner & 0xff;
        }
        if (attr_u32(tb[IFLA_BOND_SLAVE_PRIO], &prio)) {
                p->has_prio = true;
                p->prio = (int32_t)prio;
        }
}

static int parse_link(Snapshot *s, const struct nlmsghdr *h)
{
        const struct ifinfomsg *ifi = nlmsg_data(h);
        struct nlattr *tb[IFLA_MAX + 1];
        SnapLink *l;
        uint32_t v;

        if (h->nlmsg_len < NLMSG_LENGTH(sizeof(*ifi)))
                return -EINVAL;
        if (nlmsg_parse((struct nlmsghdr *)h, sizeof(*ifi), tb, IFLA_MAX, NULL) < 0)
                return -EINVAL;
        if (!tb[IFLA_IFNAME])
                return 0;
        l = g_new0(SnapLink, 1);
        l->ifindex = ifi->ifi_index;
        l->name = snapshot_attr_str(tb[IFLA_IFNAME]);
        l->flags = ifi->ifi_flags;
        l->up = (ifi->ifi_flags & IFF_UP) != 0;
        l->lower_up = (ifi->ifi_flags & IFF_LOWER_UP) != 0;
        attr_u32(tb[IFLA_MTU], &l->mtu);
        attr_u32(tb[IFLA_MAX_MTU], &l->max_mtu);
        l->mac = attr_mac(tb[IFLA_ADDRESS]);
        l->perm_mac = attr_mac(tb[IFLA_PERM_ADDRESS]);
        if (attr_u32(tb[IFLA_MASTER], &v))
                l->master = (int)v;
        if (attr_u32(tb[IFLA_LINK], &v))
                l->link = (int)v;
        if (tb[IFLA_LINKINFO]) {
                struct nlattr *li[IFLA_INFO_MAX + 1];

                if (nla_parse_nested(li, IFLA_INFO_MAX, tb[IFLA_LINKINFO], NULL) == 0) {
                        if (li[IFLA_INFO_KIND])
                                l->kind = snapshot_attr_str(li[IFLA_INFO_KIND]);
                        if (g_strcmp0(l->kind, "bond") == 0 && li[IFLA_INFO_DATA])
                                parse_bond_data(l, li[IFLA_INFO_DATA]);
                        else if (g_strcmp0(l->kind, "bond") == 0)
                                l->bond = bond_options_new();
                        if (snapshot_attr_is(li[IFLA_INFO_SLAVE_KIND], "bond"))
                                parse_port_data(l, li[IFLA_INFO_SLAVE_DATA]);
                        snapshot_parse_stack(l->kind, li, &l->vlan, &l->bridge, &l->brport);
                }
        }
        if (!l->perm_mac && l->port.perm_hwaddr)
                l->perm_mac = g_strdup(l->port.perm_hwaddr);
        g_ptr_array_add(s->links, l);
        return 0;
}

int snapshot_parse_msg(Snapshot *s, const struct nlmsghdr *h)
{
        switch (h->nlmsg_type) {
        case RTM_NEWLINK:
                return parse_link(s, h);
        case RTM_NEWADDR:
                return snapshot_parse_addr(s, h);
        case RTM_NEWROUTE:
                return snapshot_parse_route(s, h);
        case RTM_NEWRULE:
                return snapshot_parse_rule(s, h);
        default:
                return 0;
        }
}

void snapshot_resolve(Snapshot *s)
{
        snapshot_resolve_l3(s);
        for (guint i = 0; i < s->links->len; i++) {
                SnapLink *l = s->links->pdata[i];

                if (!l->bond)
                        continue;
                for (int id = 0; id < _BOND_OPT_MAX; id++) {
                        const BondOptDesc *d = bond_opt_desc(id);
                        BondOptValue *v = &l->bond->v[id];
                        SnapLink *t;

                        if (d->nla != BOND_NLA_IFINDEX || !v->set || v->str)
                                continue;
                        t = snapshot_link_by_index(s, (int)v->num);
                        v->str = g_strdup(t ? t->name : "");
                }
        }
}

static int dump_cb(const struct nlmsghdr *h, void *userdata)
{
        return snapshot_parse_msg(userdata, h);
}

/* The dumps of a snapshot; the links' first. */
static const int dumps[][2] = {
        { RTM_GETLINK, AF_UNSPEC }, { RTM_GETADDR, AF_UNSPEC }, { RTM_GETROUTE, AF_INET },
        { RTM_GETROUTE, AF_INET6 }, { RTM_GETRULE, AF_INET },   { RTM_GETRULE, AF_INET6 },
};

static int take_once(NlConn *c, Snapshot *s, size_t n_dumps)
{
        for (size_t i = 0; i < n_dumps; i++) {
                g_autoptr(NlMsg) m = bondnl_msg_dump(dumps[i][0], dumps[i][1]);
                int r = nl_conn_dump(c, m, dump_cb, s);

                /* No IPv6 (ipv6.disable=1): no IPv6 routes or rules. */
                if (r < 0 && !(dumps[i][1] == AF_INET6 && r == -EAFNOSUPPORT))
                        return r;
        }
        return 0;
}

static int take(NlConn *c, size_t n_dumps, Snapshot **out)
{
        g_autoptr(Snapshot) s = NULL;
        int r = -EAGAIN;

        /* An interrupted dump (-EAGAIN: links or addresses changed while
         * the kernel dumped them, e.g. another bondcfg at work) is taken
         * again from scratch. */
        for (int i = 0; i < SNAPSHOT_DUMP_TRIES && r == -EAGAIN; i++) {
                g_clear_pointer(&s, snapshot_free);
                s = snapshot_new();
                r = take_once(c, s, n_dumps);
        }
        if (r < 0)
                return r;
        snapshot_resolve(s);
        *out = g_steal_pointer(&s);
        return 0;
}

int snapshot_take(NlConn *c, Snapshot **out)
{
        return take(c, G_N_ELEMENTS(dumps), out);
}

int snapshot_take_links(NlConn *c, Snapshot **out)
{
        return take(c, 1, out);
}

int snapshot_take_link(NlConn *c, const char *name, Snapshot **out)
{
        g_autoptr(Snapshot) s = NULL;
        int r = -EAGAIN;

        for (int i = 0; i < SNAPSHOT_DUMP_TRIES && r == -EAGAIN; i++) {
                g_autoptr(NlMsg) m = bondnl_msg_get_link(name);

                g_clear_pointer(&s, snapshot_free);
                s = snapshot_new();
                r = nl_conn_dump(c, m, dump_cb, s);
        }
        if (r < 0)
                return r;
        if (s->links->len == 0)
                return -ENODEV;
        *out = g_steal_pointer(&s);
        return 0;
}
