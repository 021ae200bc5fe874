/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * One line of route-DEV / route6-DEV: the argument list of `ip route add`,
 * read with the keywords, abbreviations and defaults of iproute2's
 * ip/iproute.c iproute_modify().
 */
#include <string.h>
#include <sys/socket.h>
#include <linux/rtnetlink.h>

#include "route-file-internal.h"

enum {
        RK_SRC,
        RK_AS,
        RK_VIA,
        RK_FROM,
        RK_TOS,
        RK_EXPIRES,
        RK_METRIC,
        RK_SCOPE,
        RK_MTU,
        RK_OTHER_METRIC, /* hoplimit, advmss, window... */
        RK_REALMS,
        RK_ONLINK,
        RK_NEXTHOP,
        RK_NHID,
        RK_PROTOCOL,
        RK_TABLE,
        RK_VRF,
        RK_DEV,
        RK_PREF,
        RK_ENCAP,
        RK_TTL_PROPAGATE,
};

/* iproute_modify()'s order, which decides what an abbreviation means: "p" is
 * priority (metric), "s" ssthresh, "t" table, "d" dsfield. */
static const IpKeyword route_keywords[] = {
        { "src", false, RK_SRC },
        { "as", false, RK_AS },
        { "via", false, RK_VIA },
        { "from", false, RK_FROM },
        { "tos", false, RK_TOS },
        { "dsfield", true, RK_TOS },
        { "expires", false, RK_EXPIRES },
        { "metric", true, RK_METRIC },
        { "priority", true, RK_METRIC },
        { "preference", false, RK_METRIC },
        { "scope", false, RK_SCOPE },
        { "mtu", false, RK_MTU },
        { "hoplimit", false, RK_OTHER_METRIC },
        { "advmss", false, RK_OTHER_METRIC },
        { "reordering", true, RK_OTHER_METRIC },
        { "rtt", false, RK_OTHER_METRIC },
        { "rto_min", false, RK_OTHER_METRIC },
        { "window", true, RK_OTHER_METRIC },
        { "cwnd", true, RK_OTHER_METRIC },
        { "initcwnd", true, RK_OTHER_METRIC },
        { "initrwnd", true, RK_OTHER_METRIC },
        { "features", true, RK_OTHER_METRIC },
        { "quickack", true, RK_OTHER_METRIC },
        { "congctl", true, RK_OTHER_METRIC },
        { "rttvar", true, RK_OTHER_METRIC },
        { "ssthresh", true, RK_OTHER_METRIC },
        { "realms", true, RK_REALMS },
        { "onlink", false, RK_ONLINK },
        { "nexthop", false, RK_NEXTHOP },
        { "nhid", false, RK_NHID },
        { "protocol", true, RK_PROTOCOL },
        { "table", true, RK_TABLE },
        { "vrf", true, RK_VRF },
        { "dev", false, RK_DEV },
        { "oif", false, RK_DEV },
        { "pref", true, RK_PREF },
        { "encap", false, RK_ENCAP },
        { "ttl-propagate", false, RK_TTL_PROPAGATE },
        { "fastopen_no_cookie", true, RK_OTHER_METRIC },
};

/* What bondcfg reads, for "did you mean". */
static const IpKeyword route_words[] = {
        { "to", false, 0 },       { "default", false, 0 },    { "via", false, 0 },
        { "dev", false, 0 },      { "table", false, 0 },      { "metric", false, 0 },
        { "priority", false, 0 }, { "preference", false, 0 }, { "src", false, 0 },
        { "proto", false, 0 },    { "protocol", false, 0 },   { "scope", false, 0 },
        { "mtu", false, 0 },      { "lock", false, 0 },       { "onlink", false, 0 },
        { "tos", false, 0 },      { "dsfield", false, 0 },    { "unicast", false, 0 },
        { "local", false, 0 },    { "blackhole", false, 0 },  { "unreachable", false, 0 },
        { "prohibit", false, 0 }, { "throw", false, 0 },
};

#define SUPPORTED_HINT                                                                             \
        "bondcfg sets a route's type, destination, via, dev, table, metric, src, proto, scope, "   \
        "tos, mtu and onlink; leave the route to another tool, or drop the option"

