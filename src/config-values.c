/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Typed values from ifcfg keys: booleans, numbers, MAC addresses, and the
 * bond's IPv4/IPv6 addresses and gateways.  Problems are diagnostics at the
 * key's line.
 */
#include "config-internal.h"
#include "hwaddr.h"

#include <arpa/inet.h>
#include <errno.h>
#include <string.h>

const char *cfg_get_str(const IfcfgFile *f, const char *key)
{
        const char *v = ifcfg_get(f, key);

        return v && *v ? v : NULL;
}

void cfg_err_key(DiagList *diags, const IfcfgFile *f, const char *key, char *hint, const char *fmt,
                 ...)
{
        g_autofree char *msg = NULL;
        g_autofree char *h = hint;
        va_list ap;

        va_start(ap, fmt);
        msg = g_strdup_vprintf(fmt, ap);
        va_end(ap);
        diag_add(diags, DIAG_ERROR, ifcfg_path(f), ifcfg_line(f, key), key, h, "%s", msg);
}

bool cfg_get_bool(const IfcfgFile *f, const char *key, bool def, DiagList *diags)
{
        const char *v = cfg_get_str(f, key);
        int r;

        if (!v)
                return def;
        r = ifcfg_parse_bool(v);
        if (r < 0) {
                cfg_err_key(diags, f, key, g_strdup_printf("use %s=yes or %s=no", key, key),
                            "%s=%s is not yes or no", key, v);
                return def;
        }
        return r;
}

/* Decimal digits only, value <= max. */
bool cfg_parse_decimal(const char *s, unsigned max, unsigned *out)
{
        unsigned long v = 0;

        if (!s || !*s || strlen(s) > 10)
                return false;
        for (const char *p = s; *p; p++) {
                if (!g_ascii_isdigit(*p))
                        return false;
                v = v * 10 + (unsigned long)(*p - '0');
        }
        if (v > max)
                return false;
        *out = (unsigned)v;
        return true;
}

/*
 * A MAC-valued key (HWADDR, MACADDR), canonical, or NULL (error if invalid).
 * len: 6 bytes, or 20 for an IPoIB port (TYPE=InfiniBand).
 */
char *cfg_load_mac(const IfcfgFile *f, const char *key, size_t len, DiagList *diags)
{
        const char *v = cfg_get_str(f, key);
        char *mac = hwaddr_canonical(v, len);

        if (v && !mac)
                cfg_err_key(
                        diags, f, key,
                        len == HWADDR_INFINIBAND_LEN
                                ? g_strdup_printf("an InfiniBand (IPoIB) address has 20 hex "
                                                  "pairs: %s=80:00:00:48:fe:80:00:00:00:00:"
                                                  "00:00:00:02:c9:03:00:1a:2b:3c",
                                                  key)
                                : g_strdup_printf("write six hex pairs: %s=52:54:00:12:34:56", key),
                        "%s=%s is not a valid %s", key, v,
                        len == HWADDR_INFINIBAND_LEN ? "InfiniBand hardware address"
                                                     : "MAC address");
        return mac;
}

static char *ip_canonical(int family, const char *s)
{
        unsigned char buf[sizeof(struct in6_addr)];
        char text[INET6_ADDRSTRLEN];

        if (!s || inet_pton(family, s, buf) != 1)
                return NULL;
        if (!inet_ntop(family, buf, text, sizeof(text)))
                return NULL;
        return g_strdup(text);
}

/* Dotted-quad netmask -> prefix length; -1 if invalid or not contiguous. */
static int netmask_to_prefix(const char *s)
{
        struct in_addr a;
        uint32_t inv;

        if (inet_pton(AF_INET, s, &a) != 1)
                return -1;
        inv = ~ntohl(a.s_addr);
        if (inv & (inv + 1))
                return -1;
        return 32 - __builtin_popcount(inv);
}

/* ---- addresses ---------------------------------------------------------- */

void cfg_address_free(gpointer p)
{
        CfgAddress *a = p;

        g_free(a->address);
        g_free(a);
}

static void add_address(CfgBond *b, int family, char *address, unsigned prefix, unsigned line)
{
        CfgAddress *a = g_new(CfgAddress, 1);

        *a = (CfgAddress){ .family = family, .address = address, .prefix = prefix, .line = line };
        g_ptr_array_add(b->addrs, a);
}

typedef struct {
        int index; /* -1 for plain IPADDR */
        const IfcfgVar *var;
} AddrKey;

static gint addr_key_cmp(gconstpointer a, gconstpointer b)
{
        const AddrKey *x = a, *y = b;

        return (x->index > y->index) - (x->index < y->index);
}

/* "IPADDR" -> -1, "IPADDR7" -> 7; -2 if key is not an IPADDR key. */
static int ipaddr_index(const char *key)
{
        const char *n;
        unsigned v;

        if (!g_str_has_prefix(key, "IPADDR"))
                return -2;
        n = key + strlen("IPADDR");
        if (!*n)
                return -1;
        if ((n[0] == '0' && n[1]) || !cfg_parse_decimal(n, 1u << 20, &v))
                return -2;
        return (int)v;
}

