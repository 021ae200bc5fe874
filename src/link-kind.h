/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/*
 * The kinds of link bondcfg stacks on a bond (a VLAN, a bridge), each
 * behind one vtable in a file of its own (link-vlan.c, ...), as
 * systemd-networkd's netdev kinds are.  A kind knows its own attributes
 * (its "spec": what the configuration wants), how to read them back from
 * a snapshot, which differences the kernel can change on a live link, and
 * how to build the rtnetlink messages.  The planner (plan-link.c) and the
 * apply (apply-link.c) are the same for every kind: adding a kind is one
 * file and a row in link_kinds[].
 */

#include <glib.h>
#include <stdbool.h>
#include "nl-dl.h"
#include "snapshot.h"

typedef struct LinkKind {
        const char *name;   /* IFLA_INFO_KIND: "vlan", "bridge" */
        const char *module; /* the kernel module that provides it: "8021q" */
        void *(*copy)(const void *spec);
        void (*free)(void *spec);
        /* One line for the plan: "id 100, reorder_hdr" */
        char *(*describe)(const void *spec);
        /* Is live the link spec describes, as far as the kernel cannot change
         * it on a live link (a VLAN's id and parent)?  NULL if it is, else
         * why not (for the error). */
        char *(*mismatch)(const void *spec, int parent, const SnapLink *live);
        /* What must change on live to match spec: a spec for msg_change
         * (NULL: nothing differs), its inverse in *old (to undo), and a
         * description of the change in *what. */
        void *(*diff)(const void *spec, const SnapLink *live, void **old, char **what);
        /* The spec of live, to create it again (undo of a delete). */
        void *(*from_live)(const SnapLink *live);
        /* RTM_NEWLINK create (parent: the lower link, 0 if none) and
         * change; 0 or -errno. */
        int (*msg_create)(const char *name, int parent, const void *spec, unsigned mtu,
                          struct nl_msg **out);
        int (*msg_change)(int ifindex, const void *spec, struct nl_msg **out);
        /* The spec as one line of "key=value" words, and back: the crash
         * journal (journal.h) keeps a plan's specs so.  load returns NULL
         * for text that save did not write. */
        char *(*save)(const void *spec);
        void *(*load)(const char *text);
} LinkKind;

extern const LinkKind link_kind_vlan;
extern const LinkKind link_kind_bridge;

/* The kind called name ("vlan"), or NULL. */
const LinkKind *link_kind_by_name(const char *name);
