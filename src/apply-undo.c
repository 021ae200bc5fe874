/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Undo a plan that failed part-way (apply_plan() calls it): the inverse of
 * each step done, in reverse order, then every link the plan touched back
 * to its recorded state (master, port options, up/down, MTU, MAC) and the
 * addresses and default routes that taking a link down dropped.
 */
#include "apply-internal.h"
#include "hwaddr.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/rtnetlink.h>

/*
 * The step that undoes st, as a shallow view of st's fields (not owned).
 * Returns false if st needs no undo.
 */
static bool invert_step(const PlanStep *st, PlanStep *inv)
{
        *inv = *st;
        switch (st->action) {
        case PLAN_CREATE_BOND:
                inv->action = PLAN_DELETE_BOND;
                return true;
        case PLAN_DELETE_BOND:
                inv->action = PLAN_CREATE_BOND;
                inv->opts = st->old_opts;
                inv->mask = st->old_mask;
                return st->old_opts != NULL;
        case PLAN_SET_OPTIONS:
        case PLAN_SET_PORT_OPTIONS:
                inv->opts = st->old_opts;
                inv->mask = st->old_mask;
                return st->old_opts != NULL;
        case PLAN_SET_UP:
                inv->up = !st->up;
                return true;
        case PLAN_SET_MTU:
                inv->mtu = st->old_mtu;
                return st->old_mtu != 0;
        case PLAN_SET_MAC:
                inv->mac = st->old_mac;
                return st->old_mac != NULL;
        case PLAN_ENSLAVE:
                inv->action = PLAN_RELEASE;
                inv->mac = NULL;
                inv->opts = NULL;
                inv->mask = 0;
                return true;
        case PLAN_RELEASE:
                /* Enslave again, with the options the release reset. */
                inv->action = PLAN_ENSLAVE;
                inv->opts = st->old_opts;
                inv->mask = st->old_mask;
                return true;
        case PLAN_ADD_ADDRESS:
                /* lifetimes made permanent: nothing to take back */
                inv->action = PLAN_DEL_ADDRESS;
                return !st->permanent;
        case PLAN_DEL_ADDRESS:
                inv->action = PLAN_ADD_ADDRESS;
                return true;
        case PLAN_ADD_ROUTE:
                /* a zeroconf route's metric came from the ifindex: the
                 * link's deletion (an undone create) takes it anyway */
                inv->action = PLAN_DEL_ROUTE;
                return !st->metric_base;
        case PLAN_DEL_ROUTE:
                inv->action = PLAN_ADD_ROUTE;
                return true;
        case PLAN_ADD_RULE:
                inv->action = PLAN_DEL_RULE;
                return true;
        case PLAN_DEL_RULE:
                inv->action = PLAN_ADD_RULE;
                return true;
        case PLAN_SET_SYSCTL:
                inv->value = st->old_value;
                return st->old_value != NULL;
        case PLAN_SET_ARP:
                inv->up = !st->up;
                return true;
        case PLAN_CREATE_LINK:
                inv->action = PLAN_DELETE_LINK;
                return true;
        case PLAN_CHANGE_LINK:
                inv->spec = st->old_spec;
                return st->old_spec != NULL;
        case PLAN_DELETE_LINK:
                inv->action = PLAN_CREATE_LINK;
                inv->spec = st->old_spec;
                return st->old_spec != NULL;
        case PLAN_SET_MASTER:
                inv->master = st->old_master;
                return true;
        case PLAN_SET_LINK_PORT:
                inv->spec = st->old_spec;
                return st->old_spec != NULL;
        default:
                /* probes, waits, ethtool runs, gratuitous ARPs */
                return false;
        }
}

static void undo_error(ApplyResult *res, const PlanStep *st, int r, const char *kmsg)
{
        if (!res->undo_errors)
                res->undo_errors = g_ptr_array_new_with_free_func(g_free);
        g_ptr_array_add(res->undo_errors,
                        g_strdup_printf("%s: %s%s%s", st->description, g_strerror(-r),
                                        kmsg ? ": " : "", kmsg ? kmsg : ""));
}

