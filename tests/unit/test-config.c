/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests for the configuration model (src/config.c). */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "config.h"
#include "route.h"
#include "validate.h"

#define FIXTURES SRCDIR "/tests/fixtures"

static void dump(const DiagList *diags)
{
        for (guint i = 0; i < diags->items->len; i++) {
                g_autofree char *s = diag_format(diags->items->pdata[i]);

                g_test_message("%s", s);
        }
}

static Config *load(const char *dir, DiagList *diags)
{
        Config *c = NULL;

        g_assert_cmpint(config_load_dir(dir, &c, diags), ==, 0);
        g_assert_nonnull(c);
        dump(diags);
        return c;
}

static const char *base(const char *path)
{
        const char *s = strrchr(path, '/');

        return s ? s + 1 : path;
}

static void assert_addr(const CfgBond *b, guint i, int family, const char *addr, unsigned prefix,
                        unsigned line)
{
        const CfgAddress *a;

        g_assert_cmpuint(i, <, b->l3->addrs->len);
        a = b->l3->addrs->pdata[i];
        g_assert_cmpint(a->family, ==, family);
        g_assert_cmpstr(a->address, ==, addr);
        g_assert_cmpuint(a->prefix, ==, prefix);
        g_assert_cmpuint(a->line, ==, line);
}

/* The gateway of the bond's configured default route of family, or NULL. */
static const char *gw(const CfgBond *b, int family)
{
        for (guint i = 0; i < b->l3->routes->len; i++) {
                const NetRoute *r = b->l3->routes->pdata[i];

                if (r->family == family && r->prefix == 0)
                        return r->gateway;
        }
        return NULL;
}

static const CfgPort *port(const CfgBond *b, guint i)
{
        g_assert_cmpuint(i, <, b->ports->len);
        return b->ports->pdata[i];
}

static char *opt_text(const CfgBond *b, BondOptId id)
{
        return bond_opt_format_value(bond_opt_desc(id), &b->opts->v[id]);
}

/* ---- RHEL documentation examples ------------------------------------------ */

typedef struct {
        const char *set;
        BondMode mode;
        const char *address;
} RhelCase;

static const RhelCase rhel_cases[] = {
        { "active-backup", BOND_MODE_ACTIVE_BACKUP, "192.0.2.10" },
        { "lacp", BOND_MODE_LACP, "192.0.2.20" },
        { "balance-alb", BOND_MODE_BALANCE_ALB, "192.0.2.30" },
        { "arp", BOND_MODE_ACTIVE_BACKUP, "192.0.2.40" },
        { "primary", BOND_MODE_ACTIVE_BACKUP, "192.0.2.50" },
};

