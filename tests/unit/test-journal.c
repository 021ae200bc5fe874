/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The crash journal: a plan of every action and the state before it
 * survive plan-save.c's text exactly (saved again, the text is the same;
 * the typed fields compare equal), a damaged journal is refused with the
 * group named, and journal.c's files (the run, the step counts) in a
 * scratch BONDCFG_STATE_DIR.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <linux/if_vlan.h>

#include "bridge-options.h"
#include "journal.h"
#include "link-kind.h"
#include "link-vlan.h"
#include "plan-internal.h"
#include "plan-save.h"

/* NAME=VALUE words, each as bond_opt_parse_value() reads it ("" for an
 * empty list) */
static BondOptions *opts(const char *text)
{
        BondOptions *o = bond_options_new();
        g_auto(GStrv) words = g_strsplit(text, " ", -1);

        for (guint i = 0; words[i]; i++) {
                g_auto(GStrv) kv = g_strsplit(words[i], "=", 2);
                const BondOptDesc *d = bond_opt_lookup(kv[0]);
                g_autofree char *err = NULL;

                g_assert_nonnull(d);
                if (!*kv[1]) {
                        o->v[d->id].set = true;
                        o->v[d->id].list = g_ptr_array_new_with_free_func(g_free);
                        continue;
                }
                g_assert_cmpint(bond_opt_parse_value(d, kv[1], &o->v[d->id], &err), ==, 0);
        }
        return o;
}

static BondOptMask mask_of(const BondOptions *o)
{
        BondOptMask m = 0;

        for (int id = 0; id < _BOND_OPT_MAX; id++)
                if (o->v[id].set)
                        m |= BOND_OPT_MASK(id);
        return m;
}

/* The step's options and its old ones ("NAME=VALUE ..."; NULL: none), with
 * their masks. */
static void step_opts(PlanStep *st, const char *text, const char *old_text)
{
        if (text) {
                st->opts = opts(text);
                st->mask = mask_of(st->opts);
        }
        if (old_text) {
                st->old_opts = opts(old_text);
                st->old_mask = mask_of(st->old_opts);
        }
}

