/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests for the stack on the bonds: config-stack.c, config-vlan.c,
 * config-bridge.c, validate-stack.c and the bridge option table. */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <glib.h>
#include <linux/if_ether.h>
#include <glib/gstdio.h>
#include <linux/if_link.h>
#include <linux/if_vlan.h>

#include "bridge-options.h"
#include "config.h"
#include "validate.h"

#define FIXTURES SRCDIR "/tests/fixtures/stack"

static Config *load(const char *dir, DiagList *diags)
{
        Config *c = NULL;

        g_assert_cmpint(config_load_dir(dir, &c, diags), ==, 0);
        validate_config(c, diags);
        for (guint i = 0; i < diags->items->len; i++) {
                g_autofree char *s = diag_format(diags->items->pdata[i]);

                g_test_message("%s", s);
        }
        return c;
}

/* The first diagnostic of severity sev whose message holds text, or NULL. */
static const Diag *find(const DiagList *d, DiagSeverity sev, const char *text)
{
        for (guint i = 0; i < d->items->len; i++) {
                const Diag *x = d->items->pdata[i];

                if (x->severity == sev && strstr(x->message, text))
                        return x;
        }
        return NULL;
}

static const char *base(const char *path)
{
        const char *s = strrchr(path, '/');

        return s ? s + 1 : path;
}

/* ---- the good stack --------------------------------------------------------- */

static void test_good_vlans(void)
{
        g_autoptr(DiagList) d = diag_list_new();
        g_autoptr(Config) c = load(FIXTURES "/good", d);
        const CfgVlan *v100, *v5, *v200, *v300;
        const CfgVlanQos *q;

        g_assert_cmpuint(diag_count(d, DIAG_ERROR), ==, 0);
        g_assert_cmpuint(diag_count(d, DIAG_WARNING), ==, 0);
        g_assert_cmpuint(c->vlans->len, ==, 4);

        /* DEVICE=bond0.100: parent and id from the name */
        v100 = config_find_vlan(c, "bond0.100");
        g_assert_nonnull(v100);
        g_assert_cmpstr(v100->parent, ==, "bond0");
        g_assert_true(v100->parent_bond == config_find_bond(c, "bond0"));
        g_assert_null(v100->parent_vlan);
        g_assert_cmpuint(v100->id, ==, 100);
        g_assert_cmpuint(v100->flags, ==,
                         VLAN_FLAG_REORDER_HDR | VLAN_FLAG_GVRP | VLAN_FLAG_LOOSE_BINDING);
        g_assert_cmpuint(v100->mtu, ==, 9000);
        g_assert_cmpuint(v100->ingress->len, ==, 2);
        q = &g_array_index(v100->ingress, CfgVlanQos, 1);
        g_assert_cmpuint(q->from, ==, 5);
        g_assert_cmpuint(q->to, ==, 6);
        g_assert_cmpuint(v100->egress->len, ==, 2);
        g_assert_cmpuint(v100->l3->addrs->len, ==, 1);
        g_assert_true(v100->onboot);
        g_assert_null(v100->bridge);

        /* a VLAN on a VLAN: split at the last '.', as ifup does */
        v5 = config_find_vlan(c, "bond0.100.5");
        g_assert_nonnull(v5);
        g_assert_cmpuint(v5->id, ==, 5);
        g_assert_true(v5->parent_vlan == v100);
        g_assert_null(v5->parent_bond);
        g_assert_true(v5->bond == config_find_bond(c, "bond0"));

        /* DEVICE=vlan200 with PHYSDEV; REORDER_HDR=no and NO_REORDER_HDR agree */
        v200 = config_find_vlan(c, "vlan200");
        g_assert_nonnull(v200);
        g_assert_cmpuint(v200->id, ==, 200);
        g_assert_cmpstr(v200->parent, ==, "bond0");
        g_assert_cmpuint(v200->flags, ==, VLAN_FLAG_MVRP);
        g_assert_cmpstr(v200->bridge, ==, "br0");
        g_assert_cmpuint(v200->l3->addrs->len, ==, 0);

        /* no DEVICE: PHYSDEV.VLAN_ID, as NetworkManager names it */
        v300 = config_find_vlan(c, "bond1.300");
        g_assert_nonnull(v300);
        g_assert_cmpstr(base(ifcfg_path(v300->ifcfg)), ==, "ifcfg-storage");
        g_assert_false(v300->onboot);
        g_assert_true(cfg_vlan_on_bond(v300, config_find_bond(c, "bond1")));
        g_assert_false(cfg_vlan_on_bond(v300, config_find_bond(c, "bond0")));
}

