/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Port state records (port-state.h): format, parse, and the first-wins
 * rule on a temporary directory. */
#include <errno.h>
#include <unistd.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "port-state.h"

static void test_roundtrip(void)
{
        PortState ps = { .ifindex = 5,
                         .bond = "bond0",
                         .up = true,
                         .mtu = 1400,
                         .perm_mac = "52:54:00:12:34:56" };
        g_autofree char *text = port_state_format(&ps);
        g_autoptr(PortState) back = NULL;

        g_assert_nonnull(strstr(text, "\nifindex=5\nbond=bond0\nup=1\nmtu=1400\n"
                                      "perm_mac=52:54:00:12:34:56\n"));
        g_assert_cmpint(port_state_parse(text, &back), ==, 0);
        g_assert_cmpint(back->ifindex, ==, 5);
        g_assert_cmpstr(back->bond, ==, "bond0");
        g_assert_true(back->up);
        g_assert_cmpuint(back->mtu, ==, 1400);
        g_assert_cmpstr(back->perm_mac, ==, "52:54:00:12:34:56");
}

static void test_parse_errors(void)
{
        PortState *ps = NULL;

        g_assert_cmpint(port_state_parse("up=1\n", &ps), ==, -EINVAL);      /* no ifindex */
        g_assert_cmpint(port_state_parse("ifindex=3\n", &ps), ==, -EINVAL); /* no up */
        g_assert_cmpint(port_state_parse("ifindex=3\nup=2\n", &ps), ==, -EINVAL);
        g_assert_cmpint(port_state_parse("ifindex=x\nup=1\n", &ps), ==, -EINVAL);
        g_assert_cmpint(port_state_parse("ifindex=3\nup=1\ngarbage\n", &ps), ==, -EINVAL);
        g_assert_null(ps);
        /* unknown keys are for later versions */
        g_assert_cmpint(port_state_parse("# c\nifindex=3\nup=0\nspeed=10\n", &ps), ==, 0);
        g_assert_false(ps->up);
        g_assert_cmpuint(ps->mtu, ==, 0);
        port_state_free(ps);
}

static void test_first_wins(void)
{
        g_autofree char *tmp = g_dir_make_tmp("bondcfg-state-XXXXXX", NULL);
        g_autofree char *dir = g_build_filename(tmp, "ports", NULL);
        g_autofree char *file = g_build_filename(dir, "bp0", NULL);
        PortState up = { .ifindex = 7, .up = true, .mtu = 1400 };
        PortState down = { .ifindex = 7, .up = false, .mtu = 9000 };
        PortState other = { .ifindex = 8, .up = false, .mtu = 1500 };
        g_autoptr(PortState) got = NULL;
        g_autoptr(GDir) d = NULL;

        g_assert_nonnull(tmp);
        g_assert_cmpint(port_state_load(dir, "bp0", &got), ==, -ENOENT);
        g_assert_cmpint(port_state_save(dir, "bp0", &up), ==, 1);
        /* a re-apply sees the port set down by bondcfg: not recorded */
        g_assert_cmpint(port_state_save(dir, "bp0", &down), ==, 0);
        g_assert_cmpint(port_state_load(dir, "bp0", &got), ==, 0);
        g_assert_true(got->up);
        g_assert_cmpuint(got->mtu, ==, 1400);
        g_clear_pointer(&got, port_state_free);
        /* a new link with that name: the old record is stale */
        g_assert_cmpint(port_state_save(dir, "bp0", &other), ==, 1);
        g_assert_cmpint(port_state_load(dir, "bp0", &got), ==, 0);
        g_assert_cmpint(got->ifindex, ==, 8);
        /* no temporary files are left */
        d = g_dir_open(dir, 0, NULL);
        g_assert_cmpstr(g_dir_read_name(d), ==, "bp0");
        g_assert_null(g_dir_read_name(d));
        /* names that are no file names */
        g_assert_cmpint(port_state_save(dir, "../x", &up), ==, -EINVAL);
        g_assert_cmpint(port_state_save(dir, "..", &up), ==, -EINVAL);
        g_assert_cmpint(port_state_remove(dir, "bp0"), ==, 0);
        g_assert_false(g_file_test(file, G_FILE_TEST_EXISTS));
        g_assert_cmpint(port_state_remove(dir, "bp0"), ==, 0); /* none: fine */
        g_assert_cmpint(g_rmdir(dir), ==, 0);
        g_assert_cmpint(g_rmdir(tmp), ==, 0);
}

