/* SPDX-License-Identifier: GPL-2.0-or-later */
/* NIC facts from libudev and rtnetlink; see nic-info.h. */
#include "nic-info.h"
#include "nic-info-internal.h"

#include <errno.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "netlink.h"

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

int nic_info_parse_link(const struct nlmsghdr *h, NicLinkFacts *facts)
{
        struct nlattr *tb[IFLA_MAX + 1];

        if (nlmsg_parse((struct nlmsghdr *)h, sizeof(struct ifinfomsg), tb, IFLA_MAX, NULL) < 0)
                return -EINVAL;
        if (tb[IFLA_MAX_MTU] && nla_len(tb[IFLA_MAX_MTU]) >= 4)
                facts->max_mtu = nla_get_u32(tb[IFLA_MAX_MTU]);
        if (tb[IFLA_MTU] && nla_len(tb[IFLA_MTU]) >= 4) {
                const struct ifinfomsg *ifi = nlmsg_data(h);
                bool up = ifi->ifi_flags & IFF_UP;

                facts->has_link = true;
                facts->mtu = nla_get_u32(tb[IFLA_MTU]);
                /* an IFLA_CARRIER too short for its u8 is none */
                facts->carrier = up && tb[IFLA_CARRIER] && nla_len(tb[IFLA_CARRIER]) >= 1
                                         ? nla_get_u8(tb[IFLA_CARRIER]) != 0
                                         : -1;
                g_clear_pointer(&facts->address, g_free);
                if (tb[IFLA_ADDRESS] && nla_len(tb[IFLA_ADDRESS]) > 0)
                        facts->address = bondnl_format_mac(nla_data(tb[IFLA_ADDRESS]),
                                                           (size_t)nla_len(tb[IFLA_ADDRESS]));
        }
        if (tb[IFLA_PERM_ADDRESS] && nla_len(tb[IFLA_PERM_ADDRESS]) == 6) {
                const unsigned char *a = nla_data(tb[IFLA_PERM_ADDRESS]);

                /* All zeroes: the driver has no permanent address. */
                g_clear_pointer(&facts->perm_address, g_free);
                if (a[0] | a[1] | a[2] | a[3] | a[4] | a[5])
                        facts->perm_address = g_strdup_printf("%02x:%02x:%02x:%02x:%02x:%02x", a[0],
                                                              a[1], a[2], a[3], a[4], a[5]);
        }
        return 0;
}

static int parse_link_reply(struct nl_msg *msg, void *arg)
{
        return nic_info_parse_link(nlmsg_hdr(msg), arg) < 0 ? NL_SKIP : NL_OK;
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
        const char *devpath = udev_device_get_devpath(dev);
        /* Nothing under /devices/virtual has a bus parent: no walk up
         * (each parent costs libudev a dozen system calls). */
        bool virt = devpath && g_str_has_prefix(devpath, "/devices/virtual/");
        UdevDevice *pci =
                virt ? NULL : udev_device_get_parent_with_subsystem_devtype(dev, "pci", NULL);
        UdevDevice *parent = virt ? NULL : pci ? pci : udev_device_get_parent(dev);
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
        } else if (parent) {
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
        n->speed = -1;
        /* A virtual device's speed and duplex mean nothing (a veth says
         * 10000Mb/s): not read. */
        if (n->kind != NIC_KIND_VIRTUAL) {
                v = attr_long(dev, "speed", -1);
                n->speed = v > 0 && v < G_MAXINT ? (int)v : -1;
                n->duplex = attr_dup(dev, "duplex");
                if (n->duplex && strcmp(n->duplex, "full") != 0 && strcmp(n->duplex, "half") != 0)
                        g_clear_pointer(&n->duplex, g_free);
        }
        n->master = link_basename(n->syspath, "master");
        if (link_query(n->ifname, &facts, link_query_data) == 0) {
                n->max_mtu = facts.max_mtu;
                n->perm_address = lower(g_steal_pointer(&facts.perm_address));
        }
        g_free(facts.perm_address);
        if (facts.has_link) {
                n->mtu = facts.mtu;
                n->carrier = facts.carrier;
                n->address = lower(g_steal_pointer(&facts.address));
        } else {
                v = attr_long(dev, "mtu", 0);
                n->mtu = v > 0 && v <= G_MAXINT ? (unsigned)v : 0;
                v = attr_long(dev, "carrier", -1);
                n->carrier = v == 0 || v == 1 ? (int)v : -1;
                n->address = lower(attr_dup(dev, "address"));
        }
        g_free(facts.address);
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
int nic_info_find_hwaddr(Udev *udev, const char *hwaddr, NicInfo **out)
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
