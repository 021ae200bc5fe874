/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/*
 * The names ip(8) gives to numbers in routes and rules: route tables,
 * route protocols, scopes, route types, IP protocols.
 *
 * Built in are the names iproute2 knows without any file (lib/rt_names.c,
 * ip/rtm_map.c).  Table and protocol names can also come from iproute2's
 * files, read as rt_names.c reads them: DIR/rt_tables and DIR/rt_protos
 * from the /etc directory, or from the vendor directory when /etc has none,
 * then the *.conf files of rt_tables.d/ and rt_protos.d/ (a vendor one only
 * when /etc has none of that name, then the /etc ones).  Each line is
 * "ID NAME" (ID decimal or 0x hex), '#' starts a comment line.
 */

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>
#include "diag.h"

#define IP_NAMES_ETC_DIR "/etc/iproute2"
#define IP_NAMES_USR_DIR "/usr/share/iproute2"

typedef struct IpNames IpNames;

/* The built-in names only. */
IpNames *ip_names_new(void);
void ip_names_free(IpNames *n);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(IpNames, ip_names_free)

/*
 * Add the names of etc_dir's (else usr_dir's) rt_tables and rt_protos and
 * of their .d directories; either directory may be NULL.  A missing file is
 * no error.  A malformed line is a warning in diags (may be NULL) and ends
 * the reading of that file, as it does for ip.  Returns 0.
 */
int ip_names_load(IpNames *n, const char *etc_dir, const char *usr_dir, DiagList *diags);

/*
 * Text -> number, as ip reads the argument of "table", "proto", "scope",
 * "tos", "ipproto": a known name, else a number (table, proto and scope:
 * strtoul base 0; tos: hex, as rtnl_dsfield_a2n() reads it; ipproto:
 * decimal).  n may be NULL (built-in names).  0 or -EINVAL.
 */
int ip_table_from_string(const IpNames *n, const char *s, uint32_t *out);
int ip_proto_from_string(const IpNames *n, const char *s, uint8_t *out);
int ip_scope_from_string(const char *s, uint8_t *out);
int ip_dsfield_from_string(const char *s, uint8_t *out);
int ip_ipproto_from_string(const char *s, uint8_t *out);
/*
 * A route type word as ip's rtnl_rtntype_a2n() reads it, abbreviations
 * included ("bl" is blackhole, "b" broadcast, "u" unreachable); numbers
 * too when allow_number.  0 or -EINVAL.
 */
int ip_rtntype_from_string(const char *s, bool allow_number, uint8_t *out);

/* Number -> built-in name, or NULL when it has none. */
const char *ip_table_name(uint32_t table);
const char *ip_proto_name(uint8_t proto);
const char *ip_scope_name(uint8_t scope);
const char *ip_rtntype_name(uint8_t type);
const char *ip_ipproto_name(uint8_t proto);
