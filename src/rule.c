/* SPDX-License-Identifier: GPL-2.0-or-later */
/* NetRule: the values it takes, its identity, equality and text form. */
#include "rule.h"

#include <string.h>
#include <sys/socket.h>
#include <linux/fib_rules.h>
#include <linux/rtnetlink.h>

#include "ip-names.h"

NetRule *net_rule_new(int family)
{
        NetRule *r = g_new0(NetRule, 1);

        r->family = family;
        return r;
}

void net_rule_free(NetRule *r)
{
        if (!r)
                return;
        g_free(r->from);
        g_free(r->to);
        g_free(r->iif);
        g_free(r->oif);
        net_origin_clear(&r->origin);
        g_free(r);
}

NetRule *net_rule_copy(const NetRule *r)
{
        NetRule *c = g_memdup2(r, sizeof(*r));

        c->from = g_strdup(r->from);
        c->to = g_strdup(r->to);
        c->iif = g_strdup(r->iif);
        c->oif = g_strdup(r->oif);
        net_origin_copy(&c->origin, &r->origin);
        return c;
}

uint8_t net_rule_action(const NetRule *r)
{
        return r->action == FR_ACT_UNSPEC ? FR_ACT_TO_TBL : r->action;
}

uint32_t net_rule_table(const NetRule *r)
{
        if (r->table)
                return r->table;
        return r->action == FR_ACT_UNSPEC ? RT_TABLE_MAIN : RT_TABLE_UNSPEC;
}

uint8_t net_rule_protocol(const NetRule *r)
{
        return r->has_protocol ? r->protocol : RTPROT_UNSPEC;
}

void net_rule_fwmark(const NetRule *r, uint32_t *mark, uint32_t *mask)
{
        *mark = r->has_fwmark ? r->fwmark : 0;
        if (r->has_fwmark && r->has_fwmask)
                *mask = r->fwmask;
        else
                *mask = *mark ? UINT32_MAX : 0;
}

static bool same_ports(const NetPortRange *a, const NetPortRange *b)
{
        return a->set == b->set && (!a->set || (a->start == b->start && a->end == b->end));
}

/* What both the identity and the equality compare. */
static bool same_selectors(const NetRule *a, const NetRule *b)
{
        uint32_t ma, ka, mb, kb;

        if (a->family != b->family || net_rule_action(a) != net_rule_action(b) ||
            net_rule_table(a) != net_rule_table(b) || net_rule_protocol(a) != net_rule_protocol(b))
                return false;
        if (g_strcmp0(a->from, b->from) != 0 || g_strcmp0(a->to, b->to) != 0 ||
            (a->from && a->from_len != b->from_len) || (a->to && a->to_len != b->to_len))
                return false;
        if (g_strcmp0(a->iif, b->iif) != 0 || g_strcmp0(a->oif, b->oif) != 0)
                return false;
        net_rule_fwmark(a, &ma, &ka);
        net_rule_fwmark(b, &mb, &kb);
        if (ma != mb || ka != kb || a->tos != b->tos || a->ipproto != b->ipproto)
                return false;
        if (a->has_suppress_prefixlen != b->has_suppress_prefixlen ||
            (a->has_suppress_prefixlen && a->suppress_prefixlen != b->suppress_prefixlen))
                return false;
        if (a->has_uidrange != b->has_uidrange ||
            (a->has_uidrange && (a->uid_start != b->uid_start || a->uid_end != b->uid_end)))
                return false;
        return same_ports(&a->sport, &b->sport) && same_ports(&a->dport, &b->dport);
}

bool net_rule_same_key(const NetRule *a, const NetRule *b)
{
        if (!a->has_priority || !b->has_priority || a->priority != b->priority)
                return false;
        return same_selectors(a, b);
}

bool net_rule_equal(const NetRule *a, const NetRule *b)
{
        if (a->unmodelled || b->unmodelled)
                return false;
        if (a->has_priority && b->has_priority && a->priority != b->priority)
                return false;
        if (a->invert != b->invert)
                return false;
        if (net_rule_action(a) == FR_ACT_GOTO && a->goto_target != b->goto_target)
                return false;
        return same_selectors(a, b);
}

