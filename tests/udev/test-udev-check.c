/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Member-NIC checks (udev-check.c) against fake sysfs trees (umockdev).
 * Run under umockdev-wrapper.
 *
 * A scenario is a device description, tests/fixtures/udev/NAME.umockdev (the
 * format umockdev-record writes; lines starting with '#' are comments this
 * test strips), plus an ifcfg directory tests/fixtures/udev/cfg-NAME/.
 * The link facts (MTU, carrier, MACs, master), which bondcfg takes from the
 * kernel's link messages, come from a snapshot the test makes of the
 * testbed's net devices (testbed_links()).
 *
 * Line numbers used below: in every bond file BONDING_OPTS is on line 5 and
 * the extra key (MTU, BONDCFG_CHIPSET_CHECK) on line 8; in every port file
 * DEVICE is on line 2 and MASTER on line 5.
 */
#include <errno.h>
#include <libudev.h>
#include <stdlib.h>
#include <string.h>
#include <umockdev.h>

#include "config.h"
#include "settings.h"
#include "udev-check.h"

#define FIXTURES SRCDIR "/tests/fixtures/udev"

/*
 * umockdev-wrapper LD_PRELOADs its library ahead of the ASan runtime; ASan
 * works regardless, it only has to be told not to refuse to start.
 */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
        return "verify_asan_link_order=0";
}

/* The test reads the testbed with libudev itself (linked, where bondcfg
 * dlopen()s it). */
