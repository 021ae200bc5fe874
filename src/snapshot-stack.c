/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Link dumps: VLAN, bridge and bridge-port attributes. */
#include "snapshot-stack.h"
#include "snapshot-internal.h"
#include "hwaddr.h"

#include <string.h>
#include <arpa/inet.h>
#include <linux/if_link.h>

void snap_vlan_free(SnapVlan *v)
{
        if (!v)
                return;
        if (v->ingress)
                g_array_unref(v->ingress);
        if (v->egress)
                g_array_unref(v->egress);
        g_free(v);
}

void snap_bridge_free(SnapBridge *b)
{
        if (!b)
                return;
        g_free(b->bridge_id);
        g_free(b->root_id);
        g_free(b);
}

void snap_bridge_port_free(SnapBridgePort *p)
{
        g_free(p);
}

/* ---- VLAN --------------------------------------------------------------- */

static GArray *parse_qos(const struct nlattr *nest)
{
        GArray *a = g_array_new(FALSE, FALSE, sizeof(VlanQosMap));
        struct nlattr *q;
        int rem;

        nla_for_each_nested(q, nest, rem)
        {
                struct ifla_vlan_qos_mapping m;
                VlanQosMap v;

                if (nla_type(q) != IFLA_VLAN_QOS_MAPPING || nla_len(q) < (int)sizeof(m))
                        continue;
                memcpy(&m, nla_data(q), sizeof(m));
                v.from = m.from;
                v.to = m.to;
                g_array_append_val(a, v);
        }
        return a;
}

static SnapVlan *parse_vlan(struct nlattr *data)
{
        struct nlattr *tb[IFLA_VLAN_MAX + 1];
        g_autoptr(SnapVlan) v = g_new0(SnapVlan, 1);

        if (data && nla_parse_nested(tb, IFLA_VLAN_MAX, data, NULL) == 0) {
                if (tb[IFLA_VLAN_ID] && nla_len(tb[IFLA_VLAN_ID]) >= 2)
                        v->id = nla_get_u16(tb[IFLA_VLAN_ID]);
                if (tb[IFLA_VLAN_PROTOCOL] && nla_len(tb[IFLA_VLAN_PROTOCOL]) >= 2)
                        v->protocol = ntohs(nla_get_u16(tb[IFLA_VLAN_PROTOCOL]));
                if (tb[IFLA_VLAN_FLAGS] &&
                    nla_len(tb[IFLA_VLAN_FLAGS]) >= (int)sizeof(struct ifla_vlan_flags)) {
                        struct ifla_vlan_flags f;

                        memcpy(&f, nla_data(tb[IFLA_VLAN_FLAGS]), sizeof(f));
                        v->flags = f.flags & f.mask;
                }
                if (tb[IFLA_VLAN_INGRESS_QOS])
                        v->ingress = parse_qos(tb[IFLA_VLAN_INGRESS_QOS]);
                if (tb[IFLA_VLAN_EGRESS_QOS])
                        v->egress = parse_qos(tb[IFLA_VLAN_EGRESS_QOS]);
        }
        if (!v->ingress)
                v->ingress = g_array_new(FALSE, FALSE, sizeof(VlanQosMap));
        if (!v->egress)
                v->egress = g_array_new(FALSE, FALSE, sizeof(VlanQosMap));
        return g_steal_pointer(&v);
}

/* ---- bridge options through the table ----------------------------------- */

static int nla_width(BridgeNlaKind k)
{
        switch (k) {
        case BRIDGE_NLA_U8:
                return 1;
        case BRIDGE_NLA_U16:
        case BRIDGE_NLA_BE16:
                return 2;
        case BRIDGE_NLA_U32:
                return 4;
        default:
                return 8;
        }
}

