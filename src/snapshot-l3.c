/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The live state above the links: addresses, routes, rules, sysctls. */
#include "snapshot-internal.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/if_addr.h>
#include <linux/rtnetlink.h>
#include "nl-dl.h"

void snap_addr_free(gpointer p)
{
        SnapAddr *a = p;

        g_free(a->address);
        g_free(a->broadcast);
        g_free(a->label);
        g_free(a);
}

void snapshot_add_addr(Snapshot *s, int ifindex, int family, const char *addr, unsigned prefix)
{
        SnapAddr *a = g_new0(SnapAddr, 1);

        a->ifindex = ifindex;
        a->family = family;
        a->address = g_strdup(addr);
        a->prefix = prefix;
        a->flags = IFA_F_PERMANENT;
        a->valid_lft = a->preferred_lft = SNAP_FOREVER;
        g_ptr_array_add(s->addrs, a);
}

NetRoute *snapshot_add_route(Snapshot *s, int ifindex, int family, const char *gateway)
{
        NetRoute *r = net_route_new(family);

        r->dst = g_strdup(family == AF_INET ? "0.0.0.0" : "::");
        r->gateway = g_strdup(gateway);
        r->ifindex = ifindex;
        if (snapshot_link_by_index(s, ifindex))
                r->oif = g_strdup(snapshot_link_by_index(s, ifindex)->name);
        r->table = RT_TABLE_MAIN;
        r->has_protocol = true;
        r->protocol = RTPROT_BOOT;
        r->has_metric = true;
        r->metric = family == AF_INET6 ? 1024 : 0;
        r->has_scope = true;
        r->scope = RT_SCOPE_UNIVERSE;
        r->type = RTN_UNICAST;
        g_ptr_array_add(s->routes, r);
        return r;
}

int snapshot_parse_addr(Snapshot *s, const struct nlmsghdr *h)
{
        const struct ifaddrmsg *ifa = nlmsg_data(h);
        struct nlattr *tb[IFA_MAX + 1];
        SnapAddr *a;
        char *ip;

        if (h->nlmsg_len < NLMSG_LENGTH(sizeof(*ifa)))
                return -EINVAL;
        if (ifa->ifa_family != AF_INET && ifa->ifa_family != AF_INET6)
                return 0;
        if (nlmsg_parse((struct nlmsghdr *)h, sizeof(*ifa), tb, IFA_MAX, NULL) < 0)
                return -EINVAL;
        ip = snapshot_attr_ip(tb[IFA_LOCAL] ? tb[IFA_LOCAL] : tb[IFA_ADDRESS], ifa->ifa_family);
        if (!ip)
                return 0;
        a = g_new0(SnapAddr, 1);
        a->ifindex = (int)ifa->ifa_index;
        a->family = ifa->ifa_family;
        a->address = ip;
        a->prefix = ifa->ifa_prefixlen;
        a->scope = ifa->ifa_scope;
        a->flags = tb[IFA_FLAGS] && nla_len(tb[IFA_FLAGS]) >= 4 ? nla_get_u32(tb[IFA_FLAGS])
                                                                : ifa->ifa_flags;
        a->proto = tb[IFA_PROTO] && nla_len(tb[IFA_PROTO]) >= 1 ? nla_get_u8(tb[IFA_PROTO]) : 0;
        a->broadcast = snapshot_attr_ip(tb[IFA_BROADCAST], AF_INET);
        if (tb[IFA_LABEL] && nla_len(tb[IFA_LABEL]) > 0 &&
            memchr(nla_data(tb[IFA_LABEL]), ':', (size_t)nla_len(tb[IFA_LABEL])))
                a->label = g_strndup(nla_data(tb[IFA_LABEL]), (gsize)nla_len(tb[IFA_LABEL]));
        a->valid_lft = a->preferred_lft = SNAP_FOREVER;
        if (tb[IFA_CACHEINFO] && nla_len(tb[IFA_CACHEINFO]) >= (int)sizeof(struct ifa_cacheinfo)) {
                const struct ifa_cacheinfo *ci = nla_data(tb[IFA_CACHEINFO]);

                a->valid_lft = ci->ifa_valid;
                a->preferred_lft = ci->ifa_prefered;
        }
        g_ptr_array_add(s->addrs, a);
        return 0;
}

/* Every table; not the kernel's own routes (prefix, local, broadcast,
 * link-local), which nobody configures and nobody may remove. */
int snapshot_parse_route(Snapshot *s, const struct nlmsghdr *h)
{
        NetRoute *r = NULL;
        int err = net_route_from_msg(h, &r);

        if (err < 0 || !r)
                return err;
        if (r->protocol == RTPROT_KERNEL) {
                net_route_free(r);
                return 0;
        }
        g_ptr_array_add(s->routes, r);
        return 0;
}

int snapshot_parse_rule(Snapshot *s, const struct nlmsghdr *h)
{
        NetRule *r = NULL;
        int err = net_rule_from_msg(h, &r);

        if (err < 0 || !r)
                return err;
        g_ptr_array_add(s->rules, r);
        return 0;
}

void snapshot_resolve_l3(Snapshot *s)
{
        for (guint i = 0; i < s->routes->len; i++) {
                NetRoute *r = s->routes->pdata[i];
                const SnapLink *l = r->oif ? NULL : snapshot_link_by_index(s, r->ifindex);

                if (l)
                        r->oif = g_strdup(l->name);
        }
}

/* ---- sysctls ------------------------------------------------------------ */

static GHashTable *read_sysctls(const char *ifname)
{
        static const char *const names[] = { SNAPSHOT_SYSCTLS };
        GHashTable *h = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);

        for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
                const char *slash = strchr(names[i], '/');
                g_autofree char *fam = g_strndup(names[i], (gsize)(slash - names[i]));
                g_autofree char *path =
                        g_strdup_printf("/proc/sys/net/%s/conf/%s/%s", fam, ifname, slash + 1);
                char *text = NULL;

                if (g_file_get_contents(path, &text, NULL, NULL))
                        g_hash_table_insert(h, g_strdup(names[i]), g_strchomp(text));
        }
        return h;
}

void snapshot_read_sysctls(Snapshot *s, const char *const *ifnames, bool defaults)
{
        for (; ifnames && *ifnames; ifnames++) {
                SnapLink *l = snapshot_link_by_name(s, *ifnames);

                if (l && !l->sysctls)
                        l->sysctls = read_sysctls(l->name);
        }
        if (defaults && !s->default_sysctls)
                s->default_sysctls = read_sysctls("default");
}