static void test_good_bridges(void)
{
        g_autoptr(DiagList) d = diag_list_new();
        g_autoptr(Config) c = load(FIXTURES "/good", d);
        const CfgBridge *br0, *br1;
        const CfgBridgePort *p;
        const CfgBond *bond1 = config_find_bond(c, "bond1");

        g_assert_cmpuint(c->bridges->len, ==, 2);
        br0 = config_find_bridge(c, "br0");
        g_assert_nonnull(br0);
        g_assert_cmpint(br0->stp, ==, 1);
        g_assert_cmpint(br0->delay, ==, 4);
        g_assert_true(bridge_opt_has(&br0->opts, BRIDGE_OPT_STP_STATE));
        g_assert_cmpuint(br0->opts.v[BRIDGE_OPT_STP_STATE], ==, 1);
        /* DELAY=4: seconds, held in the kernel's centiseconds */
        g_assert_cmpuint(br0->opts.v[BRIDGE_OPT_FORWARD_DELAY], ==, 400);
        g_assert_cmpuint(br0->opts.v[BRIDGE_OPT_PRIORITY], ==, 4096);
        g_assert_cmpuint(br0->opts.v[BRIDGE_OPT_HELLO_TIME], ==, 100);
        g_assert_cmpuint(br0->opts.v[BRIDGE_OPT_MCAST_SNOOPING], ==, 0);
        g_assert_true(bridge_opt_has(&br0->opts, BRIDGE_OPT_VLAN_FILTERING));
        g_assert_false(bridge_opt_has(&br0->opts, BRIDGE_OPT_AGEING_TIME));
        g_assert_cmpuint(br0->ports->len, ==, 1);
        p = br0->ports->pdata[0];
        g_assert_cmpint(p->kind, ==, CFG_BRIDGE_PORT_VLAN);
        g_assert_cmpstr(p->name, ==, "vlan200");
        g_assert_cmpuint(p->opts.v[BRIDGE_PORT_OPT_PRIORITY], ==, 16);
        g_assert_cmpuint(p->opts.v[BRIDGE_PORT_OPT_COST], ==, 10);
        g_assert_cmpuint(br0->l3->addrs->len, ==, 1);
        g_assert_true(config_bridge_of(c, "vlan200") == br0);
        g_assert_true(cfg_bridge_on_bond(br0, config_find_bond(c, "bond0")));

        /* a bond as a port: its port options, and no addresses of its own */
        br1 = config_find_bridge(c, "br1");
        g_assert_nonnull(br1);
        g_assert_cmpint(br1->stp, ==, -1);
        g_assert_false(bridge_opt_has(&br1->opts, BRIDGE_OPT_STP_STATE));
        p = br1->ports->pdata[0];
        g_assert_cmpint(p->kind, ==, CFG_BRIDGE_PORT_BOND);
        g_assert_true(p->bond == bond1);
        g_assert_cmpuint(p->opts.v[BRIDGE_PORT_OPT_HAIRPIN], ==, 1);
        g_assert_cmpstr(bond1->bridge, ==, "br1");
        g_assert_cmpuint(bond1->l3->addrs->len, ==, 0);
        g_assert_false(bond1->l3->zeroconf);
        g_assert_true(config_bridge_of(c, "bond1") == br1);
        g_assert_null(config_bridge_of(c, "bond0"));
}

/* VLANs and bridges with no bond below: a note each, nothing else. */
static void test_good_unmanaged(void)
{
        g_autoptr(DiagList) d = diag_list_new();
        g_autoptr(Config) c = load(FIXTURES "/good", d);

        g_assert_cmpuint(c->unmanaged->len, ==, 2);
        g_assert_null(config_find_vlan(c, "eth9.50"));
        g_assert_null(config_find_bridge(c, "br9"));
        g_assert_nonnull(find(d, DIAG_NOTE, "VLAN eth9.50 is left to whatever manages it now"));
        g_assert_nonnull(find(d, DIAG_NOTE, "bridge br9 is left to whatever manages it now"));
        /* br9's STP=maybe is not bondcfg's business */
        g_assert_null(find(d, DIAG_ERROR, "STP"));
}

/* ---- the bad stack ------------------------------------------------------- */

static void test_bad(void)
{
        g_autoptr(DiagList) d = diag_list_new();
        g_autoptr(Config) c = load(FIXTURES "/bad", d);
        static const char *const errors[] = {
                "the address 192.0.2.10 on it would be accepted",
                "MTU 9000 of VLAN bond0.100 is above the MTU 1500 of its parent bond0",
                "BRIDGE=br9 of bond0.100 does not name a bridge",
                "unknown VLAN flag 'GVPR'",
                "'0:9' in VLAN_EGRESS_PRIORITY_MAP",
                "VLAN 200 on bond0 is defined twice",
                "bond0.200 is put in two bridges: br0 and br1",
                "two VLAN ids: DEVICE=bond0.300 gives VLAN 300",
                "VLAN id 5000 of bond0.5000 is out of range",
                "MTU 9000 of bridge br0 is above the MTU 1500 of its port bond0",
                "unknown bridge option 'priorty'",
                "hello_time=200: out of range",
                "unknown bridge option 'path_cost'",
                "bridge br1 cannot be a port of bridge br0",
                "eth0 is a port of bond0 and cannot also be a port of bridge br0",
                "VLAN eth1.10 is on eth1, a port of bond0",
                "'bond-uplink1.1000' is not a valid interface name",
                "the parent bond7 of VLAN vlan300 is not a bond",
                "VLAN vlan7 is its own parent",
        };

        for (size_t i = 0; i < G_N_ELEMENTS(errors); i++)
                if (!find(d, DIAG_ERROR, errors[i]))
                        g_error("no error: %s", errors[i]);
        g_assert_cmpuint(diag_count(d, DIAG_ERROR), ==, G_N_ELEMENTS(errors));
        g_assert_cmpstr(find(d, DIAG_ERROR, "priorty")->hint, ==, "did you mean 'priority'?");
        g_assert_cmpstr(find(d, DIAG_ERROR, "GVPR")->hint, ==, "did you mean 'GVRP'?");
        g_assert_nonnull(find(d, DIAG_WARNING, "DELAY acts only with STP"));
        /* line numbers */
        g_assert_cmpuint(find(d, DIAG_ERROR, "VLAN id 5000")->line, ==, 1);
        g_assert_cmpuint(find(d, DIAG_ERROR, "priorty")->line, ==, 6);
        g_assert_cmpuint(find(d, DIAG_ERROR, "192.0.2.10")->line, ==, 7);
}

