/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Member-NIC checks over libudev; the rules are listed in udev-check.h. */
#include "udev-check.h"
#include "hwaddr.h"

#include <errno.h>
#include <string.h>

#define DEFAULT_MTU 1500

/* ---- rules ------------------------------------------------------------- */

typedef struct {
        const CfgPort *port;
        NicInfo *nic; /* NULL if missing */
} PortFacts;

typedef struct {
        const CfgBond *bond;
        PortFacts *pf; /* one per port of bond, in its order */
        guint n;
} BondFacts;

static void bond_facts_clear(gpointer p)
{
        BondFacts *bf = p;

        for (guint i = 0; i < bf->n; i++)
                nic_info_free(bf->pf[i].nic);
        g_free(bf->pf);
}

/* Config always sets ifcfg; the guards keep hand-made Configs working. */
#define port_file(p)      ((p)->ifcfg ? ifcfg_path((p)->ifcfg) : NULL)
#define bond_file(b)      ((b)->ifcfg ? ifcfg_path((b)->ifcfg) : NULL)
#define file_line(f, key) ((f) ? ifcfg_line((f), (key)) : 0)

/* The key that names the port's device: DEVICE, else HWADDR. */
static const char *port_id_key(const CfgPort *p)
{
        if (!file_line(p->ifcfg, "DEVICE") && p->hwaddr && file_line(p->ifcfg, "HWADDR"))
                return "HWADDR";
        return "DEVICE";
}

static const char *port_master_key(const CfgPort *p)
{
        return file_line(p->ifcfg, "MASTER") == p->master_line ? "MASTER" : "MASTER_UUID";
}

/* Diagnostic at the port's DEVICE/HWADDR line. */
#define port_id_diag(l, sev, p, hint, ...)                                                         \
        diag_add((l), (sev), port_file(p), file_line((p)->ifcfg, port_id_key(p)), port_id_key(p),  \
                 (hint), __VA_ARGS__)
/* Diagnostic at the port's MASTER line. */
#define port_master_diag(l, sev, p, hint, ...)                                                     \
        diag_add((l), (sev), port_file(p), (p)->master_line, port_master_key(p), (hint),           \
                 __VA_ARGS__)

static void note_identity(const CfgBond *b, const PortFacts *pf, DiagList *diags)
{
        const NicInfo *n = pf->nic;
        g_autofree char *desc = nic_info_describe(n);
        g_autoptr(GString) s = g_string_new(NULL);

        g_string_printf(s, "%s: %s is %s", b->name, n->ifname,
                        n->kind == NIC_KIND_VIRTUAL ? "a virtual device" : desc);
        if (n->kind == NIC_KIND_VIRTUAL && n->driver)
                g_string_append_printf(s, " (%s)", n->driver);
        if (n->subsys_vendor_id && n->subsys_device_id)
                g_string_append_printf(s, ", subsystem %s:%s", n->subsys_vendor_id,
                                       n->subsys_device_id);
        if (n->revision)
                g_string_append_printf(s, ", revision %s", n->revision);
        if (n->is_vf)
                g_string_append(s, ", SR-IOV VF");
        if (n->speed > 0)
                g_string_append_printf(s, ", %dMb/s", n->speed);
        if (n->duplex)
                g_string_append_printf(s, " %s duplex", n->duplex);
        if (n->carrier >= 0)
                g_string_append_printf(s, ", carrier %s", n->carrier ? "up" : "down");
        if (n->max_mtu)
                g_string_append_printf(s, ", max MTU %u", n->max_mtu);
        port_id_diag(diags, DIAG_NOTE, pf->port, NULL, "%s", s->str);
}

/*
 * DEVICE and HWADDR both given must be one NIC (initscripts' ifup-eth: "Device
 * has different MAC address than expected, ignoring").  The permanent MAC
 * counts; without one, the current MAC of a device in no bond (a port's
 * current MAC is its bond's).
 */
static void check_hwaddr(const CfgBond *b, const PortFacts *pf, DiagList *diags)
{
        const CfgPort *p = pf->port;
        const NicInfo *n = pf->nic;
        const char *have = n->perm_address ? n->perm_address : n->master ? NULL : n->address;

        if (!p->name || !p->hwaddr || !have || hwaddr_matches(p->hwaddr, have))
                return;
        diag_add(diags, DIAG_ERROR, port_file(p), file_line(p->ifcfg, "HWADDR"), "HWADDR",
                 "correct HWADDR or DEVICE ('ip -d link' shows the permanent address as "
                 "permaddr), or remove HWADDR",
                 "%s: HWADDR=%s does not match %s, whose %s MAC is %s; initscripts' ifup-eth "
                 "refuses such a device, and so does bondcfg",
                 b->name, p->hwaddr, n->ifname, n->perm_address ? "permanent" : "current", have);
}

