/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A bridge's ifcfg file (TYPE=Bridge) and the bridge options of its ports'
 * files, read as initscripts' ifup-eth (its TYPE=Bridge and BRIDGE= blocks)
 * and NetworkManager's make_bridge_setting(), make_bridge_port_setting()
 * and handle_bridge_option() (nms-ifcfg-rh-reader.c) read them.
 */
#include "config-internal.h"
#include "hwaddr.h"

#include <errno.h>
#include <string.h>

bool cfg_file_is_bridge(const IfcfgFile *f)
{
        const char *type = cfg_get_str(f, "TYPE");

        /* connection_from_file_full(): TYPE=Bridge, in any case; ifup-eth
         * compares "${TYPE}" = "Bridge" */
        return type && g_ascii_strcasecmp(type, "Bridge") == 0;
}

void cfg_bridge_free(CfgBridge *br)
{
        if (!br)
                return;
        g_free(br->name);
        g_free(br->uuid);
        g_free(br->nm_name);
        g_ptr_array_unref(br->ports);
        g_free(br->macaddr);
        cfg_l3_free(br->l3);
        g_free(br);
}

/* Each problem of bridge_opts_parse() as an error at the BRIDGING_OPTS line. */
static void report(const IfcfgFile *f, GPtrArray *problems, DiagList *diags)
{
        for (guint i = 0; i < problems->len; i++) {
                const BridgeOptProblem *p = problems->pdata[i];

                diag_add(diags, DIAG_ERROR, ifcfg_path(f), ifcfg_line(f, "BRIDGING_OPTS"), p->key,
                         p->hint, "%s", p->message);
        }
}

static void parse_opts(const IfcfgFile *f, bool port, BridgeOptValues *opts, DiagList *diags)
{
        const char *v = cfg_get_str(f, "BRIDGING_OPTS");
        g_autoptr(GPtrArray) problems = NULL;

        if (!v)
                return;
        problems = g_ptr_array_new_with_free_func((GDestroyNotify)bridge_opt_problem_free);
        bridge_opts_parse(v, port, ifcfg_line(f, "BRIDGING_OPTS"), opts, problems);
        report(f, problems, diags);
}

/*
 * STP: make_bridge_setting() takes on/yes and off/no ("Missing or invalid
 * STP property means no"); ifup-eth adds "stp_state 1" for is_true and
 * "stp_state 0" for is_false, and nothing when STP is unset (the kernel's
 * default, off).  BRIDGING_OPTS' stp_state (written to sysfs by ifup-eth)
 * must agree with it.
 */
static void read_stp(CfgBridge *br, const IfcfgFile *f, DiagList *diags)
{
        const char *v = cfg_get_str(f, "STP");
        BridgeOptValues *o = &br->opts;
        const BridgeOptId id = BRIDGE_OPT_STP_STATE;

        br->stp = -1;
        if (v) {
                int b = ifcfg_parse_bool(v);

                if (b < 0)
                        cfg_err_key(diags, f, "STP", g_strdup("use STP=yes or STP=no"),
                                    "STP=%s is not yes or no", v);
                else
                        br->stp = b;
        }
        if (br->stp < 0)
                return;
        if (bridge_opt_has(o, id) && o->v[id] != (uint64_t)br->stp) {
                diag_add(diags, DIAG_ERROR, ifcfg_path(f), o->line[id], "stp_state",
                         "remove stp_state from BRIDGING_OPTS and keep STP",
                         "stp_state=%u in BRIDGING_OPTS contradicts STP=%s", (unsigned)o->v[id], v);
                return;
        }
        bridge_opt_set(o, id, (uint64_t)br->stp);
        o->line[id] = ifcfg_line(f, "STP");
}

/* DELAY: the forward delay in seconds (make_bridge_setting() hands it to
 * handle_bridge_option() as forward-delay; ifup-eth passes it to
 * `ip link add ... forward_delay`). */
