/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/*
 * The bridge option table: one row per bridge attribute (IFLA_BR_*, in
 * IFLA_INFO_DATA of a "bridge" link) and per bridge-port attribute
 * (IFLA_BRPORT_*, in IFLA_INFO_SLAVE_DATA of a port).  It is the single
 * source of truth for parsing BRIDGING_OPTS (and the STP and DELAY keys),
 * validation, the netlink builders (netlink-bridge.c), the snapshot parser
 * (snapshot-stack.c), and the help, man page and completion texts, as
 * bond-options-table.c is for bonding.
 *
 * Names.  name is the BRIDGING_OPTS key bondcfg prints: NetworkManager's
 * spelling where its handle_bridge_option() reads the option, else the
 * sysfs file (/sys/class/net/BR/bridge/NAME, /sys/class/net/PORT/brport/NAME)
 * that initscripts' ifup-eth writes BRIDGING_OPTS to.  alias is the sysfs
 * file when it differs; BRIDGING_OPTS takes both.  ip_name is iproute2's
 * keyword (`type bridge`, `type bridge_slave`): bridge_opt_lookup() knows
 * it, BRIDGING_OPTS does not (ifup-eth would write it to a missing file).
 *
 * Units.  The kernel speaks clock_t (USER_HZ = 100: centiseconds) for every
 * bridge time, in netlink and in sysfs.  NetworkManager reads the STP times
 * and ageing_time of BRIDGING_OPTS, and DELAY=, in seconds, and the
 * multicast intervals in centiseconds; bondcfg reads them as it does.  Every
 * number in the table (min, max, def) and in a BridgeOptValues is in KERNEL
 * units: the one conversion is at the text edge, bridge_opt_to_kernel() when
 * a value is read and bridge_opt_format_value() when it is written back.
 */

#include <glib.h>
#include "json.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The kernel's USER_HZ: clock_t ticks per second. */
#define BRIDGE_USER_HZ 100

typedef enum {
        /* bridge: IFLA_INFO_DATA of kind "bridge", in IFLA_BR_* order */
        BRIDGE_OPT_FORWARD_DELAY,
        BRIDGE_OPT_HELLO_TIME,
        BRIDGE_OPT_MAX_AGE,
        BRIDGE_OPT_AGEING_TIME,
        BRIDGE_OPT_STP_STATE,
        BRIDGE_OPT_PRIORITY,
        BRIDGE_OPT_VLAN_FILTERING,
        BRIDGE_OPT_VLAN_PROTOCOL,
        BRIDGE_OPT_GROUP_FWD_MASK,
        BRIDGE_OPT_GROUP_ADDR,
        BRIDGE_OPT_MCAST_ROUTER,
        BRIDGE_OPT_MCAST_SNOOPING,
        BRIDGE_OPT_MCAST_QUERY_USE_IFADDR,
        BRIDGE_OPT_MCAST_QUERIER,
        BRIDGE_OPT_MCAST_HASH_ELASTICITY,
        BRIDGE_OPT_MCAST_HASH_MAX,
        BRIDGE_OPT_MCAST_LAST_MEMBER_CNT,
        BRIDGE_OPT_MCAST_STARTUP_QUERY_CNT,
        BRIDGE_OPT_MCAST_LAST_MEMBER_INTVL,
        BRIDGE_OPT_MCAST_MEMBERSHIP_INTVL,
        BRIDGE_OPT_MCAST_QUERIER_INTVL,
        BRIDGE_OPT_MCAST_QUERY_INTVL,
        BRIDGE_OPT_MCAST_QUERY_RESPONSE_INTVL,
        BRIDGE_OPT_MCAST_STARTUP_QUERY_INTVL,
        BRIDGE_OPT_NF_CALL_IPTABLES,
        BRIDGE_OPT_NF_CALL_IP6TABLES,
        BRIDGE_OPT_NF_CALL_ARPTABLES,
        BRIDGE_OPT_VLAN_DEFAULT_PVID,
        BRIDGE_OPT_VLAN_STATS_ENABLED,
        BRIDGE_OPT_MCAST_STATS_ENABLED,
        BRIDGE_OPT_MCAST_IGMP_VERSION,
        BRIDGE_OPT_MCAST_MLD_VERSION,
        BRIDGE_OPT_VLAN_STATS_PER_PORT,
        /* bridge port: IFLA_INFO_SLAVE_DATA, in IFLA_BRPORT_* order; from
         * BRIDGING_OPTS of the port's file (the one with BRIDGE=) */
        BRIDGE_PORT_OPT_PRIORITY,
        BRIDGE_PORT_OPT_COST,
        BRIDGE_PORT_OPT_HAIRPIN,
        BRIDGE_PORT_OPT_GUARD,
        BRIDGE_PORT_OPT_PROTECT,
        BRIDGE_PORT_OPT_FAST_LEAVE,
        BRIDGE_PORT_OPT_LEARNING,
        BRIDGE_PORT_OPT_UNICAST_FLOOD,
        BRIDGE_PORT_OPT_PROXYARP,
        BRIDGE_PORT_OPT_PROXYARP_WIFI,
        BRIDGE_PORT_OPT_MCAST_ROUTER,
        BRIDGE_PORT_OPT_MCAST_FLOOD,
        BRIDGE_PORT_OPT_MCAST_TO_UCAST,
        BRIDGE_PORT_OPT_VLAN_TUNNEL,
        BRIDGE_PORT_OPT_BCAST_FLOOD,
        BRIDGE_PORT_OPT_GROUP_FWD_MASK,
        BRIDGE_PORT_OPT_NEIGH_SUPPRESS,
        BRIDGE_PORT_OPT_ISOLATED,
        _BRIDGE_OPT_MAX,
} BridgeOptId;

