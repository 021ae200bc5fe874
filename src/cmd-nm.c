/* SPDX-License-Identifier: GPL-2.0-or-later */
/* NetworkManager beside bondcfg: see cmd-nm.h. */
#include "cmd-nm.h"

#include <errno.h>
#include <stdio.h>

#include "log.h"
#include "nm-conf.h"
#include "nm-dbus.h"
#include "plan.h"
#include "plan-stack.h"
#include "settings.h"
#include "state-file.h"

/* NetworkManager is installed (its configuration directory, which every
 * package of it ships) or runs. */
static bool nm_present(void)
{
        return g_file_test("/etc/NetworkManager", G_FILE_TEST_IS_DIR) ||
               g_file_test("/usr/lib/NetworkManager", G_FILE_TEST_IS_DIR);
}

static bool keep_off(const BondcfgCtx *ctx)
{
        g_autoptr(DiagList) d = diag_list_new();
        g_autoptr(Settings) s = NULL;

        if (ctx->root || ctx->offline)
                return false;
        /* the settings' own problems are check's to report */
        if (settings_load(NULL, &s, d) < 0)
                return true;
        return s->nm_keep_off;
}

/* The devices of b: the bond, then its ports (by name, or the link a
 * HWADDR-only port resolves to in snap). */
static GPtrArray *bond_devices(const CfgBond *b, const Snapshot *snap)
{
        GPtrArray *a = g_ptr_array_new();

        g_ptr_array_add(a, b->name);
        for (guint i = 0; i < b->ports->len; i++) {
                const CfgPort *p = b->ports->pdata[i];
                const SnapLink *l = snap ? plan_resolve_port(p, snap) : NULL;
                const char *n = l ? l->name : p->name;

                if (n && !g_ptr_array_find_with_equal_func(a, n, g_str_equal, NULL))
                        g_ptr_array_add(a, (char *)n);
        }
        g_ptr_array_add(a, NULL);
        return a;
}

static const IfcfgFile *file_of(const CfgBond *b, const char *dev)
{
        for (guint i = 0; i < b->ports->len; i++) {
                const CfgPort *p = b->ports->pdata[i];

                if (g_strcmp0(p->name, dev) == 0)
                        return p->ifcfg;
        }
        return b->ifcfg;
}

static void conflict(DiagList *diags, const CfgBond *b, const char *dev, const NmProfile *p)
{
        const IfcfgFile *f = file_of(b, dev);
        g_autofree char *where = p->filename ? g_strdup_printf(", %s", p->filename) : NULL;
        g_autofree char *hint = g_strdup_printf(
                "hand %s over: 'nmcli connection down %s', and keep the profile from coming back "
                "('nmcli connection modify %s connection.autoconnect no', or NM_CONTROLLED=no in "
                "an ifcfg file NetworkManager reads); then apply again",
                dev, p->uuid ? p->uuid : p->id, p->uuid ? p->uuid : p->id);

        diag_add(diags, DIAG_ERROR, ifcfg_path(f), 0, NULL, hint,
                 "NetworkManager runs its profile '%s' (%s%s) on %s, %s %s: bondcfg changes "
                 "nothing",
                 p->id ? p->id : "?", p->uuid ? p->uuid : "no uuid", where ? where : "", dev,
                 g_str_equal(dev, b->name) ? "the bond" : "a port of", b->name);
}

void cmd_nm_check(const BondcfgCtx *ctx, const GPtrArray *bonds, const Snapshot *snap,
                  DiagList *diags)
{
        g_autoptr(NmClient) nm = NULL;
        int r;

        if (!keep_off(ctx) || nm_client_new(&nm) < 0)
                return;
        for (guint i = 0; i < bonds->len; i++) {
                const CfgBond *b = bonds->pdata[i];
                g_autoptr(GPtrArray) devs = bond_devices(b, snap);

                for (guint k = 0; devs->pdata[k]; k++) {
                        g_autoptr(NmProfile) p = NULL;

                        r = nm_client_active_profile(nm, devs->pdata[k], &p);
                        if (r < 0)
                                diag_add(diags, DIAG_WARNING, NULL, 0, NULL, NULL,
                                         "cannot ask NetworkManager about %s: %s",
                                         (char *)devs->pdata[k],
                                         nm_client_error(nm) ? nm_client_error(nm)
                                                             : g_strerror(-r));
                        else if (p && !nm_profile_is_generated(p))
                                conflict(diags, b, devs->pdata[k], p);
                }
        }
}

