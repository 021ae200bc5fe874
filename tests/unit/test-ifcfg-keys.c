/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The ifcfg key table (ifcfg-keys.c): lookups and the warnings it gives. */
#include <stdbool.h>
#include <string.h>
#include <glib.h>

#include "ifcfg-keys.h"

static DiagList *check(const char *text, KeyRole role)
{
        g_autoptr(IfcfgFile) f = NULL;
        DiagList *d = diag_list_new();
        g_autoptr(DiagList) pd = diag_list_new();

        g_assert_cmpint(ifcfg_parse_buffer("ifcfg-x", text, strlen(text), &f, pd), ==, 0);
        ifcfg_keys_check(f, role, d);
        for (guint i = 0; i < d->items->len; i++) {
                g_autofree char *s = diag_format(d->items->pdata[i]);

                g_test_message("%s", s);
        }
        return d;
}

static const Diag *about(const DiagList *d, const char *key)
{
        for (guint i = 0; i < d->items->len; i++)
                if (g_strcmp0(((Diag *)d->items->pdata[i])->key, key) == 0)
                        return d->items->pdata[i];
        return NULL;
}

static void test_lookup(void)
{
        g_assert_nonnull(ifcfg_key_lookup("IPADDR", KEY_ROLE_BOND));
        g_assert_nonnull(ifcfg_key_lookup("IPADDR0", KEY_ROLE_BOND));
        g_assert_nonnull(ifcfg_key_lookup("IPADDR255", KEY_ROLE_BOND));
        g_assert_null(ifcfg_key_lookup("IPADDR01", KEY_ROLE_BOND));
        g_assert_null(ifcfg_key_lookup("IPADDR1000", KEY_ROLE_BOND));
        g_assert_null(ifcfg_key_lookup("IPADDR", KEY_ROLE_PORT));
        g_assert_true(ifcfg_key_lookup("MTU", KEY_ROLE_BOND)->disp == KEY_DONE);
        g_assert_true(ifcfg_key_lookup("MTU", KEY_ROLE_PORT)->disp == KEY_WARN);
        g_assert_nonnull(ifcfg_key_lookup("GATEWAY", KEY_ROLE_NETWORK));
}

/* Every row says what all three do; no key is listed twice for a role. */
static void test_table(void)
{
        size_t n;
        const IfcfgKeyDesc *t = ifcfg_keys(&n);

        g_assert_cmpuint(n, >, 80);
        for (size_t i = 0; i < n; i++) {
                g_assert_true(t[i].initscripts && *t[i].initscripts);
                g_assert_true(t[i].nm && *t[i].nm);
                g_assert_true(t[i].bondcfg && *t[i].bondcfg);
                for (size_t k = i + 1; k < n; k++)
                        g_assert_false(g_str_equal(t[i].name, t[k].name) &&
                                       (t[i].roles & t[k].roles));
        }
}

/* A key bondcfg does not carry out: one warning, with a hint; a value
 * that changes nothing: none; an unknown key: "did you mean". */
static void test_warnings(void)
{
        g_autoptr(DiagList) d = check("DEVICE=bond0\nTYPE=Bond\nZONE=public\nZONE=dmz\n"
                                      "IPV6_DEFROUTE=yes\nIPV6_ADDR_GEN_MODE=stable-privacy\n"
                                      "IPADR=192.0.2.1\nMY_SITE_TAG=x\nDNS1=192.0.2.53\n"
                                      "LINKDELAY=5\n",
                                      KEY_ROLE_BOND);
        g_autoptr(DiagList) port = check("DEVICE=eth0\nMASTER=bond0\nSLAVE=yes\nMTU=9000\n"
                                         "LINKDELAY=3\nIPADDR=192.0.2.1\n",
                                         KEY_ROLE_PORT);
        g_autoptr(DiagList) net = check("NETWORKING=yes\nHOSTNAME=x\nNISDOMAIN=y\n"
                                        "NETWORKING_IPV6=yes\n",
                                        KEY_ROLE_NETWORK);

        g_assert_nonnull(about(d, "ZONE"));
        g_assert_nonnull(strstr(about(d, "ZONE")->message, "firewall"));
        g_assert_nonnull(about(d, "ZONE")->hint);
        g_assert_null(about(d, "IPV6_DEFROUTE")); /* yes: what bondcfg does anyway */
        g_assert_nonnull(about(d, "IPV6_ADDR_GEN_MODE"));
        g_assert_cmpstr(about(d, "IPADR")->hint, ==, "did you mean 'IPADDR'?");
        g_assert_nonnull(about(d, "MY_SITE_TAG"));
        g_assert_nonnull(about(d, "DNS1"));
        g_assert_null(about(d, "LINKDELAY"));
        g_assert_cmpuint(d->items->len, ==, 5);

        g_assert_nonnull(about(port, "MTU"));
        g_assert_nonnull(about(port, "LINKDELAY")); /* a bond's key, unused on a port */
        g_assert_null(about(port, "IPADDR"));       /* validate.c says so */
        g_assert_cmpuint(port->items->len, ==, 2);

        /* the network file is the system's: only what matters here */
        g_assert_cmpuint(net->items->len, ==, 1);
        g_assert_nonnull(about(net, "NETWORKING_IPV6"));
}

/* Every row of the table, in every role it names: a key bondcfg hands over
 * or does not carry out gets one warning, with a hint, unless its value is
 * the row's quiet one; a key it carries out or that has nothing to do in
 * the kernel gets none from the table.  No key is silently ignored. */
