/* SPDX-License-Identifier: GPL-2.0-or-later */
/* bondcfg check, bondcfg show: read-only commands over the ifcfg files. */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "cmd-nm.h"
#include "commands.h"

static void print_summary(const BondcfgCtx *ctx, const Config *c, const GPtrArray *bonds,
                          const DiagList *diags)
{
        size_t nports = 0, e = diag_count(diags, DIAG_ERROR), w = diag_count(diags, DIAG_WARNING);

        if (ctx->json || ctx->verbosity < 0)
                return;
        guint nvlans, nbridges;
        g_autoptr(GString) stack = g_string_new(NULL);

        for (guint i = 0; i < bonds->len; i++)
                nports += ((const CfgBond *)bonds->pdata[i])->ports->len;
        cmd_stack_count(c, bonds, &nvlans, &nbridges);
        if (nvlans)
                g_string_append_printf(stack, ", %u VLAN%s", nvlans, nvlans == 1 ? "" : "s");
        if (nbridges)
                g_string_append_printf(stack, ", %u bridge%s", nbridges, nbridges == 1 ? "" : "s");
        fprintf(stderr, "%s: %u bond%s, %zu port%s%s: %zu error%s, %zu warning%s\n", c->dir,
                bonds->len, bonds->len == 1 ? "" : "s", nports, nports == 1 ? "" : "s", stack->str,
                e, e == 1 ? "" : "s", w, w == 1 ? "" : "s");
}

int cmd_check(BondcfgCtx *ctx, int argc, char **argv)
{
        g_autoptr(DiagList) diags = diag_list_new();
        g_autoptr(Config) c = NULL;
        g_autoptr(GPtrArray) bonds = NULL;
        int r;

        r = cmd_load_config(ctx, &c, diags);
        if (r)
                return r;
        r = cmd_select_bonds(ctx, c, argc, argv, false, &bonds);
        if (r)
                return r;
        r = cmd_nic_checks(ctx, c, bonds, UDEV_CHECK_MODE_CHECK, NULL, diags);
        if (r)
                return r;
        cmd_nm_check(ctx, bonds, NULL, diags);
        if (argc > 1)
                cmd_scope_diags(c, bonds, diags);
        diag_list_sort(diags);

        if (ctx->json) {
                g_autoptr(JsonDoc) b = json_doc_new();

                json_add_diags(b, diags);
                json_doc_print(b);
        } else {
                cmd_print_diags(ctx, diags);
        }
        print_summary(ctx, c, bonds, diags);
        return diag_has_errors(diags) ? EXIT_CONFIG : EXIT_OK;
}

/* ---- show ---- */

static bool opt_shown(const BondOptDesc *d, const BondOptValue *v)
{
        return v->set && !(d->flags & (BOND_OPT_F_PORT | BOND_OPT_F_MODULE_ONLY));
}

static void json_opt(JsonDoc *b, const BondOptDesc *d, const BondOptValue *v)
{
        g_autofree char *txt = NULL;

        json_member(b, d->name);
        switch (d->type) {
        case BOND_OPT_TYPE_UINT:
        case BOND_OPT_TYPE_BOOL:
        case BOND_OPT_TYPE_INT:
                json_add_int(b, (gint64)v->num);
                break;
        case BOND_OPT_TYPE_IP4_LIST:
        case BOND_OPT_TYPE_IP6_LIST:
                json_arr_begin(b);
                for (guint i = 0; v->list && i < v->list->len; i++)
                        json_add_string(b, v->list->pdata[i]);
                json_arr_end(b);
                break;
        default:
                txt = bond_opt_format_value(d, v);
                json_add_string(b, txt);
        }
}

static void json_addrs(JsonDoc *b, const char *member, const CfgBond *bond, int family)
{
        json_begin_array_member(b, member);
        for (guint i = 0; i < bond->l3->addrs->len; i++) {
                const CfgAddress *a = bond->l3->addrs->pdata[i];

                if (a->family != family)
                        continue;
                json_obj_begin(b);
                json_set_string(b, "address", a->address);
                json_set_int(b, "prefix", a->prefix);
                json_obj_end(b);
        }
        json_arr_end(b);
}

