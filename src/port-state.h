/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/*
 * What a port was like before bondcfg first enslaved it, so that `down`
 * can give it back: one small file per port,
 *
 *   $BONDCFG_STATE_DIR/ports/<ifname>      (default /run/bondcfg/ports/)
 *
 * with one key=value per line:
 *
 *   ifindex=5          the link the record is for
 *   bond=bond0         the bond it was enslaved to (informational)
 *   up=1               admin state (IFF_UP) before the apply
 *   mtu=1400
 *   perm_mac=52:54:00:12:34:56
 *
 * A record is written atomically (temporary file, then link/rename) and
 * never overwritten while it describes the same link, so the state before
 * the first apply wins across re-applies.  A record whose ifindex is not
 * the live link's is stale (the interface was deleted and made again) and
 * is replaced or ignored.
 */

#include <glib.h>
#include <stdbool.h>
#include "snapshot.h"
#include "state-file.h"

typedef struct {
        int ifindex;
        char *bond;     /* or NULL */
        bool up;        /* IFF_UP */
        unsigned mtu;   /* 0: unknown */
        char *perm_mac; /* or NULL */
} PortState;

void port_state_free(PortState *ps);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(PortState, port_state_free)

/* $BONDCFG_STATE_DIR/ports, or BONDCFG_STATE_DIR "/ports".  Caller frees. */
char *port_state_dir(void);

/* The record's text (pure).  Caller frees. */
char *port_state_format(const PortState *ps);
/* Parse a record (pure).  Unknown keys and '#' lines are ignored; ifindex
 * and up are required.  Returns 0 or -EINVAL. */
int port_state_parse(const char *text, PortState **out);

/*
 * Record ifname's state in dir (created if missing) unless a record for the
 * same ifindex is there.  Returns 1 if written, 0 if an existing record was
 * kept, or -errno.
 */
int port_state_save(const char *dir, const char *ifname, const PortState *ps);
/*
 * Before enslaving ifname to bond: save what the snapshot before says of
 * it (admin state, MTU, permanent MAC) unless it is in bond already.
 * Returns 1 if a record was written, 0 if not (one exists, or the port is
 * in bond already), or -errno.
 */
int port_state_record(const char *dir, const Snapshot *before, const char *ifname,
                      const char *bond);
/* Returns 0, -ENOENT if there is no record, -EINVAL if it is unreadable. */
int port_state_load(const char *dir, const char *ifname, PortState **out);
/* Returns 0 (also when there was no record) or -errno. */
int port_state_remove(const char *dir, const char *ifname);

/*
 * The records of the ports of bond (ifname -> PortState*) in snapshot s
 * that describe the live link (same ifindex).  Unreadable or stale records
 * are left out.  Never NULL.
 */
GHashTable *port_state_load_ports(const char *dir, const Snapshot *s, const char *bond);
