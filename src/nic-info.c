/* SPDX-License-Identifier: GPL-2.0-or-later */
/* NIC facts from libudev and the kernel's link message; see nic-info.h. */
#include "nic-info.h"
#include "hwaddr.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* A sysattr without its trailing newline; NULL if absent or empty. */
static char *attr_dup(UdevDevice *d, const char *name)
{
        const char *v = d ? sym_udev_device_get_sysattr_value(d, name) : NULL;
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

#define hex_attr(d, name) hex_id(sym_udev_device_get_sysattr_value((d), (name)))

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
        const char *v = sym_udev_device_get_property_value(d, name);

        if (!v && p)
                v = sym_udev_device_get_property_value(p, name);
        return v && *v ? g_strdup(v) : NULL;
}

static bool is_symlink(const char *dir, const char *name)
{
        g_autofree char *path = g_build_filename(dir, name, NULL);
        struct stat st;

        return lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
}

/* The link's facts: the kernel's message, parsed once by snapshot.c. */
static void link_facts(NicInfo *n, const SnapLink *l, const Snapshot *links)
{
        const SnapLink *m = l->master ? snapshot_link_by_index(links, l->master) : NULL;

        n->mtu = l->mtu;
        n->max_mtu = l->max_mtu;
        n->carrier = l->up ? l->lower_up : -1; /* as sysfs: unknown while down */
        n->address = g_strdup(l->mac);
        /* IFLA_PERM_ADDRESS, else (veth...) the bonding driver's record of
         * a port's own MAC: a port shows its bond's MAC as its address. */
        n->perm_address = g_strdup(l->perm_mac);
        n->master = m ? g_strdup(m->name) : NULL;
}

static NicInfo *nic_info_from_device(UdevDevice *dev, const SnapLink *link, const Snapshot *links)
{
        NicInfo *n = g_new0(NicInfo, 1);
        const char *devpath = sym_udev_device_get_devpath(dev);
        /* Nothing under /devices/virtual has a bus parent: no walk up
         * (each parent costs libudev a dozen system calls). */
        bool virt = devpath && g_str_has_prefix(devpath, "/devices/virtual/");
        UdevDevice *pci =
                virt ? NULL : sym_udev_device_get_parent_with_subsystem_devtype(dev, "pci", NULL);
        UdevDevice *parent = virt ? NULL : pci ? pci : sym_udev_device_get_parent(dev);
        long v;

        n->ifname = g_strdup(sym_udev_device_get_sysname(dev));
        n->syspath = g_strdup(sym_udev_device_get_syspath(dev));
        if (pci) {
                n->kind = NIC_KIND_PCI;
                n->vendor_id = hex_attr(pci, "vendor");
                n->device_id = hex_attr(pci, "device");
                n->subsys_vendor_id = hex_attr(pci, "subsystem_vendor");
                n->subsys_device_id = hex_attr(pci, "subsystem_device");
                n->revision = attr_dup(pci, "revision");
                n->is_vf = is_symlink(sym_udev_device_get_syspath(pci), "physfn");
        } else if (parent) {
                n->kind = NIC_KIND_OTHER;
                n->vendor_id = hex_id(sym_udev_device_get_property_value(dev, "ID_VENDOR_ID"));
                n->device_id = hex_id(sym_udev_device_get_property_value(dev, "ID_MODEL_ID"));
        } else {
                n->kind = NIC_KIND_VIRTUAL;
                parent = NULL;
        }
        n->driver = prop_dup(dev, NULL, "ID_NET_DRIVER");
        /* else the nearest bound ancestor: the PCI function, or virtio_net */
        for (UdevDevice *a = parent ? sym_udev_device_get_parent(dev) : NULL; a && !n->driver;
             a = sym_udev_device_get_parent(a))
                if (sym_udev_device_get_driver(a))
                        n->driver = g_strdup(sym_udev_device_get_driver(a));
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
        n->carrier = -1;
        if (link)
                link_facts(n, link, links);
        return n;
}

int nic_info_get(Udev *udev, const Snapshot *links, const char *ifname, NicInfo **out)
{
        g_autoptr(Udev) own = NULL;
        g_autoptr(UdevDevice) dev = NULL;

        *out = NULL;
        if (!udev) {
                int r = udev_dl_open();

                if (r < 0)
                        return r;
                own = sym_udev_new();
                if (!own)
                        return errno ? -errno : -ENOMEM;
                udev = own;
        }
        dev = sym_udev_device_new_from_subsystem_sysname(udev, "net", ifname);
        if (!dev)
                return -ENODEV;
        *out = nic_info_from_device(dev, links ? snapshot_link_by_name(links, ifname) : NULL,
                                    links);
        return 0;
}

/* Is l's MAC hwaddr: its permanent one, or (pass 1) the current one of a
 * link without a permanent MAC that is no bond port (a port's current MAC
 * is its bond's)? */
static bool has_hwaddr(const SnapLink *l, const char *hwaddr, int pass)
{
        if (pass == 0)
                return l->perm_mac && hwaddr_matches(l->perm_mac, hwaddr);
        return !l->perm_mac && !l->port.present && l->mac && hwaddr_matches(l->mac, hwaddr);
}

int nic_info_find_hwaddr(Udev *udev, const Snapshot *links, const char *hwaddr, NicInfo **out)
{
        *out = NULL;
        for (int pass = 0; links && pass < 2; pass++)
                for (guint i = 0; i < links->links->len; i++) {
                        const SnapLink *l = links->links->pdata[i];
                        g_autoptr(UdevDevice) dev = NULL;

                        if (!has_hwaddr(l, hwaddr, pass))
                                continue;
                        dev = sym_udev_device_new_from_subsystem_sysname(udev, "net", l->name);
                        if (!dev || sym_udev_device_get_devtype(dev))
                                continue; /* gone, or a bond, VLAN, bridge... */
                        *out = nic_info_from_device(dev, l, links);
                        return 0;
                }
        return -ENODEV;
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
