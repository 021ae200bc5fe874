/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests for the bonding option table and BONDING_OPTS parsing. */
#include <errno.h>
#include <string.h>
#include <glib.h>

#include "bond-options.h"
#include "strutil.h"

static const Diag *find_diag(const DiagList *l, DiagSeverity sev, const char *key)
{
        for (guint i = 0; i < l->items->len; i++) {
                const Diag *d = l->items->pdata[i];

                if (d->severity == sev && g_strcmp0(d->key, key) == 0)
                        return d;
        }
        return NULL;
}

static void test_table_rows(void)
{
        for (int i = 0; i < _BOND_OPT_MAX; i++) {
                const BondOptDesc *d = bond_opt_desc(i);

                g_assert_nonnull(d);
                g_assert_cmpint(d->id, ==, i);
                g_assert_nonnull(d->name);
                g_assert_nonnull(d->help);
                g_assert_cmpuint(d->type, <, _BOND_OPT_TYPE_MAX);
                g_assert_cmpuint(d->modes, !=, 0);
                g_assert_cmpuint(d->modes & ~BOND_MODES_ALL, ==, 0);
                if (d->type == BOND_OPT_TYPE_ENUM)
                        g_assert_nonnull(d->values);
                if (d->flags & BOND_OPT_F_MODULE_ONLY) {
                        g_assert_cmpint(d->ifla, ==, 0);
                        g_assert_cmpint(d->nla, ==, BOND_NLA_NONE);
                } else {
                        g_assert_cmpint(d->ifla, >, 0);
                        g_assert_cmpint(d->nla, !=, BOND_NLA_NONE);
                }
                g_assert_true(((d->flags & BOND_OPT_F_PORT) != 0) == (d->ifcfg_key != NULL));
                g_assert_true(
                        ((d->flags & BOND_OPT_F_LIST) != 0) ==
                        (d->type == BOND_OPT_TYPE_IP4_LIST || d->type == BOND_OPT_TYPE_IP6_LIST));
        }
        g_assert_null(bond_opt_desc(_BOND_OPT_MAX));
        g_assert_null(bond_opt_desc(-1));
        g_assert_cmpstr(bond_opt_desc(BOND_OPT_COUPLED_CONTROL)->since, ==, "6.9");
}

static void test_defaults_in_range(void)
{
        for (int i = 0; i < _BOND_OPT_MAX; i++) {
                const BondOptDesc *d = bond_opt_desc(i);

                switch (d->type) {
                case BOND_OPT_TYPE_ENUM:
                        g_assert_nonnull(bond_opt_enum_to_string(d, d->def));
                        break;
                case BOND_OPT_TYPE_UINT:
                case BOND_OPT_TYPE_BOOL:
                        g_assert_cmpuint(d->def, >=, d->min);
                        g_assert_cmpuint(d->def, <=, d->max);
                        break;
                case BOND_OPT_TYPE_INT:
                        g_assert_cmpint((int64_t)d->def, >=, (int64_t)d->min);
                        g_assert_cmpint((int64_t)d->def, <=, (int64_t)d->max);
                        break;
                default:
                        break;
                }
        }
}

static void test_lookup(void)
{
        for (int i = 0; i < _BOND_OPT_MAX; i++) {
                const BondOptDesc *d = bond_opt_desc(i);

                g_assert_true(bond_opt_lookup(d->name) == d);
                if (d->alias)
                        g_assert_true(bond_opt_lookup(d->alias) == d);
        }
        g_assert_true(bond_opt_lookup("num_unsol_na") == bond_opt_desc(BOND_OPT_NUM_PEER_NOTIF));
        g_assert_null(bond_opt_lookup("MIIMON"));
        g_assert_null(bond_opt_lookup("miimo"));
        g_assert_null(bond_opt_lookup(""));
        g_assert_null(bond_opt_lookup(NULL));
}