static void append_prefix(GString *s, const char *key, const char *addr, unsigned len, int family)
{
        unsigned host = family == AF_INET6 ? 128 : 32;

        if (!addr)
                g_string_append_printf(s, "%s all", key);
        else if (len == host)
                g_string_append_printf(s, "%s %s", key, addr);
        else
                g_string_append_printf(s, "%s %s/%u", key, addr, len);
}

static void append_ports(GString *s, const char *key, const NetPortRange *p)
{
        if (!p->set)
                return;
        if (p->start == p->end)
                g_string_append_printf(s, " %s %u", key, p->start);
        else
                g_string_append_printf(s, " %s %u-%u", key, p->start, p->end);
}

static void append_table(GString *s, uint32_t table)
{
        const char *name = ip_table_name(table);

        if (name)
                g_string_append_printf(s, " lookup %s", name);
        else
                g_string_append_printf(s, " lookup %u", table);
}

/*
 * As `ip rule show` (print_rule()) shows it: the table whenever the rule
 * has one, an action other than a lookup after it.  The kernel keeps the
 * table of "table 5 blackhole" (and rule_exists() compares it), so the
 * text must too: it is what the owned record reads back.
 */
static void append_action(GString *s, const NetRule *r)
{
        uint32_t table = net_rule_table(r);

        if (net_rule_action(r) == FR_ACT_TO_TBL) {
                append_table(s, table);
                return;
        }
        if (table)
                append_table(s, table);
        switch (net_rule_action(r)) {
        case FR_ACT_GOTO:
                g_string_append_printf(s, " goto %u", r->goto_target);
                return;
        case FR_ACT_NOP:
                g_string_append(s, " nop");
                return;
        case FR_ACT_BLACKHOLE:
        case FR_ACT_UNREACHABLE:
        case FR_ACT_PROHIBIT:
                /* FR_ACT_* of these three are the RTN_* numbers */
                g_string_append_printf(s, " %s", ip_rtntype_name(net_rule_action(r)));
                return;
        default:
                g_string_append_printf(s, " action %u", net_rule_action(r));
                return;
        }
}

static char *format(const NetRule *r, bool args);

char *net_rule_format(const NetRule *r)
{
        return format(r, false);
}

char *net_rule_format_args(const NetRule *r)
{
        return format(r, true);
}

static char *format(const NetRule *r, bool args)
{
        GString *s = g_string_new(NULL);
        uint32_t mark, mask;

        if (r->has_priority && !args)
                g_string_append_printf(s, "%u: ", r->priority);
        if (r->invert)
                g_string_append(s, "not ");
        append_prefix(s, "from", r->from, r->from_len, r->family);
        if (r->to) {
                g_string_append_c(s, ' ');
                append_prefix(s, "to", r->to, r->to_len, r->family);
        }
        if (r->tos)
                g_string_append_printf(s, " tos 0x%02x", r->tos);
        net_rule_fwmark(r, &mark, &mask);
        if (mark || mask) {
                g_string_append_printf(s, " fwmark 0x%x", mark);
                if (mask != UINT32_MAX)
                        g_string_append_printf(s, "/0x%x", mask);
        }
        if (r->iif)
                g_string_append_printf(s, " iif %s", r->iif);
        if (r->oif)
                g_string_append_printf(s, " oif %s", r->oif);
        if (r->has_uidrange)
                g_string_append_printf(s, " uidrange %u-%u", r->uid_start, r->uid_end);
        if (r->ipproto) {
                const char *name = ip_ipproto_name(r->ipproto);

                if (name)
                        g_string_append_printf(s, " ipproto %s", name);
                else
                        g_string_append_printf(s, " ipproto %u", r->ipproto);
        }
        append_ports(s, "sport", &r->sport);
        append_ports(s, "dport", &r->dport);
        append_action(s, r);
        if (r->has_suppress_prefixlen)
                g_string_append_printf(s, " suppress_prefixlength %u", r->suppress_prefixlen);
        if (net_rule_protocol(r)) {
                const char *name = ip_proto_name(net_rule_protocol(r));

                if (name)
                        g_string_append_printf(s, " proto %s", name);
                else
                        g_string_append_printf(s, " proto %u", net_rule_protocol(r));
        }
        if (r->has_priority && args)
                g_string_append_printf(s, " priority %u", r->priority);
        if (r->unmodelled)
                g_string_append(s, " (and selectors bondcfg does not manage)");
        return g_string_free(s, FALSE);
}
