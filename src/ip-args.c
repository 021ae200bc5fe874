/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ip(8)'s argument conventions: keywords, numbers, addresses, prefixes. */
#include "ip-args.h"
#include "strutil.h"

#include <arpa/inet.h>
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <net/if.h>

/* iproute2's matches(): word is a non-empty prefix of name. */
static bool is_abbrev(const char *word, const char *name)
{
        return *word && strncmp(word, name, strlen(word)) == 0;
}

const IpKeyword *ip_keyword_find(const IpKeyword *tab, size_t n, const char *word)
{
        for (size_t i = 0; i < n; i++) {
                if (strcmp(word, tab[i].name) == 0 ||
                    (tab[i].abbrev && is_abbrev(word, tab[i].name)))
                        return &tab[i];
        }
        return NULL;
}

#define SUGGEST_MAX_DISTANCE 2

const char *ip_keyword_suggest(const IpKeyword *tab, size_t n, const char *word)
{
        const char *best = NULL;
        unsigned best_d = SUGGEST_MAX_DISTANCE + 1;

        /* a one-letter word is two edits from every short keyword */
        if (!word || strlen(word) < 2)
                return NULL;
        for (size_t i = 0; i < n; i++) {
                unsigned d = str_edit_distance(word, tab[i].name, SUGGEST_MAX_DISTANCE);

                if (d < best_d) {
                        best_d = d;
                        best = tab[i].name;
                }
        }
        return best;
}

int ip_parse_uint(const char *s, int base, uint64_t max, uint64_t *out)
{
        unsigned long long v;
        char *end;

        /* strtoull() would skip blanks and take a sign: ip's words have
         * neither, and "-1" must not wrap around */
        if (!s || !(base == 16 ? g_ascii_isxdigit(s[0]) : g_ascii_isdigit(s[0])))
                return -EINVAL;
        errno = 0;
        v = strtoull(s, &end, base);
        if (end == s || *end)
                return -EINVAL;
        if (errno == ERANGE || v > max)
                return -ERANGE;
        *out = v;
        return 0;
}

int ip_parse_decimal(const char *s, uint64_t max, uint64_t *out)
{
        for (const char *p = s; p && *p; p++)
                if (!g_ascii_isdigit(*p))
                        return -EINVAL;
        return ip_parse_uint(s, 10, max, out);
}

size_t ip_family_addr_len(int family)
{
        return family == AF_INET ? 4 : family == AF_INET6 ? 16 : 0;
}

/* ip's get_addr_ipv4(): "10.8" is 10.8.0.0, each part read by strtoul(0). */
static int parse_ipv4(const char *s, IpPrefix *out)
{
        const char *p = s;

        for (int i = 0; i < 4; i++) {
                uint64_t v;
                const char *dot = strchr(p, '.');
                g_autofree char *part = dot ? g_strndup(p, (gsize)(dot - p)) : g_strdup(p);

                if (ip_parse_uint(part, 0, 255, &v) < 0)
                        return -EINVAL;
                if (part[0] == '0' && part[1])
                        out->unusual = true; /* octal or hex */
                out->addr[i] = (uint8_t)v;
                if (!dot)
                        return 0;
                p = dot + 1;
        }
        return -EINVAL; /* a fifth part */
}

int ip_parse_addr(int family, const char *s, IpPrefix *out)
{
        memset(out, 0, sizeof(*out));
        out->family = family;
        if (!s || !*s)
                return -EINVAL;
        /* get_addr_1(): a colon makes it IPv6, anything else is IPv4 */
        if (strchr(s, ':')) {
                if (family != AF_INET6)
                        return -EAFNOSUPPORT;
                if (inet_pton(AF_INET6, s, out->addr) != 1)
                        return -EINVAL;
        } else {
                if (family != AF_INET)
                        return parse_ipv4(s, out) == 0 ? -EAFNOSUPPORT : -EINVAL;
                if (parse_ipv4(s, out) < 0)
                        return -EINVAL;
        }
        out->plen = (unsigned)ip_family_addr_len(family) * 8;
        return 0;
}

