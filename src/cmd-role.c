/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bondcfg role FILE: what an ifcfg file is to bondcfg, in one line that a
 * shell reads with `read -r role name bond proto` (the initscripts hooks and
 * the dracut module, instead of parsing JSON).  Every field is a kernel
 * link name (checked: no blanks, at most 15 bytes) or a fixed word, "-"
 * when empty:
 *   bond   BOND   BOND  static|dhcp
 *   vlan   VLAN   BOND  static|dhcp    (a VLAN of the stack on BOND)
 *   bridge BRIDGE BOND  static|dhcp    (BOND: the first bond below it)
 *   port   PORT   BOND  -
 *   none   -      -     -              (not bondcfg's: a plain NIC, a VLAN
 *                                       or bridge with no bond below...)
 */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "config-stack.h"

static bool same_file(const IfcfgFile *f, const char *want)
{
        g_autofree char *base = f ? g_path_get_basename(ifcfg_path(f)) : NULL;

        return base && strcmp(base, want) == 0;
}

static const char *proto(const CfgL3 *l3)
{
        return l3 && l3->dhcp4 ? "dhcp" : "static";
}

/* A link name a shell reads back whole: 1 to 15 bytes, printable, no blank,
 * quote, backslash or slash (NULL is "-"). */
static bool shell_safe(const char *s)
{
        if (!s)
                return true;
        if (!*s || strlen(s) > 15)
                return false;
        for (; *s; s++)
                if (!g_ascii_isgraph(*s) || strchr("\"'\\/$`", *s))
                        return false;
        return true;
}

static const char *dash(const char *s)
{
        return s && *s ? s : "-";
}

int cmd_role(BondcfgCtx *ctx, int argc, char **argv)
{
        g_autoptr(DiagList) diags = diag_list_new();
        g_autoptr(Config) cfg = NULL;
        g_autofree char *want = NULL;
        const char *role = "none", *name = NULL, *bond = NULL, *bp = NULL;
        int r;

        if (argc != 2)
                return cmd_fail(ctx, EXIT_USAGE, "bondcfg role ifcfg-bond0",
                                "role needs one ifcfg file name (ifcfg-NAME)");
        want = g_path_get_basename(argv[1]);
        if (!g_str_has_prefix(want, "ifcfg-")) {
                g_autofree char *t = g_strconcat("ifcfg-", want, NULL);

                g_free(want);
                want = g_steal_pointer(&t);
        }
        r = cmd_load_config(ctx, &cfg, diags);
        if (r)
                return r;
        for (guint i = 0; i < cfg->bonds->len && !name; i++) {
                const CfgBond *b = cfg->bonds->pdata[i];

                if (same_file(b->ifcfg, want))
                        role = "bond", name = bond = b->name, bp = proto(b->l3);
        }
        for (guint i = 0; i < cfg->ports->len && !name; i++) {
                const CfgPort *p = cfg->ports->pdata[i];

                if (p->bond && same_file(p->ifcfg, want))
                        role = "port", name = p->name, bond = p->bond->name;
        }
        for (guint i = 0; cfg->vlans && i < cfg->vlans->len && !name; i++) {
                const CfgVlan *v = cfg->vlans->pdata[i];

                if (same_file(v->ifcfg, want))
                        role = "vlan", name = v->name, bond = v->bond->name, bp = proto(v->l3);
        }
        for (guint i = 0; cfg->bridges && i < cfg->bridges->len && !name; i++) {
                const CfgBridge *br = cfg->bridges->pdata[i];
                const CfgBridgePort *p0 = br->ports->len ? br->ports->pdata[0] : NULL;

                if (!p0 || !same_file(br->ifcfg, want))
                        continue;
                role = "bridge", name = br->name, bp = proto(br->l3);
                bond = p0->kind == CFG_BRIDGE_PORT_BOND ? p0->bond->name : p0->vlan->bond->name;
        }
        for (const char *const *f = (const char *const[]){ name, bond, NULL }; *f; f++)
                if (!shell_safe(*f))
                        return cmd_fail(ctx, EXIT_CONFIG, "'bondcfg check' names the line to fix",
                                        "%s: the name \"%s\" is not a valid interface name", want,
                                        *f);
        if (ctx->json) {
                g_autoptr(JsonDoc) b = json_doc_new();

                json_set_string(b, "file", want);
                json_set_string(b, "role", role);
                json_set_string(b, "name", name);
                json_set_string(b, "bond", bond);
                json_set_string(b, "bootproto", bp);
                json_doc_print(b);
                return EXIT_OK;
        }
        printf("%s %s %s %s\n", role, dash(name), dash(bond), dash(bp));
        return EXIT_OK;
}