static void test_enum_roundtrip(void)
{
        for (int i = 0; i < _BOND_OPT_MAX; i++) {
                const BondOptDesc *d = bond_opt_desc(i);

                if (!d->values)
                        continue;
                for (const BondOptEnumValue *e = d->values; e->name; e++) {
                        g_autofree char *num = g_strdup_printf("%u", e->value);
                        BondOptValue v = { 0 };
                        uint64_t out = 999;
                        g_autofree char *err = NULL;
                        g_autofree char *fmt = NULL;

                        g_assert_cmpint(bond_opt_enum_from_string(d, e->name, &out), ==, 0);
                        g_assert_cmpuint(out, ==, e->value);
                        g_assert_cmpstr(bond_opt_enum_to_string(d, out), ==, e->name);
                        out = 999;
                        g_assert_cmpint(bond_opt_enum_from_string(d, num, &out), ==, 0);
                        g_assert_cmpuint(out, ==, e->value);

                        g_assert_cmpint(bond_opt_parse_value(d, e->name, &v, &err), ==, 0);
                        g_assert_true(v.set);
                        g_assert_cmpuint(v.num, ==, e->value);
                        fmt = bond_opt_format_value(d, &v);
                        if (d->type == BOND_OPT_TYPE_ENUM)
                                g_assert_cmpstr(fmt, ==, e->name);
                        else /* BOOL: sysfs prints 0/1 */
                                g_assert_cmpstr(fmt, ==, num);
                        bond_opt_value_clear(&v);
                }
        }
}

static void test_enum_exact_only(void)
{
        const BondOptDesc *mode = bond_opt_desc(BOND_OPT_MODE);
        uint64_t out;
        const char *bad[] = { "active", "802", "Active-Backup", "balance", " 1",     "1 ",
                              "7",      "-1",  "01x",           "",        "802.3AD" };

        for (unsigned i = 0; i < G_N_ELEMENTS(bad); i++)
                g_assert_cmpint(bond_opt_enum_from_string(mode, bad[i], &out), ==, -EINVAL);
        g_assert_cmpint(bond_opt_enum_from_string(bond_opt_desc(BOND_OPT_LACP_RATE), "fas", &out),
                        ==, -EINVAL);
        for (int m = 0; m < _BOND_MODE_MAX; m++) {
                g_autofree char *num = g_strdup_printf("%d", m);

                g_assert_nonnull(bond_mode_to_string(m));
                g_assert_cmpint(bond_mode_from_string(bond_mode_to_string(m)), ==, m);
                g_assert_cmpint(bond_mode_from_string(num), ==, m);
        }
        g_assert_cmpstr(bond_mode_to_string(BOND_MODE_LACP), ==, "802.3ad");
        g_assert_null(bond_mode_to_string(_BOND_MODE_MAX));
        g_assert_cmpint(bond_mode_from_string("7"), ==, -EINVAL);
        g_assert_cmpint(bond_mode_from_string("lacp"), ==, -EINVAL);
}

static void test_bool_values(void)
{
        const BondOptDesc *d = bond_opt_desc(BOND_OPT_USE_CARRIER);
        const char *bad[] = { "2", "yes", "true", "ON", "-1", "", "0x1" };

        for (unsigned i = 0; i < G_N_ELEMENTS(bad); i++) {
                BondOptValue v = { 0 };
                g_autofree char *err = NULL;

                g_assert_cmpint(bond_opt_parse_value(d, bad[i], &v, &err), <, 0);
                g_assert_nonnull(err);
                g_assert_false(v.set);
        }
}

static int parse_num(const BondOptDesc *d, const char *text, uint64_t *out)
{
        BondOptValue v = { 0 };
        g_autofree char *err = NULL;
        int r = bond_opt_parse_value(d, text, &v, &err);

        g_assert_true((r == 0) == (err == NULL));
        g_assert_true((r == 0) == v.set);
        *out = v.num;
        if (r == 0) {
                g_autofree char *fmt = bond_opt_format_value(d, &v);
                g_autofree char *again = NULL;
                uint64_t n2 = 0;

                /* the printed value parses back to the same number */
                if (d->type != BOND_OPT_TYPE_ENUM) {
                        BondOptValue v2 = { 0 };

                        g_assert_cmpint(bond_opt_parse_value(d, fmt, &v2, &again), ==, 0);
                        n2 = v2.num;
                        g_assert_cmpuint(n2, ==, v.num);
                }
        }
        bond_opt_value_clear(&v);
        return r;
}