/* A contiguous dotted netmask -> its length (get_netmask(), mask2bits()). */
static int netmask_len(const char *s, unsigned *plen)
{
        IpPrefix m;
        uint32_t mask, host;

        if (ip_parse_addr(AF_INET, s, &m) < 0)
                return -EINVAL;
        mask = ((uint32_t)m.addr[0] << 24) | ((uint32_t)m.addr[1] << 16) |
               ((uint32_t)m.addr[2] << 8) | m.addr[3];
        host = ~mask;
        if (host & (host + 1))
                return -EINVAL;
        *plen = 0;
        for (; mask; mask <<= 1)
                (*plen)++;
        return 0;
}

int ip_parse_prefix(int family, const char *s, IpPrefix *out)
{
        const char *slash = s ? strchr(s, '/') : NULL;
        g_autofree char *addr = slash ? g_strndup(s, (gsize)(slash - s)) : g_strdup(s);
        unsigned bits = (unsigned)ip_family_addr_len(family) * 8;
        int r;

        memset(out, 0, sizeof(*out));
        out->family = family;
        if (!s)
                return -EINVAL;
        if (g_str_equal(addr, "default") || g_str_equal(addr, "any") || g_str_equal(addr, "all")) {
                /* ip refuses "default/8" */
                if (slash)
                        return -EINVAL;
                out->any = true;
                return 0;
        }
        r = ip_parse_addr(family, addr, out);
        if (r < 0)
                return r;
        if (slash) {
                uint64_t v;

                if (ip_parse_uint(slash + 1, 0, bits, &v) == 0)
                        out->plen = (unsigned)v;
                else if (netmask_len(slash + 1, &out->plen) < 0 || out->plen > bits)
                        return -EINVAL;
                out->had_plen = true;
        }
        return 0;
}

bool ip_prefix_has_host_bits(const IpPrefix *p)
{
        size_t len = ip_family_addr_len(p->family);

        for (size_t i = 0; i < len; i++) {
                unsigned first = (unsigned)i * 8;
                uint8_t mask;

                if (p->plen >= first + 8)
                        continue;
                mask = p->plen <= first ? 0 : (uint8_t)(0xff << (8 - (p->plen - first)));
                if (p->addr[i] & ~mask)
                        return true;
        }
        return false;
}

void ip_prefix_clear_host_bits(IpPrefix *p)
{
        size_t len = ip_family_addr_len(p->family);

        for (size_t i = 0; i < len; i++) {
                unsigned first = (unsigned)i * 8;

                if (p->plen >= first + 8)
                        continue;
                p->addr[i] &= p->plen <= first ? 0 : (uint8_t)(0xff << (8 - (p->plen - first)));
        }
}

char *ip_prefix_addr_string(const IpPrefix *p)
{
        char buf[INET6_ADDRSTRLEN];

        if (!inet_ntop(p->family, p->addr, buf, sizeof(buf)))
                return g_strdup("?");
        return g_strdup(buf);
}

char *ip_addr_canonical(int family, const char *text)
{
        uint8_t a[16];
        char buf[INET6_ADDRSTRLEN];

        if (!text || !ip_family_addr_len(family) || inet_pton(family, text, a) != 1 ||
            !inet_ntop(family, a, buf, sizeof(buf)))
                return NULL;
        return g_strdup(buf);
}

bool ip_ifname_valid(const char *s)
{
        if (!s || !*s || strnlen(s, IFNAMSIZ) == IFNAMSIZ)
                return false;
        if (g_str_equal(s, ".") || g_str_equal(s, ".."))
                return false;
        for (; *s; s++)
                if (*s == '/' || g_ascii_isspace(*s))
                        return false;
        return true;
}

char **ip_split_words(const char *line)
{
        GPtrArray *w = g_ptr_array_new();
        const char *p = line;

        while (p && *p) {
                const char *start;

                while (*p == ' ' || *p == '\t' || *p == '\n')
                        p++;
                if (!*p)
                        break;
                start = p;
                while (*p && *p != ' ' && *p != '\t' && *p != '\n')
                        p++;
                g_ptr_array_add(w, g_strndup(start, (gsize)(p - start)));
        }
        g_ptr_array_add(w, NULL);
        return (char **)g_ptr_array_free(w, FALSE);
}
