/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A link's IPv6 configuration as initscripts' ifup-ipv6 puts it in the
 * kernel: IPV6INIT, the addresses, the per-device sysctls and the default
 * route (ipv6_set_default_route() in network-functions-ipv6).
 */
#include "config-l3-internal.h"

#include <arpa/inet.h>
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/rtnetlink.h>

/* ifup-ipv6's ipv6_add_addr_on_device(): ADDR[/LEN], /64 by default. */
static void ipv6_addr(L3Ctx *x, const char *key, const char *text)
{
        g_autofree char *host = g_strdup(text);
        g_autofree char *addr = NULL;
        char *slash = strchr(host, '/');
        unsigned prefix = 64;
        CfgAddress *a;

        if (slash) {
                *slash = '\0';
                if (!cfg_parse_decimal(slash + 1, 128, &prefix)) {
                        l3_error(x, x->f, key,
                                 g_strdup("use a prefix length from 0 to 128: 2001:db8::1/64"),
                                 "%s: '%s' has an invalid prefix length", key, text);
                        return;
                }
        }
        addr = l3_canonical(AF_INET6, host);
        if (!addr) {
                l3_error(x, x->f, key, g_strdup("write an IPv6 address such as 2001:db8::1/64"),
                         "%s: '%s' is not a valid IPv6 address", key, text);
                return;
        }
        a = g_new0(CfgAddress, 1);
        a->family = AF_INET6;
        a->address = g_steal_pointer(&addr);
        a->prefix = prefix;
        a->key = g_strdup(key);
        a->line = ifcfg_line(x->f, key);
        g_ptr_array_add(x->l3->addrs, a);
}

static void ipv6_addresses(L3Ctx *x)
{
        const char *v = cfg_get_str(x->f, "IPV6ADDR");

        if (v)
                ipv6_addr(x, "IPV6ADDR", v);
        v = cfg_get_str(x->f, "IPV6ADDR_SECONDARIES");
        if (v) {
                g_auto(GStrv) list = g_strsplit_set(v, " \t\n", -1);

                for (char **s = list; *s; s++)
                        if (**s)
                                ipv6_addr(x, "IPV6ADDR_SECONDARIES", *s);
        }
}

/*
 * ifup-ipv6: forwarding, accept_ra, accept_redirects and autoconf of the
 * device, unless IPV6_SET_SYSCTLS is false.  Without IPV6FORWARDING: 0, 1,
 * 1, 1, and IPV6_AUTOCONF=no makes it 0, 0 (unless
 * IPV6_FORCE_ACCEPT_RA), 0, 0.  With IPV6FORWARDING: 1 (0 with
 * IPV6_ROUTER=no), 0, 0, 0, and IPV6_AUTOCONF=yes makes accept_ra 2 and
 * the other two 1.  IPV6_PRIVACY=rfc3041 sets use_tempaddr=2.
 */
static void ipv6_sysctls(L3Ctx *x)
{
        const char *priv = cfg_effective(x->f, x->net, "IPV6_PRIVACY", NULL);
        int autoconf = l3_bool(x, "IPV6_AUTOCONF");
        const char *why = autoconf == 0   ? "IPV6_AUTOCONF=no"
                          : autoconf == 1 ? "IPV6_AUTOCONF=yes"
                                          : "ifup-ipv6 default";
        int fwd = 0, ra = 1, aut = 1;

        if (l3_bool(x, "IPV6_SET_SYSCTLS") == 0)
                return;
        if (l3_bool(x, "IPV6FORWARDING") == 1) {
                fwd = l3_bool(x, "IPV6_ROUTER") == 0 ? 0 : 1;
                ra = autoconf == 1 ? 2 : 0;
                aut = autoconf == 1;
                why = "IPV6FORWARDING=yes";
        } else if (autoconf == 0) {
                aut = 0;
                ra = l3_bool(x, "IPV6_FORCE_ACCEPT_RA") == 1;
        }
        l3_add_sysctl(x->l3, AF_INET6, "forwarding", fwd ? "1" : "0", why);
        l3_add_sysctl(x->l3, AF_INET6, "accept_ra", ra == 2 ? "2" : ra ? "1" : "0", why);
        l3_add_sysctl(x->l3, AF_INET6, "accept_redirects", aut ? "1" : "0", why);
        l3_add_sysctl(x->l3, AF_INET6, "autoconf", aut ? "1" : "0", why);
        if (priv && g_str_equal(priv, "rfc3041"))
                l3_add_sysctl(x->l3, AF_INET6, "use_tempaddr", "2", "IPV6_PRIVACY=rfc3041");
        else if (priv)
                l3_warn(x, "IPV6_PRIVACY", g_strdup("use IPV6_PRIVACY=rfc3041, or remove it"),
                        "IPV6_PRIVACY=%s is ignored: initscripts knows only rfc3041", priv);
}

