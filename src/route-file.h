/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/*
 * The static route and policy rule files of RHEL initscripts, read as
 * network-scripts/ifup-routes reads them (and, where it says nothing, as
 * NetworkManager's ifcfg-rh reader does).  Parsed, never executed.
 *
 * route-DEV (family AF_INET) and route6-DEV (AF_INET6) come in two forms:
 *  - if any line matches ^[[:space:]]*ADDRESS[0-9]+= the file is a set of
 *    shell variables, read with the ifcfg reader: ADDRESSn, NETMASKn,
 *    GATEWAYn, and, as NetworkManager reads them, METRICn and OPTIONSn
 *    (route options in the `ip route` syntax, without a destination, via,
 *    metric or dev).  The routes go out of dev.  Only route-DEV has it.
 *  - otherwise each line that is not blank nor a '#' comment is the
 *    argument list of `ip -4 route add` (`ip -6` for route6-DEV).
 * rule-DEV and rule6-DEV hold argument lists of `ip -4|-6 rule add`.
 *
 * A line is split at blanks and tabs as the shell splits ifup-routes'
 * unquoted $line; abbreviations ip accepts are accepted.  Every problem is
 * a diagnostic naming the file and line, with a hint; an option bondcfg
 * does not support is an error naming it.  A bad line gives no route and
 * does not stop the reading of the next lines.  CRLF line ends are taken as
 * LF, as the ifcfg reader does.
 *
 * Tables and protocols may be named as in iproute2's rt_tables/rt_protos:
 * names may be NULL for the built-in names only.
 */

#include <glib.h>
#include <stddef.h>
#include "diag.h"
#include "ip-names.h"
#include "route.h"
#include "rule.h"

/*
 * Parse a route file held in buf (len bytes; NUL bytes are errors).  path
 * names it in diagnostics and origins.  Appends NetRoute* to routes_out
 * (its free function should be net_route_free).  Returns 0; -EINVAL for a
 * family other than AF_INET/AF_INET6.
 */
int route_file_parse_buffer(const char *path, const char *buf, size_t len, const char *dev,
                            int family, const IpNames *names, GPtrArray *routes_out,
                            DiagList *diags);
/* Read and parse path.  -ENOENT if it does not exist, -errno if unreadable. */
int route_file_load(const char *path, const char *dev, int family, const IpNames *names,
                    GPtrArray *routes_out, DiagList *diags);

/* The same for rule-DEV / rule6-DEV; appends NetRule* (net_rule_free). */
int rule_file_parse_buffer(const char *path, const char *buf, size_t len, int family,
                           const IpNames *names, GPtrArray *rules_out, DiagList *diags);
int rule_file_load(const char *path, int family, const IpNames *names, GPtrArray *rules_out,
                   DiagList *diags);
