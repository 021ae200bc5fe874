/* SPDX-License-Identifier: GPL-2.0-or-later */
/* bondcfg status [BOND...]: the live bonds and their drift from the config. */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "cmd-nm.h"
#include "cmd-run.h"
#include "dl-lib.h"
#include "commands.h"
#include "plan-stack.h"
#include "netlink.h"
#include "plan.h"
#include "snapshot.h"

static const char *mii_to_string(uint8_t s)
{
        static const char *const names[] = { "up", "fail", "down", "back" };

        return s < G_N_ELEMENTS(names) ? names[s] : "unknown";
}

static char *sysfs_read(const char *ifname, const char *attr)
{
        g_autofree char *path = g_strdup_printf("/sys/class/net/%s/%s", ifname, attr);
        char *text = NULL;

        if (!g_file_get_contents(path, &text, NULL, NULL))
                return NULL;
        return g_strchomp(text);
}

static bool mac_is_zero(const char *mac)
{
        return !mac || strcmp(mac, "00:00:00:00:00:00") == 0;
}

typedef struct {
        const BondcfgCtx *ctx;
        GString *out;   /* text */
        JsonDoc *json;  /* JSON: the "bonds" array open */
        GHashTable *nm; /* bond -> char**: what NetworkManager leaves alone */
        const Config *cfg;
} StatusOut;

/* One link of the stack: "  |- KIND NAME (DETAIL): STATE" and its JSON
 * head, up to the open "addresses" array. */
static void put_link_head(StatusOut *o, const char *kind, const char *name, const char *detail,
                          const SnapLink *l, bool last)
{
        json_obj_begin(o->json);
        json_set_string(o->json, "name", name);
        json_set_string(o->json, "kind", kind);
        json_set_bool(o->json, "present", l);
        json_set_bool(o->json, "up", l && l->up);
        g_string_append_printf(o->out, "  %s %s %s%s: %s", last ? "`-" : "|-", kind, name,
                               detail ? detail : "",
                               !l      ? "not present"
                               : l->up ? "up"
                                       : "down");
}

/* The addresses on live link l: ", A/P A/P" and a JSON array. */
static void put_link_addrs(StatusOut *o, const SnapLink *l, const Snapshot *s)
{
        json_begin_array_member(o->json, "addresses");
        for (guint k = 0, m = 0; l && k < s->addrs->len; k++) {
                const SnapAddr *a = s->addrs->pdata[k];
                g_autofree char *t = NULL;

                if (a->ifindex != l->ifindex)
                        continue;
                t = g_strdup_printf("%s/%u", a->address, a->prefix);
                g_string_append_printf(o->out, "%s%s", m++ ? " " : ", ", t);
                json_add_string(o->json, t);
        }
        g_string_append(o->out, "\n");
        json_arr_end(o->json);
        json_obj_end(o->json);
}

/* The links above b, as a tree under it: VLANs (bottom-up) then bridges,
 * each one's state and addresses, and a bridge's ports, those outside the
 * stack marked (their drift is in the bond's, from the same plan). */
static void put_stack(StatusOut *o, const CfgBond *b, const Snapshot *s)
{
        g_autoptr(GPtrArray) vlans = plan_stack_vlans(o->cfg, b);
        g_autoptr(GPtrArray) bridges = plan_stack_bridges(o->cfg, b);
        const SnapLink *bl = snapshot_link_by_name(s, b->name);
        guint n = vlans->len + bridges->len;

        json_begin_array_member(o->json, "stack");
        for (guint i = 0; i < vlans->len; i++) {
                const CfgVlan *v = vlans->pdata[i];
                const SnapLink *l = snapshot_link_by_name(s, v->name);
                g_autofree char *detail = g_strdup_printf(" (id %u on %s)", v->id, v->parent);

                put_link_head(o, "vlan", v->name, detail, l, i + 1 == n);
                json_set_int(o->json, "id", v->id);
                json_set_string(o->json, "parent", v->parent);
                put_link_addrs(o, l, s);
        }
        for (guint i = 0; i < bridges->len; i++) {
                const CfgBridge *br = bridges->pdata[i];
                const SnapLink *l = snapshot_link_by_name(s, br->name);

                put_link_head(o, "bridge", br->name, NULL, l, vlans->len + i + 1 == n);
                json_begin_array_member(o->json, "ports");
                for (guint k = 0, m = 0; l && k < s->links->len; k++) {
                        const SnapLink *pl = s->links->pdata[k];

                        if (pl->master != l->ifindex)
                                continue;
                        g_string_append_printf(o->out, "%s%s%s", m ? " " : ", ports ", pl->name,
                                               !bl || plan_stack_foreign_port(pl, bl, s)
                                                       ? " (not managed by bondcfg)"
                                                       : "");
                        m++;
                        json_add_string(o->json, pl->name);
                }
                json_arr_end(o->json);
                put_link_addrs(o, l, s);
        }
        json_arr_end(o->json);
}

