/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A link's layer 3 as initscripts would put it in the kernel
 * (config-l3*.c): each rule against the initscripts function it follows.
 */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <linux/rtnetlink.h>

#include "config-l3.h"
#include "route.h"
#include "rule.h"

typedef struct {
        char *dir; /* DIR/network-scripts holds the files; DIR/network */
        IfcfgFile *f, *net;
        DiagList *diags;
        CfgL3 *l3;
} L3;

static void l3_free(L3 *t)
{
        g_autofree char *nd = g_build_filename(t->dir, "network-scripts", NULL);
        GDir *d = g_dir_open(nd, 0, NULL);
        const char *name;

        while (d && (name = g_dir_read_name(d))) {
                g_autofree char *p = g_build_filename(nd, name, NULL);

                g_unlink(p);
        }
        if (d)
                g_dir_close(d);
        g_rmdir(nd);
        {
                g_autofree char *n = g_build_filename(t->dir, "network", NULL);

                g_unlink(n);
        }
        g_rmdir(t->dir);
        g_free(t->dir);
        ifcfg_free(t->f);
        ifcfg_free(t->net);
        diag_list_free(t->diags);
        cfg_l3_free(t->l3);
        g_free(t);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(L3, l3_free)

static void put(const char *dir, const char *name, const char *text)
{
        g_autofree char *p = g_build_filename(dir, name, NULL);

        g_assert_true(g_file_set_contents(p, text, -1, NULL));
}

/* bond0's layer 3 from its ifcfg text, a network file (NULL: none) and
 * other files of the directory (name, text, ..., NULL). */
static L3 *load(const char *ifcfg, const char *network, ...)
{
        L3 *t = g_new0(L3, 1);
        g_autofree char *nd = NULL;
        va_list ap;
        const char *name;

        t->dir = g_dir_make_tmp("bondcfg-l3-XXXXXX", NULL);
        g_assert_nonnull(t->dir);
        nd = g_build_filename(t->dir, "network-scripts", NULL);
        g_assert_cmpint(g_mkdir(nd, 0755), ==, 0);
        t->diags = diag_list_new();
        va_start(ap, network);
        while ((name = va_arg(ap, const char *))) {
                const char *text = va_arg(ap, const char *);

                put(nd, name, text);
        }
        va_end(ap);
        {
                g_autofree char *p = g_build_filename(nd, "ifcfg-bond0", NULL);

                g_assert_cmpint(ifcfg_parse_buffer(p, ifcfg, strlen(ifcfg), &t->f, t->diags), ==,
                                0);
        }
        if (network) {
                g_autofree char *p = g_build_filename(t->dir, "network", NULL);

                g_assert_cmpint(ifcfg_parse_buffer(p, network, strlen(network), &t->net, t->diags),
                                ==, 0);
        }
        t->l3 = cfg_l3_load(t->f, t->net, nd, NULL, "bond0", t->diags);
        for (guint i = 0; i < t->diags->items->len; i++) {
                g_autofree char *s = diag_format(t->diags->items->pdata[i]);

                g_test_message("%s", s);
        }
        return t;
}

static const CfgAddress *addr(const L3 *t, guint i)
{
        g_assert_cmpuint(i, <, t->l3->addrs->len);
        return t->l3->addrs->pdata[i];
}

/* The only route of family with prefix 0, or NULL. */
static const NetRoute *default_route(const L3 *t, int family)
{
        const NetRoute *found = NULL;

        for (guint i = 0; i < t->l3->routes->len; i++) {
                const NetRoute *r = t->l3->routes->pdata[i];

                if (r->family == family && r->prefix == 0) {
                        g_assert_null(found);
                        found = r;
                }
        }
        return found;
}

static const char *sysctl(const L3 *t, const char *name)
{
        for (guint i = 0; i < t->l3->sysctls->len; i++) {
                const CfgSysctl *s = t->l3->sysctls->pdata[i];

                if (g_str_equal(s->name, name))
                        return s->value;
        }
        return NULL;
}

/* A diagnostic of severity about key, or NULL. */
static const Diag *diag(const L3 *t, DiagSeverity sev, const char *key)
{
        for (guint i = 0; i < t->diags->items->len; i++) {
                const Diag *d = t->diags->items->pdata[i];

                if (d->severity == sev && g_strcmp0(d->key, key) == 0)
                        return d;
        }
        return NULL;
}

/* ifup-eth's expand_config(): IPADDR, IPADDR0, IPADDR1, IPADDR2... in that
 * order; a missing one from IPADDR2 on ends the list. */
static void test_ipv4_order_and_gap(void)
{
        g_autoptr(L3) t = load("IPADDR1=192.0.2.11\nPREFIX1=24\nIPADDR=192.0.2.10\nPREFIX=24\n"
                               "IPADDR3=192.0.2.13\nPREFIX3=24\nIPADDR0=192.0.2.9\n"
                               "NETMASK0=255.255.255.0\n",
                               NULL, NULL);

        g_assert_cmpuint(t->l3->addrs->len, ==, 3);
        g_assert_cmpstr(addr(t, 0)->address, ==, "192.0.2.10");
        g_assert_cmpstr(addr(t, 1)->address, ==, "192.0.2.9");
        g_assert_cmpuint(addr(t, 1)->prefix, ==, 24);
        g_assert_cmpstr(addr(t, 2)->address, ==, "192.0.2.11");
        g_assert_nonnull(diag(t, DIAG_WARNING, "IPADDR3"));
        g_assert_nonnull(strstr(diag(t, DIAG_WARNING, "IPADDR3")->hint, "IPADDR2 is missing"));
}

/* `ip addr add ... brd ${BROADCASTn:-ipcalc's}`: the subnet's last address,
 * 255.255.255.255 for a /31, the address itself for a /32 (RHEL 9's
 * ipcalc); no PREFIX or NETMASK is an error (tools disagree). */
static void test_ipv4_broadcast(void)
{
        g_autoptr(L3) t = load("IPADDR=192.0.2.10\nPREFIX=24\nIPADDR1=198.51.100.1\nPREFIX1=31\n"
                               "IPADDR2=203.0.113.7\nPREFIX2=32\nIPADDR3=10.0.0.1\nPREFIX3=8\n"
                               "BROADCAST3=10.255.255.254\nIPADDR4=10.9.9.9\n",
                               NULL, NULL);

        g_assert_cmpstr(addr(t, 0)->broadcast, ==, "192.0.2.255");
        g_assert_cmpstr(addr(t, 1)->broadcast, ==, "255.255.255.255");
        g_assert_cmpstr(addr(t, 2)->broadcast, ==, "203.0.113.7");
        g_assert_cmpstr(addr(t, 3)->broadcast, ==, "10.255.255.254");
        /* no PREFIX4 or NETMASK4: RHEL 9's ipcalc gives /32, with a warning */
        g_assert_cmpuint(t->l3->addrs->len, ==, 5);
        g_assert_cmpuint(addr(t, 4)->prefix, ==, 32);
        g_assert_nonnull(diag(t, DIAG_WARNING, "IPADDR4"));
}

/* ARPCHECKn/ARPUPDATEn belong to IPADDRn (ARPCHECK to IPADDR), and the
 * network file's value is the default. */
static void test_arpcheck(void)
{
        g_autoptr(L3) t = load("IPADDR=192.0.2.10\nPREFIX=24\nIPADDR1=192.0.2.11\nPREFIX1=24\n"
                               "ARPCHECK1=no\nARPUPDATE=no\nARPING_WAIT=1\n",
                               "ARPCHECK=no\n", NULL);

        g_assert_false(addr(t, 0)->arpcheck); /* from the network file */
        g_assert_false(addr(t, 1)->arpcheck);
        g_assert_false(addr(t, 0)->arpupdate);
        g_assert_true(addr(t, 1)->arpupdate);
        g_assert_cmpuint(t->l3->arping_wait_ms, ==, 1000);
        g_assert_cmpuint(t->l3->arping_tries, ==, 1); /* initscripts' default */
        {
                g_autoptr(L3) tries =
                        load("IPADDR=192.0.2.10\nPREFIX=24\n", "ARPING_TRIES=3\n", NULL);

                g_assert_cmpuint(tries->l3->arping_tries, ==, 3);
        }
}

/* ifup-eth: `ip route replace default [metric METRIC] via GATEWAY [src
 * SRCADDR]` when GATEWAY is in the first address's subnet. */
static void test_gateway(void)
{
        g_autoptr(L3) t = load("IPADDR=192.0.2.10\nPREFIX=24\nGATEWAY=192.0.2.1\nMETRIC=100\n"
                               "SRCADDR=192.0.2.10\n",
                               NULL, NULL);
        const NetRoute *r = default_route(t, AF_INET);

        g_assert_nonnull(r);
        g_assert_cmpstr(r->gateway, ==, "192.0.2.1");
        g_assert_cmpstr(r->oif, ==, "bond0");
        g_assert_true(r->has_metric);
        g_assert_cmpuint(r->metric, ==, 100);
        g_assert_cmpstr(r->prefsrc, ==, "192.0.2.10");
        g_assert_cmpuint(net_route_protocol(r), ==, RTPROT_BOOT);
        g_assert_cmpuint(net_route_table(r), ==, RT_TABLE_MAIN);
        g_assert_cmpstr(sysctl(t, "arp_filter"), ==, "1");
        g_assert_true(t->l3->zeroconf);
}

/* GATEWAY from /etc/sysconfig/network; DEFROUTE=no; GATEWAYDEV elsewhere;
 * GATEWAYDEV=bond0 alone; a GATEWAY outside the subnet; NOZEROCONF. */
static void test_gateway_rules(void)
{
        g_autoptr(L3) net = load("IPADDR=192.0.2.10\nPREFIX=24\n", "GATEWAY=192.0.2.254\n", NULL);
        g_autoptr(L3) over =
                load("IPADDR=192.0.2.10\nPREFIX=24\nGATEWAY=\n", "GATEWAY=192.0.2.254\n", NULL);
        g_autoptr(L3) nodef =
                load("IPADDR=192.0.2.10\nPREFIX=24\nGATEWAY=192.0.2.1\nDEFROUTE=no\n", NULL, NULL);
        g_autoptr(L3) other = load("IPADDR=192.0.2.10\nPREFIX=24\nGATEWAY=192.0.2.1\n",
                                   "GATEWAYDEV=eth9\n", NULL);
        g_autoptr(L3) devonly =
                load("IPADDR=192.0.2.10\nPREFIX=24\nGATEWAYDEV=bond0\n", NULL, NULL);
        g_autoptr(L3) off = load("IPADDR=192.0.2.10\nPREFIX=24\nGATEWAY=198.51.100.1\n"
                                 "NOZEROCONF=no\n",
                                 NULL, NULL);

        g_assert_cmpstr(default_route(net, AF_INET)->gateway, ==, "192.0.2.254");
        /* an empty GATEWAY= in the ifcfg file hides the network file's */
        g_assert_null(default_route(over, AF_INET));
        g_assert_null(default_route(nodef, AF_INET));
        g_assert_null(default_route(other, AF_INET));
        g_assert_nonnull(default_route(devonly, AF_INET));
        g_assert_null(default_route(devonly, AF_INET)->gateway);
        g_assert_null(default_route(off, AF_INET));
        g_assert_nonnull(diag(off, DIAG_WARNING, "GATEWAY"));
        /* [ -z "${NOZEROCONF}" ]: any value turns the route off */
        g_assert_false(off->l3->zeroconf);
}

/* BOOTPROTO=dhcp: ifup-eth runs the DHCP client, no IPADDR. */
static void test_dhcp(void)
{
        g_autoptr(L3) t = load("BOOTPROTO=dhcp\nIPADDR=192.0.2.10\nPREFIX=24\nGATEWAY=192.0.2.1\n",
                               NULL, NULL);

        g_assert_true(t->l3->dhcp4);
        g_assert_cmpuint(t->l3->addrs->len, ==, 0);
        g_assert_null(default_route(t, AF_INET));
        g_assert_nonnull(diag(t, DIAG_WARNING, "IPADDR"));
        g_assert_true(t->l3->zeroconf);
}

/* ifup-ipv6: "is_false $IPV6INIT && exit 0" (unset is yes), addresses /64
 * by default, the sysctls, ipv6_set_default_route(). */
static void test_ipv6(void)
{
        g_autoptr(L3) t = load("IPV6ADDR=2001:db8::10\nIPV6ADDR_SECONDARIES=\"2001:db8:1::10/80\"\n"
                               "IPV6_DEFAULTGW=2001:db8::1\nIPV6_AUTOCONF=no\n"
                               "IPV6_PRIVACY=rfc3041\n",
                               NULL, NULL);
        g_autoptr(L3) no = load("IPV6INIT=no\nIPV6ADDR=2001:db8::10/64\n", NULL, NULL);
        g_autoptr(L3) fwd = load("IPV6FORWARDING=yes\nIPV6_AUTOCONF=yes\n", NULL, NULL);
        const NetRoute *r = default_route(t, AF_INET6);

        g_assert_true(t->l3->ipv6init);
        g_assert_cmpuint(t->l3->addrs->len, ==, 2);
        g_assert_cmpuint(addr(t, 0)->prefix, ==, 64);
        g_assert_cmpuint(addr(t, 1)->prefix, ==, 80);
        g_assert_nonnull(r);
        g_assert_cmpuint(r->metric, ==, 1);
        g_assert_cmpstr(r->oif, ==, "bond0");
        g_assert_cmpstr(sysctl(t, "autoconf"), ==, "0");
        g_assert_cmpstr(sysctl(t, "accept_ra"), ==, "0");
        g_assert_cmpstr(sysctl(t, "accept_redirects"), ==, "0");
        g_assert_cmpstr(sysctl(t, "forwarding"), ==, "0");
        g_assert_cmpstr(sysctl(t, "use_tempaddr"), ==, "2");

        g_assert_false(no->l3->ipv6init);
        g_assert_cmpuint(no->l3->addrs->len, ==, 0);
        g_assert_cmpuint(no->l3->sysctls->len, ==, 0);
        g_assert_nonnull(diag(no, DIAG_WARNING, "IPV6ADDR"));

        g_assert_cmpstr(sysctl(fwd, "forwarding"), ==, "1");
        g_assert_cmpstr(sysctl(fwd, "accept_ra"), ==, "2");
        g_assert_cmpstr(sysctl(fwd, "autoconf"), ==, "1");
}

/* ifup-ipv6: IPV6_SET_SYSCTLS=no leaves the device's sysctls alone;
 * ipv6_set_mtu(): IPV6_MTU from 1280 to 65535 is the link's MTU, from the
 * network file too; out of range, a warning and nothing. */
static void test_ipv6_sysctls_and_mtu(void)
{
        g_autoptr(L3) nosys = load("IPV6_SET_SYSCTLS=no\nIPV6_AUTOCONF=no\n", NULL, NULL);
        g_autoptr(L3) mtu = load("IPV6_MTU=1400\n", NULL, NULL);
        g_autoptr(L3) netmtu = load("IPV6INIT=yes\n", "IPV6_MTU=1500\n", NULL);
        g_autoptr(L3) low = load("IPV6_MTU=1279\n", NULL, NULL);
        g_autoptr(L3) junk = load("IPV6_MTU=big\n", NULL, NULL);

        g_assert_cmpuint(nosys->l3->sysctls->len, ==, 0);
        g_assert_cmpuint(mtu->l3->link_mtu, ==, 1400);
        g_assert_null(diag(mtu, DIAG_WARNING, "IPV6_MTU"));
        g_assert_cmpuint(netmtu->l3->link_mtu, ==, 1500);
        g_assert_cmpuint(low->l3->link_mtu, ==, 0);
        g_assert_nonnull(diag(low, DIAG_WARNING, "IPV6_MTU"));
        g_assert_cmpuint(junk->l3->link_mtu, ==, 0);
        g_assert_nonnull(diag(junk, DIAG_WARNING, "IPV6_MTU"));
}

/* ipv6_set_default_route(): GW%DEV pins the device; another device's route
 * is not this one's; a link-local GW needs a device; a global GW without
 * one goes on the link whose prefix holds it. */
static void test_ipv6_gateway_rules(void)
{
        g_autoptr(L3) scoped = load("IPV6_DEFAULTGW=fe80::1%bond0\n", NULL, NULL);
        g_autoptr(L3) others =
                load("IPV6ADDR=2001:db8::10/64\nIPV6_DEFAULTGW=fe80::1%eth9\n", NULL, NULL);
        g_autoptr(L3) ll = load("IPV6_DEFAULTGW=fe80::1\n", NULL, NULL);
        g_autoptr(L3) global =
                load("IPV6ADDR=2001:db8::10/64\n", "IPV6_DEFAULTGW=2001:db8::1\n", NULL);
        g_autoptr(L3) elsewhere =
                load("IPV6ADDR=2001:db8:5::10/64\n", "IPV6_DEFAULTGW=2001:db8::1\n", NULL);
        g_autoptr(L3) devonly = load("IPV6_DEFAULTDEV=bond0\n", NULL, NULL);

        g_assert_cmpstr(default_route(scoped, AF_INET6)->gateway, ==, "fe80::1");
        g_assert_null(default_route(others, AF_INET6));
        g_assert_null(default_route(ll, AF_INET6));
        g_assert_nonnull(diag(ll, DIAG_WARNING, "IPV6_DEFAULTGW"));
        g_assert_cmpstr(default_route(global, AF_INET6)->gateway, ==, "2001:db8::1");
        /* the network file's gateway is another link's: silently not here */
        g_assert_null(default_route(elsewhere, AF_INET6));
        g_assert_null(diag(elsewhere, DIAG_WARNING, "IPV6_DEFAULTGW"));
        g_assert_null(default_route(devonly, AF_INET6));
        g_assert_nonnull(diag(devonly, DIAG_WARNING, "IPV6_DEFAULTDEV"));
}

/* ifup-routes: route-DEV, route6-DEV, rule-DEV, rule6-DEV and the NICK
 * variants; NOROUTESET=yes skips them. */
static void test_route_files(void)
{
        g_autoptr(L3) t = load("IPADDR=192.0.2.10\nPREFIX=24\n", NULL, "route-bond0",
                               "ADDRESS0=10.1.0.0\nNETMASK0=255.255.0.0\nGATEWAY0=192.0.2.1\n",
                               "route6-bond0", "2001:db8:9::/48 via 2001:db8::1\n", "rule-bond0",
                               "from 10.1.0.0/16 lookup 100 priority 100\n", NULL);
        g_autoptr(L3) off = load("IPADDR=192.0.2.10\nPREFIX=24\nNOROUTESET=yes\n", NULL,
                                 "route-bond0", "10.1.0.0/16 via 192.0.2.1\n", NULL);

        g_assert_cmpuint(t->l3->routes->len, ==, 2);
        g_assert_cmpuint(t->l3->rules->len, ==, 1);
        g_assert_cmpuint(t->l3->files->len, ==, 3);
        g_assert_cmpstr(((NetRoute *)t->l3->routes->pdata[0])->oif, ==, "bond0");
        g_assert_cmpuint(off->l3->routes->len, ==, 0);
        g_assert_cmpuint(off->l3->files->len, ==, 0);
}

/* A yes/no key with another value is unset for initscripts: a warning. */
static void test_bad_bool(void)
{
        g_autoptr(L3) t = load("IPADDR=192.0.2.10\nPREFIX=24\nGATEWAY=192.0.2.1\nDEFROUTE=maybe\n",
                               NULL, NULL);

        g_assert_nonnull(diag(t, DIAG_WARNING, "DEFROUTE"));
        g_assert_nonnull(default_route(t, AF_INET)); /* "not false": the route */
}

/* ifup-aliases: ifcfg-DEV:N (the parent's PREFIX and BROADCAST as
 * defaults, DEVICE as the label, ONPARENT=no left out, an address seen
 * before left out) and ifcfg-DEV-rangeN. */
static void test_aliases(void)
{
        g_autoptr(L3) t =
                load("IPADDR=192.0.2.10\nPREFIX=24\nIPADDR0=192.0.2.10\nPREFIX0=24\n", NULL,
                     "ifcfg-bond0:1", "DEVICE=bond0:1\nIPADDR=192.0.2.20\n", "ifcfg-bond0:2",
                     "IPADDR=198.51.100.5\nNETMASK=255.255.255.0\n", "ifcfg-bond0:3",
                     "IPADDR=192.0.2.30\nONPARENT=no\n", "ifcfg-bond0:4", "IPADDR=192.0.2.20\n",
                     "ifcfg-bond0:5.bak", "IPADDR=192.0.2.99\n", "ifcfg-bond0-range0",
                     "IPADDR_START=203.0.113.10\nIPADDR_END=203.0.113.11\n"
                     "CLONENUM_START=7\nPREFIX=28\n",
                     NULL);

        /* IPADDR0 repeats IPADDR: once, with a warning */
        g_assert_nonnull(diag(t, DIAG_WARNING, "IPADDR0"));
        g_assert_cmpuint(t->l3->addrs->len, ==, 5);
        g_assert_cmpstr(addr(t, 1)->address, ==, "192.0.2.20");
        g_assert_cmpuint(addr(t, 1)->prefix, ==, 24); /* the parent's PREFIX */
        g_assert_cmpstr(addr(t, 1)->label, ==, "bond0:1");
        g_assert_cmpstr(addr(t, 1)->broadcast, ==, "192.0.2.255");
        g_assert_cmpstr(addr(t, 2)->label, ==, "bond0:2"); /* from the file name */
        g_assert_cmpstr(addr(t, 2)->address, ==, "198.51.100.5");
        g_assert_cmpstr(addr(t, 3)->label, ==, "bond0:7");
        g_assert_cmpuint(addr(t, 3)->prefix, ==, 28);
        g_assert_cmpstr(addr(t, 4)->label, ==, "bond0:8");
        g_assert_cmpstr(addr(t, 4)->address, ==, "203.0.113.11");
        g_assert_cmpuint(t->l3->files->len, ==, 5);
}

int main(int argc, char **argv)
{
        g_test_init(&argc, &argv, NULL);
        g_test_add_func("/config-l3/ipv4-order-and-gap", test_ipv4_order_and_gap);
        g_test_add_func("/config-l3/ipv4-broadcast", test_ipv4_broadcast);
        g_test_add_func("/config-l3/arpcheck", test_arpcheck);
        g_test_add_func("/config-l3/gateway", test_gateway);
        g_test_add_func("/config-l3/gateway-rules", test_gateway_rules);
        g_test_add_func("/config-l3/dhcp", test_dhcp);
        g_test_add_func("/config-l3/ipv6-sysctls-and-mtu", test_ipv6_sysctls_and_mtu);
        g_test_add_func("/config-l3/ipv6", test_ipv6);
        g_test_add_func("/config-l3/ipv6-gateway-rules", test_ipv6_gateway_rules);
        g_test_add_func("/config-l3/route-files", test_route_files);
        g_test_add_func("/config-l3/bad-bool", test_bad_bool);
        g_test_add_func("/config-l3/aliases", test_aliases);
        return g_test_run();
}
