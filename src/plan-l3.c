/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The planner's layer-3 steps for a link (plan-internal.h, plan_l3()): its
 * sysctls, addresses, routes and rules.  Only what differs changes; what
 * bondcfg did not put there (owned.h) is never removed.
 */
#include "plan-internal.h"

#include <arpa/inet.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/if_addr.h>
#include <linux/rtnetlink.h>

/* ---- step constructors -------------------------------------------------- */

void plan_add_addr(Plan *p, const char *bond, const char *ifname, PlanAction a, int family,
                   const char *addr, unsigned prefix)
{
        PlanStep *st = plan_add_step(p, a, bond, ifname, "%s address %s/%u",
                                     a == PLAN_ADD_ADDRESS ? "add" : "delete", addr, prefix);

        st->family = family;
        st->address = g_strdup(addr);
        st->prefix = prefix;
}

static PlanStep *add_route_step(Plan *p, const char *bond, const char *ifname, PlanAction a,
                                const NetRoute *r)
{
        g_autofree char *t = net_route_format(r);
        PlanStep *st = plan_add_step(p, a, bond, ifname, "%s route %s",
                                     a == PLAN_ADD_ROUTE ? "add" : "delete", t);

        st->route = net_route_copy(r);
        /* `ip route add` failing is a warning in ifup-routes, not the end
         * of ifup; deleting one that went away meanwhile is no failure. */
        st->soft = true;
        return st;
}

static void add_rule_step(Plan *p, const char *bond, const char *ifname, PlanAction a,
                          const NetRule *r)
{
        g_autofree char *t = net_rule_format(r);
        PlanStep *st = plan_add_step(p, a, bond, ifname, "%s rule %s",
                                     a == PLAN_ADD_RULE ? "add" : "delete", t);

        st->rule = net_rule_copy(r);
        st->soft = true;
}

void plan_add_sysctl(Plan *p, const char *bond, const char *ifname, int family, const char *name,
                     const char *value, const char *old)
{
        PlanStep *st =
                plan_add_step(p, PLAN_SET_SYSCTL, bond, ifname, "set %s.%s %s -> %s",
                              family == AF_INET6 ? "ipv6" : "ipv4", name, old ? old : "?", value);

        st->sysctl = g_strdup_printf("%s/%s", family == AF_INET6 ? "ipv6" : "ipv4", name);
        st->value = g_strdup(value);
        st->old_value = g_strdup(old);
}

/* ---- sysctls ------------------------------------------------------------ */

/* The value a sysctl of the link has now, or will have when it is made
 * (the snapshot's "default" values). */
static const char *sysctl_now(const SnapLink *l, const Snapshot *s, int family, const char *name)
{
        g_autofree char *key = g_strdup_printf("%s/%s", family == AF_INET6 ? "ipv6" : "ipv4", name);

        if (l && l->sysctls)
                return g_hash_table_lookup(l->sysctls, key);
        return s->default_sysctls ? g_hash_table_lookup(s->default_sysctls, key) : NULL;
}

void plan_sysctls(Plan *p, const char *bond, const CfgL3 *l3, const SnapLink *link,
                  const Snapshot *s)
{
        for (guint i = 0; i < l3->sysctls->len; i++) {
                const CfgSysctl *c = l3->sysctls->pdata[i];
                const char *now = sysctl_now(link, s, c->family, c->name);

                if (!now || !g_str_equal(now, c->value))
                        plan_add_sysctl(p, bond, l3->dev, c->family, c->name, c->value, now);
        }
}

/* ---- addresses ---------------------------------------------------------- */

static bool same_addr(const CfgAddress *c, const SnapAddr *a)
{
        return c->family == a->family && c->prefix == a->prefix &&
               g_strcmp0(c->address, a->address) == 0;
}

/*
 * flushed: the plan takes the link down, and the kernel then drops its
 * routes and (without keep_addr_on_down) its IPv6 addresses.
 */
static bool addr_survives(const SnapAddr *a, bool flushed)
{
        return !flushed || a->family == AF_INET;
}

static uint32_t net4(const char *addr, unsigned prefix)
{
        struct in_addr a = { 0 };

        inet_pton(AF_INET, addr, &a);
        return ntohl(a.s_addr) & (prefix ? ~0u << (32 - prefix) : 0);
}

/*
 * Deleting a primary IPv4 address deletes the secondaries of its subnet
 * with it, unless promote_secondaries is on: foreign ones (a VIP) and
 * configured ones alike.  Such a deletion gets promote_secondaries=1 around
 * it.  Returns whether a's subnet has a secondary that stays.
 */