/* The devices NetworkManager was told to leave alone for b (cmd-nm.h). */
static void put_nm(StatusOut *o, const CfgBond *b)
{
        char **devs = o->nm ? g_hash_table_lookup(o->nm, b->name) : NULL;

        json_begin_array_member(o->json, "networkmanager_unmanaged");
        for (guint i = 0; devs && devs[i]; i++)
                json_add_string(o->json, devs[i]);
        json_arr_end(o->json);
        if (devs && devs[0]) {
                g_autofree char *list = g_strjoinv(", ", devs);

                g_string_append_printf(o->out, "  NetworkManager leaves alone: %s\n", list);
        }
}

static void put_port(StatusOut *o, const SnapLink *bond, const SnapLink *l, bool lacp)
{
        g_autofree char *speed = sysfs_read(l->name, "speed");
        g_autofree char *duplex = sysfs_read(l->name, "duplex");
        const SnapPort *pt = &l->port;
        bool no_partner = lacp && (mac_is_zero(bond->ad.partner_mac) || !pt->has_aggregator ||
                                   pt->aggregator_id != bond->ad.aggregator);

        if (speed && (speed[0] == '-' || !*speed))
                g_clear_pointer(&speed, g_free);
        g_string_append_printf(
                o->out, "  port %s: mii %s, %s, link failures %u, speed %s%s, duplex %s\n", l->name,
                mii_to_string(pt->mii_status), pt->state == 0 ? "active" : "backup",
                pt->link_failure_count, speed ? speed : "unknown", speed ? " Mb/s" : "",
                duplex ? duplex : "unknown");
        if (lacp) {
                g_string_append_printf(o->out,
                                       "    aggregator %u, actor state 0x%02x, partner state "
                                       "0x%02x\n",
                                       pt->aggregator_id, pt->actor_oper_port_state,
                                       pt->partner_oper_port_state);
                if (no_partner)
                        g_string_append_printf(o->out,
                                               "    no LACP partner: nothing answers LACPDUs "
                                               "on %s (check the switch's LACP config)\n",
                                               l->name);
        }
        json_obj_begin(o->json);
        json_set_string(o->json, "name", l->name);
        json_set_string(o->json, "mii_status", mii_to_string(pt->mii_status));
        json_set_string(o->json, "state", pt->state == 0 ? "active" : "backup");
        json_set_int(o->json, "link_failure_count", pt->link_failure_count);
        /* sysfs speed: a number of Mb/s */
        json_set_uint_or_null(o->json, "speed", speed ? g_ascii_strtoull(speed, NULL, 10) : 0,
                              speed && g_ascii_isdigit(speed[0]));
        json_set_string(o->json, "duplex", duplex);
        json_set_string(o->json, "perm_hwaddr", l->perm_mac);
        if (lacp) {
                json_set_int(o->json, "aggregator_id", pt->aggregator_id);
                json_set_int(o->json, "actor_state", pt->actor_oper_port_state);
                json_set_int(o->json, "partner_state", pt->partner_oper_port_state);
                json_set_bool(o->json, "lacp_partner", !no_partner);
        }
        json_obj_end(o->json);
}

