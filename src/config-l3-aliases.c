/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Alias and range files: more IPv4 addresses of a link, each with its own
 * label, as initscripts' ifup-aliases adds them (from ifup-post):
 *
 *   ifcfg-DEV:N       DEVICE (default DEV:N), IPADDR, PREFIX or NETMASK,
 *                     BROADCAST, ARPCHECK, ARPUPDATE, ONPARENT
 *   ifcfg-DEV-rangeN  IPADDR_START, IPADDR_END, CLONENUM_START: one address
 *                     per number, labelled DEV:CLONENUM
 *
 * PREFIX, NETMASK, BROADCAST, GATEWAY, ARPCHECK and ARPUPDATE of DEV's own
 * file are the defaults (ini_env()).  An address or label seen before is
 * an error in that file only; ONPARENT=no leaves the file out.
 */
#include "config-l3-internal.h"

#include <arpa/inet.h>
#include <string.h>
#include <sys/socket.h>

typedef struct {
        L3Ctx *x;
        GHashTable *ips, *labels; /* seen: text -> file */
} Aliases;

/* The alias file's value of key, else the parent's (ini_env()). */
static const char *alias_value(const IfcfgFile *a, const IfcfgFile *parent, const char *key)
{
        if (ifcfg_lookup(a, key))
                return cfg_get_str(a, key);
        return cfg_get_str(parent, key);
}

static void warn(Aliases *al, const IfcfgFile *a, const char *key, const char *hint,
                 const char *fmt, ...) G_GNUC_PRINTF(5, 6);
static void warn(Aliases *al, const IfcfgFile *a, const char *key, const char *hint,
                 const char *fmt, ...)
{
        va_list ap;

        va_start(ap, fmt);
        diag_addv(al->x->diags, DIAG_WARNING, ifcfg_path(a), ifcfg_line(a, key), key, hint, fmt,
                  ap);
        va_end(ap);
}

/* new_interface(): one labelled address. */
static void add_alias(Aliases *al, const IfcfgFile *a, const char *label, const char *ip)
{
        L3Ctx *x = al->x;
        const char *p = alias_value(a, x->f, "PREFIX"), *m = alias_value(a, x->f, "NETMASK");
        const char *b = cfg_get_str(a, "BROADCAST");
        g_autofree char *addr = l3_canonical(AF_INET, ip);
        unsigned prefix = 32;
        struct in_addr mask;
        CfgAddress *c;
        int v;

        if (!addr) {
                warn(al, a, "IPADDR", "write a dotted-quad address",
                     "IPADDR=%s is not an IPv4 "
                     "address: the alias is left out",
                     ip);
                return;
        }
        if (g_hash_table_contains(al->ips, addr)) {
                warn(al, a, "IPADDR", "give each alias its own address",
                     "address %s is already an alias: left out, as ifup-aliases does", addr);
                return;
        }
        if (strlen(label) > 15 || g_hash_table_contains(al->labels, label)) {
                warn(al, a, "DEVICE", "give each alias its own DEV:N name (15 bytes at most)",
                     "alias %s is seen twice or too long: left out, as ifup-aliases does", label);
                return;
        }
        if (p && !cfg_parse_decimal(p, 32, &prefix))
                p = NULL;
        if (!p && m && inet_pton(AF_INET, m, &mask) == 1)
                prefix = (unsigned)__builtin_popcount(mask.s_addr);
        g_hash_table_insert(al->ips, g_strdup(addr), g_strdup(ifcfg_path(a)));
        g_hash_table_insert(al->labels, g_strdup(label), g_strdup(ifcfg_path(a)));
        c = g_new0(CfgAddress, 1);
        c->family = AF_INET;
        c->address = g_steal_pointer(&addr);
        c->prefix = prefix;
        c->label = g_strdup(label);
        c->key = g_strdup("IPADDR");
        c->line = ifcfg_line(a, "IPADDR");
        /* BROADCAST equal to the parent's means "compute it" */
        if (b && g_strcmp0(b, cfg_get_str(x->f, "BROADCAST")) != 0)
                c->broadcast = l3_canonical(AF_INET, b);
        if (!c->broadcast)
                c->broadcast = l3_broadcast_of(c->address, prefix);
        v = ifcfg_parse_bool(alias_value(a, x->f, "ARPCHECK") ?: "");
        c->arpcheck = v != 0;
        v = ifcfg_parse_bool(alias_value(a, x->f, "ARPUPDATE") ?: "");
        c->arpupdate = v != 0;
        g_ptr_array_add(x->l3->addrs, c);
}

