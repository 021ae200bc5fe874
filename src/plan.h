/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/*
 * The planner: compare a configured bond (CfgBond) with a Snapshot and
 * produce the ordered steps that bring the kernel to the configuration,
 * obeying the bonding driver's rules:
 *  - NEEDS_NO_PORTS options (mode, fail_over_mac): release the ports, set,
 *    re-enslave;
 *  - NEEDS_DOWN options: take the bond down, set, bring it back up;
 *  - a port goes down before it is enslaved;
 *  - MTU and MAC before enslaving; primary and active_slave after;
 *  - addresses next, the default gateway last.
 * Only what differs is changed.  Every step carries the old values needed
 * to undo it.  Pure: no kernel access.
 */

#include <glib.h>
#include "json.h"
#include <stdbool.h>
#include "bond-options.h"
#include "bridge-options.h"
#include "config.h"
#include "diag.h"
#include "netlink.h"
#include "owned.h"
#include "route.h"
#include "rule.h"
#include "snapshot.h"

typedef enum {
        PLAN_CREATE_BOND,
        PLAN_DELETE_BOND,
        PLAN_SET_OPTIONS,
        PLAN_SET_UP, /* up = true: set up, false: set down */
        PLAN_SET_MTU,
        PLAN_SET_MAC,
        PLAN_ENSLAVE,
        PLAN_RELEASE,
        PLAN_SET_PORT_OPTIONS,
        PLAN_ADD_ADDRESS,
        PLAN_DEL_ADDRESS,
        PLAN_ADD_ROUTE,
        PLAN_DEL_ROUTE,
        PLAN_SEND_GARP,
        PLAN_ADD_RULE,
        PLAN_DEL_RULE,
        PLAN_SET_SYSCTL,
        PLAN_SET_ARP,         /* up = true: ARP on, false: IFF_NOARP */
        PLAN_PROBE_ADDRESSES, /* ARPCHECK: no other host may use them */
        PLAN_LINK_DELAY,      /* LINKDELAY: wait before the addresses */
        PLAN_RUN_ETHTOOL,     /* ETHTOOL_OPTS, one ethtool(8) run */
        PLAN_CREATE_LINK,     /* a stacked link (VLAN, bridge: link-kind.h) */
        PLAN_CHANGE_LINK,     /* what its kind can change on a live link */
        PLAN_DELETE_LINK,
        PLAN_SET_MASTER,    /* a link joins a bridge (master), or leaves one (NULL) */
        PLAN_SET_LINK_PORT, /* a bridge port's options (spec, old_spec: BridgeOptValues) */
        _PLAN_ACTION_MAX,
} PlanAction;

typedef struct {
        PlanAction action;
        char *bond;        /* the bond this step serves */
        char *ifname;      /* the interface acted on */
        char *master;      /* ENSLAVE: new master; RELEASE: old master */
        char *description; /* one line, e.g. "bond0: set miimon 100 -> 200" */

        /* CREATE_BOND, SET_OPTIONS, SET_PORT_OPTIONS, DELETE_BOND (old only) */
        BondOptions *opts, *old_opts;
        BondOptMask mask, old_mask;
        bool up;               /* SET_UP */
        unsigned mtu, old_mtu; /* SET_MTU */
        char *mac, *old_mac;   /* SET_MAC; RELEASE: the port's permanent MAC */
        /* RELEASE: old_opts/old_mask hold the port's queue_id and prio
         * (non-default ones), which the kernel resets on release; undoing
         * the release (ENSLAVE with opts/mask) sets them again. */
        int family;    /* addresses, GARP */
        char *address; /* address */
        unsigned prefix;
        char *broadcast;      /* ADD_ADDRESS (IPv4), or NULL */
        char *label;          /* ADD_ADDRESS: an alias's label, or NULL */
        unsigned char scope;  /* ADD_ADDRESS */
        bool permanent;       /* ADD_ADDRESS of one that exists: make its lifetimes forever */
        NetRoute *route;      /* ADD_ROUTE, DEL_ROUTE */
        unsigned metric_base; /* ADD_ROUTE: metric = metric_base + the link's ifindex (zeroconf) */
        NetRule *rule;        /* ADD_RULE, DEL_RULE */
        char *sysctl;         /* SET_SYSCTL: "ipv6/accept_ra" (below net/.../conf/IFNAME/) */
        char *value, *old_value;
        char **argv;      /* RUN_ETHTOOL: the arguments after "ethtool"; PROBE: addresses */
        unsigned wait_ms; /* LINK_DELAY; PROBE_ADDRESSES: how long to listen */
        unsigned tries;   /* PROBE_ADDRESSES: ARPING_TRIES */
        /* CREATE_LINK (spec, mtu, parent), CHANGE_LINK (spec, and old_spec
         * that undoes it), DELETE_LINK (old_spec, mtu and parent to create
         * it again): a link of kind (link-kind.h) */
        const struct LinkKind *kind;
        void *spec, *old_spec;
        char *parent;     /* the lower link's name, or NULL */
        char *old_master; /* SET_MASTER: the master before (NULL: none), for the undo */
        /* A step whose failure is a warning, not a rollback: initscripts
         * carries on after a route that `ip route add` refuses, and so do
         * gratuitous ARPs and ethtool runs. */
        bool soft;
} PlanStep;

typedef struct {
        GPtrArray *steps; /* PlanStep*, owned, in execution order */
} Plan;

Plan *plan_new(void);
void plan_free(Plan *p);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(Plan, plan_free)
void plan_step_free(PlanStep *st);