static void put_options(StatusOut *o, const SnapLink *bond)
{
        BondMode mode = bond_options_mode(bond->bond);

        g_string_append(o->out, "  options:");
        json_begin_object_member(o->json, "options");
        for (int id = 0; id < _BOND_OPT_MAX; id++) {
                const BondOptDesc *d = bond_opt_desc(id);
                g_autofree char *v = NULL;

                if (id == BOND_OPT_MODE || !(bond->bond_attrs & BOND_OPT_MASK(id)) ||
                    !bond_opt_applies_to_mode(d, mode))
                        continue;
                v = bond_opt_format_value(d, &bond->bond->v[id]);
                g_string_append_printf(o->out, " %s=%s", d->name, v);
                json_set_string(o->json, d->name, v);
        }
        g_string_append(o->out, "\n");
        json_obj_end(o->json);
}

static void put_drift(StatusOut *o, const char *line, bool *first)
{
        g_string_append_printf(o->out, "  drift: %s\n", line);
        *first = false;
        json_add_string(o->json, line);
}

/*
 * The routes out of the bond, and the routes and rules bondcfg added: each
 * with whether bondcfg manages it.  The kernel's own routes are left out.
 */
static void put_routes(StatusOut *o, const CfgBond *b, const SnapLink *bond, const Snapshot *s,
                       const Owned *owned)
{
        g_autoptr(GPtrArray) want = plan_wanted_routes(b->l3, bond, s);

        for (guint i = 0; i < s->routes->len; i++) {
                const NetRoute *r = s->routes->pdata[i];
                g_autofree char *t = NULL;
                bool managed = owned_has_route(owned, r);

                for (guint k = 0; k < want->len && !managed; k++)
                        managed = net_route_equal(want->pdata[k], r);
                if (r->ifindex != bond->ifindex && !managed)
                        continue;
                t = net_route_format(r);
                g_string_append_printf(o->out, "  route %s%s\n", t,
                                       managed ? "" : " (not managed by bondcfg)");
                json_obj_begin(o->json);
                json_set_string(o->json, "route", t);
                json_set_bool(o->json, "managed", managed);
                json_obj_end(o->json);
        }
        for (guint i = 0; i < s->rules->len; i++) {
                const NetRule *r = s->rules->pdata[i];
                g_autofree char *t = NULL;
                bool managed = owned_has_rule(owned, r);

                for (guint k = 0; k < b->l3->rules->len && !managed; k++)
                        managed = net_rule_equal(b->l3->rules->pdata[k], r);
                if (!managed)
                        continue;
                t = net_rule_format(r);
                g_string_append_printf(o->out, "  rule %s\n", t);
                json_obj_begin(o->json);
                json_set_string(o->json, "rule", t);
                json_set_bool(o->json, "managed", true);
                json_obj_end(o->json);
        }
}

/* One bond.  Returns true if it is in sync with its config.  sound: its
 * files have no error (else its live state is shown, but no drift is
 * computed from files that are wrong). */
