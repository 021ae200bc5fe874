/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Plan steps on stacked links (VLANs, bridges): through their kind's
 * message builders (link-kind.h). */
#include "apply-internal.h"

#include <errno.h>

#include "link-kind.h"
#include "netlink-bridge.h"
#include "netlink-stack.h"
#include "module.h"

int apply_link(NlConn *c, const PlanStep *st)
{
        g_autoptr(NlMsg) m = NULL;
        int ifindex = 0, parent = 0, r;

        if (st->action == PLAN_SET_MASTER) {
                ifindex = apply_link_index(c, st->ifname, NULL, NULL);
                if (ifindex < 0)
                        return ifindex;
                if (st->master) {
                        parent = apply_link_index(c, st->master, NULL, NULL);
                        if (parent < 0)
                                return parent;
                }
                r = stacknl_msg_set_master(ifindex, parent, &m);
                return r < 0 ? r : nl_conn_request(c, m);
        }
        if (!st->kind)
                return -EINVAL;
        if (st->action == PLAN_SET_LINK_PORT) {
                ifindex = apply_link_index(c, st->ifname, NULL, NULL);
                if (ifindex < 0)
                        return ifindex;
                r = bridgenl_msg_set_port_options(ifindex, st->spec, &m);
                return r < 0 ? r : nl_conn_request(c, m);
        }
        if (st->action == PLAN_CREATE_LINK) {
                /* the kernel would ask modprobe itself (rtnl-link-vlan):
                 * bondcfg loads it as it loads bonding, through libkmod,
                 * and a failure shows as the create's own error */
                if (st->kind->module)
                        (void)link_module_ensure(st->kind->module, NULL);
                if (st->parent) {
                        parent = apply_link_index(c, st->parent, NULL, NULL);
                        if (parent < 0)
                                return parent;
                }
                r = st->kind->msg_create(st->ifname, parent, st->spec, st->mtu, &m);
        } else {
                ifindex = apply_link_index(c, st->ifname, NULL, NULL);
                if (ifindex < 0)
                        return ifindex;
                if (st->action == PLAN_CHANGE_LINK)
                        r = st->kind->msg_change(ifindex, st->spec, &m);
                else
                        r = (m = bondnl_msg_del_link(ifindex)) ? 0 : -ENOMEM;
        }
        if (r < 0)
                return r;
        return nl_conn_request(c, m);
}
