/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "online.h"

#include "config-stack.h"

#include <string.h>
#include <sys/socket.h>
#include <linux/if_addr.h>

static const SnapAddr *find_addr(const Snapshot *s, int ifindex, const CfgAddress *a)
{
        for (guint i = 0; i < s->addrs->len; i++) {
                const SnapAddr *x = s->addrs->pdata[i];

                if (x->ifindex == ifindex && x->family == a->family && x->prefix == a->prefix &&
                    g_strcmp0(x->address, a->address) == 0)
                        return x;
        }
        return NULL;
}

/* Is link name, whose files give it l3, online? */
static OnlineState link_online(const char *name, const CfgL3 *l3, const Snapshot *s, char **why)
{
        const SnapLink *l = snapshot_link_by_name(s, name);

        if (!l) {
                *why = g_strdup_printf("%s does not exist", name);
                return ONLINE_WAIT;
        }
        if (!l->up) {
                *why = g_strdup_printf("%s is down", name);
                return ONLINE_WAIT;
        }
        if (!l->lower_up) {
                *why = g_strdup_printf("%s has no carrier", name);
                return ONLINE_WAIT;
        }
        for (guint i = 0; i < l3->addrs->len; i++) {
                const CfgAddress *a = l3->addrs->pdata[i];
                const SnapAddr *x = find_addr(s, l->ifindex, a);

                if (!x) {
                        *why = g_strdup_printf("%s has no %s/%u yet", name, a->address, a->prefix);
                        return ONLINE_WAIT;
                }
                if (x->flags & IFA_F_DADFAILED) {
                        *why = g_strdup_printf("%s/%u on %s: duplicate address detection "
                                               "failed (another host has it)",
                                               a->address, a->prefix, name);
                        return ONLINE_FAILED;
                }
        }
        for (guint i = 0; i < s->addrs->len; i++) {
                const SnapAddr *x = s->addrs->pdata[i];
                bool mine = x->ifindex == l->ifindex;
                bool wanted = x->family == AF_INET6 && g_str_has_prefix(x->address, "fe80:");

                if (!mine || !(x->flags & IFA_F_TENTATIVE))
                        continue;
                /* tentative: a configured address, or the link-local one */
                for (guint k = 0; k < l3->addrs->len && !wanted; k++) {
                        const CfgAddress *a = l3->addrs->pdata[k];

                        wanted = a->family == x->family && g_strcmp0(a->address, x->address) == 0;
                }
                if (wanted) {
                        *why = g_strdup_printf("%s/%u on %s is tentative (duplicate address "
                                               "detection)",
                                               x->address, x->prefix, name);
                        return ONLINE_WAIT;
                }
        }
        return ONLINE_YES;
}

OnlineState online_state(const Config *c, const CfgBond *b, const Snapshot *s, char **why)
{
        OnlineState st = link_online(b->name, b->l3, s, why);

        /* then the links above it, bottom-up: the one that carries the
         * address is the one whose carrier matters (a bridge has carrier
         * once one port forwards, after STP's listening and learning) */
        for (guint i = 0; st == ONLINE_YES && c && c->vlans && i < c->vlans->len; i++) {
                const CfgVlan *v = c->vlans->pdata[i];

                if (v->onboot && cfg_vlan_on_bond(v, b))
                        st = link_online(v->name, v->l3, s, why);
        }
        for (guint i = 0; st == ONLINE_YES && c && c->bridges && i < c->bridges->len; i++) {
                const CfgBridge *br = c->bridges->pdata[i];

                if (br->onboot && cfg_bridge_on_bond(br, b))
                        st = link_online(br->name, br->l3, s, why);
        }
        return st;
}
