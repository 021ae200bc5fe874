/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The planner's address and route steps: add what the config has, delete
 * what it no longer has, and re-add what taking the bond down flushed. */
#include "plan-internal.h"

#include <string.h>
#include <sys/socket.h>

void plan_add_addr(Plan *p, const char *bond, PlanAction a, int family, const char *addr,
                   unsigned prefix)
{
        PlanStep *st = plan_add_step(p, a, bond, bond, "%s address %s/%u",
                                     a == PLAN_ADD_ADDRESS ? "add" : "delete", addr, prefix);

        st->family = family;
        st->address = g_strdup(addr);
        st->prefix = prefix;
}

void plan_add_route(Plan *p, const char *bond, PlanAction a, int family, const char *gw)
{
        PlanStep *st = plan_add_step(p, a, bond, bond, "%s default route via %s",
                                     a == PLAN_ADD_ROUTE ? "add" : "delete", gw);

        st->family = family;
        st->address = g_strdup(gw);
}

/* ---- addresses and routes ----------------------------------------------- */

bool plan_addr_is_managed(const SnapAddr *a)
{
        /* Kernel-made IPv6 link-local addresses are not ours. */
        return !(a->family == AF_INET6 && g_str_has_prefix(a->address, "fe80:"));
}

/*
 * flushed: the plan takes the bond down, and the kernel then drops its
 * routes and (without keep_addr_on_down) its IPv6 addresses.
 */
static bool addr_survives(const SnapAddr *a, bool flushed)
{
        return !flushed || a->family == AF_INET;
}

void plan_addresses(Plan *p, const CfgBond *b, const SnapLink *bond, const Snapshot *s,
                    bool flushed)
{
        bool added_v4 = false;

        if (b->dhcp)
                return;
        for (guint i = 0; bond && i < s->addrs->len; i++) {
                const SnapAddr *a = s->addrs->pdata[i];
                bool wanted = false;

                if (a->ifindex != bond->ifindex || !plan_addr_is_managed(a) ||
                    !addr_survives(a, flushed))
                        continue;
                for (guint k = 0; k < b->addrs->len && !wanted; k++) {
                        const CfgAddress *c = b->addrs->pdata[k];

                        wanted = c->family == a->family && c->prefix == a->prefix &&
                                 g_strcmp0(c->address, a->address) == 0;
                }
                if (!wanted)
                        plan_add_addr(p, b->name, PLAN_DEL_ADDRESS, a->family, a->address,
                                      a->prefix);
        }
        for (guint k = 0; k < b->addrs->len; k++) {
                const CfgAddress *c = b->addrs->pdata[k];
                bool have = false;

                for (guint i = 0; bond && i < s->addrs->len && !have; i++) {
                        const SnapAddr *a = s->addrs->pdata[i];

                        have = a->ifindex == bond->ifindex && addr_survives(a, flushed) &&
                               c->family == a->family && c->prefix == a->prefix &&
                               g_strcmp0(c->address, a->address) == 0;
                }
                if (have)
                        continue;
                plan_add_addr(p, b->name, PLAN_ADD_ADDRESS, c->family, c->address, c->prefix);
                added_v4 |= c->family == AF_INET;
        }
        if (added_v4 && b->arpupdate) {
                for (guint k = 0; k < b->addrs->len; k++) {
                        const CfgAddress *c = b->addrs->pdata[k];
                        PlanStep *st;

                        if (c->family != AF_INET)
                                continue;
                        st = plan_add_step(p, PLAN_SEND_GARP, b->name, b->name,
                                           "send gratuitous ARP for %s", c->address);
                        st->family = AF_INET;
                        st->address = g_strdup(c->address);
                }
        }
}

void plan_gateway(Plan *p, const CfgBond *b, const SnapLink *bond, const Snapshot *s, int family,
                  const char *gw, bool flushed)
{
        bool have = false;

        if (b->dhcp)
                return;
        for (guint i = 0; bond && !flushed && i < s->routes->len; i++) {
                const SnapRoute *r = s->routes->pdata[i];

                if (r->family != family || r->ifindex != bond->ifindex || !r->gateway)
                        continue;
                if (gw && g_strcmp0(r->gateway, gw) == 0)
                        have = true;
                else
                        plan_add_route(p, b->name, PLAN_DEL_ROUTE, family, r->gateway);
        }
        if (gw && !have)
                plan_add_route(p, b->name, PLAN_ADD_ROUTE, family, gw);
}

/* ---- bonds -------------------------------------------------------------- */
