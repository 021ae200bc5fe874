/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * route-DEV, route6-DEV, rule-DEV, rule6-DEV: the lines, as
 * network-scripts/ifup-routes handle_ip_file() reads them, and what the
 * route and rule line readers share.
 */
#include "route-file.h"
#include "trust.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include "route-file-internal.h"

void line_diag(const LineCtx *c, DiagSeverity sev, const char *key, const char *hint,
               const char *fmt, ...)
{
        va_list ap;

        va_start(ap, fmt);
        diag_addv(c->diags, sev, c->path, c->line, key, hint, fmt, ap);
        va_end(ap);
}

const char *family_name(int family)
{
        return family == AF_INET6 ? "IPv6" : "IPv4";
}

char *abbrev_note(const char *word, const char *name)
{
        if (g_str_equal(word, name))
                return g_strdup("");
        return g_strdup_printf(" ('%s' is how ip abbreviates '%s')", word, name);
}

const char *line_next_arg(const LineCtx *c, char *const *words, size_t *i, const char *keyword,
                          const char *usage)
{
        if (!words[*i + 1]) {
                line_diag(c, DIAG_ERROR, keyword, usage, "'%s' needs a value", keyword);
                return NULL;
        }
        (*i)++;
        return words[*i];
}

static void warn_unusual(const LineCtx *c, const char *what, const char *word, const IpPrefix *p)
{
        g_autofree char *addr = ip_prefix_addr_string(p);

        if (!p->unusual)
                return;
        line_diag(c, DIAG_WARNING, what,
                  "write the address in plain dotted decimal, without leading zeros",
                  "ip reads '%s' as %s: a part that starts with 0 is octal (0x: hex)", word, addr);
}

static bool addr_error(const LineCtx *c, const char *what, const char *word, int r, bool prefix)
{
        int other = c->family == AF_INET6 ? AF_INET : AF_INET6;

        if (r == -EAFNOSUPPORT)
                line_diag(c, DIAG_ERROR, what,
                          c->family == AF_INET6
                                  ? "IPv4 routes and rules go into route-DEV and rule-DEV"
                                  : "IPv6 routes and rules go into route6-DEV and rule6-DEV",
                          "%s '%s' is an %s address in an %s file", what, word, family_name(other),
                          family_name(c->family));
        else
                line_diag(c, DIAG_ERROR, what,
                          prefix ? (c->family == AF_INET6 ? "write it as 2001:db8::/32, or default"
                                                          : "write it as 192.0.2.0/24, or default")
                                 : (c->family == AF_INET6 ? "write it as 2001:db8::1"
                                                          : "write it as 192.0.2.1"),
                          "invalid %s '%s': not an %s %s", what, word, family_name(c->family),
                          prefix ? "prefix" : "address");
        return false;
}

bool line_parse_addr(const LineCtx *c, const char *what, const char *word, IpPrefix *out)
{
        int r = ip_parse_addr(c->family, word, out);

        if (r < 0)
                return addr_error(c, what, word, r, false);
        warn_unusual(c, what, word, out);
        return true;
}

bool line_parse_prefix(const LineCtx *c, const char *what, const char *word, IpPrefix *out)
{
        int r = ip_parse_prefix(c->family, word, out);

        if (r < 0)
                return addr_error(c, what, word, r, true);
        warn_unusual(c, what, word, out);
        return true;
}

bool line_parse_u32(const LineCtx *c, const char *keyword, const char *word, uint32_t *out)
{
        uint64_t v;

        if (ip_parse_uint(word, 0, UINT32_MAX, &v) < 0) {
                line_diag(c, DIAG_ERROR, keyword, "a number from 0 to 4294967295",
                          "invalid %s '%s'", keyword, word);
                return false;
        }
        *out = (uint32_t)v;
        return true;
}

bool line_parse_ifname(const LineCtx *c, const char *keyword, const char *word)
{
        if (ip_ifname_valid(word))
                return true;
        line_diag(c, DIAG_ERROR, keyword,
                  "a device name has 1 to 15 characters, no '/' and no blanks",
                  "invalid device name '%s'", word);
        return false;
}

/* ---- the lines ------------------------------------------------------------- */