static void test_rhel(gconstpointer data)
{
        const RhelCase *k = data;
        g_autofree char *dir = g_build_filename(FIXTURES, "rhel", k->set, NULL);
        g_autoptr(DiagList) diags = diag_list_new();
        g_autoptr(Config) c = load(dir, diags);
        const CfgBond *b;

        g_assert_cmpuint(diags->items->len, ==, 0);
        g_assert_cmpstr(c->dir, ==, dir);
        g_assert_cmpuint(c->files->len, ==, 3);
        g_assert_cmpuint(c->bonds->len, ==, 1);
        g_assert_cmpuint(c->ports->len, ==, 2);
        b = c->bonds->pdata[0];
        g_assert_cmpstr(b->name, ==, "bond0");
        g_assert_cmpstr(b->nm_name, ==, "bond0");
        g_assert_cmpstr(base(ifcfg_path(b->ifcfg)), ==, "ifcfg-bond0");
        g_assert_true(b->onboot);
        g_assert_false(b->l3->dhcp4);
        g_assert_cmpuint(b->mtu, ==, 0);
        g_assert_null(b->macaddr);
        g_assert_null(b->uuid);
        g_assert_null(b->chipset_check);
        g_assert_cmpint(bond_options_mode(b->opts), ==, k->mode);
        g_assert_true(b->opts->v[BOND_OPT_MODE].set);
        g_assert_cmpuint(b->opts->v[BOND_OPT_MODE].line, ==, ifcfg_line(b->ifcfg, "BONDING_OPTS"));
        g_assert_cmpuint(ifcfg_line(b->ifcfg, "BONDING_OPTS"), >=, 9);
        assert_addr(b, 0, AF_INET, k->address, 24, 5);
        g_assert_cmpuint(b->ports->len, ==, 2);
        for (guint i = 0; i < 2; i++) {
                const CfgPort *p = port(b, i);
                const char *want = i ? "eth1" : "eth0";

                g_assert_cmpstr(p->name, ==, want);
                g_assert_cmpstr(cfg_port_label(p), ==, want);
                g_assert_true(p == c->ports->pdata[i]);
                g_assert_true(p->bond == b);
                g_assert_cmpstr(p->master, ==, "bond0");
                g_assert_cmpuint(p->master_line, ==, 6);
                g_assert_null(p->hwaddr);
                g_assert_false(p->queue_id.set);
                g_assert_false(p->prio.set);
        }
        if (g_str_equal(k->set, "active-backup")) {
                g_assert_cmpuint(b->l3->addrs->len, ==, 1);
                g_assert_cmpstr(gw(b, AF_INET), ==, "192.0.2.1");
        } else if (g_str_equal(k->set, "lacp")) {
                g_autofree char *rate = opt_text(b, BOND_OPT_LACP_RATE);
                g_autofree char *hash = opt_text(b, BOND_OPT_XMIT_HASH_POLICY);

                g_assert_cmpuint(b->l3->addrs->len, ==, 2);
                assert_addr(b, 1, AF_INET6, "2001:db8::20", 64, 8);
                g_assert_null(gw(b, AF_INET));
                g_assert_cmpstr(rate, ==, "fast");
                g_assert_cmpstr(hash, ==, "layer3+4");
                g_assert_cmpuint(b->opts->v[BOND_OPT_MIIMON].num, ==, 100);
        } else if (g_str_equal(k->set, "arp")) {
                const GPtrArray *t = b->opts->v[BOND_OPT_ARP_IP_TARGET].list;

                g_assert_cmpuint(b->opts->v[BOND_OPT_ARP_INTERVAL].num, ==, 1000);
                g_assert_false(b->opts->v[BOND_OPT_MIIMON].set); /* no default over ARP */
                g_assert_nonnull(t);
                g_assert_cmpuint(t->len, ==, 2);
                g_assert_cmpstr(t->pdata[0], ==, "192.0.2.1");
                g_assert_cmpstr(t->pdata[1], ==, "192.0.2.2");
        } else if (g_str_equal(k->set, "primary")) {
                g_assert_cmpstr(b->opts->v[BOND_OPT_PRIMARY].str, ==, "eth0");
        }
        if (!g_str_equal(k->set, "arp")) {
                g_assert_true(b->opts->v[BOND_OPT_MIIMON].set);
                g_assert_false(b->opts->v[BOND_OPT_MIIMON].defaulted);
        }
}

/* ---- a directory with everything at once ----------------------------------- */