/* One step of every action, with the fields each carries. */
static Plan *every_action(void)
{
        Plan *p = plan_new();
        PlanStep *st;
        LinkVlan *v;
        BridgeOptValues *bo;

        st = plan_add_step(p, PLAN_CREATE_BOND, "bond0", "bond0", "create bond0");
        step_opts(st, "mode=active-backup miimon=100 primary=eth0 arp_ip_target=", NULL);
        st = plan_add_step(p, PLAN_SET_OPTIONS, "bond0", "bond0", "set arp targets");
        step_opts(st, "mode=active-backup arp_interval=100 arp_ip_target=192.0.2.1,192.0.2.2",
                  "mode=balance-rr arp_ip_target=");
        st = plan_add_step(p, PLAN_SET_UP, "bond0", "bond0", "up");
        st->up = true;
        st = plan_add_step(p, PLAN_SET_MTU, "bond0", "eth0", "mtu 9000 -> 1500");
        st->mtu = 9000;
        st->old_mtu = 1500;
        st = plan_add_step(p, PLAN_SET_MAC, "bond0", "eth0", "mac");
        st->mac = g_strdup("02:00:00:00:00:01");
        st->old_mac = g_strdup("52:54:00:12:34:56");
        st = plan_add_step(p, PLAN_ENSLAVE, "bond0", "eth0", "enslave eth0");
        st->master = g_strdup("bond0");
        st = plan_add_step(p, PLAN_RELEASE, "bond0", "eth1",
                           "release eth1, \"quoted\"\nand two lines");
        st->master = g_strdup("bond0");
        step_opts(st, NULL, "queue_id=3");
        st = plan_add_step(p, PLAN_ADD_ADDRESS, "bond0", "bond0", "add 192.0.2.10/24");
        st->family = AF_INET;
        st->address = g_strdup("192.0.2.10");
        st->prefix = 24;
        st->broadcast = g_strdup("192.0.2.255");
        st->label = g_strdup("bond0:1");
        st->scope = 253;
        st = plan_add_step(p, PLAN_DEL_ADDRESS, "bond0", "bond0", "del 2001:db8::1/64");
        st->family = AF_INET6;
        st->address = g_strdup("2001:db8::1");
        st->prefix = 64;
        st = plan_add_step(p, PLAN_ADD_ROUTE, "bond0", "bond0", "add route");
        st->route = net_route_new(AF_INET);
        st->route->dst = g_strdup("198.51.100.0");
        st->route->prefix = 24;
        st->route->gateway = g_strdup("192.0.2.1");
        st->route->oif = g_strdup("bond0");
        st->route->table = 100;
        st->route->has_metric = true;
        st->route->metric = 0;
        st->route->mtu = 1400;
        st->route->mtu_lock = true;
        st->metric_base = 1000;
        st->soft = true;
        st = plan_add_step(p, PLAN_ADD_RULE, "bond0", "bond0", "add rule");
        st->rule = net_rule_new(AF_INET);
        st->rule->from = g_strdup("192.0.2.0");
        st->rule->from_len = 24;
        st->rule->table = 100;
        st->rule->has_priority = true;
        st->rule->priority = 32000;
        st->rule->iif = g_strdup("bond0");
        st = plan_add_step(p, PLAN_SET_SYSCTL, "bond0", "bond0", "accept_ra");
        st->sysctl = g_strdup("ipv6/accept_ra");
        st->value = g_strdup("0");
        st->old_value = g_strdup("1");
        st = plan_add_step(p, PLAN_PROBE_ADDRESSES, "bond0", "bond0", "probe");
        st->argv = g_strsplit("192.0.2.10 192.0.2.11", " ", -1);
        st->wait_ms = 1500;
        st->tries = 3;
        st = plan_add_step(p, PLAN_CREATE_LINK, "bond0", "bond0.100", "create VLAN");
        st->kind = &link_kind_vlan;
        v = link_vlan_new(100, VLAN_FLAG_REORDER_HDR | VLAN_FLAG_MVRP);
        v->protocol = 0x88a8;
        link_vlan_map_add(v->ingress, 1, 2);
        link_vlan_map_add(v->egress, 3, 4);
        link_vlan_map_add(v->egress, 5, 0);
        st->spec = v;
        st->parent = g_strdup("bond0");
        st->mtu = 1496;
        st = plan_add_step(p, PLAN_CHANGE_LINK, "bond0", "br0", "change bridge");
        st->kind = &link_kind_bridge;
        bo = g_new0(BridgeOptValues, 1);
        g_assert_cmpint(bridge_opt_set(bo, BRIDGE_OPT_STP_STATE, 1), ==, 0);
        g_assert_cmpint(bridge_opt_set(bo, BRIDGE_OPT_AGEING_TIME, 12345), ==, 0);
        st->spec = bo;
        st->old_spec = g_new0(BridgeOptValues, 1);
        st = plan_add_step(p, PLAN_SET_MASTER, "bond0", "bond0.100", "join br0");
        st->master = g_strdup("br0");
        st->old_master = g_strdup("br9");
        st = plan_add_step(p, PLAN_SET_LINK_PORT, "bond0", "bond0.100", "port options");
        st->kind = &link_kind_bridge;
        bo = g_new0(BridgeOptValues, 1);
        g_assert_cmpint(bridge_opt_set(bo, BRIDGE_PORT_OPT_PRIORITY, 7), ==, 0);
        st->spec = bo;
        st->old_spec = g_new0(BridgeOptValues, 1);
        /* the actions the steps above did not have yet */
        st = plan_add_step(p, PLAN_DELETE_BOND, "bond0", "bond9", "delete bond9");
        step_opts(st, NULL, "mode=802.3ad lacp_rate=fast");
        st = plan_add_step(p, PLAN_SET_PORT_OPTIONS, "bond0", "eth0", "prio 5");
        step_opts(st, "prio=5", "prio=0");
        st = plan_add_step(p, PLAN_DEL_ROUTE, "bond0", "bond0", "delete route");
        st->route = net_route_new(AF_INET6);
        st->route->dst = g_strdup("2001:db8:1::");
        st->route->prefix = 48;
        st->route->ifindex = 7;
        st->route->has_protocol = true;
        st->route->protocol = 4;
        st->route->has_scope = true;
        st->route->onlink = true;
        st = plan_add_step(p, PLAN_SEND_GARP, "bond0", "bond0", "garp");
        st->family = AF_INET;
        st->address = g_strdup("192.0.2.10");
        st->soft = true;
        st = plan_add_step(p, PLAN_DEL_RULE, "bond0", "bond0", "delete rule");
        st->rule = net_rule_new(AF_INET6);
        st->rule->to = g_strdup("2001:db8::");
        st->rule->to_len = 32;
        st->rule->has_fwmark = st->rule->has_fwmask = true;
        st->rule->fwmark = 0x10;
        st->rule->fwmask = 0xff;
        st->rule->invert = true;
        st->rule->dport = (NetPortRange){ .set = true, .start = 80, .end = 443 };
        st->rule->has_uidrange = true;
        st->rule->uid_start = 1000;
        st->rule->uid_end = 2000;
        st->rule->has_protocol = true;
        st->rule->protocol = 4;
        st = plan_add_step(p, PLAN_SET_ARP, "bond0", "bond0", "arp off");
        st = plan_add_step(p, PLAN_LINK_DELAY, "bond0", "bond0", "wait");
        st->wait_ms = 3000;
        st = plan_add_step(p, PLAN_RUN_ETHTOOL, "bond0", "eth0", "ethtool");
        st->argv = g_strsplit("-K eth0 gro off", " ", -1);
        st->soft = true;
        st = plan_add_step(p, PLAN_DELETE_LINK, "bond0", "bond0.200", "delete VLAN");
        st->kind = &link_kind_vlan;
        st->old_spec = link_vlan_new(200, VLAN_FLAG_GVRP);
        st->parent = g_strdup("bond0");
        st->mtu = 1500;
        return p;
}

