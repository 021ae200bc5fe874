/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * validate_config(): one fixture set per rule, tests/fixtures/validate/<rule>/
 * {bad,good}.  `bad` must produce exactly the listed diagnostics (severity,
 * file, line, key); `good` must produce none of them and no error at all.
 */
#include <errno.h>
#include <string.h>
#include <glib.h>

#include "config.h"
#include "validate.h"

#define W DIAG_WARNING
#define E DIAG_ERROR

typedef struct {
        DiagSeverity sev;
        const char *file; /* base name; NULL ends the list */
        unsigned line;
        const char *key;
} Expect;

typedef struct {
        const char *rule;
        bool from_load; /* reported while loading (config.c / option parser) */
        Expect want[6];
} Case;

static const Case cases[] = {
        { "rule01-range", true, { { E, "ifcfg-bond0", 4, "miimon" } } },
        { "rule02-mode",
          false,
          { { E, "ifcfg-bond0", 4, "lacp_rate" },
            { E, "ifcfg-bond1", 4, "packets_per_slave" },
            { E, "ifcfg-eth2", 7, "BOND_PORT_PRIO" },
            { E, "ifcfg-bond2", 4, "tlb_dynamic_lb" },
            { E, "ifcfg-bond2", 4, "coupled_control" } } },
        { "rule03-delay",
          false,
          { { E, "ifcfg-bond0", 4, "updelay" }, { E, "ifcfg-bond1", 4, "downdelay" } } },
        { "rule04-arp-targets",
          false,
          { { E, "ifcfg-bond0", 4, "arp_interval" }, { E, "ifcfg-bond1", 4, "arp_ip_target" } } },
        { "rule05-mii-arp", false, { { E, "ifcfg-bond0", 4, "arp_interval" } } },
        { "rule06-arp-validate", false, { { E, "ifcfg-bond0", 4, "arp_validate" } } },
        { "rule07-primary",
          false,
          { { E, "ifcfg-bond0", 4, "primary" }, { E, "ifcfg-bond0", 4, "active_slave" } } },
        { "rule08-two-bonds", false, { { E, "ifcfg-eth0-b", 3, "MASTER" } } },
        { "rule09-master", true, { { E, "ifcfg-eth1", 3, "MASTER" } } },
        { "rule10-no-ports", false, { { W, "ifcfg-bond0", 0, NULL } } },
        { "rule11-port-ip",
          false,
          { { W, "ifcfg-eth0", 6, "BOOTPROTO" },
            { W, "ifcfg-eth0", 7, "IPADDR" },
            { W, "ifcfg-eth0", 8, "PREFIX" },
            { W, "ifcfg-eth0", 9, "GATEWAY" } } },
        { "rule12-port-mtu",
          false,
          { { W, "ifcfg-eth0", 7, "MTU" }, { W, "ifcfg-eth0", 8, "MACADDR" } } },
        { "rule13-port-is-bond", false, { { E, "ifcfg-bond1", 7, "MASTER" } } },
        { "rule14-hwaddr", false, { { E, "ifcfg-eth1", 7, "HWADDR" } } },
        { "rule15-ifname",
          false,
          { { E, "ifcfg-eth0", 1, "DEVICE" }, { E, "ifcfg-bond0", 4, "primary" } } },
        { "ad-actor-system", false, { { E, "ifcfg-bond0", 4, "ad_actor_system" } } },
};

static bool diag_matches(const Diag *d, const Expect *e, bool exact)
{
        g_autofree char *b = d->file ? g_path_get_basename(d->file) : NULL;

        if (d->severity != e->sev || g_strcmp0(d->key, e->key) != 0)
                return false;
        return !exact || (g_strcmp0(b, e->file) == 0 && d->line == e->line);
}

static const Diag *find(const DiagList *l, const Expect *e, bool exact)
{
        for (guint i = 0; i < l->items->len; i++)
                if (diag_matches(l->items->pdata[i], e, exact))
                        return l->items->pdata[i];
        return NULL;
}

static void dump(const char *what, const DiagList *l)
{
        for (guint i = 0; i < l->items->len; i++) {
                g_autofree char *s = diag_format(l->items->pdata[i]);

                g_test_message("%s: %s", what, s);
        }
}

static void load(const char *rule, const char *kind, DiagList *ld, DiagList *vd, int *vr)
{
        g_autofree char *dir =
                g_build_filename(SRCDIR, "tests", "fixtures", "validate", rule, kind, NULL);
        g_autoptr(Config) c = NULL;

        g_assert_cmpint(config_load_dir(dir, &c, ld), ==, 0);
        g_assert_nonnull(c);
        *vr = validate_config(c, vd);
        dump("load", ld);
        dump("validate", vd);
}

static void test_bad(gconstpointer data)
{
        const Case *k = data;
        g_autoptr(DiagList) ld = diag_list_new();
        g_autoptr(DiagList) vd = diag_list_new();
        bool any_error = false;
        int vr;

        load(k->rule, "bad", ld, vd, &vr);
        for (const Expect *e = k->want; e->file; e++) {
                const Diag *d = find(k->from_load ? ld : vd, e, true);

                if (!d)
                        g_error("%s/bad: missing %s %s:%u key %s", k->rule,
                                diag_severity_to_string(e->sev), e->file, e->line,
                                e->key ? e->key : "(none)");
                g_assert_nonnull(d->message);
                g_assert_nonnull(d->hint);
                any_error |= e->sev == DIAG_ERROR;
                if (k->from_load) /* validation must not report it again */
                        g_assert_null(find(vd, e, false));
        }
        if (any_error && !k->from_load)
                g_assert_cmpint(vr, ==, -EINVAL);
}

static void test_good(gconstpointer data)
{
        const Case *k = data;
        g_autoptr(DiagList) ld = diag_list_new();
        g_autoptr(DiagList) vd = diag_list_new();
        int vr;

        load(k->rule, "good", ld, vd, &vr);
        for (const Expect *e = k->want; e->file; e++) {
                g_assert_null(find(ld, e, false));
                g_assert_null(find(vd, e, false));
        }
        g_assert_cmpint(vr, ==, 0);
        g_assert_cmpuint(diag_count(ld, DIAG_ERROR), ==, 0);
        g_assert_cmpuint(diag_count(vd, DIAG_ERROR), ==, 0);
}

static void test_ifname(void)
{
        const char *good[] = { "eth0",     "bond0",  "a",  "enp0s31f6", "abcdefghijklmno",
                               "eth0.100", "br-lan", "..." };
        const char *bad[] = { "",      ".",      "..",    "abcdefghijklmnop", "eth/0", "eth:0",
                              "eth 0", "eth\t0", "eth0\n" };

        for (unsigned i = 0; i < G_N_ELEMENTS(good); i++)
                g_assert_true(ifname_is_valid(good[i]));
        for (unsigned i = 0; i < G_N_ELEMENTS(bad); i++)
                g_assert_false(ifname_is_valid(bad[i]));
        g_assert_false(ifname_is_valid(NULL));
}

int main(int argc, char **argv)
{
        g_test_init(&argc, &argv, NULL);
        g_test_add_func("/validate/ifname", test_ifname);
        for (unsigned i = 0; i < G_N_ELEMENTS(cases); i++) {
                g_autofree char *b = g_strdup_printf("/validate/%s/bad", cases[i].rule);
                g_autofree char *g = g_strdup_printf("/validate/%s/good", cases[i].rule);

                g_test_add_data_func(b, &cases[i], test_bad);
                g_test_add_data_func(g, &cases[i], test_good);
        }
        return g_test_run();
}
