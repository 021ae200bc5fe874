/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/* Private to snapshot.c, snapshot-l3.c and snapshot-stack.c. */

#include "snapshot.h"

void snap_addr_free(gpointer p);
/* A string attribute, with or without its NUL (iproute2 sends kinds
 * without), or NULL if a is. */
char *snapshot_attr_str(const struct nlattr *a);
/* Is a the string s? */
bool snapshot_attr_is(const struct nlattr *a, const char *s);
/* An IPv4/IPv6 address attribute as text, or NULL. */
char *snapshot_attr_ip(const struct nlattr *a, int family);

/* snapshot-l3.c: RTM_NEWADDR / RTM_NEWROUTE / RTM_NEWRULE into s. */
int snapshot_parse_addr(Snapshot *s, const struct nlmsghdr *h);
int snapshot_parse_route(Snapshot *s, const struct nlmsghdr *h);
int snapshot_parse_rule(Snapshot *s, const struct nlmsghdr *h);
/* After parsing: the device names of routes (from their ifindex). */
void snapshot_resolve_l3(Snapshot *s);
