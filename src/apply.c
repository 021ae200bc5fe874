/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Execute a plan; on failure undo it and restore the recorded state. */
#include "apply.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <linux/rtnetlink.h>

#include "apply-internal.h"
#include "hwaddr.h"
#include "port-state.h"

void apply_result_clear(ApplyResult *r)
{
        if (!r)
                return;
        g_free(r->message);
        if (r->undo_errors)
                g_ptr_array_unref(r->undo_errors);
        if (r->warnings)
                g_ptr_array_unref(r->warnings);
        g_free(r->skipped);
        memset(r, 0, sizeof(*r));
}

/* ---- gratuitous ARP ----------------------------------------------------- */

struct garp {
        uint16_t hrd, pro;
        uint8_t hln, pln;
        uint16_t op;
        uint8_t sha[6], spa[4], tha[6], tpa[4];
} __attribute__((packed));

int apply_send_garp(int ifindex, const char *mac, const char *ip)
{
        struct sockaddr_ll sll = {
                .sll_family = AF_PACKET,
                .sll_protocol = htons(ETH_P_ARP),
                .sll_ifindex = ifindex,
                .sll_halen = 6,
                .sll_addr = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff },
        };
        struct garp pkt = {
                .hrd = htons(1), /* ARPHRD_ETHER */
                .pro = htons(ETH_P_IP),
                .hln = 6,
                .pln = 4,
                .op = htons(1), /* request: sender = target announces the address */
        };
        uint8_t hw[6];
        int fd, r = 0;

        if (hwaddr_parse_ether(mac, hw) < 0 || inet_pton(AF_INET, ip, pkt.spa) != 1)
                return -EINVAL;
        memcpy(pkt.sha, hw, 6);
        memcpy(pkt.tpa, pkt.spa, 4);
        fd = socket(AF_PACKET, SOCK_DGRAM | SOCK_CLOEXEC, htons(ETH_P_ARP));
        if (fd < 0)
                return -errno;
        if (sendto(fd, &pkt, sizeof(pkt), 0, (struct sockaddr *)&sll, sizeof(sll)) < 0)
                r = -errno;
        close(fd);
        return r;
}

/* ---- one step ----------------------------------------------------------- */

int apply_link_index(NlConn *c, const char *name, SnapLink **out, Snapshot **keep)
{
        g_autoptr(Snapshot) s = NULL;
        int r;

        if (!name)
                return -EINVAL;
        if (!out && (r = nl_conn_recall_ifindex(c, name)) > 0)
                return r;
        r = snapshot_take_link(c, name, &s);
        if (r < 0)
                return r;
        r = ((SnapLink *)s->links->pdata[0])->ifindex;
        nl_conn_remember_ifindex(c, name, r);
        if (out && keep) {
                *out = s->links->pdata[0];
                *keep = g_steal_pointer(&s);
        }
        return r;
}

int apply_ifindex(NlConn *c, const char *name)
{
        return apply_link_index(c, name, NULL, NULL);
}

/* ifindex of each IFNAME option in mask (0 = clear). */
static int resolve_ifindex_opts(NlConn *c, const BondOptions *o, BondOptMask mask,
                                int idx[_BOND_OPT_MAX])
{
        for (int id = 0; id < _BOND_OPT_MAX; id++) {
                const BondOptValue *v = &o->v[id];
                int r;

                idx[id] = 0;
                if (!(mask & BOND_OPT_MASK(id)) || bond_opt_desc(id)->nla != BOND_NLA_IFINDEX ||
                    !v->set || !v->str || !*v->str)
                        continue;
                r = apply_link_index(c, v->str, NULL, NULL);
                if (r < 0)
                        return r;
                idx[id] = r;
        }
        return 0;
}

/* After a release: put the port's permanent MAC back if the kernel did not. */
static int restore_perm_mac(NlConn *c, const PlanStep *st, int ifindex)
{
        g_autoptr(Snapshot) s = NULL;
        SnapLink *l = NULL;
        uint8_t mac[6];
        int r;

        if (!st->mac || hwaddr_parse_ether(st->mac, mac) < 0)
                return 0;
        r = apply_link_index(c, st->ifname, &l, &s);
        if (r < 0)
                return r;
        if (l->mac && g_ascii_strcasecmp(l->mac, st->mac) == 0)
                return 0;
        {
                g_autoptr(NlMsg) m = bondnl_msg_set_mac(ifindex, mac);

                return nl_conn_request(c, m);
        }
}

static const BondOptMask port_opts_mask =
        BOND_OPT_MASK(BOND_OPT_PORT_QUEUE_ID) | BOND_OPT_MASK(BOND_OPT_PORT_PRIO);