static void read_delay(CfgBridge *br, const IfcfgFile *f, DiagList *diags)
{
        const BridgeOptId id = BRIDGE_OPT_FORWARD_DELAY;
        const BridgeOptDesc *d = bridge_opt_desc(id);
        const char *v = cfg_get_str(f, "DELAY");
        BridgeOptValues *o = &br->opts;
        uint64_t num;

        br->delay = -1;
        if (!v)
                return;
        if (bridge_opt_parse_value(d, v, &num) < 0) {
                g_autofree char *acc = bridge_opt_describe_values(d);

                cfg_err_key(diags, f, "DELAY", g_strdup_printf("DELAY takes %s", acc),
                            "DELAY=%s is not a forward delay", v);
                return;
        }
        br->delay = (int)(num / BRIDGE_USER_HZ);
        if (bridge_opt_has(o, id) && o->v[id] != num) {
                g_autofree char *was = bridge_opt_format_value(d, o->v[id]);

                diag_add(diags, DIAG_ERROR, ifcfg_path(f), o->line[id], "forward_delay",
                         "remove forward_delay from BRIDGING_OPTS and keep DELAY",
                         "forward_delay=%s in BRIDGING_OPTS contradicts DELAY=%s", was, v);
                return;
        }
        o->v[id] = num;
        o->mask |= BRIDGE_OPT_MASK(id);
        o->line[id] = ifcfg_line(f, "DELAY");
}

/* PRIO and AGEING: read by initscripts only; ifup-eth passes them to
 * `ip link add ... type bridge priority N ageing_time N`, so PRIO is the
 * bridge priority and AGEING is in the kernel's unit, hundredths of a
 * second (iproute2 hands it to IFLA_BR_AGEING_TIME as it is).  Either must
 * agree with the same option in BRIDGING_OPTS. */
static void read_ifup_key(CfgBridge *br, const IfcfgFile *f, BridgeOptId id, DiagList *diags)
{
        const BridgeOptDesc *d = bridge_opt_desc(id);
        const char *key = d->ifcfg_key;
        const char *v = cfg_get_str(f, key);
        BridgeOptValues *o = &br->opts;
        unsigned num;

        if (!v)
                return;
        if (!cfg_parse_decimal(v, G_MAXUINT, &num) || num < d->min || num > d->max) {
                cfg_err_key(diags, f, key,
                            g_strdup_printf("%s takes a whole number from %" G_GUINT64_FORMAT
                                            " to %" G_GUINT64_FORMAT "%s",
                                            key, d->min, d->max,
                                            d->unit == BRIDGE_UNIT_SECONDS
                                                    ? " (hundredths of a second, as ifup-eth "
                                                      "passes it to ip link)"
                                                    : ""),
                            "%s=%s is not a valid %s", key, v, d->name);
                return;
        }
        if (bridge_opt_has(o, id) && o->v[id] != num) {
                g_autofree char *was = bridge_opt_format_value(d, o->v[id]);
                g_autofree char *hint =
                        g_strdup_printf("remove %s from BRIDGING_OPTS and keep %s", d->name, key);

                diag_add(diags, DIAG_ERROR, ifcfg_path(f), o->line[id], d->name, hint,
                         "%s=%s in BRIDGING_OPTS contradicts %s=%s", d->name, was, key, v);
                return;
        }
        o->v[id] = num;
        o->mask |= BRIDGE_OPT_MASK(id);
        o->line[id] = ifcfg_line(f, key);
}

/* handle_bridge_option(): priority, hello_time, max_age and DELAY are
 * "invalid when STP is disabled" (NetworkManager drops them); the kernel
 * takes them but uses them only with STP. */
static void check_stp_only(const CfgBridge *br, DiagList *diags)
{
        const BridgeOptValues *o = &br->opts;

        if (bridge_opt_get(o, BRIDGE_OPT_STP_STATE)) {
                /* br_set_forward_delay(): 2 to 30 s while STP runs */
                uint64_t fd = o->v[BRIDGE_OPT_FORWARD_DELAY];
                g_autofree char *text =
                        bridge_opt_format_value(bridge_opt_desc(BRIDGE_OPT_FORWARD_DELAY), fd);

                if (bridge_opt_has(o, BRIDGE_OPT_FORWARD_DELAY) && (fd < 200 || fd > 3000))
                        diag_add(diags, DIAG_ERROR, ifcfg_path(br->ifcfg),
                                 o->line[BRIDGE_OPT_FORWARD_DELAY],
                                 br->delay >= 0 ? "DELAY" : "forward_delay",
                                 "give 2 to 30 seconds, or turn STP off (STP=no)",
                                 "with STP on, the kernel takes a forward delay of 2 to 30 "
                                 "seconds, not %s",
                                 text);
                return;
        }
        for (int i = 0; i < _BRIDGE_OPT_MAX; i++) {
                const BridgeOptDesc *d = bridge_opt_desc(i);
                const char *key = d->ifcfg_key && cfg_get_str(br->ifcfg, d->ifcfg_key)
                                          ? d->ifcfg_key
                                          : d->name;

                if (!bridge_opt_has(&br->opts, i) || !(d->flags & BRIDGE_OPT_F_STP_ONLY))
                        continue;
                /* DELAY=0 with STP off: what it says already (no wait) */
                if (i == BRIDGE_OPT_FORWARD_DELAY && br->opts.v[i] == 0)
                        continue;
                diag_add(diags, DIAG_WARNING, ifcfg_path(br->ifcfg), br->opts.line[i], key,
                         "set STP=yes, or remove it",
                         "%s acts only with STP, which is off on %s (NetworkManager drops it)", key,
                         br->name);
        }
}

