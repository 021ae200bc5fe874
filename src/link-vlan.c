/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The VLAN link kind.  What the kernel can change on a live VLAN
 * (vlan_changelink() in net/8021q/vlan_netlink.c): its flags and its QoS
 * maps; its id and its parent only by deleting and creating it again, which
 * bondcfg does not do behind the administrator's back (an error says so).
 */
#include "link-vlan.h"

#include <errno.h>
#include <string.h>
#include <linux/if_ether.h>

#include "link-kind.h"
#include "netlink-vlan.h"
#include "snapshot-stack.h"

LinkVlan *link_vlan_new(uint16_t id, uint32_t flags)
{
        LinkVlan *v = g_new0(LinkVlan, 1);

        v->id = id;
        v->flags = flags & LINK_VLAN_FLAGS;
        v->ingress = g_array_new(FALSE, FALSE, sizeof(VlanQosMap));
        v->egress = g_array_new(FALSE, FALSE, sizeof(VlanQosMap));
        return v;
}

void link_vlan_free(LinkVlan *v)
{
        if (!v)
                return;
        g_array_unref(v->ingress);
        g_array_unref(v->egress);
        g_free(v);
}

void link_vlan_map_add(GArray *map, uint32_t from, uint32_t to)
{
        VlanQosMap m = { .from = from, .to = to };

        g_array_append_val(map, m);
}

static void map_copy(GArray *to, const GArray *from)
{
        if (from && from->len)
                g_array_append_vals(to, from->data, from->len);
}

static void *vlan_copy(const void *spec)
{
        const LinkVlan *v = spec;
        LinkVlan *c = link_vlan_new(v->id, v->flags);

        c->protocol = v->protocol;
        map_copy(c->ingress, v->ingress);
        map_copy(c->egress, v->egress);
        return c;
}

static void vlan_free(void *spec)
{
        link_vlan_free(spec);
}

static const struct {
        uint32_t flag;
        const char *name; /* as ip-link(8) spells it */
} flag_names[] = {
        { VLAN_FLAG_REORDER_HDR, "reorder_hdr" },
        { VLAN_FLAG_GVRP, "gvrp" },
        { VLAN_FLAG_LOOSE_BINDING, "loose_binding" },
        { VLAN_FLAG_MVRP, "mvrp" },
};

static void append_flags(GString *s, uint32_t flags)
{
        for (size_t i = 0; i < G_N_ELEMENTS(flag_names); i++)
                g_string_append_printf(s, " %s %s", flag_names[i].name,
                                       flags & flag_names[i].flag ? "on" : "off");
}

static void append_map(GString *s, const char *what, const GArray *map)
{
        if (!map || !map->len)
                return;
        g_string_append_printf(s, " %s", what);
        for (guint i = 0; i < map->len; i++) {
                const VlanQosMap *m = &g_array_index(map, VlanQosMap, i);

                g_string_append_printf(s, "%s%u:%u", i ? "," : " ", m->from, m->to);
        }
}

/* 0 (unset) is 802.1Q, the kernel's default */
static uint16_t proto(uint16_t p)
{
        return p ? p : ETH_P_8021Q;
}

static char *vlan_describe(const void *spec)
{
        const LinkVlan *v = spec;
        GString *s = g_string_new(NULL);

        g_string_append_printf(s, "id %u", v->id);
        if (proto(v->protocol) != ETH_P_8021Q)
                g_string_append(s, " protocol 802.1ad");
        append_flags(s, v->flags);
        append_map(s, "ingress-qos-map", v->ingress);
        append_map(s, "egress-qos-map", v->egress);
        return g_string_free(s, FALSE);
}