static bool supported(int id)
{
        switch (id) {
        case RK_SRC:
        case RK_VIA:
        case RK_TOS:
        case RK_METRIC:
        case RK_SCOPE:
        case RK_MTU:
        case RK_ONLINK:
        case RK_PROTOCOL:
        case RK_TABLE:
        case RK_DEV:
                return true;
        default:
                return false;
        }
}

/* NetworkManager's parse_route_line() in OPTIONSn mode: no to, via, metric,
 * dev; and it knows no proto. */
static bool allowed_in_options(int id)
{
        return id != RK_VIA && id != RK_METRIC && id != RK_DEV && id != RK_PROTOCOL;
}

static bool unknown_word(const LineCtx *c, const char *w, const char *dst)
{
        const char *s = ip_keyword_suggest(route_words, G_N_ELEMENTS(route_words), w);
        g_autofree char *hint = NULL;

        if (s)
                hint = g_strdup_printf("did you mean '%s'?", s);
        else if (dst)
                hint = g_strdup_printf("the destination is %s already; see ip-route(8)", dst);
        else
                hint = g_strdup("see ip-route(8) for the options");
        line_diag(c, DIAG_ERROR, w, hint, "unknown route option '%s'", w);
        return false;
}

static bool route_type(const LineCtx *c, const char *w, uint8_t type, NetRoute *r)
{
        const char *name = ip_rtntype_name(type);
        g_autofree char *note = abbrev_note(w, name);

        switch (type) {
        case RTN_UNICAST:
        case RTN_LOCAL:
        case RTN_BLACKHOLE:
        case RTN_UNREACHABLE:
        case RTN_PROHIBIT:
        case RTN_THROW:
                if (r->type != RTN_UNSPEC)
                        line_diag(c, DIAG_WARNING, name, "give one type",
                                  "a second route type '%s'%s; the last one counts", w, note);
                r->type = type;
                return true;
        default:
                line_diag(c, DIAG_ERROR, name,
                          "bondcfg installs unicast, local, blackhole, unreachable, prohibit "
                          "and throw routes",
                          "route type '%s' is not supported%s", name, note);
                return false;
        }
}

/* "[to] [TYPE] PREFIX", or a word that is none of it. */
static bool parse_dst(const LineCtx *c, char *const *words, size_t *i, NetRoute *r,
                      bool options_only)
{
        const char *w = words[*i];
        bool qualified = false;
        uint8_t type;
        IpPrefix p;

        if (options_only) {
                /* parse_route_line() takes the type names, whole, in OPTIONSn */
                if (ip_rtntype_from_string(w, false, &type) == 0 &&
                    g_strcmp0(ip_rtntype_name(type), w) == 0)
                        return route_type(c, w, type, r);
                return unknown_word(c, w, NULL);
        }
        if (g_str_equal(w, "to")) {
                if (!(w = line_next_arg(c, words, i, "to", "to PREFIX")))
                        return false;
                qualified = true;
        }
        /* iproute_modify() tries a type only on a word not starting with a digit */
        if (!g_ascii_isdigit(w[0]) && ip_rtntype_from_string(w, false, &type) == 0) {
                if (!route_type(c, w, type, r))
                        return false;
                if (!(w = line_next_arg(c, words, i, ip_rtntype_name(type),
                                        "TYPE PREFIX, e.g. 'blackhole 10.0.0.0/8'")))
                        return false;
                qualified = true;
        }
        if (r->dst)
                return unknown_word(c, w, r->dst);
        /* a word that cannot be meant as an address was meant as an option */
        if (!qualified && !strpbrk(w, "0123456789:./") && ip_parse_prefix(c->family, w, &p) < 0)
                return unknown_word(c, w, NULL);
        if (!line_parse_prefix(c, "destination", w, &p))
                return false;
        if (p.family == AF_INET && ip_prefix_has_host_bits(&p)) {
                g_autofree char *a = NULL;
                g_autofree char *hint = NULL;

                ip_prefix_clear_host_bits(&p);
                a = ip_prefix_addr_string(&p);
                hint = g_strdup_printf("did you mean %s/%u?", a, p.plen);
                /* fib_table_insert(): "Invalid prefix for given prefix length" */
                line_diag(c, DIAG_ERROR, "destination", hint,
                          "'%s' has bits set beyond its /%u: the kernel refuses it", w, p.plen);
                return false;
        }
        if (ip_prefix_has_host_bits(&p)) {
                g_autofree char *a = NULL;

                /* ip6_route_info_create() masks them silently */
                ip_prefix_clear_host_bits(&p);
                a = ip_prefix_addr_string(&p);
                line_diag(c, DIAG_WARNING, "destination", "write the network address",
                          "'%s' has bits set beyond its /%u: the kernel installs %s/%u", w, p.plen,
                          a, p.plen);
        }
        r->dst = ip_prefix_addr_string(&p);
        r->prefix = p.plen;
        return true;
}

