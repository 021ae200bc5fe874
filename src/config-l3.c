/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A link's layer-3 configuration (config-l3.h): the IPv4 side as
 * initscripts' ifup-eth reads it.  The IPv6 side is config-l3-ipv6.c, the
 * route and rule files are route-file.c.
 */
#include "config-l3-internal.h"

#include <arpa/inet.h>
#include <errno.h>
#include <string.h>
#include <linux/rtnetlink.h>

#include "route.h"
#include "rule.h"

const char *cfg_effective(const IfcfgFile *f, const IfcfgFile *network, const char *key,
                          const IfcfgFile **from)
{
        const IfcfgFile *src = f && ifcfg_lookup(f, key) ? f : network;
        const char *v = src ? ifcfg_get(src, key) : NULL;

        if (from)
                *from = v && *v ? src : NULL;
        return v && *v ? v : NULL;
}

/* initscripts' is_true / is_false of an effective value (unset: neither). */
int l3_bool(const L3Ctx *x, const char *key)
{
        const char *v = cfg_effective(x->f, x->net, key, NULL);

        return v ? ifcfg_parse_bool(v) : -1;
}

/* The yes/no keys of ifup-eth and ifup-ipv6 (KEY#: numbered too). */
static bool bool_key(const char *key)
{
        static const char *const keys[] = {
                "DEFROUTE",       "NOROUTESET",  "IPV6INIT",         "IPV6_AUTOCONF",
                "IPV6FORWARDING", "IPV6_ROUTER", "IPV6_SET_SYSCTLS", "IPV6_FORCE_ACCEPT_RA",
                "DHCPV6C",        "ARPCHECK#",   "ARPUPDATE#",
        };

        for (size_t i = 0; i < G_N_ELEMENTS(keys); i++) {
                size_t n = strlen(keys[i]);

                if (keys[i][n - 1] == '#'
                            ? strncmp(key, keys[i], n - 1) == 0 &&
                                      strspn(key + n - 1, "0123456789") == strlen(key + n - 1)
                            : strcmp(key, keys[i]) == 0)
                        return true;
        }
        return false;
}

/* A yes/no key with another value is unset for initscripts' is_true and
 * is_false (and its fallback for NetworkManager): a warning. */
static void check_bools(L3Ctx *x, const IfcfgFile *f)
{
        for (guint i = 0; f && i < ifcfg_n_vars(f); i++) {
                const IfcfgVar *v = ifcfg_var(f, i);

                g_autofree char *hint = NULL;

                if (!*v->value || !bool_key(v->key) || ifcfg_parse_bool(v->value) >= 0)
                        continue;
                hint = g_strdup_printf("use %s=yes or %s=no", v->key, v->key);
                diag_add(x->diags, DIAG_WARNING, ifcfg_path(f), v->line, v->key, hint,
                         "%s=%s is neither yes nor no: taken as unset, as initscripts' "
                         "is_true and is_false do",
                         v->key, v->value);
        }
}

void l3_warn(const L3Ctx *x, const char *key, char *hint, const char *fmt, ...)
{
        const IfcfgFile *from = NULL;
        g_autofree char *h = hint;
        va_list ap;

        cfg_effective(x->f, x->net, key, &from);
        if (!from)
                from = x->f;
        va_start(ap, fmt);
        diag_addv(x->diags, DIAG_WARNING, ifcfg_path(from), ifcfg_line(from, key), key, h, fmt, ap);
        va_end(ap);
}

void l3_error(const L3Ctx *x, const IfcfgFile *f, const char *key, char *hint, const char *fmt, ...)
{
        g_autofree char *h = hint;
        va_list ap;

        va_start(ap, fmt);
        diag_addv(x->diags, DIAG_ERROR, ifcfg_path(f), ifcfg_line(f, key), key, h, fmt, ap);
        va_end(ap);
}

static void cfg_address_free(gpointer p)
{
        CfgAddress *a = p;

        g_free(a->address);
        g_free(a->broadcast);
        g_free(a->label);
        g_free(a->key);
        g_free(a);
}

