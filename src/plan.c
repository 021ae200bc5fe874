/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The planner: desired bond vs. snapshot -> ordered, undoable steps. */
#include "plan.h"

#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/if.h>

#include "hwaddr.h"
#include "json.h"
#include "link-kind.h"
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
        [PLAN_ADD_RULE] = "add-rule",
        [PLAN_DEL_RULE] = "delete-rule",
        [PLAN_SET_SYSCTL] = "set-sysctl",
        [PLAN_SET_ARP] = "set-arp",
        [PLAN_PROBE_ADDRESSES] = "probe-addresses",
        [PLAN_LINK_DELAY] = "link-delay",
        [PLAN_RUN_ETHTOOL] = "run-ethtool",
        [PLAN_CREATE_LINK] = "create-link",
        [PLAN_CHANGE_LINK] = "change-link",
        [PLAN_DELETE_LINK] = "delete-link",
        [PLAN_SET_MASTER] = "set-master",
        [PLAN_SET_LINK_PORT] = "set-port-link-options",
};

const char *plan_action_to_string(PlanAction a)
{
        return a < _PLAN_ACTION_MAX ? action_names[a] : NULL;
}

GPtrArray *plan_touched_links(const Plan *p, const Snapshot *before)
{
        GPtrArray *links = g_ptr_array_new();
        g_autoptr(GHashTable) in = g_hash_table_new(g_direct_hash, g_direct_equal);

        for (guint i = 0; i < p->steps->len; i++) {
                const PlanStep *st = p->steps->pdata[i];
                SnapLink *l = st->ifname ? snapshot_link_by_name(before, st->ifname) : NULL;

                if (l && g_hash_table_add(in, l))
                        g_ptr_array_add(links, l);
        }
        /* a VLAN on a VLAN too: links grows as it is walked */
        for (guint i = 0; i < links->len; i++) {
                const SnapLink *lower = links->pdata[i];

                for (guint k = 0; k < before->links->len; k++) {
                        SnapLink *l = before->links->pdata[k];

                        if (l->vlan && l->link == lower->ifindex && g_hash_table_add(in, l))
                                g_ptr_array_add(links, l);
                }
        }
        return links;
}

