/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Static validation of a loaded Config.  Option ranges and syntax were
 * already checked while parsing BONDING_OPTS (bond-options.c), and a MASTER
 * that names no bond is reported by config.c; neither is repeated here.
 */
#include "validate.h"
#include "validate-stack.h"
#include "hwaddr.h"

#include <errno.h>
#include <string.h>

#define IFNAME_MAX 15 /* IFNAMSIZ - 1 */

bool ifname_is_valid(const char *name)
{
        size_t n;

        if (!name)
                return false;
        n = strlen(name);
        if (n == 0 || n > IFNAME_MAX || strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
                return false;
        for (const char *p = name; *p; p++)
                if (*p == '/' || *p == ':' || g_ascii_isspace(*p))
                        return false;
        return true;
}

static const char *base(const IfcfgFile *f)
{
        const char *p = ifcfg_path(f);
        const char *s = strrchr(p, '/');

        return s ? s + 1 : p;
}

static const BondOptValue *opt(const CfgBond *b, BondOptId id)
{
        return &b->opts->v[id];
}

/* A value the user wrote (not one filled in by a default rule). */
static bool user_set(const CfgBond *b, BondOptId id)
{
        return opt(b, id)->set && !opt(b, id)->defaulted;
}

static uint64_t num_or_zero(const CfgBond *b, BondOptId id)
{
        return opt(b, id)->set ? opt(b, id)->num : 0;
}

static bool list_nonempty(const CfgBond *b, BondOptId id)
{
        const BondOptValue *v = opt(b, id);

        return v->set && v->list && v->list->len > 0;
}

static const CfgPort *bond_port_named(const CfgBond *b, const char *name)
{
        for (guint i = 0; b->ports && i < b->ports->len; i++) {
                const CfgPort *p = b->ports->pdata[i];

                if (p->name && strcmp(p->name, name) == 0)
                        return p;
        }
        return NULL;
}

static void check_ifname(DiagList *diags, const char *file, unsigned line, const char *key,
                         const char *name)
{
        if (ifname_is_valid(name))
                return;
        diag_add(diags, DIAG_ERROR, file, line, key,
                 "use 1 to 15 bytes, without '/', ':' or white space, and not '.' or '..'",
                 "'%s' is not a valid interface name", name);
}

/* Rule 2 (and 6): options set for a mode in which the kernel refuses them. */
static void check_mode_applicability(const CfgBond *b, DiagList *diags)
{
        const char *file = ifcfg_path(b->ifcfg);
        BondMode mode = bond_options_mode(b->opts);

        for (int i = 0; i < _BOND_OPT_MAX; i++) {
                const BondOptDesc *d = bond_opt_desc(i);
                g_autofree char *modes = NULL;
                g_autofree char *hint = NULL;

                if (!user_set(b, i) || (d->flags & (BOND_OPT_F_PORT | BOND_OPT_F_MODULE_ONLY)))
                        continue;
                if (bond_opt_applies_to_mode(d, mode))
                        continue;
                modes = bond_opt_modes_to_string(d->modes);
                hint = g_strdup_printf("%s applies only in mode %s; remove it or change the mode",
                                       d->name, modes);
                diag_add(diags, DIAG_ERROR, file, opt(b, i)->line, d->name, hint,
                         "bonding option '%s' is not supported in mode %s", d->name,
                         bond_mode_to_string(mode));
        }
}

/* Rules 3, 4, 5: link monitoring. */
static void check_monitoring(const CfgBond *b, DiagList *diags)
{
        const char *file = ifcfg_path(b->ifcfg);
        uint64_t miimon = num_or_zero(b, BOND_OPT_MIIMON);
        uint64_t arp = num_or_zero(b, BOND_OPT_ARP_INTERVAL);
        bool targets = list_nonempty(b, BOND_OPT_ARP_IP_TARGET) ||
                       list_nonempty(b, BOND_OPT_NS_IP6_TARGET);
        static const BondOptId delays[] = { BOND_OPT_UPDELAY, BOND_OPT_DOWNDELAY,
                                            BOND_OPT_PEER_NOTIF_DELAY };

        for (unsigned i = 0; i < G_N_ELEMENTS(delays); i++) {
                const BondOptDesc *d = bond_opt_desc(delays[i]);
                const BondOptValue *v = opt(b, delays[i]);
                g_autofree char *hint = NULL;

                if (!v->set || v->num == 0)
                        continue;
                if (miimon == 0) {
                        diag_add(diags, DIAG_ERROR, file, v->line, d->name,
                                 "set miimon (e.g. miimon=100) or remove it",
                                 "%s needs MII monitoring, but miimon is not set", d->name);
                } else if (v->num % miimon != 0) {
                        uint64_t lo = v->num / miimon * miimon;

                        if (lo)
                                hint = g_strdup_printf("use %" G_GUINT64_FORMAT
                                                       " or %" G_GUINT64_FORMAT,
                                                       lo, lo + miimon);
                        else
                                hint = g_strdup_printf("use %" G_GUINT64_FORMAT, miimon);
                        diag_add(diags, DIAG_ERROR, file, v->line, d->name, hint,
                                 "%s=%" G_GUINT64_FORMAT
                                 " is not a multiple of miimon=%" G_GUINT64_FORMAT
                                 " (the kernel would round it down)",
                                 d->name, v->num, miimon);
                }
        }

        if (arp > 0 && miimon > 0)
                diag_add(diags, DIAG_ERROR, file, opt(b, BOND_OPT_ARP_INTERVAL)->line,
                         "arp_interval", "choose one: remove miimon or arp_interval",
                         "miimon and arp_interval are both set; the kernel runs only one "
                         "link monitor and disables the other");
        if (arp > 0 && !targets)
                diag_add(diags, DIAG_ERROR, file, opt(b, BOND_OPT_ARP_INTERVAL)->line,
                         "arp_interval", "add arp_ip_target=ADDR (or ns_ip6_target=ADDR6)",
                         "arp_interval is set but there is no arp_ip_target or ns_ip6_target "
                         "to probe");
        if (arp == 0) {
                static const BondOptId lists[] = { BOND_OPT_ARP_IP_TARGET, BOND_OPT_NS_IP6_TARGET };

                for (unsigned i = 0; i < G_N_ELEMENTS(lists); i++) {
                        if (!list_nonempty(b, lists[i]))
                                continue;
                        diag_add(diags, DIAG_ERROR, file, opt(b, lists[i])->line,
                                 bond_opt_desc(lists[i])->name,
                                 "set arp_interval (e.g. arp_interval=1000) or remove the "
                                 "targets",
                                 "%s is set but arp_interval is not, so the targets are never "
                                 "probed",
                                 bond_opt_desc(lists[i])->name);
                }
        }
}

/* Rules 7 and 15 for primary / active_slave. */
static void check_port_refs(const CfgBond *b, DiagList *diags)
{
        const char *file = ifcfg_path(b->ifcfg);
        static const BondOptId refs[] = { BOND_OPT_PRIMARY, BOND_OPT_ACTIVE_SLAVE };
        BondMode mode = bond_options_mode(b->opts);

        for (unsigned i = 0; i < G_N_ELEMENTS(refs); i++) {
                const BondOptDesc *d = bond_opt_desc(refs[i]);
                const BondOptValue *v = opt(b, refs[i]);
                g_autoptr(GString) names = NULL;
                g_autofree char *hint = NULL;

                if (!v->set || !v->str || !bond_opt_applies_to_mode(d, mode))
                        continue;
                if (!ifname_is_valid(v->str)) {
                        check_ifname(diags, file, v->line, d->name, v->str);
                        continue;
                }
                if (bond_port_named(b, v->str))
                        continue;
                names = g_string_new(NULL);
                for (guint k = 0; b->ports && k < b->ports->len; k++) {
                        const CfgPort *p = b->ports->pdata[k];

                        if (p->name)
                                g_string_append_printf(names, "%s%s", names->len ? ", " : "",
                                                       p->name);
                }
                if (names->len)
                        hint = g_strdup_printf("name one of the ports of %s: %s", b->name,
                                               names->str);
                else
                        hint = g_strdup_printf("add MASTER=%s to the ifcfg file of %s", b->name,
                                               v->str);
                diag_add(diags, DIAG_ERROR, file, v->line, d->name, hint,
                         "%s '%s' is not a port of %s", d->name, v->str, b->name);
        }
}

static void check_ad_actor_system(const CfgBond *b, DiagList *diags)
{
        const BondOptValue *v = opt(b, BOND_OPT_AD_ACTOR_SYSTEM);
        static const uint8_t zero[HWADDR_ETHER_LEN];
        uint8_t mac[HWADDR_ETHER_LEN];

        if (!v->set || !v->str || hwaddr_parse_ether(v->str, mac) < 0 ||
            !bond_opt_applies_to_mode(bond_opt_desc(BOND_OPT_AD_ACTOR_SYSTEM),
                                      bond_options_mode(b->opts)))
                return;
        if (memcmp(mac, zero, sizeof(mac)) == 0) {
                diag_add(diags, DIAG_WARNING, ifcfg_path(b->ifcfg), v->line, "ad_actor_system",
                         "remove it, or give a unicast address",
                         "ad_actor_system is all zeroes; the bond's own MAC is used instead");
                return;
        }
        if (mac[0] & 1) /* the I/G bit */
                diag_add(diags, DIAG_ERROR, ifcfg_path(b->ifcfg), v->line, "ad_actor_system",
                         "use a unicast address (the low bit of the first byte clear)",
                         "ad_actor_system %s is a multicast address", v->str);
}

/*
 * IPoIB ports (TYPE=InfiniBand): the kernel's bond_enslave() takes a port
 * that is not Ethernet only in active-backup mode, and all ports must be of
 * one hardware type (the bond takes the first port's).
 */
static void check_infiniband(const CfgBond *b, DiagList *diags)
{
        const CfgPort *ib = NULL, *eth = NULL;

        for (guint i = 0; i < b->ports->len; i++) {
                const CfgPort *p = b->ports->pdata[i];

                if (p->infiniband && !ib)
                        ib = p;
                else if (!p->infiniband && !eth)
                        eth = p;
        }
        if (!ib)
                return;
        if (bond_options_mode(b->opts) != BOND_MODE_ACTIVE_BACKUP)
                diag_add(diags, DIAG_ERROR, ifcfg_path(ib->ifcfg), ifcfg_line(ib->ifcfg, "TYPE"),
                         "TYPE", "use mode=active-backup in BONDING_OPTS for IPoIB ports",
                         "%s is an InfiniBand (IPoIB) port: the kernel bonds those only in "
                         "active-backup mode, and %s is %s",
                         cfg_port_label(ib), b->name,
                         bond_mode_to_string(bond_options_mode(b->opts)));
        if (eth)
                diag_add(diags, DIAG_ERROR, ifcfg_path(eth->ifcfg), eth->master_line, "MASTER",
                         "keep InfiniBand and Ethernet ports in separate bonds",
                         "%s mixes InfiniBand (%s) and Ethernet (%s) ports; the kernel takes "
                         "ports of one hardware type only",
                         b->name, cfg_port_label(ib), cfg_port_label(eth));
}

static void check_bond(const Config *c, const CfgBond *b, DiagList *diags)
{
        const char *file = ifcfg_path(b->ifcfg);
        unsigned dev_line = ifcfg_line(b->ifcfg, "DEVICE");
        g_autofree char *hint = NULL;

        if (b->name)
                check_ifname(diags, file, dev_line, "DEVICE", b->name);
        if (b->opts) {
                check_mode_applicability(b, diags);
                check_monitoring(b, diags);
                check_port_refs(b, diags);
                check_ad_actor_system(b, diags);
        }
        if (b->ports && b->opts)
                check_infiniband(b, diags);
        if (!b->ports || b->ports->len == 0) {
                hint = g_strdup_printf("add MASTER=%s and SLAVE=yes to each port's ifcfg file",
                                       b->name);
                diag_add(diags, DIAG_WARNING, file, 0, NULL, hint, "bond %s has no ports", b->name);
        }
}

static bool has_prefix(const char *s, const char *p)
{
        return strncmp(s, p, strlen(p)) == 0;
}

/* Rules 11 and 12: settings on a port that belong on the bond. */
static void check_port_settings(const CfgPort *p, DiagList *diags)
{
        const char *file = ifcfg_path(p->ifcfg);
        const char *bond = p->bond ? ifcfg_path(p->bond->ifcfg) : NULL;
        g_autofree char *bond_base = bond ? g_path_get_basename(bond) : NULL;
        const char *target = bond_base ? bond_base : "the bond's ifcfg file";

        for (guint i = 0; i < ifcfg_n_vars(p->ifcfg); i++) {
                const IfcfgVar *v = ifcfg_var(p->ifcfg, i);
                g_autofree char *hint = NULL;
                bool ip;

                if (!v->value || !*v->value)
                        continue;
                if (strcmp(v->key, "MTU") == 0 || strcmp(v->key, "MACADDR") == 0) {
                        hint = g_strdup_printf("move %s=%s to %s", v->key, v->value, target);
                        diag_add(diags, DIAG_WARNING, file, v->line, v->key, hint,
                                 "%s on a bond port is ignored: the bond sets its ports' %s",
                                 v->key, strcmp(v->key, "MTU") == 0 ? "MTU" : "MAC address");
                        continue;
                }
                ip = has_prefix(v->key, "IPADDR") || has_prefix(v->key, "PREFIX") ||
                     has_prefix(v->key, "NETMASK") || has_prefix(v->key, "GATEWAY") ||
                     has_prefix(v->key, "IPV6ADDR") || strcmp(v->key, "IPV6_DEFAULTGW") == 0 ||
                     (strcmp(v->key, "BOOTPROTO") == 0 &&
                      (g_ascii_strcasecmp(v->value, "dhcp") == 0 ||
                       g_ascii_strcasecmp(v->value, "bootp") == 0));
                if (!ip)
                        continue;
                hint = g_strdup_printf("move the IP configuration to %s", target);
                diag_add(diags, DIAG_WARNING, file, v->line, v->key, hint,
                         "%s on a bond port is ignored: addresses belong on the bond", v->key);
        }
}

typedef struct {
        GHashTable *by_file; /* IfcfgFile* -> CfgBond* */
        GHashTable *by_name; /* name -> CfgBond* */
} BondLookup;

static void check_port(const Config *c, const BondLookup *bl, const CfgPort *p, DiagList *diags)
{
        const char *file = ifcfg_path(p->ifcfg);
        const CfgBond *self = NULL;

        if (p->name)
                check_ifname(diags, file, ifcfg_line(p->ifcfg, "DEVICE"), "DEVICE", p->name);

        /* Rule 13: a port that is itself a bond (its own file, or by name) */
        self = g_hash_table_lookup(bl->by_file, p->ifcfg);
        if (!self && p->name)
                self = g_hash_table_lookup(bl->by_name, p->name);
        if (self) {
                g_autofree char *hint = g_strdup_printf(
                        "bonds cannot be nested; remove MASTER= from %s", base(self->ifcfg));

                diag_add(diags, DIAG_ERROR, file, p->master_line, "MASTER", hint,
                         "%s is a bond and cannot be a port of %s", cfg_port_label(p),
                         p->master ? p->master : "another bond");
        }

        if (!p->bond)
                return;
        check_port_settings(p, diags);

        /* Rule 2 for per-port options */
        const BondOptValue *pv[] = { &p->queue_id, &p->prio };
        static const BondOptId pid[] = { BOND_OPT_PORT_QUEUE_ID, BOND_OPT_PORT_PRIO };
        BondMode mode = bond_options_mode(p->bond->opts);

        for (unsigned i = 0; i < G_N_ELEMENTS(pid); i++) {
                const BondOptDesc *d = bond_opt_desc(pid[i]);
                g_autofree char *modes = NULL;
                g_autofree char *hint = NULL;

                if (!pv[i]->set || bond_opt_applies_to_mode(d, mode))
                        continue;
                modes = bond_opt_modes_to_string(d->modes);
                hint = g_strdup_printf("%s applies only in mode %s", d->ifcfg_key, modes);
                diag_add(diags, DIAG_ERROR, file, pv[i]->line, d->ifcfg_key, hint,
                         "%s is not supported in mode %s of %s", d->ifcfg_key,
                         bond_mode_to_string(mode), p->bond->name);
        }
}

/* Rules 8 and 14: the same NIC claimed twice.  Each port is compared with
 * the first earlier port of the same name, then of the same HWADDR. */
static void check_port_pairs(const Config *c, DiagList *diags)
{
        g_autoptr(GHashTable) by_name = g_hash_table_new(g_str_hash, g_str_equal);
        g_autoptr(GHashTable) by_hwaddr =
                g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);

        for (guint j = 0; j < c->ports->len; j++) {
                const CfgPort *q = c->ports->pdata[j];
                const CfgPort *p = NULL;
                g_autofree char *hint = NULL;
                g_autofree char *hwkey = q->hwaddr ? g_ascii_strdown(q->hwaddr, -1) : NULL;

                if (q->name && q->bond)
                        p = g_hash_table_lookup(by_name, q->name);
                if (p) {
                        hint = g_strdup_printf("%s is also claimed by %s; keep one of %s and %s",
                                               q->name, base(p->ifcfg), base(p->ifcfg),
                                               base(q->ifcfg));
                        if (p->bond == q->bond)
                                diag_add(diags, DIAG_ERROR, ifcfg_path(q->ifcfg), q->master_line,
                                         "MASTER", hint, "port %s of %s is defined twice", q->name,
                                         q->bond->name);
                        else
                                diag_add(diags, DIAG_ERROR, ifcfg_path(q->ifcfg), q->master_line,
                                         "MASTER", hint,
                                         "port %s is claimed by two bonds: %s and %s", q->name,
                                         p->bond->name, q->bond->name);
                } else if (hwkey && (p = g_hash_table_lookup(by_hwaddr, hwkey)) &&
                           !(p->name && q->name && strcmp(p->name, q->name) == 0)) {
                        hint = g_strdup_printf("%s already uses HWADDR=%s; one NIC can be "
                                               "configured only once",
                                               base(p->ifcfg), p->hwaddr);
                        diag_add(diags, DIAG_ERROR, ifcfg_path(q->ifcfg),
                                 ifcfg_line(q->ifcfg, "HWADDR"), "HWADDR", hint,
                                 "HWADDR %s of %s is also used by %s", q->hwaddr, cfg_port_label(q),
                                 cfg_port_label(p));
                }
                if (q->name && q->bond && !g_hash_table_contains(by_name, q->name))
                        g_hash_table_insert(by_name, q->name, (gpointer)q);
                if (hwkey && !g_hash_table_contains(by_hwaddr, hwkey))
                        g_hash_table_insert(by_hwaddr, g_steal_pointer(&hwkey), (gpointer)q);
        }
}

int validate_config(const Config *c, DiagList *diags)
{
        size_t before = diag_count(diags, DIAG_ERROR);
        g_autoptr(GHashTable) by_file = g_hash_table_new(g_direct_hash, g_direct_equal);
        g_autoptr(GHashTable) by_name = g_hash_table_new(g_str_hash, g_str_equal);
        BondLookup bl = { by_file, by_name };

        for (guint i = 0; i < c->bonds->len; i++)
                check_bond(c, c->bonds->pdata[i], diags);
        for (guint i = 0; i < c->bonds->len; i++) {
                CfgBond *b = c->bonds->pdata[i];

                g_hash_table_insert(by_file, (gpointer)b->ifcfg, b);
                if (b->name && !g_hash_table_contains(by_name, b->name))
                        g_hash_table_insert(by_name, b->name, b);
        }
        for (guint i = 0; i < c->ports->len; i++)
                check_port(c, &bl, c->ports->pdata[i], diags);
        check_port_pairs(c, diags);
        validate_stack(c, diags);
        return diag_count(diags, DIAG_ERROR) > before ? -EINVAL : 0;
}
