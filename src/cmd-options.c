/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bondcfg options: print the bonding option table.  It is the one source
 * for the man page's option list (--man), shell completion (--completion)
 * and tests that exercise every option (--json).
 */
#include <stdio.h>
#include <string.h>

#include "bridge-options.h"
#include "commands.h"

static const char *const type_names[_BOND_OPT_TYPE_MAX] = {
        [BOND_OPT_TYPE_ENUM] = "enum",
        [BOND_OPT_TYPE_UINT] = "uint",
        [BOND_OPT_TYPE_INT] = "int",
        [BOND_OPT_TYPE_BOOL] = "bool",
        [BOND_OPT_TYPE_IFNAME] = "ifname",
        [BOND_OPT_TYPE_IP4_LIST] = "ipv4-list",
        [BOND_OPT_TYPE_IP6_LIST] = "ipv6-list",
        [BOND_OPT_TYPE_MAC] = "mac",
};

static bool has_range(const BondOptDesc *d)
{
        return d->type == BOND_OPT_TYPE_UINT || d->type == BOND_OPT_TYPE_INT ||
               d->type == BOND_OPT_TYPE_BOOL;
}

static char *range_text(const BondOptDesc *d)
{
        if (d->type == BOND_OPT_TYPE_ENUM) {
                GString *s = g_string_new(NULL);

                for (const BondOptEnumValue *e = d->values; e && e->name; e++)
                        g_string_append_printf(s, "%s%s(%u)", s->len ? " " : "", e->name, e->value);
                return g_string_free(s, FALSE);
        }
        if (d->type == BOND_OPT_TYPE_INT)
                return g_strdup_printf("%" G_GINT64_FORMAT "..%" G_GINT64_FORMAT, (gint64)d->min,
                                       (gint64)d->max);
        if (has_range(d))
                return g_strdup_printf("%" G_GUINT64_FORMAT "..%" G_GUINT64_FORMAT, d->min, d->max);
        if (d->type == BOND_OPT_TYPE_IP4_LIST || d->type == BOND_OPT_TYPE_IP6_LIST)
                return g_strdup_printf("up to %" G_GUINT64_FORMAT " addresses", d->max);
        return g_strdup(type_names[d->type]);
}

static char *modes_text(const BondOptDesc *d)
{
        GString *s = g_string_new(NULL);

        if ((d->modes & BOND_MODES_ALL) == BOND_MODES_ALL)
                return g_string_free(s, FALSE);
        for (int m = 0; m < _BOND_MODE_MAX; m++)
                if (d->modes & BOND_MODE_BIT(m))
                        g_string_append_printf(s, "%s%s", s->len ? "," : "",
                                               bond_mode_to_string(m));
        return g_string_free(s, FALSE);
}

static char *key_of(const BondOptDesc *d)
{
        return g_strdup(d->ifcfg_key ? d->ifcfg_key : d->name);
}

static void print_json(void)
{
        g_autoptr(JsonDoc) b = json_doc_new();

        json_begin_array_member(b, "options");
        for (int id = 0; id < _BOND_OPT_MAX; id++) {
                const BondOptDesc *d = bond_opt_desc(id);

                json_obj_begin(b);
                json_set_string(b, "name", d->name);
                json_set_string(b, "alias", d->alias);
                json_set_string(b, "ifcfg_key", d->ifcfg_key);
                json_set_string(b, "type", type_names[d->type]);
                if (has_range(d) || d->type == BOND_OPT_TYPE_IP4_LIST ||
                    d->type == BOND_OPT_TYPE_IP6_LIST) {
                        json_set_int(b, "min", (gint64)d->min);
                        json_set_int(b, "max", (gint64)d->max);
                }
                json_begin_array_member(b, "values");
                for (const BondOptEnumValue *e = d->values; e && e->name; e++) {
                        json_obj_begin(b);
                        json_set_string(b, "name", e->name);
                        json_set_int(b, "value", e->value);
                        json_obj_end(b);
                }
                json_arr_end(b);
                json_begin_array_member(b, "modes");
                for (int m = 0; m < _BOND_MODE_MAX; m++)
                        if (d->modes & BOND_MODE_BIT(m))
                                json_add_string(b, bond_mode_to_string(m));
                json_arr_end(b);
                json_set_bool(b, "needs_down", d->flags & BOND_OPT_F_NEEDS_DOWN);
                json_set_bool(b, "needs_no_ports", d->flags & BOND_OPT_F_NEEDS_NO_PORTS);
                json_set_bool(b, "module_only", d->flags & BOND_OPT_F_MODULE_ONLY);
                json_set_bool(b, "per_port", d->flags & BOND_OPT_F_PORT);
                json_set_int(b, "ifla", d->ifla);
                json_set_int(b, "default", (gint64)d->def);
                json_set_string(b, "since", d->since);
                json_set_string(b, "help", d->help);
                json_obj_end(b);
        }
        json_arr_end(b);
        json_doc_print(b);
}