static void cfg_sysctl_free(gpointer p)
{
        CfgSysctl *s = p;

        g_free(s->name);
        g_free(s->value);
        g_free(s->why);
        g_free(s);
}

void cfg_l3_free(CfgL3 *l3)
{
        if (!l3)
                return;
        g_free(l3->dev);
        g_free(l3->file);
        g_ptr_array_unref(l3->addrs);
        g_ptr_array_unref(l3->routes);
        g_ptr_array_unref(l3->rules);
        g_ptr_array_unref(l3->sysctls);
        g_ptr_array_unref(l3->files);
        g_free(l3);
}

void l3_add_sysctl(CfgL3 *l3, int family, const char *name, const char *value, const char *why)
{
        CfgSysctl *s = g_new0(CfgSysctl, 1);

        s->family = family;
        s->name = g_strdup(name);
        s->value = g_strdup(value);
        s->why = g_strdup(why);
        g_ptr_array_add(l3->sysctls, s);
}

/* ---- numbers and addresses ---------------------------------------------- */

char *l3_canonical(int family, const char *s)
{
        unsigned char buf[sizeof(struct in6_addr)];
        char text[INET6_ADDRSTRLEN];

        if (!s || inet_pton(family, s, buf) != 1 || !inet_ntop(family, buf, text, sizeof(text)))
                return NULL;
        return g_strdup(text);
}

static uint32_t ip4(const char *s)
{
        struct in_addr a = { 0 };

        inet_pton(AF_INET, s, &a);
        return ntohl(a.s_addr);
}

static uint32_t mask_of(unsigned prefix)
{
        return prefix ? ~0u << (32 - prefix) : 0;
}

static char *ip4_text(uint32_t a)
{
        struct in_addr in = { .s_addr = htonl(a) };
        char text[INET_ADDRSTRLEN];

        inet_ntop(AF_INET, &in, text, sizeof(text));
        return g_strdup(text);
}

/* Dotted-quad netmask -> prefix length; -1 if invalid or not contiguous. */
static int netmask_to_prefix(const char *s)
{
        struct in_addr a;
        uint32_t inv;

        if (!s || inet_pton(AF_INET, s, &a) != 1)
                return -1;
        inv = ~ntohl(a.s_addr);
        if (inv & (inv + 1))
                return -1;
        return 32 - __builtin_popcount(inv);
}

/*
 * The broadcast address ifup-eth gives `ip addr add ... brd`: BROADCASTn,
 * else `ipcalc --broadcast ADDR NETMASK` (RHEL 9's ipcalc 1.0): the last
 * address of the subnet; 255.255.255.255 for a /31 and the address itself
 * for a /32, as that ipcalc prints them.
 */
char *l3_broadcast_of(const char *address, unsigned prefix)
{
        uint32_t addr = ip4(address);

        if (prefix == 31)
                return g_strdup("255.255.255.255");
        if (prefix == 32)
                return ip4_text(addr);
        return ip4_text(addr | ~mask_of(prefix));
}

/* ---- IPv4 addresses: ifup-eth's expand_config() ------------------------- */

/*
 * "", "0", "1", ... "255": the suffixes expand_config() tries, in its
 * order.  A missing IPADDR, IPADDR0 or IPADDR1 is skipped; the first
 * missing one from IPADDR2 on ends the list.
 */