/* The port options in st->opts/mask (SET_PORT_OPTIONS; ENSLAVE undoing a
 * RELEASE).  0 if there are none. */
static int set_port_options(NlConn *c, const PlanStep *st, int ifindex)
{
        g_autoptr(NlMsg) m = NULL;

        if (!st->opts || !(st->mask & port_opts_mask))
                return 0;
        m = bondnl_msg_set_port_options(ifindex,
                                        st->mask & BOND_OPT_MASK(BOND_OPT_PORT_QUEUE_ID)
                                                ? &st->opts->v[BOND_OPT_PORT_QUEUE_ID]
                                                : NULL,
                                        st->mask & BOND_OPT_MASK(BOND_OPT_PORT_PRIO)
                                                ? &st->opts->v[BOND_OPT_PORT_PRIO]
                                                : NULL);
        return m ? nl_conn_request(c, m) : -ENOMEM;
}

static int send_garp(NlConn *c, const PlanStep *st)
{
        g_autoptr(Snapshot) s = NULL;
        SnapLink *l = NULL;
        int r = apply_link_index(c, st->ifname, &l, &s);

        if (r < 0)
                return r;
        return apply_send_garp(l->ifindex, l->mac, st->address);
}

static int do_step(NlConn *c, const PlanStep *st, char **msg);

/*
 * An active-backup bond created with its mode in the create message lacks
 * the IPsec offload features (esp-hw-offload...) that one whose mode is
 * set afterwards gets: the kernel's bond_option_mode_set() turns them on
 * in wanted_features, and register_netdevice() recomputes those after the
 * create's changelink.  initscripts (sysfs) and `ip link set type bond
 * mode` set the mode on the registered device: so does this, on the new,
 * empty, down bond, where setting the mode again changes nothing else.
 */
static int resolve_ifindex_opts(NlConn *c, const BondOptions *o, BondOptMask mask,
                                int idx[_BOND_OPT_MAX]);

static int mode_again(NlConn *c, const PlanStep *st)
{
        g_autoptr(NlMsg) m = NULL;
        int idx[_BOND_OPT_MAX] = { 0 };
        int ifindex, r;

        if (bond_options_mode(st->opts) != BOND_MODE_ACTIVE_BACKUP)
                return 0;
        ifindex = apply_link_index(c, st->ifname, NULL, NULL);
        if (ifindex < 0)
                return ifindex;
        /* Setting the mode resets arp_validate: the create's options go
         * again with it (bond_changelink() takes the mode first). */
        r = resolve_ifindex_opts(c, st->opts, st->mask, idx);
        if (r < 0)
                return r;
        m = bondnl_msg_set_bond_options(ifindex, st->opts, st->mask, idx);
        return m ? nl_conn_request(c, m) : -EINVAL;
}

int apply_step_msg(NlConn *c, const PlanStep *st, char **msg)
{
        int r = do_step(c, st, msg);

        /* A link came or went: its name now stands for another index. */
        if (st->action == PLAN_CREATE_BOND || st->action == PLAN_DELETE_BOND ||
            st->action == PLAN_CREATE_LINK || st->action == PLAN_DELETE_LINK)
                nl_conn_forget_ifindex(c, st->ifname);
        return r;
}

int apply_step(NlConn *c, const PlanStep *st)
{
        g_autofree char *msg = NULL;

        return apply_step_msg(c, st, &msg);
}

