/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The stack on the bonds (config-stack.h): which VLAN and bridge files are
 * above a bond, what each one's parent and ports are, and which are left
 * alone.  A file that is not above a bond gets no diagnostic from here
 * (bondcfg does not judge what it does not manage) unless it claims a
 * device of the stack.  Problems of the files it keeps are diagnostics at
 * file:line; nothing is printed.
 */
#include "config-internal.h"
#include "ifcfg-keys.h"

#include <string.h>

/* A VLAN or bridge file being read: its diagnostics wait until it is known
 * to be above a bond. */
typedef struct {
        const IfcfgFile *f;
        CfgVlan *vlan;
        CfgBridge *bridge;
        DiagList *pending;
        int state;    /* VLANs: 0 not resolved, 1 resolving, 2 resolved */
        bool managed; /* above a bond */
        char *why;    /* when not: why not */
} Cand;

static void cand_free(gpointer p)
{
        Cand *x = p;

        cfg_vlan_free(x->vlan);
        cfg_bridge_free(x->bridge);
        diag_list_free(x->pending);
        g_free(x->why);
        g_free(x);
}

static void unmanaged_free(gpointer p)
{
        CfgUnmanaged *u = p;

        g_free(u->name);
        g_free(u->why);
        g_free(u);
}

typedef struct {
        Config *c;
        DiagList *diags;
        GPtrArray *cands;    /* Cand*, owned, file order */
        GHashTable *vlans;   /* name -> Cand* (VLANs, first wins) */
        GHashTable *bridges; /* name, NAME= and lower-case UUID -> Cand* (bridges) */
        GHashTable *ours;    /* IfcfgFile* of the bonds and ports */
} Stack;

static void index_add(GHashTable *h, const char *key, Cand *x)
{
        if (key && !g_hash_table_contains(h, key))
                g_hash_table_insert(h, g_strdup(key), x);
}

/* BRIDGE_UUID, else BRIDGE, as make_connection_setting() reads the
 * controller; ifup-eth knows BRIDGE only. */
static const char *bridge_ref(const IfcfgFile *f, unsigned *line)
{
        const char *v = cfg_get_str(f, "BRIDGE_UUID");
        const char *key = v ? "BRIDGE_UUID" : "BRIDGE";

        if (!v)
                v = cfg_get_str(f, "BRIDGE");
        if (line)
                *line = v ? ifcfg_line(f, key) : 0;
        return v;
}

static void read_files(Stack *s)
{
        for (guint i = 0; i < s->c->files->len; i++) {
                const IfcfgFile *f = s->c->files->pdata[i];
                Cand *x;

                if (g_hash_table_contains(s->ours, f))
                        continue;
                if (!cfg_file_is_bridge(f) && !cfg_file_is_vlan(f))
                        continue;
                x = g_new0(Cand, 1);
                x->f = f;
                x->pending = diag_list_new();
                g_ptr_array_add(s->cands, x);
                if (cfg_file_is_bridge(f)) {
                        g_autofree char *uuid = NULL;

                        x->bridge = cfg_bridge_read(f, s->c, x->pending);
                        uuid = x->bridge->uuid ? g_ascii_strdown(x->bridge->uuid, -1) : NULL;
                        index_add(s->bridges, x->bridge->name, x);
                        index_add(s->bridges, x->bridge->nm_name, x);
                        index_add(s->bridges, uuid, x);
                        continue;
                }
                x->vlan = cfg_vlan_read(f, s->c, x->pending, &x->why);
                if (!x->vlan)
                        continue;
                x->vlan->bridge = g_strdup(bridge_ref(f, &x->vlan->bridge_line));
                index_add(s->vlans, x->vlan->name, x);
        }
}

static CfgBond *bond_by_ref(const Config *c, const char *ref)
{
        CfgBond *b = config_find_bond(c, ref);

        /* make_vlan_setting(): the parent is an interface name or a
         * connection UUID */
        for (guint i = 0; !b && i < c->bonds->len; i++) {
                CfgBond *o = c->bonds->pdata[i];

                if (o->uuid && g_ascii_strcasecmp(o->uuid, ref) == 0)
                        b = o;
        }
        return b;
}