static void load_ipv4_one(CfgBond *b, const IfcfgFile *f, const AddrKey *k, DiagList *diags)
{
        const char *sfx = k->var->key + strlen("IPADDR");
        g_autofree char *pkey = g_strconcat("PREFIX", sfx, NULL);
        g_autofree char *mkey = g_strconcat("NETMASK", sfx, NULL);
        const char *ptext = cfg_get_str(f, pkey), *mtext = cfg_get_str(f, mkey);
        g_autofree char *addr = NULL;
        unsigned prefix = 0;
        int mprefix = -1;

        addr = ip_canonical(AF_INET, k->var->value);
        if (!addr) {
                cfg_err_key(diags, f, k->var->key,
                            g_strdup("write a dotted-quad address such as 192.0.2.10"),
                            "%s=%s is not a valid IPv4 address", k->var->key, k->var->value);
                return;
        }
        if (mtext) {
                mprefix = netmask_to_prefix(mtext);
                if (mprefix < 0) {
                        cfg_err_key(
                                diags, f, mkey,
                                g_strdup_printf(
                                        "use a contiguous mask such as %s=255.255.255.0, or %s=24",
                                        mkey, pkey),
                                "%s=%s is not a valid netmask", mkey, mtext);
                        return;
                }
        }
        if (ptext) {
                if (!cfg_parse_decimal(ptext, 32, &prefix)) {
                        cfg_err_key(
                                diags, f, pkey,
                                g_strdup_printf("use a prefix length from 0 to 32: %s=24", pkey),
                                "%s=%s is not a valid IPv4 prefix length", pkey, ptext);
                        return;
                }
                if (mprefix >= 0 && (unsigned)mprefix != prefix)
                        diag_add(diags, DIAG_WARNING, ifcfg_path(f), ifcfg_line(f, mkey), mkey,
                                 "remove one of them", "%s=%s disagrees with %s=%s; using %s", mkey,
                                 mtext, pkey, ptext, pkey);
        } else if (mprefix >= 0) {
                prefix = (unsigned)mprefix;
        } else {
                cfg_err_key(diags, f, k->var->key,
                            g_strdup_printf("add %s=24 (or %s=255.255.255.0) with the right length",
                                            pkey, mkey),
                            "%s=%s has no %s or %s", k->var->key, k->var->value, pkey, mkey);
                return;
        }
        add_address(b, AF_INET, g_steal_pointer(&addr), prefix, k->var->line);
}

static void load_ipv6_one(CfgBond *b, const IfcfgFile *f, const char *key, const char *text,
                          DiagList *diags)
{
        g_autofree char *host = g_strdup(text);
        g_autofree char *addr = NULL;
        char *slash = strchr(host, '/');
        unsigned prefix = 64;

        if (slash) {
                *slash = '\0';
                if (!cfg_parse_decimal(slash + 1, 128, &prefix)) {
                        cfg_err_key(diags, f, key,
                                    g_strdup("use a prefix length from 0 to 128: 2001:db8::1/64"),
                                    "%s: '%s' has an invalid prefix length", key, text);
                        return;
                }
        }
        addr = ip_canonical(AF_INET6, host);
        if (!addr) {
                cfg_err_key(diags, f, key, g_strdup("write an IPv6 address such as 2001:db8::1/64"),
                            "%s: '%s' is not a valid IPv6 address", key, text);
                return;
        }
        add_address(b, AF_INET6, g_steal_pointer(&addr), prefix, ifcfg_line(f, key));
}

/* GATEWAY / IPV6_DEFAULTGW (whose "%dev" suffix is dropped), canonical. */
static char *load_gateway(const IfcfgFile *f, const char *key, int family, DiagList *diags)
{
        const char *v = cfg_get_str(f, key);
        g_autofree char *host = v ? g_strndup(v, strcspn(v, "%")) : NULL;
        char *gw = ip_canonical(family, host);

        if (v && !gw)
                cfg_err_key(diags, f, key,
                            g_strdup_printf("write an address such as %s=%s", key,
                                            family == AF_INET ? "192.0.2.1" : "2001:db8::1"),
                            "%s=%s is not a valid %s address", key, v,
                            family == AF_INET ? "IPv4" : "IPv6");
        return gw;
}

void cfg_load_addresses(CfgBond *b, const IfcfgFile *f, DiagList *diags)
{
        g_autoptr(GArray) keys = g_array_new(FALSE, FALSE, sizeof(AddrKey));
        const char *v;

        for (guint i = 0; i < ifcfg_n_vars(f); i++) {
                const IfcfgVar *var = ifcfg_var(f, i);
                AddrKey k = { .index = ipaddr_index(var->key), .var = var };

                if (k.index >= -1 && *var->value)
                        g_array_append_val(keys, k);
        }
        g_array_sort(keys, addr_key_cmp);
        for (guint i = 0; i < keys->len; i++)
                load_ipv4_one(b, f, &g_array_index(keys, AddrKey, i), diags);

        v = cfg_get_str(f, "IPV6ADDR");
        if (v)
                load_ipv6_one(b, f, "IPV6ADDR", v, diags);
        v = cfg_get_str(f, "IPV6ADDR_SECONDARIES");
        if (v) {
                g_auto(GStrv) list = g_strsplit_set(v, " \t\n", -1);

                for (char **s = list; *s; s++)
                        if (**s)
                                load_ipv6_one(b, f, "IPV6ADDR_SECONDARIES", *s, diags);
        }

        b->gateway4 = load_gateway(f, "GATEWAY", AF_INET, diags);
        b->gateway6 = load_gateway(f, "IPV6_DEFAULTGW", AF_INET6, diags);
}

/* ---- bonds -------------------------------------------------------------- */