static void test_every_row(void)
{
        static const KeyRole roles[] = { KEY_ROLE_BOND, KEY_ROLE_PORT, KEY_ROLE_NETWORK,
                                         KEY_ROLE_VLAN, KEY_ROLE_BRIDGE };
        size_t n, warned = 0, quiet = 0;
        const IfcfgKeyDesc *t = ifcfg_keys(&n);

        for (size_t i = 0; i < n; i++) {
                g_autofree char *key = g_strdup(t[i].name);
                size_t len = strlen(key);

                if (len && key[len - 1] == '#')
                        key[len - 1] = '1'; /* IPADDR#: IPADDR1 */
                for (size_t r = 0; r < G_N_ELEMENTS(roles); r++) {
                        g_autofree char *text = NULL;
                        g_autoptr(DiagList) d = NULL;
                        const Diag *about_key;
                        bool warns = t[i].disp == KEY_WARN || t[i].disp == KEY_HANDOFF;

                        if (!(t[i].roles & roles[r]))
                                continue;
                        text = g_strdup_printf("%s=not-the-quiet-value\n", key);
                        d = check(text, roles[r]);
                        about_key = about(d, key);
                        if (warns) {
                                if (!about_key)
                                        g_error("%s (role %u): no warning", t[i].name, roles[r]);
                                g_assert_nonnull(about_key->hint);
                                g_assert_cmpstr(about_key->message, ==, t[i].bondcfg);
                                g_assert_cmpuint(d->items->len, ==, 1);
                                warned++;
                        } else if (about_key) {
                                g_error("%s (role %u): a warning from a row that is done or "
                                        "inert: %s",
                                        t[i].name, roles[r], about_key->message);
                        }
                        if (warns && t[i].quiet) {
                                g_autofree char *qt = g_strdup_printf("%s=%s\n", key, t[i].quiet);
                                g_autoptr(DiagList) qd = check(qt, roles[r]);

                                g_assert_null(about(qd, key));
                                quiet++;
                        }
                }
        }
        g_test_message("%zu rows: %zu warnings checked, %zu quiet values", n, warned, quiet);
        g_assert_cmpuint(warned, >, 20);
}

/* The VLAN and bridge roles: their own keys, the address keys they share
 * with the bond, BRIDGE done on a bond and unused on a port. */
static void test_stack_roles(void)
{
        g_autoptr(DiagList) vlan = check("DEVICE=bond0.100\nVLAN=yes\nPHYSDEV=bond0\nVLAN_ID=100\n"
                                         "VLAN_FLAGS=GVRP\nIPADDR=192.0.2.1\nPREFIX=24\n"
                                         "VLAN_PROTOCOL=802.1ad\nBONDING_OPTS=mode=1\n",
                                         KEY_ROLE_VLAN);
        g_autoptr(DiagList) br = check("DEVICE=br0\nTYPE=Bridge\nSTP=yes\nDELAY=4\n"
                                       "BRIDGING_OPTS=priority=1\nPRIO=1\nGATEWAY=192.0.2.254\n",
                                       KEY_ROLE_BRIDGE);
        g_autoptr(DiagList) bond = check("DEVICE=bond0\nTYPE=Bond\nBRIDGE=br0\n"
                                         "BRIDGING_OPTS=path_cost=4\n",
                                         KEY_ROLE_BOND);
        g_autoptr(DiagList) port = check("DEVICE=eth0\nMASTER=bond0\nBRIDGE=br0\n", KEY_ROLE_PORT);

        /* VLAN_PROTOCOL is done (802.1ad), quiet */
        g_assert_null(about(vlan, "VLAN_PROTOCOL"));
        g_assert_nonnull(strstr(about(vlan, "BONDING_OPTS")->message, "a VLAN's file"));
        g_assert_cmpuint(vlan->items->len, ==, 1);
        /* PRIO is done (ifup-eth's priority), quiet */
        g_assert_null(about(br, "PRIO"));
        g_assert_cmpuint(br->items->len, ==, 0);
        g_assert_cmpuint(bond->items->len, ==, 0);
        g_assert_true(ifcfg_key_lookup("BRIDGE", KEY_ROLE_BOND)->disp == KEY_DONE);
        g_assert_nonnull(strstr(about(port, "BRIDGE")->message, "a port's file"));
        g_assert_cmpuint(port->items->len, ==, 1);
}

static void test_renderings(void)
{
        g_autofree char *man = ifcfg_keys_man();
        g_autoptr(JsonDoc) b = json_doc_new();
        g_autofree char *json = NULL;
        g_autofree char *text = ifcfg_keys_text();

        g_assert_nonnull(strstr(man, ".B IPADDR#"));
        g_assert_nonnull(strstr(man, "initscripts: "));
        ifcfg_keys_to_json(b);
        json = json_doc_finish(b);
        g_assert_true(
                g_str_has_prefix(json, "{\"format_version\":1,\"keys\":[{\"key\":\"DEVICE\""));
        g_assert_nonnull(strstr(text, "ETHTOOL_OPTS"));
}

int main(int argc, char **argv)
{
        g_test_init(&argc, &argv, NULL);
        g_test_add_func("/ifcfg-keys/lookup", test_lookup);
        g_test_add_func("/ifcfg-keys/table", test_table);
        g_test_add_func("/ifcfg-keys/warnings", test_warnings);
        g_test_add_func("/ifcfg-keys/every-row", test_every_row);
        g_test_add_func("/ifcfg-keys/stack-roles", test_stack_roles);
        g_test_add_func("/ifcfg-keys/renderings", test_renderings);
        return g_test_run();
}