/* ipv6_set_mtu(): IPV6_MTU from 1280 to 65535 is `ip link set dev DEV mtu
 * IPV6_MTU`, the link's MTU, set after (so over) MTU. */
static void ipv6_mtu(L3Ctx *x)
{
        const char *v = cfg_effective(x->f, x->net, "IPV6_MTU", NULL);
        unsigned mtu;

        if (!v)
                return;
        if (!cfg_parse_decimal(v, 65535, &mtu) || mtu < 1280) {
                l3_warn(x, "IPV6_MTU", g_strdup("use a number from 1280 to 65535, or MTU="),
                        "IPV6_MTU=%s is out of range: ignored, as ifup-ipv6 ignores it", v);
                return;
        }
        x->l3->link_mtu = mtu;
}

/* Is gw inside one of the link's IPv6 prefixes? */
static bool on_link(const CfgL3 *l3, const char *gw)
{
        struct in6_addr g, a;

        if (inet_pton(AF_INET6, gw, &g) != 1)
                return false;
        for (guint i = 0; i < l3->addrs->len; i++) {
                const CfgAddress *c = l3->addrs->pdata[i];
                unsigned bits = c->prefix;
                bool same = true;

                if (c->family != AF_INET6 || inet_pton(AF_INET6, c->address, &a) != 1)
                        continue;
                for (unsigned b = 0; b < 16 && bits && same; b++) {
                        unsigned n = bits >= 8 ? 8 : bits;
                        uint8_t m = (uint8_t)(0xff << (8 - n));

                        same = (g.s6_addr[b] & m) == (a.s6_addr[b] & m);
                        bits -= n;
                }
                if (same)
                        return true;
        }
        return false;
}

/*
 * ipv6_set_default_route "$IPV6_DEFAULTGW" "$IPV6_DEFAULTDEV" "$DEVICE":
 * `ip -6 route add ::/0 via GW [dev DEV] metric 1`.  A GW%SCOPE or a
 * IPV6_DEFAULTDEV that names another device is that device's route; a
 * link-local GW needs one of them; IPV6_DEFAULTDEV without a gateway needs
 * a point-to-point device, which a bond is not.  Without a device the
 * kernel picks the one whose prefix holds GW: here that must be this link,
 * or the route is another device's (a global IPV6_DEFAULTGW in
 * /etc/sysconfig/network is tried on every device).
 */