int plan_action_from_string(const char *s)
{
        for (int a = 0; s && a < _PLAN_ACTION_MAX; a++)
                if (g_str_equal(action_names[a], s))
                        return a;
        return -EINVAL;
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
        g_free(st->broadcast);
        g_free(st->label);
        net_route_free(st->route);
        net_rule_free(st->rule);
        g_free(st->sysctl);
        g_free(st->value);
        g_free(st->old_value);
        g_strfreev(st->argv);
        if (st->kind) {
                st->kind->free(st->spec);
                st->kind->free(st->old_spec);
        }
        g_free(st->parent);
        g_free(st->old_master);
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

void plan_step_to_json(JsonDoc *b, const PlanStep *st)
{
        json_obj_begin(b);
        json_set_string(b, "bond", st->bond);
        json_set_string(b, "action",
                        st->action == PLAN_SET_UP ? (st->up ? "set-up" : "set-down")
                                                  : plan_action_to_string(st->action));
        json_set_string(b, "ifname", st->ifname);
        json_set_string(b, "description", st->description);
        json_obj_end(b);
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
char *plan_describe_changes(const BondOptions *old, const BondOptions *new, BondOptMask mask)
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
        g_autofree char *d = plan_describe_changes(old, new, mask);
        PlanStep *st = plan_add_step(p, PLAN_SET_OPTIONS, bond, bond, "set %s", d);

        st->opts = bond_options_copy(new);
        st->old_opts = old ? bond_options_copy(old) : bond_options_new();
        st->mask = st->old_mask = mask;
        return st;
}

static void add_enslave(Plan *p, const char *bond, const SnapLink *port, const CfgPort *cp,
                        bool known_down)
{
        PlanStep *st;

        if (port->up && !known_down)
                plan_add_set_up(p, bond, port->name, false);
        st = plan_add_step(p, PLAN_ENSLAVE, bond, port->name, "enslave to %s", bond);
        st->master = g_strdup(bond);
        /* ifup-eth's slave branch: ethtool_set right after the enslaving */
        if (cp)
                plan_ethtool(p, bond, port->name, cp->ethtool);
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

void plan_set_arp(Plan *p, const char *bond, const char *ifname, bool on)
{
        PlanStep *st =
                plan_add_step(p, PLAN_SET_ARP, bond, ifname, "set arp %s", on ? "on" : "off");

        st->up = on;
}

/* ETHTOOL_OPTS: each run, in order (ETHTOOL_DELAY before the first). */
void plan_ethtool(Plan *p, const char *bond, const char *ifname, const CfgEthtool *e)
{
        if (!e || !e->runs->len)
                return;
        if (e->delay_us) {
                PlanStep *st = plan_add_step(p, PLAN_LINK_DELAY, bond, ifname,
                                             "wait %u ms (ETHTOOL_DELAY)", e->delay_us / 1000);

                st->wait_ms = e->delay_us / 1000;
        }
        for (guint i = 0; i < e->runs->len; i++) {
                char **words = e->runs->pdata[i];
                GPtrArray *a = g_ptr_array_new();
                g_auto(GStrv) argv = NULL;
                g_autofree char *t = NULL;
                PlanStep *st;

                if (g_array_index(e->set, gboolean, i)) {
                        g_ptr_array_add(a, g_strdup("-s"));
                        g_ptr_array_add(a, g_strdup(ifname));
                }
                for (char **w = words; *w; w++)
                        g_ptr_array_add(a, g_strdup(*w));
                g_ptr_array_add(a, NULL);
                argv = (char **)g_ptr_array_free(a, FALSE);
                t = g_strjoinv(" ", argv);
                st = plan_add_step(p, PLAN_RUN_ETHTOOL, bond, ifname,
                                   "run ethtool %s (ETHTOOL_OPTS)", t);
                st->argv = g_steal_pointer(&argv);
                st->soft = true;
        }
}

/* The bond came up: ifup-eth's ethtool_set and LINKDELAY sleep. */
static void plan_link_came_up(Plan *p, const CfgBond *b)
{
        plan_ethtool(p, b->name, b->name, b->ethtool);
        if (b->linkdelay) {
                PlanStep *st = plan_add_step(p, PLAN_LINK_DELAY, b->name, b->name,
                                             "wait %u s (LINKDELAY)", b->linkdelay);

                st->wait_ms = b->linkdelay * 1000;
        }
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

                add_enslave(p, b->name, l, plan_cfg_port_for(b, l, s), false);
                plan_port_options(p, b, l, plan_cfg_port_for(b, l, s), true, NULL);
        }
        plan_sysctls(p, b->name, b->l3, NULL, s);
        if (b->arp == 0)
                plan_set_arp(p, b->name, b->name, false);
        plan_add_set_up(p, b->name, b->name, true);
        if (after)
                add_set_options(p, b->name, NULL, b->opts, after);
        plan_link_came_up(p, b);
        plan_addresses(p, b->name, b->l3, NULL, s, NULL, false);
        plan_routes(p, b->name, b->l3, NULL, s, NULL, false);
        plan_rules(p, b->name, b->l3, s, NULL);
}

int plan_bond(Plan *p, const CfgBond *b, const Snapshot *s, GHashTable *saved, const Owned *owned,
              DiagList *diags)
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
        r = plan_resolve_ports(b, bond, s, want, diags);
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

                if (!plan_in_links(want, l)) {
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
                        add_enslave(p, b->name, l, plan_cfg_port_for(b, l, s),
                                    l->master == bond->ifindex);
                plan_port_options(p, b, l, plan_cfg_port_for(b, l, s), !enslaved, diags);
        }
        plan_sysctls(p, b->name, b->l3, bond, s);
        if (b->arp >= 0 && (b->arp == 0) != ((bond->flags & IFF_NOARP) != 0))
                plan_set_arp(p, b->name, b->name, b->arp != 0);
        if (took_down || !bond->up)
                plan_add_set_up(p, b->name, b->name, true);
        if (after)
                add_set_options(p, b->name, bond->bond, b->opts, after);
        if (took_down || !bond->up)
                plan_link_came_up(p, b);
        plan_addresses(p, b->name, b->l3, bond, s, owned, took_down);
        plan_routes(p, b->name, b->l3, bond, s, owned, took_down);
        plan_rules(p, b->name, b->l3, s, owned);
        return 0;
}
