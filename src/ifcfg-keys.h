/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/*
 * Every ifcfg key that initscripts or NetworkManager read for a bond, its
 * ports, the VLANs and bridges above it, their addresses and routes, and
 * /etc/sysconfig/network: one table
 * (ifcfg-keys-table.c) that says what each does there and what bondcfg does
 * with it.  It drives the warnings for keys bondcfg does not carry out
 * (each reported once per file), the warning for unknown keys, `bondcfg
 * keys`, and the table in bondcfg(8).
 */

#include <glib.h>
#include "json.h"
#include <stdbool.h>
#include "config.h"
#include "diag.h"

typedef enum {
        KEY_ROLE_BOND = 1u << 0,    /* the bond's ifcfg file */
        KEY_ROLE_PORT = 1u << 1,    /* a port's ifcfg file */
        KEY_ROLE_NETWORK = 1u << 2, /* /etc/sysconfig/network */
        KEY_ROLE_VLAN = 1u << 3,    /* the ifcfg file of a VLAN above a bond */
        KEY_ROLE_BRIDGE = 1u << 4,  /* the ifcfg file of a bridge above a bond */
} KeyRole;

typedef enum {
        KEY_DONE, /* bondcfg does what initscripts does (NetworkManager's reading where stated) */
        KEY_HANDOFF, /* another program's job, named: a warning says so */
        KEY_WARN,    /* not done: a warning says what bondcfg does instead */
        KEY_INERT,   /* nothing to do in the kernel (names, NetworkManager-only settings) */
} KeyDisposition;

typedef struct {
        const char *name; /* "IPADDR#": IPADDR, IPADDR0 ... IPADDR255 */
        unsigned roles;   /* KeyRole bits this row is for */
        KeyDisposition disp;
        const char *initscripts; /* what initscripts does with it */
        const char *nm;          /* what NetworkManager's ifcfg-rh reader does */
        const char *bondcfg;     /* what bondcfg does; for HANDOFF and WARN the warning */
        const char *quiet;       /* a value with which bondcfg's doing differs in nothing: no
                                  * warning (booleans compared as booleans), or NULL */
} IfcfgKeyDesc;

/* The table, n rows. */
const IfcfgKeyDesc *ifcfg_keys(size_t *n);

/* The row for key in role, or NULL (numbered keys match their "#" row). */
const IfcfgKeyDesc *ifcfg_key_lookup(const char *key, KeyRole role);

/*
 * Warn about every key of f (in role) that bondcfg does not carry out, and
 * about keys nobody reads (with a "did you mean"), once per key.  Keys of
 * the network file that are unknown are not reported: that file belongs
 * to the whole system.
 */
void ifcfg_keys_check(const IfcfgFile *f, KeyRole role, DiagList *diags);

/* The table as troff (bondcfg(8)) and as JSON, and one line per key. */
char *ifcfg_keys_man(void);
void ifcfg_keys_to_json(JsonDoc *b);
char *ifcfg_keys_text(void);