/* The first port option: ids below it are the bridge's. */
#define _BRIDGE_PORT_OPT_FIRST BRIDGE_PORT_OPT_PRIORITY

typedef enum {
        BRIDGE_OPT_TYPE_UINT, /* decimal in [min, max] */
        BRIDGE_OPT_TYPE_BOOL, /* 0/1 (hairpin_mode also on/off/yes/no, as NetworkManager) */
        BRIDGE_OPT_TYPE_ENUM, /* a name of values[] or its number */
        BRIDGE_OPT_TYPE_MAC,  /* xx:xx:xx:xx:xx:xx, held as a 48-bit number */
} BridgeOptType;

typedef enum {
        BRIDGE_NLA_U8,
        BRIDGE_NLA_U16,
        BRIDGE_NLA_U32,
        BRIDGE_NLA_U64,
        BRIDGE_NLA_BE16, /* network byte order on the wire (vlan_protocol) */
        BRIDGE_NLA_MAC,  /* 6 bytes (group_addr) */
} BridgeNlaKind;

typedef enum {
        BRIDGE_UNIT_NONE,    /* a count, flag, id or mask: the same number everywhere */
        BRIDGE_UNIT_SECONDS, /* a time in clock_t in the kernel, written in seconds */
        BRIDGE_UNIT_CLOCK_T, /* a time in clock_t, written in clock_t too */
} BridgeOptUnit;

typedef enum {
        /* acts only with STP; NetworkManager drops it when STP is off */
        BRIDGE_OPT_F_STP_ONLY = 1u << 0,
        /* ifup-eth skips it in BRIDGING_OPTS of the bridge's file */
        BRIDGE_OPT_F_NOT_INITSCRIPTS = 1u << 1,
        /* NetworkManager's ifcfg reader does not take it from BRIDGING_OPTS */
        BRIDGE_OPT_F_NOT_NM = 1u << 2,
        /* the kernel's min/max hold only while STP is on (forward_delay:
         * br_set_forward_delay()); bridge_opt_set() checks only the width */
        BRIDGE_OPT_F_STP_RANGE = 1u << 3,
        /* the kernel default depends on the link or on HZ (port cost, startup
         * query interval): def is the usual value, not a promise */
        BRIDGE_OPT_F_DEF_VARIES = 1u << 4,
        /* the kernel may refuse it when built without the feature (vlan_filtering
         * without CONFIG_BRIDGE_VLAN_FILTERING answers EOPNOTSUPP) */
        BRIDGE_OPT_F_CONFIG_DEPENDENT = 1u << 5,
} BridgeOptFlags;

typedef struct {
        const char *name; /* as sysfs and NetworkManager spell it */
        unsigned value;   /* kernel constant */
} BridgeOptEnumValue;

typedef struct {
        BridgeOptId id;
        bool port;             /* IFLA_BRPORT_* on the port, else IFLA_BR_* on the bridge */
        const char *name;      /* the BRIDGING_OPTS key (see above) */
        const char *alias;     /* the sysfs file name when it differs from name, or NULL */
        const char *ip_name;   /* iproute2's keyword */
        const char *ifcfg_key; /* a dedicated ifcfg key (DELAY, STP, PRIO, AGEING), or NULL */
        BridgeOptType type;
        const BridgeOptEnumValue *values; /* ENUM: terminated by {NULL, 0} */
        BridgeOptUnit unit;
        unsigned flags; /* BridgeOptFlags */
        int ifla;       /* IFLA_BR_* or IFLA_BRPORT_* */
        BridgeNlaKind nla;
        uint64_t min, max; /* accepted, in kernel units */
        uint64_t def;      /* what a new bridge (port) starts with, in kernel units */
        const char *help;  /* one line, for --help, the man page and completion */
} BridgeOptDesc;

/* A set of option ids: bit (1 << BridgeOptId). */
typedef uint64_t BridgeOptMask;
#define BRIDGE_OPT_MASK(id)    ((BridgeOptMask)1 << (id))
#define BRIDGE_OPT_MASK_BRIDGE (BRIDGE_OPT_MASK(_BRIDGE_PORT_OPT_FIRST) - 1)
#define BRIDGE_OPT_MASK_PORT   ((BRIDGE_OPT_MASK(_BRIDGE_OPT_MAX) - 1) & ~BRIDGE_OPT_MASK_BRIDGE)