/* ---- small directories written by the test -------------------------------- */

static char *write_dir(const char *const *files)
{
        g_autoptr(GError) err = NULL;
        char *dir = g_dir_make_tmp("bondcfg-stack-XXXXXX", &err);

        g_assert_no_error(err);
        for (const char *const *f = files; *f; f += 2) {
                g_autofree char *path = g_build_filename(dir, f[0], NULL);

                g_assert_true(g_file_set_contents(path, f[1], -1, NULL));
        }
        return dir;
}

static void remove_dir(const char *dir)
{
        g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
        const char *name;

        while (d && (name = g_dir_read_name(d))) {
                g_autofree char *path = g_build_filename(dir, name, NULL);

                g_unlink(path);
        }
        g_rmdir(dir);
}

#define BOND0 "DEVICE=bond0\nTYPE=Bond\nBONDING_OPTS=\"mode=1 miimon=100\"\n"
#define ETH0  "DEVICE=eth0\nMASTER=bond0\nSLAVE=yes\n"

/* Two VLANs that are each other's parent: a loop, neither is kept. */
static void test_loop(void)
{
        static const char *const files[] = {
                "ifcfg-bond0",  BOND0,
                "ifcfg-eth0",   ETH0,
                "ifcfg-vlan10", "DEVICE=vlan10\nVLAN=yes\nPHYSDEV=vlan20\n",
                "ifcfg-vlan20", "DEVICE=vlan20\nVLAN=yes\nPHYSDEV=vlan10\n",
                NULL,
        };
        g_autofree char *dir = write_dir(files);
        g_autoptr(DiagList) d = diag_list_new();
        g_autoptr(Config) c = load(dir, d);

        g_assert_nonnull(find(d, DIAG_ERROR, "whose chain of parents comes back"));
        g_assert_cmpuint(diag_count(d, DIAG_ERROR), ==, 1);
        g_assert_cmpuint(c->vlans->len, ==, 0);
        g_assert_cmpuint(c->unmanaged->len, ==, 2);
        remove_dir(dir);
}

/* VLAN_ID and PHYSDEV against DEVICE; REORDER_HDR against VLAN_FLAGS;
 * a VLAN without id or parent is left alone. */
static void test_vlan_keys(void)
{
        static const char *const files[] = {
                "ifcfg-bond0",
                BOND0 "MTU=9000\n",
                "ifcfg-eth0",
                ETH0,
                "ifcfg-a",
                "DEVICE=bond0.7\nVLAN=yes\nPHYSDEV=bond1\n",
                "ifcfg-b",
                "DEVICE=bond0.8\nVLAN=yes\nREORDER_HDR=no\nGVRP=yes\n"
                "VLAN_FLAGS=\"GVRP LOOSE_BINDING\"\n",
                "ifcfg-c",
                "DEVICE=vlan30\nVLAN=yes\n",
                "ifcfg-d",
                "TYPE=Vlan\nPHYSDEV=bond0\n",
                "ifcfg-e",
                "DEVICE=bond0.9\nVLAN=yes\nVLAN_ID=x\n",
                NULL,
        };
        g_autofree char *dir = write_dir(files);
        g_autoptr(DiagList) d = diag_list_new();
        g_autoptr(Config) c = load(dir, d);
        const CfgVlan *b8 = config_find_vlan(c, "bond0.8");

        g_assert_nonnull(find(d, DIAG_ERROR, "two parents: DEVICE=bond0.7 gives bond0"));
        g_assert_nonnull(b8);
        g_assert_cmpuint(b8->flags, ==, VLAN_FLAG_GVRP | VLAN_FLAG_LOOSE_BINDING);
        g_assert_nonnull(find(d, DIAG_WARNING, "REORDER_HDR=no: bondcfg and initscripts"));
        g_assert_nonnull(find(d, DIAG_ERROR, "VLAN_ID=x is not a number"));
        /* PHYSDEV wins, as in NetworkManager, and bond1 is no bond here */
        g_assert_nonnull(find(d, DIAG_ERROR, "the parent bond1 of VLAN bond0.7"));
        /* vlan30 without PHYSDEV, ifcfg-d without an id: notes */
        g_assert_nonnull(find(d, DIAG_NOTE,
                              "VLAN vlan30 is left to whatever manages it now: "
                              "it has no parent"));
        g_assert_nonnull(find(d, DIAG_NOTE, "it has no VLAN id"));
        remove_dir(dir);
}