static void test_mixed(void)
{
        g_autoptr(DiagList) diags = diag_list_new();
        g_autoptr(Config) c = load(FIXTURES "/config/mixed", diags);
        static const char *const files[] = {
                "ifcfg-bond0",    "ifcfg-bond1", "ifcfg-br0",         "ifcfg-eth0",
                "ifcfg-eth1",     "ifcfg-eth2",  "ifcfg-eth3",        "ifcfg-eth9",
                "ifcfg-eth9.100", "ifcfg-lo",    "ifcfg-port-by-mac",
        };
        const CfgBond *b0, *b1;
        const CfgPort *p;

        g_assert_cmpuint(diags->items->len, ==, 0);
        g_assert_cmpuint(c->files->len, ==, G_N_ELEMENTS(files));
        for (guint i = 0; i < G_N_ELEMENTS(files); i++)
                g_assert_cmpstr(base(ifcfg_path(c->files->pdata[i])), ==, files[i]);

        g_assert_cmpuint(c->bonds->len, ==, 2);
        b0 = c->bonds->pdata[0];
        b1 = c->bonds->pdata[1];
        g_assert_true(config_find_bond(c, "bond0") == b0);
        g_assert_true(config_find_bond(c, "bond1") == b1);

        /* bond0: TYPE=Bond, several addresses */
        g_assert_cmpstr(b0->name, ==, "bond0");
        g_assert_cmpstr(b0->nm_name, ==, "Bond connection 0");
        g_assert_cmpstr(b0->uuid, ==, "0b8f1a3c-6d0e-4c4e-9a51-3f0c2f7a1b22");
        g_assert_true(b0->onboot);
        g_assert_cmpint(bond_options_mode(b0->opts), ==, BOND_MODE_LACP);
        g_assert_cmpuint(b0->mtu, ==, 9000);
        g_assert_cmpstr(b0->macaddr, ==, "02:00:5e:10:00:01");
        g_assert_cmpuint(b0->l3->addrs->len, ==, 5);
        assert_addr(b0, 0, AF_INET, "192.0.2.10", 24, 8);
        assert_addr(b0, 1, AF_INET, "198.51.100.10", 25, 10);
        assert_addr(b0, 2, AF_INET6, "2001:db8::10", 64, 14);
        assert_addr(b0, 3, AF_INET6, "2001:db8:1::10", 80, 15);
        assert_addr(b0, 4, AF_INET6, "2001:db8:2::10", 64, 15);
        g_assert_cmpstr(gw(b0, AF_INET), ==, "192.0.2.1");
        g_assert_cmpstr(gw(b0, AF_INET6), ==, "fe80::1");
        g_assert_false(b0->l3->dhcp4);
        g_assert_true(((CfgAddress *)b0->l3->addrs->pdata[0])->arpupdate);
        g_assert_null(b0->chipset_check);

        g_assert_cmpuint(b0->ports->len, ==, 3);
        p = port(b0, 0);
        g_assert_cmpstr(p->name, ==, "eth0");
        g_assert_true(p->queue_id.set);
        g_assert_cmpuint(p->queue_id.num, ==, 2);
        g_assert_cmpuint(p->queue_id.line, ==, 7);
        g_assert_false(p->prio.set);
        p = port(b0, 1); /* DEVICE-less: name from the file name, bond by UUID */
        g_assert_cmpstr(p->name, ==, "eth1");
        g_assert_cmpstr(p->master, ==, "0B8F1A3C-6D0E-4C4E-9A51-3F0C2F7A1B22");
        g_assert_cmpuint(p->master_line, ==, 5);
        g_assert_true(p->bond == b0);
        p = port(b0, 2); /* HWADDR only */
        g_assert_null(p->name);
        g_assert_cmpstr(p->hwaddr, ==, "52:54:00:ab:cd:ef");
        g_assert_cmpstr(cfg_port_label(p), ==, "HWADDR=52:54:00:ab:cd:ef");
        g_assert_cmpstr(base(ifcfg_path(p->ifcfg)), ==, "ifcfg-port-by-mac");

        /* bond1: BONDING_OPTS alone, ports name it by NAME= and by DEVICE */
        g_assert_cmpstr(b1->name, ==, "bond1");
        g_assert_cmpstr(b1->nm_name, ==, "storage");
        g_assert_null(b1->uuid);
        g_assert_false(b1->onboot);
        g_assert_true(b1->l3->dhcp4);
        g_assert_cmpstr(b1->chipset_check, ==, "warn");
        g_assert_cmpint(bond_options_mode(b1->opts), ==, BOND_MODE_BALANCE_ALB);
        g_assert_cmpuint(b1->l3->addrs->len, ==, 0);
        g_assert_null(gw(b1, AF_INET));
        g_assert_null(gw(b1, AF_INET6));
        g_assert_cmpuint(b1->ports->len, ==, 2);
        p = port(b1, 0);
        g_assert_cmpstr(p->name, ==, "eth2");
        g_assert_cmpstr(p->master, ==, "storage");
        g_assert_true(p->prio.set);
        g_assert_cmpint((int64_t)p->prio.num, ==, -5);
        g_assert_cmpuint(p->prio.line, ==, 6);
        g_assert_cmpstr(port(b1, 1)->name, ==, "eth3");

        /* all ports, by file name */
        g_assert_cmpuint(c->ports->len, ==, 5);
        g_assert_cmpstr(cfg_port_label(c->ports->pdata[0]), ==, "eth0");
        g_assert_cmpstr(cfg_port_label(c->ports->pdata[3]), ==, "eth3");
        g_assert_null(((CfgPort *)c->ports->pdata[4])->name);
}

/* ---- errors ----------------------------------------------------------------- */

typedef struct {
        const char *file;
        unsigned line;
        const char *key;
        DiagSeverity sev;
} Want;