static const CfgPort *port_named(const Config *c, const char *name)
{
        for (guint i = 0; i < c->ports->len; i++) {
                const CfgPort *p = c->ports->pdata[i];

                if (p->bond && p->name && g_str_equal(p->name, name))
                        return p;
        }
        return NULL;
}

static char *known_bonds(const Config *c)
{
        g_autoptr(GString) s = g_string_new(NULL);

        for (guint i = 0; i < c->bonds->len; i++)
                g_string_append_printf(s, "%s%s", i ? ", " : "",
                                       ((const CfgBond *)c->bonds->pdata[i])->name);
        return s->len ? g_strdup_printf("known bonds: %s", s->str)
                      : g_strdup("no bond is defined in this directory (a bond has TYPE=Bond)");
}

/* The bond below x (resolving its parents first), or NULL. */
static CfgBond *resolve_vlan(Stack *s, Cand *x)
{
        CfgVlan *v = x->vlan;
        const char *file = ifcfg_path(x->f);
        const CfgPort *port;
        Cand *up;

        if (x->state == 2)
                return v->bond;
        x->state = 1;
        if (g_str_equal(v->parent, v->name)) {
                diag_add(s->diags, DIAG_ERROR, file, v->parent_line, "PHYSDEV",
                         "name the bond (or the VLAN) it sits on, e.g. PHYSDEV=bond0",
                         "VLAN %s is its own parent", v->name);
                x->why = g_strdup("it is its own parent");
        } else if ((v->parent_bond = bond_by_ref(s->c, v->parent))) {
                v->bond = v->parent_bond;
        } else if ((up = g_hash_table_lookup(s->vlans, v->parent))) {
                if (up->state == 1) {
                        diag_add(s->diags, DIAG_ERROR, file, v->parent_line, "PHYSDEV",
                                 "a chain of VLANs must end on a bond",
                                 "VLAN %s sits on %s, whose chain of parents comes back to %s",
                                 v->name, v->parent, v->name);
                        x->why = g_strdup("its chain of parents loops");
                } else if (resolve_vlan(s, up)) {
                        v->parent_vlan = up->vlan;
                        v->bond = up->vlan->bond;
                } else {
                        x->why = g_strdup_printf("its parent %s is not above a bond", v->parent);
                }
        } else if ((port = port_named(s->c, v->parent))) {
                g_autofree char *hint =
                        g_strdup_printf("put the VLAN on the bond: PHYSDEV=%s (or DEVICE=%s.%u)",
                                        port->bond->name, port->bond->name, v->id);

                /* the bond's rx_handler takes every frame of its ports: a
                 * VLAN on a port never sees one */
                diag_add(s->diags, DIAG_ERROR, file, v->parent_line, "PHYSDEV", hint,
                         "VLAN %s is on %s, a port of %s: it would receive nothing", v->name,
                         v->parent, port->bond->name);
                x->why = g_strdup_printf("its parent %s is a port of %s", v->parent,
                                         port->bond->name);
                diag_list_move(s->diags, x->pending); /* it is about the stack all the same */
        } else if (g_str_has_prefix(v->parent, "bond")) {
                g_autofree char *hint = known_bonds(s->c);

                diag_add(s->diags, DIAG_ERROR, file, v->parent_line, "PHYSDEV", hint,
                         "the parent %s of VLAN %s is not a bond configured here", v->parent,
                         v->name);
                x->why = g_strdup_printf("its parent %s is missing", v->parent);
                diag_list_move(s->diags, x->pending);
        } else {
                x->why = g_strdup_printf("its parent %s is not a bond", v->parent);
        }
        x->state = 2;
        x->managed = v->bond != NULL;
        return v->bond;
}

