/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The planner: desired bond vs. snapshot -> ordered, undoable steps. */
#include "plan.h"

#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include <sys/socket.h>

#include "hwaddr.h"
#include "json.h"
#include "plan-internal.h"

static const char *const action_names[_PLAN_ACTION_MAX] = {
        [PLAN_CREATE_BOND] = "create-bond",
        [PLAN_DELETE_BOND] = "delete-bond",
        [PLAN_SET_OPTIONS] = "set-options",
        [PLAN_SET_UP] = "set-link",
        [PLAN_SET_MTU] = "set-mtu",
        [PLAN_SET_MAC] = "set-mac",
        [PLAN_ENSLAVE] = "enslave",
        [PLAN_RELEASE] = "release",
        [PLAN_SET_PORT_OPTIONS] = "set-port-options",
        [PLAN_ADD_ADDRESS] = "add-address",
        [PLAN_DEL_ADDRESS] = "delete-address",
        [PLAN_ADD_ROUTE] = "add-route",
        [PLAN_DEL_ROUTE] = "delete-route",
        [PLAN_SEND_GARP] = "send-garp",
};

const char *plan_action_to_string(PlanAction a)
{
        return a < _PLAN_ACTION_MAX ? action_names[a] : NULL;
}

void plan_step_free(PlanStep *st)
{
        if (!st)
                return;
        g_free(st->bond);
        g_free(st->ifname);
        g_free(st->master);
        g_free(st->description);
        bond_options_free(st->opts);
        bond_options_free(st->old_opts);
        g_free(st->mac);
        g_free(st->old_mac);
        g_free(st->address);
        g_free(st);
}

Plan *plan_new(void)
{
        Plan *p = g_new0(Plan, 1);

        p->steps = g_ptr_array_new_with_free_func((GDestroyNotify)plan_step_free);
        return p;
}

void plan_free(Plan *p)
{
        if (!p)
                return;
        g_ptr_array_unref(p->steps);
        g_free(p);
}

void plan_step_append_json(GString *s, const PlanStep *st)
{
        g_string_append(s, "{\"bond\":");
        json_append_string(s, st->bond);
        g_string_append(s, ",\"action\":");
        json_append_string(s, st->action == PLAN_SET_UP ? (st->up ? "set-up" : "set-down")
                                                        : plan_action_to_string(st->action));
        g_string_append(s, ",\"ifname\":");
        json_append_string(s, st->ifname);
        g_string_append(s, ",\"description\":");
        json_append_string(s, st->description);
        g_string_append_c(s, '}');
}

/* ---- step constructors -------------------------------------------------- */

PlanStep *plan_add_step(Plan *p, PlanAction a, const char *bond, const char *ifname,
                        const char *fmt, ...)
{
        PlanStep *st = g_new0(PlanStep, 1);
        g_autofree char *d = NULL;
        va_list ap;

        va_start(ap, fmt);
        d = g_strdup_vprintf(fmt, ap);
        va_end(ap);
        st->action = a;
        st->bond = g_strdup(bond);
        st->ifname = g_strdup(ifname);
        st->description = g_strdup_printf("%s: %s", ifname, d);
        g_ptr_array_add(p->steps, st);
        return st;
}

void plan_add_set_up(Plan *p, const char *bond, const char *ifname, bool up)
{
        PlanStep *st = plan_add_step(p, PLAN_SET_UP, bond, ifname, "set %s", up ? "up" : "down");

        st->up = up;
}

/* "miimon 100 -> 200, updelay 0 -> 200" for the options in mask. */
static char *describe_changes(const BondOptions *old, const BondOptions *new, BondOptMask mask)
{
        GString *s = g_string_new(NULL);

        for (int id = 0; id < _BOND_OPT_MAX; id++) {
                const BondOptDesc *d = bond_opt_desc(id);
                g_autofree char *a = NULL, *b = NULL;

                if (!(mask & BOND_OPT_MASK(id)))
                        continue;
                a = bond_opt_format_value(d, old ? &old->v[id] : NULL);
                b = bond_opt_format_value(d, &new->v[id]);
                g_string_append_printf(s, "%s%s %s -> %s", s->len ? ", " : "", d->name,
                                       *a ? a : "\"\"", *b ? b : "\"\"");
        }
        return g_string_free(s, FALSE);
}