static const Diag *find(const DiagList *diags, const Want *w)
{
        const Diag *found = NULL;

        for (guint i = 0; i < diags->items->len; i++) {
                const Diag *d = diags->items->pdata[i];

                if (d->file && g_str_equal(base(d->file), w->file) && d->line == w->line &&
                    g_strcmp0(d->key, w->key) == 0 && d->severity == w->sev) {
                        if (found)
                                g_error("%s:%u %s reported twice", w->file, w->line, w->key);
                        found = d;
                }
        }
        if (!found)
                g_error("missing %s %s:%u key %s", diag_severity_to_string(w->sev), w->file,
                        w->line, w->key);
        g_assert_nonnull(found->message);
        g_assert_nonnull(found->hint);
        return found;
}

static void test_errors(void)
{
        g_autoptr(DiagList) diags = diag_list_new();
        g_autoptr(Config) c = load(FIXTURES "/config/errors", diags);
        static const Want want[] = {
                { "ifcfg-bond0", 3, "BONDING_MASTER", DIAG_ERROR },
                { "ifcfg-bond2", 4, "MTU", DIAG_ERROR },
                { "ifcfg-bond2", 5, "MACADDR", DIAG_ERROR },
                { "ifcfg-bond2", 6, "IPADDR", DIAG_ERROR },
                { "ifcfg-bond2", 8, "IPADDR1", DIAG_WARNING }, /* /32, as ipcalc */
                { "ifcfg-bond2", 10, "NETMASK2", DIAG_ERROR },
                { "ifcfg-bond2", 12, "PREFIX3", DIAG_ERROR },
                { "ifcfg-bond2", 13, "IPV6ADDR", DIAG_ERROR },
                { "ifcfg-bond2", 14, "IPV6ADDR_SECONDARIES", DIAG_ERROR },
                { "ifcfg-bond2", 15, "GATEWAY", DIAG_ERROR },
                { "ifcfg-bond2", 16, "IPV6_DEFAULTGW", DIAG_ERROR },
                { "ifcfg-bond2", 17, "BOOTPROTO", DIAG_ERROR },
                { "ifcfg-bond2", 18, "ONBOOT", DIAG_ERROR },
                { "ifcfg-bond2", 19, "BONDCFG_CHIPSET_CHECK", DIAG_ERROR },
                { "ifcfg-bond2", 20, "ARPUPDATE", DIAG_WARNING },
                { "ifcfg-bond3", 1, "DEVICE", DIAG_ERROR },
                { "ifcfg-bond4", 0, "miimon", DIAG_WARNING },
                { "ifcfg-bond4", 5, "NETMASK", DIAG_WARNING },
                { "ifcfg-bond5", 3, "BONDING_OPTS", DIAG_ERROR },
                { "ifcfg-eth0", 2, "SLAVE", DIAG_WARNING },
                { "ifcfg-eth1", 3, "MASTER", DIAG_ERROR },
                { "ifcfg-eth2", 2, "MASTER_UUID", DIAG_ERROR },
                { "ifcfg-eth3", 4, "BOND_PORT_QUEUE_ID", DIAG_ERROR },
                { "ifcfg-eth3", 5, "BOND_PORT_PRIO", DIAG_ERROR },
                { "ifcfg-eth3", 6, "HWADDR", DIAG_ERROR },
        };
        const CfgBond *b;
        const Diag *d;

        for (guint i = 0; i < G_N_ELEMENTS(want); i++)
                find(diags, &want[i]);
        g_assert_cmpuint(diags->items->len, ==, G_N_ELEMENTS(want));
        g_assert_cmpuint(diag_count(diags, DIAG_ERROR), ==, 20);

        /* the unknown-MASTER hint lists the bonds that do exist */
        d = find(diags, &want[20]);
        g_assert_nonnull(strstr(d->message, "bond7"));
        g_assert_nonnull(strstr(d->hint, "bond0"));
        g_assert_nonnull(strstr(d->hint, "bond2"));
        d = find(diags, &want[0]);
        g_assert_nonnull(strstr(d->message, "TYPE=Bridge"));

        /* a contradicting TYPE still makes a bond, so its ports resolve */
        g_assert_cmpuint(c->bonds->len, ==, 4);
        b = config_find_bond(c, "bond0");
        g_assert_nonnull(b);
        g_assert_cmpuint(b->ports->len, ==, 2);
        g_assert_cmpstr(port(b, 0)->name, ==, "eth0");
        g_assert_cmpstr(port(b, 1)->name, ==, "eth3");
        g_assert_false(port(b, 1)->queue_id.set);
        g_assert_false(port(b, 1)->prio.set);
        g_assert_null(port(b, 1)->hwaddr);
        g_assert_nonnull(config_find_bond(c, "bond5"));

        /* the duplicate DEVICE=bond2 in ifcfg-bond3 is not a second bond */
        b = config_find_bond(c, "bond2");
        g_assert_cmpstr(base(ifcfg_path(b->ifcfg)), ==, "ifcfg-bond2");
        g_assert_cmpuint(b->mtu, ==, 0);
        g_assert_null(b->macaddr);
        g_assert_null(gw(b, AF_INET));
        g_assert_null(gw(b, AF_INET6));
        g_assert_null(b->chipset_check);
        g_assert_true(b->onboot);                   /* invalid: default */
        g_assert_cmpuint(b->l3->addrs->len, ==, 1); /* IPADDR1 as a /32 */
        g_assert_cmpuint(b->ports->len, ==, 0);

        /* PREFIX wins over a disagreeing NETMASK; no BONDING_OPTS: miimon defaulted */
        b = config_find_bond(c, "bond4");
        g_assert_cmpuint(b->l3->addrs->len, ==, 1);
        assert_addr(b, 0, AF_INET, "192.0.2.9", 24, 3);
        g_assert_true(b->opts->v[BOND_OPT_MIIMON].defaulted);
        g_assert_cmpuint(b->opts->v[BOND_OPT_MIIMON].num, ==, 100);

        /* unresolved ports are kept with bond == NULL */
        g_assert_cmpuint(c->ports->len, ==, 4);
        g_assert_null(((CfgPort *)c->ports->pdata[1])->bond);
        g_assert_cmpstr(((CfgPort *)c->ports->pdata[1])->master, ==, "bond7");
        g_assert_null(((CfgPort *)c->ports->pdata[2])->bond);
        g_assert_cmpuint(((CfgPort *)c->ports->pdata[2])->master_line, ==, 2);
}