static int do_step(NlConn *c, const PlanStep *st, char **msg)
{
        g_autoptr(NlMsg) m = NULL;
        int idx[_BOND_OPT_MAX] = { 0 };
        int ifindex = 0, master, r;
        uint8_t mac[6];

        switch (st->action) {
        case PLAN_SEND_GARP:
                return send_garp(c, st);
        case PLAN_ADD_ROUTE:
        case PLAN_DEL_ROUTE:
                return apply_route(c, st);
        case PLAN_ADD_RULE:
        case PLAN_DEL_RULE:
                return apply_rule(c, st);
        case PLAN_SET_SYSCTL:
                return apply_sysctl(st->ifname, st->sysctl, st->value);
        case PLAN_PROBE_ADDRESSES:
                return apply_probe(c, st, msg);
        case PLAN_LINK_DELAY:
                return apply_link_delay(st);
        case PLAN_RUN_ETHTOOL:
                return apply_ethtool(st, msg);
        case PLAN_CREATE_LINK:
        case PLAN_CHANGE_LINK:
        case PLAN_DELETE_LINK:
        case PLAN_SET_MASTER:
        case PLAN_SET_LINK_PORT:
                return apply_link(c, st);
        default:
                break;
        }
        if (st->action != PLAN_CREATE_BOND) {
                ifindex = apply_link_index(c, st->ifname, NULL, NULL);
                if (ifindex < 0)
                        return ifindex;
        }
        switch (st->action) {
        case PLAN_CREATE_BOND:
                r = resolve_ifindex_opts(c, st->opts, st->mask, idx);
                if (r < 0)
                        return r;
                m = bondnl_msg_create_bond(st->ifname, st->opts, st->mask, idx);
                r = m ? nl_conn_request(c, m) : -EINVAL;
                return r < 0 ? r : mode_again(c, st);
        case PLAN_DELETE_BOND:
                m = bondnl_msg_del_link(ifindex);
                break;
        case PLAN_SET_OPTIONS:
                r = resolve_ifindex_opts(c, st->opts, st->mask, idx);
                if (r < 0)
                        return r;
                m = bondnl_msg_set_bond_options(ifindex, st->opts, st->mask, idx);
                break;
        case PLAN_SET_UP:
                m = bondnl_msg_set_up(ifindex, st->up);
                break;
        case PLAN_SET_MTU:
                m = bondnl_msg_set_mtu(ifindex, st->mtu);
                break;
        case PLAN_SET_MAC:
                if (hwaddr_parse_ether(st->mac, mac) < 0)
                        return -EINVAL;
                m = bondnl_msg_set_mac(ifindex, mac);
                break;
        case PLAN_ENSLAVE:
                master = apply_link_index(c, st->master, NULL, NULL);
                if (master < 0)
                        return master;
                m = bondnl_msg_set_master(ifindex, master);
                r = m ? nl_conn_request(c, m) : -ENOMEM;
                return r < 0 ? r : set_port_options(c, st, ifindex);
        case PLAN_RELEASE:
                m = bondnl_msg_set_master(ifindex, 0);
                r = nl_conn_request(c, m);
                return r < 0 ? r : restore_perm_mac(c, st, ifindex);
        case PLAN_SET_PORT_OPTIONS:
                return set_port_options(c, st, ifindex);
        case PLAN_ADD_ADDRESS:
        case PLAN_DEL_ADDRESS:
                return apply_address(c, st, ifindex);
        case PLAN_SET_ARP:
                m = bondnl_msg_set_arp(ifindex, st->up);
                break;
        default:
                return -EINVAL;
        }
        if (!m)
                return -EINVAL;
        return nl_conn_request(c, m);
}

