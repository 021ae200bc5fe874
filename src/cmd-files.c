/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bondcfg files [--null] [BOND...]: what bringing the bonds up needs, for
 * the dracut module (and any script) to read without parsing JSON.  One
 * record per line, or per NUL with --null (then any path is safe):
 *   bond NAME      an ONBOOT bond (all of them when none is named)
 *   dhcp NAME      that bond, a VLAN or a bridge of its stack, takes its
 *                  IPv4 address from a DHCP client
 *   file PATH      a file it reads: the bond's, its ports', its route and
 *                  rule files, /etc/sysconfig/network, those of the ONBOOT
 *                  VLANs and bridges on it
 *   module NAME    a kernel module its stack needs (8021q, bridge)
 *   library SONAME a shared library bondcfg dlopen()s to bring a bond up
 *                  (dl-lib.h), which no tool finds in the binary itself
 * The exit status is check's: 1 when the files have errors (the records
 * are printed all the same).
 */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "dl-lib.h"
#include "plan-stack.h"

typedef struct {
        char end; /* '\n' or '\0' */
        GHashTable *seen;
} Out;

static void put(Out *o, const char *kind, const char *value)
{
        g_autofree char *rec = g_strdup_printf("%s %s", kind, value);

        if (!value || !g_hash_table_add(o->seen, g_steal_pointer(&rec)))
                return;
        printf("%s %s%c", kind, value, o->end);
}

static void put_l3(Out *o, const char *name, const CfgL3 *l3)
{
        for (guint i = 0; l3 && l3->files && i < l3->files->len; i++)
                put(o, "file", l3->files->pdata[i]);
        if (l3 && l3->dhcp4)
                put(o, "dhcp", name);
}

int cmd_files(BondcfgCtx *ctx, int argc, char **argv)
{
        g_autoptr(DiagList) diags = diag_list_new();
        g_autoptr(Config) cfg = NULL;
        g_autoptr(GPtrArray) bonds = NULL;
        g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
        Out o = { .end = '\n', .seen = seen };
        int r, n = 0;

        for (int i = 1; i < argc; i++) {
                if (strcmp(argv[i], "--null") == 0)
                        o.end = '\0';
                else
                        argv[++n] = argv[i];
        }
        argc = n + 1;
        r = cmd_load_selected(ctx, argc, argv, true, &cfg, &bonds, diags);
        if (r)
                return r;
        for (guint i = 0; i < bonds->len; i++) {
                const CfgBond *b = bonds->pdata[i];
                g_autoptr(GPtrArray) vlans = plan_stack_vlans(cfg, b);
                g_autoptr(GPtrArray) bridges = plan_stack_bridges(cfg, b);

                put(&o, "bond", b->name);
                put(&o, "file", ifcfg_path(b->ifcfg));
                for (guint k = 0; k < b->ports->len; k++)
                        put(&o, "file", ifcfg_path(((const CfgPort *)b->ports->pdata[k])->ifcfg));
                for (guint k = 0; b->files && k < b->files->len; k++)
                        put(&o, "file", b->files->pdata[k]);
                if (b->l3->dhcp4)
                        put(&o, "dhcp", b->name);
                for (guint k = 0; k < vlans->len; k++) {
                        const CfgVlan *v = vlans->pdata[k];

                        put(&o, "module", "8021q");
                        put(&o, "file", ifcfg_path(v->ifcfg));
                        put_l3(&o, v->name, v->l3);
                }
                for (guint k = 0; k < bridges->len; k++) {
                        const CfgBridge *br = bridges->pdata[k];

                        put(&o, "module", "bridge");
                        put(&o, "file", ifcfg_path(br->ifcfg));
                        put_l3(&o, br->name, br->l3);
                }
        }
        for (int id = 0; id < _DL_LIB_MAX; id++)
                if (dl_libs[id].boot)
                        put(&o, "library", dl_libs[id].soname);
        fflush(stdout);
        return diag_has_errors(diags) ? EXIT_CONFIG : EXIT_OK;
}