static void ipv4_one(L3Ctx *x, const char *sfx, const IfcfgVar *var)
{
        const IfcfgFile *f = x->f;
        g_autofree char *pkey = g_strconcat("PREFIX", sfx, NULL);
        g_autofree char *mkey = g_strconcat("NETMASK", sfx, NULL);
        g_autofree char *bkey = g_strconcat("BROADCAST", sfx, NULL);
        g_autofree char *ckey = g_strconcat("ARPCHECK", sfx, NULL);
        g_autofree char *ukey = g_strconcat("ARPUPDATE", sfx, NULL);
        const char *ptext = cfg_get_str(f, pkey), *mtext = cfg_get_str(f, mkey);
        const char *btext = cfg_get_str(f, bkey);
        g_autofree char *addr = l3_canonical(AF_INET, var->value);
        unsigned prefix = 0;
        int mprefix = -1;
        CfgAddress *a;

        if (!addr) {
                l3_error(x, f, var->key, g_strdup("write a dotted-quad address such as 192.0.2.10"),
                         "%s=%s is not a valid IPv4 address", var->key, var->value);
                return;
        }
        if (mtext && (mprefix = netmask_to_prefix(mtext)) < 0) {
                l3_error(x, f, mkey,
                         g_strdup_printf("use a contiguous mask such as %s=255.255.255.0, or %s=24",
                                         mkey, pkey),
                         "%s=%s is not a valid netmask", mkey, mtext);
                return;
        }
        if (ptext) {
                /* expand_config(): PREFIXn wins; NETMASKn is recomputed from it. */
                if (!cfg_parse_decimal(ptext, 32, &prefix)) {
                        l3_error(x, f, pkey,
                                 g_strdup_printf("use a prefix length from 0 to 32: %s=24", pkey),
                                 "%s=%s is not a valid IPv4 prefix length", pkey, ptext);
                        return;
                }
                if (mprefix >= 0 && (unsigned)mprefix != prefix)
                        diag_add(x->diags, DIAG_WARNING, ifcfg_path(f), ifcfg_line(f, mkey), mkey,
                                 "remove one of them", "%s=%s disagrees with %s=%s; using %s", mkey,
                                 mtext, pkey, ptext, pkey);
        } else if (mprefix >= 0) {
                prefix = (unsigned)mprefix;
        } else {
                /* expand_config(): `ipcalc --netmask ADDR` without a mask,
                 * which RHEL 9's ipcalc (1.0) answers with /32; RHEL 8's
                 * (0.2) and NetworkManager take the class's length. */
                g_autofree char *hint = g_strdup_printf(
                        "add %s=24 (or %s=255.255.255.0) with the right length", pkey, mkey);

                prefix = 32;
                diag_add(x->diags, DIAG_WARNING, ifcfg_path(f), var->line, var->key, hint,
                         "%s=%s has no %s or %s: /32, as initscripts' ipcalc gives it on RHEL 9 "
                         "(NetworkManager and RHEL 8 would take the address class's length)",
                         var->key, var->value, pkey, mkey);
        }
        for (guint i = 0; i < x->l3->addrs->len; i++) {
                const CfgAddress *o = x->l3->addrs->pdata[i];

                if (o->family == AF_INET && o->prefix == prefix && g_str_equal(o->address, addr)) {
                        /* ifup-eth finds it in `ip addr ls` and adds it once */
                        diag_add(x->diags, DIAG_WARNING, ifcfg_path(f), var->line, var->key,
                                 "remove one of them", "%s=%s is %s again: added once", var->key,
                                 var->value, o->key);
                        return;
                }
        }
        a = g_new0(CfgAddress, 1);
        a->family = AF_INET;
        a->address = g_steal_pointer(&addr);
        a->prefix = prefix;
        a->key = g_strdup(var->key);
        a->line = var->line;
        a->scope = x->scope;
        if (btext) {
                a->broadcast = l3_canonical(AF_INET, btext);
                if (!a->broadcast)
                        l3_error(x, f, bkey, g_strdup("write a dotted-quad address"),
                                 "%s=%s is not a valid IPv4 address", bkey, btext);
        } else {
                a->broadcast = l3_broadcast_of(a->address, prefix);
        }
        /* arpcheck[i]/arpupdate[i] come from ARPCHECKn/ARPUPDATEn of the same
         * suffix only (ARPCHECK for IPADDR), and "not false" means yes. */
        x->key_suffix = sfx;
        a->arpcheck = l3_bool(x, ckey) != 0;
        a->arpupdate = l3_bool(x, ukey) != 0;
        g_ptr_array_add(x->l3->addrs, a);
}

/* The suffix of IPADDRn: "" for IPADDR, "7" for IPADDR7; NULL if none. */
static const char *ipaddr_suffix(const char *key)
{
        const char *n;

        if (!g_str_has_prefix(key, "IPADDR"))
                return NULL;
        n = key + strlen("IPADDR");
        for (const char *p = n; *p; p++)
                if (!g_ascii_isdigit(*p))
                        return NULL;
        return n;
}