static bool parse_via(const LineCtx *c, char *const *words, size_t *i, NetRoute *r)
{
        const char *w;
        IpPrefix p;

        if (r->gateway) {
                line_diag(c, DIAG_ERROR, "via", "bondcfg installs routes with one gateway",
                          "a second 'via': that is a multipath route");
                return false;
        }
        if (!(w = line_next_arg(c, words, i, "via", "via ADDRESS")))
                return false;
        /* ip's read_family(): "via inet6 ADDR" in an IPv4 route is RTA_VIA */
        if (g_str_equal(w, "inet") || g_str_equal(w, "inet6")) {
                int fam = g_str_equal(w, "inet") ? AF_INET : AF_INET6;

                if (fam != c->family) {
                        line_diag(c, DIAG_ERROR, "via", "give a gateway of the route's own family",
                                  "a gateway of another family (via %s) is not supported", w);
                        return false;
                }
                if (!(w = line_next_arg(c, words, i, "via", "via ADDRESS")))
                        return false;
        }
        if (!line_parse_addr(c, "via", w, &p))
                return false;
        r->gateway = ip_prefix_addr_string(&p);
        return true;
}

static bool parse_option(const LineCtx *c, char *const *words, size_t *i, int id, NetRoute *r)
{
        const char *kw = words[*i], *w;
        IpPrefix p;
        uint32_t v;

        switch (id) {
        case RK_SRC:
                if (!(w = line_next_arg(c, words, i, "src", "src ADDRESS")) ||
                    !line_parse_addr(c, "src", w, &p))
                        return false;
                g_free(r->prefsrc);
                r->prefsrc = ip_prefix_addr_string(&p);
                return true;
        case RK_VIA:
                return parse_via(c, words, i, r);
        case RK_TOS:
                if (!(w = line_next_arg(c, words, i, "tos", "tos HEX, e.g. tos 0x10")))
                        return false;
                if (c->family == AF_INET6) {
                        /* rtm_to_fib6_config(): "Invalid dsfield (tos): option not available
                         * for IPv6" */
                        line_diag(c, DIAG_ERROR, "tos", "drop it",
                                  "the kernel takes no tos in an IPv6 route");
                        return false;
                }
                if (ip_dsfield_from_string(w, &r->tos) < 0) {
                        line_diag(c, DIAG_ERROR, "tos", "a hex number from 0 to ff, e.g. 0x10",
                                  "invalid tos '%s'", w);
                        return false;
                }
                return true;
        case RK_METRIC:
                if (!(w = line_next_arg(c, words, i, "metric", "metric NUMBER")) ||
                    !line_parse_u32(c, "metric", w, &r->metric))
                        return false;
                r->has_metric = true;
                return true;
        case RK_SCOPE:
                if (!(w = line_next_arg(c, words, i, "scope", "scope global|link|host")))
                        return false;
                if (ip_scope_from_string(w, &r->scope) < 0) {
                        line_diag(c, DIAG_ERROR, "scope",
                                  "global, site, link, host, nowhere or a number to 255",
                                  "invalid scope '%s'", w);
                        return false;
                }
                r->has_scope = true;
                return true;
        case RK_MTU:
                if (!(w = line_next_arg(c, words, i, "mtu", "mtu [lock] BYTES")))
                        return false;
                if (g_str_equal(w, "lock")) {
                        r->mtu_lock = true;
                        if (!(w = line_next_arg(c, words, i, "mtu", "mtu lock BYTES")))
                                return false;
                }
                if (!line_parse_u32(c, "mtu", w, &v))
                        return false;
                if (v == 0) {
                        line_diag(c, DIAG_ERROR, "mtu", "give the MTU in bytes, e.g. mtu 1400",
                                  "mtu 0 sets no MTU");
                        return false;
                }
                r->mtu = v;
                return true;
        case RK_ONLINK:
                r->onlink = true;
                return true;
        case RK_PROTOCOL:
                if (!(w = line_next_arg(c, words, i, "proto", "proto NAME|NUMBER")))
                        return false;
                if (ip_proto_from_string(c->names, w, &r->protocol) < 0) {
                        line_diag(c, DIAG_ERROR, "proto",
                                  "boot, static, kernel, ra, dhcp, redirect, a name from "
                                  "rt_protos, or a number to 255",
                                  "invalid proto '%s'", w);
                        return false;
                }
                r->has_protocol = true;
                return true;
        case RK_TABLE:
                if (!(w = line_next_arg(c, words, i, "table", "table main|local|NUMBER")))
                        return false;
                if (ip_table_from_string(c->names, w, &r->table) < 0) {
                        line_diag(c, DIAG_ERROR, "table",
                                  "main, local, default, a name from rt_tables, or a number",
                                  "unknown table '%s'", w);
                        return false;
                }
                /* fib_new_table() and fib6_new_table() take table 0 as main */
                if (r->table == RT_TABLE_UNSPEC)
                        r->table = RT_TABLE_MAIN;
                return true;
        case RK_DEV:
                if (!(w = line_next_arg(c, words, i, kw, "dev NAME")) ||
                    !line_parse_ifname(c, "dev", w))
                        return false;
                g_free(r->oif);
                r->oif = g_strdup(w);
                return true;
        default:
                g_assert_not_reached();
        }
}