static void test_record_and_load_ports(void)
{
        g_autofree char *tmp = g_dir_make_tmp("bondcfg-state-XXXXXX", NULL);
        g_autofree char *dir = g_build_filename(tmp, "ports", NULL);
        g_autoptr(Snapshot) before = snapshot_new();
        g_autoptr(Snapshot) after = snapshot_new();
        g_autoptr(GHashTable) t = NULL;
        const PortState *ps;
        SnapLink *l;

        l = snapshot_add_link(before, 2, "eth0", NULL, "02:00:00:00:00:01");
        l->up = true;
        l->mtu = 1400;
        l->perm_mac = g_strdup("52:54:00:00:00:01");
        snapshot_add_bond(before, 4, "bond0", NULL);
        g_assert_cmpint(port_state_record(dir, before, "eth0", "bond0"), ==, 1);
        g_assert_cmpint(port_state_record(dir, before, "eth0", "bond0"), ==, 0);
        g_assert_cmpint(port_state_record(dir, before, "eth9", "bond0"), ==, -ENODEV);
        /* already in the bond: nothing to record */
        l = snapshot_add_link(before, 3, "eth1", NULL, NULL);
        l->master = 4;
        g_assert_cmpint(port_state_record(dir, before, "eth1", "bond0"), ==, 0);

        snapshot_add_bond(after, 4, "bond0", NULL);
        l = snapshot_add_link(after, 2, "eth0", NULL, NULL);
        l->master = 4;
        l = snapshot_add_link(after, 3, "eth1", NULL, NULL);
        l->master = 4;
        t = port_state_load_ports(dir, after, "bond0");
        g_assert_cmpuint(g_hash_table_size(t), ==, 1);
        ps = g_hash_table_lookup(t, "eth0");
        g_assert_nonnull(ps);
        g_assert_true(ps->up);
        g_assert_cmpuint(ps->mtu, ==, 1400);
        g_assert_cmpstr(ps->perm_mac, ==, "52:54:00:00:00:01");
        g_assert_cmpstr(ps->bond, ==, "bond0");
        g_assert_cmpint(port_state_remove(dir, "eth0"), ==, 0);
        g_assert_cmpint(g_rmdir(dir), ==, 0);
        g_assert_cmpint(g_rmdir(tmp), ==, 0);
}

static void test_dir_env(void)
{
        g_autofree char *def = NULL, *env = NULL;

        g_unsetenv("BONDCFG_STATE_DIR");
        def = port_state_dir();
        g_assert_cmpstr(def, ==, "/run/bondcfg/ports");
        g_setenv("BONDCFG_STATE_DIR", "/tmp/x", TRUE);
        env = port_state_dir();
        g_assert_cmpstr(env, ==, "/tmp/x/ports");
        g_unsetenv("BONDCFG_STATE_DIR");
}

int main(int argc, char **argv)
{
        g_test_init(&argc, &argv, NULL);
        g_test_add_func("/port-state/roundtrip", test_roundtrip);
        g_test_add_func("/port-state/parse-errors", test_parse_errors);
        g_test_add_func("/port-state/first-wins", test_first_wins);
        g_test_add_func("/port-state/record-and-load-ports", test_record_and_load_ports);
        g_test_add_func("/port-state/dir-env", test_dir_env);
        return g_test_run();
}
