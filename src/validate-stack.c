/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Static validation of the stack on the bonds (config-stack.h): VLAN ids,
 * names, MTUs down the chain, devices claimed twice.  Parents, bridges that
 * do not exist, loops and addresses on a bridge port were reported when the
 * files were read (config-stack.c); they are not repeated here.
 */
#include "validate-stack.h"

#include <errno.h>
#include <string.h>

#include "validate.h"

#define DEFAULT_MTU 1500 /* ether_setup(): a bond, VLAN or bridge made without MTU */

static void check_name(DiagList *diags, const IfcfgFile *f, const char *what, const char *name)
{
        const char *key = ifcfg_get(f, "DEVICE")    ? "DEVICE"
                          : ifcfg_get(f, "PHYSDEV") ? "PHYSDEV"
                                                    : NULL;

        if (ifname_is_valid(name))
                return;
        diag_add(diags, DIAG_ERROR, ifcfg_path(f), key ? ifcfg_line(f, key) : 0, key,
                 strlen(name) > 15 ? "the kernel takes 15 bytes at most: use a shorter name, "
                                     "e.g. DEVICE=vlan100 with PHYSDEV"
                                   : "use 1 to 15 bytes, without '/', ':' or white space",
                 "%s name '%s' is not a valid interface name%s", what, name,
                 strlen(name) > 15 ? " (longer than 15 bytes)" : "");
}

/* The MTU a device ends up with: its own, else (a VLAN) its parent's. */
static unsigned bond_mtu(const CfgBond *b)
{
        return b->mtu ? b->mtu : DEFAULT_MTU;
}

static unsigned vlan_mtu(const CfgVlan *v)
{
        if (v->mtu)
                return v->mtu;
        return v->parent_vlan ? vlan_mtu(v->parent_vlan) : bond_mtu(v->parent_bond);
}

static void check_vlan(const CfgVlan *v, GHashTable *seen, DiagList *diags)
{
        const char *file = ifcfg_path(v->ifcfg);
        unsigned parent_mtu;
        const CfgVlan *other;
        g_autofree char *key = NULL;

        check_name(diags, v->ifcfg, "VLAN", v->name);
        /* vlan_check_real_dev() and IFLA_VLAN_ID's policy: 0 and 4095 are
         * reserved (VLAN_VID_MASK); NetworkManager reads up to 4095 */
        if (v->id < 1 || v->id > 4094)
                diag_add(diags, DIAG_ERROR, file, v->id_line,
                         ifcfg_get(v->ifcfg, "VLAN_ID") ? "VLAN_ID" : "DEVICE",
                         "use a VLAN id from 1 to 4094 (0 and 4095 are reserved)",
                         "VLAN id %u of %s is out of range", v->id, v->name);
        parent_mtu = v->parent_vlan ? vlan_mtu(v->parent_vlan) : bond_mtu(v->parent_bond);
        if (v->mtu && v->mtu > parent_mtu) {
                g_autofree char *hint = g_strdup_printf(
                        "lower MTU to %u or less, or raise the MTU of %s", parent_mtu, v->parent);

                /* vlan_changelink()/vlan_dev_change_mtu(): not above the real device's */
                diag_add(diags, DIAG_ERROR, file, ifcfg_line(v->ifcfg, "MTU"), "MTU", hint,
                         "MTU %u of VLAN %s is above the MTU %u of its parent %s: the kernel "
                         "refuses it",
                         v->mtu, v->name, parent_mtu, v->parent);
        }
        /* two files, one VLAN: the kernel refuses the second (-EEXIST) */
        key = g_strdup_printf("%s\n%u", v->parent, v->id);
        other = g_hash_table_lookup(seen, key);
        if (other) {
                g_autofree char *hint =
                        g_strdup_printf("keep one of %s and %s", ifcfg_path(other->ifcfg), file);

                diag_add(diags, DIAG_ERROR, file, v->id_line, NULL, hint,
                         "VLAN %u on %s is defined twice (also as %s in %s): the kernel takes "
                         "one",
                         v->id, v->parent, other->name, ifcfg_path(other->ifcfg));
        } else {
                g_hash_table_insert(seen, g_steal_pointer(&key), (gpointer)v);
        }
}

static void check_bridge(const CfgBridge *br, GHashTable *member, DiagList *diags)
{
        unsigned lowest = 0;
        const char *lowest_name = NULL;

        check_name(diags, br->ifcfg, "bridge", br->name);
        for (guint i = 0; i < br->ports->len; i++) {
                const CfgBridgePort *p = br->ports->pdata[i];
                const CfgBridge *other = g_hash_table_lookup(member, p->name);
                unsigned mtu =
                        p->kind == CFG_BRIDGE_PORT_BOND ? bond_mtu(p->bond) : vlan_mtu(p->vlan);

                if (other && other != br) {
                        g_autofree char *hint = g_strdup_printf(
                                "a device is in one bridge at most: keep BRIDGE=%s or BRIDGE=%s",
                                other->name, br->name);

                        diag_add(diags, DIAG_ERROR, ifcfg_path(p->ifcfg),
                                 ifcfg_line(p->ifcfg, "BRIDGE"), "BRIDGE", hint,
                                 "%s is put in two bridges: %s and %s", p->name, other->name,
                                 br->name);
                } else if (!other) {
                        g_hash_table_insert(member, (gpointer)p->name, (gpointer)br);
                }
                if (!lowest || mtu < lowest) {
                        lowest = mtu;
                        lowest_name = p->name;
                }
        }
        /* br_mtu_auto_adjust(): a bridge takes its smallest port's MTU; one
         * set above it sends frames the port drops */
        if (br->mtu && lowest && br->mtu > lowest) {
                g_autofree char *hint = g_strdup_printf(
                        "lower MTU to %u or less, or raise the MTU of %s", lowest, lowest_name);

                diag_add(diags, DIAG_ERROR, ifcfg_path(br->ifcfg), ifcfg_line(br->ifcfg, "MTU"),
                         "MTU", hint, "MTU %u of bridge %s is above the MTU %u of its port %s",
                         br->mtu, br->name, lowest, lowest_name);
        }
}

int validate_stack(const Config *c, DiagList *diags)
{
        size_t before = diag_count(diags, DIAG_ERROR);
        g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
        g_autoptr(GHashTable) member = g_hash_table_new(g_str_hash, g_str_equal);

        if (!c->vlans || !c->bridges)
                return 0;
        for (guint i = 0; i < c->vlans->len; i++)
                check_vlan(c->vlans->pdata[i], seen, diags);
        for (guint i = 0; i < c->bridges->len; i++)
                check_bridge(c->bridges->pdata[i], member, diags);
        for (guint i = 0; i < c->unmanaged->len; i++) {
                const CfgUnmanaged *u = c->unmanaged->pdata[i];

                diag_add(diags, DIAG_NOTE, ifcfg_path(u->ifcfg), 0, NULL,
                         "bondcfg manages VLANs and bridges above its bonds only",
                         "%s %s is left to whatever manages it now: %s", u->kind, u->name, u->why);
        }
        return diag_count(diags, DIAG_ERROR) > before ? -EINVAL : 0;
}