/* VID (ifup's VLAN block, with PHYSDEV): the id; VLAN_ID and DEVICE must
 * agree; without PHYSDEV ifup refuses the file, and so it is left alone. */
static void test_vid(void)
{
        static const char *const files[] = {
                "ifcfg-bond0",
                BOND0,
                "ifcfg-eth0",
                ETH0,
                /* VID and PHYSDEV only: bond0.42 */
                "ifcfg-a",
                "VLAN=yes\nPHYSDEV=bond0\nVID=42\n",
                /* VID agrees with DEVICE */
                "ifcfg-b",
                "DEVICE=bond0.43\nVLAN=yes\nPHYSDEV=bond0\nVID=43\n",
                /* VID contradicts VLAN_ID */
                "ifcfg-c",
                "DEVICE=vlan44\nVLAN=yes\nPHYSDEV=bond0\nVID=44\nVLAN_ID=45\n",
                /* VID contradicts DEVICE */
                "ifcfg-d",
                "DEVICE=bond0.46\nVLAN=yes\nPHYSDEV=bond0\nVID=47\n",
                /* VID without PHYSDEV */
                "ifcfg-e",
                "DEVICE=vlan48\nVLAN=yes\nVID=48\n",
                "ifcfg-f",
                "DEVICE=bond0.49\nVLAN=yes\nPHYSDEV=bond0\nVID=x\n",
                NULL,
        };
        g_autofree char *dir = write_dir(files);
        g_autoptr(DiagList) d = diag_list_new();
        g_autoptr(Config) c = load(dir, d);
        const CfgVlan *a = config_find_vlan(c, "bond0.42");
        const CfgVlan *b = config_find_vlan(c, "bond0.43");

        g_assert_nonnull(a);
        g_assert_cmpuint(a->id, ==, 42);
        g_assert_cmpstr(a->parent, ==, "bond0");
        g_assert_nonnull(b);
        g_assert_cmpuint(b->id, ==, 43);
        g_assert_nonnull(find(d, DIAG_ERROR,
                              "two VLAN ids: VID=44 gives VLAN 44 (initscripts' reading), "
                              "VLAN_ID=45 gives VLAN 45"));
        g_assert_nonnull(find(d, DIAG_ERROR,
                              "two VLAN ids: VID=47 gives VLAN 47 (initscripts' reading), "
                              "DEVICE=bond0.46 gives VLAN 46"));
        g_assert_nonnull(find(d, DIAG_NOTE, "VID is set without PHYSDEV"));
        g_assert_nonnull(find(d, DIAG_ERROR, "VID=x is not a number"));
        g_assert_null(config_find_vlan(c, "vlan48"));
        remove_dir(dir);
}

/* PRIO and AGEING (ifup-eth: ip link ... priority N ageing_time N): the
 * priority, and the ageing time in hundredths of a second; BRIDGING_OPTS
 * must agree; a bad value is an error naming the key. */
static void test_prio_ageing(void)
{
        static const char *const files[] = {
                "ifcfg-bond0",
                BOND0 "BRIDGE=br0\n",
                "ifcfg-eth0",
                ETH0,
                "ifcfg-bond1",
                "DEVICE=bond1\nTYPE=Bond\nBONDING_OPTS=mode=1\nBRIDGE=br1\n",
                "ifcfg-eth1",
                "DEVICE=eth1\nMASTER=bond1\nSLAVE=yes\n",
                "ifcfg-br0",
                "DEVICE=br0\nTYPE=Bridge\nSTP=yes\nPRIO=4096\nAGEING=30000\n",
                "ifcfg-br1",
                "DEVICE=br1\nTYPE=Bridge\nSTP=yes\nPRIO=4096\nAGEING=12x\n"
                "BRIDGING_OPTS=\"priority=8192\"\n",
                NULL,
        };
        g_autofree char *dir = write_dir(files);
        g_autoptr(DiagList) d = diag_list_new();
        g_autoptr(Config) c = load(dir, d);
        const CfgBridge *br = config_find_bridge(c, "br0");

        g_assert_nonnull(br);
        g_assert_true(bridge_opt_has(&br->opts, BRIDGE_OPT_PRIORITY));
        g_assert_cmpuint(br->opts.v[BRIDGE_OPT_PRIORITY], ==, 4096);
        /* 30000 hundredths: 300 s, the kernel's unit as it is */
        g_assert_cmpuint(br->opts.v[BRIDGE_OPT_AGEING_TIME], ==, 30000);
        g_assert_nonnull(
                find(d, DIAG_ERROR, "priority=8192 in BRIDGING_OPTS contradicts PRIO=4096"));
        g_assert_nonnull(find(d, DIAG_ERROR, "AGEING=12x is not a valid ageing_time"));
        remove_dir(dir);
}