static void ipv4_addresses(L3Ctx *x)
{
        const IfcfgFile *f = x->f;
        int stop = -1;

        for (int i = -1; i <= 255; i++) {
                g_autofree char *key = i < 0 ? g_strdup("IPADDR") : g_strdup_printf("IPADDR%d", i);
                const IfcfgVar *var = ifcfg_lookup(f, key);

                if (!var || !*var->value) {
                        if (i >= 2) {
                                stop = i;
                                break;
                        }
                        continue;
                }
                ipv4_one(x, key + strlen("IPADDR"), var);
        }
        /* Keys past the gap, and IPADDR007-style spellings, were never read. */
        for (guint i = 0; i < ifcfg_n_vars(f); i++) {
                const IfcfgVar *v = ifcfg_var(f, i);
                const char *sfx = ipaddr_suffix(v->key);
                g_autofree char *hint = NULL;
                unsigned n;
                bool read;

                if (!sfx || !*sfx || !*v->value)
                        continue;
                read = cfg_parse_decimal(sfx, 255, &n) && (sfx[0] != '0' || !sfx[1]) &&
                       (stop < 0 || (int)n < stop);
                if (read)
                        continue;
                hint = stop >= 0 ? g_strdup_printf("number the addresses without a gap: "
                                                   "IPADDR%d is missing",
                                                   stop)
                                 : g_strdup("number the addresses IPADDR0 to IPADDR255");
                diag_add(x->diags, DIAG_WARNING, ifcfg_path(f), v->line, v->key, hint,
                         "%s is ignored: initscripts' expand_config() never reads it "
                         "(NetworkManager "
                         "would)",
                         v->key);
        }
}

/* SCOPE="scope link" etc.: the words ifup-eth passes to `ip addr add`. */
static void ipv4_scope(L3Ctx *x)
{
        static const struct {
                const char *name;
                unsigned char scope;
        } scopes[] = {
                { "global", RT_SCOPE_UNIVERSE }, { "universe", RT_SCOPE_UNIVERSE },
                { "site", RT_SCOPE_SITE },       { "link", RT_SCOPE_LINK },
                { "host", RT_SCOPE_HOST },
        };
        const char *v = cfg_get_str(x->f, "SCOPE");
        g_auto(GStrv) w = v ? g_strsplit_set(v, " \t", -1) : NULL;
        unsigned n = 0;

        x->scope = g_str_equal(x->l3->dev, "lo") ? RT_SCOPE_HOST : RT_SCOPE_UNIVERSE;
        if (!v)
                return;
        for (guint i = 0; w[i]; i++)
                if (*w[i])
                        w[n++] = w[i];
        if (n == 2 && g_str_equal(w[0], "scope")) {
                for (size_t i = 0; i < G_N_ELEMENTS(scopes); i++)
                        if (g_str_equal(w[1], scopes[i].name)) {
                                x->scope = scopes[i].scope;
                                return;
                        }
        }
        l3_error(x, x->f, "SCOPE", g_strdup("write SCOPE=\"scope link\" (or global, site, host)"),
                 "SCOPE=%s is not 'scope NAME'", v);
}

/* ---- the IPv4 default route: ifup-eth ----------------------------------- */

static NetRoute *default_route(int family, const char *dev)
{
        NetRoute *r = net_route_new(family);

        r->dst = g_strdup(family == AF_INET ? "0.0.0.0" : "::");
        r->prefix = 0;
        r->oif = g_strdup(dev);
        r->table = RT_TABLE_MAIN;
        r->has_protocol = true;
        r->protocol = RTPROT_BOOT;
        return r;
}

/*
 * With static addresses, DEFROUTE not false and GATEWAYDEV empty or this
 * device: `ip route replace default [metric METRIC] via GATEWAY [src
 * SRCADDR]` if GATEWAY is in the first address's subnet (NETWORK, else
 * ipcalc --network of IPADDR and its netmask); else, with
 * GATEWAYDEV=this device, a default route on the device alone.  A GATEWAY
 * outside that subnet gets no route, as in ifup-eth (with a warning here).
 */