static void test_numeric_ranges(void)
{
        for (int i = 0; i < _BOND_OPT_MAX; i++) {
                const BondOptDesc *d = bond_opt_desc(i);
                uint64_t n;

                if (d->type == BOND_OPT_TYPE_UINT || d->type == BOND_OPT_TYPE_BOOL) {
                        g_autofree char *lo = g_strdup_printf("%" G_GUINT64_FORMAT, d->min);
                        g_autofree char *hi = g_strdup_printf("%" G_GUINT64_FORMAT, d->max);
                        g_autofree char *over = g_strdup_printf("%" G_GUINT64_FORMAT, d->max + 1);

                        g_assert_cmpint(parse_num(d, lo, &n), ==, 0);
                        g_assert_cmpuint(n, ==, d->min);
                        g_assert_cmpint(parse_num(d, hi, &n), ==, 0);
                        g_assert_cmpuint(n, ==, d->max);
                        g_assert_cmpint(parse_num(d, over, &n), <, 0);
                        if (d->type == BOND_OPT_TYPE_UINT)
                                g_assert_cmpint(parse_num(d, over, &n), ==, -ERANGE);
                        if (d->min > 0) {
                                g_autofree char *under =
                                        g_strdup_printf("%" G_GUINT64_FORMAT, d->min - 1);

                                g_assert_cmpint(parse_num(d, under, &n), ==, -ERANGE);
                        }
                        g_assert_cmpint(parse_num(d, "-1", &n), <, 0);
                        g_assert_cmpint(parse_num(d, "abc", &n), ==, -EINVAL);
                        g_assert_cmpint(parse_num(d, "1.5", &n), ==, -EINVAL);
                        g_assert_cmpint(parse_num(d, "0x10", &n), ==, -EINVAL);
                } else if (d->type == BOND_OPT_TYPE_INT) {
                        int64_t lo = (int64_t)d->min, hi = (int64_t)d->max;
                        g_autofree char *slo = g_strdup_printf("%" G_GINT64_FORMAT, lo);
                        g_autofree char *shi = g_strdup_printf("%" G_GINT64_FORMAT, hi);
                        g_autofree char *under = g_strdup_printf("%" G_GINT64_FORMAT, lo - 1);
                        g_autofree char *over = g_strdup_printf("%" G_GINT64_FORMAT, hi + 1);

                        g_assert_cmpint(parse_num(d, slo, &n), ==, 0);
                        g_assert_cmpint((int64_t)n, ==, lo);
                        g_assert_cmpint(parse_num(d, shi, &n), ==, 0);
                        g_assert_cmpint((int64_t)n, ==, hi);
                        g_assert_cmpint(parse_num(d, under, &n), ==, -ERANGE);
                        g_assert_cmpint(parse_num(d, over, &n), ==, -ERANGE);
                        g_assert_cmpint(parse_num(d, "-", &n), ==, -EINVAL);
                        g_assert_cmpint(parse_num(d, "--1", &n), ==, -EINVAL);
                }
        }
        /* a few well-known kernel ranges */
        const BondOptDesc *d;
        d = bond_opt_desc(BOND_OPT_MIIMON);
        g_assert_cmpuint(d->max, ==, G_MAXINT);
        d = bond_opt_desc(BOND_OPT_AD_USER_PORT_KEY);
        g_assert_cmpuint(d->max, ==, 1023);
        d = bond_opt_desc(BOND_OPT_AD_ACTOR_SYS_PRIO);
        g_assert_cmpuint(d->min, ==, 1);
        g_assert_cmpuint(d->def, ==, 65535);
        d = bond_opt_desc(BOND_OPT_PEER_NOTIF_DELAY);
        g_assert_cmpuint(d->max, ==, 300000);
        d = bond_opt_desc(BOND_OPT_PORT_PRIO);
        g_assert_cmpint((int64_t)d->min, ==, G_MININT32);
}

static void test_ifname_and_mac(void)
{
        const BondOptDesc *pri = bond_opt_desc(BOND_OPT_PRIMARY);
        const BondOptDesc *mac = bond_opt_desc(BOND_OPT_AD_ACTOR_SYSTEM);
        BondOptValue v = { 0 };
        g_autofree char *err = NULL;
        g_autofree char *fmt = NULL;

        g_assert_cmpint(bond_opt_parse_value(pri, "eth0", &v, &err), ==, 0);
        fmt = bond_opt_format_value(pri, &v);
        g_assert_cmpstr(fmt, ==, "eth0");
        bond_opt_value_clear(&v);
        g_assert_cmpint(bond_opt_parse_value(pri, "", &v, &err), ==, -EINVAL);
        g_clear_pointer(&err, g_free);

        g_assert_cmpint(bond_opt_parse_value(mac, "00:1B:21:AA:bb:0c", &v, &err), ==, 0);
        g_assert_cmpstr(v.str, ==, "00:1b:21:aa:bb:0c");
        bond_opt_value_clear(&v);
        const char *bad[] = { "00:1b:21:aa:bb",    "00-1b-21-aa-bb-0c",  "001b21aabb0c",
                              "00:1b:21:aa:bb:0g", "00:1b:21:aa:bb:0c:", "0:1b:21:aa:bb:0c" };
        for (unsigned i = 0; i < G_N_ELEMENTS(bad); i++) {
                g_autofree char *e = NULL;

                g_assert_cmpint(bond_opt_parse_value(mac, bad[i], &v, &e), ==, -EINVAL);
                g_assert_false(v.set);
        }
}