/* VLAN_PROTOCOL (make_vlan_setting(): 802.1Q or 802.1ad) and BRIDGE_MACADDR
 * (bridge.mac-address: the bridge's MAC unless MACADDR gives one). */
static void test_protocol_bridge_mac(void)
{
        static const char *const files[] = {
                "ifcfg-bond0",
                BOND0 "BRIDGE=br0\n",
                "ifcfg-eth0",
                ETH0,
                "ifcfg-bond1",
                "DEVICE=bond1\nTYPE=Bond\nBONDING_OPTS=mode=1\nBRIDGE=br1\n",
                "ifcfg-eth1",
                "DEVICE=eth1\nMASTER=bond1\nSLAVE=yes\n",
                "ifcfg-a",
                "DEVICE=bond0.10\nVLAN=yes\nVLAN_PROTOCOL=802.1ad\n",
                "ifcfg-b",
                "DEVICE=bond0.11\nVLAN=yes\n",
                "ifcfg-c",
                "DEVICE=bond0.12\nVLAN=yes\nVLAN_PROTOCOL=qinq\n",
                "ifcfg-br0",
                "DEVICE=br0\nTYPE=Bridge\nBRIDGE_MACADDR=02:00:00:00:00:AA\n",
                "ifcfg-br1",
                "DEVICE=br1\nTYPE=Bridge\nMACADDR=02:00:00:00:00:01\n"
                "BRIDGE_MACADDR=02:00:00:00:00:02\n",
                NULL,
        };
        g_autofree char *dir = write_dir(files);
        g_autoptr(DiagList) d = diag_list_new();
        g_autoptr(Config) c = load(dir, d);

        g_assert_cmpuint(config_find_vlan(c, "bond0.10")->protocol, ==, ETH_P_8021AD);
        g_assert_cmpuint(config_find_vlan(c, "bond0.11")->protocol, ==, ETH_P_8021Q);
        g_assert_nonnull(find(d, DIAG_ERROR, "VLAN_PROTOCOL=qinq is not a VLAN protocol"));
        g_assert_cmpstr(config_find_bridge(c, "br0")->macaddr, ==, "02:00:00:00:00:aa");
        g_assert_nonnull(
                find(d, DIAG_ERROR,
                     "BRIDGE_MACADDR=02:00:00:00:00:02 contradicts MACADDR=02:00:00:00:00:01"));
        remove_dir(dir);
}

/* BRIDGE_UUID (make_connection_setting(): the controller by UUID, before
 * BRIDGE): the bond joins the bridge whose file has that UUID, in any case;
 * one that names no bridge is an error. */
static void test_bridge_uuid(void)
{
        static const char *const files[] = {
                "ifcfg-bond0",
                BOND0 "BRIDGE_UUID=5FB5C4A2-7E3A-4F3B-9E0C-1A2B3C4D5E6F\nBRIDGE=brX\n",
                "ifcfg-eth0",
                ETH0,
                "ifcfg-bond1",
                "DEVICE=bond1\nTYPE=Bond\nBONDING_OPTS=mode=1\n"
                "BRIDGE_UUID=00000000-0000-0000-0000-000000000000\n",
                "ifcfg-eth1",
                "DEVICE=eth1\nMASTER=bond1\nSLAVE=yes\n",
                "ifcfg-kvm",
                "DEVICE=br0\nTYPE=Bridge\nUUID=5fb5c4a2-7e3a-4f3b-9e0c-1a2b3c4d5e6f\n",
                NULL,
        };
        g_autofree char *dir = write_dir(files);
        g_autoptr(DiagList) d = diag_list_new();
        g_autoptr(Config) c = load(dir, d);
        const CfgBridge *br = config_bridge_of(c, "bond0");

        /* BRIDGE_UUID wins over BRIDGE (brX, which does not exist) */
        g_assert_nonnull(br);
        g_assert_cmpstr(br->name, ==, "br0");
        g_assert_null(config_bridge_of(c, "bond1"));
        g_assert_nonnull(find(d, DIAG_ERROR, "does not name a bridge configured here"));
        remove_dir(dir);
}

/* STP: NetworkManager's STP=no and BRIDGING_OPTS' stp_state=1 disagree;
 * DELAY and forward_delay too. */
