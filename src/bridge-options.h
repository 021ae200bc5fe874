/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/*
 * The bridge option table: one row per option that BRIDGING_OPTS (and the
 * STP and DELAY keys) can set, on the bridge's own file or on the file of
 * one of its ports.  It is the single source of truth for parsing,
 * validation, the netlink attributes (IFLA_BR_* in IFLA_INFO_DATA of the
 * bridge, IFLA_BRPORT_* in IFLA_INFO_SLAVE_DATA of a port), and the help,
 * man page and completion texts, as bond-options-table.c is for bonding.
 *
 * Names are the kernel's sysfs names (/sys/class/net/BR/bridge/NAME and
 * /sys/class/net/PORT/brport/NAME), which is what initscripts' ifup-eth
 * writes BRIDGING_OPTS to and what NetworkManager's handle_bridge_option()
 * accepts.  Time values follow NetworkManager's reading: STP times in
 * seconds, multicast intervals in hundredths of a second (the kernel's
 * clock_t); the netlink layer scales seconds by 100.
 */

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

typedef enum {
        /* the bridge (IFLA_BR_*) */
        BR_OPT_STP_STATE,
        BR_OPT_FORWARD_DELAY,
        BR_OPT_HELLO_TIME,
        BR_OPT_MAX_AGE,
        BR_OPT_AGEING_TIME,
        BR_OPT_PRIORITY,
        BR_OPT_GROUP_FWD_MASK,
        BR_OPT_GROUP_ADDRESS,
        BR_OPT_VLAN_FILTERING,
        BR_OPT_VLAN_PROTOCOL,
        BR_OPT_DEFAULT_PVID,
        BR_OPT_VLAN_STATS_ENABLED,
        BR_OPT_MCAST_SNOOPING,
        BR_OPT_MCAST_ROUTER,
        BR_OPT_MCAST_QUERIER,
        BR_OPT_MCAST_QUERY_USE_IFADDR,
        BR_OPT_MCAST_HASH_MAX,
        BR_OPT_MCAST_LAST_MEMBER_COUNT,
        BR_OPT_MCAST_STARTUP_QUERY_COUNT,
        BR_OPT_MCAST_LAST_MEMBER_INTERVAL,
        BR_OPT_MCAST_MEMBERSHIP_INTERVAL,
        BR_OPT_MCAST_QUERIER_INTERVAL,
        BR_OPT_MCAST_QUERY_INTERVAL,
        BR_OPT_MCAST_QUERY_RESPONSE_INTERVAL,
        BR_OPT_MCAST_STARTUP_QUERY_INTERVAL,
        /* a port of the bridge (IFLA_BRPORT_*), from the port's file */
        BR_OPT_PORT_PRIORITY,
        BR_OPT_PORT_PATH_COST,
        BR_OPT_PORT_HAIRPIN_MODE,
        _BR_OPT_MAX,
} BrOptId;

typedef enum {
        BR_OPT_FOR_BRIDGE, /* BRIDGING_OPTS of TYPE=Bridge */
        BR_OPT_FOR_PORT,   /* BRIDGING_OPTS of a file with BRIDGE= */
} BrOptScope;

typedef enum {
        BR_OPT_TYPE_UINT, /* decimal in [min, max] */
        BR_OPT_TYPE_BOOL, /* 0/1 (hairpin_mode also on/off/yes/no, as NetworkManager) */
        BR_OPT_TYPE_ENUM, /* a name of values[] or its number */
        BR_OPT_TYPE_MAC,  /* xx:xx:xx:xx:xx:xx, stored as a 48-bit number */
} BrOptType;

typedef enum {
        BR_UNIT_NONE,
        BR_UNIT_SECONDS, /* written in seconds; the kernel takes hundredths (clock_t) */
        BR_UNIT_CENTI,   /* written and sent in hundredths of a second (clock_t) */
} BrOptUnit;

