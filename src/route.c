/* SPDX-License-Identifier: GPL-2.0-or-later */
/* NetRoute: the values it takes, its identity, equality and text form. */
#include "route.h"

#include <string.h>
#include <sys/socket.h>
#include <linux/rtnetlink.h>

#include "ip-names.h"

/* IP6_RT_PRIO_USER in the kernel's include/net/ip6_route.h */
#define IP6_METRIC_DEFAULT 1024

NetRoute *net_route_new(int family)
{
        NetRoute *r = g_new0(NetRoute, 1);

        r->family = family;
        return r;
}

void net_origin_clear(NetOrigin *o)
{
        g_clear_pointer(&o->file, g_free);
        g_clear_pointer(&o->text, g_free);
        o->line = 0;
}

void net_origin_copy(NetOrigin *to, const NetOrigin *from)
{
        to->file = g_strdup(from->file);
        to->line = from->line;
        to->text = g_strdup(from->text);
}

void net_route_free(NetRoute *r)
{
        if (!r)
                return;
        g_free(r->dst);
        g_free(r->gateway);
        g_free(r->oif);
        g_free(r->prefsrc);
        net_origin_clear(&r->origin);
        g_free(r);
}

NetRoute *net_route_copy(const NetRoute *r)
{
        NetRoute *c = g_memdup2(r, sizeof(*r));

        c->dst = g_strdup(r->dst);
        c->gateway = g_strdup(r->gateway);
        c->oif = g_strdup(r->oif);
        c->prefsrc = g_strdup(r->prefsrc);
        net_origin_copy(&c->origin, &r->origin);
        return c;
}

uint8_t net_route_type(const NetRoute *r)
{
        return r->type == RTN_UNSPEC ? RTN_UNICAST : r->type;
}

uint32_t net_route_table(const NetRoute *r)
{
        if (r->table != RT_TABLE_UNSPEC)
                return r->table;
        switch (r->type) {
        case RTN_LOCAL:
        case RTN_BROADCAST:
        case RTN_NAT:
        case RTN_ANYCAST:
                return RT_TABLE_LOCAL;
        default:
                return RT_TABLE_MAIN;
        }
}

uint8_t net_route_protocol(const NetRoute *r)
{
        return r->has_protocol ? r->protocol : RTPROT_BOOT;
}

uint8_t net_route_scope(const NetRoute *r)
{
        if (r->has_scope)
                return r->scope;
        if (r->family == AF_INET6)
                return RT_SCOPE_UNIVERSE;
        switch (net_route_type(r)) {
        case RTN_LOCAL:
        case RTN_NAT:
                return RT_SCOPE_HOST;
        case RTN_BROADCAST:
        case RTN_MULTICAST:
        case RTN_ANYCAST:
                return RT_SCOPE_LINK;
        case RTN_UNICAST:
                return r->gateway ? RT_SCOPE_UNIVERSE : RT_SCOPE_LINK;
        default:
                return RT_SCOPE_UNIVERSE;
        }
}

uint32_t net_route_metric(const NetRoute *r)
{
        uint32_t m = r->has_metric ? r->metric : 0;

        if (r->family == AF_INET6 && m == 0)
                return IP6_METRIC_DEFAULT;
        return m;
}

bool net_route_same_key(const NetRoute *a, const NetRoute *b)
{
        if (a->family != b->family || a->prefix != b->prefix ||
            net_route_table(a) != net_route_table(b) || net_route_metric(a) != net_route_metric(b))
                return false;
        if (g_strcmp0(a->dst, b->dst) != 0)
                return false;
        /* IPv6 routes have no tos: rtm_to_fib6_config() refuses one */
        return a->family == AF_INET6 || a->tos == b->tos;
}

static bool same_device(const NetRoute *a, const NetRoute *b)
{
        if (a->ifindex && b->ifindex)
                return a->ifindex == b->ifindex;
        if (a->oif && b->oif)
                return g_str_equal(a->oif, b->oif);
        return true;
}

bool net_route_equal(const NetRoute *a, const NetRoute *b)
{
        if (a->multipath || b->multipath || a->unmodelled || b->unmodelled)
                return false;
        if (!net_route_same_key(a, b))
                return false;
        if (g_strcmp0(a->gateway, b->gateway) != 0 || g_strcmp0(a->prefsrc, b->prefsrc) != 0)
                return false;
        if (net_route_type(a) != net_route_type(b) ||
            net_route_protocol(a) != net_route_protocol(b))
                return false;
        if (a->family == AF_INET && net_route_scope(a) != net_route_scope(b))
                return false;
        if (a->mtu != b->mtu || (a->mtu && a->mtu_lock != b->mtu_lock) || a->onlink != b->onlink)
                return false;
        return same_device(a, b);
}

static void append_named(GString *s, const char *key, const char *name, unsigned num)
{
        if (name)
                g_string_append_printf(s, " %s %s", key, name);
        else
                g_string_append_printf(s, " %s %u", key, num);
}

char *net_route_format(const NetRoute *r)
{
        GString *s = g_string_new(NULL);
        unsigned host_len = r->family == AF_INET6 ? 128 : 32;
        uint8_t type = net_route_type(r);
        uint32_t table = net_route_table(r);
        uint8_t scope = net_route_scope(r);

        if (type != RTN_UNICAST) {
                const char *name = ip_rtntype_name(type);

                if (name)
                        g_string_append_printf(s, "%s ", name);
                else
                        g_string_append_printf(s, "type %u ", type);
        }
        if (r->prefix == 0)
                g_string_append(s, "default");
        else if (r->prefix == host_len)
                g_string_append(s, r->dst ? r->dst : "?");
        else
                g_string_append_printf(s, "%s/%u", r->dst ? r->dst : "?", r->prefix);
        if (r->tos)
                g_string_append_printf(s, " tos 0x%02x", r->tos);
        if (r->multipath)
                g_string_append(s, " nexthop ...");
        if (r->gateway)
                g_string_append_printf(s, " via %s", r->gateway);
        if (r->oif)
                g_string_append_printf(s, " dev %s", r->oif);
        else if (r->ifindex)
                g_string_append_printf(s, " dev if%d", r->ifindex);
        if (table != RT_TABLE_MAIN)
                append_named(s, "table", ip_table_name(table), table);
        if (r->has_metric || r->family == AF_INET6)
                g_string_append_printf(s, " metric %u", net_route_metric(r));
        append_named(s, "proto", ip_proto_name(net_route_protocol(r)), net_route_protocol(r));
        if (r->family == AF_INET && scope != RT_SCOPE_UNIVERSE)
                append_named(s, "scope", ip_scope_name(scope), scope);
        if (r->prefsrc)
                g_string_append_printf(s, " src %s", r->prefsrc);
        if (r->onlink)
                g_string_append(s, " onlink");
        if (r->mtu)
                g_string_append_printf(s, " mtu %s%u", r->mtu_lock ? "lock " : "", r->mtu);
        if (r->unmodelled)
                g_string_append(s, " (and attributes bondcfg does not manage)");
        return g_string_free(s, FALSE);
}
