/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Routes and rules in the crash journal's plan files (plan-save.h). */
#include <stdio.h>
#include <sys/socket.h>

#include "plan-save-internal.h"

void plan_save_route(GKeyFile *kf, const char *g, const NetRoute *r)
{
        g_key_file_set_integer(kf, g, "route-family", r->family);
        put_str(kf, g, "route-dst", r->dst);
        put_uint(kf, g, "route-prefix", r->prefix);
        put_str(kf, g, "route-gateway", r->gateway);
        put_str(kf, g, "route-oif", r->oif);
        put_uint(kf, g, "route-ifindex", (guint64)r->ifindex);
        put_uint(kf, g, "route-table", r->table);
        if (r->has_metric)
                g_key_file_set_uint64(kf, g, "route-metric", r->metric);
        put_str(kf, g, "route-prefsrc", r->prefsrc);
        if (r->has_protocol)
                g_key_file_set_uint64(kf, g, "route-protocol", r->protocol);
        if (r->has_scope)
                g_key_file_set_uint64(kf, g, "route-scope", r->scope);
        put_uint(kf, g, "route-type", r->type);
        put_uint(kf, g, "route-tos", r->tos);
        put_uint(kf, g, "route-mtu", r->mtu);
        put_bool(kf, g, "route-mtu-lock", r->mtu_lock);
        put_bool(kf, g, "route-onlink", r->onlink);
}

NetRoute *plan_load_route(GKeyFile *kf, const char *g)
{
        g_autoptr(NetRoute) r = NULL;
        guint64 n[8];
        int family = g_key_file_get_integer(kf, g, "route-family", NULL);

        if (family != AF_INET && family != AF_INET6)
                return NULL;
        r = net_route_new(family);
        r->dst = get_str(kf, g, "route-dst");
        r->gateway = get_str(kf, g, "route-gateway");
        r->oif = get_str(kf, g, "route-oif");
        r->prefsrc = get_str(kf, g, "route-prefsrc");
        r->has_metric = g_key_file_has_key(kf, g, "route-metric", NULL);
        r->has_protocol = g_key_file_has_key(kf, g, "route-protocol", NULL);
        r->has_scope = g_key_file_has_key(kf, g, "route-scope", NULL);
        r->mtu_lock = get_bool(kf, g, "route-mtu-lock");
        r->onlink = get_bool(kf, g, "route-onlink");
        if (!r->dst || !get_uint(kf, g, "route-prefix", 128, &n[0]) ||
            !get_uint(kf, g, "route-ifindex", G_MAXINT, &n[1]) ||
            !get_uint(kf, g, "route-table", G_MAXUINT32, &n[2]) ||
            !get_uint(kf, g, "route-metric", G_MAXUINT32, &n[3]) ||
            !get_uint(kf, g, "route-protocol", G_MAXUINT8, &n[4]) ||
            !get_uint(kf, g, "route-scope", G_MAXUINT8, &n[5]) ||
            !get_uint(kf, g, "route-type", G_MAXUINT8, &n[6]) ||
            !get_uint(kf, g, "route-tos", G_MAXUINT8, &n[7]))
                return NULL;
        r->prefix = (unsigned)n[0];
        r->ifindex = (int)n[1];
        r->table = (uint32_t)n[2];
        r->metric = (uint32_t)n[3];
        r->protocol = (uint8_t)n[4];
        r->scope = (uint8_t)n[5];
        r->type = (uint8_t)n[6];
        r->tos = (uint8_t)n[7];
        if (!get_uint(kf, g, "route-mtu", G_MAXUINT32, &n[0]))
                return NULL;
        r->mtu = (uint32_t)n[0];
        return g_steal_pointer(&r);
}

static void put_ports(GKeyFile *kf, const char *g, const char *key, const NetPortRange *p)
{
        g_autofree char *v = NULL;

        if (!p->set)
                return;
        v = g_strdup_printf("%u-%u", p->start, p->end);
        g_key_file_set_string(kf, g, key, v);
}

static bool get_ports(GKeyFile *kf, const char *g, const char *key, NetPortRange *p)
{
        g_autofree char *v = get_str(kf, g, key);
        unsigned a, b;
        char end;

        if (!v)
                return true;
        if (sscanf(v, "%u-%u%c", &a, &b, &end) != 2 || a > G_MAXUINT16 || b > G_MAXUINT16)
                return false;
        p->set = true;
        p->start = (uint16_t)a;
        p->end = (uint16_t)b;
        return true;
}