/* BRIDGE_MACADDR: make_bridge_setting()'s bridge.mac-address (initscripts
 * reads MACADDR only): the bridge's MAC when MACADDR does not give one; the
 * two must agree. */
static void read_bridge_mac(CfgBridge *br, const IfcfgFile *f, DiagList *diags)
{
        g_autofree char *m = cfg_load_mac(f, "BRIDGE_MACADDR", HWADDR_ETHER_LEN, diags);

        if (!m)
                return;
        if (!br->macaddr) {
                br->macaddr = g_steal_pointer(&m);
                return;
        }
        if (g_ascii_strcasecmp(m, br->macaddr) != 0)
                cfg_err_key(diags, f, "BRIDGE_MACADDR",
                            g_strdup("keep one of MACADDR and BRIDGE_MACADDR"),
                            "BRIDGE_MACADDR=%s contradicts MACADDR=%s", m, br->macaddr);
}

CfgBridge *cfg_bridge_read(const IfcfgFile *f, const Config *c, DiagList *diags)
{
        CfgBridge *br = g_new0(CfgBridge, 1);

        br->ifcfg = f;
        /* make_bridge_setting(): "mandatory DEVICE keyword missing" is an
         * error there; bondcfg takes the file name's suffix, as for a bond */
        br->name = cfg_file_ifname(f);
        br->uuid = g_strdup(cfg_get_str(f, "UUID"));
        br->nm_name = g_strdup(cfg_get_str(f, "NAME"));
        br->ports = g_ptr_array_new_with_free_func(g_free);
        br->onboot = cfg_get_bool(f, "ONBOOT", true, diags);
        parse_opts(f, false, &br->opts, diags);
        read_stp(br, f, diags);
        read_delay(br, f, diags);
        read_ifup_key(br, f, BRIDGE_OPT_PRIORITY, diags);
        read_ifup_key(br, f, BRIDGE_OPT_AGEING_TIME, diags);
        check_stp_only(br, diags);
        br->mtu = cfg_load_mtu(f, diags);
        br->macaddr = cfg_load_mac(f, "MACADDR", HWADDR_ETHER_LEN, diags);
        read_bridge_mac(br, f, diags);
        br->l3 = cfg_l3_load(f, c->network, c->dir, c->listing, br->name, diags);
        if (br->l3->link_mtu) /* ifup-ipv6's ipv6_set_mtu(), after MTU */
                br->mtu = br->l3->link_mtu;
        return br;
}

/* make_bridge_port_setting(): BRIDGING_OPTS of a file with BRIDGE= holds
 * port options (ifup-eth writes them to /sys/class/net/DEV/brport/KEY). */
CfgBridgePort *cfg_bridge_add_port(CfgBridge *br, CfgBridgePortKind kind, void *dev,
                                   const IfcfgFile *f, DiagList *diags)
{
        CfgBridgePort *p = g_new0(CfgBridgePort, 1);

        p->kind = kind;
        p->ifcfg = f;
        if (kind == CFG_BRIDGE_PORT_BOND) {
                p->bond = dev;
                p->name = p->bond->name;
        } else {
                p->vlan = dev;
                p->name = p->vlan->name;
        }
        parse_opts(f, true, &p->opts, diags);
        g_ptr_array_add(br->ports, p);
        return p;
}