static void ipv6_gateway(L3Ctx *x)
{
        const IfcfgFile *from = NULL;
        const char *gwv = cfg_effective(x->f, x->net, "IPV6_DEFAULTGW", &from);
        const char *ddev = cfg_effective(x->f, x->net, "IPV6_DEFAULTDEV", NULL);
        const char *dev = x->l3->dev;
        g_autofree char *gw = NULL, *scope = NULL, *canon = NULL;
        g_autoptr(NetRoute) r = NULL;
        char *pct;

        if (gwv && g_str_equal(gwv, "::"))
                gwv = NULL;
        if (!gwv) {
                if (ddev && g_str_equal(ddev, dev))
                        l3_warn(x, "IPV6_DEFAULTDEV",
                                g_strdup("set IPV6_DEFAULTGW to the router's address"),
                                "%s: IPV6_DEFAULTDEV=%s without IPV6_DEFAULTGW needs a "
                                "point-to-point device: no IPv6 default route, as in "
                                "initscripts' ipv6_set_default_route()",
                                dev, ddev);
                return;
        }
        gw = g_strdup(gwv);
        pct = strchr(gw, '%');
        if (pct) {
                scope = g_strdup(pct + 1);
                *pct = '\0';
        }
        canon = l3_canonical(AF_INET6, gw);
        if (!canon) {
                l3_error(x, from, "IPV6_DEFAULTGW",
                         g_strdup("write an address such as IPV6_DEFAULTGW=2001:db8::1 or "
                                  "fe80::1%bond0"),
                         "IPV6_DEFAULTGW=%s is not a valid IPv6 address", gwv);
                return;
        }
        if (scope && ddev && !g_str_equal(scope, ddev))
                ddev = NULL; /* "scope device has precedence" */
        if ((scope && !g_str_equal(scope, dev)) || (!scope && ddev && !g_str_equal(ddev, dev)))
                return; /* another device's route */
        if (g_ascii_strncasecmp(gw, "fe80:", 5) == 0 && !scope && !ddev) {
                l3_warn(x, "IPV6_DEFAULTGW",
                        g_strdup_printf("add the device: IPV6_DEFAULTGW=%s%%%s", gw, dev),
                        "IPV6_DEFAULTGW=%s is link-local but names no device: no IPv6 default "
                        "route, as in initscripts' ipv6_set_default_route()",
                        gw);
                return;
        }
        if (!scope && !ddev && !on_link(x->l3, gw)) {
                if (from == x->f)
                        l3_warn(x, "IPV6_DEFAULTGW",
                                g_strdup_printf("add an IPv6 address of that prefix to %s, or "
                                                "pin the route: IPV6_DEFAULTGW=%s%%%s",
                                                dev, gw, dev),
                                "%s: IPV6_DEFAULTGW=%s is in none of its IPv6 prefixes: the "
                                "kernel would put the route on another device; bondcfg adds "
                                "none",
                                dev, gw);
                return;
        }
        r = l3_default_route(AF_INET6, dev);
        r->gateway = g_steal_pointer(&canon);
        r->has_metric = true;
        r->metric = 1;
        r->origin.file = g_strdup(ifcfg_path(from));
        r->origin.line = ifcfg_line(from, "IPV6_DEFAULTGW");
        r->origin.text = g_strdup("IPV6_DEFAULTGW");
        g_ptr_array_add(x->l3->routes, g_steal_pointer(&r));
}

void l3_ipv6_load(L3Ctx *x)
{
        static const char *const v6keys[] = { "IPV6ADDR", "IPV6ADDR_SECONDARIES",
                                              "IPV6_DEFAULTGW" };

        /* ifup-eth runs dhclient -6 for DHCPV6C=yes, whatever IPV6INIT says. */
        x->l3->dhcp6 = l3_bool(x, "DHCPV6C") == 1;
        /* ifup-ipv6: "is_false "$IPV6INIT" && exit 0": unset is yes. */
        x->l3->ipv6init = l3_bool(x, "IPV6INIT") != 0;
        if (!x->l3->ipv6init) {
                for (size_t i = 0; i < G_N_ELEMENTS(v6keys); i++)
                        if (cfg_get_str(x->f, v6keys[i]))
                                l3_warn(x, v6keys[i],
                                        g_strdup("remove IPV6INIT=no to configure IPv6"),
                                        "%s is ignored: IPV6INIT=no, and initscripts' ifup-ipv6 "
                                        "stops there",
                                        v6keys[i]);
                return;
        }
        ipv6_addresses(x);
        ipv6_sysctls(x);
        ipv6_mtu(x);
        ipv6_gateway(x);
}
