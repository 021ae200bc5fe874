/* SPDX-License-Identifier: GPL-2.0-or-later */
/* bondcfg show: the VLANs and bridges above the bonds (config-stack.h). */
#include <stdio.h>
#include <sys/socket.h>

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
        printf("  vlan: id %u on %s, flags %s\n", v->id, v->parent, *flags ? flags : "none");
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

static void json_l3(GString *s, const CfgL3 *l3)
{
        g_string_append_printf(s, ",\"bootproto\":\"%s\",\"addresses\":[",
                               l3->dhcp4 ? "dhcp" : "static");
        for (guint i = 0; i < l3->addrs->len; i++) {
                const CfgAddress *a = l3->addrs->pdata[i];

                g_string_append(s, i ? ",{\"address\":" : "{\"address\":");
                json_append_string(s, a->address);
                g_string_append_printf(s, ",\"prefix\":%u,\"family\":\"%s\"}", a->prefix,
                                       a->family == AF_INET ? "ipv4" : "ipv6");
        }
        g_string_append(s, "],\"routes\":[");
        for (guint i = 0; i < l3->routes->len; i++) {
                g_autofree char *t = net_route_format(l3->routes->pdata[i]);

                if (i)
                        g_string_append_c(s, ',');
                json_append_string(s, t);
        }
        g_string_append_c(s, ']');
}

static void json_opts(GString *s, const BridgeOptValues *o)
{
        bool first = true;

        g_string_append_c(s, '{');
        for (int i = 0; i < _BRIDGE_OPT_MAX; i++) {
                const BridgeOptDesc *d = bridge_opt_desc(i);
                g_autofree char *v = NULL;

                if (!bridge_opt_has(o, i))
                        continue;
                if (!first)
                        g_string_append_c(s, ',');
                first = false;
                json_append_string(s, d->name);
                g_string_append_c(s, ':');
                /* numbers as written (seconds for the STP times); names quoted */
                v = bridge_opt_format_value(d, o->v[i]);
                if (d->type == BRIDGE_OPT_TYPE_UINT || d->type == BRIDGE_OPT_TYPE_BOOL)
                        g_string_append(s, v);
                else
                        json_append_string(s, v);
        }
        g_string_append_c(s, '}');
}

static void json_common(GString *s, const char *name, const IfcfgFile *f, bool onboot, unsigned mtu,
                        const char *macaddr)
{
        g_string_append(s, "{\"name\":");
        json_append_string(s, name);
        g_string_append(s, ",\"file\":");
        json_append_string(s, ifcfg_path(f));
        g_string_append_printf(s, ",\"onboot\":%s,\"mtu\":", onboot ? "true" : "false");
        if (mtu)
                g_string_append_printf(s, "%u", mtu);
        else
                g_string_append(s, "null");
        g_string_append(s, ",\"macaddr\":");
        json_append_string(s, macaddr);
}

static void json_vlan(GString *s, const Config *c, const CfgVlan *v)
{
        g_autofree char *flags = cfg_vlan_flags_to_string(v->flags);
        g_autofree char *in = cfg_vlan_qos_to_string(v->ingress);
        g_autofree char *eg = cfg_vlan_qos_to_string(v->egress);
        CfgBridge *br = config_bridge_of(c, v->name);

        json_common(s, v->name, v->ifcfg, v->onboot, v->mtu, v->macaddr);
        g_string_append_printf(s, ",\"id\":%u,\"parent\":", v->id);
        json_append_string(s, v->parent);
        g_string_append(s, ",\"bond\":");
        json_append_string(s, v->bond->name);
        g_string_append(s, ",\"flags\":");
        json_append_string(s, flags);
        g_string_append(s, ",\"ingress_priority_map\":");
        json_append_string(s, in);
        g_string_append(s, ",\"egress_priority_map\":");
        json_append_string(s, eg);
        g_string_append(s, ",\"bridge\":");
        json_append_string(s, br ? br->name : NULL);
        json_l3(s, v->l3);
        g_string_append_c(s, '}');
}

static void json_bridge(GString *s, const CfgBridge *br)
{
        json_common(s, br->name, br->ifcfg, br->onboot, br->mtu, br->macaddr);
        g_string_append(s, ",\"options\":");
        json_opts(s, &br->opts);
        g_string_append(s, ",\"ports\":[");
        for (guint i = 0; i < br->ports->len; i++) {
                const CfgBridgePort *p = br->ports->pdata[i];

                g_string_append(s, i ? ",{\"name\":" : "{\"name\":");
                json_append_string(s, p->name);
                g_string_append_printf(s, ",\"kind\":\"%s\",\"options\":",
                                       p->kind == CFG_BRIDGE_PORT_BOND ? "bond" : "vlan");
                json_opts(s, &p->opts);
                g_string_append_c(s, '}');
        }
        g_string_append_c(s, ']');
        json_l3(s, br->l3);
        g_string_append_c(s, '}');
}

void cmd_json_append_stack(GString *s, const Config *c, const GPtrArray *bonds)
{
        bool first = true;

        g_string_append(s, "\"vlans\":[");
        for (guint i = 0; i < c->vlans->len; i++) {
                const CfgVlan *v = c->vlans->pdata[i];

                if (!selected(bonds, v->bond))
                        continue;
                if (!first)
                        g_string_append_c(s, ',');
                first = false;
                json_vlan(s, c, v);
        }
        g_string_append(s, "],\"bridges\":[");
        first = true;
        for (guint i = 0; i < c->bridges->len; i++) {
                const CfgBridge *br = c->bridges->pdata[i];

                if (!bridge_selected(br, bonds))
                        continue;
                if (!first)
                        g_string_append_c(s, ',');
                first = false;
                json_bridge(s, br);
        }
        g_string_append(s, "],");
}