static char *known_bridges(const Stack *s)
{
        g_autoptr(GString) str = g_string_new(NULL);

        for (guint i = 0; i < s->cands->len; i++) {
                const Cand *x = s->cands->pdata[i];

                if (x->bridge)
                        g_string_append_printf(str, "%s%s", str->len ? ", " : "", x->bridge->name);
        }
        return str->len ? g_strdup_printf("known bridges: %s", str->str)
                        : g_strdup("no bridge is defined in this directory (a bridge has "
                                   "TYPE=Bridge)");
}

static Cand *bridge_by_ref(const Stack *s, const char *ref)
{
        g_autofree char *low = g_ascii_strdown(ref, -1);
        Cand *x = g_hash_table_lookup(s->bridges, ref);

        return x ? x : g_hash_table_lookup(s->bridges, low);
}

/*
 * The addresses of a bridge port belong on the bridge: ifup-eth flushes the
 * port's addresses, puts it in the bridge and stops there (no addresses, no
 * routes, no ifup-post).  Any the file gives are errors (the kernel would
 * take them, and the traffic would go to the bridge), and the port keeps an
 * empty layer 3.
 */
static void port_l3(Stack *s, const CfgBridge *br, const char *name, const IfcfgFile *f, CfgL3 **l3)
{
        g_autofree char *hint = g_strdup_printf("move the IP configuration to %s's file, %s",
                                                br->name, ifcfg_path(br->ifcfg));

        if ((*l3)->dhcp4)
                diag_add(s->diags, DIAG_ERROR, ifcfg_path(f), ifcfg_line(f, "BOOTPROTO"),
                         "BOOTPROTO", hint,
                         "%s is a port of bridge %s: a DHCP client on it gets nothing back (the "
                         "bridge takes its traffic)",
                         name, br->name);
        for (guint i = 0; i < (*l3)->addrs->len; i++) {
                const CfgAddress *a = (*l3)->addrs->pdata[i];

                diag_add(s->diags, DIAG_ERROR, ifcfg_path(f), a->label ? 0 : a->line, a->key, hint,
                         "%s is a port of bridge %s: the address %s on it would be accepted by "
                         "the kernel, and its traffic would go to the bridge (addresses belong "
                         "on the bridge)",
                         name, br->name, a->address);
        }
        cfg_l3_free(*l3);
        *l3 = cfg_l3_new(name);
}

/* Put the bond or VLAN dev (file f, BRIDGE= text ref at line) in its bridge. */
static void join_bridge(Stack *s, CfgBridgePortKind kind, void *dev, const char *name,
                        const IfcfgFile *f, const char *ref, unsigned line)
{
        Cand *br = bridge_by_ref(s, ref);

        if (!br) {
                g_autofree char *hint = known_bridges(s);

                /* ifup-eth would create a bare bridge; NetworkManager waits
                 * for a controller that never comes */
                diag_add(s->diags, DIAG_ERROR, ifcfg_path(f), line, "BRIDGE", hint,
                         "BRIDGE=%s of %s does not name a bridge configured here", ref, name);
                return;
        }
        br->managed = true;
        cfg_bridge_add_port(br->bridge, kind, dev, f, s->diags);
        if (kind == CFG_BRIDGE_PORT_BOND)
                port_l3(s, br->bridge, name, f, &((CfgBond *)dev)->l3);
        else
                port_l3(s, br->bridge, name, f, &((CfgVlan *)dev)->l3);
}

/* Bonds and VLANs of the stack join their bridges; other files that name a
 * bridge of the stack are told what happens to them. */