typedef enum {
        BR_NLA_U8,
        BR_NLA_U16,
        BR_NLA_U32,
        BR_NLA_U64,
        BR_NLA_BE16, /* vlan_protocol: the ethertype, network order */
        BR_NLA_MAC,  /* 6 bytes */
} BrNlaKind;

typedef enum {
        BR_OPT_F_STP_ONLY = 1u << 0, /* acts only with STP; NetworkManager drops it without */
        BR_OPT_F_NOT_INITSCRIPTS = 1u << 1, /* ifup-eth skips it on the bridge's file */
        BR_OPT_F_NOT_NM = 1u << 2,          /* NetworkManager does not read it in BRIDGING_OPTS */
} BrOptFlags;

typedef struct {
        const char *name; /* sysfs name */
        unsigned value;   /* kernel constant */
} BrOptEnumValue;

typedef struct {
        BrOptId id;
        const char *name;  /* BRIDGING_OPTS key, as NetworkManager spells it */
        const char *alias; /* the sysfs file name when it differs, or NULL */
        BrOptScope scope;
        BrOptType type;
        uint64_t min, max;            /* UINT range, in the unit written */
        const BrOptEnumValue *values; /* ENUM: terminated by {NULL, 0} */
        BrOptUnit unit;
        unsigned flags; /* BrOptFlags */
        int ifla;       /* IFLA_BR_* (bridge) or IFLA_BRPORT_* (port) */
        BrNlaKind nla;
        uint64_t def;     /* kernel default, in the unit written */
        const char *help; /* one line, for --help, the man page and completion */
} BrOptDesc;

typedef struct {
        bool set;
        uint64_t num;  /* in the unit written (see BrOptDesc.unit); a MAC as 48 bits */
        unsigned line; /* the ifcfg line it came from (0 if not known) */
} BrOptValue;

typedef struct {
        BrOptValue v[_BR_OPT_MAX];
} BrOptions;

/* A problem found by bridge_opts_parse(): key is the option name as written
 * (or the whole word when it has no '='). */
typedef struct {
        char *key;
        char *message;
        char *hint; /* may be NULL */
} BrOptProblem;

void br_opt_problem_free(BrOptProblem *p);

/* Table access: every row, in BrOptId order. */
const BrOptDesc *br_opt_desc(BrOptId id);
/* The row for name in scope, or NULL. */
const BrOptDesc *br_opt_lookup(const char *name, BrOptScope scope);
/* The closest name of scope (at most two edits), for "did you mean"; NULL if none. */
const char *br_opt_suggest(const char *name, BrOptScope scope);
/* What d accepts, e.g. "a number of seconds from 2 to 30".  Caller frees. */
char *br_opt_describe_values(const BrOptDesc *d);

/* Parse one value for d.  Returns 0, or -EINVAL / -ERANGE. */
int br_opt_parse_value(const BrOptDesc *d, const char *text, uint64_t *out);
/* The value as written in BRIDGING_OPTS (names for enums, a MAC in hex).  Caller frees. */
char *br_opt_format_value(const BrOptDesc *d, uint64_t num);
/* The value as the kernel takes it over netlink (seconds scaled to clock_t). */
uint64_t br_opt_kernel_value(const BrOptDesc *d, uint64_t num);

/*
 * Parse a BRIDGING_OPTS value ("stp_state=1 forward_delay=4 ...") for
 * scope into out (values already in out are overwritten; each gets line).
 * Words are split at white space, as ifup-eth's `for arg in $BRIDGING_OPTS`
 * does; the key is up to the first '='.  A pure function (no I/O, no global
 * state): it may be fed anything.  Every problem is appended to problems
 * (BrOptProblem*, may be NULL).  Returns 0, or -EINVAL if any problem.
 */
int bridge_opts_parse(const char *text, BrOptScope scope, unsigned line, BrOptions *out,
                      GPtrArray *problems);

/* The table as troff (bondcfg(8)), JSON and one line per option. */
char *br_opts_man(void);
char *br_opts_json(void);
char *br_opts_text(void);