/* roff: escape backslashes and leading dots/quotes. */
static void roff_puts(const char *t)
{
        if (t[0] == '.' || t[0] == '\'')
                fputs("\\&", stdout);
        for (; *t; t++) {
                if (*t == '\\')
                        fputs("\\e", stdout);
                else if (*t == '-')
                        fputs("\\-", stdout);
                else
                        putchar(*t);
        }
}

static void print_man(void)
{
        for (int id = 0; id < _BOND_OPT_MAX; id++) {
                const BondOptDesc *d = bond_opt_desc(id);
                g_autofree char *key = key_of(d), *range = range_text(d), *modes = modes_text(d);

                printf(".TP\n.B ");
                roff_puts(key);
                if (d->alias) {
                        printf(" \", \" ");
                        roff_puts(d->alias);
                }
                printf("\n");
                roff_puts(d->help ? d->help : "");
                printf("\n.br\nValues: ");
                roff_puts(range);
                if (has_range(d) || d->type == BOND_OPT_TYPE_ENUM) {
                        g_autofree char *def = NULL;
                        BondOptValue v = { .set = true, .num = d->def };

                        def = bond_opt_format_value(d, &v);
                        printf("; default ");
                        roff_puts(def);
                }
                printf(".\n");
                if (*modes) {
                        printf(".br\nModes: ");
                        roff_puts(modes);
                        printf(".\n");
                }
                if (d->flags & BOND_OPT_F_NEEDS_NO_PORTS)
                        printf(".br\nThe kernel takes it only with no ports: bondcfg releases "
                               "and re\\-enslaves them.\n");
                else if (d->flags & BOND_OPT_F_NEEDS_DOWN)
                        printf(".br\nThe kernel takes it only while the bond is down: bondcfg "
                               "takes it down briefly.\n");
                if (d->flags & BOND_OPT_F_MODULE_ONLY)
                        printf(".br\nA module parameter: set it in /etc/modprobe.d, not in "
                               "BONDING_OPTS.\n");
                if (d->flags & BOND_OPT_F_PORT)
                        printf(".br\nSet in the port's ifcfg file.\n");
                if (d->since)
                        printf(".br\nNeeds Linux %s or later.\n", d->since);
        }
}

/* One word per line: "name=" for options, "name=value" for enum values. */
static void print_completion(void)
{
        for (int id = 0; id < _BOND_OPT_MAX; id++) {
                const BondOptDesc *d = bond_opt_desc(id);

                if (d->flags & (BOND_OPT_F_PORT | BOND_OPT_F_MODULE_ONLY))
                        continue;
                printf("%s=\n", d->name);
                for (const BondOptEnumValue *e = d->values; e && e->name; e++)
                        printf("%s=%s\n", d->name, e->name);
        }
}

/* A bridge or port option by any of its names (bridge-options.h). */
static bool bridge_name_known(const char *name)
{
        return bridge_opt_lookup(name, false) || bridge_opt_lookup(name, true);
}

static const char *bridge_name_suggest(const char *name)
{
        const char *s = bridge_opt_suggest(name, false);

        return s ? s : bridge_opt_suggest(name, true);
}