static void test_lists(void)
{
        const BondOptDesc *d = bond_opt_desc(BOND_OPT_ARP_IP_TARGET);
        BondOptValue v = { 0 };
        char *err = NULL;
        g_autofree char *fmt = NULL;

        g_assert_cmpint(bond_opt_parse_value(d, "192.0.2.1,192.0.2.2", &v, &err), ==, 0);
        g_assert_cmpuint(v.list->len, ==, 2);
        g_assert_cmpint(bond_opt_parse_value(d, "+192.0.2.3", &v, &err), ==, 0);
        g_assert_cmpint(bond_opt_parse_value(d, "-192.0.2.1", &v, &err), ==, 0);
        fmt = bond_opt_format_value(d, &v);
        g_assert_cmpstr(fmt, ==, "192.0.2.2,192.0.2.3");

        /* errors leave the list untouched */
        const char *bad[] = { "-192.0.2.9",           "192.0.2.2",
                              "+192.0.2.4,192.0.2.4", "192.0.2.300",
                              "255.255.255.255",      "0.1.2.3",
                              "192.0.2.5,",           "+",
                              "2001:db8::1",          "host.example" };
        for (unsigned i = 0; i < G_N_ELEMENTS(bad); i++) {
                g_assert_cmpint(bond_opt_parse_value(d, bad[i], &v, &err), ==, -EINVAL);
                g_assert_nonnull(err);
                g_clear_pointer(&err, g_free);
                g_assert_cmpuint(v.list->len, ==, 2);
        }
        bond_opt_value_clear(&v);

        /* at most 16 */
        for (int i = 1; i <= 16; i++) {
                g_autofree char *a = g_strdup_printf("198.51.100.%d", i);

                g_assert_cmpint(bond_opt_parse_value(d, a, &v, &err), ==, 0);
        }
        g_assert_cmpuint(v.list->len, ==, 16);
        g_assert_cmpint(bond_opt_parse_value(d, "198.51.100.17", &v, &err), ==, -ERANGE);
        g_clear_pointer(&err, g_free);
        g_assert_cmpuint(v.list->len, ==, 16);
        g_assert_cmpint(bond_opt_parse_value(d, "-198.51.100.1,198.51.100.17", &v, &err), ==, 0);
        g_assert_cmpuint(v.list->len, ==, 16);
        bond_opt_value_clear(&v);

        d = bond_opt_desc(BOND_OPT_NS_IP6_TARGET);
        g_assert_cmpint(bond_opt_parse_value(d, "2001:DB8:0::0001,fe80::1", &v, &err), ==, 0);
        g_clear_pointer(&fmt, g_free);
        fmt = bond_opt_format_value(d, &v);
        g_assert_cmpstr(fmt, ==, "2001:db8::1,fe80::1");
        g_assert_cmpint(bond_opt_parse_value(d, "ff02::1", &v, &err), ==, -EINVAL);
        g_clear_pointer(&err, g_free);
        g_assert_cmpint(bond_opt_parse_value(d, "::1", &v, &err), ==, -EINVAL);
        g_clear_pointer(&err, g_free);
        g_assert_cmpint(bond_opt_parse_value(d, "::", &v, &err), ==, -EINVAL);
        g_clear_pointer(&err, g_free);
        g_assert_cmpint(bond_opt_parse_value(d, "192.0.2.1", &v, &err), ==, -EINVAL);
        g_clear_pointer(&err, g_free);
        bond_opt_value_clear(&v);
}