static bool keeps_secondaries(const SnapAddr *a, const SnapLink *link, const Snapshot *s,
                              GPtrArray *deleted)
{
        if (a->family != AF_INET || (a->flags & IFA_F_SECONDARY))
                return false;
        for (guint i = 0; i < s->addrs->len; i++) {
                const SnapAddr *b = s->addrs->pdata[i];

                if (b->ifindex == link->ifindex && b->family == AF_INET &&
                    (b->flags & IFA_F_SECONDARY) && b->prefix == a->prefix &&
                    net4(b->address, b->prefix) == net4(a->address, a->prefix) &&
                    !g_ptr_array_find(deleted, b, NULL))
                        return true;
        }
        return false;
}

static void plan_addr_deletions(Plan *p, const char *bond, const CfgL3 *l3, const SnapLink *link,
                                const Snapshot *s, const Owned *owned, bool flushed)
{
        g_autoptr(GPtrArray) del = g_ptr_array_new();
        const char *promote = sysctl_now(link, s, AF_INET, "promote_secondaries");

        for (guint i = 0; i < s->addrs->len; i++) {
                const SnapAddr *a = s->addrs->pdata[i];
                bool wanted = false;

                if (a->ifindex != link->ifindex || !addr_survives(a, flushed) ||
                    !owned_has_addr(owned, a))
                        continue;
                for (guint k = 0; k < l3->addrs->len && !wanted; k++)
                        wanted = same_addr(l3->addrs->pdata[k], a);
                if (!wanted)
                        g_ptr_array_add(del, (gpointer)a);
        }
        /* Secondaries first: a primary then takes fewer with it. */
        for (guint pass = 0; pass < 2; pass++) {
                for (guint i = 0; i < del->len; i++) {
                        const SnapAddr *a = del->pdata[i];
                        bool secondary = (a->flags & IFA_F_SECONDARY) != 0;
                        bool wrap;

                        if (secondary != (pass == 0))
                                continue;
                        wrap = keeps_secondaries(a, link, s, del) &&
                               !(promote && g_str_equal(promote, "1"));
                        if (wrap)
                                plan_add_sysctl(p, bond, l3->dev, AF_INET, "promote_secondaries",
                                                "1", promote ? promote : "0");
                        plan_add_addr(p, bond, l3->dev, PLAN_DEL_ADDRESS, a->family, a->address,
                                      a->prefix);
                        /* for the undo: the address as it was */
                        ((PlanStep *)p->steps->pdata[p->steps->len - 1])->broadcast =
                                g_strdup(a->broadcast);
                        ((PlanStep *)p->steps->pdata[p->steps->len - 1])->scope =
                                (unsigned char)a->scope;
                        ((PlanStep *)p->steps->pdata[p->steps->len - 1])->label =
                                g_strdup(a->label);
                        if (wrap)
                                plan_add_sysctl(p, bond, l3->dev, AF_INET, "promote_secondaries",
                                                promote ? promote : "0", "1");
                }
        }
}

static const SnapAddr *live_addr(const CfgAddress *c, const SnapLink *link, const Snapshot *s,
                                 bool flushed)
{
        for (guint i = 0; link && i < s->addrs->len; i++) {
                const SnapAddr *a = s->addrs->pdata[i];

                if (a->ifindex == link->ifindex && addr_survives(a, flushed) && same_addr(c, a))
                        return a;
        }
        return NULL;
}

/*
 * ifup-eth adds an IPv4 address that `ip addr ls` does not show, after an
 * ARP probe (ARPCHECK), then makes it permanent (`ip addr change ...
 * valid_lft forever`) whether it was there or not; ifup-ipv6 uses `ip -6
 * addr replace`, which does the same for IPv6.  An address with a lifetime
 * left by a DHCP client thus becomes the configured, permanent one.
 */
