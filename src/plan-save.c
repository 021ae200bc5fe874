/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A plan and the state it ran on, as GKeyFile groups and back (journal). */
#include "plan-save.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "link-kind.h"

#include "plan-save-internal.h"

/* ---- bond options: NAME=VALUE, as sysfs prints them ---------------------- */

static void put_opts(GKeyFile *kf, const char *g, const char *key, const BondOptions *o,
                     BondOptMask mask)
{
        g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func(g_free);
        g_autofree char *mkey = g_strconcat(key, "-mask", NULL);
        g_autoptr(GPtrArray) names = g_ptr_array_new();

        if (!o)
                return;
        for (int id = 0; id < _BOND_OPT_MAX; id++) {
                const BondOptDesc *d = bond_opt_desc(id);
                g_autofree char *v = NULL;

                if (mask & BOND_OPT_MASK(id))
                        g_ptr_array_add(names, (char *)d->name);
                if (!o->v[id].set)
                        continue;
                v = bond_opt_format_value(d, &o->v[id]);
                g_ptr_array_add(words, g_strdup_printf("%s=%s", d->name, v));
        }
        g_key_file_set_string_list(kf, g, key, (const char *const *)words->pdata, words->len);
        g_key_file_set_string_list(kf, g, mkey, (const char *const *)names->pdata, names->len);
}

static int get_opts(GKeyFile *kf, const char *g, const char *key, BondOptions **out,
                    BondOptMask *mask, char **err)
{
        g_autofree char *mkey = g_strconcat(key, "-mask", NULL);
        g_auto(GStrv) words = g_key_file_get_string_list(kf, g, key, NULL, NULL);
        g_auto(GStrv) names = g_key_file_get_string_list(kf, g, mkey, NULL, NULL);
        g_autoptr(BondOptions) o = NULL;

        *mask = 0;
        if (!g_key_file_has_key(kf, g, key, NULL))
                return 0;
        o = bond_options_new();
        for (guint i = 0; words && words[i]; i++) {
                const char *eq = strchr(words[i], '=');
                g_autofree char *name = eq ? g_strndup(words[i], (gsize)(eq - words[i])) : NULL;
                const BondOptDesc *d = bond_opt_lookup(name);
                BondOptValue *v;
                g_autofree char *why = NULL;

                if (!d) {
                        *err = g_strdup_printf("[%s] %s: unknown option '%s'", g, key, words[i]);
                        return -EINVAL;
                }
                v = &o->v[d->id];
                bond_opt_value_clear(v);
                /* an empty IP list prints as "" */
                if (!eq[1] &&
                    (d->type == BOND_OPT_TYPE_IP4_LIST || d->type == BOND_OPT_TYPE_IP6_LIST)) {
                        v->set = true;
                        v->list = g_ptr_array_new_with_free_func(g_free);
                } else if (bond_opt_parse_value(d, eq + 1, v, &why) < 0) {
                        *err = g_strdup_printf("[%s] %s: %s", g, key, why);
                        return -EINVAL;
                }
        }
        for (guint i = 0; names && names[i]; i++) {
                const BondOptDesc *d = bond_opt_lookup(names[i]);

                if (!d) {
                        *err = g_strdup_printf("[%s] %s: unknown option '%s'", g, mkey, names[i]);
                        return -EINVAL;
                }
                *mask |= BOND_OPT_MASK(d->id);
        }
        *out = g_steal_pointer(&o);
        return 0;
}

/* ---- steps -------------------------------------------------------------- */

static const struct {
        const char *key;
        size_t off;
} str_fields[] = {
#define F(k, f)                                                                                    \
        {                                                                                          \
                k, offsetof(PlanStep, f)                                                           \
        }
        F("bond", bond),       F("ifname", ifname),
        F("master", master),   F("description", description),
        F("mac", mac),         F("old-mac", old_mac),
        F("address", address), F("broadcast", broadcast),
        F("label", label),     F("sysctl", sysctl),
        F("value", value),     F("old-value", old_value),
        F("parent", parent),   F("old-master", old_master),
};

static const struct {
        const char *key;
        size_t off;
        size_t size;
        guint64 max;
} num_fields[] = {
#define N(k, f, m)                                                                                 \
        {                                                                                          \
                k, offsetof(PlanStep, f), sizeof(((PlanStep *)0)->f), m                            \
        }
        N("mtu", mtu, G_MAXUINT32),         N("old-mtu", old_mtu, G_MAXUINT32),
        N("family", family, G_MAXINT),      N("prefix", prefix, 128),
        N("scope", scope, G_MAXUINT8),      N("metric-base", metric_base, G_MAXUINT32),
        N("wait-ms", wait_ms, G_MAXUINT32), N("tries", tries, G_MAXUINT32),
#undef N
};
#undef F