static PlanStep *add_set_options(Plan *p, const char *bond, const BondOptions *old,
                                 const BondOptions *new, BondOptMask mask)
{
        g_autofree char *d = describe_changes(old, new, mask);
        PlanStep *st = plan_add_step(p, PLAN_SET_OPTIONS, bond, bond, "set %s", d);

        st->opts = bond_options_copy(new);
        st->old_opts = old ? bond_options_copy(old) : bond_options_new();
        st->mask = st->old_mask = mask;
        return st;
}

static void add_enslave(Plan *p, const char *bond, const SnapLink *port, bool known_down)
{
        PlanStep *st;

        if (port->up && !known_down)
                plan_add_set_up(p, bond, port->name, false);
        st = plan_add_step(p, PLAN_ENSLAVE, bond, port->name, "enslave to %s", bond);
        st->master = g_strdup(bond);
}

/*
 * Releasing resets the port's options (queue_id, prio) in the kernel: the
 * step keeps their values, for its undo to set them again.
 */
void plan_add_release(Plan *p, const char *bond, const SnapLink *port, const char *master)
{
        PlanStep *st = plan_add_step(p, PLAN_RELEASE, bond, port->name, "release from %s", master);

        st->master = g_strdup(master);
        st->mac = g_strdup(port->perm_mac);
        if (!port->port.present)
                return;
        st->old_opts = bond_options_new();
        if (port->port.queue_id) {
                st->old_opts->v[BOND_OPT_PORT_QUEUE_ID].set = true;
                st->old_opts->v[BOND_OPT_PORT_QUEUE_ID].num = port->port.queue_id;
                st->old_mask |= BOND_OPT_MASK(BOND_OPT_PORT_QUEUE_ID);
        }
        if (port->port.has_prio && port->port.prio) {
                st->old_opts->v[BOND_OPT_PORT_PRIO].set = true;
                st->old_opts->v[BOND_OPT_PORT_PRIO].num = (uint64_t)(int64_t)port->port.prio;
                st->old_mask |= BOND_OPT_MASK(BOND_OPT_PORT_PRIO);
        }
        if (!st->old_mask)
                g_clear_pointer(&st->old_opts, bond_options_free);
}

/* ---- option comparison -------------------------------------------------- */

bool plan_is_bond_attr(const BondOptDesc *d)
{
        return d->ifla && !(d->flags & (BOND_OPT_F_PORT | BOND_OPT_F_MODULE_ONLY));
}

/* Reported only when set (ifindex) or non-empty (target lists). */
static bool absent_means_unset(const BondOptDesc *d)
{
        return d->nla == BOND_NLA_IFINDEX || d->nla == BOND_NLA_IP4_NEST ||
               d->nla == BOND_NLA_IP6_NEST;
}

/* Reported only in 802.3ad mode. */
static bool lacp_only_attr(BondOptId id)
{
        return id == BOND_OPT_AD_ACTOR_SYS_PRIO || id == BOND_OPT_AD_USER_PORT_KEY ||
               id == BOND_OPT_AD_ACTOR_SYSTEM;
}

static bool user_set(const BondOptValue *v)
{
        return v->set && !v->defaulted;
}

static void unsupported(DiagList *diags, const CfgBond *b, const BondOptDesc *d)
{
        diag_add(diags, DIAG_ERROR, b->ifcfg ? ifcfg_path(b->ifcfg) : NULL, b->opts->v[d->id].line,
                 d->name, "remove it from BONDING_OPTS, or upgrade the kernel",
                 "kernel does not support %s%s%s%s", d->name, d->since ? " (needs " : "",
                 d->since ? d->since : "", d->since ? ")" : "");
}

