/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/*
 * The bonding option table: one row per kernel bonding option, the single
 * source of truth for parsing BONDING_OPTS, validation, netlink attributes,
 * --help, the man page and shell completion.
 *
 * Enum values are the kernel's own constants (linux/if_bonding.h), and value
 * names are spelled as /sys/class/net/bondX/bonding/<opt> prints them.
 */

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>
#include <linux/if_bonding.h>
#include "diag.h"

typedef enum {
        BOND_MODE_BALANCE_RR = BOND_MODE_ROUNDROBIN,      /* 0 */
        BOND_MODE_ACTIVE_BACKUP = BOND_MODE_ACTIVEBACKUP, /* 1 */
        BOND_MODE_BALANCE_XOR = BOND_MODE_XOR,            /* 2 */
        BOND_MODE_BCAST = BOND_MODE_BROADCAST,            /* 3 */
        BOND_MODE_LACP = BOND_MODE_8023AD,                /* 4 */
        BOND_MODE_BALANCE_TLB = BOND_MODE_TLB,            /* 5 */
        BOND_MODE_BALANCE_ALB = BOND_MODE_ALB,            /* 6 */
        _BOND_MODE_MAX,
} BondMode;

#define BOND_MODE_BIT(m) (1u << (m))
#define BOND_MODES_ALL   ((1u << _BOND_MODE_MAX) - 1)

typedef enum {
        BOND_OPT_MODE,
        BOND_OPT_MIIMON,
        BOND_OPT_UPDELAY,
        BOND_OPT_DOWNDELAY,
        BOND_OPT_PEER_NOTIF_DELAY,
        BOND_OPT_USE_CARRIER,
        BOND_OPT_ARP_INTERVAL,
        BOND_OPT_ARP_IP_TARGET,
        BOND_OPT_NS_IP6_TARGET,
        BOND_OPT_ARP_VALIDATE,
        BOND_OPT_ARP_ALL_TARGETS,
        BOND_OPT_ARP_MISSED_MAX,
        BOND_OPT_PRIMARY,
        BOND_OPT_PRIMARY_RESELECT,
        BOND_OPT_ACTIVE_SLAVE,
        BOND_OPT_FAIL_OVER_MAC,
        BOND_OPT_XMIT_HASH_POLICY,
        BOND_OPT_LACP_RATE,
        BOND_OPT_LACP_ACTIVE,
        BOND_OPT_AD_SELECT,
        BOND_OPT_AD_ACTOR_SYS_PRIO,
        BOND_OPT_AD_USER_PORT_KEY,
        BOND_OPT_AD_ACTOR_SYSTEM,
        BOND_OPT_MIN_LINKS,
        BOND_OPT_ALL_SLAVES_ACTIVE,
        BOND_OPT_RESEND_IGMP,
        BOND_OPT_NUM_PEER_NOTIF, /* num_grat_arp, alias num_unsol_na */
        BOND_OPT_PACKETS_PER_SLAVE,
        BOND_OPT_TLB_DYNAMIC_LB,
        BOND_OPT_LP_INTERVAL,
        BOND_OPT_COUPLED_CONTROL,
        BOND_OPT_MAX_BONDS, /* module parameter only */
        /* per-port options (IFLA_INFO_SLAVE_DATA), from the port's ifcfg */
        BOND_OPT_PORT_QUEUE_ID,
        BOND_OPT_PORT_PRIO,
        _BOND_OPT_MAX,
        _BOND_OPT_INVALID = -EINVAL,
} BondOptId;

typedef enum {
        BOND_OPT_TYPE_ENUM,     /* symbolic or numeric, stored as num */
        BOND_OPT_TYPE_UINT,     /* decimal, stored as num, [min,max] */
        BOND_OPT_TYPE_INT,      /* signed decimal (port prio), stored as num (two's complement) */
        BOND_OPT_TYPE_BOOL,     /* 0/1, or the kernel's off/on names (values); printed 0/1 */
        BOND_OPT_TYPE_IFNAME,   /* an interface name, stored as str */
        BOND_OPT_TYPE_IP4_LIST, /* comma list / repeated / +addr, stored in list */
        BOND_OPT_TYPE_IP6_LIST,
        BOND_OPT_TYPE_MAC, /* xx:xx:xx:xx:xx:xx, stored lower-case in str */
        _BOND_OPT_TYPE_MAX,
} BondOptType;

typedef enum {
        BOND_OPT_F_NEEDS_DOWN = 1u << 0,     /* kernel: BOND_OPTFLAG_IFDOWN */
        BOND_OPT_F_NEEDS_NO_PORTS = 1u << 1, /* kernel: BOND_OPTFLAG_NOSLAVES */
        BOND_OPT_F_MODULE_ONLY = 1u << 2,    /* module parameter, not netlink */
        BOND_OPT_F_PORT = 1u << 3,           /* per-port, IFLA_INFO_SLAVE_DATA */
        BOND_OPT_F_LIST = 1u << 4,           /* repeated keys accumulate */
} BondOptFlags;