static bool port_key_known(const char *key)
{
        for (int id = 0; id < _BOND_OPT_MAX; id++) {
                const BondOptDesc *d = bond_opt_desc(id);

                if (d->ifcfg_key && strcmp(d->ifcfg_key, key) == 0)
                        return true;
        }
        return false;
}

static bool selected(const BondOptDesc *d, char **names)
{
        if (!names || !names[0])
                return true;
        for (char **n = names; *n; n++)
                if (bond_opt_lookup(*n) == d || (d->ifcfg_key && strcmp(*n, d->ifcfg_key) == 0))
                        return true;
        return false;
}

static void print_text(char **names)
{
        for (int id = 0; id < _BOND_OPT_MAX; id++) {
                const BondOptDesc *d = bond_opt_desc(id);
                g_autofree char *key = NULL, *range = NULL, *modes = NULL;

                if (!selected(d, names))
                        continue;
                key = key_of(d);
                range = range_text(d);
                modes = modes_text(d);

                printf("%-20s %s\n", key, d->help ? d->help : "");
                printf("%-20s   values: %s", "", range);
                if (*modes)
                        printf("; modes: %s", modes);
                if (d->since)
                        printf("; Linux %s+", d->since);
                if (d->flags & BOND_OPT_F_NEEDS_NO_PORTS)
                        printf("; only with no ports");
                else if (d->flags & BOND_OPT_F_NEEDS_DOWN)
                        printf("; only while down");
                printf("\n");
        }
}

int cmd_options(BondcfgCtx *ctx, int argc, char **argv)
{
        g_autoptr(GPtrArray) names = g_ptr_array_new();
        bool man = false, completion = false, bridge = false;
        g_autoptr(GString) unknown = g_string_new(NULL);

        for (int i = 1; i < argc; i++)
                if (strcmp(argv[i], "--bridge") == 0)
                        bridge = true;
        for (int i = 1; i < argc; i++) {
                if (strcmp(argv[i], "--bridge") == 0)
                        continue;
                else if (strcmp(argv[i], "--man") == 0)
                        man = true;
                else if (strcmp(argv[i], "--completion") == 0)
                        completion = true;
                else if (argv[i][0] == '-') {
                        return cmd_fail(ctx, EXIT_USAGE, NULL, "options: unknown argument '%s'",
                                        argv[i]);
                } else if (bridge ? bridge_name_known(argv[i])
                                  : bond_opt_lookup(argv[i]) || port_key_known(argv[i])) {
                        g_ptr_array_add(names, argv[i]);
                } else {
                        const char *sugg =
                                bridge ? bridge_name_suggest(argv[i]) : bond_opt_suggest(argv[i]);

                        g_string_append_printf(unknown, "%sunknown %s option '%s'%s%s%s",
                                               unknown->len ? "; " : "",
                                               bridge ? "bridge" : "bonding", argv[i],
                                               sugg ? " (did you mean '" : "", sugg ? sugg : "",
                                               sugg ? "'?)" : "");
                }
        }
        if (unknown->len)
                return cmd_fail(ctx, EXIT_USAGE, "'bondcfg options' lists them all", "options: %s",
                                unknown->str);
        g_ptr_array_add(names, NULL);
        if (bridge) {
                /* the bridge option table (bridge-options.h): BRIDGING_OPTS */
                g_autofree char *out = NULL;

                if (ctx->json) {
                        g_autoptr(JsonDoc) b = json_doc_new();

                        bridge_opts_to_json(b);
                        json_doc_print(b);
                        return EXIT_OK;
                }
                out = man          ? bridge_opts_man()
                      : completion ? bridge_opts_completion()
                                   : bridge_opts_text((const char *const *)names->pdata);
                fputs(out, stdout);
                return EXIT_OK;
        }
        g_ptr_array_add(names, NULL);
        if (ctx->json)
                print_json();
        else if (man)
                print_man();
        else if (completion)
                print_completion();
        else
                print_text((char **)names->pdata);
        return EXIT_OK;
}
