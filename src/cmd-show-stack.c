/* SPDX-License-Identifier: GPL-2.0-or-later */
/* bondcfg show: the VLANs and bridges above the bonds (config-stack.h). */
#include <stdio.h>
#include <sys/socket.h>
#include <linux/if_ether.h>

#include "commands.h"

static bool selected(const GPtrArray *bonds, const CfgBond *b)
{
        for (guint i = 0; b && i < bonds->len; i++)
                if (bonds->pdata[i] == b)
                        return true;
        return false;
}

static bool bridge_selected(const CfgBridge *br, const GPtrArray *bonds)
{
        for (guint i = 0; i < bonds->len; i++)
                if (cfg_bridge_on_bond(br, bonds->pdata[i]))
                        return true;
        return false;
}

void cmd_stack_count(const Config *c, const GPtrArray *bonds, guint *nvlans, guint *nbridges)
{
        *nvlans = *nbridges = 0;
        for (guint i = 0; c->vlans && i < c->vlans->len; i++)
                *nvlans += selected(bonds, ((const CfgVlan *)c->vlans->pdata[i])->bond);
        for (guint i = 0; c->bridges && i < c->bridges->len; i++)
                *nbridges += bridge_selected(c->bridges->pdata[i], bonds);
}

/* ---- text ---- */

void cmd_print_bond_stack_lines(const Config *c, const CfgBond *b)
{
        bool any = false;

        for (guint i = 0; i < c->vlans->len; i++) {
                const CfgVlan *v = c->vlans->pdata[i];

                if (v->bond != b)
                        continue;
                printf("%s %s", any ? "" : "  vlans:", v->name);
                any = true;
        }
        if (any)
                printf("\n");
        if (b->bridge && config_bridge_of(c, b->name))
                printf("  bridge: %s (its addresses are the bridge's)\n",
                       config_bridge_of(c, b->name)->name);
}

static void print_opts(const char *label, const BridgeOptValues *o)
{
        bool any = false;

        for (int i = 0; i < _BRIDGE_OPT_MAX; i++) {
                const BridgeOptDesc *d = bridge_opt_desc(i);
                g_autofree char *v = NULL;

                if (!bridge_opt_has(o, i))
                        continue;
                v = bridge_opt_format_value(d, o->v[i]);
                printf("%s %s=%s", any ? "" : label, d->name, v);
                any = true;
        }
        if (any)
                printf("\n");
}

static void print_vlan(const Config *c, const CfgVlan *v)
{
        g_autofree char *flags = cfg_vlan_flags_to_string(v->flags);
        CfgBridge *br = config_bridge_of(c, v->name);

        printf("\n%s  (%s)%s\n", v->name, ifcfg_path(v->ifcfg), v->onboot ? "" : "  ONBOOT=no");
        printf("  vlan: id %u on %s%s, flags %s\n", v->id, v->parent,
               v->protocol == ETH_P_8021AD ? ", protocol 802.1ad" : "", *flags ? flags : "none");
        if (v->ingress->len) {
                g_autofree char *m = cfg_vlan_qos_to_string(v->ingress);

                printf("  ingress priority map: %s\n", m);
        }
        if (v->egress->len) {
                g_autofree char *m = cfg_vlan_qos_to_string(v->egress);

                printf("  egress priority map: %s\n", m);
        }
        if (br)
                printf("  bridge: %s (its addresses are the bridge's)\n", br->name);
        if (v->mtu)
                printf("  mtu: %u\n", v->mtu);
        if (v->macaddr)
                printf("  macaddr: %s\n", v->macaddr);
        if (!br)
                cmd_print_l3_text(v->name, v->l3);
}

static void print_bridge(const CfgBridge *br)
{
        printf("\n%s  (%s)%s\n", br->name, ifcfg_path(br->ifcfg), br->onboot ? "" : "  ONBOOT=no");
        printf("  bridge ports:");
        for (guint i = 0; i < br->ports->len; i++)
                printf(" %s", ((const CfgBridgePort *)br->ports->pdata[i])->name);
        printf("\n");
        print_opts("  options:", &br->opts);
        for (guint i = 0; i < br->ports->len; i++) {
                const CfgBridgePort *p = br->ports->pdata[i];
                g_autofree char *label = g_strdup_printf("  port %s:", p->name);

                print_opts(label, &p->opts);
        }
        if (br->mtu)
                printf("  mtu: %u\n", br->mtu);
        if (br->macaddr)
                printf("  macaddr: %s\n", br->macaddr);
        cmd_print_l3_text(br->name, br->l3);
}

void cmd_print_stack_text(const Config *c, const CfgBond *b, GHashTable *shown)
{
        for (guint i = 0; i < c->vlans->len; i++) {
                const CfgVlan *v = c->vlans->pdata[i];

                if (v->bond == b)
                        print_vlan(c, v);
        }
        for (guint i = 0; i < c->bridges->len; i++) {
                const CfgBridge *br = c->bridges->pdata[i];

                if (cfg_bridge_on_bond(br, b) && g_hash_table_add(shown, (gpointer)br))
                        print_bridge(br);
        }
}

