/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Helpers shared by the commands: loading, bond selection, output. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <linux/if_addr.h>

#include "commands.h"
#include "dl-lib.h"
#include "trust.h"
#include "plan-stack.h"
#include "udev-check.h"
#include "validate.h"

int cmd_fail(const BondcfgCtx *ctx, int rc, const char *hint, const char *fmt, ...)
{
        g_autofree char *msg = NULL;
        va_list ap;

        va_start(ap, fmt);
        msg = g_strdup_vprintf(fmt, ap);
        va_end(ap);
        if (ctx && ctx->json) {
                g_autoptr(JsonDoc) b = json_doc_new();

                json_begin_object_member(b, "error");
                json_set_string(b, "message", msg);
                json_set_string(b, "hint", hint);
                json_obj_end(b);
                json_begin_array_member(b, "diagnostics");
                json_arr_end(b);
                json_set_int(b, "exit", rc);
                json_doc_print(b);
                return rc;
        }
        fprintf(stderr, "bondcfg: %s\n", msg);
        if (hint)
                fprintf(stderr, "  hint: %s\n", hint);
        return rc;
}

int cmd_load_config(const BondcfgCtx *ctx, Config **config, DiagList *diags)
{
        g_autoptr(Config) c = NULL;
        int r;

        r = config_load_dir(ctx->dir, &c, diags);
        if (r < 0)
                return cmd_fail(
                        ctx, EXIT_USAGE,
                        r == -ENOENT && !ctx->config_dir ? "use --config-dir DIR or --root DIR"
                                                         : NULL,
                        "cannot read configuration directory %s: %s", ctx->dir, g_strerror(-r));
        validate_config(c, diags);
        /* apply, down, stop: a file anyone but root can change is an error
         * (trust.h); check leaves it a warning */
        if (ctx->strict_files)
                trust_enforce(diags);
        *config = g_steal_pointer(&c);
        return 0;
}

int cmd_select_bonds(const BondcfgCtx *ctx, const Config *config, int argc, char **argv,
                     bool onboot_only, GPtrArray **out)
{
        g_autoptr(GPtrArray) sel = g_ptr_array_new();

        if (argc <= 1) {
                for (guint i = 0; i < config->bonds->len; i++) {
                        CfgBond *b = config->bonds->pdata[i];

                        if (!onboot_only || b->onboot)
                                g_ptr_array_add(sel, b);
                }
        }
        g_autoptr(GPtrArray) unknown = g_ptr_array_new();

        for (int i = 1; i < argc; i++) {
                CfgBond *b = config_find_bond(config, argv[i]);

                if (!b) {
                        g_ptr_array_add(unknown, argv[i]);
                        continue;
                }
                if (!g_ptr_array_find(sel, b, NULL))
                        g_ptr_array_add(sel, b);
        }
        if (unknown->len) {
                g_autofree char *list = NULL;

                g_ptr_array_add(unknown, NULL);
                list = g_strjoinv("', '", (char **)unknown->pdata);
                return cmd_fail(ctx, EXIT_USAGE, "'bondcfg show' lists the bonds of the files",
                                "no bond named '%s' in %s", list, config->dir);
        }
        *out = g_steal_pointer(&sel);
        return 0;
}

/* Does file f say it belongs to bond b (MASTER or MASTER_UUID names it)? */
static bool names_bond(const IfcfgFile *f, const CfgBond *b)
{
        static const char *const keys[] = { "MASTER", "MASTER_UUID" };

        for (size_t i = 0; i < G_N_ELEMENTS(keys); i++) {
                const char *v = ifcfg_get(f, keys[i]);

                if (v && *v &&
                    (g_strcmp0(v, b->name) == 0 || g_strcmp0(v, b->nm_name) == 0 ||
                     (b->uuid && g_ascii_strcasecmp(v, b->uuid) == 0)))
                        return true;
        }
        return false;
}

/* A file whose identity keys could not be read may belong to any bond. */
static bool identity_unknown(const IfcfgFile *f)
{
        static const char *const keys[] = { "DEVICE",         "TYPE",  "MASTER",
                                            "MASTER_UUID",    "SLAVE", "BONDING_OPTS",
                                            "BONDING_MASTER", "HWADDR" };

        for (size_t i = 0; i < G_N_ELEMENTS(keys); i++)
                if (ifcfg_refused(f, keys[i]))
                        return true;
        return false;
}