static void test_parse_ok_and_format(void)
{
        g_autoptr(BondOptions) o = bond_options_new();
        g_autoptr(DiagList) l = diag_list_new();
        struct {
                BondOptId id;
                const char *sysfs;
        } want[] = {
                { BOND_OPT_MODE, "802.3ad" },        { BOND_OPT_MIIMON, "100" },
                { BOND_OPT_LACP_RATE, "fast" },      { BOND_OPT_XMIT_HASH_POLICY, "layer3+4" },
                { BOND_OPT_AD_SELECT, "bandwidth" }, { BOND_OPT_NUM_PEER_NOTIF, "3" },
                { BOND_OPT_LACP_ACTIVE, "off" },     { BOND_OPT_ARP_VALIDATE, "filter_backup" },
                { BOND_OPT_USE_CARRIER, "0" },       { BOND_OPT_FAIL_OVER_MAC, "follow" },
        };

        g_assert_cmpint(bond_options_parse(o,
                                           "  mode=4\tmiimon=100 lacp_rate=1 "
                                           "xmit_hash_policy=layer3+4 ad_select=bandwidth "
                                           "num_unsol_na=3 lacp_active=off arp_validate=6 "
                                           "use_carrier=off fail_over_mac=2 ",
                                           "ifcfg-bond0", 7, l),
                        ==, 0);
        g_assert_cmpuint(l->items->len, ==, 0);
        for (unsigned i = 0; i < G_N_ELEMENTS(want); i++) {
                g_autofree char *s =
                        bond_opt_format_value(bond_opt_desc(want[i].id), &o->v[want[i].id]);

                g_assert_cmpstr(s, ==, want[i].sysfs);
                g_assert_cmpuint(o->v[want[i].id].line, ==, 7);
        }
        g_assert_cmpint(bond_options_mode(o), ==, BOND_MODE_LACP);
        g_assert_false(o->v[BOND_OPT_UPDELAY].set);

        /* unset values print as the kernel default */
        g_autofree char *def = bond_opt_format_value(bond_opt_desc(BOND_OPT_AD_ACTOR_SYS_PRIO),
                                                     &o->v[BOND_OPT_AD_ACTOR_SYS_PRIO]);
        g_assert_cmpstr(def, ==, "65535");

        g_autoptr(BondOptions) empty = bond_options_new();
        g_assert_cmpint(bond_options_mode(empty), ==, BOND_MODE_BALANCE_RR);
        g_assert_cmpint(bond_options_parse(empty, "", "f", 1, l), ==, 0);
        g_assert_cmpint(bond_options_parse(empty, NULL, "f", 1, l), ==, 0);
        g_assert_cmpuint(l->items->len, ==, 0);
}

static void test_parse_errors(void)
{
        g_autoptr(BondOptions) o = bond_options_new();
        g_autoptr(DiagList) l = diag_list_new();
        const Diag *d;

        g_assert_cmpint(bond_options_parse(o,
                                           "miimom=100 mode=fast miimon updelay=x "
                                           "max_bonds=4 prio=5 lacp_rate=fast =3 "
                                           "ad_actor_sys_prio=0",
                                           "ifcfg-bond0", 12, l),
                        ==, -EINVAL);

        d = find_diag(l, DIAG_ERROR, "miimom");
        g_assert_nonnull(d);
        g_assert_cmpstr(d->file, ==, "ifcfg-bond0");
        g_assert_cmpuint(d->line, ==, 12);
        g_assert_cmpstr(d->message, ==, "unknown bonding option 'miimom'");
        g_assert_cmpstr(d->hint, ==, "did you mean 'miimon'?");

        d = find_diag(l, DIAG_ERROR, "mode");
        g_assert_nonnull(d);
        g_assert_nonnull(strstr(d->hint, "active-backup (1)"));
        g_assert_nonnull(strstr(d->hint, "802.3ad (4)"));
        g_assert_false(o->v[BOND_OPT_MODE].set);

        d = find_diag(l, DIAG_ERROR, "miimon");
        g_assert_nonnull(d);
        g_assert_nonnull(strstr(d->message, "'='"));

        d = find_diag(l, DIAG_ERROR, "updelay");
        g_assert_nonnull(d);
        g_assert_nonnull(strstr(d->hint, "from 0 to 2147483647"));

        d = find_diag(l, DIAG_ERROR, "max_bonds");
        g_assert_nonnull(d);
        g_assert_nonnull(strstr(d->message, "module parameter"));
        g_assert_nonnull(strstr(d->hint, "/etc/modprobe.d"));
        g_assert_false(o->v[BOND_OPT_MAX_BONDS].set);

        d = find_diag(l, DIAG_ERROR, "prio");
        g_assert_nonnull(d);
        g_assert_nonnull(strstr(d->hint, "BOND_PORT_PRIO=5"));

        d = find_diag(l, DIAG_ERROR, "ad_actor_sys_prio");
        g_assert_nonnull(d);
        g_assert_nonnull(strstr(d->message, "out of range"));
        g_assert_nonnull(strstr(d->hint, "from 1 to 65535"));

        g_assert_nonnull(find_diag(l, DIAG_ERROR, "BONDING_OPTS"));
        g_assert_cmpuint(diag_count(l, DIAG_ERROR), ==, 8);
        /* the good one in between still counts */
        g_assert_true(o->v[BOND_OPT_LACP_RATE].set);
        g_assert_cmpuint(o->v[BOND_OPT_LACP_RATE].num, ==, 1);

        /* no suggestion when nothing is close */
        g_autoptr(DiagList) l2 = diag_list_new();
        g_assert_cmpint(bond_options_parse(o, "frobnicate=1", "f", 1, l2), ==, -EINVAL);
        d = find_diag(l2, DIAG_ERROR, "frobnicate");
        g_assert_nonnull(d);
        g_assert_null(strstr(d->hint, "did you mean"));
}