static uint64_t attr_value(const struct nlattr *a, BridgeNlaKind k)
{
        switch (k) {
        case BRIDGE_NLA_U8:
                return nla_get_u8(a);
        case BRIDGE_NLA_U16:
                return nla_get_u16(a);
        case BRIDGE_NLA_BE16:
                return ntohs(nla_get_u16(a));
        case BRIDGE_NLA_U32:
                return nla_get_u32(a);
        default:
                return nla_get_u64(a);
        }
}

/* Every option of one side (port or bridge) found in tb. */
static void parse_opts(BridgeOptValues *o, struct nlattr *const *tb, int maxtype, bool port)
{
        for (int id = 0; id < _BRIDGE_OPT_MAX; id++) {
                const BridgeOptDesc *d = &bridge_opt_table[id];
                const struct nlattr *a;

                if (d->port != port || d->ifla > maxtype)
                        continue;
                a = tb[d->ifla];
                if (!a || nla_len(a) < nla_width(d->nla))
                        continue;
                o->v[id] = attr_value(a, d->nla);
                o->mask |= BRIDGE_OPT_MASK(id);
        }
}

/* struct ifla_bridge_id as iproute2 prints it: "8000.52:54:00:12:34:56". */
static char *bridge_id(const struct nlattr *a)
{
        struct ifla_bridge_id id;
        g_autofree char *mac = NULL;

        if (!a || nla_len(a) < (int)sizeof(id))
                return NULL;
        memcpy(&id, nla_data(a), sizeof(id));
        mac = hwaddr_format(id.addr, sizeof(id.addr));
        return g_strdup_printf("%02x%02x.%s", id.prio[0], id.prio[1], mac);
}

static SnapBridge *parse_bridge(struct nlattr *data)
{
        struct nlattr *tb[IFLA_BR_MAX + 1];
        SnapBridge *b = g_new0(SnapBridge, 1);

        if (data && nla_parse_nested(tb, IFLA_BR_MAX, data, NULL) == 0) {
                parse_opts(&b->opts, tb, IFLA_BR_MAX, false);
                b->bridge_id = bridge_id(tb[IFLA_BR_BRIDGE_ID]);
                b->root_id = bridge_id(tb[IFLA_BR_ROOT_ID]);
        }
        return b;
}

static SnapBridgePort *parse_bridge_port(struct nlattr *data)
{
        struct nlattr *tb[IFLA_BRPORT_MAX + 1];
        SnapBridgePort *p = g_new0(SnapBridgePort, 1);

        if (data && nla_parse_nested(tb, IFLA_BRPORT_MAX, data, NULL) == 0) {
                parse_opts(&p->opts, tb, IFLA_BRPORT_MAX, true);
                if (tb[IFLA_BRPORT_STATE] && nla_len(tb[IFLA_BRPORT_STATE]) >= 1) {
                        p->has_state = true;
                        p->state = nla_get_u8(tb[IFLA_BRPORT_STATE]);
                }
                if (tb[IFLA_BRPORT_NO] && nla_len(tb[IFLA_BRPORT_NO]) >= 2)
                        p->port_no = nla_get_u16(tb[IFLA_BRPORT_NO]);
                if (tb[IFLA_BRPORT_ID] && nla_len(tb[IFLA_BRPORT_ID]) >= 2)
                        p->port_id = nla_get_u16(tb[IFLA_BRPORT_ID]);
        }
        return p;
}

void snapshot_parse_stack(const char *kind, struct nlattr *const *li, SnapVlan **vlan,
                          SnapBridge **bridge, SnapBridgePort **port)
{
        if (g_strcmp0(kind, "vlan") == 0)
                *vlan = parse_vlan(li[IFLA_INFO_DATA]);
        else if (g_strcmp0(kind, "bridge") == 0)
                *bridge = parse_bridge(li[IFLA_INFO_DATA]);
        if (snapshot_attr_is(li[IFLA_INFO_SLAVE_KIND], "bridge"))
                *port = parse_bridge_port(li[IFLA_INFO_SLAVE_DATA]);
}
