/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/*
 * What bondcfg put on a link: the addresses, routes and rules it added, or
 * found already as the configuration has them and adopted.  bondcfg removes
 * an address, route or rule only when it is recorded here and the
 * configuration no longer has it; everything else on its links (keepalived
 * VIPs, SLAAC and temporary addresses, RA and DHCP routes, routes added by
 * hand) is never touched.
 *
 * One small file per link, kept until reboot, and carried from the
 * initramfs to the real root with /run:
 *
 *   $BONDCFG_STATE_DIR/owned/<ifname>      (default /run/bondcfg/owned/)
 *
 *   # bondcfg: what bondcfg put on bond0; it removes nothing else
 *   ifindex=7
 *   addr=192.0.2.10/24
 *   route4=default via 192.0.2.254 dev bond0 proto boot
 *   route6=...
 *   rule4=from 10.1.0.0/16 lookup 100 priority 100
 *
 * Routes and rules are kept as the arguments of `ip route add` / `ip rule
 * add` (net_route_format(), net_rule_format()) and read back with the
 * route-file parser, so that a live route is recognised with the same
 * comparison that decides whether a configured one is present.  A record
 * whose ifindex is not the live link's is stale (the link was made again):
 * it owns nothing.
 *
 * The kernel's own hints come first: an address with a lifetime (SLAAC,
 * temporary, DHCP) or an IFA_PROTO of the kernel (Linux 5.18+) is never
 * bondcfg's, whatever the record says.
 */

#include <glib.h>
#include <stdbool.h>
#include "diag.h"
#include "route.h"
#include "rule.h"
#include "snapshot.h"

typedef struct {
        int ifindex;       /* the link the record is for (0: any, a new record) */
        GPtrArray *addrs;  /* char*: "ADDR/PREFIX", canonical */
        GPtrArray *routes; /* NetRoute*, as configured */
        GPtrArray *rules;  /* NetRule*, as configured */
} Owned;

Owned *owned_new(int ifindex);
void owned_free(Owned *o);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(Owned, owned_free)

/* $BONDCFG_STATE_DIR/owned, or BONDCFG_STATE_DIR "/owned".  Caller frees. */
char *owned_dir(void);

/* The record's text, and back (pure).  Unknown keys are ignored; a line
 * that does not parse is dropped (a diagnostic in diags, may be NULL). */
char *owned_format(const Owned *o);
int owned_parse(const char *text, const char *origin, Owned **out, DiagList *diags);

/*
 * The record of ifname if it is for the link with ifindex; an empty one
 * (ifindex set) when there is none, it is stale or unreadable, or the link
 * does not exist (ifindex <= 0).  Never NULL.
 */
Owned *owned_load(const char *dir, const char *ifname, int ifindex);
/* Write atomically (dir is created).  Returns 0 or -errno. */
int owned_save(const char *dir, const char *ifname, const Owned *o);
/* Returns 0 (also when there was none) or -errno. */
int owned_remove(const char *dir, const char *ifname);

void owned_add_addr(Owned *o, int family, const char *addr, unsigned prefix);
void owned_add_route(Owned *o, const NetRoute *r);
void owned_add_rule(Owned *o, const NetRule *r);

/* Does the kernel say the address belongs to someone else? */
bool owned_addr_is_kernels(const SnapAddr *a);
/* Recorded, and not the kernel's: bondcfg may remove it. */
bool owned_has_addr(const Owned *o, const SnapAddr *a);
/* A live route or rule equal to a recorded one. */
bool owned_has_route(const Owned *o, const NetRoute *live);
bool owned_has_rule(const Owned *o, const NetRule *live);