static void join_bridges(Stack *s)
{
        for (guint i = 0; i < s->c->bonds->len; i++) {
                CfgBond *b = s->c->bonds->pdata[i];

                b->bridge = g_strdup(bridge_ref(b->ifcfg, &b->bridge_line));
                if (b->bridge)
                        join_bridge(s, CFG_BRIDGE_PORT_BOND, b, b->name, b->ifcfg, b->bridge,
                                    b->bridge_line);
                else if (cfg_get_str(b->ifcfg, "BRIDGING_OPTS"))
                        diag_add(s->diags, DIAG_WARNING, ifcfg_path(b->ifcfg),
                                 ifcfg_line(b->ifcfg, "BRIDGING_OPTS"), "BRIDGING_OPTS",
                                 "add BRIDGE=BRIDGE, or remove BRIDGING_OPTS",
                                 "BRIDGING_OPTS on %s is ignored: it is in no bridge (no BRIDGE=)",
                                 b->name);
        }
        for (guint i = 0; i < s->cands->len; i++) {
                Cand *x = s->cands->pdata[i];

                if (x->vlan && x->managed && x->vlan->bridge)
                        join_bridge(s, CFG_BRIDGE_PORT_VLAN, x->vlan, x->vlan->name, x->f,
                                    x->vlan->bridge, x->vlan->bridge_line);
        }
}

/* Files outside the stack whose BRIDGE= names a bridge of it. */
static void foreign_ports(Stack *s)
{
        for (guint i = 0; i < s->c->files->len; i++) {
                const IfcfgFile *f = s->c->files->pdata[i];
                unsigned line;
                const char *ref = bridge_ref(f, &line);
                g_autofree char *name = cfg_file_ifname(f);
                Cand *br, *self = NULL;
                const CfgPort *port;

                if (!ref || !(br = bridge_by_ref(s, ref)) || !br->managed)
                        continue;
                for (guint k = 0; k < s->cands->len && !self; k++)
                        if (((Cand *)s->cands->pdata[k])->f == f)
                                self = s->cands->pdata[k];
                if (self && self->managed && self->vlan)
                        continue; /* a port of the stack */
                if (self && self->bridge) {
                        diag_add(s->diags, DIAG_ERROR, ifcfg_path(f), line, "BRIDGE",
                                 "remove BRIDGE= from the bridge's file",
                                 "bridge %s cannot be a port of bridge %s (the kernel refuses "
                                 "a bridge in a bridge)",
                                 self->bridge->name, br->bridge->name);
                        continue;
                }
                if (g_hash_table_contains(s->ours, f)) {
                        for (guint k = 0; k < s->c->ports->len; k++) {
                                port = s->c->ports->pdata[k];
                                if (port->ifcfg == f && port->bond) {
                                        g_autofree char *hint = g_strdup_printf(
                                                "remove BRIDGE from %s; put BRIDGE=%s in %s's file",
                                                ifcfg_suffix(f), br->bridge->name,
                                                port->bond->name);

                                        diag_add(s->diags, DIAG_ERROR, ifcfg_path(f), line,
                                                 "BRIDGE", hint,
                                                 "%s is a port of %s and cannot also be a port "
                                                 "of bridge %s",
                                                 cfg_port_label(port), port->bond->name,
                                                 br->bridge->name);
                                }
                        }
                        continue;
                }
                diag_add(s->diags, DIAG_WARNING, ifcfg_path(f), line, "BRIDGE",
                         "let the program that manages it put it in the bridge, or make it a "
                         "bond or a VLAN on one",
                         "%s is not a bond or a VLAN on one: bondcfg does not put it in bridge "
                         "%s (left to whatever manages it now)",
                         name, br->bridge->name);
        }
}

static void keep_or_leave(Stack *s)
{
        for (guint i = 0; i < s->cands->len; i++) {
                Cand *x = s->cands->pdata[i];
                CfgUnmanaged *u;

                if (x->managed) {
                        diag_list_move(s->diags, x->pending);
                        ifcfg_keys_check(x->f, x->vlan ? KEY_ROLE_VLAN : KEY_ROLE_BRIDGE, s->diags);
                        if (x->vlan)
                                g_ptr_array_add(s->c->vlans, g_steal_pointer(&x->vlan));
                        else
                                g_ptr_array_add(s->c->bridges, g_steal_pointer(&x->bridge));
                        continue;
                }
                u = g_new0(CfgUnmanaged, 1);
                u->ifcfg = x->f;
                u->kind = x->bridge ? "bridge" : "VLAN";
                u->name = x->vlan     ? g_strdup(x->vlan->name)
                          : x->bridge ? g_strdup(x->bridge->name)
                                      : cfg_file_ifname(x->f);
                u->why = x->bridge ? g_strdup("no bond, and no VLAN on a bond, is its port")
                                   : g_strdup(x->why ? x->why : "no bond is below it");
                g_ptr_array_add(s->c->unmanaged, u);
        }
}