int plan_check_supported(const CfgBond *b, const SnapLink *live, DiagList *diags)
{
        BondMode mode = bond_options_mode(b->opts);
        int r = 0;

        for (int id = 0; id < _BOND_OPT_MAX; id++) {
                const BondOptDesc *d = bond_opt_desc(id);

                if (!plan_is_bond_attr(d) || absent_means_unset(d) || !user_set(&b->opts->v[id]) ||
                    !bond_opt_applies_to_mode(d, mode) || (live->bond_attrs & BOND_OPT_MASK(id)))
                        continue;
                if (lacp_only_attr(id) && bond_options_mode(live->bond) != BOND_MODE_LACP)
                        continue;
                unsupported(diags, b, d);
                r = -EOPNOTSUPP;
        }
        return r;
}

/* Options of b (applying to its mode) that differ from the live bond. */
static int diff_options(const CfgBond *b, const SnapLink *live, BondOptMask *out, DiagList *diags)
{
        BondMode mode = bond_options_mode(b->opts);
        BondOptMask m = 0;
        int r = 0;

        for (int id = 0; id < _BOND_OPT_MAX; id++) {
                const BondOptDesc *d = bond_opt_desc(id);
                const BondOptValue *want = &b->opts->v[id];

                if (!plan_is_bond_attr(d) || !bond_opt_applies_to_mode(d, mode))
                        continue;
                if (!(live->bond_attrs & BOND_OPT_MASK(id)) && !absent_means_unset(d)) {
                        if (!want->set)
                                continue;
                        if (lacp_only_attr(id) && bond_options_mode(live->bond) != BOND_MODE_LACP) {
                                m |= BOND_OPT_MASK(id);
                                continue;
                        }
                        if (user_set(want)) {
                                unsupported(diags, b, d);
                                r = -EOPNOTSUPP;
                        }
                        continue;
                }
                /* The active port is run-time state: only a configured one counts. */
                if (id == BOND_OPT_ACTIVE_SLAVE && !want->set)
                        continue;
                if (!bond_opt_value_equal(d, want, &live->bond->v[id]))
                        m |= BOND_OPT_MASK(id);
        }
        *out = m;
        return r;
}

static BondOptMask mask_with_flag(unsigned flag)
{
        BondOptMask m = 0;

        for (int id = 0; id < _BOND_OPT_MAX; id++)
                if (bond_opt_desc(id)->flags & flag)
                        m |= BOND_OPT_MASK(id);
        return m;
}

const BondOptMask plan_after_enslave_mask =
        BOND_OPT_MASK(BOND_OPT_PRIMARY) | BOND_OPT_MASK(BOND_OPT_ACTIVE_SLAVE);

/* ---- ports -------------------------------------------------------------- */

SnapLink *plan_resolve_port(const CfgPort *p, const Snapshot *s)
{
        if (p->name)
                return snapshot_link_by_name(s, p->name);
        return snapshot_link_by_hwaddr(s, p->hwaddr);
}

static bool in_links(GPtrArray *links, const SnapLink *l)
{
        return g_ptr_array_find(links, l, NULL);
}

/*
 * Is mac the NIC l?  Its permanent MAC when the kernel has one, else its
 * current one.  initscripts' ifup-eth compares HWADDR with the current MAC
 * (get_hwaddr), which a bond port no longer has: the permanent one is what
 * HWADDR means.
 */
static bool hwaddr_is_of(const char *mac, const SnapLink *l)
{
        if (l->perm_mac)
                return hwaddr_matches(mac, l->perm_mac);
        return l->mac && hwaddr_matches(mac, l->mac);
}

