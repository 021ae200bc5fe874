/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The planner's `down BOND`: release the ports and give them back their
 * recorded state, drop the addresses and routes, delete the bond. */
#include "plan-internal.h"

#include <errno.h>
#include <sys/socket.h>

#include "port-state.h"

static const PortState *record_of(GHashTable *saved, const SnapLink *l)
{
        const PortState *ps = saved ? g_hash_table_lookup(saved, l->name) : NULL;

        return ps && ps->ifindex == l->ifindex ? ps : NULL;
}

void plan_release_port(Plan *p, const char *bond, const SnapLink *l, GHashTable *saved)
{
        const PortState *ps = record_of(saved, l);
        PlanStep *rel;

        plan_add_release(p, bond, l, bond);
        rel = p->steps->pdata[p->steps->len - 1];
        if (!rel->mac && ps && ps->perm_mac)
                rel->mac = g_strdup(ps->perm_mac);
}

/* After the release: the recorded MTU and admin state of the port. */
void plan_restore_port(Plan *p, const char *bond, const SnapLink *l, GHashTable *saved)
{
        const PortState *ps = record_of(saved, l);
        PlanStep *st;

        if (!ps)
                return;
        /* The kernel puts back the MTU the port had when it was enslaved;
         * the record has the one before bondcfg. */
        if (ps->mtu && ps->mtu != l->mtu) {
                st = plan_add_step(p, PLAN_SET_MTU, bond, l->name,
                                   "set mtu %u -> %u (as before apply)", l->mtu, ps->mtu);
                st->mtu = ps->mtu;
                st->old_mtu = l->mtu;
        }
        if (ps->up) {
                st = plan_add_step(p, PLAN_SET_UP, bond, l->name, "set up (as before apply)");
                st->up = true;
        }
}

int plan_down(Plan *p, const char *name, const Snapshot *s, GHashTable *saved, const Owned *owned,
              DiagList *diags)
{
        SnapLink *bond = snapshot_link_by_name(s, name);
        g_autoptr(GPtrArray) ports = NULL;
        BondMode mode;
        PlanStep *st;

        if (!bond)
                return 0;
        if (!bond->bond) {
                diag_add(diags, DIAG_ERROR, NULL, 0, NULL, NULL, "%s is not a bond (kind %s)", name,
                         bond->kind ? bond->kind : "none");
                return -EINVAL;
        }
        ports = snapshot_ports_of(s, bond->ifindex);
        for (guint i = 0; i < ports->len; i++)
                plan_release_port(p, name, ports->pdata[i], saved);
        for (guint i = 0; i < ports->len; i++)
                plan_restore_port(p, name, ports->pdata[i], saved);
        /* The kernel drops the bond's addresses and routes with it; a rule
         * bondcfg added stays unless removed (the kernel keeps a rule whose
         * device is gone, "detached").  Deleting the addresses one by one
         * first would fail on a secondary that went with its primary. */
        for (guint i = 0; i < s->rules->len; i++) {
                const NetRule *r = s->rules->pdata[i];

                if (owned_has_rule(owned, r)) {
                        g_autofree char *t = net_rule_format(r);
                        PlanStep *rs =
                                plan_add_step(p, PLAN_DEL_RULE, name, name, "delete rule %s", t);

                        rs->rule = net_rule_copy(r);
                        rs->soft = true;
                }
        }
        if (bond->up)
                plan_add_set_up(p, name, name, false);
        st = plan_add_step(p, PLAN_DELETE_BOND, name, name, "delete bond");
        /* To undo: recreate with the live options that differ from defaults. */
        st->old_opts = bond_options_copy(bond->bond);
        mode = bond_options_mode(bond->bond);
        st->old_mask = BOND_OPT_MASK(BOND_OPT_MODE);
        for (int id = 0; id < _BOND_OPT_MAX; id++) {
                const BondOptDesc *d = bond_opt_desc(id);

                if (plan_is_bond_attr(d) && (bond->bond_attrs & BOND_OPT_MASK(id)) &&
                    !(plan_after_enslave_mask & BOND_OPT_MASK(id)) &&
                    bond_opt_applies_to_mode(d, mode) &&
                    !bond_opt_value_equal(d, &bond->bond->v[id], NULL))
                        st->old_mask |= BOND_OPT_MASK(id);
        }
        return 0;
}