void plan_addresses(Plan *p, const char *bond, const CfgL3 *l3, const SnapLink *link,
                    const Snapshot *s, const Owned *owned, bool flushed)
{
        g_autoptr(GPtrArray) probe = g_ptr_array_new();
        g_autoptr(GPtrArray) announce = g_ptr_array_new();
        guint probe_at;

        if (link)
                plan_addr_deletions(p, bond, l3, link, s, owned, flushed);
        probe_at = p->steps->len;
        for (guint k = 0; k < l3->addrs->len; k++) {
                const CfgAddress *c = l3->addrs->pdata[k];
                const SnapAddr *a = live_addr(c, link, s, flushed);
                PlanStep *st;

                if (a && (a->valid_lft == SNAP_FOREVER && a->preferred_lft == SNAP_FOREVER))
                        continue;
                plan_add_addr(p, bond, l3->dev, PLAN_ADD_ADDRESS, c->family, c->address, c->prefix);
                st = p->steps->pdata[p->steps->len - 1];
                st->broadcast = g_strdup(c->broadcast);
                st->label = g_strdup(c->label);
                st->scope = c->scope;
                if (a) {
                        /* it is there, with a lifetime: make it permanent */
                        st->permanent = true;
                        g_free(st->description);
                        st->description = g_strdup_printf("%s: make address %s/%u permanent",
                                                          l3->dev, c->address, c->prefix);
                        continue;
                }
                if (c->family == AF_INET && c->arpcheck)
                        g_ptr_array_add(probe, (gpointer)c);
                if (c->family == AF_INET && c->arpupdate)
                        g_ptr_array_add(announce, (gpointer)c);
        }
        if (probe->len) {
                g_autoptr(GString) d = g_string_new(NULL);
                PlanStep *st = g_new0(PlanStep, 1);

                st->action = PLAN_PROBE_ADDRESSES;
                st->bond = g_strdup(bond);
                st->ifname = g_strdup(l3->dev);
                st->argv = g_new0(char *, probe->len + 1);
                for (guint i = 0; i < probe->len; i++) {
                        const CfgAddress *c = probe->pdata[i];

                        st->argv[i] = g_strdup(c->address);
                        g_string_append_printf(d, "%s%s", i ? ", " : "", c->address);
                }
                st->wait_ms = l3->arping_wait_ms;
                st->tries = l3->arping_tries;
                st->description = g_strdup_printf("%s: check that no other host uses %s (ARPCHECK)",
                                                  l3->dev, d->str);
                g_ptr_array_insert(p->steps, (gint)probe_at, st);
        }
        for (guint i = 0; i < announce->len; i++) {
                const CfgAddress *c = announce->pdata[i];
                PlanStep *st = plan_add_step(p, PLAN_SEND_GARP, bond, l3->dev,
                                             "send gratuitous ARP for %s", c->address);

                st->family = AF_INET;
                st->address = g_strdup(c->address);
                st->soft = true;
        }
}

/* ---- routes and rules --------------------------------------------------- */

/* The zeroconf route of ifup-eth: 169.254.0.0/16 dev DEV metric 1000+ifindex
 * scope link (proto boot, table main). */
static NetRoute *zeroconf_route(const char *dev, int ifindex)
{
        NetRoute *r = net_route_new(AF_INET);

        r->dst = g_strdup("169.254.0.0");
        r->prefix = 16;
        r->oif = g_strdup(dev);
        r->ifindex = ifindex;
        r->table = RT_TABLE_MAIN;
        r->has_metric = true;
        r->metric = 1000 + (uint32_t)ifindex;
        r->has_scope = true;
        r->scope = RT_SCOPE_LINK;
        r->has_protocol = true;
        r->protocol = RTPROT_BOOT;
        return r;
}

/* The configured routes, devices resolved where the snapshot knows them. */
GPtrArray *plan_wanted_routes(const CfgL3 *l3, const SnapLink *link, const Snapshot *s)
{
        GPtrArray *want = g_ptr_array_new_with_free_func((GDestroyNotify)net_route_free);

        for (guint i = 0; i < l3->routes->len; i++) {
                NetRoute *r = net_route_copy(l3->routes->pdata[i]);
                const SnapLink *l = r->oif ? snapshot_link_by_name(s, r->oif) : NULL;

                r->ifindex = l ? l->ifindex : 0;
                g_ptr_array_add(want, r);
        }
        if (l3->zeroconf && link)
                g_ptr_array_add(want, zeroconf_route(l3->dev, link->ifindex));
        return want;
}

/* A live route the link's going down takes with it. */
static bool route_survives(const NetRoute *r, const SnapLink *link, bool flushed)
{
        return !flushed || !link || r->ifindex != link->ifindex;
}

static bool route_is_ours_to_see(const NetRoute *r, const SnapLink *link, const Owned *owned)
{
        return (link && r->ifindex == link->ifindex) || owned_has_route(owned, r);
}