static void test_parse_repeats(void)
{
        g_autoptr(BondOptions) o = bond_options_new();
        g_autoptr(DiagList) l = diag_list_new();
        const Diag *d;
        g_autofree char *t = NULL;

        g_assert_cmpint(bond_options_parse(o,
                                           "miimon=100 arp_ip_target=192.0.2.1 miimon=200 "
                                           "arp_ip_target=192.0.2.2,192.0.2.3 "
                                           "arp_ip_target=-192.0.2.1",
                                           "ifcfg-bond0", 3, l),
                        ==, 0);
        g_assert_cmpuint(o->v[BOND_OPT_MIIMON].num, ==, 200);
        d = find_diag(l, DIAG_WARNING, "miimon");
        g_assert_nonnull(d);
        g_assert_cmpuint(d->line, ==, 3);
        g_assert_cmpuint(l->items->len, ==, 1); /* lists accumulate silently */
        t = bond_opt_format_value(bond_opt_desc(BOND_OPT_ARP_IP_TARGET),
                                  &o->v[BOND_OPT_ARP_IP_TARGET]);
        g_assert_cmpstr(t, ==, "192.0.2.2,192.0.2.3");
}

/* num_grat_arp and num_unsol_na are one kernel setting (IFLA_BOND_NUM_PEER_NOTIF):
 * two values are refused, as NetworkManager's bond setting refuses them;
 * the same value twice is fine. */
static void test_parse_peer_notif(void)
{
        g_autoptr(BondOptions) o = bond_options_new();
        g_autoptr(BondOptions) o2 = bond_options_new();
        g_autoptr(DiagList) l = diag_list_new();
        g_autoptr(DiagList) l2 = diag_list_new();
        const Diag *d;

        g_assert_cmpint(
                bond_options_parse(o, "mode=1 num_grat_arp=3 num_unsol_na=4", "ifcfg-bond0", 2, l),
                ==, -EINVAL);
        d = find_diag(l, DIAG_ERROR, "num_unsol_na");
        g_assert_nonnull(d);
        g_assert_nonnull(strstr(d->message, "num_grat_arp=3"));
        g_assert_nonnull(strstr(d->message, "num_unsol_na=4"));
        g_assert_nonnull(strstr(d->hint, "one kernel setting"));
        g_assert_cmpuint(l->items->len, ==, 1);

        g_assert_cmpint(
                bond_options_parse(o2, "num_unsol_na=5 num_grat_arp=5", "ifcfg-bond0", 2, l2), ==,
                0);
        g_assert_cmpuint(l2->items->len, ==, 0);
        g_assert_cmpuint(o2->v[BOND_OPT_NUM_PEER_NOTIF].num, ==, 5);
}

static void test_suggest(void)
{
        g_assert_cmpstr(bond_opt_suggest("miimom"), ==, "miimon");
        g_assert_cmpstr(bond_opt_suggest("xmit_hash_polcy"), ==, "xmit_hash_policy");
        g_assert_cmpstr(bond_opt_suggest("lacp-rate"), ==, "lacp_rate");
        g_assert_cmpstr(bond_opt_suggest("updelya"), ==, "updelay");
        g_assert_cmpstr(bond_opt_suggest("num_unsol_nx"), ==, "num_unsol_na");
        /* cut short: the first option that begins so */
        g_assert_cmpstr(bond_opt_suggest("xmit_hash"), ==, "xmit_hash_policy");
        g_assert_cmpstr(bond_opt_suggest("ad_actor_sys"), ==, "ad_actor_sys_prio");
        g_assert_null(bond_opt_suggest("ad"));
        /* ... but never accepted: lookups are exact */
        g_assert_null(bond_opt_lookup("xmit_hash"));
        g_assert_null(bond_opt_suggest("frobnicate"));
        g_assert_null(bond_opt_suggest(""));
}

/*
 * The edit distance is bounded: a word far longer than every name is
 * answered from the lengths, not with a table of its length times the
 * name's for each option (found by fuzz-bond-options, which spent two
 * thirds of its time there; a 1 MB unknown key took 0.9 s at -O2).
 */