/* ---- directory handling ------------------------------------------------------ */

static void test_dir_io(void)
{
        g_autoptr(GError) error = NULL;
        g_autofree char *dir = g_dir_make_tmp("test-config-XXXXXX", &error);
        g_autofree char *good = NULL;
        g_autofree char *dangling = NULL;
        g_autofree char *subdir = NULL;
        g_autofree char *missing = NULL;
        g_autoptr(DiagList) diags = diag_list_new();
        g_autoptr(Config) c = NULL;
        Config *none = NULL;
        const Diag *d;

        g_assert_no_error(error);
        good = g_build_filename(dir, "ifcfg-bond0", NULL);
        dangling = g_build_filename(dir, "ifcfg-broken", NULL);
        subdir = g_build_filename(dir, "ifcfg-dir", NULL);
        missing = g_build_filename(dir, "nonexistent", NULL);
        g_assert_true(g_file_set_contents(
                good, "DEVICE=bond0\nTYPE=Bond\nBONDING_OPTS=miimon=100\n", -1, &error));
        g_assert_cmpint(symlink("/nonexistent/ifcfg-x", dangling), ==, 0);
        g_assert_cmpint(g_mkdir(subdir, 0755), ==, 0);

        /* one unreadable file is a diagnostic naming it, a directory named
         * ifcfg-* an error that says so; the rest still loads */
        c = load(dir, diags);
        g_assert_cmpuint(diags->items->len, ==, 2);
        d = diags->items->pdata[0];
        g_assert_cmpint(d->severity, ==, DIAG_ERROR);
        g_assert_cmpstr(d->file, ==, dangling);
        g_assert_cmpuint(d->line, ==, 0);
        g_assert_nonnull(strstr(d->message, "ifcfg-broken"));
        d = diags->items->pdata[1];
        g_assert_cmpint(d->severity, ==, DIAG_ERROR);
        g_assert_cmpstr(d->file, ==, subdir);
        g_assert_nonnull(strstr(d->message, "is a directory, not a regular file"));
        g_assert_cmpuint(c->files->len, ==, 1);
        g_assert_cmpuint(c->bonds->len, ==, 1);
        g_assert_cmpstr(((CfgBond *)c->bonds->pdata[0])->name, ==, "bond0");

        /* the directory itself: -errno */
        g_assert_cmpint(config_load_dir(missing, &none, diags), ==, -ENOENT);
        g_assert_cmpint(config_load_dir(good, &none, diags), ==, -ENOTDIR);
        g_assert_null(none);
        g_assert_cmpuint(diags->items->len, ==, 2);

        g_assert_cmpint(g_unlink(good), ==, 0);
        g_assert_cmpint(g_unlink(dangling), ==, 0);
        g_assert_cmpint(g_rmdir(subdir), ==, 0);
        g_assert_cmpint(g_rmdir(dir), ==, 0);
}

