/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Loading the bonding module with libkmod.
 *
 * libkmod (with libzstd, liblzma and libcrypto behind it) is needed only on
 * the first apply after boot, so it is dlopen()ed on demand, as systemd does
 * with its optional libraries: every other run starts without loading four
 * shared libraries.
 */
#include "module.h"

#include "dl-lib.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <libkmod.h>

static struct {
        void *dl;
        typeof(kmod_new) *new_ctx;
        typeof(kmod_unref) *unref;
        typeof(kmod_module_new_from_name) *module_new_from_name;
        typeof(kmod_module_unref) *module_unref;
        typeof(kmod_module_get_options) *module_get_options;
        typeof(kmod_module_probe_insert_module) *probe_insert_module;
} kmod;

static int kmod_dlopen(void)
{
        const DlSym syms[] = {
                DL_SYM(kmod.new_ctx, kmod_new),
                DL_SYM(kmod.unref, kmod_unref),
                DL_SYM(kmod.module_new_from_name, kmod_module_new_from_name),
                DL_SYM(kmod.module_unref, kmod_module_unref),
                DL_SYM(kmod.module_get_options, kmod_module_get_options),
                DL_SYM(kmod.probe_insert_module, kmod_module_probe_insert_module),
        };

        return dl_lib_load(DL_KMOD, syms, G_N_ELEMENTS(syms), &kmod.dl);
}

typedef struct kmod_ctx KmodCtx;
typedef struct kmod_module KmodModule;

static void kmod_ctx_free(KmodCtx *c)
{
        kmod.unref(c);
}

static void kmod_module_free(KmodModule *m)
{
        kmod.module_unref(m);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC(KmodCtx, kmod_ctx_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(KmodModule, kmod_module_free)

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

/* Load module name through libkmod (modprobe.d's blacklist and options,
 * then extra); *loaded tells whether this call loaded it. */
static int module_load(const char *name, const char *(*extra)(const char *config_opts),
                       bool *loaded, char **error)
{
        g_autoptr(KmodCtx) ctx = NULL;
        g_autoptr(KmodModule) mod = NULL;
        const char *null_config = NULL;
        int r;

        r = kmod_dlopen();
        if (r < 0) {
                if (error)
                        *error = g_strdup(dl_lib_strerror(r));
                return r;
        }
        ctx = kmod.new_ctx(NULL, &null_config);
        if (!ctx) {
                if (error)
                        *error = g_strdup("cannot initialise libkmod");
                return -ENOMEM;
        }
        r = kmod.module_new_from_name(ctx, name, &mod);
        if (r < 0) {
                if (error)
                        *error = g_strdup_printf("cannot look up module %s: %s", name,
                                                 g_strerror(-r));
                return r;
        }
        r = kmod.probe_insert_module(mod, KMOD_PROBE_APPLY_BLACKLIST,
                                     extra ? extra(kmod.module_get_options(mod)) : NULL, NULL, NULL,
                                     NULL);
        if (r != 0) {
                if (r > 0) /* KMOD_PROBE_APPLY_BLACKLIST* */
                        r = -EPERM;
                if (error)
                        *error = r == -EPERM
                                         ? g_strdup_printf("module %s is blacklisted in modprobe.d",
                                                           name)
                                         : g_strdup_printf("cannot load module %s: %s", name,
                                                           g_strerror(-r));
                return r;
        }
        if (loaded)
                *loaded = true;
        return 0;
}

int bond_module_ensure(bool *loaded, char **error)
{
        if (loaded)
                *loaded = false;
        if (bond_module_loaded())
                return 0;
        return module_load("bonding", bond_module_extra_options, loaded, error);
}

int link_module_ensure(const char *name, char **error)
{
        g_autofree char *sys = g_strconcat("/sys/module/", name, NULL);

        if (access(sys, F_OK) == 0)
                return 0;
        return module_load(name, NULL, NULL, error);
}