static void ipv4_gateway(L3Ctx *x)
{
        const CfgAddress *first = NULL;
        const char *gw = cfg_effective(x->f, x->net, "GATEWAY", NULL);
        const char *gwdev = cfg_effective(x->f, x->net, "GATEWAYDEV", NULL);
        const char *metric = cfg_effective(x->f, x->net, "METRIC", NULL);
        const char *src = cfg_effective(x->f, x->net, "SRCADDR", NULL);
        const char *netkey = cfg_effective(x->f, x->net, "NETWORK", NULL);
        g_autofree char *gwc = NULL, *srcc = NULL;
        g_autoptr(NetRoute) r = NULL;
        unsigned m = 0;
        uint32_t network;

        if (gw && !(gwc = l3_canonical(AF_INET, gw))) {
                const IfcfgFile *from = NULL;

                cfg_effective(x->f, x->net, "GATEWAY", &from);
                l3_error(x, from, "GATEWAY", g_strdup("write an address such as GATEWAY=192.0.2.1"),
                         "GATEWAY=%s is not a valid IPv4 address", gw);
                return;
        }
        for (guint i = 0; i < x->l3->addrs->len && !first; i++)
                if (((CfgAddress *)x->l3->addrs->pdata[i])->family == AF_INET)
                        first = x->l3->addrs->pdata[i];
        if (!first)
                return;
        if (l3_bool(x, "DEFROUTE") == 0 || (gwdev && !g_str_equal(gwdev, x->l3->dev)))
                return;
        if (metric && !cfg_parse_decimal(metric, G_MAXUINT32, &m)) {
                l3_warn(x, "METRIC", g_strdup("use a number, e.g. METRIC=100"),
                        "METRIC=%s is not a number; no default route, as `ip route replace "
                        "default metric %s` fails",
                        metric, metric);
                return;
        }
        if (src && !(srcc = l3_canonical(AF_INET, src))) {
                l3_warn(x, "SRCADDR", g_strdup("write an IPv4 address"),
                        "SRCADDR=%s is not an IPv4 address; the default route gets none", src);
        }
        network = ip4(first->address) & mask_of(first->prefix);
        if (netkey) {
                g_autofree char *n = l3_canonical(AF_INET, netkey);

                if (n)
                        network = ip4(n);
        }
        if (gwc) {
                if ((ip4(gwc) & mask_of(first->prefix)) != network) {
                        g_autofree char *net = ip4_text(network);

                        l3_warn(x, "GATEWAY",
                                g_strdup_printf("a gateway must be in %s/%u, the subnet of %s (or "
                                                "add the route in route-%s)",
                                                net, first->prefix, first->key, x->l3->dev),
                                "%s: GATEWAY=%s is outside %s/%u: no default route, as "
                                "initscripts' ifup-eth installs none",
                                x->l3->dev, gwc, net, first->prefix);
                        g_clear_pointer(&gwc, g_free);
                }
        }
        if (!gwc && !(gwdev && g_str_equal(gwdev, x->l3->dev)))
                return;
        r = default_route(AF_INET, x->l3->dev);
        r->gateway = g_steal_pointer(&gwc);
        r->prefsrc = g_steal_pointer(&srcc);
        r->has_metric = metric != NULL;
        r->metric = m;
        r->origin.file = g_strdup(ifcfg_path(x->f));
        r->origin.line = ifcfg_line(x->f, "GATEWAY");
        r->origin.text = g_strdup(r->gateway ? "GATEWAY" : "GATEWAYDEV");
        g_ptr_array_add(x->l3->routes, g_steal_pointer(&r));
        if (src)
                l3_add_sysctl(x->l3, AF_INET, "arp_filter", "1", "SRCADDR");
}

/* ---- the whole link ----------------------------------------------------- */

NetRoute *l3_default_route(int family, const char *dev)
{
        return default_route(family, dev);
}