/* The gateway of the configured default route of family, or NULL. */
static const char *default_gateway(const CfgBond *b, int family)
{
        for (guint i = 0; i < b->l3->routes->len; i++) {
                const NetRoute *r = b->l3->routes->pdata[i];

                if (r->family == family && r->prefix == 0 && r->gateway)
                        return r->gateway;
        }
        return NULL;
}

static void json_bond(JsonDoc *j, const CfgBond *b)
{
        json_obj_begin(j);
        json_set_string(j, "name", b->name);
        json_set_string(j, "file", ifcfg_path(b->ifcfg));
        json_set_bool(j, "onboot", b->onboot);
        json_begin_object_member(j, "options");
        for (int id = 0; id < _BOND_OPT_MAX; id++) {
                const BondOptDesc *d = bond_opt_desc(id);

                if (opt_shown(d, &b->opts->v[id]))
                        json_opt(j, d, &b->opts->v[id]);
        }
        json_obj_end(j);
        json_begin_array_member(j, "ports");
        for (guint i = 0; i < b->ports->len; i++) {
                const CfgPort *p = b->ports->pdata[i];

                json_obj_begin(j);
                json_set_string(j, "name", p->name);
                json_set_string(j, "file", ifcfg_path(p->ifcfg));
                if (p->hwaddr)
                        json_set_string(j, "hwaddr", p->hwaddr);
                if (p->queue_id.set)
                        json_set_int(j, "queue_id", (gint64)p->queue_id.num);
                if (p->prio.set)
                        json_set_int(j, "prio", (gint64)p->prio.num);
                json_obj_end(j);
        }
        json_arr_end(j);
        json_begin_array_member(j, "files");
        for (guint i = 0; i < b->files->len; i++)
                json_add_string(j, b->files->pdata[i]);
        json_arr_end(j);
        json_set_uint_or_null(j, "mtu", b->mtu, b->mtu != 0);
        json_set_string(j, "macaddr", b->macaddr);
        json_set_string(j, "bootproto", b->l3->dhcp4 ? "dhcp" : "static");
        json_addrs(j, "ipv4", b, AF_INET);
        json_set_string(j, "gateway", default_gateway(b, AF_INET));
        json_set_bool(j, "ipv6init", b->l3->ipv6init);
        json_set_bool(j, "dhcpv6", b->l3->dhcp6);
        json_addrs(j, "ipv6", b, AF_INET6);
        json_set_string(j, "ipv6_gateway", default_gateway(b, AF_INET6));
        json_begin_array_member(j, "routes");
        for (guint i = 0; i < b->l3->routes->len; i++) {
                g_autofree char *t = net_route_format(b->l3->routes->pdata[i]);

                json_add_string(j, t);
        }
        json_arr_end(j);
        json_set_bool(j, "zeroconf_route", b->l3->zeroconf);
        json_begin_array_member(j, "rules");
        for (guint i = 0; i < b->l3->rules->len; i++) {
                g_autofree char *t = net_rule_format(b->l3->rules->pdata[i]);

                json_add_string(j, t);
        }
        json_arr_end(j);
        json_begin_object_member(j, "sysctls");
        for (guint i = 0; i < b->l3->sysctls->len; i++) {
                const CfgSysctl *c = b->l3->sysctls->pdata[i];
                g_autofree char *k =
                        g_strdup_printf("%s.%s", c->family == AF_INET6 ? "ipv6" : "ipv4", c->name);

                json_set_string(j, k, c->value);
        }
        json_obj_end(j);
        json_obj_end(j);
}

