/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/*
 * What a link carries at layer 3, read from its ifcfg file and
 * /etc/sysconfig/network as initscripts would put it in the kernel:
 *
 *  - ifup-eth: the IPv4 addresses (expand_config()), the IPv4 default route
 *    (GATEWAY, DEFROUTE, GATEWAYDEV, METRIC, SRCADDR), the zeroconf route
 *    169.254.0.0/16 (NOZEROCONF);
 *  - ifup-ipv6: IPV6INIT, the IPv6 addresses, the per-device sysctls
 *    (IPV6_AUTOCONF, IPV6FORWARDING, IPV6_PRIVACY...), the IPv6 default
 *    route (IPV6_DEFAULTGW, IPV6_DEFAULTDEV, ipv6_set_default_route());
 *  - ifup-routes (from ifup-post, unless NOROUTESET): route-DEV, route6-DEV,
 *    rule-DEV and rule6-DEV.
 *
 * ifup-eth sources /etc/sysconfig/network before the ifcfg file, so every
 * key of that file is a default that the ifcfg file overrides, even with an
 * empty value (cfg_effective()).
 *
 * It is not tied to bonds: the planner hangs it off whichever link carries
 * it.  Every problem is a diagnostic at file:line; nothing is printed.
 */

#include <glib.h>
#include <stdbool.h>
#include "diag.h"
#include "ifcfg.h"

typedef struct {
        int family;    /* AF_INET / AF_INET6 */
        char *address; /* canonical text */
        unsigned prefix;
        char *broadcast;     /* IPv4: `brd` as ifup-eth gives it (BROADCASTn, else ipcalc's) */
        unsigned char scope; /* IPv4: SCOPE ("scope host"...), else universe */
        bool arpcheck;       /* IPv4: probe for another user before adding (ARPCHECKn) */
        bool arpupdate;      /* IPv4: announce it with gratuitous ARP (ARPUPDATEn) */
        char *label;         /* IFA_LABEL of an alias ("bond0:1"), or NULL (the device\'s) */
        char *key;           /* IPADDR, IPADDR3, IPV6ADDR, IPV6ADDR_SECONDARIES */
        unsigned line;
} CfgAddress;

typedef struct {
        int family;  /* AF_INET: net/ipv4/conf/DEV/NAME; AF_INET6: net/ipv6/conf/DEV/NAME */
        char *name;  /* accept_ra, autoconf, ... */
        char *value; /* as written to /proc/sys */
        char *why;   /* the key behind it, e.g. "IPV6_AUTOCONF=no" */
} CfgSysctl;

typedef struct {
        char *dev;               /* the link */
        char *file;              /* its ifcfg file */
        bool dhcp4;              /* BOOTPROTO=dhcp|bootp: IPv4 from the DHCP client */
        bool dhcp6;              /* DHCPV6C=yes: IPv6 from the DHCP client */
        bool ipv6init;           /* IPV6INIT is not false */
        bool zeroconf;           /* the 169.254.0.0/16 route, metric 1000 + ifindex */
        GPtrArray *addrs;        /* CfgAddress*: IPv4 in ifup-eth's order, then IPv6 */
        GPtrArray *routes;       /* NetRoute*: default routes, then route-DEV/route6-DEV */
        GPtrArray *rules;        /* NetRule*: rule-DEV, rule6-DEV */
        GPtrArray *sysctls;      /* CfgSysctl* */
        GPtrArray *files;        /* char*: the route and rule files read */
        unsigned link_mtu;       /* IPV6_MTU: the link's MTU, over MTU (0: none) */
        unsigned arping_wait_ms; /* ARPING_WAIT (default 3 s) */
        unsigned arping_tries;   /* ARPING_TRIES (default 1) */
} CfgL3;

/* An empty one for dev (no IPv6 init, no zeroconf route): tests, hand-made
 * configurations. */
CfgL3 *cfg_l3_new(const char *dev);
void cfg_l3_free(CfgL3 *l3);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CfgL3, cfg_l3_free)

/*
 * The layer-3 configuration of dev from its ifcfg file f, the network file
 * (NULL if none), the route and rule files in dir (route-DEV, and
 * route-SUFFIX when the file's name differs from DEV, as ifup-routes reads
 * them) and its alias and range files.  listing is the sorted names of
 * dir's files, as Config has them (NULL: look in dir itself).
 * Problems go to diags.  Never fails: *out is always set.
 */
CfgL3 *cfg_l3_load(const IfcfgFile *f, const IfcfgFile *network, const char *dir,
                   const GPtrArray *listing, const char *dev, DiagList *diags);

/*
 * The value of key as ifup-eth sees it: f's when f assigns it (an empty
 * assignment hides the network file's), else the network file's.  NULL if
 * unset or empty.  *from (may be NULL) gets the file it came from.
 */
const char *cfg_effective(const IfcfgFile *f, const IfcfgFile *network, const char *key,
                          const IfcfgFile **from);