/* initscripts skips a line matching ^[[:space:]]*(#.*)?$ (ifup-routes MATCH). */
static bool is_blank_or_comment(const char *p, const char *end)
{
        while (p < end && g_ascii_isspace(*p))
                p++;
        return p == end || *p == '#';
}

/*
 * What the shell would not pass to ip as it stands: `read` (no -r) drops
 * backslashes, and quotes stay in the word; a '#' after the start of the
 * line is no comment (ip gets it as an argument).
 */
static bool check_shell_chars(const LineCtx *c, char *const *words)
{
        for (size_t i = 0; words[i]; i++) {
                const char *w = words[i];

                if (w[0] == '#') {
                        line_diag(c, DIAG_ERROR, NULL,
                                  "put the comment on a line of its own: ifup-routes passes "
                                  "the rest of the line to ip",
                                  "'%s' starts no comment in the middle of a line", w);
                        return false;
                }
                if (strchr(w, '\\')) {
                        line_diag(c, DIAG_ERROR, NULL,
                                  "remove it: initscripts' `read` drops it, NetworkManager "
                                  "keeps it",
                                  "backslash in '%s'", w);
                        return false;
                }
                if (strpbrk(w, "\"'")) {
                        line_diag(c, DIAG_ERROR, NULL,
                                  "remove the quotes: ifup-routes passes the line to ip "
                                  "unquoted, quotes and all",
                                  "quote in '%s'", w);
                        return false;
                }
        }
        return true;
}

typedef bool (*LineFn)(const LineCtx *c, char *const *words, void *userdata);

/* The NUL check of the ifcfg reader: a file with one is not text. */
static bool check_text(const char *path, const char *buf, size_t len, DiagList *diags)
{
        const char *nul = len ? memchr(buf, '\0', len) : NULL;
        unsigned line = 1;

        if (!nul)
                return true;
        for (const char *q = buf; q < nul; q++)
                line += *q == '\n';
        diag_add(diags, DIAG_ERROR, path, line, NULL, "a route or rule file must be plain text",
                 "NUL byte: not a text file");
        return false;
}

static void each_line(LineCtx *c, const char *buf, size_t len, LineFn fn, void *userdata)
{
        const char *p = buf, *end = buf + len;

        c->line = 0;
        while (p < end) {
                const char *nl = memchr(p, '\n', (size_t)(end - p));
                const char *eol = nl ? nl : end;
                g_autofree char *text = NULL;
                g_auto(GStrv) words = NULL;

                c->line++;
                if (eol > p && eol[-1] == '\r') /* CRLF */
                        eol--;
                if (!is_blank_or_comment(p, eol)) {
                        text = g_strstrip(g_strndup(p, (gsize)(eol - p)));
                        c->text = text;
                        words = ip_split_words(text);
                        if (check_shell_chars(c, words))
                                fn(c, words, userdata);
                        c->text = NULL;
                }
                p = nl ? nl + 1 : end;
        }
}

static void set_origin(NetOrigin *o, const LineCtx *c)
{
        o->file = g_strdup(c->path);
        o->line = c->line;
        o->text = g_strdup(c->text);
}

static bool route_line(const LineCtx *c, char *const *words, void *userdata)
{
        g_autoptr(NetRoute) r = net_route_new(c->family);

        set_origin(&r->origin, c);
        if (!route_line_parse(c, words, r, false))
                return false;
        g_ptr_array_add(userdata, g_steal_pointer(&r));
        return true;
}

static bool rule_line(const LineCtx *c, char *const *words, void *userdata)
{
        g_autoptr(NetRule) r = net_rule_new(c->family);

        set_origin(&r->origin, c);
        if (!rule_line_parse(c, words, r))
                return false;
        g_ptr_array_add(userdata, g_steal_pointer(&r));
        return true;
}

/*
 * Two routes of one key: the kernel keeps one.  ifup-routes' `ip route add`
 * of the second fails with EEXIST and its fallback `ip route replace` then
 * replaces the first, so the later line wins; bondcfg does the same and says
 * so.
 */