static void print_bond_text(const Config *c, const CfgBond *b)
{
        printf("%s  (%s)%s\n", b->name, ifcfg_path(b->ifcfg), b->onboot ? "" : "  ONBOOT=no");
        printf("  options:");
        for (int id = 0; id < _BOND_OPT_MAX; id++) {
                const BondOptDesc *d = bond_opt_desc(id);
                g_autofree char *v = NULL;

                if (!opt_shown(d, &b->opts->v[id]))
                        continue;
                v = bond_opt_format_value(d, &b->opts->v[id]);
                printf(" %s=%s%s", d->name, v, b->opts->v[id].defaulted ? " (default)" : "");
        }
        printf("\n  ports:");
        if (b->ports->len == 0)
                printf(" (none)");
        for (guint i = 0; i < b->ports->len; i++)
                printf(" %s", cfg_port_label(b->ports->pdata[i]));
        printf("\n");
        if (b->mtu)
                printf("  mtu: %u\n", b->mtu);
        if (b->macaddr)
                printf("  macaddr: %s\n", b->macaddr);
        cmd_print_bond_stack_lines(c, b);
        if (!config_bridge_of(c, b->name)) /* a bridge port's addresses are the bridge's */
                cmd_print_l3_text(b->name, b->l3);
}

void cmd_print_l3_text(const char *name, const CfgL3 *l3)
{
        if (l3->dhcp4)
                printf("  addressing: dhcp (left to the system's DHCP client)\n");
        if (l3->dhcp6)
                printf("  ipv6 addressing: dhcpv6 (left to the system's DHCP client)\n");
        if (!l3->ipv6init)
                printf("  ipv6: not configured (IPV6INIT=no)\n");
        for (guint i = 0; i < l3->addrs->len; i++) {
                const CfgAddress *a = l3->addrs->pdata[i];

                printf("  %s: %s/%u\n", a->family == AF_INET ? "ipv4" : "ipv6", a->address,
                       a->prefix);
        }
        for (guint i = 0; i < l3->routes->len; i++) {
                g_autofree char *t = net_route_format(l3->routes->pdata[i]);

                printf("  route: %s\n", t);
        }
        if (l3->zeroconf)
                printf("  route: 169.254.0.0/16 dev %s metric 1000+ifindex scope link "
                       "(zeroconf; NOZEROCONF=yes turns it off)\n",
                       name);
        for (guint i = 0; i < l3->rules->len; i++) {
                g_autofree char *t = net_rule_format(l3->rules->pdata[i]);

                printf("  rule: %s\n", t);
        }
        for (guint i = 0; i < l3->sysctls->len; i++) {
                const CfgSysctl *c = l3->sysctls->pdata[i];

                /* ifup-ipv6's defaults are the kernel's too, as a rule */
                if (g_str_equal(c->why, "ifup-ipv6 default"))
                        continue;
                printf("  sysctl: net.%s.conf.%s.%s = %s (%s)\n",
                       c->family == AF_INET6 ? "ipv6" : "ipv4", name, c->name, c->value, c->why);
        }
}

int cmd_show(BondcfgCtx *ctx, int argc, char **argv)
{
        g_autoptr(DiagList) diags = diag_list_new();
        g_autoptr(Config) c = NULL;
        g_autoptr(GPtrArray) bonds = NULL;
        guint nvlans, nbridges;
        bool stack;
        int r;

        r = cmd_load_selected(ctx, argc, argv, false, &c, &bonds, diags);
        if (r)
                return r;
        /* The NIC checks' findings too (they concern the named bonds). */
        if (argc > 1)
                cmd_scope_diags(c, bonds, diags);
        diag_list_sort(diags);
        cmd_print_diags(ctx, diags);
        /* "vlans" and "bridges" appear when the bonds have any, so that
         * the output for a configuration without them stays as it was */
        cmd_stack_count(c, bonds, &nvlans, &nbridges);
        stack = nvlans || nbridges;

        if (ctx->json) {
                g_autoptr(JsonDoc) b = json_doc_new();

                json_begin_array_member(b, "bonds");
                for (guint i = 0; i < bonds->len; i++)
                        json_bond(b, bonds->pdata[i]);
                json_arr_end(b);
                if (stack)
                        cmd_json_add_stack(b, c, bonds);
                json_add_diags(b, diags);
                json_doc_print(b);
        } else {
                g_autoptr(GHashTable) shown = g_hash_table_new(NULL, NULL);

                for (guint i = 0; i < bonds->len; i++) {
                        if (i)
                                printf("\n");
                        print_bond_text(c, bonds->pdata[i]);
                        cmd_print_stack_text(c, bonds->pdata[i], shown);
                }
        }
        return diag_has_errors(diags) ? EXIT_CONFIG : EXIT_OK;
}