/*
 * The links plan p may change, by name, each once: those its steps name
 * (that before knows), then the VLANs above them, which the kernel takes
 * down with their lower link (vlan_device_event()), dropping their routes.
 * What a rollback puts back.  Caller unrefs (names borrowed from before).
 */
GPtrArray *plan_touched_links(const Plan *p, const Snapshot *before);

const char *plan_action_to_string(PlanAction a);
/* The action called s ("set-mtu"), or -EINVAL. */
int plan_action_from_string(const char *s);
/* {"bond":..,"action":..,"ifname":..,"description":..} */
void plan_step_to_json(JsonDoc *b, const PlanStep *st);

/*
 * The interface a configured port resolves to: by name, or by permanent
 * MAC (HWADDR only).  NULL if none.
 */
SnapLink *plan_resolve_port(const CfgPort *p, const Snapshot *s);
/* Is l, which p resolved to by name, the NIC p's HWADDR (if any) names? */
bool plan_port_is(const CfgPort *p, const SnapLink *l);

/*
 * A link stacked on a bond (a VLAN, a bridge), as the configuration wants
 * it: the planner's node for every kind but the bond itself.
 */
typedef struct {
        const struct LinkKind *kind;
        const char *name;
        const char *parent; /* the lower link (a VLAN's), or NULL */
        const void *spec;   /* the kind's attributes */
        unsigned mtu;       /* 0: as the kernel makes it */
        const char *mac;    /* MACADDR (BRIDGE_MACADDR), or NULL: as the kernel makes it */
        const CfgL3 *l3;    /* its addresses, routes, rules, sysctls (NULL: none) */
        const char *file;   /* its ifcfg file, for diagnostics */
} LinkWant;

/*
 * Append to p the steps that bring the link w, which serves bond (for the
 * log and the plan), to its configuration: create it (after its parent,
 * which an earlier plan step may create), or change what its kind can
 * change live, its MTU, its state and its layer 3.  A link of that name
 * that is not this one (another kind, VLAN id or parent) is an error in
 * diags, and -EINVAL is returned with no step.
 */
int plan_link(Plan *p, const char *bond, const LinkWant *w, const Snapshot *s, const Owned *owned,
              DiagList *diags);
/* The layer 3 of w (sysctls, addresses, routes, rules), for a link whose
 * plan_link() had no l3 because its ports join it first (a bridge). */
void plan_link_l3(Plan *p, const char *bond, const LinkWant *w, const Snapshot *s,
                  const Owned *owned);
/*
 * port (a bond or a VLAN) is a port of bridge with the port options opts
 * (BRIDGE_OPT_MASK_PORT of it) set: as ifup-eth's `ip link set dev DEV
 * master BRIDGE` and its BRIDGING_OPTS loop over /sys/class/net/DEV/brport.
 */
void plan_bridge_port(Plan *p, const char *bond, const char *port, const char *bridge,
                      const BridgeOptValues *opts, const Snapshot *s);

/*
 * Append to p the steps that bring bond b to its configuration.  Problems
 * that stop the plan (a port missing or in another bond, an option the
 * kernel does not support) are errors in diags; then -EINVAL is returned
 * and no step is appended.  A port enslaved to the bond that the
 * configuration no longer names is released for good and, if saved
 * (ifname -> PortState*, see port-state.h; NULL = none) has its record,
 * given back its state from before bondcfg, as plan_down() does.
 */
int plan_bond(Plan *p, const CfgBond *b, const Snapshot *s, GHashTable *saved, const Owned *owned,
              DiagList *diags);

/*
 * The configured routes of l3, with the devices the snapshot knows
 * resolved to ifindexes, and the zeroconf route if link exists.  Caller
 * unrefs (NetRoute*, owned).
 */
GPtrArray *plan_wanted_routes(const CfgL3 *l3, const SnapLink *link, const Snapshot *s);

/*
 * What bondcfg owns on the link with ifindex once plan p ran (skipped: the
 * steps that failed softly, or NULL): every configured address, route and
 * rule, but those whose add step was skipped.
 */
Owned *plan_owned_after(const CfgL3 *l3, int ifindex, const Plan *p, const bool *skipped);

/* Neither configured nor recorded as bondcfg's: an address bondcfg leaves
 * alone (status lists it as not managed). */
bool plan_addr_is_foreign(const SnapAddr *a, const CfgL3 *l3, const Owned *owned);

/*
 * Steps for `down BOND`: release the ports (restoring their permanent
 * MACs), give each port that has a record in saved (ifname -> PortState*,
 * see port-state.h; NULL = none) its recorded MTU and, if it was up, set it
 * up again (the kernel closes a port it releases); then delete the rules
 * bondcfg added (owned, may be NULL) and the bond, which takes its
 * addresses and routes with it.  A port without a record stays as the
 * kernel leaves it (down, its own MTU and MAC).  Nothing if the bond does
 * not exist; -EINVAL (diag) if the name is not a bond.
 */
int plan_down(Plan *p, const char *bond, const Snapshot *s, GHashTable *saved, const Owned *owned,
              DiagList *diags);

/*
 * Every option b sets whose attribute the bond live does not report is an
 * error ("kernel does not support coupled_control (needs 6.9)").  live is b
 * after an apply, or any other bond before one: the kernel reports every
 * attribute it has for every bond, except empty target lists, unset
 * interfaces and the 802.3ad-only ones outside 802.3ad, which are not
 * checked.  Returns 0 or -EOPNOTSUPP.
 */
int plan_check_supported(const CfgBond *b, const SnapLink *live, DiagList *diags);