static void warn_duplicate_routes(GPtrArray *routes, guint first, DiagList *diags)
{
        for (guint i = first; i < routes->len; i++) {
                const NetRoute *b = routes->pdata[i];

                for (guint j = first; j < i; j++) {
                        const NetRoute *a = routes->pdata[j];
                        g_autofree char *hint = NULL;

                        if (!net_route_same_key(a, b))
                                continue;
                        hint = g_strdup_printf("the kernel keeps one route per destination, "
                                               "table%s and metric: remove one, or give them "
                                               "different metrics",
                                               a->family == AF_INET ? ", tos" : "");
                        diag_add(diags, DIAG_WARNING, b->origin.file, b->origin.line, NULL, hint,
                                 "this route replaces the one of line %u (same destination%s)",
                                 a->origin.line, net_route_equal(a, b) ? ", same route" : "");
                        break;
                }
        }
}

/*
 * Two equal rules: without a priority `ip rule add` adds both, each with a
 * priority of its own (fib_default_rule_pref()); with the same one the
 * kernel refuses the second (rule_exists(): File exists).
 */
static void warn_duplicate_rules(GPtrArray *rules, DiagList *diags)
{
        for (guint i = 0; i < rules->len; i++) {
                const NetRule *b = rules->pdata[i];

                for (guint j = 0; j < i; j++) {
                        const NetRule *a = rules->pdata[j];

                        if (a->has_priority != b->has_priority || !net_rule_equal(a, b))
                                continue;
                        diag_add(diags, DIAG_WARNING, b->origin.file, b->origin.line, NULL,
                                 "remove one of them",
                                 a->has_priority ? "the same rule as line %u: the kernel "
                                                   "refuses the second (File exists)"
                                                 : "the same rule as line %u: the kernel adds "
                                                   "it twice, each with a priority of its own",
                                 a->origin.line);
                        break;
                }
        }
}

int route_file_parse_buffer(const char *path, const char *buf, size_t len, const char *dev,
                            int family, const IpNames *names, GPtrArray *routes_out,
                            DiagList *diags)
{
        LineCtx c = {
                .path = path, .family = family, .names = names, .diags = diags, .what = "route"
        };
        guint first = routes_out->len;

        if (family != AF_INET && family != AF_INET6)
                return -EINVAL;
        if (!check_text(path, buf, len, diags))
                return 0;
        if (route_file_is_keyvalue(buf, len)) {
                if (family == AF_INET6) {
                        diag_add(diags, DIAG_ERROR, path, 0, NULL,
                                 "write one `ip -6 route add` argument list per line, e.g. "
                                 "'2001:db8:1::/48 via 2001:db8::1'",
                                 "the ADDRESSn= form is for IPv4 route-DEV files; NetworkManager "
                                 "reads route6-DEV lines as ip arguments only");
                        return 0;
                }
                route_file_parse_keyvalue(path, buf, len, dev, names, routes_out, diags);
        } else {
                each_line(&c, buf, len, route_line, routes_out);
        }
        warn_duplicate_routes(routes_out, first, diags);
        return 0;
}

int rule_file_parse_buffer(const char *path, const char *buf, size_t len, int family,
                           const IpNames *names, GPtrArray *rules_out, DiagList *diags)
{
        LineCtx c = {
                .path = path, .family = family, .names = names, .diags = diags, .what = "rule"
        };
        g_autoptr(GPtrArray) rules = g_ptr_array_new();

        if (family != AF_INET && family != AF_INET6)
                return -EINVAL;
        if (check_text(path, buf, len, diags))
                each_line(&c, buf, len, rule_line, rules);
        warn_duplicate_rules(rules, diags);
        for (guint i = 0; i < rules->len; i++)
                g_ptr_array_add(rules_out, rules->pdata[i]);
        return 0;
}

int route_file_load(const char *path, const char *dev, int family, const IpNames *names,
                    GPtrArray *routes_out, DiagList *diags)
{
        g_autofree char *buf = NULL;
        size_t len = 0;
        int r = trust_read_file(path, &buf, &len, diags);

        if (r < 0)
                return r;
        return route_file_parse_buffer(path, buf, len, dev, family, names, routes_out, diags);
}

int rule_file_load(const char *path, int family, const IpNames *names, GPtrArray *rules_out,
                   DiagList *diags)
{
        g_autofree char *buf = NULL;
        size_t len = 0;
        int r = trust_read_file(path, &buf, &len, diags);

        if (r < 0)
                return r;
        return rule_file_parse_buffer(path, buf, len, family, names, rules_out, diags);
}