static void test_bridge_keys(void)
{
        static const char *const files[] = {
                "ifcfg-bond0",
                BOND0 "BRIDGE=br0\nBRIDGING_OPTS=\"priority=99 vlan_filtering=1\"\n",
                "ifcfg-eth0",
                ETH0,
                "ifcfg-br0",
                "DEVICE=br0\nTYPE=Bridge\nSTP=no\nDELAY=5\n"
                "BRIDGING_OPTS=\"stp_state=1 forward_delay=6 hash_max=512 nonsense\"\n",
                NULL,
        };
        g_autofree char *dir = write_dir(files);
        g_autoptr(DiagList) d = diag_list_new();
        g_autoptr(Config) c = load(dir, d);
        const CfgBridge *br = config_find_bridge(c, "br0");

        g_assert_nonnull(br);
        g_assert_nonnull(find(d, DIAG_ERROR, "stp_state=1 in BRIDGING_OPTS contradicts STP=no"));
        g_assert_nonnull(
                find(d, DIAG_ERROR, "forward_delay=6 in BRIDGING_OPTS contradicts DELAY=5"));
        g_assert_nonnull(find(d, DIAG_ERROR, "'nonsense' in BRIDGING_OPTS is not NAME=VALUE"));
        g_assert_nonnull(find(d, DIAG_ERROR, "priority=99: out of range"));
        g_assert_nonnull(find(d, DIAG_ERROR, "unknown bridge port option 'vlan_filtering'"));
        g_assert_cmpuint(br->opts.v[BRIDGE_OPT_MCAST_HASH_MAX], ==, 512);
        remove_dir(dir);
}

/* ---- the bridge option table and BRIDGING_OPTS ------------------------------ */

static void test_table(void)
{
        for (int i = 0; i < _BRIDGE_OPT_MAX; i++) {
                const BridgeOptDesc *d = bridge_opt_desc(i);

                g_assert_cmpint(d->id, ==, i);
                g_assert_true(d->name && *d->name && d->help && *d->help);
                g_assert_true(bridge_opt_lookup(d->name, d->port) == d);
                if (d->alias)
                        g_assert_true(bridge_opt_lookup(d->alias, d->port) == d);
                g_assert_cmpint(d->ifla, >, 0);
                for (int k = i + 1; k < _BRIDGE_OPT_MAX; k++) {
                        const BridgeOptDesc *e = bridge_opt_desc(k);

                        g_assert_false(d->port == e->port && d->ifla == e->ifla);
                        g_assert_false(d->port == e->port && g_str_equal(d->name, e->name));
                }
        }
        g_assert_null(bridge_opt_desc(_BRIDGE_OPT_MAX));
        g_assert_cmpint(bridge_opt_desc(BRIDGE_OPT_FORWARD_DELAY)->ifla, ==, IFLA_BR_FORWARD_DELAY);
        g_assert_cmpint(bridge_opt_desc(BRIDGE_PORT_OPT_COST)->ifla, ==, IFLA_BRPORT_COST);
        {
                const BridgeOptDesc *fd = bridge_opt_desc(BRIDGE_OPT_FORWARD_DELAY);
                const BridgeOptDesc *qi = bridge_opt_desc(BRIDGE_OPT_MCAST_QUERY_INTVL);
                g_autofree char *secs = bridge_opt_format_value(fd, 400);
                g_autofree char *frac = bridge_opt_format_value(fd, 1499);
                uint64_t k = 0;

                /* seconds as written, centiseconds in the kernel, back again */
                g_assert_cmpint(bridge_opt_to_kernel(fd, 4, &k), ==, 0);
                g_assert_cmpuint(k, ==, 400);
                g_assert_cmpint(bridge_opt_to_kernel(qi, 400, &k), ==, 0);
                g_assert_cmpuint(k, ==, 400);
                g_assert_cmpint(bridge_opt_to_kernel(fd, G_MAXUINT64 / 10, &k), ==, -ERANGE);
                g_assert_cmpstr(secs, ==, "4");
                g_assert_cmpstr(frac, ==, "14.99");
        }
        g_assert_cmpstr(bridge_opt_suggest("helo_time", false), ==, "hello_time");
        g_assert_null(bridge_opt_suggest("zzzzzzzz", false));
}

