/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The key=value form of route-DEV: ADDRESSn, NETMASKn, GATEWAYn as
 * network-scripts/ifup-routes handle_file() reads them, METRICn and OPTIONSn
 * as NetworkManager's read_one_ip4_route() does.  The file is parsed by the
 * ifcfg reader, never sourced.
 */
#include <arpa/inet.h>
#include <string.h>
#include <sys/socket.h>

#include "ifcfg.h"
#include "route-file-internal.h"
#include "strutil.h"

static const char *const key_names[] = { "ADDRESS", "NETMASK", "GATEWAY", "METRIC", "OPTIONS" };

enum { K_ADDRESS, K_NETMASK, K_GATEWAY, K_METRIC, K_OPTIONS };

/* The grep of ifup-routes: ^[[:space:]]*ADDRESS[0-9]+= */
bool route_file_is_keyvalue(const char *buf, size_t len)
{
        const char *p = buf, *end = buf + len;

        while (p < end) {
                const char *nl = memchr(p, '\n', (size_t)(end - p));
                const char *eol = nl ? nl : end;
                const char *q = p;

                while (q < eol && g_ascii_isspace(*q))
                        q++;
                if ((size_t)(eol - q) > 7 && memcmp(q, "ADDRESS", 7) == 0) {
                        const char *d = q + 7;

                        while (d < eol && g_ascii_isdigit(*d))
                                d++;
                        if (d > q + 7 && d < eol && *d == '=')
                                return true;
                }
                p = nl ? nl + 1 : end;
        }
        return false;
}

/*
 * KEYn -> kind and n.  The shell variable ADDRESS01 is not ADDRESS1, and
 * ifup-routes counts 0, 1, 2...: an index with a leading zero is no key of
 * it.  -1 if key is none of the five.
 */
static int split_key(const char *key, unsigned *n)
{
        for (int k = 0; k < (int)G_N_ELEMENTS(key_names); k++) {
                size_t l = strlen(key_names[k]);
                uint64_t v;

                if (strncmp(key, key_names[k], l) != 0)
                        continue;
                if ((key[l] == '0' && key[l + 1]) ||
                    ip_parse_decimal(key + l, UINT32_MAX - 1, &v) < 0)
                        return -1;
                *n = (unsigned)v;
                return k;
        }
        return -1;
}

static void unknown_key(const char *path, const IfcfgVar *v, DiagList *diags)
{
        const char *digits = v->key + strlen(v->key);
        g_autofree char *name = NULL;
        g_autofree char *hint = NULL;
        const char *best = NULL;
        unsigned best_d = 3;

        while (digits > v->key && g_ascii_isdigit(digits[-1]))
                digits--;
        name = g_strndup(v->key, (gsize)(digits - v->key));
        for (size_t k = 0; k < G_N_ELEMENTS(key_names); k++) {
                unsigned d = str_edit_distance(name, key_names[k], 2);

                if (d < best_d) {
                        best_d = d;
                        best = key_names[k];
                }
        }
        if (best_d == 0 && digits[0] == '0')
                hint = g_strdup_printf("ifup-routes reads %s0, %s1...: write the number without "
                                       "leading zeros",
                                       best, best);
        else if (best_d == 0)
                hint = g_strdup_printf("ifup-routes reads %s0, %s1, %s2...", best, best, best);
        else if (best && *digits)
                hint = g_strdup_printf("did you mean '%s%s'?", best, digits);
        else
                hint = g_strdup("a route file of this form holds ADDRESSn, NETMASKn, GATEWAYn, "
                                "METRICn and OPTIONSn, n counting from 0");
        diag_add(diags, DIAG_ERROR, path, v->line, v->key, hint, "unknown key '%s' in a route file",
                 v->key);
}