void plan_routes(Plan *p, const char *bond, const CfgL3 *l3, const SnapLink *link,
                 const Snapshot *s, const Owned *owned, bool flushed)
{
        g_autoptr(GPtrArray) want = plan_wanted_routes(l3, link, s);

        for (guint i = 0; link && i < s->routes->len; i++) {
                const NetRoute *r = s->routes->pdata[i];
                bool wanted = false;

                if (!route_is_ours_to_see(r, link, owned) || !route_survives(r, link, flushed) ||
                    !owned_has_route(owned, r))
                        continue;
                for (guint k = 0; k < want->len && !wanted; k++)
                        wanted = net_route_equal(want->pdata[k], r);
                if (!wanted)
                        add_route_step(p, bond, l3->dev, PLAN_DEL_ROUTE, r);
        }
        for (guint k = 0; k < want->len; k++) {
                const NetRoute *w = want->pdata[k];
                bool have = false;

                for (guint i = 0; link && i < s->routes->len && !have; i++) {
                        const NetRoute *r = s->routes->pdata[i];

                        have = route_survives(r, link, flushed) && net_route_equal(w, r);
                }
                if (!have)
                        add_route_step(p, bond, l3->dev, PLAN_ADD_ROUTE, w);
        }
        if (l3->zeroconf && !link) {
                /* A new link: its ifindex, and so the metric, comes later. */
                g_autoptr(NetRoute) z = zeroconf_route(l3->dev, 0);
                PlanStep *st;

                z->has_metric = false;
                st = add_route_step(p, bond, l3->dev, PLAN_ADD_ROUTE, z);
                st->metric_base = 1000;
                g_free(st->description);
                st->description = g_strdup_printf(
                        "%s: add route 169.254.0.0/16 dev %s metric 1000+ifindex proto boot scope "
                        "link",
                        l3->dev, l3->dev);
        }
}

void plan_rules(Plan *p, const char *bond, const CfgL3 *l3, const Snapshot *s, const Owned *owned)
{
        for (guint i = 0; i < s->rules->len; i++) {
                const NetRule *r = s->rules->pdata[i];
                bool wanted = false;

                if (!owned_has_rule(owned, r))
                        continue;
                for (guint k = 0; k < l3->rules->len && !wanted; k++)
                        wanted = net_rule_equal(l3->rules->pdata[k], r);
                if (!wanted)
                        add_rule_step(p, bond, l3->dev, PLAN_DEL_RULE, r);
        }
        for (guint k = 0; k < l3->rules->len; k++) {
                const NetRule *w = l3->rules->pdata[k];
                bool have = false;

                for (guint i = 0; i < s->rules->len && !have; i++)
                        have = net_rule_equal(w, s->rules->pdata[i]);
                if (!have)
                        add_rule_step(p, bond, l3->dev, PLAN_ADD_RULE, w);
        }
}

/* ---- what bondcfg owns after a plan ------------------------------------ */

/* Was the step of this action for an equal object skipped (failed softly)? */
static bool add_skipped(const Plan *p, const bool *skipped, PlanAction a, const CfgAddress *addr,
                        const NetRoute *route, const NetRule *rule)
{
        for (guint i = 0; skipped && i < p->steps->len; i++) {
                const PlanStep *st = p->steps->pdata[i];

                if (!skipped[i] || st->action != a)
                        continue;
                if (addr && st->family == addr->family && st->prefix == addr->prefix &&
                    g_strcmp0(st->address, addr->address) == 0)
                        return true;
                if (route && st->route &&
                    (st->metric_base ? g_strcmp0(st->route->dst, route->dst) == 0 &&
                                               st->route->prefix == route->prefix
                                     : net_route_equal(st->route, route)))
                        return true;
                if (rule && st->rule && net_rule_equal(st->rule, rule))
                        return true;
        }
        return false;
}

Owned *plan_owned_after(const CfgL3 *l3, int ifindex, const Plan *p, const bool *skipped)
{
        Owned *o = owned_new(ifindex);
        g_autoptr(GPtrArray) want = g_ptr_array_new_with_free_func((GDestroyNotify)net_route_free);

        for (guint i = 0; i < l3->addrs->len; i++) {
                const CfgAddress *c = l3->addrs->pdata[i];

                if (!add_skipped(p, skipped, PLAN_ADD_ADDRESS, c, NULL, NULL))
                        owned_add_addr(o, c->family, c->address, c->prefix);
        }
        for (guint i = 0; i < l3->routes->len; i++)
                g_ptr_array_add(want, net_route_copy(l3->routes->pdata[i]));
        if (l3->zeroconf)
                g_ptr_array_add(want, zeroconf_route(l3->dev, ifindex));
        for (guint i = 0; i < want->len; i++) {
                NetRoute *r = want->pdata[i];

                r->ifindex = 0; /* recorded by name */
                if (!add_skipped(p, skipped, PLAN_ADD_ROUTE, NULL, r, NULL))
                        owned_add_route(o, r);
        }
        for (guint i = 0; i < l3->rules->len; i++)
                if (!add_skipped(p, skipped, PLAN_ADD_RULE, NULL, NULL, l3->rules->pdata[i]))
                        owned_add_rule(o, l3->rules->pdata[i]);
        return o;
}

/* ---- what is on a link that bondcfg does not manage --------------------- */

bool plan_addr_is_foreign(const SnapAddr *a, const CfgL3 *l3, const Owned *owned)
{
        for (guint k = 0; l3 && k < l3->addrs->len; k++)
                if (same_addr(l3->addrs->pdata[k], a))
                        return false;
        return !owned_has_addr(owned, a);
}