static int request(NlConn *c, NlMsg *m, ApplyResult *res, const PlanStep *st)
{
        int r = m ? nl_conn_request(c, m) : -ENOMEM;

        if (r < 0)
                undo_error(res, st, r, nl_conn_error(c));
        return r;
}

/* A port's queue_id and prio as recorded (reset: it was just enslaved
 * again, so the kernel has its defaults). */
static void restore_port_options(NlConn *c, const SnapLink *was, const SnapLink *now, bool reset,
                                 ApplyResult *res, const PlanStep *st)
{
        BondOptValue q = { .set = true, .num = was->port.queue_id };
        BondOptValue pr = { .set = true, .num = (uint64_t)(int64_t)was->port.prio };
        bool dq = was->port.queue_id != (reset ? 0 : now->port.queue_id);
        bool dp = was->port.has_prio && was->port.prio != (reset ? 0 : now->port.prio);

        if (dq || dp) {
                g_autoptr(NlMsg) m =
                        bondnl_msg_set_port_options(now->ifindex, dq ? &q : NULL, dp ? &pr : NULL);

                request(c, m, res, st);
        }
}

/* The first step on ifname, for an undo error's words; or the plan's first
 * (a VLAN above a link the plan touched has no step of its own). */
static const PlanStep *step_of(const Plan *plan, const char *ifname)
{
        for (guint i = 0; i < plan->steps->len; i++) {
                const PlanStep *st = plan->steps->pdata[i];

                if (g_strcmp0(st->ifname, ifname) == 0)
                        return st;
        }
        return plan->steps->pdata[0];
}

/* Put each link the plan touched back as the snapshot recorded it. */
static void restore_links(NlConn *c, const Plan *plan, const GPtrArray *touched,
                          const Snapshot *before, ApplyResult *res)
{
        for (guint i = 0; i < touched->len; i++) {
                const SnapLink *was = touched->pdata[i];
                const PlanStep *st = step_of(plan, was->name);
                g_autoptr(Snapshot) s = NULL;
                SnapLink *now = NULL;
                uint8_t mac[6];

                if (apply_link_index(c, was->name, &now, &s) < 0)
                        continue;
                if (was->master != now->master) {
                        const SnapLink *m = snapshot_link_by_index(before, was->master);
                        int mi = m ? apply_link_index(c, m->name, NULL, NULL) : 0;

                        if (mi >= 0) {
                                g_autoptr(NlMsg) msg = bondnl_msg_set_master(now->ifindex, mi);

                                if (request(c, msg, res, st) == 0 && mi > 0 && was->port.present)
                                        restore_port_options(c, was, now, true, res, st);
                        }
                } else if (was->master && was->port.present && now->port.present) {
                        restore_port_options(c, was, now, false, res, st);
                }
                if (!was->master && !now->port.present) {
                        if (was->mtu && was->mtu != now->mtu) {
                                g_autoptr(NlMsg) msg = bondnl_msg_set_mtu(now->ifindex, was->mtu);

                                request(c, msg, res, st);
                        }
                        if (was->mac && g_strcmp0(was->mac, now->mac) != 0 &&
                            hwaddr_parse_ether(was->mac, mac) == 0) {
                                g_autoptr(NlMsg) msg = bondnl_msg_set_mac(now->ifindex, mac);

                                request(c, msg, res, st);
                        }
                }
                if (was->up != now->up) {
                        g_autoptr(NlMsg) msg = bondnl_msg_set_up(now->ifindex, was->up);

                        request(c, msg, res, st);
                }
        }
}

/* The active port of bond l by name (a resolved snapshot's), or NULL. */
static const char *active_port(const SnapLink *l)
{
        const BondOptValue *v = l && l->bond ? &l->bond->v[BOND_OPT_ACTIVE_SLAVE] : NULL;

        return v && v->set && v->str && *v->str ? v->str : NULL;
}