static gint vlan_cmp(gconstpointer a, gconstpointer b)
{
        return strcmp((*(CfgVlan *const *)a)->name, (*(CfgVlan *const *)b)->name);
}

static gint bridge_cmp(gconstpointer a, gconstpointer b)
{
        return strcmp((*(CfgBridge *const *)a)->name, (*(CfgBridge *const *)b)->name);
}

void cfg_stack_load(Config *c, DiagList *diags)
{
        g_autoptr(GPtrArray) cands = g_ptr_array_new_with_free_func(cand_free);
        g_autoptr(GHashTable) vlans = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
        g_autoptr(GHashTable) bridges =
                g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
        g_autoptr(GHashTable) ours = g_hash_table_new(g_direct_hash, g_direct_equal);
        Stack s = { c, diags, cands, vlans, bridges, ours };

        c->vlans = g_ptr_array_new_with_free_func((GDestroyNotify)cfg_vlan_free);
        c->bridges = g_ptr_array_new_with_free_func((GDestroyNotify)cfg_bridge_free);
        c->unmanaged = g_ptr_array_new_with_free_func(unmanaged_free);
        for (guint i = 0; i < c->bonds->len; i++)
                g_hash_table_add(ours, (gpointer)((CfgBond *)c->bonds->pdata[i])->ifcfg);
        for (guint i = 0; i < c->ports->len; i++)
                g_hash_table_add(ours, (gpointer)((CfgPort *)c->ports->pdata[i])->ifcfg);

        read_files(&s);
        for (guint i = 0; i < cands->len; i++) {
                Cand *x = cands->pdata[i];

                if (x->vlan)
                        resolve_vlan(&s, x);
        }
        join_bridges(&s);
        foreign_ports(&s);
        keep_or_leave(&s);
        g_ptr_array_sort(c->vlans, vlan_cmp);
        g_ptr_array_sort(c->bridges, bridge_cmp);
}

void cfg_stack_free(Config *c)
{
        g_clear_pointer(&c->bridges, g_ptr_array_unref);
        g_clear_pointer(&c->vlans, g_ptr_array_unref);
        g_clear_pointer(&c->unmanaged, g_ptr_array_unref);
}

/* ---- lookups --------------------------------------------------------------- */

CfgVlan *config_find_vlan(const Config *c, const char *name)
{
        for (guint i = 0; c && name && c->vlans && i < c->vlans->len; i++) {
                CfgVlan *v = c->vlans->pdata[i];

                if (g_str_equal(v->name, name))
                        return v;
        }
        return NULL;
}

CfgBridge *config_find_bridge(const Config *c, const char *name)
{
        for (guint i = 0; c && name && c->bridges && i < c->bridges->len; i++) {
                CfgBridge *br = c->bridges->pdata[i];

                if (g_str_equal(br->name, name))
                        return br;
        }
        return NULL;
}

CfgBridge *config_bridge_of(const Config *c, const char *name)
{
        for (guint i = 0; c && name && c->bridges && i < c->bridges->len; i++) {
                CfgBridge *br = c->bridges->pdata[i];

                for (guint k = 0; k < br->ports->len; k++)
                        if (g_str_equal(((CfgBridgePort *)br->ports->pdata[k])->name, name))
                                return br;
        }
        return NULL;
}

bool cfg_vlan_on_bond(const CfgVlan *v, const CfgBond *b)
{
        return v && b && v->bond == b;
}

bool cfg_bridge_on_bond(const CfgBridge *br, const CfgBond *b)
{
        for (guint k = 0; br && b && k < br->ports->len; k++) {
                const CfgBridgePort *p = br->ports->pdata[k];

                if (p->bond == b || (p->vlan && p->vlan->bond == b))
                        return true;
        }
        return false;
}