/* What the kernel refuses outright, said before it does. */
static bool check_route(const LineCtx *c, const NetRoute *r)
{
        bool reject = r->type == RTN_BLACKHOLE || r->type == RTN_UNREACHABLE ||
                      r->type == RTN_PROHIBIT || r->type == RTN_THROW;

        /* fib_create_info(): "Gateway, device and multipath can not be
         * specified for this route type" (IPv4 only; IPv6 puts them on lo) */
        if (c->family == AF_INET && reject && (r->gateway || r->oif)) {
                line_diag(c, DIAG_ERROR, r->gateway ? "via" : "dev", "drop the via and dev",
                          "a %s route takes no gateway nor device: the kernel refuses it",
                          ip_rtntype_name(r->type));
                return false;
        }
        return true;
}

bool route_line_parse(const LineCtx *c, char *const *words, NetRoute *r, bool options_only)
{
        uint32_t seen = 0;

        for (size_t i = 0; words[i]; i++) {
                const char *w = words[i];
                const IpKeyword *k =
                        ip_keyword_find(route_keywords, G_N_ELEMENTS(route_keywords), w);
                g_autofree char *note = NULL;

                if (!k) {
                        if (!parse_dst(c, words, &i, r, options_only))
                                return false;
                        continue;
                }
                note = abbrev_note(w, k->name);
                if (!supported(k->id)) {
                        line_diag(c, DIAG_ERROR, k->name, SUPPORTED_HINT,
                                  "route option '%s' is not supported by bondcfg%s", k->name, note);
                        return false;
                }
                if (options_only && (!allowed_in_options(k->id) || !g_str_equal(w, k->name))) {
                        line_diag(c, DIAG_ERROR, k->name,
                                  "OPTIONSn takes table, src, tos, scope, mtu, onlink and a "
                                  "type, written out; ADDRESSn, GATEWAYn and METRICn give the "
                                  "rest",
                                  "'%s' is not an option NetworkManager reads in OPTIONSn", w);
                        return false;
                }
                if (seen & (1u << k->id) && k->id != RK_VIA && k->id != RK_ONLINK)
                        line_diag(c, DIAG_WARNING, k->name, "give it once",
                                  "'%s' is given twice; the last one counts, as for ip", k->name);
                seen |= 1u << k->id;
                if (!parse_option(c, words, &i, k->id, r))
                        return false;
        }
        if (!options_only && !r->dst) {
                line_diag(c, DIAG_ERROR, NULL,
                          "start the line with the destination: ADDRESS/PREFIXLEN or default",
                          "no destination in this route");
                return false;
        }
        return check_route(c, r);
}