typedef enum {
        BOND_NLA_NONE,
        BOND_NLA_U8,
        BOND_NLA_U16,
        BOND_NLA_U32,
        BOND_NLA_S32,
        BOND_NLA_IFINDEX,  /* u32 ifindex resolved from an ifname */
        BOND_NLA_MAC,      /* 6 bytes */
        BOND_NLA_IP4_NEST, /* nest of be32 addresses, attr type = index */
        BOND_NLA_IP6_NEST, /* nest of in6_addr, attr type = index */
} BondNlaKind;

typedef struct {
        const char *name; /* as sysfs prints it */
        unsigned value;   /* kernel constant */
} BondOptEnumValue;

typedef struct {
        BondOptId id;
        const char *name;      /* BONDING_OPTS key, sysfs file name */
        const char *alias;     /* accepted alternative key, or NULL */
        const char *ifcfg_key; /* for per-port options: the ifcfg key, else NULL */
        BondOptType type;
        uint64_t min, max;              /* UINT/INT/BOOL range; lists: max entries */
        const BondOptEnumValue *values; /* ENUM: terminated by {NULL, 0} */
        unsigned modes;                 /* BOND_MODE_BIT mask where it applies */
        unsigned flags;                 /* BondOptFlags */
        int ifla;                       /* IFLA_BOND_* / IFLA_BOND_SLAVE_*, 0 if none */
        BondNlaKind nla;
        uint64_t def;      /* kernel default (num types) */
        const char *since; /* first mainline version with it, e.g. "6.9" (stable backports exist:
                            * support is probed from the kernel, never inferred) */
        const char *help;  /* one line, for --help, man page, completion */
} BondOptDesc;

typedef struct {
        bool set;
        bool defaulted; /* filled in by a default rule, not by the user */
        uint64_t num;
        char *str;       /* IFNAME, MAC */
        GPtrArray *list; /* IP lists: canonical address strings */
        unsigned line;   /* ifcfg line it came from */
} BondOptValue;

typedef struct {
        BondOptValue v[_BOND_OPT_MAX];
} BondOptions;

/* Table access */
const BondOptDesc *bond_opt_desc(BondOptId id);
/* Exact match on name or alias; NULL if unknown. */
const BondOptDesc *bond_opt_lookup(const char *name);
/*
 * Closest known option name for "did you mean" (at most two edits away, else
 * the first option that begins with name, if name has 3 or more bytes), or
 * NULL.
 */
const char *bond_opt_suggest(const char *name);

const char *bond_mode_to_string(BondMode m);
/* Accepts kernel names and numbers ("802.3ad", "4"); -EINVAL if unknown. */
int bond_mode_from_string(const char *s);

/* Enum value <-> kernel name for an ENUM option; NULL / -EINVAL if unknown. */
const char *bond_opt_enum_to_string(const BondOptDesc *d, uint64_t v);
int bond_opt_enum_from_string(const BondOptDesc *d, const char *s, uint64_t *out);

/* Does option d apply in mode m? */
bool bond_opt_applies_to_mode(const BondOptDesc *d, BondMode m);
/* "active-backup, balance-tlb, balance-alb" for a modes mask.  Caller frees. */
char *bond_opt_modes_to_string(unsigned modes);
/* What d accepts, for hints and --help: "a number from 0 to 255",
 * "slow (0), fast (1)".  Caller frees. */
char *bond_opt_describe_values(const BondOptDesc *d);

/* Option values */
BondOptions *bond_options_new(void);
void bond_options_free(BondOptions *o);
BondOptions *bond_options_copy(const BondOptions *o);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(BondOptions, bond_options_free)
void bond_opt_value_clear(BondOptValue *v);

/*
 * Parse one value text for option d into *v (v->set = true).  On failure
 * returns -EINVAL/-ERANGE and sets *err to a message (caller frees).
 * List options add to the list ("+addr" adds, "-addr" removes).
 */
int bond_opt_parse_value(const BondOptDesc *d, const char *text, BondOptValue *v, char **err);

/*
 * Parse a BONDING_OPTS string ("mode=1 miimon=100 ...") into o.  Every
 * problem is a diagnostic at file:line (unknown option with a suggestion,
 * bad value with the accepted range or names).  Returns 0 if no error was
 * found, -EINVAL otherwise.
 */
int bond_options_parse(BondOptions *o, const char *text, const char *file, unsigned line,
                       DiagList *diags);

/*
 * Value as the kernel prints it in sysfs ("802.3ad", "layer3+4", "100", "a,b").
 * An unset value (v NULL or !v->set) formats as the kernel default.
 */
char *bond_opt_format_value(const BondOptDesc *d, const BondOptValue *v);
/* Effective values equal (unset = kernel default; target lists as sets). */
bool bond_opt_value_equal(const BondOptDesc *d, const BondOptValue *a, const BondOptValue *b);

/* The effective mode of o (its value, or the kernel default balance-rr). */
BondMode bond_options_mode(const BondOptions *o);

/*
 * Apply bondcfg's default rules after parsing a bond's BONDING_OPTS: with
 * neither miimon nor arp_interval set, warn at file:line and set miimon=100
 * (marked defaulted), as NetworkManager does.  arp_interval=0 counts as not
 * set; an explicit miimon=0 without arp_interval is kept, with a warning.
 */
void bond_options_apply_defaults(BondOptions *o, const char *file, unsigned line, DiagList *diags);
