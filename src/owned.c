/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What bondcfg put on a link (owned.h). */
#include "owned.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <linux/if_addr.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include "port-state.h"
#include "state-file.h"
#include "route-file.h"

Owned *owned_new(int ifindex)
{
        Owned *o = g_new0(Owned, 1);

        o->ifindex = ifindex;
        o->addrs = g_ptr_array_new_with_free_func(g_free);
        o->routes = g_ptr_array_new_with_free_func((GDestroyNotify)net_route_free);
        o->rules = g_ptr_array_new_with_free_func((GDestroyNotify)net_rule_free);
        return o;
}

void owned_free(Owned *o)
{
        if (!o)
                return;
        g_ptr_array_unref(o->addrs);
        g_ptr_array_unref(o->routes);
        g_ptr_array_unref(o->rules);
        g_free(o);
}

char *owned_dir(void)
{
        return state_dir("owned");
}

static bool has_str(const GPtrArray *a, const char *s)
{
        for (guint i = 0; i < a->len; i++)
                if (g_str_equal(a->pdata[i], s))
                        return true;
        return false;
}

void owned_add_addr(Owned *o, int family, const char *addr, unsigned prefix)
{
        char *t = g_strdup_printf("%s/%u", addr, prefix);

        (void)family;
        if (has_str(o->addrs, t))
                g_free(t);
        else
                g_ptr_array_add(o->addrs, t);
}

void owned_add_route(Owned *o, const NetRoute *r)
{
        for (guint i = 0; i < o->routes->len; i++)
                if (net_route_equal(o->routes->pdata[i], r))
                        return;
        g_ptr_array_add(o->routes, net_route_copy(r));
}

void owned_add_rule(Owned *o, const NetRule *r)
{
        for (guint i = 0; i < o->rules->len; i++)
                if (net_rule_equal(o->rules->pdata[i], r))
                        return;
        g_ptr_array_add(o->rules, net_rule_copy(r));
}

char *owned_format(const Owned *o)
{
        GString *s = g_string_new("# bondcfg: what bondcfg put on this link; it removes nothing "
                                  "else from it\n");

        g_string_append_printf(s, "ifindex=%d\n", o->ifindex);
        for (guint i = 0; i < o->addrs->len; i++)
                g_string_append_printf(s, "addr=%s\n", (char *)o->addrs->pdata[i]);
        for (guint i = 0; i < o->routes->len; i++) {
                const NetRoute *r = o->routes->pdata[i];
                g_autofree char *t = net_route_format(r);

                g_string_append_printf(s, "route%c=%s\n", r->family == AF_INET6 ? '6' : '4', t);
        }
        for (guint i = 0; i < o->rules->len; i++) {
                const NetRule *r = o->rules->pdata[i];
                g_autofree char *t = net_rule_format_args(r);

                g_string_append_printf(s, "rule%c=%s\n", r->family == AF_INET6 ? '6' : '4', t);
        }
        return g_string_free(s, FALSE);
}

/* "192.0.2.10/24" or "2001:db8::1/64" in canonical form, or NULL. */
static char *addr_canonical(const char *t)
{
        g_autofree char *host = g_strdup(t);
        char *slash = strchr(host, '/');
        unsigned char buf[16];
        char text[INET6_ADDRSTRLEN];
        int family;
        char *end;
        unsigned long p;

        if (!slash)
                return NULL;
        *slash = '\0';
        family = strchr(host, ':') ? AF_INET6 : AF_INET;
        p = strtoul(slash + 1, &end, 10);
        if (!slash[1] || *end || p > (family == AF_INET ? 32u : 128u) ||
            inet_pton(family, host, buf) != 1 || !inet_ntop(family, buf, text, sizeof(text)))
                return NULL;
        return g_strdup_printf("%s/%lu", text, p);
}