static void add_warning(ApplyResult *res, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
static void add_warning(ApplyResult *res, const char *fmt, ...)
{
        va_list ap;

        if (!res->warnings)
                res->warnings = g_ptr_array_new_with_free_func(g_free);
        va_start(ap, fmt);
        g_ptr_array_add(res->warnings, g_strdup_vprintf(fmt, ap));
        va_end(ap);
}

/* Before enslaving a port that is not in the bond yet: record its state
 * for `down` (port-state.h).  created collects the records written. */
static void record_port(const PlanStep *st, const Snapshot *before, GPtrArray *created,
                        ApplyResult *res)
{
        g_autofree char *dir = port_state_dir();
        int r = port_state_record(dir, before, st->ifname, st->master);

        if (r > 0)
                g_ptr_array_add(created, g_strdup(st->ifname));
        else if (r < 0 && r != -ENODEV)
                add_warning(res,
                            "%s: cannot record its state in %s: %s ('down' will leave it as "
                            "the kernel does)",
                            st->ifname, dir, g_strerror(-r));
}

/* After a rollback: the records this run wrote describe nothing. */
static void forget_ports(GPtrArray *created, ApplyResult *res)
{
        g_autofree char *dir = port_state_dir();

        for (guint i = 0; i < created->len; i++) {
                int r = port_state_remove(dir, created->pdata[i]);

                if (r < 0)
                        add_warning(res, "%s: cannot remove %s/%s: %s", (char *)created->pdata[i],
                                    dir, (char *)created->pdata[i], g_strerror(-r));
        }
}

#ifdef BONDCFG_TEST_SEAMS
/* The test build only (make build/bondcfg-test): fail step N of a run
 * (BONDCFG_TEST_FAIL_STEP=N), for the rollback tests.  The shipped binary
 * has no such switch. */
static unsigned step_from_env(const char *name)
{
        const char *e = getenv(name);
        char *end;
        unsigned long n;

        if (!e || !*e)
                return 0;
        n = strtoul(e, &end, 10);
        return *end == '\0' ? (unsigned)n : 0;
}
#endif

static const volatile sig_atomic_t *stop_flag;

void apply_set_stop_flag(const volatile sig_atomic_t *flag)
{
        stop_flag = flag;
}

/* A signal asked the run to stop (the step under way has finished). */
static bool stop_asked(ApplyResult *res, guint next)
{
        if (!stop_flag || !*stop_flag)
                return false;
        res->interrupted = *stop_flag;
        res->error = -EINTR;
        res->message =
                g_strdup_printf("interrupted by %s before step %u", strsignal(*stop_flag), next);
        return true;
}

void apply_undo(NlConn *c, const Plan *plan, const Snapshot *before, const bool *skipped,
                ApplyProgressFn progress, void *userdata, ApplyResult *res)
{
        apply_rollback(c, plan, plan->steps->len, before, skipped, progress, userdata, res);
}

int apply_plan(NlConn *c, const Plan *plan, const Snapshot *before, unsigned *counter,
               ApplyProgressFn progress, ApplyVerifyFn verify, void *userdata, ApplyResult *res)
{
        unsigned local = 0;
#ifdef BONDCFG_TEST_SEAMS
        /* fail step N; or send this process SIGTERM as step N begins (the
         * way a signal comes while a step is under way, at a known step) */
        unsigned fail_at = step_from_env("BONDCFG_TEST_FAIL_STEP");
        unsigned signal_at = step_from_env("BONDCFG_TEST_SIGNAL_STEP");
        /* SIGKILL as step N begins (counted, not sent) or once it is done:
         * the crash journal's tests */
        unsigned kill_before = step_from_env("BONDCFG_TEST_KILL_BEFORE");
        unsigned kill_after = step_from_env("BONDCFG_TEST_KILL_STEP");
#endif
        g_autoptr(GPtrArray) created = g_ptr_array_new_with_free_func(g_free);
        guint i;
        int r = 0;

        memset(res, 0, sizeof(*res));
        res->skipped = g_new0(bool, plan->steps->len + 1);
        if (!counter)
                counter = &local;
        /* The links as the plan saw them: steps look them up by name. */
        nl_conn_forget_ifindex(c, NULL);
        for (guint k = 0; before && k < before->links->len; k++) {
                const SnapLink *l = before->links->pdata[k];

                nl_conn_remember_ifindex(c, l->name, l->ifindex);
        }
        for (i = 0; i < plan->steps->len; i++) {
                const PlanStep *st = plan->steps->pdata[i];

                if (stop_asked(res, i + 1)) {
                        apply_rollback(c, plan, i, before, res->skipped, progress, userdata, res);
                        forget_ports(created, res);
                        return -EINTR;
                }
                ++*counter;
                if (progress)
                        progress(st, i, false, userdata);
#ifdef BONDCFG_TEST_SEAMS
                if (signal_at && *counter == signal_at)
                        raise(SIGTERM);
                if (kill_before && *counter == kill_before)
                        raise(SIGKILL);
                if (fail_at && *counter == fail_at) {
                        r = -EIO;
                        res->message = g_strdup_printf(
                                "injected failure (BONDCFG_TEST_FAIL_STEP=%u)", fail_at);
                } else
#endif
                {
                        g_autofree char *msg = NULL;

                        if (st->action == PLAN_ENSLAVE && before)
                                record_port(st, before, created, res);
                        r = apply_step_msg(c, st, &msg);
                        if (r < 0 && (st->soft || r == -ENOLINK)) {
                                /* as initscripts carries on: say so, go on */
                                add_warning(res, "%s: %s%s%s", st->description,
                                            msg ? msg : g_strerror(-r),
                                            !msg && nl_conn_error(c) ? ": " : "",
                                            !msg && nl_conn_error(c) ? nl_conn_error(c) : "");
                                res->skipped[i] = true;
                                r = 0;
                        }
                        if (r < 0)
                                res->message =
                                        msg ? g_steal_pointer(&msg) : g_strdup(nl_conn_error(c));
                }
#ifdef BONDCFG_TEST_SEAMS
                if (kill_after && *counter == kill_after)
                        raise(SIGKILL);
#endif
                if (r < 0) {
                        res->failed_index = i + 1;
                        res->failed = st;
                        res->error = r;
                        apply_rollback(c, plan, i, before, res->skipped, progress, userdata, res);
                        forget_ports(created, res);
                        return r;
                }
        }
        if (stop_asked(res, i + 1)) {
                apply_rollback(c, plan, i, before, res->skipped, progress, userdata, res);
                forget_ports(created, res);
                return -EINTR;
        }
        if (verify) {
                char *msg = NULL;

                r = verify(c, &msg, userdata);
                if (r < 0) {
                        res->error = r;
                        res->message = msg;
                        apply_rollback(c, plan, i, before, res->skipped, progress, userdata, res);
                        forget_ports(created, res);
                        return r;
                }
                g_free(msg);
        }
        return 0;
}