void cmd_scope_diags(const Config *c, const GPtrArray *bonds, DiagList *diags)
{
        g_autoptr(GHashTable) files = g_hash_table_new(g_str_hash, g_str_equal);
        g_autoptr(GHashTable) any = g_hash_table_new(g_str_hash, g_str_equal);

        /* every file of some device: an untrusted file that is none of these
         * (the directory, /etc/sysconfig/network, bondcfg.conf) concerns
         * every bond */
        for (guint i = 0; i < c->files->len; i++)
                g_hash_table_add(any, (gpointer)ifcfg_path(c->files->pdata[i]));
        for (guint i = 0; i < c->bonds->len; i++) {
                const CfgBond *b = c->bonds->pdata[i];

                for (guint k = 0; b->files && k < b->files->len; k++)
                        g_hash_table_add(any, b->files->pdata[k]);
        }

        for (guint i = 0; i < c->files->len; i++) {
                const IfcfgFile *f = c->files->pdata[i];
                bool in = identity_unknown(f);

                for (guint k = 0; k < bonds->len && !in; k++) {
                        const CfgBond *b = bonds->pdata[k];

                        in = f == b->ifcfg || names_bond(f, b);
                        for (guint j = 0; j < b->ports->len && !in; j++)
                                in = ((const CfgPort *)b->ports->pdata[j])->ifcfg == f;
                }
                if (in)
                        g_hash_table_add(files, (gpointer)ifcfg_path(f));
        }
        for (guint i = 0; i < bonds->len; i++) {
                const CfgBond *b = bonds->pdata[i];

                for (guint k = 0; b->files && k < b->files->len; k++)
                        g_hash_table_add(files, b->files->pdata[k]);
                /* the VLANs and bridges above it, and the files of theirs */
                for (guint k = 0; c->vlans && k < c->vlans->len; k++) {
                        const CfgVlan *v = c->vlans->pdata[k];

                        if (cfg_vlan_on_bond(v, b))
                                g_hash_table_add(files, (gpointer)ifcfg_path(v->ifcfg));
                }
                for (guint k = 0; c->bridges && k < c->bridges->len; k++) {
                        const CfgBridge *br = c->bridges->pdata[k];

                        if (cfg_bridge_on_bond(br, b))
                                g_hash_table_add(files, (gpointer)ifcfg_path(br->ifcfg));
                }
        }
        for (guint i = diags->items->len; i-- > 0;) {
                Diag *d = diags->items->pdata[i];
                char *m;

                if (!d->file || g_hash_table_contains(files, d->file))
                        continue;
                if (d->untrusted && !g_hash_table_contains(any, d->file))
                        continue;
                if (d->severity != DIAG_ERROR) {
                        g_ptr_array_remove_index(diags->items, i);
                        continue;
                }
                d->severity = DIAG_WARNING;
                m = g_strdup_printf("%s (not a file of the bond%s named: ignored)", d->message,
                                    bonds->len == 1 ? "" : "s");
                g_free(d->message);
                d->message = m;
        }
}

int cmd_load_selected(const BondcfgCtx *ctx, int argc, char **argv, bool onboot_only,
                      Config **config, GPtrArray **bonds, DiagList *diags)
{
        g_autoptr(Config) c = NULL;
        int r;

        r = cmd_load_config(ctx, &c, diags);
        if (r)
                return r;
        r = cmd_select_bonds(ctx, c, argc, argv, onboot_only, bonds);
        if (r)
                return r;
        /* BOND named: errors in files that are not its are warnings. */
        if (argc > 1)
                cmd_scope_diags(c, *bonds, diags);
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

void json_add_diags(JsonDoc *b, const DiagList *diags)
{
        json_begin_array_member(b, "diagnostics");
        for (guint i = 0; i < diags->items->len; i++) {
                const Diag *d = diags->items->pdata[i];

                json_obj_begin(b);
                json_set_string(b, "severity", diag_severity_to_string(d->severity));
                json_set_string(b, "file", d->file);
                json_set_uint_or_null(b, "line", d->line, d->line != 0);
                json_set_string(b, "key", d->key);
                json_set_string(b, "message", d->message);
                json_set_string(b, "hint", d->hint);
                json_obj_end(b);
        }
        json_arr_end(b);
}

int cmd_nic_checks(const BondcfgCtx *ctx, const Config *c, const GPtrArray *bonds,
                   UdevCheckMode mode, const Snapshot *links, DiagList *diags)
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
        if (ctx->strict_files)
                trust_enforce(diags);
        for (guint i = 0; i < bonds->len; i++)
                names[i] = ((const CfgBond *)bonds->pdata[i])->name;

        diags->errors_as_warnings = ctx->force;
        r = udev_check_config(c, settings, names, mode, ctx->offline, links, diags);
        diags->errors_as_warnings = saved;
        if (r < 0)
                return cmd_fail(NULL, EXIT_USAGE, dl_lib_hint(r), "member NIC checks failed: %s",
                                dl_lib_strerror(r));
        return 0;
}

