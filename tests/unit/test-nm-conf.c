/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nm-conf.h: the runtime NetworkManager.conf drop-in and its records. */
#include <errno.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "nm-conf.h"

typedef struct {
        char *top, *state, *conf;
} Dirs;

static void dirs_setup(Dirs *d, gconstpointer data)
{
        g_autoptr(GError) e = NULL;

        d->top = g_dir_make_tmp("test-nm-conf-XXXXXX", &e);
        g_assert_no_error(e);
        d->state = g_build_filename(d->top, "state", "nm", NULL);
        d->conf = g_build_filename(d->top, "run", "NetworkManager", "conf.d", NULL);
}

static void rm_rf(const char *path)
{
        GDir *dir = g_dir_open(path, 0, NULL);
        const char *n;

        while (dir && (n = g_dir_read_name(dir))) {
                g_autofree char *p = g_build_filename(path, n, NULL);

                rm_rf(p);
        }
        if (dir)
                g_dir_close(dir);
        g_remove(path);
}

static void dirs_teardown(Dirs *d, gconstpointer data)
{
        rm_rf(d->top);
        g_free(d->top);
        g_free(d->state);
        g_free(d->conf);
}

static char *conf_text(const Dirs *d)
{
        g_autofree char *path = g_build_filename(d->conf, NM_CONF_NAME, NULL);
        char *text = NULL;

        if (!g_file_get_contents(path, &text, NULL, NULL))
                return NULL;
        return text;
}

#define HEAD                                                                                       \
        "# Written by bondcfg: the bonds and ports it brings up, which\n"                          \
        "# NetworkManager leaves alone.  'bondcfg down BOND' gives a bond's\n"                     \
        "# devices back.  Do not edit: bondcfg rewrites this file.\n"                              \
        "[keyfile]\n"

static void test_set_and_remove(Dirs *d, gconstpointer data)
{
        const char *const bond0[] = { "bond0", "eth0", "eth1", NULL };
        const char *const bond1[] = { "bond1", "eth2", NULL };
        g_autofree char *t1 = NULL, *t2 = NULL, *t3 = NULL;
        bool changed = false;

        g_assert_null(conf_text(d));
        g_assert_cmpint(nm_conf_set(d->state, d->conf, "bond0", bond0, &changed), ==, 0);
        g_assert_true(changed);
        t1 = conf_text(d);
        g_assert_cmpstr(t1, ==,
                        HEAD "unmanaged-devices+=interface-name:bond0;interface-name:eth0;"
                             "interface-name:eth1\n");
        /* the same again: nothing to reload */
        g_assert_cmpint(nm_conf_set(d->state, d->conf, "bond0", bond0, &changed), ==, 0);
        g_assert_false(changed);
        /* a second bond: one sorted list */
        g_assert_cmpint(nm_conf_set(d->state, d->conf, "bond1", bond1, &changed), ==, 0);
        g_assert_true(changed);
        t2 = conf_text(d);
        g_assert_cmpstr(t2, ==,
                        HEAD "unmanaged-devices+=interface-name:bond0;interface-name:bond1;"
                             "interface-name:eth0;interface-name:eth1;interface-name:eth2\n");
        /* bond0 goes: its devices go with it */
        g_assert_cmpint(nm_conf_set(d->state, d->conf, "bond0", NULL, &changed), ==, 0);
        g_assert_true(changed);
        t3 = conf_text(d);
        g_assert_cmpstr(t3, ==,
                        HEAD "unmanaged-devices+=interface-name:bond1;interface-name:eth2\n");
        /* the last one: no file at all */
        g_assert_cmpint(nm_conf_set(d->state, d->conf, "bond1", NULL, &changed), ==, 0);
        g_assert_true(changed);
        g_assert_null(conf_text(d));
        g_assert_cmpint(nm_conf_set(d->state, d->conf, "bond1", NULL, &changed), ==, 0);
        g_assert_false(changed);
}

static void test_records(Dirs *d, gconstpointer data)
{
        const char *const bond0[] = { "bond0", "eth0", NULL };
        g_autoptr(GHashTable) none = NULL, one = NULL;
        bool changed;
        char **devs;
        int r = -1;

        none = nm_conf_records(d->state, &r);
        g_assert_nonnull(none);
        g_assert_cmpint(r, ==, 0);
        g_assert_cmpuint(g_hash_table_size(none), ==, 0);
        g_assert_cmpint(nm_conf_set(d->state, d->conf, "bond0", bond0, &changed), ==, 0);
        one = nm_conf_records(d->state, &r);
        devs = g_hash_table_lookup(one, "bond0");
        g_assert_nonnull(devs);
        g_assert_cmpstrv(devs, bond0);
        /* a name that cannot be an interface is refused */
        g_assert_cmpint(nm_conf_set(d->state, d->conf, "../x", bond0, &changed), ==, -EINVAL);
}

int main(int argc, char **argv)
{
        g_test_init(&argc, &argv, NULL);
        g_test_add("/nm-conf/set-and-remove", Dirs, NULL, dirs_setup, test_set_and_remove,
                   dirs_teardown);
        g_test_add("/nm-conf/records", Dirs, NULL, dirs_setup, test_records, dirs_teardown);
        return g_test_run();
}