static const char *get(const IfcfgFile *f, int kind, unsigned n, char **key)
{
        const char *v;

        g_free(*key);
        *key = g_strdup_printf("%s%u", key_names[kind], n);
        v = ifcfg_get(f, *key);
        /* ifup-routes tests "x$ADDRESSn" = "xx": empty is unset */
        return v && *v ? v : NULL;
}

static bool ipv4(const char *s, uint8_t a[4])
{
        return inet_pton(AF_INET, s, a) == 1;
}

static int netmask_prefix(const uint8_t m[4])
{
        uint32_t mask = (uint32_t)m[0] << 24 | (uint32_t)m[1] << 16 | (uint32_t)m[2] << 8 | m[3];
        uint32_t host = ~mask;
        int len = 0;

        if (host & (host + 1))
                return -1;
        for (; mask; mask <<= 1)
                len++;
        return len;
}

/* One route from ADDRESSn and its companions; NULL (with diagnostics) if bad. */
static NetRoute *read_route(const IfcfgFile *f, const char *path, unsigned n, const char *dev,
                            const IpNames *names, DiagList *diags)
{
        g_autoptr(NetRoute) r = net_route_new(AF_INET);
        g_autofree char *key = NULL;
        g_autoptr(GString) text = g_string_new(NULL);
        const char *addr = get(f, K_ADDRESS, n, &key), *v;
        unsigned line = ifcfg_line(f, key);
        uint8_t a[4], m[4];
        IpPrefix p = { .family = AF_INET, .plen = 32 };

        g_string_append_printf(text, "%s=%s", key, addr);
        if (!ipv4(addr, a)) {
                diag_add(diags, DIAG_ERROR, path, line, key, "an IPv4 address, e.g. 192.0.2.0",
                         "invalid %s '%s'", key, addr);
                return NULL;
        }
        memcpy(p.addr, a, 4);
        if ((v = get(f, K_NETMASK, n, &key))) {
                int len;

                g_string_append_printf(text, " %s=%s", key, v);
                if (!ipv4(v, m) || (len = netmask_prefix(m)) < 0) {
                        diag_add(diags, DIAG_ERROR, path, ifcfg_line(f, key), key,
                                 "a contiguous netmask, e.g. 255.255.255.0", "invalid %s '%s'", key,
                                 v);
                        return NULL;
                }
                p.plen = (unsigned)len;
        } else {
                /*
                 * ifup-routes runs `ipcalc -p ADDRESS` with no mask.  ipcalc
                 * since 0.1.7 (RHEL 8, 9) answers PREFIX=32 ("assume a
                 * classless IPv4 range by default"); RHEL 7's own ipcalc gave
                 * the classful mask; NetworkManager's read_one_ip4_route()
                 * refuses the route ("Missing IP4 route element").  bondcfg
                 * follows RHEL 8/9's ifup-routes: a host route, with a warning.
                 */
                g_autofree char *hint = g_strdup_printf(
                        "add %s=255.255.255.255, or the mask you mean: NetworkManager refuses a "
                        "route without it, and RHEL 7 used the address class's mask",
                        key);

                diag_add(diags, DIAG_WARNING, path, line, key, hint,
                         "no %s: the route to %s is a host route (/32), as ipcalc -p gives it", key,
                         addr);
        }
        if (ip_prefix_has_host_bits(&p)) {
                g_autofree char *net = NULL;
                g_autofree char *hint = NULL;

                ip_prefix_clear_host_bits(&p);
                net = ip_prefix_addr_string(&p);
                hint = g_strdup_printf("did you mean %s?", net);
                diag_add(diags, DIAG_ERROR, path, line, key, hint,
                         "%s/%u has bits set beyond the netmask: the kernel refuses it", addr,
                         p.plen);
                return NULL;
        }
        r->dst = ip_prefix_addr_string(&p);
        r->prefix = p.plen;
        if ((v = get(f, K_GATEWAY, n, &key))) {
                g_string_append_printf(text, " %s=%s", key, v);
                if (!ipv4(v, a)) {
                        diag_add(diags, DIAG_ERROR, path, ifcfg_line(f, key), key,
                                 "an IPv4 address, e.g. 192.0.2.1", "invalid %s '%s'", key, v);
                        return NULL;
                }
                /* read_one_ip4_route(): a GATEWAYn of 0.0.0.0 is no gateway */
                if (a[0] | a[1] | a[2] | a[3])
                        r->gateway = g_strdup(v);
        }
        if ((v = get(f, K_METRIC, n, &key))) {
                uint64_t metric;

                g_string_append_printf(text, " %s=%s", key, v);
                /* NetworkManager reads it in base 10 (initscripts ignores it) */
                if (ip_parse_decimal(v, UINT32_MAX, &metric) < 0) {
                        diag_add(diags, DIAG_ERROR, path, ifcfg_line(f, key), key,
                                 "a number from 0 to 4294967295", "invalid %s '%s'", key, v);
                        return NULL;
                }
                r->has_metric = true;
                r->metric = (uint32_t)metric;
        }
        if ((v = get(f, K_OPTIONS, n, &key))) {
                LineCtx c = { .path = path,
                              .line = ifcfg_line(f, key),
                              .text = v,
                              .family = AF_INET,
                              .names = names,
                              .diags = diags,
                              .what = "route" };
                g_auto(GStrv) words = ip_split_words(v);

                g_string_append_printf(text, " %s=\"%s\"", key, v);
                if (!route_line_parse(&c, words, r, true))
                        return NULL;
        }
        r->oif = g_strdup(dev);
        r->origin.file = g_strdup(path);
        r->origin.line = line;
        r->origin.text = g_string_free(g_steal_pointer(&text), FALSE);
        return g_steal_pointer(&r);
}