/* network-functions' is_available_wait(): DEVTIMEOUT seconds to wait for a
 * port; a value that is not a number of seconds is a warning, no wait. */
static void test_devtimeout(void)
{
        g_autoptr(GError) error = NULL;
        g_autofree char *dir = g_dir_make_tmp("test-config-XXXXXX", &error);
        const char *files[][2] = {
                { "ifcfg-bond0", "DEVICE=bond0\nTYPE=Bond\nBONDING_OPTS=miimon=100\n" },
                { "ifcfg-eth0", "DEVICE=eth0\nMASTER=bond0\nSLAVE=yes\nDEVTIMEOUT=7\n" },
                { "ifcfg-eth1", "DEVICE=eth1\nMASTER=bond0\nSLAVE=yes\nDEVTIMEOUT=5s\n" },
                { "ifcfg-eth2", "DEVICE=eth2\nMASTER=bond0\nSLAVE=yes\n" },
        };
        g_autoptr(DiagList) diags = diag_list_new();
        g_autoptr(Config) c = NULL;
        const CfgBond *b;

        g_assert_no_error(error);
        for (size_t i = 0; i < G_N_ELEMENTS(files); i++) {
                g_autofree char *p = g_build_filename(dir, files[i][0], NULL);

                g_assert_true(g_file_set_contents(p, files[i][1], -1, &error));
        }
        c = load(dir, diags);
        b = config_find_bond(c, "bond0");
        g_assert_nonnull(b);
        g_assert_cmpuint(b->ports->len, ==, 3);
        g_assert_cmpuint(port(b, 0)->devtimeout, ==, 7);
        g_assert_cmpuint(port(b, 1)->devtimeout, ==, 0);
        g_assert_cmpuint(port(b, 2)->devtimeout, ==, 0);
        g_assert_cmpuint(diags->items->len, ==, 1);
        g_assert_cmpstr(((Diag *)diags->items->pdata[0])->key, ==, "DEVTIMEOUT");
        g_assert_cmpint(((Diag *)diags->items->pdata[0])->severity, ==, DIAG_WARNING);
        for (size_t i = 0; i < G_N_ELEMENTS(files); i++) {
                g_autofree char *p = g_build_filename(dir, files[i][0], NULL);

                g_assert_cmpint(g_unlink(p), ==, 0);
        }
        g_assert_cmpint(g_rmdir(dir), ==, 0);
}

static void test_dir_resolve(void)
{
        struct {
                const char *root, *config_dir, *want;
        } cases[] = {
                { NULL, NULL, "/etc/sysconfig/network-scripts" },
                { "", NULL, "/etc/sysconfig/network-scripts" },
                { "/sysroot", NULL, "/sysroot/etc/sysconfig/network-scripts" },
                { "/sysroot/", NULL, "/sysroot/etc/sysconfig/network-scripts" },
                { "/", NULL, "/etc/sysconfig/network-scripts" },
                { NULL, "/tmp/cfg", "/tmp/cfg" },
                { "/sysroot", "/tmp/cfg", "/tmp/cfg" }, /* --config-dir overrides */
                { "/sysroot", "relative/dir", "relative/dir" },
        };

        for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
                g_autofree char *got = config_dir_resolve(cases[i].root, cases[i].config_dir);

                g_assert_cmpstr(got, ==, cases[i].want);
        }
}

static void test_find_bond(void)
{
        g_autoptr(DiagList) diags = diag_list_new();
        g_autoptr(Config) c = load(FIXTURES "/config/mixed", diags);

        g_assert_nonnull(config_find_bond(c, "bond0"));
        g_assert_null(config_find_bond(c, "bond"));
        g_assert_null(config_find_bond(c, "bond00"));
        g_assert_null(config_find_bond(c, "Bond0"));
        g_assert_null(config_find_bond(c, "storage")); /* NAME= is not the interface */
        g_assert_null(config_find_bond(c, "eth0"));
        g_assert_null(config_find_bond(c, ""));
        g_assert_null(config_find_bond(c, NULL));
}