static int resolve_ports(const CfgBond *b, const SnapLink *bond, const Snapshot *s, GPtrArray *out,
                         DiagList *diags)
{
        int r = 0;

        for (guint i = 0; i < b->ports->len; i++) {
                const CfgPort *p = b->ports->pdata[i];
                const char *file = p->ifcfg ? ifcfg_path(p->ifcfg) : NULL;
                SnapLink *l = plan_resolve_port(p, s), *m;

                if (!l) {
                        if (p->name)
                                diag_add(diags, DIAG_ERROR, file, 0, "DEVICE",
                                         "check the interface name (ip link)",
                                         "port %s of %s does not exist", p->name, b->name);
                        else
                                diag_add(diags, DIAG_ERROR, file, 0, "HWADDR",
                                         "check HWADDR against 'ip link' permanent addresses",
                                         "no interface has the permanent MAC %s (port of %s)",
                                         p->hwaddr, b->name);
                        r = -EINVAL;
                        continue;
                }
                if (l->master && (!bond || l->master != bond->ifindex)) {
                        m = snapshot_link_by_index(s, l->master);
                        diag_add(diags, DIAG_ERROR, file, p->master_line, "MASTER",
                                 "release it first: bondcfg down, or ip link set dev IF nomaster",
                                 "port %s is already a port of %s%s", l->name,
                                 m ? m->name : "another device",
                                 m && g_strcmp0(m->kind, "bond") == 0 ? " (another bond)" : "");
                        r = -EINVAL;
                        continue;
                }
                if (l->bond) {
                        diag_add(diags, DIAG_ERROR, file, 0, NULL, NULL,
                                 "port %s of %s is itself a bond", l->name, b->name);
                        r = -EINVAL;
                        continue;
                }
                if (p->name && p->hwaddr && !hwaddr_is_of(p->hwaddr, l)) {
                        diag_add(diags, DIAG_ERROR, file, ifcfg_line(p->ifcfg, "HWADDR"), "HWADDR",
                                 "correct HWADDR or DEVICE ('ip -d link' shows the permanent "
                                 "address as permaddr), or remove HWADDR",
                                 "HWADDR=%s does not match %s, whose %s MAC is %s; initscripts' "
                                 "ifup-eth refuses such a device, and so does bondcfg",
                                 p->hwaddr, l->name, l->perm_mac ? "permanent" : "current",
                                 l->perm_mac ? l->perm_mac
                                 : l->mac    ? l->mac
                                             : "unknown");
                        r = -EINVAL;
                        continue;
                }
                if (!in_links(out, l))
                        g_ptr_array_add(out, l);
        }
        return r;
}

static const CfgPort *cfg_port_for(const CfgBond *b, const SnapLink *l, const Snapshot *s)
{
        for (guint i = 0; i < b->ports->len; i++) {
                const CfgPort *p = b->ports->pdata[i];

                if (plan_resolve_port(p, s) == l)
                        return p;
        }
        return NULL;
}

static void plan_port_options(Plan *p, const CfgBond *b, const SnapLink *l, const CfgPort *cp,
                              bool fresh, DiagList *diags)
{
        const BondOptDesc *dq = bond_opt_desc(BOND_OPT_PORT_QUEUE_ID);
        const BondOptDesc *dp = bond_opt_desc(BOND_OPT_PORT_PRIO);
        g_autoptr(BondOptions) want = bond_options_new();
        g_autoptr(BondOptions) have = bond_options_new();
        BondOptMask mask = 0;
        g_autofree char *d = NULL;
        PlanStep *st;

        if (!cp)
                return;
        want->v[BOND_OPT_PORT_QUEUE_ID].set = cp->queue_id.set;
        want->v[BOND_OPT_PORT_QUEUE_ID].num = cp->queue_id.num;
        want->v[BOND_OPT_PORT_PRIO].set = cp->prio.set;
        want->v[BOND_OPT_PORT_PRIO].num = cp->prio.num;
        if (!fresh) {
                have->v[BOND_OPT_PORT_QUEUE_ID].set = true;
                have->v[BOND_OPT_PORT_QUEUE_ID].num = l->port.queue_id;
                have->v[BOND_OPT_PORT_PRIO].set = l->port.has_prio;
                have->v[BOND_OPT_PORT_PRIO].num = (uint64_t)(int64_t)l->port.prio;
        }
        if (!bond_opt_value_equal(dq, &want->v[BOND_OPT_PORT_QUEUE_ID],
                                  &have->v[BOND_OPT_PORT_QUEUE_ID]))
                mask |= BOND_OPT_MASK(BOND_OPT_PORT_QUEUE_ID);
        if (!bond_opt_value_equal(dp, &want->v[BOND_OPT_PORT_PRIO], &have->v[BOND_OPT_PORT_PRIO]))
                mask |= BOND_OPT_MASK(BOND_OPT_PORT_PRIO);
        if (!mask)
                return;
        d = describe_changes(have, want, mask);
        st = plan_add_step(p, PLAN_SET_PORT_OPTIONS, b->name, l->name, "set %s", d);
        st->opts = g_steal_pointer(&want);
        st->old_opts = g_steal_pointer(&have);
        st->mask = st->old_mask = mask;
}

