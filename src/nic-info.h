/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/*
 * What a network interface is: libudev for the hardware, the kernel's link
 * message for the link.
 *
 * Facts per port device (NicInfo), from udev:
 *  - identity of the PCI parent: sysattrs vendor, device, subsystem_vendor,
 *    subsystem_device, revision; an SR-IOV VF has a `physfn` link;
 *  - driver: the ID_NET_DRIVER property, else the driver of the nearest bound
 *    ancestor (the PCI function, or the virtio device for virtio_net);
 *  - names for messages: ID_VENDOR_FROM_DATABASE / ID_MODEL_FROM_DATABASE
 *    (net device, else PCI parent), falling back to the hex ids;
 *  - phys_port_id, phys_switch_id, speed, duplex sysattrs;
 *  - a net device with no PCI ancestor and no bus parent at all (veth, dummy,
 *    tap, bond...) is virtual: its chipset is "not checked (virtual)".
 * From the device's link in a snapshot (snapshot.h: RTM_NEWLINK, parsed in
 * one place for the planner and for these checks): MTU, max MTU
 * (IFLA_MAX_MTU), carrier (IFF_LOWER_UP of a link that is up, else
 * unknown), current MAC, permanent MAC (IFLA_PERM_ADDRESS, else the bonding
 * driver's perm_hwaddr of a port), master.  A device that is not in the
 * snapshot has them unknown.
 *
 * Ports named only by HWADDR are matched against each link's permanent MAC
 * and, for links without one that are no bond port, the current MAC.
 * Bonds, bridges, VLANs and other stacked devices (udev DEVTYPE set) are not
 * candidates.  A port already in a bond shows the bond's MAC as its current
 * MAC, which is why the permanent MAC comes first.
 */

#include <glib.h>
#include <stdbool.h>
#include "snapshot.h"
#include "udev-dl.h"

typedef enum {
        NIC_KIND_PCI,     /* PCI function (possibly behind virtio) */
        NIC_KIND_VIRTUAL, /* no bus parent: veth, dummy, tap... */
        NIC_KIND_OTHER,   /* another bus (USB...): identity from properties */
} NicKind;

typedef struct {
        char *ifname;
        char *syspath;
        NicKind kind;
        char *vendor_id, *device_id; /* "8086", "10d3"; NULL unknown */
        char *subsys_vendor_id, *subsys_device_id;
        char *revision;                      /* "0x00" as sysfs prints it */
        char *driver;                        /* NULL unknown */
        char *vendor_name, *model_name;      /* hwdb names or NULL */
        char *phys_port_id, *phys_switch_id; /* NULL if not supported */
        bool is_vf;                          /* SR-IOV virtual function */
        int speed;                           /* Mb/s, -1 unknown */
        char *duplex;                        /* "full", "half"; NULL unknown */
        unsigned mtu;                        /* 0 unknown */
        unsigned max_mtu;                    /* 0 unknown */
        int carrier;                         /* 1, 0, -1 unknown */
        char *master;                        /* ifname of its master or NULL */
        char *address, *perm_address;        /* lower-case MACs or NULL */
} NicInfo;

void nic_info_free(NicInfo *n);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(NicInfo, nic_info_free)

/*
 * Facts for one net device by name (NULL and -ENODEV if it does not exist).
 * udev may be NULL (libudev is loaded and a context made for the call:
 * -ELIBACC if libudev cannot be loaded, udev-dl.h).  links: the snapshot
 * whose link facts the device gets (NULL: none).
 */
int nic_info_get(Udev *udev, const Snapshot *links, const char *ifname, NicInfo **out);

/*
 * "Intel Corporation 82574L (8086:10d3, e1000e)", falling back to
 * "8086:10d3 (e1000e)" without database names.  Caller frees.
 */
char *nic_info_describe(const NicInfo *n);

/* The net device of links whose permanent (else current) MAC is hwaddr;
 * -ENODEV if none. */
int nic_info_find_hwaddr(Udev *udev, const Snapshot *links, const char *hwaddr, NicInfo **out);