static void test_port_label(void)
{
        CfgPort named = { .name = (char *)"eth5", .hwaddr = (char *)"52:54:00:00:00:05" };
        CfgPort by_mac = { .hwaddr = (char *)"52:54:00:00:00:06" };
        const char *l1 = cfg_port_label(&by_mac);

        g_assert_cmpstr(cfg_port_label(&named), ==, "eth5");
        g_assert_cmpstr(l1, ==, "HWADDR=52:54:00:00:00:06");
        /* stable: a second call returns the same string */
        g_assert_true(cfg_port_label(&by_mac) == l1);
}

/* Identity as NetworkManager's reader has it (nms-ifcfg-rh-reader.c):
 * booleans, the bond rule for TYPE=Ethernet, MASTER_UUID first; SLAVE=no as
 * initscripts' ifup-eth has it; IPoIB ports. */
static void test_nm_compat(void)
{
        g_autoptr(DiagList) diags = diag_list_new();
        g_autoptr(Config) c = load(FIXTURES "/config/nm-compat", diags);
        static const Want want[] = {
                { "ifcfg-bond0", 4, "NM_CONTROLLED", DIAG_WARNING }, /* NM's alone */
                { "ifcfg-eth0", 4, "MASTER", DIAG_WARNING },         /* ignored for MASTER_UUID */
                { "ifcfg-eth2", 4, "SLAVE", DIAG_WARNING },          /* not a port */
                { "ifcfg-eth3", 5, "SLAVE", DIAG_WARNING },          /* missing, still a port */
                { "ifcfg-eth3", 7, "BOOTPROTO", DIAG_WARNING },      /* on a port: ignored */
                { "ifcfg-ib1", 1, "TYPE", DIAG_ERROR },              /* IPoIB needs active-backup */
        };
        const CfgBond *b;

        g_assert_cmpint(validate_config(c, diags), ==, -EINVAL);
        dump(diags);
        for (guint i = 0; i < G_N_ELEMENTS(want); i++)
                find(diags, &want[i]);
        /* plus "bond2 has no ports" */
        g_assert_cmpuint(diags->items->len, ==, G_N_ELEMENTS(want) + 1);
        g_assert_cmpuint(diag_count(diags, DIAG_ERROR), ==, 1);

        g_assert_cmpuint(c->bonds->len, ==, 5);
        b = config_find_bond(c, "bond0");
        g_assert_nonnull(b);
        g_assert_cmpint(bond_options_mode(b->opts), ==, BOND_MODE_LACP);
        g_assert_cmpuint(b->ports->len, ==, 2);
        g_assert_cmpstr(port(b, 0)->name, ==, "eth1");
        g_assert_cmpstr(port(b, 1)->name, ==, "eth3");
        g_assert_cmpstr(port(b, 1)->hwaddr, ==, "00:22:15:59:62:97");

        b = config_find_bond(c, "bond1");
        g_assert_true(b->onboot);
        g_assert_cmpuint(b->ports->len, ==, 1);
        g_assert_cmpstr(port(b, 0)->name, ==, "eth0");
        g_assert_false(config_find_bond(c, "bond2")->onboot);

        b = config_find_bond(c, "bond3");
        g_assert_cmpuint(b->ports->len, ==, 1);
        g_assert_true(port(b, 0)->infiniband);
        g_assert_cmpstr(port(b, 0)->hwaddr, ==,
                        "80:00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff:00:11:22");
        /* eth2 (SLAVE=no) is no port of anything */
        for (guint i = 0; i < c->ports->len; i++)
                g_assert_cmpstr(((CfgPort *)c->ports->pdata[i])->name, !=, "eth2");
}

int main(int argc, char **argv)
{
        g_test_init(&argc, &argv, NULL);
        for (guint i = 0; i < G_N_ELEMENTS(rhel_cases); i++) {
                g_autofree char *name = g_strdup_printf("/config/rhel/%s", rhel_cases[i].set);

                g_test_add_data_func(name, &rhel_cases[i], test_rhel);
        }
        g_test_add_func("/config/mixed", test_mixed);
        g_test_add_func("/config/errors", test_errors);
        g_test_add_func("/config/nm-compat", test_nm_compat);
        g_test_add_func("/config/dir-io", test_dir_io);
        g_test_add_func("/config/devtimeout", test_devtimeout);
        g_test_add_func("/config/dir-resolve", test_dir_resolve);
        g_test_add_func("/config/find-bond", test_find_bond);
        g_test_add_func("/config/port-label", test_port_label);
        return g_test_run();
}
