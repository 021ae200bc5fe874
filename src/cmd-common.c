/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Helpers shared by the commands: loading, bond selection, output. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "udev-check.h"
#include "validate.h"

int cmd_load_config(const BondcfgCtx *ctx, Config **config, DiagList *diags)
{
        g_autoptr(Config) c = NULL;
        int r;

        r = config_load_dir(ctx->dir, &c, diags);
        if (r < 0) {
                fprintf(stderr, "bondcfg: cannot read configuration directory %s: %s\n", ctx->dir,
                        g_strerror(-r));
                if (r == -ENOENT && !ctx->config_dir)
                        fprintf(stderr, "  hint: use --config-dir DIR or --root DIR\n");
                return EXIT_USAGE;
        }
        validate_config(c, diags);
        *config = g_steal_pointer(&c);
        return 0;
}

int cmd_select_bonds(const Config *config, int argc, char **argv, bool onboot_only, GPtrArray **out)
{
        g_autoptr(GPtrArray) sel = g_ptr_array_new();
        int r = 0;

        if (argc <= 1) {
                for (guint i = 0; i < config->bonds->len; i++) {
                        CfgBond *b = config->bonds->pdata[i];

                        if (!onboot_only || b->onboot)
                                g_ptr_array_add(sel, b);
                }
        }
        for (int i = 1; i < argc; i++) {
                CfgBond *b = config_find_bond(config, argv[i]);

                if (!b) {
                        fprintf(stderr, "bondcfg: no bond named '%s' in %s\n", argv[i],
                                config->dir);
                        r = EXIT_USAGE;
                        continue;
                }
                if (!g_ptr_array_find(sel, b, NULL))
                        g_ptr_array_add(sel, b);
        }
        if (r)
                return r;
        *out = g_steal_pointer(&sel);
        return 0;
}

int cmd_load_selected(const BondcfgCtx *ctx, int argc, char **argv, bool onboot_only,
                      Config **config, GPtrArray **bonds, DiagList *diags)
{
        g_autoptr(Config) c = NULL;
        int r;

        r = cmd_load_config(ctx, &c, diags);
        if (r)
                return r;
        r = cmd_select_bonds(c, argc, argv, onboot_only, bonds);
        if (r)
                return r;
        *config = g_steal_pointer(&c);
        return 0;
}

void cmd_print_diags(const BondcfgCtx *ctx, const DiagList *diags)
{
        if (ctx->json)
                return;
        for (guint i = 0; i < diags->items->len; i++) {
                const Diag *d = diags->items->pdata[i];
                g_autofree char *s = NULL;

                if (ctx->verbosity < 0 && d->severity != DIAG_ERROR)
                        continue;
                if (ctx->verbosity <= 0 && d->severity == DIAG_NOTE)
                        continue;
                s = diag_format(d);
                fputs(s, stderr);
        }
}

void json_append_diags(GString *s, const DiagList *diags)
{
        g_string_append(s, "\"diagnostics\":[");
        for (guint i = 0; i < diags->items->len; i++) {
                const Diag *d = diags->items->pdata[i];

                if (i)
                        g_string_append_c(s, ',');
                g_string_append(s, "{\"severity\":");
                json_append_string(s, diag_severity_to_string(d->severity));
                g_string_append(s, ",\"file\":");
                json_append_string(s, d->file);
                g_string_append(s, ",\"line\":");
                if (d->line)
                        g_string_append_printf(s, "%u", d->line);
                else
                        g_string_append(s, "null");
                g_string_append(s, ",\"key\":");
                json_append_string(s, d->key);
                g_string_append(s, ",\"message\":");
                json_append_string(s, d->message);
                g_string_append(s, ",\"hint\":");
                json_append_string(s, d->hint);
                g_string_append_c(s, '}');
        }
        g_string_append_c(s, ']');
}

int cmd_nic_checks(const BondcfgCtx *ctx, const Config *c, const GPtrArray *bonds,
                   UdevCheckMode mode, DiagList *diags)
{
        g_autoptr(Settings) settings = NULL;
        g_autofree const char **names = g_new0(const char *, bonds->len + 1);
        bool saved = diags->errors_as_warnings;
        int r;

        r = settings_load(ctx->root, &settings, diags);
        if (r < 0) {
                fprintf(stderr, "bondcfg: cannot read settings: %s\n", g_strerror(-r));
                return EXIT_USAGE;
        }
        for (guint i = 0; i < bonds->len; i++)
                names[i] = ((const CfgBond *)bonds->pdata[i])->name;

        diags->errors_as_warnings = ctx->force;
        r = udev_check_config(c, settings, names, mode, ctx->offline, diags);
        diags->errors_as_warnings = saved;
        if (r < 0) {
                fprintf(stderr, "bondcfg: member NIC checks failed: %s\n", g_strerror(-r));
                return EXIT_USAGE;
        }
        return 0;
}