CfgL3 *cfg_l3_new(const char *dev)
{
        CfgL3 *l3 = g_new0(CfgL3, 1);

        l3->dev = g_strdup(dev);
        l3->addrs = g_ptr_array_new_with_free_func(cfg_address_free);
        l3->routes = g_ptr_array_new_with_free_func((GDestroyNotify)net_route_free);
        l3->rules = g_ptr_array_new_with_free_func((GDestroyNotify)net_rule_free);
        l3->sysctls = g_ptr_array_new_with_free_func(cfg_sysctl_free);
        l3->files = g_ptr_array_new_with_free_func(g_free);
        l3->arping_wait_ms = 3000;
        l3->arping_tries = 1;
        return l3;
}

CfgL3 *cfg_l3_load(const IfcfgFile *f, const IfcfgFile *network, const char *dir,
                   const GPtrArray *listing, const char *dev, DiagList *diags)
{
        CfgL3 *l3 = cfg_l3_new(dev);
        L3Ctx x = {
                .f = f, .net = network, .l3 = l3, .diags = diags, .dir = dir, .listing = listing
        };
        const char *v = cfg_get_str(f, "BOOTPROTO");
        unsigned n;

        l3->file = g_strdup(ifcfg_path(f));
        l3->dhcp4 =
                v && (g_ascii_strcasecmp(v, "dhcp") == 0 || g_ascii_strcasecmp(v, "bootp") == 0);

        v = cfg_effective(f, network, "ARPING_WAIT", NULL);
        l3->arping_wait_ms = v && cfg_parse_decimal(v, 600, &n) ? n * 1000 : 3000;
        v = cfg_effective(f, network, "ARPING_TRIES", NULL);
        l3->arping_tries = v && cfg_parse_decimal(v, 100, &n) ? n : 1;

        check_bools(&x, f);
        ipv4_scope(&x);
        if (!l3->dhcp4) {
                ipv4_addresses(&x);
                ipv4_gateway(&x);
        } else if (cfg_get_str(f, "IPADDR") || cfg_get_str(f, "IPADDR0")) {
                diag_add(diags, DIAG_WARNING, ifcfg_path(f),
                         ifcfg_line(f, cfg_get_str(f, "IPADDR") ? "IPADDR" : "IPADDR0"), "IPADDR",
                         "use BOOTPROTO=none for static addresses",
                         "%s: IPADDR is ignored with BOOTPROTO=%s: initscripts' ifup-eth runs the "
                         "DHCP client instead (NetworkManager would add it too)",
                         dev, cfg_get_str(f, "BOOTPROTO"));
        }
        /* ifup-eth: "[ -z "${NOZEROCONF}" ]": any value, even "no", turns it off. */
        l3->zeroconf = cfg_effective(f, network, "NOZEROCONF", NULL) == NULL;
        if (!l3->dhcp4)
                l3_aliases_load(&x);
        l3_ipv6_load(&x);
        l3_files_load(&x);
        return l3;
}

/* The index of the first name >= key in the sorted listing. */
static guint lower_bound(const GPtrArray *a, const char *key)
{
        guint lo = 0, hi = a->len;

        while (lo < hi) {
                guint mid = lo + (hi - lo) / 2;

                if (strcmp(a->pdata[mid], key) < 0)
                        lo = mid + 1;
                else
                        hi = mid;
        }
        return lo;
}

bool l3_dir_has(const L3Ctx *x, const char *name)
{
        g_autofree char *path = NULL;
        guint i;

        if (!x->listing) {
                path = g_build_filename(x->dir, name, NULL);
                return g_file_test(path, G_FILE_TEST_EXISTS);
        }
        i = lower_bound(x->listing, name);
        return i < x->listing->len && strcmp(x->listing->pdata[i], name) == 0;
}

void l3_dir_with_prefix(const L3Ctx *x, const char *prefix, GPtrArray *out)
{
        size_t n = strlen(prefix);
        g_autoptr(GDir) d = NULL;
        const char *name;

        if (x->listing) {
                for (guint i = lower_bound(x->listing, prefix);
                     i < x->listing->len && strncmp(x->listing->pdata[i], prefix, n) == 0; i++)
                        g_ptr_array_add(out, g_strdup(x->listing->pdata[i]));
                return;
        }
        d = g_dir_open(x->dir, 0, NULL);
        while (d && (name = g_dir_read_name(d)))
                if (strncmp(name, prefix, n) == 0)
                        g_ptr_array_add(out, g_strdup(name));
}