int owned_parse(const char *text, const char *origin, Owned **out, DiagList *diags)
{
        g_autoptr(Owned) o = owned_new(0);
        g_auto(GStrv) lines = g_strsplit(text ? text : "", "\n", -1);
        g_autoptr(GString) r4 = g_string_new(NULL), r6 = g_string_new(NULL);
        g_autoptr(GString) u4 = g_string_new(NULL), u6 = g_string_new(NULL);
        g_autoptr(DiagList) quiet = diag_list_new();
        bool have_ifindex = false;

        for (char **l = lines; *l; l++) {
                char *eq = strchr(*l, '=');
                const char *v;

                if (**l == '#' || !eq)
                        continue;
                *eq = '\0';
                v = eq + 1;
                if (g_str_equal(*l, "ifindex")) {
                        char *end;
                        long n = strtol(v, &end, 10);

                        if (*v && !*end && n > 0 && n <= G_MAXINT) {
                                o->ifindex = (int)n;
                                have_ifindex = true;
                        }
                } else if (g_str_equal(*l, "addr")) {
                        char *a = addr_canonical(v);

                        if (a && !has_str(o->addrs, a))
                                g_ptr_array_add(o->addrs, a);
                        else
                                g_free(a);
                } else {
                        GString *to = g_str_equal(*l, "route4")   ? r4
                                      : g_str_equal(*l, "route6") ? r6
                                      : g_str_equal(*l, "rule4")  ? u4
                                      : g_str_equal(*l, "rule6")  ? u6
                                                                  : NULL;

                        if (to)
                                g_string_append_printf(to, "%s\n", v);
                }
        }
        if (!have_ifindex)
                return -EINVAL;
        /* Lines it cannot read again (a newer bondcfg's) are dropped: an
         * object not recognised is one bondcfg leaves alone. */
        route_file_parse_buffer(origin, r4->str, r4->len, NULL, AF_INET, NULL, o->routes,
                                diags ? diags : quiet);
        route_file_parse_buffer(origin, r6->str, r6->len, NULL, AF_INET6, NULL, o->routes,
                                diags ? diags : quiet);
        rule_file_parse_buffer(origin, u4->str, u4->len, AF_INET, NULL, o->rules,
                               diags ? diags : quiet);
        rule_file_parse_buffer(origin, u6->str, u6->len, AF_INET6, NULL, o->rules,
                               diags ? diags : quiet);
        *out = g_steal_pointer(&o);
        return 0;
}

Owned *owned_load(const char *dir, const char *ifname, int ifindex)
{
        g_autofree char *path = NULL, *text = NULL;
        Owned *o = NULL;

        if (!state_name_valid(ifname) || ifindex <= 0)
                return owned_new(ifindex > 0 ? ifindex : 0);
        path = g_build_filename(dir, ifname, NULL);
        if (!g_file_get_contents(path, &text, NULL, NULL) || owned_parse(text, path, &o, NULL) < 0)
                return owned_new(ifindex);
        if (o->ifindex != ifindex) {
                owned_free(o);
                return owned_new(ifindex);
        }
        return o;
}

int owned_save(const char *dir, const char *ifname, const Owned *o)
{
        g_autofree char *text = owned_format(o);

        return state_write(dir, ifname, text);
}

int owned_remove(const char *dir, const char *ifname)
{
        return state_remove(dir, ifname);
}

bool owned_addr_is_kernels(const SnapAddr *a)
{
        /* IFA_PROTO (5.18+): loopback, router advertisement, link-local. */
        if (a->proto == IFAPROT_KERNEL_LO || a->proto == IFAPROT_KERNEL_RA ||
            a->proto == IFAPROT_KERNEL_LL)
                return true;
        /* Every kernel: SLAAC, temporary and DHCP addresses have a
         * lifetime; what bondcfg (and ip addr add) makes has none.
         * IFA_F_TEMPORARY is IFA_F_SECONDARY's bit: it means a privacy
         * address only for IPv6. */
        return !(a->flags & IFA_F_PERMANENT) ||
               (a->family == AF_INET6 && (a->flags & IFA_F_TEMPORARY));
}

bool owned_has_addr(const Owned *o, const SnapAddr *a)
{
        g_autofree char *t = NULL;

        if (!o || owned_addr_is_kernels(a))
                return false;
        t = g_strdup_printf("%s/%u", a->address, a->prefix);
        return has_str(o->addrs, t);
}

bool owned_has_route(const Owned *o, const NetRoute *live)
{
        for (guint i = 0; o && i < o->routes->len; i++)
                if (net_route_equal(o->routes->pdata[i], live))
                        return true;
        return false;
}

bool owned_has_rule(const Owned *o, const NetRule *live)
{
        for (guint i = 0; o && i < o->rules->len; i++)
                if (net_rule_equal(o->rules->pdata[i], live))
                        return true;
        return false;
}