static void test_values(void)
{
        const BridgeOptDesc *proto = bridge_opt_desc(BRIDGE_OPT_VLAN_PROTOCOL);
        const BridgeOptDesc *group = bridge_opt_desc(BRIDGE_OPT_GROUP_ADDR);
        const BridgeOptDesc *mask = bridge_opt_desc(BRIDGE_OPT_GROUP_FWD_MASK);
        const BridgeOptDesc *hairpin = bridge_opt_desc(BRIDGE_PORT_OPT_HAIRPIN);
        const BridgeOptDesc *snoop = bridge_opt_desc(BRIDGE_OPT_MCAST_SNOOPING);
        g_autofree char *mac = NULL, *pname = NULL;
        uint64_t v = 0;

        g_assert_cmpint(bridge_opt_parse_value(proto, "802.1ad", &v), ==, 0);
        g_assert_cmpuint(v, ==, 0x88a8);
        g_assert_cmpint(bridge_opt_parse_value(proto, "0x8100", &v), ==, 0);
        g_assert_cmpuint(v, ==, 0x8100);
        g_assert_cmpint(bridge_opt_parse_value(proto, "0x9100", &v), ==, -EINVAL);
        pname = bridge_opt_format_value(proto, 0x88a8);
        g_assert_cmpstr(pname, ==, "802.1ad");
        g_assert_cmpint(bridge_opt_parse_value(group, "01:80:C2:00:00:0e", &v), ==, 0);
        mac = bridge_opt_format_value(group, v);
        g_assert_cmpstr(mac, ==, "01:80:c2:00:00:0e");
        g_assert_cmpint(bridge_opt_parse_value(group, "01:80:c2:00:00:10", &v), ==, -ERANGE);
        g_assert_cmpint(bridge_opt_parse_value(group, "01:80:c2:00:00", &v), ==, -EINVAL);
        g_assert_cmpint(bridge_opt_parse_value(mask, "8", &v), ==, 0);
        g_assert_cmpint(bridge_opt_parse_value(mask, "4", &v), ==, -ERANGE); /* LACP: restricted */
        g_assert_cmpint(bridge_opt_parse_value(hairpin, "on", &v), ==, 0);
        g_assert_cmpuint(v, ==, 1);
        g_assert_cmpint(bridge_opt_parse_value(snoop, "on", &v), ==, -EINVAL); /* 0/1 only */
        g_assert_cmpint(bridge_opt_parse_value(bridge_opt_desc(BRIDGE_OPT_AGEING_TIME), "-1", &v),
                        ==, -EINVAL);
        g_assert_cmpint(bridge_opt_parse_value(bridge_opt_desc(BRIDGE_OPT_MCAST_HASH_MAX),
                                               "99999999999999999999999", &v),
                        ==, -EINVAL);
}

static void test_parse(void)
{
        g_autoptr(GPtrArray) problems =
                g_ptr_array_new_with_free_func((GDestroyNotify)bridge_opt_problem_free);
        BridgeOptValues o = { 0 };
        const BridgeOptProblem *p;

        g_assert_cmpint(bridge_opts_parse("  priority=100\tmax_age=20 multicast_router=enabled ",
                                          false, 7, &o, problems),
                        ==, 0);
        g_assert_cmpuint(problems->len, ==, 0);
        g_assert_cmpuint(o.v[BRIDGE_OPT_PRIORITY], ==, 100);
        g_assert_cmpuint(o.line[BRIDGE_OPT_PRIORITY], ==, 7);
        g_assert_cmpuint(o.v[BRIDGE_OPT_MCAST_ROUTER], ==, 2);
        g_assert_cmpint(bridge_opts_parse("priority=100 path_cost=0 =1 x= hairpin_mod=1", true, 1,
                                          &o, problems),
                        ==, -EINVAL);
        g_assert_cmpuint(problems->len, ==, 5);
        p = problems->pdata[0];
        g_assert_cmpstr(p->key, ==, "priority");
        g_assert_cmpstr(p->message, ==, "priority=100: out of range");
        p = problems->pdata[4];
        g_assert_cmpstr(p->hint, ==, "did you mean 'hairpin_mode'?");
        /* iproute2's spelling is no sysfs file: ifup-eth would fail on it */
        g_ptr_array_set_size(problems, 0);
        g_assert_cmpint(bridge_opts_parse("mcast_snooping=0", false, 1, &o, problems), ==, -EINVAL);
        p = problems->pdata[0];
        g_assert_cmpstr(
                p->hint, ==,
                "mcast_snooping is iproute2's name; BRIDGING_OPTS takes multicast_snooping");
        /* the sysfs name of an option NetworkManager spells otherwise, and the
         * port options only the kernel table had */
        g_assert_cmpint(
                bridge_opts_parse("hash_max=512 group_addr=01:80:c2:00:00:0e", false, 2, &o, NULL),
                ==, 0);
        g_assert_cmpuint(o.v[BRIDGE_OPT_MCAST_HASH_MAX], ==, 512);
        g_assert_cmpuint(o.v[BRIDGE_OPT_GROUP_ADDR], ==, 0x0180c200000eull);
        g_assert_cmpint(bridge_opts_parse("learning=0 multicast_router=temporary bpdu_guard=1",
                                          true, 3, &o, NULL),
                        ==, 0);
        g_assert_cmpuint(o.v[BRIDGE_PORT_OPT_MCAST_ROUTER], ==, 3);
        g_assert_true(bridge_opt_has(&o, BRIDGE_PORT_OPT_GUARD));
        g_assert_cmpint(bridge_opts_parse("group_fwd_mask=2", true, 3, &o, NULL), ==, -EINVAL);
        g_assert_cmpint(bridge_opts_parse(NULL, true, 1, &o, NULL), ==, -EINVAL);
        g_assert_cmpint(bridge_opts_parse("", true, 1, &o, NULL), ==, 0);
}