static void check_port_alone(const CfgBond *b, const PortFacts *pf, UdevCheckMode mode,
                             DiagList *diags)
{
        const CfgPort *p = pf->port;
        const NicInfo *n = pf->nic;
        unsigned bond_mtu = b->mtu ? b->mtu : DEFAULT_MTU;

        if (!n) {
                g_autofree char *file = p->ifcfg ? g_path_get_basename(port_file(p)) : NULL;
                g_autofree char *hint =
                        g_strdup_printf("check %s in %s and that the NIC's driver is loaded%s",
                                        port_id_key(p), file ? file : "the port's file",
                                        mode == UDEV_CHECK_MODE_APPLY ? "" : "; apply will fail");
                g_autofree char *what =
                        p->name ? g_strdup_printf("port %s does not exist", p->name)
                                : g_strdup_printf("no network device has HWADDR %s", p->hwaddr);

                port_id_diag(diags, mode == UDEV_CHECK_MODE_APPLY ? DIAG_ERROR : DIAG_WARNING, p,
                             hint, "%s: %s on this system", b->name, what);
                return;
        }
        note_identity(b, pf, diags);
        check_hwaddr(b, pf, diags);
        if (n->master && strcmp(n->master, b->name) != 0) {
                g_autofree char *hint =
                        g_strdup_printf("release it first (ip link set %s nomaster), or fix %s",
                                        n->ifname, port_master_key(p));

                port_master_diag(diags, DIAG_ERROR, p, hint, "%s: %s is already enslaved to %s",
                                 b->name, n->ifname, n->master);
        }
        if (n->carrier == 0)
                port_id_diag(diags, DIAG_WARNING, p,
                             "check the cable and the switch port; the bond will not use the "
                             "port until its link is up",
                             "%s: %s has no carrier", b->name, n->ifname);
        if (n->max_mtu && n->max_mtu < bond_mtu) {
                g_autofree char *hint = g_strdup_printf(
                        "set MTU to at most %u, or use NICs that support %u", n->max_mtu, bond_mtu);

                diag_add(diags, DIAG_ERROR, bond_file(b), file_line(b->ifcfg, "MTU"), "MTU", hint,
                         "%s: MTU %u is above %s's maximum MTU %u", b->name, bond_mtu, n->ifname,
                         n->max_mtu);
        }
}

static ChipsetCheck chipset_policy(const CfgBond *b, const Settings *s)
{
        ChipsetCheck c = chipset_check_from_string(b->chipset_check);

        if (c >= 0)
                return c;
        return s ? s->chipset : CHIPSET_CHECK_STRICT;
}

static bool same_chipset(const NicInfo *a, const NicInfo *b)
{
        return g_strcmp0(a->vendor_id, b->vendor_id) == 0 &&
               g_strcmp0(a->device_id, b->device_id) == 0 && g_strcmp0(a->driver, b->driver) == 0;
}