static void nm_reload(const BondcfgCtx *ctx, const char *bond)
{
        g_autoptr(NmClient) nm = NULL;
        int r = nm_client_new(&nm);

        if (r == -ENOENT)
                return; /* not running: it reads the file when it starts */
        if (r >= 0)
                r = nm_client_reload_conf(nm);
        if (r < 0) {
                const char *why = nm && nm_client_error(nm) ? nm_client_error(nm) : g_strerror(-r);

                log_bond(LOG_WARNING, bond,
                         "cannot make NetworkManager reload its configuration: %s", why);
                if (!ctx->json)
                        fprintf(stderr,
                                "bondcfg: warning: cannot make NetworkManager reload its "
                                "configuration: %s\n  hint: run 'nmcli general reload conf'\n",
                                why);
        }
}

/* Set bond's record (devices NULL: remove it); true if the file changed. */
static bool set_record(const BondcfgCtx *ctx, const char *bond, const char *const *devices)
{
        g_autofree char *dir = state_dir("nm");
        bool changed = false;
        int r = nm_conf_set(dir, NM_CONF_DIR, bond, devices, &changed);

        if (r < 0) {
                log_bond(LOG_WARNING, bond, "cannot write %s/%s: %s", NM_CONF_DIR, NM_CONF_NAME,
                         g_strerror(-r));
                if (!ctx->json)
                        fprintf(stderr,
                                "bondcfg: warning: cannot tell NetworkManager to leave %s alone "
                                "(%s/%s): %s\n",
                                bond, NM_CONF_DIR, NM_CONF_NAME, g_strerror(-r));
                return false;
        }
        return changed;
}

void cmd_nm_claim(const BondcfgCtx *ctx, const Config *cfg, const GPtrArray *bonds,
                  const Snapshot *snap, bool all)
{
        g_autoptr(GHashTable) old = NULL;
        const char *last = NULL;
        bool changed = false;

        if (!keep_off(ctx) || !nm_present())
                return;
        for (guint i = 0; i < bonds->len; i++) {
                const CfgBond *b = bonds->pdata[i];
                g_autoptr(GPtrArray) devs = bond_devices(b, snap);
                g_autoptr(GPtrArray) above = plan_stack_names(cfg, b);

                /* and the links stacked on it (before the NULL end) */
                for (guint k = 0; k < above->len; k++)
                        g_ptr_array_insert(devs, (gint)devs->len - 1, above->pdata[k]);
                if (set_record(ctx, b->name, (const char *const *)devs->pdata)) {
                        g_autofree char *list = g_strjoinv(", ", (char **)devs->pdata);

                        log_bond(LOG_NOTICE, b->name, "NetworkManager is to leave %s alone (%s/%s)",
                                 list, NM_CONF_DIR, NM_CONF_NAME);
                        changed = true;
                        last = b->name;
                }
        }
        old = all ? cmd_nm_records() : NULL;
        if (old) {
                GHashTableIter it;
                gpointer k;

                g_hash_table_iter_init(&it, old);
                while (g_hash_table_iter_next(&it, &k, NULL)) {
                        if (config_find_bond(cfg, k) || !set_record(ctx, k, NULL))
                                continue;
                        log_bond(LOG_NOTICE, k,
                                 "not in the files any more: NetworkManager may take its "
                                 "devices again");
                        changed = true;
                        last = k;
                }
        }
        if (changed)
                nm_reload(ctx, last);
}

void cmd_nm_release(const BondcfgCtx *ctx, const char *bond)
{
        g_autoptr(GHashTable) records = cmd_nm_records();

        if (!records || !g_hash_table_contains(records, bond))
                return;
        if (!set_record(ctx, bond, NULL))
                return;
        log_bond(LOG_NOTICE, bond, "NetworkManager may take its devices again");
        nm_reload(ctx, bond);
}

GHashTable *cmd_nm_records(void)
{
        g_autofree char *dir = state_dir("nm");
        int r;

        return nm_conf_records(dir, &r);
}