static void test_suggest_bounded(void)
{
        g_autofree char *huge = g_strnfill(1 << 20, 'm');

        g_assert_cmpuint(str_edit_distance("kitten", "sitting", 5), ==, 3);
        g_assert_cmpuint(str_edit_distance("kitten", "sitting", 2), ==, 3);
        g_assert_cmpuint(str_edit_distance("miimom", "miimon", 2), ==, 1);
        g_assert_cmpuint(str_edit_distance("", "mode", 2), ==, 3);
        g_assert_cmpuint(str_edit_distance("", "", 0), ==, 0);
        g_assert_cmpuint(str_edit_distance(huge, "miimon", 2), ==, 3);
        g_assert_null(bond_opt_suggest(huge));
}

static void test_defaults_rule(void)
{
        g_autoptr(DiagList) l = diag_list_new();
        const Diag *d;

        g_autoptr(BondOptions) a = bond_options_new();
        bond_options_apply_defaults(a, "ifcfg-bond0", 0, l);
        g_assert_true(a->v[BOND_OPT_MIIMON].set);
        g_assert_true(a->v[BOND_OPT_MIIMON].defaulted);
        g_assert_cmpuint(a->v[BOND_OPT_MIIMON].num, ==, 100);
        d = find_diag(l, DIAG_WARNING, "miimon");
        g_assert_nonnull(d);
        g_assert_cmpuint(d->line, ==, 0);

        g_autoptr(DiagList) l2 = diag_list_new();
        g_autoptr(BondOptions) b = bond_options_new();
        g_assert_cmpint(bond_options_parse(b, "mode=1 arp_interval=500 arp_ip_target=192.0.2.1",
                                           "f", 4, l2),
                        ==, 0);
        bond_options_apply_defaults(b, "f", 4, l2);
        g_assert_false(b->v[BOND_OPT_MIIMON].set);
        g_assert_cmpuint(l2->items->len, ==, 0);

        g_autoptr(BondOptions) c = bond_options_new();
        g_assert_cmpint(bond_options_parse(c, "miimon=250", "f", 4, l2), ==, 0);
        bond_options_apply_defaults(c, "f", 4, l2);
        g_assert_false(c->v[BOND_OPT_MIIMON].defaulted);
        g_assert_cmpuint(c->v[BOND_OPT_MIIMON].num, ==, 250);
        g_assert_cmpuint(l2->items->len, ==, 0);

        /* arp_interval=0 is "not set" */
        g_autoptr(BondOptions) e = bond_options_new();
        g_assert_cmpint(bond_options_parse(e, "arp_interval=0", "f", 9, l2), ==, 0);
        bond_options_apply_defaults(e, "f", 9, l2);
        g_assert_true(e->v[BOND_OPT_MIIMON].defaulted);
        g_assert_cmpuint(find_diag(l2, DIAG_WARNING, "miimon")->line, ==, 9);

        /* a later explicit miimon replaces the default without a "twice" warning */
        g_autoptr(DiagList) l3 = diag_list_new();
        g_assert_cmpint(bond_options_parse(e, "miimon=50", "f", 10, l3), ==, 0);
        g_assert_cmpuint(l3->items->len, ==, 0);
        g_assert_false(e->v[BOND_OPT_MIIMON].defaulted);
}

static void test_copy_equal(void)
{
        g_autoptr(DiagList) l = diag_list_new();
        g_autoptr(BondOptions) a = bond_options_new();
        g_autoptr(BondOptions) b = NULL;
        const BondOptDesc *t = bond_opt_desc(BOND_OPT_ARP_IP_TARGET);

        g_assert_cmpint(bond_options_parse(a,
                                           "mode=1 primary=eth0 arp_interval=100 "
                                           "arp_ip_target=192.0.2.1,192.0.2.2",
                                           "f", 1, l),
                        ==, 0);
        b = bond_options_copy(a);
        for (int i = 0; i < _BOND_OPT_MAX; i++)
                g_assert_true(bond_opt_value_equal(bond_opt_desc(i), &a->v[i], &b->v[i]));
        g_assert_true(a->v[BOND_OPT_PRIMARY].str != b->v[BOND_OPT_PRIMARY].str);

        /* order of targets does not matter, content does */
        g_autoptr(BondOptions) c = bond_options_new();
        g_assert_cmpint(bond_options_parse(c, "arp_ip_target=192.0.2.2,192.0.2.1", "f", 1, l), ==,
                        0);
        g_assert_true(bond_opt_value_equal(t, &a->v[BOND_OPT_ARP_IP_TARGET],
                                           &c->v[BOND_OPT_ARP_IP_TARGET]));
        g_assert_cmpint(bond_options_parse(c, "arp_ip_target=-192.0.2.2", "f", 1, l), ==, 0);
        g_assert_false(bond_opt_value_equal(t, &a->v[BOND_OPT_ARP_IP_TARGET],
                                            &c->v[BOND_OPT_ARP_IP_TARGET]));

        /* unset equals an explicit kernel default */
        g_autoptr(BondOptions) d = bond_options_new();
        g_assert_cmpint(bond_options_parse(d, "resend_igmp=1 mode=balance-rr", "f", 1, l), ==, 0);
        g_autoptr(BondOptions) e = bond_options_new();
        for (int i = 0; i < _BOND_OPT_MAX; i++)
                g_assert_true(bond_opt_value_equal(bond_opt_desc(i), &d->v[i], &e->v[i]));
        g_assert_false(bond_opt_value_equal(bond_opt_desc(BOND_OPT_MODE), &a->v[BOND_OPT_MODE],
                                            &e->v[BOND_OPT_MODE]));
}