static char *save_text(const Plan *p, const Snapshot *before)
{
        g_autoptr(GKeyFile) kf = g_key_file_new();

        plan_save(p, kf, "bond0");
        if (before)
                plan_save_before(p, before, kf, "bond0");
        return g_key_file_to_data(kf, NULL, NULL);
}

static void test_round_trip(void)
{
        g_autoptr(Plan) p = every_action();
        g_autoptr(Plan) back = NULL;
        g_autoptr(GKeyFile) kf = g_key_file_new();
        g_autofree char *text = save_text(p, NULL);
        g_autofree char *again = NULL;
        g_autofree char *err = NULL;

        /* every action is in the plan */
        for (int a = 0; a < _PLAN_ACTION_MAX; a++) {
                bool found = false;

                for (guint i = 0; i < p->steps->len && !found; i++)
                        found = ((PlanStep *)p->steps->pdata[i])->action == (PlanAction)a;
                g_assert_true(found);
        }
        g_assert_true(g_key_file_load_from_data(kf, text, (gsize)-1, G_KEY_FILE_NONE, NULL));
        g_assert_cmpint(plan_load(kf, "bond0", &back, &err), ==, 0);
        g_assert_null(err);
        g_assert_cmpuint(back->steps->len, ==, p->steps->len);
        again = save_text(back, NULL);
        g_assert_cmpstr(again, ==, text);
        for (guint i = 0; i < p->steps->len; i++) {
                const PlanStep *a = p->steps->pdata[i], *b = back->steps->pdata[i];

                g_assert_cmpint(a->action, ==, b->action);
                g_assert_cmpstr(a->description, ==, b->description);
                g_assert_cmpuint(a->mask, ==, b->mask);
                g_assert_cmpuint(a->old_mask, ==, b->old_mask);
                for (int id = 0; id < _BOND_OPT_MAX; id++) {
                        if (a->opts)
                                g_assert_true(bond_opt_value_equal(
                                        bond_opt_desc(id), &a->opts->v[id], &b->opts->v[id]));
                        if (a->old_opts)
                                g_assert_true(bond_opt_value_equal(bond_opt_desc(id),
                                                                   &a->old_opts->v[id],
                                                                   &b->old_opts->v[id]));
                }
                g_assert_true(!a->opts == !b->opts && !a->old_opts == !b->old_opts);
                if (a->route)
                        g_assert_true(net_route_equal(a->route, b->route));
                if (a->rule)
                        g_assert_true(net_rule_equal(a->rule, b->rule));
                g_assert_true(a->kind == b->kind);
                if (a->spec) {
                        g_autofree char *x = a->kind->save(a->spec);
                        g_autofree char *y = b->kind->save(b->spec);

                        g_assert_cmpstr(x, ==, y);
                }
        }
        /* the empty target list is set, and empty */
        g_assert_true(((PlanStep *)back->steps->pdata[0])->opts->v[BOND_OPT_ARP_IP_TARGET].set);
        g_assert_cmpstr(((PlanStep *)back->steps->pdata[6])->description, ==,
                        "eth1: release eth1, \"quoted\"\nand two lines");
}