static void alias_file(Aliases *al, const IfcfgFile *a, const char *suffix)
{
        const char *dev = cfg_get_str(a, "DEVICE");
        const char *ip = cfg_get_str(a, "IPADDR");
        const char *gw = cfg_get_str(a, "GATEWAY");

        if (ifcfg_parse_bool(cfg_get_str(a, "ONPARENT") ?: "") == 0)
                return;
        if (!ip) {
                warn(al, a, "IPADDR", "add IPADDR, or remove the file",
                     "%s has no IPADDR: left out, as ifup-aliases does", ifcfg_path(a));
                return;
        }
        if (gw && g_strcmp0(gw, cfg_effective(al->x->f, al->x->net, "GATEWAY", NULL)) != 0)
                warn(al, a, "GATEWAY", "put the default route in the parent's file",
                     "GATEWAY=%s of an alias is not added: bondcfg adds the parent's", gw);
        add_alias(al, a, dev ? dev : suffix, ip);
}

/* ifcfg-DEV-rangeN: IPADDR_START..IPADDR_END, labelled DEV:CLONENUM_START... */
static void range_file(Aliases *al, const IfcfgFile *a)
{
        const char *s = cfg_get_str(a, "IPADDR_START"), *e = cfg_get_str(a, "IPADDR_END");
        const char *n = cfg_get_str(a, "CLONENUM_START");
        struct in_addr sa, ea;
        unsigned clone = 0;
        uint32_t from, to;

        if (ifcfg_parse_bool(cfg_get_str(a, "ONPARENT") ?: "") == 0)
                return;
        if (!s || !e || inet_pton(AF_INET, s, &sa) != 1 || inet_pton(AF_INET, e, &ea) != 1 ||
            (n && !cfg_parse_decimal(n, 1u << 20, &clone))) {
                warn(al, a, "IPADDR_START", "give IPADDR_START, IPADDR_END and CLONENUM_START",
                     "%s is not a usable range: left out", ifcfg_path(a));
                return;
        }
        from = ntohl(sa.s_addr);
        to = ntohl(ea.s_addr);
        if ((from >> 8) != (to >> 8) || from > to) {
                warn(al, a, "IPADDR_END", "keep the range in one /24, start before end",
                     "%s: IPADDR_START and IPADDR_END do not agree: left out, as ifup-aliases "
                     "does",
                     ifcfg_path(a));
                return;
        }
        for (uint32_t ip = from; ip <= to; ip++, clone++) {
                struct in_addr in = { .s_addr = htonl(ip) };
                char text[INET_ADDRSTRLEN];
                g_autofree char *label = g_strdup_printf("%s:%u", al->x->l3->dev, clone);

                add_alias(al, a, label, inet_ntop(AF_INET, &in, text, sizeof(text)));
        }
}

static gint cmp_str(gconstpointer a, gconstpointer b)
{
        return strcmp(*(char *const *)a, *(char *const *)b);
}

void l3_aliases_load(L3Ctx *x)
{
        g_autofree char *alias_pre = g_strdup_printf("ifcfg-%s:", x->l3->dev);
        g_autofree char *range_pre = g_strdup_printf("ifcfg-%s-range", x->l3->dev);
        g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
        g_autoptr(GHashTable) ips = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
        g_autoptr(GHashTable) labels =
                g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
        Aliases al = { .x = x, .ips = ips, .labels = labels };
        g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func(g_free);

        l3_dir_with_prefix(x, alias_pre, found);
        l3_dir_with_prefix(x, range_pre, found);
        for (guint i = 0; i < found->len; i++)
                if (!ifcfg_name_is_ignored(found->pdata[i]))
                        g_ptr_array_add(names, g_strdup(found->pdata[i]));
        g_ptr_array_sort(names, cmp_str);
        /* the alias files first, then the range files, as ifup-aliases */
        for (int pass = 0; pass < 2; pass++) {
                for (guint i = 0; i < names->len; i++) {
                        const char *n = names->pdata[i];
                        g_autofree char *path = g_build_filename(x->dir, n, NULL);
                        g_autoptr(IfcfgFile) a = NULL;
                        bool range = g_str_has_prefix(n, range_pre);

                        if (range != (pass == 1) || ifcfg_parse_file(path, &a, x->diags) < 0)
                                continue;
                        g_ptr_array_add(x->l3->files, g_strdup(path));
                        if (range)
                                range_file(&al, a);
                        else
                                alias_file(&al, a, n + strlen("ifcfg-"));
                }
        }
}