static char *vlan_mismatch(const void *spec, int parent, const SnapLink *live)
{
        const LinkVlan *v = spec;

        if (g_strcmp0(live->kind, "vlan") != 0 || !live->vlan)
                return g_strdup_printf("%s exists and is not a VLAN (kind %s)", live->name,
                                       live->kind ? live->kind : "none");
        if (live->vlan->id != v->id)
                return g_strdup_printf("%s is VLAN %u, not %u", live->name, live->vlan->id, v->id);
        if (!parent || live->link != parent)
                return g_strdup_printf("%s is a VLAN on another link (ifindex %d)", live->name,
                                       live->link);
        /* vlan_changelink() cannot change it */
        if (proto(live->vlan->protocol) != proto(v->protocol))
                return g_strdup_printf("%s is an 802.%s VLAN, not 802.%s", live->name,
                                       proto(live->vlan->protocol) == ETH_P_8021AD ? "1ad" : "1Q",
                                       proto(v->protocol) == ETH_P_8021AD ? "1ad" : "1Q");
        return NULL;
}

/* The "to" of from in map, 0 if none (the kernel's "no mapping"). */
static uint32_t map_get(const GArray *map, uint32_t from)
{
        for (guint i = 0; map && i < map->len; i++) {
                const VlanQosMap *m = &g_array_index(map, VlanQosMap, i);

                if (m->from == from)
                        return m->to;
        }
        return 0;
}

/* The entries that bring have to want (a removed one is sent as "to 0",
 * which clears it), into change; their old values into undo.  Returns
 * whether anything differs. */
static bool map_diff(const GArray *want, const GArray *have, GArray *change, GArray *undo)
{
        bool any = false;

        for (guint i = 0; want && i < want->len; i++) {
                const VlanQosMap *m = &g_array_index(want, VlanQosMap, i);
                uint32_t old = map_get(have, m->from);

                if (old == m->to)
                        continue;
                link_vlan_map_add(change, m->from, m->to);
                link_vlan_map_add(undo, m->from, old);
                any = true;
        }
        for (guint i = 0; have && i < have->len; i++) {
                const VlanQosMap *m = &g_array_index(have, VlanQosMap, i);

                if (m->to == 0 || map_get(want, m->from) != 0)
                        continue;
                link_vlan_map_add(change, m->from, 0);
                link_vlan_map_add(undo, m->from, m->to);
                any = true;
        }
        return any;
}

static void *vlan_diff(const void *spec, const SnapLink *live, void **old, char **what)
{
        const LinkVlan *v = spec;
        const SnapVlan *sv = live->vlan;
        uint32_t have = sv ? sv->flags & LINK_VLAN_FLAGS : 0;
        g_autoptr(LinkVlan) change = link_vlan_new(v->id, v->flags);
        g_autoptr(LinkVlan) undo = link_vlan_new(v->id, have);
        bool any = have != v->flags;
        GString *s = g_string_new(NULL);

        any |= map_diff(v->ingress, sv ? sv->ingress : NULL, change->ingress, undo->ingress);
        any |= map_diff(v->egress, sv ? sv->egress : NULL, change->egress, undo->egress);
        if (!any) {
                g_string_free(s, TRUE);
                return NULL;
        }
        for (size_t i = 0; i < G_N_ELEMENTS(flag_names); i++)
                if ((have ^ v->flags) & flag_names[i].flag)
                        g_string_append_printf(s, " %s %s -> %s", flag_names[i].name,
                                               have & flag_names[i].flag ? "on" : "off",
                                               v->flags & flag_names[i].flag ? "on" : "off");
        append_map(s, "ingress-qos-map", change->ingress);
        append_map(s, "egress-qos-map", change->egress);
        *what = g_strdup(s->str + (s->len ? 1 : 0));
        g_string_free(s, TRUE);
        *old = g_steal_pointer(&undo);
        return g_steal_pointer(&change);
}

static void *vlan_from_live(const SnapLink *live)
{
        const SnapVlan *sv = live->vlan;
        LinkVlan *v;

        if (!sv)
                return NULL;
        v = link_vlan_new(sv->id, sv->flags);
        v->protocol = sv->protocol;
        map_copy(v->ingress, sv->ingress);
        map_copy(v->egress, sv->egress);
        return v;
}

static VlanSpec to_spec(const LinkVlan *v)
{
        return (VlanSpec){
                .id = v->id,
                .protocol = proto(v->protocol) == ETH_P_8021AD ? ETH_P_8021AD : 0,
                .flags = v->flags,
                .flags_mask = LINK_VLAN_FLAGS,
                .ingress = (const VlanQosMap *)v->ingress->data,
                .n_ingress = v->ingress->len,
                .egress = (const VlanQosMap *)v->egress->data,
                .n_egress = v->egress->len,
        };
}

