/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A link's static routes and rules: the files initscripts' ifup-routes
 * reads (it runs from ifup-post unless NOROUTESET is true):
 *
 *   route-DEV route6-DEV           ifup-routes DEV NICK: DEV is the device,
 *   route-NICK route6-NICK         NICK the ifcfg file's name after "ifcfg-"
 *   NICK.route                     (only when it differs from DEV)
 *   rule-DEV rule6-DEV rule-NICK rule6-NICK
 *
 * The files are parsed by route-file.c, never sourced.
 */
#include "config-l3-internal.h"
#include "trust.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include "ip-names.h"
#include "route-file.h"

/*
 * iproute2's table and protocol names: below the root the ifcfg directory
 * is in (DIR/../../iproute2 for .../etc/sysconfig/network-scripts), else
 * this system's.
 */
static IpNames *load_names(const char *dir, DiagList *diags)
{
        static const char tail[] = "/sysconfig/network-scripts";
        IpNames *n = ip_names_new();
        g_autofree char *d = g_strdup(dir);
        g_autofree char *etc = NULL;
        size_t len = strlen(d);

        while (len > 1 && d[len - 1] == '/')
                d[--len] = '\0';
        if (len > strlen(tail) && g_str_has_suffix(d, tail)) {
                d[len - strlen(tail)] = '\0';
                etc = g_build_filename(d, "iproute2", NULL);
        }
        ip_names_load(n, etc ? etc : IP_NAMES_ETC_DIR, IP_NAMES_USR_DIR, diags);
        return n;
}

static void add_file(L3Ctx *x, const char *path)
{
        for (guint i = 0; i < x->l3->files->len; i++)
                if (g_str_equal(x->l3->files->pdata[i], path))
                        return;
        g_ptr_array_add(x->l3->files, g_strdup(path));
}

/* The names, read when the first route or rule file turns up. */
static const IpNames *names_for(L3Ctx *x, IpNames **names)
{
        if (!*names)
                *names = load_names(x->dir, x->diags);
        return *names;
}

/* One route (rules false) or rule file of the directory, if it exists. */
static void read_file(L3Ctx *x, IpNames **names, const char *name, int family, bool rules)
{
        g_autofree char *path = g_build_filename(x->dir, name, NULL);
        guint first = x->diags->items->len;
        int r;

        if (!l3_dir_has(x, name))
                return;
        r = rules ? rule_file_load(path, family, names_for(x, names), x->l3->rules, x->diags)
                  : route_file_load(path, x->l3->dev, family, names_for(x, names), x->l3->routes,
                                    x->diags);
        /* ifup-routes runs `ip route add` line by line and goes on after a
         * line that fails: a line bondcfg cannot take is left out, with a
         * warning, and the bond comes up without it. */
        for (guint i = first; i < x->diags->items->len; i++) {
                Diag *d = x->diags->items->pdata[i];
                char *m;

                if (d->severity != DIAG_ERROR)
                        continue;
                d->severity = DIAG_WARNING;
                m = g_strdup_printf("%s (left out: the bond comes up without it, as "
                                    "ifup-routes goes on after a line ip refuses)",
                                    d->message);
                g_free(d->message);
                d->message = m;
        }
        if (r == -ENOENT)
                return;
        add_file(x, path);
        if (r < 0)
                trust_read_failed(x->diags, path, r);
}

void l3_files_load(L3Ctx *x)
{
        const char *nick = ifcfg_suffix(x->f);
        const char *dev = x->l3->dev;
        const char *names[] = { dev, nick && !g_str_equal(nick, dev) ? nick : NULL };
        g_autoptr(IpNames) ipn = NULL;

        if (l3_bool(x, "NOROUTESET") == 1)
                return;
        for (size_t i = 0; i < G_N_ELEMENTS(names) && names[i]; i++) {
                g_autofree char *r4 = g_strconcat("route-", names[i], NULL);
                g_autofree char *r6 = g_strconcat("route6-", names[i], NULL);

                read_file(x, &ipn, r4, AF_INET, false);
                read_file(x, &ipn, r6, AF_INET6, false);
        }
        /* ifup-routes: "Red Hat network configuration format", NICK.route */
        if (nick) {
                g_autofree char *legacy = g_strconcat(nick, ".route", NULL);

                read_file(x, &ipn, legacy, AF_INET, false);
        }
        for (size_t i = 0; i < G_N_ELEMENTS(names) && names[i]; i++) {
                g_autofree char *u4 = g_strconcat("rule-", names[i], NULL);
                g_autofree char *u6 = g_strconcat("rule6-", names[i], NULL);

                read_file(x, &ipn, u4, AF_INET, true);
                read_file(x, &ipn, u6, AF_INET6, true);
        }
}