/* Does the bond have an IPv4 secondary address (promote_secondaries may
 * matter when its primary goes)? */
static bool has_secondary(const Snapshot *s, const SnapLink *l)
{
        for (guint i = 0; l && i < s->addrs->len; i++) {
                const SnapAddr *a = s->addrs->pdata[i];

                if (a->ifindex == l->ifindex && (a->flags & IFA_F_SECONDARY))
                        return true;
        }
        return false;
}

void cmd_read_sysctls(Snapshot *s, const GPtrArray *bonds)
{
        g_autofree const char **names = g_new0(const char *, (bonds ? bonds->len : 0) + 1);
        bool fresh = false;
        guint n = 0;

        /* Only what the plan may compare: the configured sysctls, and
         * promote_secondaries; files in /proc are not free either. */
        for (guint i = 0; bonds && i < bonds->len; i++) {
                const CfgBond *b = bonds->pdata[i];
                const SnapLink *l = snapshot_link_by_name(s, b->name);

                if (b->l3->sysctls->len || has_secondary(s, l))
                        names[n++] = b->name;
                fresh |= !l && b->l3->sysctls->len;
        }
        if (n || fresh)
                snapshot_read_sysctls(s, names, fresh);
}

Owned *cmd_load_owned(const char *name, const Snapshot *s)
{
        g_autofree char *dir = owned_dir();
        const SnapLink *l = snapshot_link_by_name(s, name);

        return owned_load(dir, name, l ? l->ifindex : -1);
}

GHashTable *cmd_load_stack_owned(const Config *cfg, const CfgBond *b, const Snapshot *s)
{
        GHashTable *h =
                g_hash_table_new_full(g_str_hash, g_str_equal, NULL, (GDestroyNotify)owned_free);
        g_autoptr(GPtrArray) names = plan_stack_names(cfg, b);

        for (guint i = 0; i < names->len; i++)
                g_hash_table_insert(h, names->pdata[i], cmd_load_owned(names->pdata[i], s));
        return h;
}

void cmd_read_stack_sysctls(Snapshot *s, const Config *cfg, const GPtrArray *bonds)
{
        g_autoptr(GPtrArray) names = g_ptr_array_new();
        bool fresh = false;

        for (guint i = 0; bonds && i < bonds->len; i++) {
                g_autoptr(GPtrArray) vlans = plan_stack_vlans(cfg, bonds->pdata[i]);

                g_autoptr(GPtrArray) bridges = plan_stack_bridges(cfg, bonds->pdata[i]);

                for (guint k = 0; k < vlans->len; k++) {
                        const CfgVlan *v = vlans->pdata[k];

                        if (!v->l3->sysctls->len)
                                continue;
                        g_ptr_array_add(names, v->name);
                        fresh |= !snapshot_link_by_name(s, v->name);
                }
                for (guint k = 0; k < bridges->len; k++) {
                        const CfgBridge *br = bridges->pdata[k];

                        if (!br->l3->sysctls->len)
                                continue;
                        g_ptr_array_add(names, br->name);
                        fresh |= !snapshot_link_by_name(s, br->name);
                }
        }
        g_ptr_array_add(names, NULL);
        if (names->len > 1 || fresh)
                snapshot_read_sysctls(s, (const char *const *)names->pdata, fresh);
}