static int vlan_msg_create(const char *name, int parent, const void *spec, unsigned mtu,
                           struct nl_msg **out)
{
        VlanSpec s = to_spec(spec);

        return vlannl_msg_create(name, parent, &s, mtu, out);
}

static int vlan_msg_change(int ifindex, const void *spec, struct nl_msg **out)
{
        VlanSpec s = to_spec(spec);

        return vlannl_msg_change(ifindex, &s, out);
}

static void save_map(GString *s, const char *what, const GArray *map)
{
        g_string_append_printf(s, " %s=", what);
        for (guint i = 0; map && i < map->len; i++) {
                const VlanQosMap *m = &g_array_index(map, VlanQosMap, i);

                g_string_append_printf(s, "%s%u:%u", i ? "," : "", m->from, m->to);
        }
}

static char *vlan_save(const void *spec)
{
        const LinkVlan *v = spec;
        GString *s = g_string_new(NULL);

        g_string_append_printf(s, "id=%u protocol=%u flags=%u", v->id, v->protocol, v->flags);
        save_map(s, "ingress", v->ingress);
        save_map(s, "egress", v->egress);
        return g_string_free(s, FALSE);
}

static bool load_u32(const char *text, uint64_t max, uint32_t *out)
{
        guint64 n;

        if (g_ascii_string_to_unsigned(text, 10, 0, max, &n, NULL) == FALSE)
                return false;
        *out = (uint32_t)n;
        return true;
}

static bool load_map(const char *text, GArray *map)
{
        g_auto(GStrv) pairs = *text ? g_strsplit(text, ",", -1) : NULL;

        for (guint i = 0; pairs && pairs[i]; i++) {
                g_auto(GStrv) ft = g_strsplit(pairs[i], ":", 2);
                uint32_t from, to;

                if (!ft[0] || !ft[1] || !load_u32(ft[0], G_MAXUINT32, &from) ||
                    !load_u32(ft[1], G_MAXUINT32, &to))
                        return false;
                link_vlan_map_add(map, from, to);
        }
        return true;
}

static void *vlan_load(const char *text)
{
        g_autoptr(LinkVlan) v = link_vlan_new(0, 0);
        g_auto(GStrv) words = g_strsplit(text, " ", -1);
        unsigned seen = 0;

        for (guint i = 0; words[i]; i++) {
                const char *eq = strchr(words[i], '=');
                g_autofree char *key = eq ? g_strndup(words[i], (gsize)(eq - words[i])) : NULL;
                uint32_t n = 0;
                bool ok;

                if (!key)
                        return NULL;
                if (g_str_equal(key, "id")) {
                        ok = load_u32(eq + 1, 4095, &n);
                        v->id = (uint16_t)n;
                } else if (g_str_equal(key, "protocol")) {
                        ok = load_u32(eq + 1, G_MAXUINT16, &n);
                        v->protocol = (uint16_t)n;
                } else if (g_str_equal(key, "flags")) {
                        ok = load_u32(eq + 1, G_MAXUINT32, &v->flags);
                } else if (g_str_equal(key, "ingress")) {
                        ok = load_map(eq + 1, v->ingress);
                } else if (g_str_equal(key, "egress")) {
                        ok = load_map(eq + 1, v->egress);
                } else {
                        ok = false;
                }
                if (!ok)
                        return NULL;
                seen++;
        }
        return seen == 5 ? g_steal_pointer(&v) : NULL;
}

const LinkKind link_kind_vlan = {
        .name = "vlan",
        .module = "8021q",
        .copy = vlan_copy,
        .free = vlan_free,
        .describe = vlan_describe,
        .mismatch = vlan_mismatch,
        .diff = vlan_diff,
        .from_live = vlan_from_live,
        .msg_create = vlan_msg_create,
        .msg_change = vlan_msg_change,
        .save = vlan_save,
        .load = vlan_load,
};