static Snapshot *before_state(void)
{
        Snapshot *s = snapshot_new();
        SnapLink *b = snapshot_add_bond(s, 3, "bond0", NULL);
        SnapLink *e = snapshot_add_link(s, 4, "eth0", NULL, "52:54:00:12:34:56");
        SnapLink *x = snapshot_add_link(s, 5, "eth1", NULL, "52:54:00:12:34:57");
        NetRoute *r;

        SnapLink *v = snapshot_add_link(s, 11, "bond0.100", "vlan", NULL);

        /* a VLAN on bond0: the plan does not name it, the kernel takes it
         * down with bond0 */
        v->vlan = g_new0(SnapVlan, 1);
        v->link = 3;
        v->up = true;
        snapshot_add_route(s, 11, AF_INET, "203.0.113.254");
        snapshot_add_link(s, 9, "unrelated", NULL, NULL);
        b->up = true;
        b->mtu = 9000;
        b->bond->v[BOND_OPT_ACTIVE_SLAVE].set = true;
        b->bond->v[BOND_OPT_ACTIVE_SLAVE].str = g_strdup("eth0");
        e->master = 3;
        e->port.present = true;
        e->port.queue_id = 2;
        e->port.has_prio = true;
        e->port.prio = -5;
        x->up = true;
        snapshot_add_addr(s, 3, AF_INET, "192.0.2.10", 24);
        snapshot_add_addr(s, 9, AF_INET, "203.0.113.1", 24);
        r = snapshot_add_route(s, 3, AF_INET, "192.0.2.1");
        (void)r;
        snapshot_add_route(s, 9, AF_INET, "203.0.113.254");
        return s;
}