static bool status_bond(StatusOut *o, const CfgBond *b, const Snapshot *s, bool sound)
{
        const SnapLink *bond = snapshot_link_by_name(s, b->name);
        g_autoptr(Owned) owned = cmd_load_owned(b->name, s);
        g_autoptr(Plan) p = plan_new();
        g_autoptr(DiagList) d = diag_list_new();
        g_autoptr(GPtrArray) ports = NULL;
        bool lacp, first = true;
        BondOptValue *act;

        json_obj_begin(o->json);
        json_set_string(o->json, "name", b->name);
        json_set_bool(o->json, "config_errors", !sound);
        if (!bond || !bond->bond) {
                g_string_append_printf(o->out, "%s: %s\n", b->name,
                                       bond ? "exists but is not a bond" : "not present");
                json_set_bool(o->json, "present", false);
                json_begin_array_member(o->json, "drift");
                json_add_string(o->json, bond ? "not a bond" : "not present");
                json_arr_end(o->json);
                json_obj_end(o->json);
                return false;
        }
        lacp = bond_options_mode(bond->bond) == BOND_MODE_LACP;
        act = &bond->bond->v[BOND_OPT_ACTIVE_SLAVE];
        g_string_append_printf(o->out, "%s: mode %s, %s%s, mtu %u, mac %s\n", b->name,
                               bond_mode_to_string(bond_options_mode(bond->bond)),
                               bond->up ? "up" : "down", bond->lower_up ? ", carrier" : "",
                               bond->mtu, bond->mac ? bond->mac : "none");
        json_set_bool(o->json, "present", true);
        json_set_string(o->json, "mode", bond_mode_to_string(bond_options_mode(bond->bond)));
        json_set_bool(o->json, "up", bond->up);
        json_set_bool(o->json, "carrier", bond->lower_up);
        json_set_int(o->json, "mtu", bond->mtu);
        json_set_string(o->json, "mac", bond->mac);
        put_options(o, bond);
        if (act->set && act->str && *act->str)
                g_string_append_printf(o->out, "  active port: %s\n", act->str);
        json_set_string(o->json, "active_port",
                        act->set && act->str && *act->str ? act->str : NULL);
        if (lacp && bond->ad.present) {
                g_string_append_printf(o->out,
                                       "  802.3ad: aggregator %u, %u ports, actor key %u, "
                                       "partner key %u, partner system %s\n",
                                       bond->ad.aggregator, bond->ad.num_ports, bond->ad.actor_key,
                                       bond->ad.partner_key,
                                       bond->ad.partner_mac ? bond->ad.partner_mac : "unknown");
                if (mac_is_zero(bond->ad.partner_mac))
                        g_string_append(o->out, "  802.3ad: no LACP partner (partner system "
                                                "MAC is 00:00:00:00:00:00)\n");
                json_begin_object_member(o->json, "ad_info");
                json_set_int(o->json, "aggregator", bond->ad.aggregator);
                json_set_int(o->json, "num_ports", bond->ad.num_ports);
                json_set_int(o->json, "actor_key", bond->ad.actor_key);
                json_set_int(o->json, "partner_key", bond->ad.partner_key);
                json_set_string(o->json, "partner_mac", bond->ad.partner_mac);
                json_obj_end(o->json);
        }
        ports = snapshot_ports_of(s, bond->ifindex);
        json_begin_array_member(o->json, "ports");
        for (guint i = 0; i < ports->len; i++)
                put_port(o, bond, ports->pdata[i], lacp);
        json_arr_end(o->json);
        json_begin_array_member(o->json, "addresses");
        for (guint i = 0; i < s->addrs->len; i++) {
                const SnapAddr *a = s->addrs->pdata[i];
                g_autofree char *t = NULL;

                if (a->ifindex != bond->ifindex)
                        continue;
                t = g_strdup_printf("%s/%u", a->address, a->prefix);
                g_string_append_printf(
                        o->out, "  address %s%s\n", t,
                        plan_addr_is_foreign(a, b->l3, owned) ? " (not managed by bondcfg)" : "");
                json_add_string(o->json, t);
        }
        json_arr_end(o->json);
        json_begin_array_member(o->json, "routes");
        put_routes(o, b, bond, s, owned);
        json_arr_end(o->json);
        put_nm(o, b);
        put_stack(o, b, s);
        if (!sound) {
                /* the drift against files that are wrong means nothing */
                g_string_append(o->out, "  drift: not computed: its files have errors\n");
                json_set_null(o->json, "drift");
                json_obj_end(o->json);
                return false;
        }
        json_begin_array_member(o->json, "drift");
        plan_bond(p, b, s, NULL, owned, d);
        {
                g_autoptr(GHashTable) stack_owned = cmd_load_stack_owned(o->cfg, b, s);

                plan_stack(p, o->cfg, b, s, stack_owned, d);
        }
        for (guint i = 0; i < d->items->len; i++) {
                const Diag *dg = d->items->pdata[i];

                if (dg->severity == DIAG_ERROR)
                        put_drift(o, dg->message, &first);
        }
        for (guint i = 0; i < p->steps->len; i++) {
                const PlanStep *st = p->steps->pdata[i];

                if (st->action != PLAN_SEND_GARP)
                        put_drift(o, st->description, &first);
        }
        if (first)
                g_string_append(o->out, "  in sync with the configuration\n");
        json_arr_end(o->json);
        json_obj_end(o->json);
        return first;
}

/* Do the files of b have errors (those of its own files, diags scoped)? */
static bool bond_sound(const Config *cfg, const CfgBond *b, const DiagList *diags)
{
        g_autoptr(GPtrArray) one = g_ptr_array_new();
        g_autoptr(DiagList) mine = diag_list_copy(diags);

        g_ptr_array_add(one, (gpointer)b);
        cmd_scope_diags(cfg, one, mine);
        return !diag_has_errors(mine);
}