/* Anything goes in: no crash, no leak (ASan), every problem has a message. */
static void test_parse_fuzz(void)
{
        static const char alphabet[] = "ab_=01:x \t9priotyhel_mcast.,-";
        GRand *r = g_rand_new_with_seed(4094);

        for (int n = 0; n < 3000; n++) {
                g_autoptr(GPtrArray) problems =
                        g_ptr_array_new_with_free_func((GDestroyNotify)bridge_opt_problem_free);
                char buf[48];
                int len = g_rand_int_range(r, 0, (gint32)sizeof(buf));
                BridgeOptValues o = { 0 };
                int ret;

                for (int i = 0; i < len; i++)
                        buf[i] = alphabet[g_rand_int_range(r, 0, (gint32)sizeof(alphabet) - 1)];
                buf[len] = '\0';
                ret = bridge_opts_parse(buf, n % 2, 1, &o, problems);
                g_assert_true(ret == 0 || ret == -EINVAL);
                g_assert_true((ret == 0) == (problems->len == 0));
                for (guint i = 0; i < problems->len; i++)
                        g_assert_nonnull(((BridgeOptProblem *)problems->pdata[i])->message);
        }
        g_rand_free(r);
}

static void test_qos(void)
{
        g_autoptr(GArray) m = g_array_new(FALSE, FALSE, sizeof(CfgVlanQos));
        g_autofree char *bad = NULL, *text = NULL;

        g_assert_cmpint(cfg_vlan_qos_parse("0:1, 2:3 4:4294967295", 7, G_MAXUINT32, m, NULL), ==,
                        0);
        g_assert_cmpuint(m->len, ==, 3);
        text = cfg_vlan_qos_to_string(m);
        g_assert_cmpstr(text, ==, "0:1,2:3,4:4294967295");
        g_assert_cmpint(cfg_vlan_qos_parse("8:1", 7, G_MAXUINT32, m, &bad), ==, -EINVAL);
        g_assert_cmpstr(bad, ==, "8:1");
        g_assert_cmpint(cfg_vlan_qos_parse("5", 7, 7, m, NULL), ==, -EINVAL);
        g_assert_cmpint(cfg_vlan_qos_parse("5:", 7, 7, m, NULL), ==, -EINVAL);
}

static void test_renderings(void)
{
        g_autofree char *man = bridge_opts_man();
        g_autoptr(JsonDoc) b = json_doc_new();
        g_autofree char *json = NULL;
        g_autofree char *text = bridge_opts_text(NULL);
        static const char *const two[] = { "hash_max", "mcast_router", NULL };
        g_autofree char *some = bridge_opts_text(two);
        g_autofree char *words = bridge_opts_completion();
        g_autofree char *flags = cfg_vlan_flags_to_string(VLAN_FLAG_REORDER_HDR | VLAN_FLAG_MVRP);
        g_autofree char *none = cfg_vlan_flags_to_string(0);

        g_assert_nonnull(strstr(man, ".B hairpin_mode"));
        g_assert_null(strstr(man, "start-up")); /* '-' escaped */
        bridge_opts_to_json(b);
        json = json_doc_finish(b);
        g_assert_true(g_str_has_prefix(
                json, "{\"format_version\":1,\"bridge_options\":[{\"name\":\"forward_delay\""));
        g_assert_nonnull(strstr(text, "multicast_snooping"));
        /* by sysfs name and iproute2 keyword: multicast_hash_max, and the
         * bridge's and the port's multicast_router */
        g_auto(GStrv) lines = g_strsplit(some, "\n", -1);

        g_assert_cmpuint(g_strv_length(lines), ==, 4);
        g_assert_true(g_str_has_prefix(some, "multicast_router "));
        /* each word once, though priority is the bridge's and a port's */
        g_assert_nonnull(strstr(words, "\npriority=\n"));
        g_assert_null(strstr(strstr(words, "\npriority=\n") + 1, "\npriority=\n"));
        g_assert_nonnull(strstr(words, "multicast_router=temporary\n"));
        g_assert_cmpstr(flags, ==, "reorder_hdr,mvrp");
        g_assert_cmpstr(none, ==, "");
}

int main(int argc, char **argv)
{
        g_test_init(&argc, &argv, NULL);
        g_test_add_func("/config-stack/good/vlans", test_good_vlans);
        g_test_add_func("/config-stack/good/bridges", test_good_bridges);
        g_test_add_func("/config-stack/good/unmanaged", test_good_unmanaged);
        g_test_add_func("/config-stack/bad", test_bad);
        g_test_add_func("/config-stack/loop", test_loop);
        g_test_add_func("/config-stack/vlan-keys", test_vlan_keys);
        g_test_add_func("/config-stack/bridge-keys", test_bridge_keys);
        g_test_add_func("/config-stack/vid", test_vid);
        g_test_add_func("/config-stack/prio-ageing", test_prio_ageing);
        g_test_add_func("/config-stack/protocol-bridge-mac", test_protocol_bridge_mac);
        g_test_add_func("/config-stack/bridge-uuid", test_bridge_uuid);
        g_test_add_func("/config-stack/bridge-options/table", test_table);
        g_test_add_func("/config-stack/bridge-options/values", test_values);
        g_test_add_func("/config-stack/bridge-options/parse", test_parse);
        g_test_add_func("/config-stack/bridge-options/parse-fuzz", test_parse_fuzz);
        g_test_add_func("/config-stack/vlan-qos", test_qos);
        g_test_add_func("/config-stack/renderings", test_renderings);
        return g_test_run();
}