/*
 * The active port of each bond the plan touched, as recorded: a port
 * released and enslaved again comes back as a backup, and the bond keeps
 * the port that took over (when the plan was stopped before it released
 * them all, which would have put them back in their order).
 */
static void restore_active(NlConn *c, const Plan *plan, const GPtrArray *touched, ApplyResult *res)
{
        for (guint i = 0; i < touched->len; i++) {
                const SnapLink *was = touched->pdata[i];
                const PlanStep *st = step_of(plan, was->name);
                const char *want = active_port(was);
                g_autoptr(Snapshot) s = NULL;
                g_autoptr(BondOptions) o = NULL;
                g_autoptr(NlMsg) m = NULL;
                SnapLink *now = NULL;
                int idx[_BOND_OPT_MAX] = { 0 };
                int port;

                if (!want || apply_link_index(c, was->name, &now, &s) < 0 || !now->bond ||
                    !now->bond->v[BOND_OPT_ACTIVE_SLAVE].set)
                        continue;
                /* one link's dump: the active port as its ifindex */
                port = apply_link_index(c, want, NULL, NULL);
                if (port <= 0 || (int)now->bond->v[BOND_OPT_ACTIVE_SLAVE].num == port)
                        continue;
                o = bond_options_new();
                o->v[BOND_OPT_ACTIVE_SLAVE].set = true;
                o->v[BOND_OPT_ACTIVE_SLAVE].str = g_strdup(want);
                idx[BOND_OPT_ACTIVE_SLAVE] = port;
                m = bondnl_msg_set_bond_options(now->ifindex, o,
                                                BOND_OPT_MASK(BOND_OPT_ACTIVE_SLAVE), idx);
                request(c, m, res, st);
        }
}

static bool have_addr(const Snapshot *s, int ifindex, const SnapAddr *a)
{
        for (guint i = 0; i < s->addrs->len; i++) {
                const SnapAddr *b = s->addrs->pdata[i];

                if (b->ifindex == ifindex && b->family == a->family && b->prefix == a->prefix &&
                    g_strcmp0(b->address, a->address) == 0)
                        return true;
        }
        return false;
}

static bool have_route(const Snapshot *s, const NetRoute *r)
{
        for (guint i = 0; i < s->routes->len; i++)
                if (net_route_equal(s->routes->pdata[i], r))
                        return true;
        return false;
}

/*
 * Addresses and default routes the recorded state had on the links the plan
 * touched: taking a link down drops its routes (and IPv6 addresses), which
 * undoing the steps alone does not bring back.
 */
static void restore_addresses(NlConn *c, const Plan *plan, const GPtrArray *touched,
                              const Snapshot *before, ApplyResult *res)
{
        g_autoptr(Snapshot) now = NULL;

        if (snapshot_take(c, &now) < 0)
                return;
        for (guint i = 0; i < touched->len; i++) {
                const SnapLink *was = touched->pdata[i];
                const SnapLink *is = snapshot_link_by_name(now, was->name);
                const PlanStep *st = step_of(plan, was->name);

                if (!is)
                        continue;
                for (guint k = 0; k < before->addrs->len; k++) {
                        const SnapAddr *a = before->addrs->pdata[k];

                        if (a->ifindex == was->ifindex && a->scope == 0 &&
                            !have_addr(now, is->ifindex, a)) {
                                g_autoptr(NlMsg) m = bondnl_msg_new_addr(
                                        is->ifindex, a->family, a->address, a->prefix, a->broadcast,
                                        a->label, a->scope, BONDNL_ADDR_ADD);

                                request(c, m, res, st);
                        }
                }
                for (guint k = 0; k < before->routes->len; k++) {
                        g_autoptr(NetRoute) r = net_route_copy(before->routes->pdata[k]);

                        if (r->ifindex != was->ifindex)
                                continue;
                        /* a link made again has a new ifindex, and ifup-eth's
                         * zeroconf route's metric is 1000 + the ifindex */
                        if (r->has_metric && r->metric == 1000 + (uint32_t)was->ifindex && r->dst &&
                            g_str_equal(r->dst, "169.254.0.0") && r->prefix == 16)
                                r->metric = 1000 + (uint32_t)is->ifindex;
                        r->ifindex = is->ifindex;
                        if (have_route(now, r))
                                continue;
                        {
                                g_autoptr(NlMsg) m = net_route_msg_add_flags(r, NLM_F_EXCL);

                                request(c, m, res, st);
                        }
                }
        }
}