static char *describe_create(const BondOptions *o, BondOptMask mask)
{
        GString *s = g_string_new(NULL);

        for (int id = 0; id < _BOND_OPT_MAX; id++) {
                g_autofree char *v = NULL;

                if (!(mask & BOND_OPT_MASK(id)))
                        continue;
                v = bond_opt_format_value(bond_opt_desc(id), &o->v[id]);
                g_string_append_printf(s, "%s%s=%s", s->len ? " " : "", bond_opt_desc(id)->name, v);
        }
        return g_string_free(s, FALSE);
}

static void plan_mtu_mac(Plan *p, const CfgBond *b, const SnapLink *bond)
{
        PlanStep *st;

        if (b->mtu && (!bond || bond->mtu != b->mtu)) {
                st = plan_add_step(p, PLAN_SET_MTU, b->name, b->name, "set mtu %u -> %u",
                                   bond ? bond->mtu : 1500, b->mtu);
                st->mtu = b->mtu;
                st->old_mtu = bond ? bond->mtu : 0;
        }
        if (b->macaddr && (!bond || g_ascii_strcasecmp(bond->mac ? bond->mac : "", b->macaddr))) {
                st = plan_add_step(p, PLAN_SET_MAC, b->name, b->name, "set mac %s -> %s",
                                   bond && bond->mac ? bond->mac : "(new)", b->macaddr);
                st->mac = g_strdup(b->macaddr);
                st->old_mac = bond ? g_strdup(bond->mac) : NULL;
        }
}

/* A bond of the snapshot (the first), or NULL. */
static const SnapLink *any_bond(const Snapshot *s)
{
        for (guint i = 0; i < s->links->len; i++) {
                const SnapLink *l = s->links->pdata[i];

                if (l->bond)
                        return l;
        }
        return NULL;
}

/* Plan for a bond that does not exist yet. */
static void plan_create(Plan *p, const CfgBond *b, const Snapshot *s, GPtrArray *ports)
{
        BondMode mode = bond_options_mode(b->opts);
        BondOptMask create = BOND_OPT_MASK(BOND_OPT_MODE), after = 0;
        g_autofree char *d = NULL;
        PlanStep *st;

        for (int id = 0; id < _BOND_OPT_MAX; id++) {
                const BondOptDesc *desc = bond_opt_desc(id);

                if (!plan_is_bond_attr(desc) || !b->opts->v[id].set ||
                    !bond_opt_applies_to_mode(desc, mode))
                        continue;
                if (plan_after_enslave_mask & BOND_OPT_MASK(id))
                        after |= BOND_OPT_MASK(id);
                else
                        create |= BOND_OPT_MASK(id);
        }
        d = describe_create(b->opts, create);
        st = plan_add_step(p, PLAN_CREATE_BOND, b->name, b->name, "create bond (%s)", d);
        st->opts = bond_options_copy(b->opts);
        st->mask = create;
        plan_mtu_mac(p, b, NULL);
        for (guint i = 0; i < ports->len; i++) {
                SnapLink *l = ports->pdata[i];

                add_enslave(p, b->name, l, false);
                plan_port_options(p, b, l, cfg_port_for(b, l, s), true, NULL);
        }
        plan_add_set_up(p, b->name, b->name, true);
        if (after)
                add_set_options(p, b->name, NULL, b->opts, after);
        plan_addresses(p, b, NULL, s, false);
        plan_gateway(p, b, NULL, s, AF_INET, b->gateway4, false);
        plan_gateway(p, b, NULL, s, AF_INET6, b->gateway6, false);
}

