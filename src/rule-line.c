/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * One line of rule-DEV / rule6-DEV: the argument list of `ip rule add`,
 * read with the keywords, abbreviations and defaults of iproute2's
 * ip/iprule.c iprule_modify().
 */
#include <string.h>
#include <sys/socket.h>
#include <linux/fib_rules.h>
#include <linux/rtnetlink.h>

#include "route-file-internal.h"

enum {
        QK_NOT,
        QK_FROM,
        QK_TO,
        QK_PRIORITY,
        QK_TOS,
        QK_FWMARK,
        QK_REALMS,
        QK_PROTOCOL,
        QK_TUN_ID,
        QK_TABLE,
        QK_SUPPRESS_PREFIXLEN,
        QK_SUPPRESS_IFGROUP,
        QK_IIF,
        QK_OIF,
        QK_L3MDEV,
        QK_UIDRANGE,
        QK_NAT,
        QK_IPPROTO,
        QK_SPORT,
        QK_DPORT,
        QK_DSCP,
        QK_FLOWLABEL,
};

/* iprule_modify()'s order: "p" is preference, "t" tun_id, "s"
 * suppress_prefixlength; a word matching none is an action. */
static const IpKeyword rule_keywords[] = {
        { "not", false, QK_NOT },
        { "from", false, QK_FROM },
        { "to", false, QK_TO },
        { "preference", true, QK_PRIORITY },
        { "order", true, QK_PRIORITY },
        { "priority", true, QK_PRIORITY },
        { "tos", false, QK_TOS },
        { "dsfield", true, QK_TOS },
        { "fwmark", false, QK_FWMARK },
        { "realms", true, QK_REALMS },
        { "protocol", true, QK_PROTOCOL },
        { "tun_id", true, QK_TUN_ID },
        { "table", true, QK_TABLE },
        { "lookup", false, QK_TABLE },
        { "suppress_prefixlength", true, QK_SUPPRESS_PREFIXLEN },
        { "sup_pl", false, QK_SUPPRESS_PREFIXLEN },
        { "suppress_ifgroup", true, QK_SUPPRESS_IFGROUP },
        { "sup_group", false, QK_SUPPRESS_IFGROUP },
        { "dev", false, QK_IIF },
        { "iif", false, QK_IIF },
        { "oif", false, QK_OIF },
        { "l3mdev", false, QK_L3MDEV },
        { "uidrange", false, QK_UIDRANGE },
        { "nat", false, QK_NAT },
        { "map-to", true, QK_NAT },
        { "ipproto", false, QK_IPPROTO },
        { "sport", false, QK_SPORT },
        { "dport", false, QK_DPORT },
        { "dscp", false, QK_DSCP },
        { "flowlabel", false, QK_FLOWLABEL },
};

/* What bondcfg reads, for "did you mean". */
static const IpKeyword rule_words[] = {
        { "not", false, 0 },         { "from", false, 0 },
        { "to", false, 0 },          { "priority", false, 0 },
        { "preference", false, 0 },  { "pref", false, 0 },
        { "order", false, 0 },       { "tos", false, 0 },
        { "dsfield", false, 0 },     { "fwmark", false, 0 },
        { "proto", false, 0 },       { "protocol", false, 0 },
        { "table", false, 0 },       { "lookup", false, 0 },
        { "iif", false, 0 },         { "dev", false, 0 },
        { "oif", false, 0 },         { "uidrange", false, 0 },
        { "ipproto", false, 0 },     { "sport", false, 0 },
        { "dport", false, 0 },       { "goto", false, 0 },
        { "nop", false, 0 },         { "blackhole", false, 0 },
        { "unreachable", false, 0 }, { "prohibit", false, 0 },
        { "unicast", false, 0 },     { "suppress_prefixlength", false, 0 },
};

static bool supported(int id)
{
        return id != QK_REALMS && id != QK_TUN_ID && id != QK_SUPPRESS_IFGROUP && id != QK_L3MDEV &&
               id != QK_NAT && id != QK_DSCP && id != QK_FLOWLABEL;
}

/*
 * A lookup in table 0: fib4_rule_configure() makes up a new empty table for
 * it (fib_empty_table()), fib6_rule_configure() refuses it.  Never what a
 * file means.
 */
static bool no_table(const LineCtx *c)
{
        line_diag(c, DIAG_ERROR, "table", "give the table to look up: lookup main|NUMBER",
                  "a lookup in table 0: the kernel makes up an empty table for it (IPv4) or "
                  "refuses it (IPv6)");
        return false;
}

static bool parse_prefix(const LineCtx *c, const char *kw, const char *w, char **addr,
                         unsigned *len)
{
        IpPrefix p;

        if (!line_parse_prefix(c, kw, w, &p))
                return false;
        g_clear_pointer(addr, g_free);
        *len = 0;
        /* "all", "any", "default" and /0 select every address: the kernel keeps
         * no address then.  Host bits stay: fib4_rule_configure() keeps them. */
        if (!p.any && p.plen) {
                *addr = ip_prefix_addr_string(&p);
                *len = p.plen;
        }
        return true;
}