static guint64 num_get(const PlanStep *st, size_t i)
{
        const char *p = (const char *)st + num_fields[i].off;

        if (num_fields[i].size == 1)
                return *(const unsigned char *)p;
        return *(const unsigned *)p; /* unsigned and int fields */
}

static void num_set(PlanStep *st, size_t i, guint64 v)
{
        char *p = (char *)st + num_fields[i].off;

        if (num_fields[i].size == 1)
                *(unsigned char *)p = (unsigned char)v;
        else
                *(unsigned *)p = (unsigned)v;
}

static void save_step(GKeyFile *kf, const char *g, const PlanStep *st)
{
        g_key_file_set_string(kf, g, "action", plan_action_to_string(st->action));
        for (size_t i = 0; i < G_N_ELEMENTS(str_fields); i++)
                put_str(kf, g, str_fields[i].key,
                        *(char *const *)((const char *)st + str_fields[i].off));
        for (size_t i = 0; i < G_N_ELEMENTS(num_fields); i++)
                put_uint(kf, g, num_fields[i].key, num_get(st, i));
        put_bool(kf, g, "up", st->up);
        put_bool(kf, g, "permanent", st->permanent);
        put_bool(kf, g, "soft", st->soft);
        put_opts(kf, g, "opts", st->opts, st->mask);
        put_opts(kf, g, "old-opts", st->old_opts, st->old_mask);
        if (st->route)
                plan_save_route(kf, g, st->route);
        if (st->rule)
                plan_save_rule(kf, g, st->rule);
        if (st->argv)
                g_key_file_set_string_list(kf, g, "argv", (const char *const *)st->argv,
                                           g_strv_length(st->argv));
        if (st->kind) {
                g_key_file_set_string(kf, g, "kind", st->kind->name);
                if (st->spec) {
                        g_autofree char *t = st->kind->save(st->spec);

                        g_key_file_set_string(kf, g, "spec", t);
                }
                if (st->old_spec) {
                        g_autofree char *t = st->kind->save(st->old_spec);

                        g_key_file_set_string(kf, g, "old-spec", t);
                }
        }
}

/* A kind's spec at key, or NULL with *bad set when it does not load. */
static void *get_spec(GKeyFile *kf, const char *g, const char *key, const LinkKind *k, bool *bad)
{
        g_autofree char *t = get_str(kf, g, key);
        void *spec;

        if (!t)
                return NULL;
        spec = k->load(t);
        if (!spec)
                *bad = true;
        return spec;
}

static int load_step(GKeyFile *kf, const char *g, PlanStep **out, char **err)
{
        g_autofree char *action = get_str(kf, g, "action");
        g_autofree char *kind = get_str(kf, g, "kind");
        PlanStep *st = g_new0(PlanStep, 1);
        int a = plan_action_from_string(action);
        bool bad = false;

        *out = st;
        if (a < 0) {
                *err = g_strdup_printf("[%s]: unknown action '%s'", g, action ? action : "");
                return -EINVAL;
        }
        st->action = (PlanAction)a;
        for (size_t i = 0; i < G_N_ELEMENTS(str_fields); i++)
                *(char **)((char *)st + str_fields[i].off) = get_str(kf, g, str_fields[i].key);
        for (size_t i = 0; i < G_N_ELEMENTS(num_fields); i++) {
                guint64 v;

                if (!get_uint(kf, g, num_fields[i].key, num_fields[i].max, &v)) {
                        *err = g_strdup_printf("[%s] %s: not a number up to %" G_GUINT64_FORMAT, g,
                                               num_fields[i].key, num_fields[i].max);
                        return -EINVAL;
                }
                num_set(st, i, v);
        }
        st->up = get_bool(kf, g, "up");
        st->permanent = get_bool(kf, g, "permanent");
        st->soft = get_bool(kf, g, "soft");
        if (get_opts(kf, g, "opts", &st->opts, &st->mask, err) < 0 ||
            get_opts(kf, g, "old-opts", &st->old_opts, &st->old_mask, err) < 0)
                return -EINVAL;
        st->argv = g_key_file_get_string_list(kf, g, "argv", NULL, NULL);
        if (g_key_file_has_key(kf, g, "route-family", NULL) &&
            !(st->route = plan_load_route(kf, g)))
                bad = true;
        if (g_key_file_has_key(kf, g, "rule-family", NULL) && !(st->rule = plan_load_rule(kf, g)))
                bad = true;
        if (kind) {
                st->kind = link_kind_by_name(kind);
                if (st->kind) {
                        st->spec = get_spec(kf, g, "spec", st->kind, &bad);
                        st->old_spec = get_spec(kf, g, "old-spec", st->kind, &bad);
                } else {
                        bad = true;
                }
        }
        if (bad || !st->description) {
                *err = g_strdup_printf("[%s]: a route, rule, link kind or spec does not read "
                                       "back, or no description",
                                       g);
                return -EINVAL;
        }
        return 0;
}

