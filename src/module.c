/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Loading the bonding module with libkmod. */
#include "module.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <libkmod.h>

typedef struct kmod_ctx KmodCtx;
typedef struct kmod_module KmodModule;
G_DEFINE_AUTOPTR_CLEANUP_FUNC(KmodCtx, kmod_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(KmodModule, kmod_module_unref)

bool bond_module_loaded(void)
{
        return access("/sys/module/bonding", F_OK) == 0 ||
               access("/sys/class/net/bonding_masters", F_OK) == 0;
}

const char *bond_module_extra_options(const char *config_opts)
{
        const char *p = config_opts;

        while (p && (p = strstr(p, "max_bonds")) != NULL) {
                bool start = p == config_opts || p[-1] == ' ' || p[-1] == '\t';

                p += strlen("max_bonds");
                if (start && *p == '=')
                        return NULL;
        }
        return "max_bonds=0";
}

int bond_module_ensure(bool *loaded, char **error)
{
        g_autoptr(KmodCtx) ctx = NULL;
        g_autoptr(KmodModule) mod = NULL;
        const char *null_config = NULL;
        int r;

        if (loaded)
                *loaded = false;
        if (bond_module_loaded())
                return 0;
        ctx = kmod_new(NULL, &null_config);
        if (!ctx) {
                if (error)
                        *error = g_strdup("cannot initialise libkmod");
                return -ENOMEM;
        }
        r = kmod_module_new_from_name(ctx, "bonding", &mod);
        if (r < 0) {
                if (error)
                        *error = g_strdup_printf("cannot look up module bonding: %s",
                                                 g_strerror(-r));
                return r;
        }
        r = kmod_module_probe_insert_module(mod, KMOD_PROBE_APPLY_BLACKLIST,
                                            bond_module_extra_options(kmod_module_get_options(mod)),
                                            NULL, NULL, NULL);
        if (r != 0) {
                if (r > 0) /* KMOD_PROBE_APPLY_BLACKLIST* */
                        r = -EPERM;
                if (error)
                        *error = g_strdup_printf(
                                r == -EPERM ? "module bonding is blacklisted in modprobe.d"
                                            : "cannot load module bonding: %s",
                                g_strerror(-r));
                return r;
        }
        if (loaded)
                *loaded = true;
        return 0;
}