static bool parse_fwmark(const LineCtx *c, const char *w, NetRule *r)
{
        const char *slash = strchr(w, '/');
        g_autofree char *mark = slash ? g_strndup(w, (gsize)(slash - w)) : g_strdup(w);
        uint64_t v, m = 0;

        if (ip_parse_uint(mark, 0, UINT32_MAX, &v) < 0 ||
            (slash && ip_parse_uint(slash + 1, 0, UINT32_MAX, &m) < 0)) {
                line_diag(c, DIAG_ERROR, "fwmark", "fwmark MARK[/MASK], e.g. 0x10/0xff",
                          "invalid fwmark '%s'", w);
                return false;
        }
        r->has_fwmark = true;
        r->fwmark = (uint32_t)v;
        r->has_fwmask = slash != NULL;
        r->fwmask = (uint32_t)m;
        return true;
}

/* "N" or "N-M", decimal, N <= M (the kernel's "Invalid sport range"). */
static bool parse_ports(const LineCtx *c, const char *kw, const char *w, NetPortRange *p)
{
        const char *dash = strchr(w, '-');
        g_autofree char *a = dash ? g_strndup(w, (gsize)(dash - w)) : g_strdup(w);
        uint64_t s, e;

        if (ip_parse_decimal(a, UINT16_MAX, &s) < 0 ||
            ip_parse_decimal(dash ? dash + 1 : a, UINT16_MAX, &e) < 0 || s > e) {
                line_diag(c, DIAG_ERROR, kw, "a port, or a range FIRST-LAST, e.g. 1000-2000",
                          "invalid %s '%s'", kw, w);
                return false;
        }
        *p = (NetPortRange){ true, (uint16_t)s, (uint16_t)e };
        return true;
}

static bool parse_uidrange(const LineCtx *c, const char *w, NetRule *r)
{
        const char *dash = strchr(w, '-');
        g_autofree char *a = dash ? g_strndup(w, (gsize)(dash - w)) : NULL;
        uint64_t s, e;

        if (!dash || ip_parse_decimal(a, UINT32_MAX, &s) < 0 ||
            ip_parse_decimal(dash + 1, UINT32_MAX, &e) < 0 || s > e) {
                line_diag(c, DIAG_ERROR, "uidrange", "uidrange FIRST-LAST, e.g. 1000-1999",
                          "invalid uidrange '%s'", w);
                return false;
        }
        r->has_uidrange = true;
        r->uid_start = (uint32_t)s;
        r->uid_end = (uint32_t)e;
        return true;
}

static bool parse_option(const LineCtx *c, char *const *words, size_t *i, int id, NetRule *r)
{
        const char *kw = words[*i], *w = NULL;
        uint64_t v;

        if (id == QK_NOT) {
                r->invert = true;
                return true;
        }
        if (!(w = line_next_arg(c, words, i, kw, "see ip-rule(8)")))
                return false;
        switch (id) {
        case QK_FROM:
                return parse_prefix(c, "from", w, &r->from, &r->from_len);
        case QK_TO:
                return parse_prefix(c, "to", w, &r->to, &r->to_len);
        case QK_PRIORITY:
                if (!line_parse_u32(c, "priority", w, &r->priority))
                        return false;
                r->has_priority = true;
                return true;
        case QK_TOS:
                if (ip_dsfield_from_string(w, &r->tos) < 0) {
                        line_diag(c, DIAG_ERROR, "tos", "a hex number from 0 to ff, e.g. 0x10",
                                  "invalid tos '%s'", w);
                        return false;
                }
                return true;
        case QK_FWMARK:
                return parse_fwmark(c, w, r);
        case QK_PROTOCOL:
                if (ip_proto_from_string(c->names, w, &r->protocol) < 0) {
                        line_diag(c, DIAG_ERROR, "proto",
                                  "boot, static, kernel, a name from rt_protos, or a number to "
                                  "255",
                                  "invalid proto '%s'", w);
                        return false;
                }
                r->has_protocol = true;
                return true;
        case QK_TABLE:
                if (ip_table_from_string(c->names, w, &r->table) < 0) {
                        line_diag(c, DIAG_ERROR, "table",
                                  "main, local, default, a name from rt_tables, or a number",
                                  "unknown table '%s'", w);
                        return false;
                }
                if (r->table == RT_TABLE_UNSPEC)
                        return no_table(c);
                return true;
        case QK_SUPPRESS_PREFIXLEN:
                /* get_s32(), >= 0 */
                if (ip_parse_uint(w, 0, INT32_MAX, &v) < 0) {
                        line_diag(c, DIAG_ERROR, "suppress_prefixlength", "a prefix length, e.g. 0",
                                  "invalid suppress_prefixlength '%s'", w);
                        return false;
                }
                r->has_suppress_prefixlen = true;
                r->suppress_prefixlen = (uint32_t)v;
                return true;
        case QK_IIF:
                if (!line_parse_ifname(c, "iif", w))
                        return false;
                g_free(r->iif);
                r->iif = g_strdup(w);
                return true;
        case QK_OIF:
                if (!line_parse_ifname(c, "oif", w))
                        return false;
                g_free(r->oif);
                r->oif = g_strdup(w);
                return true;
        case QK_UIDRANGE:
                return parse_uidrange(c, w, r);
        case QK_IPPROTO:
                if (ip_ipproto_from_string(w, &r->ipproto) < 0) {
                        line_diag(c, DIAG_ERROR, "ipproto",
                                  "tcp, udp, icmp, ipv6-icmp, sctp... or a number to 255",
                                  "unknown ipproto '%s'", w);
                        return false;
                }
                return true;
        case QK_SPORT:
                return parse_ports(c, "sport", w, &r->sport);
        case QK_DPORT:
                return parse_ports(c, "dport", w, &r->dport);
        default:
                g_assert_not_reached();
        }
}