void plan_save(const Plan *p, GKeyFile *kf, const char *prefix)
{
        g_key_file_set_uint64(kf, prefix, "steps", p->steps->len);
        for (guint i = 0; i < p->steps->len; i++) {
                g_autofree char *g = g_strdup_printf("%s step %u", prefix, i + 1);

                save_step(kf, g, p->steps->pdata[i]);
        }
}

int plan_load(GKeyFile *kf, const char *prefix, Plan **out, char **err)
{
        g_autoptr(Plan) p = plan_new();
        guint64 n;

        if (!g_key_file_has_key(kf, prefix, "steps", NULL) ||
            !get_uint(kf, prefix, "steps", 100000, &n)) {
                *err = g_strdup_printf("[%s]: no step count", prefix);
                return -EINVAL;
        }
        for (guint i = 0; i < n; i++) {
                g_autofree char *g = g_strdup_printf("%s step %u", prefix, i + 1);
                PlanStep *st = NULL;
                int r;

                if (!g_key_file_has_group(kf, g)) {
                        *err = g_strdup_printf("[%s]: missing", g);
                        return -EINVAL;
                }
                r = load_step(kf, g, &st, err);
                g_ptr_array_add(p->steps, st);
                if (r < 0)
                        return r;
        }
        *out = g_steal_pointer(&p);
        return 0;
}

/* ---- the state before: the links a plan names ----------------------------- */

static void save_link(GKeyFile *kf, const char *prefix, const SnapLink *l, const Snapshot *s)
{
        g_autofree char *g = g_strdup_printf("%s link %s", prefix, l->name);
        const SnapLink *m = l->master ? snapshot_link_by_index(s, l->master) : NULL;

        if (g_key_file_has_group(kf, g))
                return;
        g_key_file_set_integer(kf, g, "ifindex", l->ifindex);
        put_str(kf, g, "master", m ? m->name : NULL);
        put_uint(kf, g, "mtu", l->mtu);
        put_str(kf, g, "mac", l->mac);
        put_bool(kf, g, "up", l->up);
        put_bool(kf, g, "port", l->port.present);
        put_uint(kf, g, "queue-id", l->port.queue_id);
        if (l->port.has_prio)
                g_key_file_set_integer(kf, g, "prio", l->port.prio);
        /* a VLAN's lower link: plan_touched_links() finds it again */
        if (l->vlan)
                g_key_file_set_integer(kf, g, "vlan-on", l->link);
        if (l->bond && l->bond->v[BOND_OPT_ACTIVE_SLAVE].set)
                put_str(kf, g, "active-port", l->bond->v[BOND_OPT_ACTIVE_SLAVE].str);
        if (m)
                save_link(kf, prefix, m, s);
}

void plan_save_before(const Plan *p, const Snapshot *before, GKeyFile *kf, const char *prefix)
{
        g_autoptr(GHashTable) idx = g_hash_table_new(g_direct_hash, g_direct_equal);
        g_autoptr(GPtrArray) touched = plan_touched_links(p, before);
        guint na = 0, nr = 0;

        for (guint i = 0; i < touched->len; i++) {
                const SnapLink *l = touched->pdata[i];

                g_hash_table_add(idx, GINT_TO_POINTER(l->ifindex));
                save_link(kf, prefix, l, before);
        }
        for (guint i = 0; i < before->addrs->len; i++) {
                const SnapAddr *a = before->addrs->pdata[i];
                g_autofree char *g = NULL;

                if (!g_hash_table_contains(idx, GINT_TO_POINTER(a->ifindex)))
                        continue;
                g = g_strdup_printf("%s addr %u", prefix, ++na);
                g_key_file_set_integer(kf, g, "ifindex", a->ifindex);
                g_key_file_set_integer(kf, g, "family", a->family);
                put_str(kf, g, "address", a->address);
                g_key_file_set_uint64(kf, g, "prefix", a->prefix);
                put_uint(kf, g, "scope", a->scope);
                put_str(kf, g, "broadcast", a->broadcast);
                put_str(kf, g, "label", a->label);
        }
        for (guint i = 0; i < before->routes->len; i++) {
                const NetRoute *r = before->routes->pdata[i];
                g_autofree char *g = NULL;

                if (!g_hash_table_contains(idx, GINT_TO_POINTER(r->ifindex)))
                        continue;
                g = g_strdup_printf("%s route %u", prefix, ++nr);
                plan_save_route(kf, g, r);
        }
        g_key_file_set_uint64(kf, prefix, "addrs", na);
        g_key_file_set_uint64(kf, prefix, "routes", nr);
}