/* ---- JSON ---- */

static void json_l3(JsonDoc *b, const CfgL3 *l3)
{
        json_set_string(b, "bootproto", l3->dhcp4 ? "dhcp" : "static");
        json_begin_array_member(b, "addresses");
        for (guint i = 0; i < l3->addrs->len; i++) {
                const CfgAddress *a = l3->addrs->pdata[i];

                json_obj_begin(b);
                json_set_string(b, "address", a->address);
                json_set_int(b, "prefix", a->prefix);
                json_set_string(b, "family", a->family == AF_INET ? "ipv4" : "ipv6");
                json_obj_end(b);
        }
        json_arr_end(b);
        json_begin_array_member(b, "routes");
        for (guint i = 0; i < l3->routes->len; i++) {
                g_autofree char *t = net_route_format(l3->routes->pdata[i]);

                json_add_string(b, t);
        }
        json_arr_end(b);
}

static void json_opts(JsonDoc *b, const char *member, const BridgeOptValues *o)
{
        json_begin_object_member(b, member);
        for (int i = 0; i < _BRIDGE_OPT_MAX; i++) {
                const BridgeOptDesc *d = bridge_opt_desc(i);
                g_autofree char *v = NULL;

                if (!bridge_opt_has(o, i))
                        continue;
                /* numbers as written (seconds for the STP times); names as strings */
                v = bridge_opt_format_value(d, o->v[i]);
                json_member(b, d->name);
                if (d->type != BRIDGE_OPT_TYPE_UINT && d->type != BRIDGE_OPT_TYPE_BOOL)
                        json_add_string(b, v);
                else if (strchr(v, '.'))
                        json_add_double(b, g_ascii_strtod(v, NULL));
                else
                        json_add_int(b, (gint64)g_ascii_strtoull(v, NULL, 10));
        }
        json_obj_end(b);
}

static void json_common(JsonDoc *b, const char *name, const IfcfgFile *f, bool onboot, unsigned mtu,
                        const char *macaddr)
{
        json_obj_begin(b);
        json_set_string(b, "name", name);
        json_set_string(b, "file", ifcfg_path(f));
        json_set_bool(b, "onboot", onboot);
        json_set_uint_or_null(b, "mtu", mtu, mtu != 0);
        json_set_string(b, "macaddr", macaddr);
}

static void json_vlan(JsonDoc *b, const Config *c, const CfgVlan *v)
{
        g_autofree char *flags = cfg_vlan_flags_to_string(v->flags);
        g_autofree char *in = cfg_vlan_qos_to_string(v->ingress);
        g_autofree char *eg = cfg_vlan_qos_to_string(v->egress);
        CfgBridge *br = config_bridge_of(c, v->name);

        json_common(b, v->name, v->ifcfg, v->onboot, v->mtu, v->macaddr);
        json_set_int(b, "id", v->id);
        json_set_string(b, "protocol", v->protocol == ETH_P_8021AD ? "802.1ad" : "802.1Q");
        json_set_string(b, "parent", v->parent);
        json_set_string(b, "bond", v->bond->name);
        json_set_string(b, "flags", flags);
        json_set_string(b, "ingress_priority_map", in);
        json_set_string(b, "egress_priority_map", eg);
        json_set_string(b, "bridge", br ? br->name : NULL);
        json_l3(b, v->l3);
        json_obj_end(b);
}

static void json_bridge(JsonDoc *b, const CfgBridge *br)
{
        json_common(b, br->name, br->ifcfg, br->onboot, br->mtu, br->macaddr);
        json_opts(b, "options", &br->opts);
        json_begin_array_member(b, "ports");
        for (guint i = 0; i < br->ports->len; i++) {
                const CfgBridgePort *p = br->ports->pdata[i];

                json_obj_begin(b);
                json_set_string(b, "name", p->name);
                json_set_string(b, "kind", p->kind == CFG_BRIDGE_PORT_BOND ? "bond" : "vlan");
                json_opts(b, "options", &p->opts);
                json_obj_end(b);
        }
        json_arr_end(b);
        json_l3(b, br->l3);
        json_obj_end(b);
}

void cmd_json_add_stack(JsonDoc *b, const Config *c, const GPtrArray *bonds)
{
        json_begin_array_member(b, "vlans");
        for (guint i = 0; i < c->vlans->len; i++) {
                const CfgVlan *v = c->vlans->pdata[i];

                if (selected(bonds, v->bond))
                        json_vlan(b, c, v);
        }
        json_arr_end(b);
        json_begin_array_member(b, "bridges");
        for (guint i = 0; i < c->bridges->len; i++) {
                const CfgBridge *br = c->bridges->pdata[i];

                if (bridge_selected(br, bonds))
                        json_bridge(b, br);
        }
        json_arr_end(b);
}
