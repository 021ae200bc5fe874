/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "online.h"

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

OnlineState online_state(const CfgBond *b, const Snapshot *s, char **why)
{
        const SnapLink *l = snapshot_link_by_name(s, b->name);

        *why = NULL;
        if (!l) {
                *why = g_strdup_printf("%s does not exist", b->name);
                return ONLINE_WAIT;
        }
        if (!l->up) {
                *why = g_strdup_printf("%s is down", b->name);
                return ONLINE_WAIT;
        }
        if (!l->lower_up) {
                *why = g_strdup_printf("%s has no carrier", b->name);
                return ONLINE_WAIT;
        }
        for (guint i = 0; i < b->l3->addrs->len; i++) {
                const CfgAddress *a = b->l3->addrs->pdata[i];
                const SnapAddr *x = find_addr(s, l->ifindex, a);

                if (!x) {
                        *why = g_strdup_printf("%s has no %s/%u yet", b->name, a->address,
                                               a->prefix);
                        return ONLINE_WAIT;
                }
                if (x->flags & IFA_F_DADFAILED) {
                        *why = g_strdup_printf("%s/%u on %s: duplicate address detection "
                                               "failed (another host has it)",
                                               a->address, a->prefix, b->name);
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
                for (guint k = 0; k < b->l3->addrs->len && !wanted; k++) {
                        const CfgAddress *a = b->l3->addrs->pdata[k];

                        wanted = a->family == x->family && g_strcmp0(a->address, x->address) == 0;
                }
                if (wanted) {
                        *why = g_strdup_printf("%s/%u on %s is tentative (duplicate address "
                                               "detection)",
                                               x->address, x->prefix, b->name);
                        return ONLINE_WAIT;
                }
        }
        return ONLINE_YES;
}
