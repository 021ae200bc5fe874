/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Member-NIC checks over libudev; the rules are listed in udev-check.h. */
#include "udev-check.h"

#include <errno.h>
#include <libudev.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct udev Udev;
typedef struct udev_device UdevDevice;
typedef struct udev_enumerate UdevEnumerate;
G_DEFINE_AUTOPTR_CLEANUP_FUNC(Udev, udev_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(UdevDevice, udev_device_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(UdevEnumerate, udev_enumerate_unref)

typedef struct nl_sock NlSock;
typedef struct nl_msg NlMsg;
G_DEFINE_AUTOPTR_CLEANUP_FUNC(NlSock, nl_socket_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(NlMsg, nlmsg_free)

#define DEFAULT_MTU 1500

/* ---- facts ------------------------------------------------------------- */

void nic_info_free(NicInfo *n)
{
        if (!n)
                return;
        char **fields[] = { &n->ifname,      &n->syspath,          &n->vendor_id,
                            &n->device_id,   &n->subsys_vendor_id, &n->subsys_device_id,
                            &n->revision,    &n->driver,           &n->vendor_name,
                            &n->model_name,  &n->phys_port_id,     &n->phys_switch_id,
                            &n->duplex,      &n->master,           &n->address,
                            &n->perm_address };

        for (size_t i = 0; i < G_N_ELEMENTS(fields); i++)
                g_free(*fields[i]);
        g_free(n);
}

static NicLinkQueryFunc link_query = nic_link_query_netlink;
static void *link_query_data;

void udev_check_set_link_query(NicLinkQueryFunc fn, void *userdata)
{
        link_query = fn ? fn : nic_link_query_netlink;
        link_query_data = fn ? userdata : NULL;
}

static int parse_link_reply(struct nl_msg *msg, void *arg)
{
        NicLinkFacts *facts = arg;
        struct nlattr *tb[IFLA_MAX + 1];

        if (nlmsg_parse(nlmsg_hdr(msg), sizeof(struct ifinfomsg), tb, IFLA_MAX, NULL) < 0)
                return NL_SKIP;
        if (tb[IFLA_MAX_MTU] && nla_len(tb[IFLA_MAX_MTU]) >= 4)
                facts->max_mtu = nla_get_u32(tb[IFLA_MAX_MTU]);
        if (tb[IFLA_PERM_ADDRESS] && nla_len(tb[IFLA_PERM_ADDRESS]) == 6) {
                const unsigned char *a = nla_data(tb[IFLA_PERM_ADDRESS]);

                /* All zeroes: the driver has no permanent address. */
                if (a[0] | a[1] | a[2] | a[3] | a[4] | a[5])
                        facts->perm_address = g_strdup_printf("%02x:%02x:%02x:%02x:%02x:%02x", a[0],
                                                              a[1], a[2], a[3], a[4], a[5]);
        }
        return NL_OK;
}

int nic_link_query_netlink(const char *ifname, NicLinkFacts *facts, void *userdata)
{
        g_autoptr(NlSock) sk = nl_socket_alloc();
        g_autoptr(NlMsg) msg = NULL;
        struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC };
        int r;

        if (!sk)
                return -ENOMEM;
        if (nl_connect(sk, NETLINK_ROUTE) < 0)
                return -EIO;
        msg = nlmsg_alloc_simple(RTM_GETLINK, NLM_F_REQUEST);
        if (!msg)
                return -ENOMEM;
        if (nlmsg_append(msg, &ifi, sizeof(ifi), NLMSG_ALIGNTO) < 0 ||
            nla_put_string(msg, IFLA_IFNAME, ifname) < 0 ||
            nla_put_u32(msg, IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS) < 0)
                return -ENOMEM;
        nl_socket_modify_cb(sk, NL_CB_VALID, NL_CB_CUSTOM, parse_link_reply, facts);
        if (nl_send_auto(sk, msg) < 0)
                return -EIO;
        r = nl_recvmsgs_default(sk);
        if (r == -NLE_OBJ_NOTFOUND || r == -NLE_NODEV)
                return -ENODEV;
        return r < 0 ? -EIO : 0;
}

/* A sysattr without its trailing newline; NULL if absent or empty. */
static char *attr_dup(UdevDevice *d, const char *name)
{
        const char *v = d ? udev_device_get_sysattr_value(d, name) : NULL;
        g_autofree char *s = NULL;

        if (!v)
                return NULL;
        s = g_strstrip(g_strdup(v));
        return *s ? g_steal_pointer(&s) : NULL;
}

static char *lower(char *s)
{
        for (char *c = s; c && *c; c++)
                *c = g_ascii_tolower(*c);
        return s;
}

/* "0x8086" (sysattr) or "8086" (property) -> "8086"; NULL if absent. */
static char *hex_id(const char *v)
{
        if (v && (g_str_has_prefix(v, "0x") || g_str_has_prefix(v, "0X")))
                v += 2;
        return v && *v ? lower(g_strdup(v)) : NULL;
}

#define hex_attr(d, name) hex_id(udev_device_get_sysattr_value((d), (name)))

static long attr_long(UdevDevice *d, const char *name, long unknown)
{
        g_autofree char *v = attr_dup(d, name);
        char *end;
        long n;

        if (!v)
                return unknown;
        errno = 0;
        n = strtol(v, &end, 10);
        return errno || *end ? unknown : n;
}

/* A property of d, else of its parent p. */
static char *prop_dup(UdevDevice *d, UdevDevice *p, const char *name)
{
        const char *v = udev_device_get_property_value(d, name);

        if (!v && p)
                v = udev_device_get_property_value(p, name);
        return v && *v ? g_strdup(v) : NULL;
}

/* Base name of the target of the symlink dir/name, NULL if not a link. */
static char *link_basename(const char *dir, const char *name)
{
        g_autofree char *path = g_build_filename(dir, name, NULL);
        g_autofree char *target = g_file_read_link(path, NULL);

        return target ? g_path_get_basename(target) : NULL;
}

static bool is_symlink(const char *dir, const char *name)
{
        g_autofree char *path = g_build_filename(dir, name, NULL);
        struct stat st;

        return lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
}

static NicInfo *nic_info_from_device(UdevDevice *dev)
{
        NicInfo *n = g_new0(NicInfo, 1);
        UdevDevice *pci = udev_device_get_parent_with_subsystem_devtype(dev, "pci", NULL);
        UdevDevice *parent = pci ? pci : udev_device_get_parent(dev);
        const char *devpath = udev_device_get_devpath(dev);
        NicLinkFacts facts = { 0 };
        long v;

        n->ifname = g_strdup(udev_device_get_sysname(dev));
        n->syspath = g_strdup(udev_device_get_syspath(dev));
        if (pci) {
                n->kind = NIC_KIND_PCI;
                n->vendor_id = hex_attr(pci, "vendor");
                n->device_id = hex_attr(pci, "device");
                n->subsys_vendor_id = hex_attr(pci, "subsystem_vendor");
                n->subsys_device_id = hex_attr(pci, "subsystem_device");
                n->revision = attr_dup(pci, "revision");
                n->is_vf = is_symlink(udev_device_get_syspath(pci), "physfn");
        } else if (parent && !(devpath && g_str_has_prefix(devpath, "/devices/virtual/"))) {
                n->kind = NIC_KIND_OTHER;
                n->vendor_id = hex_id(udev_device_get_property_value(dev, "ID_VENDOR_ID"));
                n->device_id = hex_id(udev_device_get_property_value(dev, "ID_MODEL_ID"));
        } else {
                n->kind = NIC_KIND_VIRTUAL;
                parent = NULL;
        }
        n->driver = prop_dup(dev, NULL, "ID_NET_DRIVER");
        /* else the nearest bound ancestor: the PCI function, or virtio_net */
        for (UdevDevice *a = parent ? udev_device_get_parent(dev) : NULL; a && !n->driver;
             a = udev_device_get_parent(a))
                if (udev_device_get_driver(a))
                        n->driver = g_strdup(udev_device_get_driver(a));
        n->vendor_name = prop_dup(dev, parent, "ID_VENDOR_FROM_DATABASE");
        n->model_name = prop_dup(dev, parent, "ID_MODEL_FROM_DATABASE");
        n->phys_port_id = attr_dup(dev, "phys_port_id");
        n->phys_switch_id = attr_dup(dev, "phys_switch_id");
        v = attr_long(dev, "speed", -1);
        n->speed = v > 0 && v < G_MAXINT ? (int)v : -1;
        n->duplex = attr_dup(dev, "duplex");
        if (n->duplex && strcmp(n->duplex, "full") != 0 && strcmp(n->duplex, "half") != 0)
                g_clear_pointer(&n->duplex, g_free);
        v = attr_long(dev, "mtu", 0);
        n->mtu = v > 0 && v <= G_MAXINT ? (unsigned)v : 0;
        v = attr_long(dev, "carrier", -1);
        n->carrier = v == 0 || v == 1 ? (int)v : -1;
        n->master = link_basename(n->syspath, "master");
        n->address = lower(attr_dup(dev, "address"));
        if (link_query(n->ifname, &facts, link_query_data) == 0) {
                n->max_mtu = facts.max_mtu;
                n->perm_address = lower(g_steal_pointer(&facts.perm_address));
        }
        g_free(facts.perm_address);
        /* An enslaved port shows its master's MAC as `address`, and devices
         * such as veth have no IFLA_PERM_ADDRESS: the bonding driver keeps
         * the port's own MAC in bonding_slave/perm_hwaddr. */
        if (!n->perm_address && n->master)
                n->perm_address = lower(attr_dup(dev, "bonding_slave/perm_hwaddr"));
        return n;
}

int nic_info_get(struct udev *udev, const char *ifname, NicInfo **out)
{
        g_autoptr(Udev) own = NULL;
        g_autoptr(UdevDevice) dev = NULL;

        *out = NULL;
        if (!udev) {
                own = udev_new();
                if (!own)
                        return errno ? -errno : -ENOMEM;
                udev = own;
        }
        dev = udev_device_new_from_subsystem_sysname(udev, "net", ifname);
        if (!dev)
                return -ENODEV;
        *out = nic_info_from_device(dev);
        return 0;
}

/* The net device whose permanent (else current) MAC is hwaddr. */
static int nic_info_find_hwaddr(Udev *udev, const char *hwaddr, NicInfo **out)
{
        g_autoptr(UdevEnumerate) en = udev_enumerate_new(udev);
        g_autoptr(NicInfo) by_current = NULL;
        struct udev_list_entry *e;

        *out = NULL;
        if (!en)
                return -ENOMEM;
        udev_enumerate_add_match_subsystem(en, "net");
        udev_enumerate_scan_devices(en);
        udev_list_entry_foreach(e, udev_enumerate_get_list_entry(en))
        {
                g_autoptr(UdevDevice) dev =
                        udev_device_new_from_syspath(udev, udev_list_entry_get_name(e));
                g_autoptr(NicInfo) n = NULL;

                if (!dev || udev_device_get_devtype(dev))
                        continue; /* bond, vlan, bridge... */
                n = nic_info_from_device(dev);
                if (n->perm_address && g_ascii_strcasecmp(n->perm_address, hwaddr) == 0) {
                        *out = g_steal_pointer(&n);
                        return 0;
                }
                if (!n->perm_address && !by_current && n->address &&
                    g_ascii_strcasecmp(n->address, hwaddr) == 0)
                        by_current = g_steal_pointer(&n);
        }
        *out = g_steal_pointer(&by_current);
        return *out ? 0 : -ENODEV;
}

char *nic_info_describe(const NicInfo *n)
{
        GString *s = g_string_new(NULL);
        const char *drv = n->driver ? n->driver : "no driver";

        if (n->vendor_name)
                g_string_append(s, n->vendor_name);
        if (n->model_name)
                g_string_append_printf(s, "%s%s", s->len ? " " : "", n->model_name);
        if (!n->vendor_id)
                g_string_append_printf(s, "%sunknown device (%s)", s->len ? " " : "", drv);
        else if (s->len)
                g_string_append_printf(s, " (%s:%s, %s)", n->vendor_id,
                                       n->device_id ? n->device_id : "????", drv);
        else
                g_string_append_printf(s, "%s:%s (%s)", n->vendor_id,
                                       n->device_id ? n->device_id : "????", drv);
        return g_string_free(s, FALSE);
}

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

static void gather(Udev *udev, const CfgBond *b, BondFacts *bf, unsigned *n_present, GString *names)
{
        bf->bond = b;
        bf->n = b->ports->len;
        bf->pf = g_new0(PortFacts, bf->n);
        for (guint k = 0; k < bf->n; k++) {
                PortFacts *pf = &bf->pf[k];

                pf->port = b->ports->pdata[k];
                if (pf->port->name)
                        nic_info_get(udev, pf->port->name, &pf->nic);
                if (!pf->nic && pf->port->hwaddr)
                        nic_info_find_hwaddr(udev, pf->port->hwaddr, &pf->nic);
                *n_present += pf->nic != NULL;
                g_string_append_printf(names, "%s%s", names->len ? ", " : "",
                                       cfg_port_label(pf->port));
        }
}

int udev_check_config(const Config *c, const Settings *s, const char *const *bonds,
                      UdevCheckMode mode, bool offline, DiagList *diags)
{
        g_autoptr(Udev) udev = NULL;
        g_autoptr(GArray) facts = g_array_new(FALSE, TRUE, sizeof(BondFacts));
        g_autoptr(GString) names = g_string_new(NULL);
        const char *first_file = NULL;
        unsigned n_present = 0;

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
        udev = udev_new();
        if (!udev)
                return errno ? -errno : -ENOMEM;
        for (guint i = 0; i < c->bonds->len; i++) {
                const CfgBond *b = c->bonds->pdata[i];
                BondFacts bf;

                if (!bond_selected(b, bonds))
                        continue;
                gather(udev, b, &bf, &n_present, names);
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