void route_file_parse_keyvalue(const char *path, const char *buf, size_t len, const char *dev,
                               const IpNames *names, GPtrArray *routes_out, DiagList *diags)
{
        g_autoptr(IfcfgFile) f = NULL;
        g_autofree char *key = NULL;
        unsigned count = 0;

        ifcfg_parse_buffer(path, buf, len, &f, diags);
        /* ifup-routes reads ADDRESS0, ADDRESS1... up to the first one unset; an
         * assignment the ifcfg reader refused (already an error) counts as set */
        while (get(f, K_ADDRESS, count, &key) || ifcfg_refused(f, key))
                count++;
        for (guint i = 0; i < ifcfg_n_vars(f); i++) {
                const IfcfgVar *v = ifcfg_var(f, i);
                unsigned n;
                int kind = split_key(v->key, &n);

                if (kind < 0) {
                        unknown_key(path, v, diags);
                } else if (n >= count && count > 0) {
                        if (kind == K_ADDRESS && n == count)
                                diag_add(diags, DIAG_WARNING, path, v->line, v->key,
                                         "remove it, or give it an address",
                                         "%s is empty: ifup-routes takes it as unset and reads "
                                         "no route from here on",
                                         v->key);
                        else
                                diag_add(diags, DIAG_WARNING, path, v->line, v->key,
                                         "number the routes 0, 1, 2... without a gap",
                                         "%s is not read: ifup-routes stops at the first "
                                         "missing ADDRESSn, ADDRESS%u",
                                         v->key, count);
                }
        }
        if (count == 0) {
                /* handle_file(): "Route entries are not sequentially ordered.
                 * Skipping $1 file" */
                diag_add(diags, DIAG_ERROR, path, 0, "ADDRESS0",
                         "number the routes from 0: ADDRESS0, ADDRESS1...",
                         "no ADDRESS0: ifup-routes skips the whole file");
                return;
        }
        for (unsigned n = 0; n < count; n++) {
                NetRoute *r;

                if (!get(f, K_ADDRESS, n, &key))
                        continue; /* refused by the ifcfg reader */
                r = read_route(f, path, n, dev, names, diags);
                if (r)
                        g_ptr_array_add(routes_out, r);
        }
}