static void check_chipsets(const BondFacts *bf, const Settings *s, DiagList *diags)
{
        const CfgBond *b = bf->bond;
        const PortFacts *pf = bf->pf;
        ChipsetCheck policy = chipset_policy(b, s);
        const PortFacts *ref = NULL;
        g_autofree char *bname = b->ifcfg ? g_path_get_basename(bond_file(b)) : NULL;
        g_autofree char *hint = NULL;

        if (policy == CHIPSET_CHECK_OFF)
                return;
        hint = g_strdup_printf("%s: BONDCFG_CHIPSET_CHECK=%s in %s, chipset = %s in %s [check]%s",
                               policy == CHIPSET_CHECK_STRICT ? "if intended" : "to silence this",
                               policy == CHIPSET_CHECK_STRICT ? "warn" : "off",
                               bname ? bname : "the bond's file",
                               policy == CHIPSET_CHECK_STRICT ? "warn" : "off",
                               s ? s->path : BONDCFG_SETTINGS_FILE,
                               policy == CHIPSET_CHECK_STRICT ? ", or --force" : "");
        for (guint i = 0; i < bf->n; i++) {
                const NicInfo *n = pf[i].nic;
                g_autofree char *da = NULL, *db = NULL;

                if (!n)
                        continue;
                if (n->kind == NIC_KIND_VIRTUAL) {
                        port_id_diag(diags, DIAG_NOTE, pf[i].port, NULL,
                                     "%s: %s chipset not checked (virtual)", b->name, n->ifname);
                        continue;
                }
                if (!n->vendor_id) {
                        port_id_diag(diags, DIAG_NOTE, pf[i].port, NULL,
                                     "%s: %s chipset not checked (unknown device)", b->name,
                                     n->ifname);
                        continue;
                }
                if (!ref) {
                        ref = &pf[i];
                        continue;
                }
                if (same_chipset(ref->nic, n))
                        continue;
                da = nic_info_describe(ref->nic);
                db = nic_info_describe(n);
                port_master_diag(diags, policy == CHIPSET_CHECK_STRICT ? DIAG_ERROR : DIAG_WARNING,
                                 pf[i].port, hint,
                                 "%s: ports differ in chipset: %s is %s, %s is %s", b->name,
                                 ref->nic->ifname, da, n->ifname, db);
        }
}

static void check_link_modes(const BondFacts *bf, DiagList *diags)
{
        const CfgBond *b = bf->bond;
        const PortFacts *pf = bf->pf;
        bool lacp = b->opts && bond_options_mode(b->opts) == BOND_MODE_LACP;
        DiagSeverity sev = lacp ? DIAG_ERROR : DIAG_WARNING;
        const char *hint = lacp ? "802.3ad aggregates only ports of one speed and duplex; the "
                                  "odd port ends up in an aggregator of its own"
                                : "the bond runs at the speed of whichever port is active; use "
                                  "ports of one speed and duplex";
        const NicInfo *sref = NULL, *dref = NULL;

        for (guint i = 0; i < bf->n; i++) {
                const NicInfo *n = pf[i].nic;

                if (!n || n->kind == NIC_KIND_VIRTUAL)
                        continue; /* a veth's "speed" means nothing */
                if (n->speed > 0 && !sref)
                        sref = n;
                else if (n->speed > 0 && n->speed != sref->speed)
                        port_master_diag(diags, sev, pf[i].port, hint,
                                         "%s: ports differ in speed: %s is %dMb/s, %s is %dMb/s",
                                         b->name, sref->ifname, sref->speed, n->ifname, n->speed);
                if (n->duplex && !dref)
                        dref = n;
                else if (n->duplex && strcmp(n->duplex, dref->duplex) != 0)
                        port_master_diag(diags, sev, pf[i].port, hint,
                                         "%s: ports differ in duplex: %s is %s, %s is %s", b->name,
                                         dref->ifname, dref->duplex, n->ifname, n->duplex);
        }
}

static void check_phys_ports(const BondFacts *bf, DiagList *diags)
{
        const CfgBond *b = bf->bond;
        const PortFacts *pf = bf->pf;

        for (guint j = 0; j < bf->n; j++) {
                const NicInfo *n = pf[j].nic;

                if (!n || !n->phys_port_id)
                        continue;
                for (guint i = 0; i < j; i++) {
                        const NicInfo *m = pf[i].nic;

                        if (!m || g_strcmp0(m->phys_port_id, n->phys_port_id) != 0)
                                continue;
                        port_master_diag(diags, DIAG_WARNING, pf[j].port,
                                         "a failure of that port or its cable takes both down; "
                                         "use ports on different physical ports",
                                         "%s: %s and %s share physical port %s (phys_port_id): "
                                         "no redundancy",
                                         b->name, m->ifname, n->ifname, n->phys_port_id);
                        break;
                }
        }
}

static void check_vfs(const BondFacts *bf, DiagList *diags)
{
        const CfgBond *b = bf->bond;
        const PortFacts *pf = bf->pf;
        const BondOptDesc *d = bond_opt_desc(BOND_OPT_FAIL_OVER_MAC);
        uint64_t active = 1, follow = 2, fom = 0;

        if (!b->opts || bond_options_mode(b->opts) != BOND_MODE_ACTIVE_BACKUP)
                return;
        bond_opt_enum_from_string(d, "active", &active);
        bond_opt_enum_from_string(d, "follow", &follow);
        if (b->opts->v[BOND_OPT_FAIL_OVER_MAC].set)
                fom = b->opts->v[BOND_OPT_FAIL_OVER_MAC].num;
        if (fom == active || fom == follow)
                return;
        for (guint i = 0; i < bf->n; i++) {
                const NicInfo *n = pf[i].nic;

                if (!n || !n->is_vf)
                        continue;
                diag_add(diags, DIAG_WARNING, bond_file(b), file_line(b->ifcfg, "BONDING_OPTS"),
                         "fail_over_mac",
                         "a VF usually cannot take another MAC address (its PF or the "
                         "hypervisor sets it); add fail_over_mac=active to BONDING_OPTS",
                         "%s: %s is an SR-IOV virtual function; active-backup needs "
                         "fail_over_mac=active or follow",
                         b->name, n->ifname);
        }
}