/*
 * A word that is no keyword is an action, optionally after "type": goto N,
 * nop, or a route type (rtnl_rtntype_a2n(), numbers included) taken as the
 * FR_ACT_* of the same number.
 */
static bool parse_action(const LineCtx *c, char *const *words, size_t *i, NetRule *r)
{
        const char *w = words[*i], *s;
        g_autofree char *note = NULL;
        uint8_t type;

        if (g_str_equal(w, "type") && !(w = line_next_arg(c, words, i, "type", "type ACTION")))
                return false;
        if (r->action != FR_ACT_UNSPEC)
                line_diag(c, DIAG_WARNING, w, "give one action",
                          "a second action '%s'; the last one counts, as for ip", w);
        if (*w && strncmp(w, "goto", strlen(w)) == 0) {
                if (!(s = line_next_arg(c, words, i, "goto", "goto PRIORITY")) ||
                    !line_parse_u32(c, "goto", s, &r->goto_target))
                        return false;
                r->action = FR_ACT_GOTO;
                return true;
        }
        if (*w && strncmp(w, "nop", strlen(w)) == 0) {
                r->action = FR_ACT_NOP;
                return true;
        }
        if (g_ascii_isdigit(w[0]) || ip_rtntype_from_string(w, false, &type) < 0) {
                s = ip_keyword_suggest(rule_words, G_N_ELEMENTS(rule_words), w);
                note = s ? g_strdup_printf("did you mean '%s'?", s)
                         : g_strdup("see ip-rule(8) for the options");
                line_diag(c, DIAG_ERROR, w, note, "unknown rule option '%s'", w);
                return false;
        }
        note = abbrev_note(w, ip_rtntype_name(type));
        switch (type) {
        case RTN_UNICAST: /* FR_ACT_TO_TBL */
        case RTN_BLACKHOLE:
        case RTN_UNREACHABLE:
        case RTN_PROHIBIT:
                r->action = type;
                return true;
        default:
                line_diag(c, DIAG_ERROR, ip_rtntype_name(type),
                          "a rule's action is lookup TABLE, goto, nop, blackhole, unreachable or "
                          "prohibit",
                          "rule action '%s' is not supported%s", ip_rtntype_name(type), note);
                return false;
        }
}

bool rule_line_parse(const LineCtx *c, char *const *words, NetRule *r)
{
        uint32_t seen = 0;

        for (size_t i = 0; words[i]; i++) {
                const char *w = words[i];
                const IpKeyword *k = ip_keyword_find(rule_keywords, G_N_ELEMENTS(rule_keywords), w);
                g_autofree char *note = NULL;

                if (!k) {
                        if (!parse_action(c, words, &i, r))
                                return false;
                        continue;
                }
                note = abbrev_note(w, k->name);
                if (!supported(k->id)) {
                        line_diag(c, DIAG_ERROR, k->name,
                                  "bondcfg sets a rule's from, to, iif, oif, fwmark, tos, "
                                  "priority, table, action, suppress_prefixlength, ipproto, "
                                  "sport, dport, uidrange, proto and not",
                                  "rule option '%s' is not supported by bondcfg%s", k->name, note);
                        return false;
                }
                if (seen & (1u << k->id) && k->id != QK_NOT)
                        line_diag(c, DIAG_WARNING, k->name, "give it once",
                                  "'%s' is given twice; the last one counts, as for ip", k->name);
                seen |= 1u << k->id;
                if (!parse_option(c, words, &i, k->id, r))
                        return false;
        }
        /* "unicast" without a table: table_ok, so ip sends table 0 */
        if (net_rule_action(r) == FR_ACT_TO_TBL && net_rule_table(r) == RT_TABLE_UNSPEC)
                return no_table(c);
        return true;
}