/* A rule's fields; a "has" flag is the key's presence. */
void plan_save_rule(GKeyFile *kf, const char *g, const NetRule *r)
{
        g_key_file_set_integer(kf, g, "rule-family", r->family);
        put_str(kf, g, "rule-from", r->from);
        put_uint(kf, g, "rule-from-len", r->from_len);
        put_str(kf, g, "rule-to", r->to);
        put_uint(kf, g, "rule-to-len", r->to_len);
        put_str(kf, g, "rule-iif", r->iif);
        put_str(kf, g, "rule-oif", r->oif);
        if (r->has_fwmark)
                g_key_file_set_uint64(kf, g, "rule-fwmark", r->fwmark);
        if (r->has_fwmask)
                g_key_file_set_uint64(kf, g, "rule-fwmask", r->fwmask);
        put_uint(kf, g, "rule-table", r->table);
        if (r->has_priority)
                g_key_file_set_uint64(kf, g, "rule-priority", r->priority);
        put_uint(kf, g, "rule-tos", r->tos);
        put_bool(kf, g, "rule-invert", r->invert);
        put_uint(kf, g, "rule-action", r->action);
        put_uint(kf, g, "rule-goto", r->goto_target);
        if (r->has_suppress_prefixlen)
                g_key_file_set_uint64(kf, g, "rule-suppress-prefixlen", r->suppress_prefixlen);
        put_uint(kf, g, "rule-ipproto", r->ipproto);
        put_ports(kf, g, "rule-sport", &r->sport);
        put_ports(kf, g, "rule-dport", &r->dport);
        if (r->has_uidrange) {
                g_key_file_set_uint64(kf, g, "rule-uid-start", r->uid_start);
                g_key_file_set_uint64(kf, g, "rule-uid-end", r->uid_end);
        }
        if (r->has_protocol)
                g_key_file_set_uint64(kf, g, "rule-protocol", r->protocol);
}

NetRule *plan_load_rule(GKeyFile *kf, const char *g)
{
        static const struct {
                const char *key;
                guint64 max;
        } nums[] = {
                { "rule-from-len", 128 },        { "rule-to-len", 128 },
                { "rule-fwmark", G_MAXUINT32 },  { "rule-fwmask", G_MAXUINT32 },
                { "rule-table", G_MAXUINT32 },   { "rule-priority", G_MAXUINT32 },
                { "rule-tos", G_MAXUINT8 },      { "rule-action", G_MAXUINT8 },
                { "rule-goto", G_MAXUINT32 },    { "rule-suppress-prefixlen", G_MAXUINT32 },
                { "rule-ipproto", G_MAXUINT8 },  { "rule-uid-start", G_MAXUINT32 },
                { "rule-uid-end", G_MAXUINT32 }, { "rule-protocol", G_MAXUINT8 },
        };
        guint64 n[G_N_ELEMENTS(nums)];
        g_autoptr(NetRule) r = NULL;
        int family = g_key_file_get_integer(kf, g, "rule-family", NULL);

        if (family != AF_INET && family != AF_INET6)
                return NULL;
        for (size_t i = 0; i < G_N_ELEMENTS(nums); i++)
                if (!get_uint(kf, g, nums[i].key, nums[i].max, &n[i]))
                        return NULL;
        r = net_rule_new(family);
        r->from = get_str(kf, g, "rule-from");
        r->to = get_str(kf, g, "rule-to");
        r->iif = get_str(kf, g, "rule-iif");
        r->oif = get_str(kf, g, "rule-oif");
        r->from_len = (unsigned)n[0];
        r->to_len = (unsigned)n[1];
        r->has_fwmark = g_key_file_has_key(kf, g, "rule-fwmark", NULL);
        r->fwmark = (uint32_t)n[2];
        r->has_fwmask = g_key_file_has_key(kf, g, "rule-fwmask", NULL);
        r->fwmask = (uint32_t)n[3];
        r->table = (uint32_t)n[4];
        r->has_priority = g_key_file_has_key(kf, g, "rule-priority", NULL);
        r->priority = (uint32_t)n[5];
        r->tos = (uint8_t)n[6];
        r->invert = get_bool(kf, g, "rule-invert");
        r->action = (uint8_t)n[7];
        r->goto_target = (uint32_t)n[8];
        r->has_suppress_prefixlen = g_key_file_has_key(kf, g, "rule-suppress-prefixlen", NULL);
        r->suppress_prefixlen = (uint32_t)n[9];
        r->ipproto = (uint8_t)n[10];
        r->has_uidrange = g_key_file_has_key(kf, g, "rule-uid-start", NULL);
        r->uid_start = (uint32_t)n[11];
        r->uid_end = (uint32_t)n[12];
        r->has_protocol = g_key_file_has_key(kf, g, "rule-protocol", NULL);
        r->protocol = (uint8_t)n[13];
        if (!get_ports(kf, g, "rule-sport", &r->sport) ||
            !get_ports(kf, g, "rule-dport", &r->dport))
                return NULL;
        return g_steal_pointer(&r);
}