/*
 * status: the live state of each bond and its drift from the files.  The
 * live state is shown even when the files have errors (they are listed,
 * and the exit status is 1): that is when an administrator needs it most.
 */
/*
 * A run that did not end (the crash journal): what it had done stays until
 * the next apply or down undoes it.  false if there is one and its process
 * is gone (the state is not the files'); one at work now is only said.
 */
static bool status_interrupted(StatusOut *o)
{
        bool running;
        g_autoptr(GPtrArray) where = NULL;
        g_autofree char *unreadable = NULL;
        g_autofree char *run = run_journal_report(&running, &where, &unreadable);

        if (!run)
                return true;
        if (o->json) {
                json_begin_object_member(o->json, "interrupted");
                json_set_string(o->json, "run", run);
                json_set_bool(o->json, "running", running);
                json_set_string(o->json, "unreadable", unreadable);
                json_begin_array_member(o->json, "bonds");
                for (guint i = 0; i < where->len; i++)
                        json_add_string(o->json, where->pdata[i]);
                json_arr_end(o->json);
                json_obj_end(o->json);
        }
        if (unreadable)
                g_string_append_printf(o->out,
                                       "interrupted: a run did not end, and its crash journal "
                                       "cannot be read: %s; the next 'bondcfg apply' or 'bondcfg "
                                       "down' sets it aside and cannot undo what that run did\n",
                                       unreadable);
        else if (running)
                g_string_append_printf(o->out, "%s is at work:\n", run);
        else
                g_string_append_printf(o->out,
                                       "interrupted: %s did not end; the next 'bondcfg apply' or "
                                       "'bondcfg down' undoes what it did first:\n",
                                       run);
        for (guint i = 0; i < where->len; i++)
                g_string_append_printf(o->out, "  %s\n", (char *)where->pdata[i]);
        return running;
}

int cmd_status(BondcfgCtx *ctx, int argc, char **argv)
{
        g_autoptr(DiagList) diags = diag_list_new();
        g_autoptr(Config) cfg = NULL;
        g_autoptr(GPtrArray) bonds = NULL;
        g_autoptr(NlConn) nl = NULL;
        g_autoptr(Snapshot) snap = NULL;
        g_autoptr(GString) out = g_string_new(NULL);
        g_autoptr(JsonDoc) json = ctx->json ? json_doc_new() : NULL;
        g_autoptr(GHashTable) nm = cmd_nm_records();
        StatusOut o = { .ctx = ctx, .out = out, .json = json, .nm = nm };
        bool sync = true, errors;
        int r;

        r = cmd_load_selected(ctx, argc, argv, false, &cfg, &bonds, diags);
        if (r)
                return r;
        cmd_print_diags(ctx, diags);
        errors = diag_has_errors(diags);
        r = nl_conn_open(&nl);
        if (r == 0)
                r = snapshot_take(nl, &snap);
        if (r < 0)
                return cmd_fail(ctx, EXIT_USAGE, dl_lib_hint(r),
                                "cannot read the network state: %s", dl_lib_strerror(r));
        cmd_read_sysctls(snap, bonds);
        o.cfg = cfg;
        cmd_read_stack_sysctls(snap, cfg, bonds);
        json_begin_array_member(json, "bonds");
        for (guint i = 0; i < bonds->len; i++) {
                const CfgBond *b = bonds->pdata[i];

                if (!status_bond(&o, b, snap, !errors || bond_sound(cfg, b, diags)))
                        sync = false;
        }
        json_arr_end(json);
        if (!status_interrupted(&o))
                sync = false;
        json_set_bool(json, "in_sync", sync && !errors);
        json_add_diags(json, diags);
        r = errors ? EXIT_CONFIG : sync ? EXIT_OK : EXIT_DRIFT;
        json_set_int(json, "exit", r);
        if (ctx->json)
                json_doc_print(json);
        else if (ctx->verbosity >= 0 || !sync || errors)
                fputs(out->str, stdout);
        return r;
}
