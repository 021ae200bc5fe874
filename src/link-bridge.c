/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The bridge link kind: its spec is the bridge's options (BridgeOptValues,
 * kernel units, the options the configuration sets in mask).  Every one of
 * them the kernel can change on a live bridge (br_changelink()), so only
 * the kind itself is identity.  Options the configuration leaves unset are
 * left as they are.
 */
#include "link-bridge.h"

#include <string.h>

#include "link-kind.h"
#include "netlink-bridge.h"
#include "snapshot-stack.h"

static void *br_copy(const void *spec)
{
        return g_memdup2(spec, sizeof(BridgeOptValues));
}

static void br_free(void *spec)
{
        g_free(spec);
}

char *link_bridge_describe_opts(const BridgeOptValues *o, BridgeOptMask mask,
                                const BridgeOptValues *old)
{
        GString *s = g_string_new(NULL);

        for (int id = 0; id < _BRIDGE_OPT_MAX; id++) {
                const BridgeOptDesc *d = bridge_opt_desc(id);
                g_autofree char *v = NULL, *was = NULL;

                if (!d || !(mask & BRIDGE_OPT_MASK(id)))
                        continue;
                v = bridge_opt_format_value(d, o->v[id]);
                if (old) {
                        was = bridge_opt_format_value(d, old->v[id]);
                        g_string_append_printf(s, "%s%s %s -> %s", s->len ? ", " : "", d->name, was,
                                               v);
                } else {
                        g_string_append_printf(s, "%s%s %s", s->len ? ", " : "", d->name, v);
                }
        }
        return g_string_free(s, FALSE);
}

static char *br_describe(const void *spec)
{
        const BridgeOptValues *o = spec;
        char *s = link_bridge_describe_opts(o, o->mask & BRIDGE_OPT_MASK_BRIDGE, NULL);

        if (!*s) {
                g_free(s);
                return g_strdup("the kernel's defaults");
        }
        return s;
}

static char *br_mismatch(const void *spec, int parent, const SnapLink *live)
{
        if (g_strcmp0(live->kind, "bridge") != 0 || !live->bridge)
                return g_strdup_printf("%s exists and is not a bridge (kind %s)", live->name,
                                       live->kind ? live->kind : "none");
        return NULL;
}

/* The options of want that differ from have (only those the kernel
 * reported: an option it does not know is its refusal to give). */
BridgeOptMask link_bridge_diff_mask(const BridgeOptValues *want, const BridgeOptValues *have,
                                    BridgeOptMask side)
{
        BridgeOptMask m = 0;

        for (int id = 0; id < _BRIDGE_OPT_MAX; id++) {
                BridgeOptMask bit = BRIDGE_OPT_MASK(id);

                if ((side & bit) && (want->mask & bit) &&
                    (!(have->mask & bit) || have->v[id] != want->v[id]))
                        m |= bit;
        }
        return m;
}

/* want's values for mask, and have's (the undo) */
void link_bridge_split(const BridgeOptValues *want, const BridgeOptValues *have, BridgeOptMask mask,
                       BridgeOptValues *change, BridgeOptValues *undo)
{
        memset(change, 0, sizeof(*change));
        memset(undo, 0, sizeof(*undo));
        for (int id = 0; id < _BRIDGE_OPT_MAX; id++) {
                if (!(mask & BRIDGE_OPT_MASK(id)))
                        continue;
                change->v[id] = want->v[id];
                undo->v[id] = bridge_opt_get(have, id);
        }
        change->mask = undo->mask = mask;
}

static void *br_diff(const void *spec, const SnapLink *live, void **old, char **what)
{
        const BridgeOptValues *want = spec;
        BridgeOptValues *change, *undo;
        BridgeOptMask m;

        if (!live->bridge)
                return NULL;
        m = link_bridge_diff_mask(want, &live->bridge->opts, BRIDGE_OPT_MASK_BRIDGE);
        if (!m)
                return NULL;
        change = g_new0(BridgeOptValues, 1);
        undo = g_new0(BridgeOptValues, 1);
        link_bridge_split(want, &live->bridge->opts, m, change, undo);
        *what = link_bridge_describe_opts(change, m, undo);
        *old = undo;
        return change;
}

static void *br_from_live(const SnapLink *live)
{
        BridgeOptValues *o = g_new0(BridgeOptValues, 1);

        if (live->bridge) {
                *o = live->bridge->opts;
                o->mask &= BRIDGE_OPT_MASK_BRIDGE;
        }
        return o;
}

static int br_msg_create(const char *name, int parent, const void *spec, unsigned mtu,
                         struct nl_msg **out)
{
        return bridgenl_msg_create(name, spec, mtu, out);
}

static int br_msg_change(int ifindex, const void *spec, struct nl_msg **out)
{
        return bridgenl_msg_change(ifindex, spec, out);
}

/* Every option in mask as NAME=VALUE in kernel units, a port's as
 * port.NAME=VALUE (a bridge and its ports share some names). */
static char *br_save(const void *spec)
{
        const BridgeOptValues *o = spec;
        GString *s = g_string_new(NULL);

        for (int id = 0; id < _BRIDGE_OPT_MAX; id++) {
                const BridgeOptDesc *d = bridge_opt_desc(id);

                if (d && (o->mask & BRIDGE_OPT_MASK(id)))
                        g_string_append_printf(s, "%s%s%s=%" G_GUINT64_FORMAT, s->len ? " " : "",
                                               d->port ? "port." : "", d->name, o->v[id]);
        }
        return g_string_free(s, FALSE);
}

static void *br_load(const char *text)
{
        g_autofree BridgeOptValues *o = g_new0(BridgeOptValues, 1);
        g_auto(GStrv) words = g_strsplit(text, " ", -1);

        for (guint i = 0; words[i]; i++) {
                const char *w = words[i];
                bool port = g_str_has_prefix(w, "port.");
                const char *eq = strchr(w, '=');
                g_autofree char *name = NULL;
                const BridgeOptDesc *d;
                guint64 n;

                if (!*w)
                        continue;
                if (!eq)
                        return NULL;
                name = g_strndup(w + (port ? 5 : 0), (gsize)(eq - w) - (port ? 5 : 0));
                d = bridge_opt_lookup(name, port);
                if (!d || !g_ascii_string_to_unsigned(eq + 1, 10, 0, G_MAXUINT64, &n, NULL))
                        return NULL;
                o->v[d->id] = n;
                o->mask |= BRIDGE_OPT_MASK(d->id);
        }
        return g_steal_pointer(&o);
}

const LinkKind link_kind_bridge = {
        .name = "bridge",
        .module = "bridge",
        .copy = br_copy,
        .free = br_free,
        .describe = br_describe,
        .mismatch = br_mismatch,
        .diff = br_diff,
        .from_live = br_from_live,
        .msg_create = br_msg_create,
        .msg_change = br_msg_change,
        .save = br_save,
        .load = br_load,
};