static int load_links(GKeyFile *kf, const char *prefix, Snapshot *s, char **err)
{
        g_autofree char *head = g_strdup_printf("%s link ", prefix);
        g_auto(GStrv) groups = g_key_file_get_groups(kf, NULL);
        g_autoptr(GHashTable) masters =
                g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);

        for (guint i = 0; groups[i]; i++) {
                const char *g = groups[i];
                SnapLink *l;
                guint64 mtu, qid;

                if (!g_str_has_prefix(g, head))
                        continue;
                l = snapshot_add_link(s, g_key_file_get_integer(kf, g, "ifindex", NULL),
                                      g + strlen(head), NULL, NULL);
                g_free(l->mac);
                l->mac = get_str(kf, g, "mac");
                l->up = get_bool(kf, g, "up");
                l->port.present = get_bool(kf, g, "port");
                l->port.has_prio = g_key_file_has_key(kf, g, "prio", NULL);
                l->port.prio = g_key_file_get_integer(kf, g, "prio", NULL);
                if (l->ifindex <= 0 || !get_uint(kf, g, "mtu", G_MAXUINT32, &mtu) ||
                    !get_uint(kf, g, "queue-id", G_MAXUINT16, &qid)) {
                        *err = g_strdup_printf("[%s]: no ifindex, or a number out of range", g);
                        return -EINVAL;
                }
                /* one link per ifindex, as the kernel has them */
                if (snapshot_link_by_index(s, l->ifindex) != l) {
                        *err = g_strdup_printf("[%s]: ifindex %d is another link's too", g,
                                               l->ifindex);
                        return -EINVAL;
                }
                l->mtu = (unsigned)mtu;
                if (g_key_file_has_key(kf, g, "vlan-on", NULL)) {
                        l->vlan = g_new0(SnapVlan, 1);
                        l->link = g_key_file_get_integer(kf, g, "vlan-on", NULL);
                }
                if (g_key_file_has_key(kf, g, "active-port", NULL)) {
                        l->bond = bond_options_new();
                        l->bond->v[BOND_OPT_ACTIVE_SLAVE].set = true;
                        l->bond->v[BOND_OPT_ACTIVE_SLAVE].str = get_str(kf, g, "active-port");
                }
                l->port.queue_id = (uint16_t)qid;
                g_hash_table_insert(masters, l, get_str(kf, g, "master"));
        }
        /* the masters by name: each has a group of its own */
        for (guint i = 0; i < s->links->len; i++) {
                SnapLink *l = s->links->pdata[i];
                const char *m = g_hash_table_lookup(masters, l);
                const SnapLink *ml = m ? snapshot_link_by_name(s, m) : NULL;

                if (m && !ml) {
                        *err = g_strdup_printf("[%s link %s]: master %s has no group", prefix,
                                               l->name, m);
                        return -EINVAL;
                }
                l->master = ml ? ml->ifindex : 0;
        }
        return 0;
}

int plan_load_before(GKeyFile *kf, const char *prefix, Snapshot **out, char **err)
{
        g_autoptr(Snapshot) s = snapshot_new();
        guint64 na, nr;

        if (load_links(kf, prefix, s, err) < 0)
                return -EINVAL;
        if (!get_uint(kf, prefix, "addrs", 100000, &na) ||
            !get_uint(kf, prefix, "routes", 100000, &nr)) {
                *err = g_strdup_printf("[%s]: bad address or route count", prefix);
                return -EINVAL;
        }
        for (guint i = 0; i < na; i++) {
                g_autofree char *g = g_strdup_printf("%s addr %u", prefix, i + 1);
                g_autofree char *addr = get_str(kf, g, "address");
                guint64 prefixlen, scope;
                SnapAddr *a;

                if (!addr || !get_uint(kf, g, "prefix", 128, &prefixlen) ||
                    !get_uint(kf, g, "scope", G_MAXUINT8, &scope)) {
                        *err = g_strdup_printf("[%s]: missing or bad", g);
                        return -EINVAL;
                }
                snapshot_add_addr(s, g_key_file_get_integer(kf, g, "ifindex", NULL),
                                  g_key_file_get_integer(kf, g, "family", NULL), addr,
                                  (unsigned)prefixlen);
                a = s->addrs->pdata[s->addrs->len - 1];
                a->scope = (unsigned)scope;
                a->broadcast = get_str(kf, g, "broadcast");
                a->label = get_str(kf, g, "label");
        }
        for (guint i = 0; i < nr; i++) {
                g_autofree char *g = g_strdup_printf("%s route %u", prefix, i + 1);
                NetRoute *r = plan_load_route(kf, g);

                if (!r) {
                        *err = g_strdup_printf("[%s]: missing or bad", g);
                        return -EINVAL;
                }
                g_ptr_array_add(s->routes, r);
        }
        *out = g_steal_pointer(&s);
        return 0;
}