static void test_before(void)
{
        g_autoptr(Plan) p = every_action();
        g_autoptr(Snapshot) s = before_state();
        g_autoptr(Snapshot) back = NULL;
        g_autoptr(GKeyFile) kf = g_key_file_new();
        g_autofree char *text = save_text(p, s);
        g_autofree char *err = NULL;
        const SnapLink *e, *b;

        g_assert_true(g_key_file_load_from_data(kf, text, (gsize)-1, G_KEY_FILE_NONE, NULL));
        /* the seed of fuzz/corpus/journal (fuzz-journal.c) */
        if (g_getenv("BONDCFG_JOURNAL_SEED"))
                g_assert_true(
                        g_file_set_contents(g_getenv("BONDCFG_JOURNAL_SEED"), text, -1, NULL));
        g_assert_cmpint(plan_load_before(kf, "bond0", &back, &err), ==, 0);
        /* the links the plan names, not the others */
        g_assert_null(snapshot_link_by_name(back, "unrelated"));
        b = snapshot_link_by_name(back, "bond0");
        e = snapshot_link_by_name(back, "eth0");
        g_assert_nonnull(b);
        g_assert_nonnull(e);
        g_assert_true(b->up);
        g_assert_cmpuint(b->mtu, ==, 9000);
        /* the active port, which restore_active() puts back */
        g_assert_cmpstr(b->bond->v[BOND_OPT_ACTIVE_SLAVE].str, ==, "eth0");
        g_assert_cmpint(e->master, ==, 3);
        g_assert_true(e->port.present);
        g_assert_cmpuint(e->port.queue_id, ==, 2);
        g_assert_true(e->port.has_prio);
        g_assert_cmpint(e->port.prio, ==, -5);
        g_assert_cmpstr(e->mac, ==, "52:54:00:12:34:56");
        g_assert_true(snapshot_link_by_name(back, "eth1")->up);
        /* bond0's address and route, not those of the unrelated link */
        g_assert_cmpuint(back->addrs->len, ==, 1);
        g_assert_cmpstr(((SnapAddr *)back->addrs->pdata[0])->address, ==, "192.0.2.10");
        g_assert_cmpuint(back->routes->len, ==, 2);
        g_assert_true(net_route_equal(back->routes->pdata[0], s->routes->pdata[0]));
        /* the VLAN above bond0, and its route */
        g_assert_nonnull(snapshot_link_by_name(back, "bond0.100"));
        g_assert_cmpint(snapshot_link_by_name(back, "bond0.100")->link, ==, 3);
        g_assert_true(net_route_equal(back->routes->pdata[1], s->routes->pdata[1]));
        {
                g_autoptr(GPtrArray) t = plan_touched_links(p, back);

                /* bond0, eth0, eth1 (named by steps), bond0.100 (above bond0) */
                g_assert_cmpuint(t->len, ==, 4);
        }
}

/* A damaged journal: each is refused, and the message names the group. */
static void test_damaged(void)
{
        static const struct {
                const char *from, *to, *group;
        } cases[] = {
                { "action=set-mtu", "action=set-mtu-please", "bond0 step 4" },
                { "old-mtu=1500", "old-mtu=lots", "bond0 step 4" },
                { "opts=mode=active-backup;miimon=100;", "opts=mood=active-backup;",
                  "bond0 step 1" },
                { "kind=vlan", "kind=vxlan", "bond0 step 14" },
                { "spec=id=100", "spec=id=5000", "bond0 step 14" },
                { "route-family=2", "route-family=7", "bond0 step 10" },
                { "steps=26", "steps=27", "bond0 step 27" },
        };
        g_autoptr(Plan) p = every_action();
        g_autofree char *text = save_text(p, NULL);

        for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
                g_autoptr(GKeyFile) kf = g_key_file_new();
                g_autoptr(GString) bad = g_string_new(text);
                g_autoptr(Plan) back = NULL;
                g_autofree char *err = NULL;

                g_assert_nonnull(strstr(text, cases[i].from));
                g_string_replace(bad, cases[i].from, cases[i].to, 1);
                g_assert_true(
                        g_key_file_load_from_data(kf, bad->str, bad->len, G_KEY_FILE_NONE, NULL));
                g_assert_cmpint(plan_load(kf, "bond0", &back, &err), ==, -EINVAL);
                g_assert_null(back);
                g_test_message("%s -> %s", cases[i].to, err);
                g_assert_nonnull(strstr(err, cases[i].group));
        }
}