/*
 * The undo of taking a link down that was up is left to restore_links(),
 * which brings it up once everything else is back: a bond brought up
 * before its ports return has the random MAC the kernel gave it when its
 * last port left, and the IPv6 link-local address made from it stays.
 */
static bool up_later(const PlanStep *st, const Snapshot *before)
{
        const SnapLink *was;

        if (!before || st->action != PLAN_SET_UP || st->up)
                return false;
        was = snapshot_link_by_name(before, st->ifname);
        return was && was->up;
}

/* An undo that finds its work done (a step undone by a run that died, or
 * never done): the object is gone, or there already. */
static bool already(int r)
{
        return r == -ENODEV || r == -ENOENT || r == -ESRCH || r == -EADDRNOTAVAIL || r == -EEXIST;
}

static void rollback(NlConn *c, const Plan *plan, guint done, const Snapshot *before,
                     const bool *skipped, bool again, ApplyProgressFn progress, void *userdata,
                     ApplyResult *res)
{
        for (guint i = done; i-- > 0;) {
                guint first = i;

                /* Re-enslave released ports in their original order, so the
                 * bond lists them (and picks its active port) as before. */
                while (first > 0 && ((PlanStep *)plan->steps->pdata[i])->action == PLAN_RELEASE &&
                       ((PlanStep *)plan->steps->pdata[first - 1])->action == PLAN_RELEASE)
                        first--;
                for (guint k = first; k <= i; k++) {
                        const PlanStep *st = plan->steps->pdata[k];
                        PlanStep inv;
                        int r;

                        if ((skipped && skipped[k]) || !invert_step(st, &inv) ||
                            up_later(st, before))
                                continue;
                        if (progress)
                                progress(&inv, k, true, userdata);
                        r = apply_step(c, &inv);
                        /* A soft step's object may have gone with its link. */
                        if (r < 0 && !(inv.action == PLAN_DELETE_BOND && r == -ENODEV) &&
                            !(st->soft && (r == -ESRCH || r == -ENOENT || r == -ENODEV)) &&
                            !(again && already(r)))
                                undo_error(res, st, r, nl_conn_error(c));
                }
                i = first;
        }
        if (before) {
                g_autoptr(GPtrArray) touched = plan_touched_links(plan, before);

                if (!plan->steps->len)
                        return;
                restore_links(c, plan, touched, before, res);
                restore_active(c, plan, touched, res);
                restore_addresses(c, plan, touched, before, res);
        }
}

void apply_rollback(NlConn *c, const Plan *plan, guint done, const Snapshot *before,
                    const bool *skipped, ApplyProgressFn progress, void *userdata, ApplyResult *res)
{
        rollback(c, plan, done, before, skipped, false, progress, userdata, res);
}

void apply_recover(NlConn *c, const Plan *plan, guint done, const Snapshot *before,
                   ApplyProgressFn progress, void *userdata, ApplyResult *res)
{
        memset(res, 0, sizeof(*res));
        /* a dead run's ifindexes are no one's memo */
        nl_conn_forget_ifindex(c, NULL);
        rollback(c, plan, MIN(done, plan->steps->len), before, NULL, true, progress, userdata, res);
}
