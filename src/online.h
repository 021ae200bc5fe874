/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/*
 * Is a bond online, as network-online.target means it: the bond (and each
 * VLAN or bridge above it) is up
 * with carrier, and every address the files give it is there and usable
 * (an IPv6 address no longer tentative, i.e. its duplicate address
 * detection is over; likewise the bond's IPv6 link-local address, which
 * an IPv6 default route through fe80:: needs).
 * NetworkManager-wait-online and systemd-networkd-wait-online wait for the
 * same.
 */

#include "config.h"
#include "snapshot.h"

typedef enum {
        ONLINE_YES,    /* online */
        ONLINE_WAIT,   /* not yet: *why says what is missing */
        ONLINE_FAILED, /* never will be without a change: *why says why */
} OnlineState;

/* b's state in s, and that of the VLANs and bridges the configuration c
 * (may be NULL) stacks on it with ONBOOT: each up with carrier and its
 * addresses usable, as for the bond.  *why (caller frees) is NULL when
 * online. */
OnlineState online_state(const Config *c, const CfgBond *b, const Snapshot *s, char **why);