static void test_files(void)
{
        g_autofree char *tmp = g_dir_make_tmp("bondcfg-journal-XXXXXX", NULL);
        g_autoptr(Plan) p = every_action();
        g_autoptr(Snapshot) s = before_state();
        g_autoptr(Journal) j = NULL;
        g_autoptr(JournalRecord) rec = NULL;
        g_autofree char *err = NULL;
        g_autofree char *dir = NULL;
        g_autofree char *run = NULL;
        const JournalBond *b;

        if (geteuid() != 0) {
                g_test_skip("needs root (the journal is trusted only when root's)");
                return;
        }
        g_setenv("BONDCFG_STATE_DIR", tmp, TRUE);
        dir = journal_dir();
        run = g_build_filename(dir, "run", NULL);
        g_assert_cmpint(journal_read(&rec, &err), ==, -ENOENT);
        g_assert_cmpint(journal_begin("apply", &j), ==, 0);
        /* begun, nothing recorded: nothing to undo */
        g_assert_cmpint(journal_read(&rec, &err), ==, -ENOENT);
        g_assert_cmpint(journal_add(j, "bond0", p, s), ==, 0);
        g_assert_cmpint(journal_mark(j, "bond0", 5), ==, 0);
        g_assert_cmpint(journal_mark(j, "bond0", 12), ==, 0);
        g_assert_cmpint(journal_mark(j, "bond9", 1), ==, -ENOENT);
        g_assert_cmpint(journal_read(&rec, &err), ==, 0);
        g_assert_cmpint(rec->pid, ==, getpid());
        g_assert_cmpstr(rec->command, ==, "apply");
        g_assert_cmpuint(rec->bonds->len, ==, 1);
        b = rec->bonds->pdata[0];
        g_assert_cmpstr(b->bond, ==, "bond0");
        g_assert_cmpuint(b->done, ==, 12);
        g_assert_cmpuint(b->plan->steps->len, ==, p->steps->len);
        g_assert_nonnull(snapshot_link_by_name(b->before, "eth0"));
        g_clear_pointer(&rec, journal_record_free);

        /* a journal others can write is not trusted */
        g_assert_cmpint(chmod(run, 0666), ==, 0);
        g_assert_cmpint(journal_read(&rec, &err), ==, -EINVAL);
        g_assert_nonnull(strstr(err, run));
        g_clear_pointer(&err, g_free);
        g_assert_cmpint(chmod(run, 0644), ==, 0);
        {
                g_autofree char *plan = g_build_filename(dir, "bond0.plan", NULL);

                g_assert_cmpint(chmod(plan, 0664), ==, 0);
                g_assert_cmpint(journal_read(&rec, &err), ==, -EINVAL);
                g_assert_nonnull(strstr(err, plan));
                g_clear_pointer(&err, g_free);
                g_assert_cmpint(chmod(plan, 0644), ==, 0);
                g_assert_cmpint(journal_read(&rec, &err), ==, 0);
                g_clear_pointer(&rec, journal_record_free);
        }

        /* ended: gone */
        journal_end(j);
        g_assert_false(g_file_test(dir, G_FILE_TEST_EXISTS));
        g_assert_cmpint(journal_read(&rec, &err), ==, -ENOENT);

        /* set aside when broken */
        g_clear_pointer(&j, journal_free);
        g_assert_cmpint(journal_begin("down", &j), ==, 0);
        g_assert_cmpint(journal_add(j, "bond0", p, s), ==, 0);
        g_assert_true(g_file_set_contents(run, "[run]\npid=1\n", -1, NULL));
        g_assert_cmpint(chmod(run, 0644), ==, 0);
        g_assert_cmpint(journal_read(&rec, &err), ==, -EINVAL);
        g_assert_cmpint(journal_discard(true, 42), ==, 0);
        {
                g_autofree char *aside = g_strdup_printf("%s.broken-42", dir);

                g_assert_true(g_file_test(aside, G_FILE_TEST_IS_DIR));
        }
        g_unsetenv("BONDCFG_STATE_DIR");
}

int main(int argc, char **argv)
{
        g_test_init(&argc, &argv, NULL);
        g_test_add_func("/journal/round-trip", test_round_trip);
        g_test_add_func("/journal/before", test_before);
        g_test_add_func("/journal/damaged", test_damaged);
        g_test_add_func("/journal/files", test_files);
        return g_test_run();
}