typedef struct udev TbUdev;
typedef struct udev_device TbDevice;
typedef struct udev_enumerate TbEnumerate;
G_DEFINE_AUTOPTR_CLEANUP_FUNC(TbUdev, udev_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(TbDevice, udev_device_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(TbEnumerate, udev_enumerate_unref)

/* The link called name in s, added (with the next ifindex) if missing. */
static SnapLink *link_named(Snapshot *s, const char *name)
{
        SnapLink *l = snapshot_link_by_name(s, name);

        return l ? l : snapshot_add_link(s, (int)s->links->len + 1, name, NULL, NULL);
}

/*
 * The kernel's side of the testbed, as rtnetlink would give it: one link per
 * net device, with the MAC, MTU, carrier and master its sysattrs say, and
 * what only the link message has from test properties: BONDCFG_TEST_MAX_MTU
 * (IFLA_MAX_MTU), BONDCFG_TEST_PERM_ADDRESS (IFLA_PERM_ADDRESS) and
 * BONDCFG_TEST_LINK_CARRIER (the carrier the link reports where sysfs says
 * otherwise: the checks must take the link's).
 */
static Snapshot *testbed_links(void)
{
        g_autoptr(TbUdev) udev = udev_new();
        g_autoptr(TbEnumerate) en = udev_enumerate_new(udev);
        Snapshot *s = snapshot_new();
        struct udev_list_entry *e;

        udev_enumerate_add_match_subsystem(en, "net");
        udev_enumerate_scan_devices(en);
        udev_list_entry_foreach(e, udev_enumerate_get_list_entry(en))
        {
                g_autoptr(TbDevice) d =
                        udev_device_new_from_syspath(udev, udev_list_entry_get_name(e));
                g_autofree char *master_path = NULL, *master = NULL;
                const char *v;
                SnapLink *l;

                if (!d)
                        continue;
                l = link_named(s, udev_device_get_sysname(d));
                g_free(l->kind);
                l->kind = g_strdup(udev_device_get_devtype(d));
                v = udev_device_get_sysattr_value(d, "address");
                g_free(l->mac);
                l->mac = v ? g_strstrip(g_ascii_strdown(v, -1)) : NULL;
                v = udev_device_get_sysattr_value(d, "mtu");
                l->mtu = v ? (unsigned)g_ascii_strtoull(v, NULL, 10) : 1500;
                v = udev_device_get_property_value(d, "BONDCFG_TEST_LINK_CARRIER");
                if (!v)
                        v = udev_device_get_sysattr_value(d, "carrier");
                l->up = v != NULL;
                l->lower_up = v && atoi(v) == 1;
                v = udev_device_get_property_value(d, "BONDCFG_TEST_MAX_MTU");
                l->max_mtu = v ? (unsigned)g_ascii_strtoull(v, NULL, 10) : 0;
                v = udev_device_get_property_value(d, "BONDCFG_TEST_PERM_ADDRESS");
                l->perm_mac = v ? g_ascii_strdown(v, -1) : NULL;
                master_path = g_build_filename(udev_device_get_syspath(d), "master", NULL);
                master = g_file_read_link(master_path, NULL);
                if (master) {
                        g_autofree char *name = g_path_get_basename(master);

                        l->master = link_named(s, name)->ifindex;
                        l->port.present = g_str_has_prefix(name, "bond");
                }
        }
        return s;
}

typedef struct {
        ChipsetCheck setting; /* [check] chipset in bondcfg.conf */
        UdevCheckMode mode;
        bool force;
} RunOpts;

static const RunOpts CHECK = { CHIPSET_CHECK_STRICT, UDEV_CHECK_MODE_CHECK, false };

static void add_devices(UMockdevTestbed *tb, const char *name)
{
        g_autofree char *path = g_strdup_printf("%s/%s.umockdev", FIXTURES, name);
        g_autofree char *text = NULL;
        g_autoptr(GString) desc = g_string_new(NULL);
        g_autoptr(GError) err = NULL;
        g_auto(GStrv) lines = NULL;

        g_assert_true(g_file_get_contents(path, &text, NULL, &err));
        g_assert_no_error(err);
        lines = g_strsplit(text, "\n", -1);
        for (char **l = lines; *l; l++)
                if (**l != '#')
                        g_string_append_printf(desc, "%s\n", *l);
        g_assert_true(umockdev_testbed_add_from_string(tb, desc->str, &err));
        g_assert_no_error(err);
}

/* Run the checks for the devices and ifcfg directory of a scenario. */
static DiagList *run(const char *devices, const char *cfg, const RunOpts *o)
{
        UMockdevTestbed *tb = umockdev_testbed_new();
        g_autofree char *dir = g_strdup_printf("%s/cfg-%s", FIXTURES, cfg);
        g_autoptr(DiagList) load = diag_list_new();
        g_autoptr(Config) c = NULL;
        g_autoptr(Settings) s = settings_new();
        DiagList *diags = diag_list_new();
        g_autoptr(Snapshot) links = NULL;

        g_assert_true(umockdev_in_mock_environment());
        add_devices(tb, devices);
        links = testbed_links();
        g_assert_cmpint(config_load_dir(dir, &c, load), ==, 0);
        g_assert_cmpuint(diag_count(load, DIAG_ERROR) + diag_count(load, DIAG_WARNING), ==, 0);
        s->chipset = o->setting;
        diags->errors_as_warnings = o->force;
        g_assert_cmpint(udev_check_config(c, s, NULL, o->mode, false, links, diags), ==, 0);
        for (guint i = 0; i < diags->items->len; i++) {
                g_autofree char *t = diag_format(diags->items->pdata[i]);

                g_test_message("%s", t);
        }
        g_object_unref(tb);
        return diags;
}

static size_t count_problems(const DiagList *l)
{
        return diag_count(l, DIAG_ERROR) + diag_count(l, DIAG_WARNING);
}

/*
 * The diagnostic whose message contains substr: it must be the only such
 * one, with this severity, file (relative to FIXTURES) and line.
 */
static const Diag *expect(const DiagList *l, DiagSeverity sev, const char *file, unsigned line,
                          const char *substr)
{
        g_autofree char *path = file ? g_strdup_printf("%s/%s", FIXTURES, file) : NULL;
        const Diag *found = NULL;

        for (guint i = 0; i < l->items->len; i++) {
                const Diag *d = l->items->pdata[i];

                if (!strstr(d->message, substr))
                        continue;
                if (found)
                        g_error("two diagnostics contain '%s'", substr);
                found = d;
        }
        if (!found)
                g_error("no diagnostic contains '%s'", substr);
        g_assert_cmpstr(diag_severity_to_string(found->severity), ==, diag_severity_to_string(sev));
        g_assert_cmpstr(found->file, ==, path);
        g_assert_cmpuint(found->line, ==, line);
        return found;
}

static void expect_none(const DiagList *l, const char *substr)
{
        for (guint i = 0; i < l->items->len; i++)
                if (strstr(((const Diag *)l->items->pdata[i])->message, substr))
                        g_error("unexpected diagnostic: %s",
                                ((const Diag *)l->items->pdata[i])->message);
}

#define CHIPSET_MSG                                                                                \
        "bond0: ports differ in chipset: eth0 is Intel Corporation 82574L (8086:10d3, e1000e), "   \
        "eth1 is Realtek RTL8111/8168 (10ec:8168, r8169)"

static void test_identical_pass(void)
{
        g_autoptr(DiagList) d = run("intel-pair", "ab", &CHECK);

        g_assert_cmpuint(count_problems(d), ==, 0);
        expect_none(d, "differ");
        /* one identity note per port, with the hardware facts */
        expect(d, DIAG_NOTE, "cfg-ab/ifcfg-eth0", 2,
               "bond0: eth0 is Intel Corporation 82574L (8086:10d3, e1000e), subsystem "
               "8086:a01f, revision 0x00, 1000Mb/s full duplex, carrier up");
}

static void test_chipset_strict(void)
{
        g_autoptr(DiagList) d = run("intel-realtek", "ab", &CHECK);
        const Diag *x = expect(d, DIAG_ERROR, "cfg-ab/ifcfg-eth1", 5, CHIPSET_MSG);

        g_assert_cmpstr(x->message, ==, CHIPSET_MSG);
        g_assert_cmpstr(x->key, ==, "MASTER");
        g_assert_nonnull(strstr(x->hint, "BONDCFG_CHIPSET_CHECK=warn in ifcfg-bond0"));
        g_assert_nonnull(strstr(x->hint, "chipset = warn in /etc/bondcfg.conf [check]"));
        g_assert_nonnull(strstr(x->hint, "--force"));
        g_assert_cmpuint(count_problems(d), ==, 1);
}

static void test_chipset_warn_setting(void)
{
        const RunOpts o = { CHIPSET_CHECK_WARN, UDEV_CHECK_MODE_CHECK, false };
        g_autoptr(DiagList) d = run("intel-realtek", "ab", &o);

        expect(d, DIAG_WARNING, "cfg-ab/ifcfg-eth1", 5, CHIPSET_MSG);
        g_assert_cmpuint(diag_count(d, DIAG_ERROR), ==, 0);
}

static void test_chipset_off_setting(void)
{
        const RunOpts o = { CHIPSET_CHECK_OFF, UDEV_CHECK_MODE_CHECK, false };
        g_autoptr(DiagList) d = run("intel-realtek", "ab", &o);

        expect_none(d, "chipset");
        g_assert_cmpuint(count_problems(d), ==, 0);
}

static void test_chipset_bond_override(void)
{
        const RunOpts off = { CHIPSET_CHECK_OFF, UDEV_CHECK_MODE_CHECK, false };
        g_autoptr(DiagList) d1 = run("intel-realtek", "chipset-warn", &CHECK);
        g_autoptr(DiagList) d2 = run("intel-realtek", "chipset-strict", &off);

        /* BONDCFG_CHIPSET_CHECK=warn beats the strict setting ... */
        expect(d1, DIAG_WARNING, "cfg-chipset-warn/ifcfg-eth1", 5, CHIPSET_MSG);
        g_assert_cmpuint(diag_count(d1, DIAG_ERROR), ==, 0);
        /* ... and BONDCFG_CHIPSET_CHECK=strict beats chipset = off. */
        expect(d2, DIAG_ERROR, "cfg-chipset-strict/ifcfg-eth1", 5, CHIPSET_MSG);
}

static void test_chipset_force(void)
{
        const RunOpts o = { CHIPSET_CHECK_STRICT, UDEV_CHECK_MODE_APPLY, true };
        g_autoptr(DiagList) d = run("intel-realtek", "ab", &o);

        expect(d, DIAG_WARNING, "cfg-ab/ifcfg-eth1", 5, CHIPSET_MSG);
        g_assert_cmpuint(diag_count(d, DIAG_ERROR), ==, 0);
}

static void test_speed_lacp(void)
{
        g_autoptr(DiagList) d = run("speed-mismatch", "lacp", &CHECK);

        expect(d, DIAG_ERROR, "cfg-lacp/ifcfg-eth1", 5,
               "bond0: ports differ in speed: eth0 is 1000Mb/s, eth1 is 100Mb/s");
        g_assert_cmpuint(count_problems(d), ==, 1);
}

static void test_speed_active_backup(void)
{
        g_autoptr(DiagList) d = run("speed-mismatch", "ab", &CHECK);

        expect(d, DIAG_WARNING, "cfg-ab/ifcfg-eth1", 5,
               "bond0: ports differ in speed: eth0 is 1000Mb/s, eth1 is 100Mb/s");
        g_assert_cmpuint(count_problems(d), ==, 1);
}

static void test_shared_phys_port(void)
{
        g_autoptr(DiagList) d = run("shared-phys-port", "ab", &CHECK);

        expect(d, DIAG_WARNING, "cfg-ab/ifcfg-eth1", 5,
               "bond0: eth0 and eth1 share physical port 0a1b2c3d (phys_port_id): no "
               "redundancy");
        g_assert_cmpuint(count_problems(d), ==, 1);
}

static void test_vf_active_backup(void)
{
        g_autoptr(DiagList) d = run("sriov-vf", "ab", &CHECK);
        g_autoptr(DiagList) follow = run("sriov-vf", "ab-follow", &CHECK);
        g_autoptr(DiagList) lacp = run("sriov-vf", "lacp", &CHECK);
        const Diag *x;

        x = expect(d, DIAG_WARNING, "cfg-ab/ifcfg-bond0", 5,
                   "bond0: eth0 is an SR-IOV virtual function; active-backup needs "
                   "fail_over_mac=active or follow");
        g_assert_cmpstr(x->key, ==, "fail_over_mac");
        expect(d, DIAG_WARNING, "cfg-ab/ifcfg-bond0", 5, "bond0: eth1 is an SR-IOV");
        g_assert_cmpuint(count_problems(d), ==, 2);
        expect(d, DIAG_NOTE, "cfg-ab/ifcfg-eth0", 2,
               "eth0 is Intel Corporation 82599 Ethernet Controller Virtual Function (8086:10ed, "
               "ixgbevf), SR-IOV VF");
        /* not with fail_over_mac=follow, nor in another mode */
        g_assert_cmpuint(count_problems(follow), ==, 0);
        g_assert_cmpuint(count_problems(lacp), ==, 0);
}

static void test_virtual(void)
{
        g_autoptr(DiagList) d = run("intel-and-veth", "veth", &CHECK);

        expect(d, DIAG_NOTE, "cfg-veth/ifcfg-veth0", 2,
               "bond0: veth0 chipset not checked (virtual)");
        expect(d, DIAG_NOTE, "cfg-veth/ifcfg-veth0", 2, "bond0: veth0 is a virtual device (veth)");
        g_assert_cmpuint(count_problems(d), ==, 0);
}

static void test_missing_check_mode(void)
{
        g_autoptr(DiagList) d = run("intel-only-eth0", "ab", &CHECK);
        const Diag *x = expect(d, DIAG_WARNING, "cfg-ab/ifcfg-eth1", 2,
                               "bond0: port eth1 does not exist on this system");

        g_assert_cmpstr(x->key, ==, "DEVICE");
        g_assert_cmpuint(count_problems(d), ==, 1);
}

static void test_missing_apply_mode(void)
{
        const RunOpts o = { CHIPSET_CHECK_STRICT, UDEV_CHECK_MODE_APPLY, false };
        g_autoptr(DiagList) d = run("intel-only-eth0", "ab", &o);

        expect(d, DIAG_ERROR, "cfg-ab/ifcfg-eth1", 2,
               "bond0: port eth1 does not exist on this system");
        g_assert_cmpuint(count_problems(d), ==, 1);
}

static void test_missing_hwaddr(void)
{
        const RunOpts o = { CHIPSET_CHECK_STRICT, UDEV_CHECK_MODE_APPLY, false };
        g_autoptr(DiagList) d = run("intel-realtek", "hwaddr", &o);
        const Diag *x = expect(d, DIAG_ERROR, "cfg-hwaddr/ifcfg-uplink2", 3,
                               "bond0: no network device has HWADDR 00:e0:4c:aa:bb:cc");

        g_assert_cmpstr(x->key, ==, "HWADDR");
        g_assert_cmpuint(count_problems(d), ==, 1);
}

static void test_offline_and_nothing_present(void)
{
        UMockdevTestbed *tb = umockdev_testbed_new();
        g_autoptr(DiagList) load = diag_list_new();
        g_autoptr(DiagList) d = diag_list_new();
        g_autoptr(DiagList) off = diag_list_new();
        g_autoptr(DiagList) a = diag_list_new();
        g_autoptr(Config) c = NULL;
        g_autoptr(Snapshot) none = snapshot_new();

        g_assert_cmpint(config_load_dir(FIXTURES "/cfg-ab", &c, load), ==, 0);
        /* an empty sysfs: none of the ports exists */
        g_assert_cmpint(udev_check_config(c, NULL, NULL, UDEV_CHECK_MODE_CHECK, false, none, d), ==,
                        0);
        g_assert_cmpuint(d->items->len, ==, 1);
        expect(d, DIAG_NOTE, "cfg-ab/ifcfg-bond0", 0,
               "NIC checks skipped: none of the ports (eth0, eth1) exists on this system");
        /* offline (--root): only the note, whatever is present */
        g_assert_cmpint(udev_check_config(c, NULL, NULL, UDEV_CHECK_MODE_APPLY, true, none, off),
                        ==, 0);
        g_assert_cmpuint(off->items->len, ==, 1);
        expect(off, DIAG_NOTE, "cfg-ab/ifcfg-bond0", 0, "NIC checks skipped: ");
        /* apply mode on a live system with nothing present: each port is an error */
        g_assert_cmpint(udev_check_config(c, NULL, NULL, UDEV_CHECK_MODE_APPLY, false, none, a), ==,
                        0);
        g_assert_cmpuint(diag_count(a, DIAG_ERROR), ==, 2);
        g_object_unref(tb);
}

static void test_enslaved_elsewhere(void)
{
        g_autoptr(DiagList) d = run("enslaved", "ab", &CHECK);
        const Diag *x = expect(d, DIAG_ERROR, "cfg-ab/ifcfg-eth0", 5,
                               "bond0: eth0 is already enslaved to bond9");

        g_assert_cmpstr(x->key, ==, "MASTER");
        /* eth1 is already in bond0 itself: fine */
        expect_none(d, "eth1 is already enslaved");
        g_assert_cmpuint(count_problems(d), ==, 1);
}

static void test_no_carrier(void)
{
        g_autoptr(DiagList) d = run("no-carrier", "ab", &CHECK);

        expect(d, DIAG_WARNING, "cfg-ab/ifcfg-eth1", 2, "bond0: eth1 has no carrier");
        g_assert_cmpuint(count_problems(d), ==, 1);
}

/* Link facts from the kernel's message take the place of sysfs's. */
static void test_link_facts(void)
{
        g_autoptr(DiagList) d = run("link-facts", "ab", &CHECK);

        expect(d, DIAG_WARNING, "cfg-ab/ifcfg-eth1", 2, "bond0: eth1 has no carrier");
        expect(d, DIAG_NOTE, "cfg-ab/ifcfg-eth0", 2, "carrier up");
        g_assert_cmpuint(count_problems(d), ==, 1);
}

static void test_mtu_above_max(void)
{
        g_autoptr(DiagList) d = run("max-mtu", "jumbo", &CHECK);
        g_autoptr(DiagList) ok = run("max-mtu", "ab", &CHECK);
        const Diag *x = expect(d, DIAG_ERROR, "cfg-jumbo/ifcfg-bond0", 8,
                               "bond0: MTU 9000 is above eth1's maximum MTU 1500");

        g_assert_cmpstr(x->key, ==, "MTU");
        g_assert_cmpuint(count_problems(d), ==, 1);
        /* the default MTU 1500 fits both */
        g_assert_cmpuint(count_problems(ok), ==, 0);
        expect(ok, DIAG_NOTE, "cfg-ab/ifcfg-eth0", 2, "max MTU 9216");
}

static void test_hwaddr_port(void)
{
        g_autoptr(DiagList) d = run("hwaddr", "hwaddr", &CHECK);

        /* uplink2 is found as enp3s0 by its permanent MAC, and checked */
        expect(d, DIAG_ERROR, "cfg-hwaddr/ifcfg-uplink2", 4,
               "bond0: ports differ in chipset: eth0 is Intel Corporation 82574L (8086:10d3, "
               "e1000e), enp3s0 is Realtek RTL8111/8168 (10ec:8168, r8169)");
        expect(d, DIAG_NOTE, "cfg-hwaddr/ifcfg-uplink2", 3, "bond0: enp3s0 is Realtek");
        g_assert_cmpuint(count_problems(d), ==, 1);
}

static void test_describe_fallback(void)
{
        NicInfo n = { .vendor_id = (char *)"8086", .device_id = (char *)"10d3" };
        g_autofree char *a = nic_info_describe(&n);
        g_autofree char *b = NULL;

        g_assert_cmpstr(a, ==, "8086:10d3 (no driver)");
        n.driver = (char *)"e1000e";
        n.vendor_name = (char *)"Intel Corporation";
        b = nic_info_describe(&n);
        g_assert_cmpstr(b, ==, "Intel Corporation (8086:10d3, e1000e)");
}

int main(int argc, char **argv)
{
        g_test_init(&argc, &argv, NULL);
        g_test_add_func("/udev-check/identical-nics-pass", test_identical_pass);
        g_test_add_func("/udev-check/chipset/strict-error", test_chipset_strict);
        g_test_add_func("/udev-check/chipset/warn-setting", test_chipset_warn_setting);
        g_test_add_func("/udev-check/chipset/off-setting", test_chipset_off_setting);
        g_test_add_func("/udev-check/chipset/bond-override", test_chipset_bond_override);
        g_test_add_func("/udev-check/chipset/force", test_chipset_force);
        g_test_add_func("/udev-check/speed/802.3ad-error", test_speed_lacp);
        g_test_add_func("/udev-check/speed/active-backup-warning", test_speed_active_backup);
        g_test_add_func("/udev-check/shared-phys-port", test_shared_phys_port);
        g_test_add_func("/udev-check/sriov-vf-active-backup", test_vf_active_backup);
        g_test_add_func("/udev-check/virtual-not-checked", test_virtual);
        g_test_add_func("/udev-check/missing/check-mode-warning", test_missing_check_mode);
        g_test_add_func("/udev-check/missing/apply-mode-error", test_missing_apply_mode);
        g_test_add_func("/udev-check/missing/hwaddr", test_missing_hwaddr);
        g_test_add_func("/udev-check/missing/offline-or-none", test_offline_and_nothing_present);
        g_test_add_func("/udev-check/enslaved-elsewhere", test_enslaved_elsewhere);
        g_test_add_func("/udev-check/no-carrier", test_no_carrier);
        g_test_add_func("/udev-check/link-facts", test_link_facts);
        g_test_add_func("/udev-check/mtu-above-max", test_mtu_above_max);
        g_test_add_func("/udev-check/hwaddr-port", test_hwaddr_port);
        g_test_add_func("/udev-check/describe-fallback", test_describe_fallback);
        return g_test_run();
}