/*
 * Option values in kernel units, the one container of both halves: the
 * config keeps a bridge's and a port's options in it (CfgBridge.opts,
 * CfgBridgePort.opts), the builders send exactly the options in mask, and
 * the snapshot parser sets the bit of every attribute the kernel reported.
 * line[id] is the ifcfg line a value came from (0 when not from a file),
 * for diagnostics; netlink ignores it.
 */
typedef struct {
        BridgeOptMask mask;
        uint64_t v[_BRIDGE_OPT_MAX];
        unsigned line[_BRIDGE_OPT_MAX];
} BridgeOptValues;

/* ---- the table ----------------------------------------------------------- */

/* The row of id, or NULL. */
const BridgeOptDesc *bridge_opt_desc(BridgeOptId id);
/* By name, alias or iproute2 keyword among the bridge's options (port
 * false) or the port's (port true); NULL if unknown. */
const BridgeOptDesc *bridge_opt_lookup(const char *name, bool port);
/* By dedicated ifcfg key ("DELAY", "STP", "PRIO", "AGEING"); NULL if none. */
const BridgeOptDesc *bridge_opt_by_ifcfg_key(const char *key);
/* The closest name of that side (at most two edits), for "did you mean";
 * NULL if none. */
const char *bridge_opt_suggest(const char *name, bool port);

/* ---- values -------------------------------------------------------------- */

/* 0 if the kernel-unit value fits d (range, enum value, the kernel's own
 * refusals such as group_fwd_mask's reserved bits), else -ERANGE.  A
 * BRIDGE_OPT_F_STP_RANGE row is checked against its width only. */
int bridge_opt_check(const BridgeOptDesc *d, uint64_t value);
/* Set v[id] and its mask bit (line 0) after bridge_opt_check().  -ERANGE,
 * or -EINVAL if id is unknown. */
int bridge_opt_set(BridgeOptValues *o, BridgeOptId id, uint64_t value);
static inline bool bridge_opt_has(const BridgeOptValues *o, BridgeOptId id)
{
        return (o->mask & BRIDGE_OPT_MASK(id)) != 0;
}
/* The value of id in o, or the kernel default if o does not hold it. */
uint64_t bridge_opt_get(const BridgeOptValues *o, BridgeOptId id);

/* A number as written in an ifcfg file to kernel units: seconds times
 * BRIDGE_USER_HZ for a BRIDGE_UNIT_SECONDS row, unchanged otherwise.
 * -ERANGE if it overflows. */
int bridge_opt_to_kernel(const BridgeOptDesc *d, uint64_t written, uint64_t *kernel);
/* Parse one value as written for d, into kernel units: 0, -EINVAL or -ERANGE. */
int bridge_opt_parse_value(const BridgeOptDesc *d, const char *text, uint64_t *out);
/* A kernel-unit value as BRIDGING_OPTS writes it (seconds for a
 * BRIDGE_UNIT_SECONDS row, "14.99" when not whole; names for enums; a MAC
 * in hex).  Caller frees. */
char *bridge_opt_format_value(const BridgeOptDesc *d, uint64_t value);
/* What d accepts, as written, e.g. "a number of seconds from 2 to 30".
 * Caller frees. */
char *bridge_opt_describe_values(const BridgeOptDesc *d);

/* ---- BRIDGING_OPTS ------------------------------------------------------- */

/* A problem found by bridge_opts_parse(): key is the option name as written
 * (or the whole word when it has no '='). */
typedef struct {
        char *key;
        char *message;
        char *hint; /* may be NULL */
} BridgeOptProblem;

void bridge_opt_problem_free(BridgeOptProblem *p);

/*
 * Parse a BRIDGING_OPTS value ("stp_state=1 forward_delay=4 ...") of a
 * bridge's file (port false) or a port's (port true) into out (values
 * already there are overwritten; each gets line).  Words are split at white
 * space, as ifup-eth's `for arg in $BRIDGING_OPTS` does; the key is up to
 * the first '='.  A pure function (no I/O, no global state): it may be fed
 * anything.  Every problem is appended to problems (BridgeOptProblem*, may
 * be NULL).  Returns 0, or -EINVAL if any problem.
 */
int bridge_opts_parse(const char *text, bool port, unsigned line, BridgeOptValues *out,
                      GPtrArray *problems);

/* The table as troff (bondcfg(8)), JSON, one line per option (those named
 * by name, alias or iproute2 keyword; all if names is NULL or empty), and
 * one completion word per line ("name=", "name=value" for enum values). */
char *bridge_opts_man(void);
void bridge_opts_to_json(JsonDoc *b);
char *bridge_opts_text(const char *const *names);
char *bridge_opts_completion(void);