static void test_modes_mask(void)
{
        const BondOptDesc *d;

        d = bond_opt_desc(BOND_OPT_LACP_RATE);
        g_assert_false(bond_opt_applies_to_mode(d, BOND_MODE_ACTIVE_BACKUP));
        g_assert_true(bond_opt_applies_to_mode(d, BOND_MODE_LACP));
        d = bond_opt_desc(BOND_OPT_ARP_VALIDATE);
        g_assert_true(bond_opt_applies_to_mode(d, BOND_MODE_ACTIVE_BACKUP));
        g_assert_false(bond_opt_applies_to_mode(d, BOND_MODE_LACP));
        g_assert_false(bond_opt_applies_to_mode(d, BOND_MODE_BALANCE_TLB));
        g_assert_false(bond_opt_applies_to_mode(d, BOND_MODE_BALANCE_ALB));
        d = bond_opt_desc(BOND_OPT_PACKETS_PER_SLAVE);
        g_assert_true(bond_opt_applies_to_mode(d, BOND_MODE_BALANCE_RR));
        g_assert_false(bond_opt_applies_to_mode(d, BOND_MODE_BALANCE_XOR));
        d = bond_opt_desc(BOND_OPT_PRIMARY);
        g_assert_false(bond_opt_applies_to_mode(d, BOND_MODE_BALANCE_RR));
        g_assert_false(bond_opt_applies_to_mode(d, _BOND_MODE_MAX));
        g_assert_cmpuint(bond_opt_desc(BOND_OPT_MODE)->flags, ==,
                         BOND_OPT_F_NEEDS_DOWN | BOND_OPT_F_NEEDS_NO_PORTS);
        g_assert_cmpuint(bond_opt_desc(BOND_OPT_FAIL_OVER_MAC)->flags, ==,
                         BOND_OPT_F_NEEDS_NO_PORTS);

        g_autofree char *s = bond_opt_modes_to_string(bond_opt_desc(BOND_OPT_PRIMARY)->modes);
        g_assert_cmpstr(s, ==, "active-backup, balance-tlb, balance-alb");
}

int main(int argc, char **argv)
{
        g_test_init(&argc, &argv, NULL);
        g_test_add_func("/bond-options/table-rows", test_table_rows);
        g_test_add_func("/bond-options/defaults-in-range", test_defaults_in_range);
        g_test_add_func("/bond-options/lookup", test_lookup);
        g_test_add_func("/bond-options/enum-roundtrip", test_enum_roundtrip);
        g_test_add_func("/bond-options/enum-exact-only", test_enum_exact_only);
        g_test_add_func("/bond-options/bool-values", test_bool_values);
        g_test_add_func("/bond-options/numeric-ranges", test_numeric_ranges);
        g_test_add_func("/bond-options/ifname-and-mac", test_ifname_and_mac);
        g_test_add_func("/bond-options/lists", test_lists);
        g_test_add_func("/bond-options/parse-ok-and-format", test_parse_ok_and_format);
        g_test_add_func("/bond-options/parse-errors", test_parse_errors);
        g_test_add_func("/bond-options/parse-repeats", test_parse_repeats);
        g_test_add_func("/bond-options/parse-peer-notif", test_parse_peer_notif);
        g_test_add_func("/bond-options/suggest", test_suggest);
        g_test_add_func("/bond-options/suggest-bounded", test_suggest_bounded);
        g_test_add_func("/bond-options/defaults-rule", test_defaults_rule);
        g_test_add_func("/bond-options/copy-equal", test_copy_equal);
        g_test_add_func("/bond-options/modes-mask", test_modes_mask);
        return g_test_run();
}
