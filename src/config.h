/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/*
 * The configuration model: bonds and their ports, discovered from a
 * directory of ifcfg files.
 *
 * Discovery rules (NetworkManager's ifcfg-rh rules, made strict):
 *  - a file is a bond master if it has TYPE=Bond, BONDING_MASTER=yes (and
 *    no other TYPE), or a non-empty BONDING_OPTS (and TYPE=Ethernet or no
 *    TYPE); BONDING_MASTER=yes or BONDING_OPTS with another TYPE is an error;
 *  - a port has MASTER_UUID=<bond UUID> or, without it, MASTER=<bond DEVICE
 *    or NAME>; SLAVE=yes is expected (warning if missing), and SLAVE=no
 *    makes the file no port at all (initscripts' rule);
 *  - without DEVICE the interface name comes from the file name; a port may
 *    name its NIC by HWADDR alone.
 * VLANs and bridges above the bonds are read too (config-stack.h); files
 * that are neither (plain Ethernet, VLANs and bridges with no bond below,
 * loopback...) are kept in `files` but otherwise ignored.
 */

#include <glib.h>
#include <stdbool.h>
#include "bond-options.h"
#include "config-l3.h"
#include "config-stack.h"
#include "diag.h"
#include "ifcfg.h"

#define BONDCFG_DEFAULT_CONFIG_DIR "/etc/sysconfig/network-scripts"

/*
 * ETHTOOL_OPTS as initscripts' ethtool_set() runs it: split at ';', each
 * part one ethtool(8) run, `ethtool PART` when it holds a '-', else
 * `ethtool -s DEV PART`; ETHTOOL_DELAY microseconds before the first.
 * bondcfg runs ethtool directly (never through a shell).
 */
typedef struct {
        GPtrArray *runs;   /* char**: the words of each run, in order */
        GArray *set;       /* gboolean per run: prefix "-s DEV" */
        unsigned delay_us; /* ETHTOOL_DELAY */
} CfgEthtool;

typedef struct CfgPort {
        char *name;             /* interface name; NULL if only HWADDR is given */
        char *hwaddr;           /* canonical lower-case MAC (20 bytes for IPoIB) or NULL */
        bool infiniband;        /* TYPE=InfiniBand: an IPoIB port */
        const IfcfgFile *ifcfg; /* owned by Config.files */
        char *master;           /* the MASTER / MASTER_UUID text */
        unsigned master_line;
        struct CfgBond *bond;  /* resolved bond, or NULL */
        BondOptValue queue_id; /* BOND_PORT_QUEUE_ID */
        BondOptValue prio;     /* BOND_PORT_PRIO */
        CfgEthtool *ethtool;   /* ETHTOOL_OPTS, or NULL */
        unsigned devtimeout;   /* DEVTIMEOUT, seconds to wait for it (0: unset) */
} CfgPort;

typedef struct CfgBond {
        char *name; /* DEVICE, or from the file name */
        const IfcfgFile *ifcfg;
        char *uuid;          /* UUID= or NULL */
        char *nm_name;       /* NAME= or NULL */
        bool onboot;         /* ONBOOT != no */
        BondOptions *opts;   /* parsed BONDING_OPTS, with defaults applied */
        GPtrArray *ports;    /* CfgPort* (borrowed from Config.ports), file order */
        unsigned mtu;        /* 0 = unset */
        char *macaddr;       /* MACADDR, canonical, or NULL */
        CfgL3 *l3;           /* addresses, routes, rules, sysctls */
        int arp;             /* ARP=yes (1) / no (0: IFF_NOARP), -1 unset */
        unsigned linkdelay;  /* LINKDELAY, seconds (0: none) */
        CfgEthtool *ethtool; /* ETHTOOL_OPTS, or NULL */
        char *chipset_check; /* BONDCFG_CHIPSET_CHECK or NULL */
        GPtrArray *files;    /* char*: the other files that configure it (route-, rule-...) */
        char *bridge;        /* BRIDGE_UUID or BRIDGE text: the bridge it is a port of, or NULL */
        unsigned bridge_line;
} CfgBond;

typedef struct Config {
        char *dir;
        IfcfgFile *network;   /* DIR/../network (/etc/sysconfig/network), or NULL */
        GPtrArray *files;     /* IfcfgFile*, owned, sorted by name */
        GPtrArray *bonds;     /* CfgBond*, owned, sorted by name */
        GPtrArray *ports;     /* CfgPort*, owned, sorted by file name */
        GPtrArray *vlans;     /* CfgVlan*, owned, sorted by name: the VLANs above a bond */
        GPtrArray *bridges;   /* CfgBridge*, owned, sorted by name: the bridges above a bond */
        GPtrArray *unmanaged; /* CfgUnmanaged*, owned: VLANs and bridges left alone */
        GPtrArray *listing;   /* char*: the name of every file in dir, sorted (strcmp) */
} Config;

/*
 * Read every config file in dir (see ifcfg_filename_is_config()), classify
 * bonds and ports, parse BONDING_OPTS and addresses.  Problems go to diags.
 * Returns 0 (even with diagnostics), or -errno if dir cannot be read.
 */
int config_load_dir(const char *dir, Config **out, DiagList *diags);
void config_free(Config *c);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(Config, config_free)

CfgBond *config_find_bond(const Config *c, const char *name);

/* Config dir from --root / --config-dir (either may be NULL). Caller frees. */
char *config_dir_resolve(const char *root, const char *config_dir);

/* The display name of a port: its name, or "HWADDR=xx:.." */
const char *cfg_port_label(const CfgPort *p);