/* ---- driver ------------------------------------------------------------ */

static bool bond_selected(const CfgBond *b, const char *const *bonds)
{
        if (!bonds)
                return true;
        for (; *bonds; bonds++)
                if (g_strcmp0(b->name, *bonds) == 0)
                        return true;
        return false;
}

static void gather(Udev *udev, const Snapshot *links, const CfgBond *b, BondFacts *bf,
                   unsigned *n_present, GString *names)
{
        bf->bond = b;
        bf->n = b->ports->len;
        bf->pf = g_new0(PortFacts, bf->n);
        for (guint k = 0; k < bf->n; k++) {
                PortFacts *pf = &bf->pf[k];

                pf->port = b->ports->pdata[k];
                if (pf->port->name)
                        nic_info_get(udev, links, pf->port->name, &pf->nic);
                if (!pf->nic && pf->port->hwaddr)
                        nic_info_find_hwaddr(udev, links, pf->port->hwaddr, &pf->nic);
                *n_present += pf->nic != NULL;
                g_string_append_printf(names, "%s%s", names->len ? ", " : "",
                                       cfg_port_label(pf->port));
        }
}

int udev_check_config(const Config *c, const Settings *s, const char *const *bonds,
                      UdevCheckMode mode, bool offline, const Snapshot *links, DiagList *diags)
{
        g_autoptr(Udev) udev = NULL;
        g_autoptr(Snapshot) own = NULL;
        g_autoptr(GArray) facts = g_array_new(FALSE, TRUE, sizeof(BondFacts));
        g_autoptr(GString) names = g_string_new(NULL);
        const char *first_file = NULL;
        unsigned n_present = 0;
        int r;

        g_array_set_clear_func(facts, bond_facts_clear);
        for (guint i = 0; i < c->bonds->len; i++) {
                const CfgBond *b = c->bonds->pdata[i];

                if (bond_selected(b, bonds) && !first_file)
                        first_file = bond_file(b);
        }
        if (offline) {
                diag_add(diags, DIAG_NOTE, first_file, 0, NULL,
                         "run bondcfg check on the target system to check its NICs",
                         "NIC checks skipped: the configuration is not for this system "
                         "(--root or --offline)");
                return 0;
        }
        r = udev_dl_open();
        if (r < 0)
                return r;
        udev = sym_udev_new();
        if (!udev)
                return errno ? -errno : -ENOMEM;
        if (!links) {
                g_autoptr(NlConn) nl = NULL;

                r = nl_conn_open(&nl);
                if (r < 0 || (r = snapshot_take_links(nl, &own)) < 0)
                        return r;
                links = own;
        }
        for (guint i = 0; i < c->bonds->len; i++) {
                const CfgBond *b = c->bonds->pdata[i];
                BondFacts bf;

                if (!bond_selected(b, bonds))
                        continue;
                gather(udev, links, b, &bf, &n_present, names);
                g_array_append_val(facts, bf);
        }
        if (names->len && !n_present && mode == UDEV_CHECK_MODE_CHECK) {
                diag_add(diags, DIAG_NOTE, first_file, 0, NULL,
                         "run bondcfg check on the target system to check its NICs",
                         "NIC checks skipped: none of the ports (%s) exists on this system",
                         names->str);
                return 0;
        }
        for (guint i = 0; i < facts->len; i++) {
                const BondFacts *bf = &g_array_index(facts, BondFacts, i);
                for (guint k = 0; k < bf->n; k++)
                        check_port_alone(bf->bond, &bf->pf[k], mode, diags);
                check_chipsets(bf, s, diags);
                check_link_modes(bf, diags);
                check_phys_ports(bf, diags);
                check_vfs(bf, diags);
        }
        return 0;
}