int plan_bond(Plan *p, const CfgBond *b, const Snapshot *s, GHashTable *saved, DiagList *diags)
{
        SnapLink *bond = snapshot_link_by_name(s, b->name);
        g_autoptr(GPtrArray) want = g_ptr_array_new();
        g_autoptr(GPtrArray) have = NULL;
        BondOptMask diff = 0, noports, down, now, after;
        bool released_all = false, took_down = false;
        int r;

        if (bond && !bond->bond) {
                diag_add(diags, DIAG_ERROR, b->ifcfg ? ifcfg_path(b->ifcfg) : NULL, 0, "DEVICE",
                         "delete it or pick another DEVICE name",
                         "%s exists and is not a bond (kind %s)", b->name,
                         bond->kind ? bond->kind : "none");
                return -EINVAL;
        }
        r = resolve_ports(b, bond, s, want, diags);
        if (bond && diff_options(b, bond, &diff, diags) < 0)
                r = -EINVAL;
        if (r < 0)
                return r;
        if (!bond) {
                /* Another bond shows what this kernel reports: an option it
                 * lacks is an error now, before anything is written (else
                 * the check after the steps finds it and rolls back). */
                const SnapLink *probe = any_bond(s);

                if (probe && plan_check_supported(b, probe, diags) < 0)
                        return -EINVAL;
                plan_create(p, b, s, want);
                return 0;
        }

        have = snapshot_ports_of(s, bond->ifindex);
        noports = diff & mask_with_flag(BOND_OPT_F_NEEDS_NO_PORTS);
        down = diff & mask_with_flag(BOND_OPT_F_NEEDS_DOWN);
        after = diff & plan_after_enslave_mask;
        now = diff & ~after;

        /* Ports that are not configured go for good, back to their state
         * before bondcfg; all go, for a while, if an option needs that. */
        for (guint i = 0; i < have->len; i++) {
                SnapLink *l = have->pdata[i];

                if (!in_links(want, l)) {
                        plan_release_port(p, b->name, l, saved);
                        plan_restore_port(p, b->name, l, saved);
                } else if (noports) {
                        plan_add_release(p, b->name, l, b->name);
                }
        }
        released_all = noports != 0;
        if ((noports || down) && bond->up) {
                plan_add_set_up(p, b->name, b->name, false);
                took_down = true;
        }
        if (now)
                add_set_options(p, b->name, bond->bond, b->opts, now);
        plan_mtu_mac(p, b, bond);
        for (guint i = 0; i < want->len; i++) {
                SnapLink *l = want->pdata[i];
                bool enslaved = l->master == bond->ifindex && !released_all;

                if (!enslaved)
                        add_enslave(p, b->name, l, l->master == bond->ifindex);
                plan_port_options(p, b, l, cfg_port_for(b, l, s), !enslaved, diags);
        }
        if (took_down || !bond->up)
                plan_add_set_up(p, b->name, b->name, true);
        if (after)
                add_set_options(p, b->name, bond->bond, b->opts, after);
        plan_addresses(p, b, bond, s, took_down);
        plan_gateway(p, b, bond, s, AF_INET, b->gateway4, took_down);
        plan_gateway(p, b, bond, s, AF_INET6, b->gateway6, took_down);
        return 0;
}
