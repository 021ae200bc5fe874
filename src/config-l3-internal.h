/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/* Private to config-l3.c, config-l3-ipv6.c and config-l3-files.c. */

#include "config-l3.h"
#include "config-internal.h"
#include "route.h"
#include "rule.h"

typedef struct {
        const IfcfgFile *f;       /* the link's ifcfg file */
        const IfcfgFile *net;     /* /etc/sysconfig/network, or NULL */
        const char *dir;          /* the ifcfg directory (route and rule files) */
        const GPtrArray *listing; /* char*: every file name in dir, sorted (NULL: look there) */
        CfgL3 *l3;
        DiagList *diags;
        unsigned char scope;    /* SCOPE for the IPv4 addresses */
        const char *key_suffix; /* of the IPADDRn being read */
} L3Ctx;

/* is_true (1) / is_false (0) of key's effective value; -1: unset or neither
 * (a warning for a value that is neither). */
int l3_bool(const L3Ctx *x, const char *key);
/* A warning at key's line in the file its effective value comes from. */
void l3_warn(const L3Ctx *x, const char *key, char *hint, const char *fmt, ...) G_GNUC_PRINTF(4, 5);
/* An error at key's line of f.  Takes hint. */
void l3_error(const L3Ctx *x, const IfcfgFile *f, const char *key, char *hint, const char *fmt, ...)
        G_GNUC_PRINTF(5, 6);
void l3_add_sysctl(CfgL3 *l3, int family, const char *name, const char *value, const char *why);
char *l3_canonical(int family, const char *s);
/* ipcalc --broadcast of a canonical IPv4 address and prefix */
char *l3_broadcast_of(const char *address, unsigned prefix);
/* A default route in the main table, proto boot, out of dev. */
NetRoute *l3_default_route(int family, const char *dev);

/* config-l3-aliases.c: ifcfg-DEV:N and ifcfg-DEV-rangeN, ifup-aliases */
void l3_aliases_load(L3Ctx *x);
/* config-l3-ipv6.c: ifup-ipv6 */
void l3_ipv6_load(L3Ctx *x);
/* config-l3-files.c: route-DEV, route6-DEV, rule-DEV, rule6-DEV */
void l3_files_load(L3Ctx *x);

/* Is there a file called name in the directory? */
bool l3_dir_has(const L3Ctx *x, const char *name);
/* Append to out (char*, owned) the names in the directory that start with
 * prefix. */
void l3_dir_with_prefix(const L3Ctx *x, const char *prefix, GPtrArray *out);
