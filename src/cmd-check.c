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
        r = cmd_select_bonds(c, argc, argv, false, &bonds);
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
                g_autoptr(GString) s = g_string_new("{");

                json_append_diags(s, diags);
                g_string_append(s, "}\n");
                fputs(s->str, stdout);
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

static void json_append_opt(GString *s, const BondOptDesc *d, const BondOptValue *v)
{
        g_autofree char *txt = NULL;

        switch (d->type) {
        case BOND_OPT_TYPE_UINT:
        case BOND_OPT_TYPE_BOOL:
                g_string_append_printf(s, "%" G_GUINT64_FORMAT, v->num);
                break;
        case BOND_OPT_TYPE_INT:
                g_string_append_printf(s, "%" G_GINT64_FORMAT, (gint64)v->num);
                break;
        case BOND_OPT_TYPE_IP4_LIST:
        case BOND_OPT_TYPE_IP6_LIST:
                g_string_append_c(s, '[');
                for (guint i = 0; v->list && i < v->list->len; i++) {
                        if (i)
                                g_string_append_c(s, ',');
                        json_append_string(s, v->list->pdata[i]);
                }
                g_string_append_c(s, ']');
                break;
        default:
                txt = bond_opt_format_value(d, v);
                json_append_string(s, txt);
        }
}

static void json_append_addrs(GString *s, const CfgBond *b, int family)
{
        bool first = true;

        g_string_append_c(s, '[');
        for (guint i = 0; i < b->l3->addrs->len; i++) {
                const CfgAddress *a = b->l3->addrs->pdata[i];

                if (a->family != family)
                        continue;
                if (!first)
                        g_string_append_c(s, ',');
                first = false;
                g_string_append(s, "{\"address\":");
                json_append_string(s, a->address);
                g_string_append_printf(s, ",\"prefix\":%u}", a->prefix);
        }
        g_string_append_c(s, ']');
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

static void json_append_bond(GString *s, const CfgBond *b)
{
        bool first = true;

        g_string_append(s, "{\"name\":");
        json_append_string(s, b->name);
        g_string_append(s, ",\"file\":");
        json_append_string(s, ifcfg_path(b->ifcfg));
        g_string_append_printf(s, ",\"onboot\":%s,\"options\":{", b->onboot ? "true" : "false");
        for (int id = 0; id < _BOND_OPT_MAX; id++) {
                const BondOptDesc *d = bond_opt_desc(id);

                if (!opt_shown(d, &b->opts->v[id]))
                        continue;
                if (!first)
                        g_string_append_c(s, ',');
                first = false;
                json_append_string(s, d->name);
                g_string_append_c(s, ':');
                json_append_opt(s, d, &b->opts->v[id]);
        }
        g_string_append(s, "},\"ports\":[");
        for (guint i = 0; i < b->ports->len; i++) {
                const CfgPort *p = b->ports->pdata[i];

                if (i)
                        g_string_append_c(s, ',');
                g_string_append(s, "{\"name\":");
                json_append_string(s, p->name);
                g_string_append(s, ",\"file\":");
                json_append_string(s, ifcfg_path(p->ifcfg));
                if (p->hwaddr) {
                        g_string_append(s, ",\"hwaddr\":");
                        json_append_string(s, p->hwaddr);
                }
                if (p->queue_id.set)
                        g_string_append_printf(s, ",\"queue_id\":%" G_GUINT64_FORMAT,
                                               p->queue_id.num);
                if (p->prio.set)
                        g_string_append_printf(s, ",\"prio\":%" G_GINT64_FORMAT,
                                               (gint64)p->prio.num);
                g_string_append_c(s, '}');
        }
        g_string_append(s, "],\"files\":[");
        for (guint i = 0; i < b->files->len; i++) {
                if (i)
                        g_string_append_c(s, ',');
                json_append_string(s, b->files->pdata[i]);
        }
        g_string_append(s, "],\"mtu\":");
        if (b->mtu)
                g_string_append_printf(s, "%u", b->mtu);
        else
                g_string_append(s, "null");
        g_string_append(s, ",\"macaddr\":");
        json_append_string(s, b->macaddr);
        g_string_append_printf(s, ",\"bootproto\":\"%s\"", b->l3->dhcp4 ? "dhcp" : "static");
        g_string_append(s, ",\"ipv4\":");
        json_append_addrs(s, b, AF_INET);
        g_string_append(s, ",\"gateway\":");
        json_append_string(s, default_gateway(b, AF_INET));
        g_string_append_printf(s, ",\"ipv6init\":%s,\"dhcpv6\":%s,\"ipv6\":",
                               b->l3->ipv6init ? "true" : "false", b->l3->dhcp6 ? "true" : "false");
        json_append_addrs(s, b, AF_INET6);
        g_string_append(s, ",\"ipv6_gateway\":");
        json_append_string(s, default_gateway(b, AF_INET6));
        g_string_append(s, ",\"routes\":[");
        for (guint i = 0; i < b->l3->routes->len; i++) {
                g_autofree char *t = net_route_format(b->l3->routes->pdata[i]);

                if (i)
                        g_string_append_c(s, ',');
                json_append_string(s, t);
        }
        g_string_append_printf(s, "],\"zeroconf_route\":%s,\"rules\":[",
                               b->l3->zeroconf ? "true" : "false");
        for (guint i = 0; i < b->l3->rules->len; i++) {
                g_autofree char *t = net_rule_format(b->l3->rules->pdata[i]);

                if (i)
                        g_string_append_c(s, ',');
                json_append_string(s, t);
        }
        g_string_append(s, "],\"sysctls\":{");
        for (guint i = 0; i < b->l3->sysctls->len; i++) {
                const CfgSysctl *c = b->l3->sysctls->pdata[i];
                g_autofree char *k =
                        g_strdup_printf("%s.%s", c->family == AF_INET6 ? "ipv6" : "ipv4", c->name);

                if (i)
                        g_string_append_c(s, ',');
                json_append_string(s, k);
                g_string_append_c(s, ':');
                json_append_string(s, c->value);
        }
        g_string_append(s, "}}");
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
                g_autoptr(GString) s = g_string_new("{\"bonds\":[");

                for (guint i = 0; i < bonds->len; i++) {
                        if (i)
                                g_string_append_c(s, ',');
                        json_append_bond(s, bonds->pdata[i]);
                }
                g_string_append(s, "],");
                if (stack)
                        cmd_json_append_stack(s, c, bonds);
                json_append_diags(s, diags);
                g_string_append(s, "}\n");
                fputs(s->str, stdout);
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
