/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/*
 * Policy routing rules: one NetRule for a rule read from rule-DEV /
 * rule6-DEV and for one read back from the kernel.
 *
 * As for NetRoute, a field a file did not give stays "not given" and the
 * accessors give the value it takes as `ip rule add` fills it in (iproute2
 * ip/iprule.c iprule_modify()).  A rule read from the kernel has every field
 * given.
 */

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>
#include <linux/netlink.h>
#include "nl-dl.h"

#include "route.h"

typedef struct {
        bool set;
        uint16_t start, end; /* a single port: start == end */
} NetPortRange;

typedef struct {
        int family; /* AF_INET or AF_INET6 */
        char *from; /* canonical address as given, NULL: all */
        unsigned from_len;
        char *to; /* NULL: all */
        unsigned to_len;
        char *iif; /* NULL: any */
        char *oif; /* NULL: any */
        bool has_fwmark;
        uint32_t fwmark;
        bool has_fwmask; /* only with has_fwmark */
        uint32_t fwmask;
        uint32_t table; /* 0: not given */
        bool has_priority;
        uint32_t priority;
        uint8_t tos;
        bool invert;          /* "not" */
        uint8_t action;       /* FR_ACT_*, FR_ACT_UNSPEC: not given (to_tbl) */
        uint32_t goto_target; /* FR_ACT_GOTO */
        bool has_suppress_prefixlen;
        uint32_t suppress_prefixlen;
        uint8_t ipproto; /* 0: any */
        NetPortRange sport, dport;
        bool has_uidrange;
        uint32_t uid_start, uid_end;
        bool has_protocol; /* FRA_PROTOCOL; ip rule add sends none unless "proto" */
        uint8_t protocol;
        /*
         * Read from the kernel only: a selector bondcfg does not model (tun_id,
         * l3mdev, realms, suppress_ifgroup, dscp, flowlabel, port masks).  It
         * is never equal to a configured rule.
         */
        bool unmodelled;
        NetOrigin origin;
} NetRule;

NetRule *net_rule_new(int family);
void net_rule_free(NetRule *r);
NetRule *net_rule_copy(const NetRule *r);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(NetRule, net_rule_free)

/*
 * The values a rule takes:
 *  - action: to_tbl when none is given;
 *  - table: main when neither a table nor an action is given; none (0)
 *    when only an action is (iprule_modify(): "if (!table_ok && cmd ==
 *    RTM_NEWRULE) ... RT_TABLE_MAIN", and an action keyword sets table_ok);
 *  - protocol: 0 (RTPROT_UNSPEC), what the kernel's fib_nl2rule() stores
 *    when FRA_PROTOCOL is absent;
 *  - fwmark/fwmask: a mark without a mask matches all its bits (mask
 *    0xffffffff), no mark or mark 0 without mask matches any (0/0), as
 *    fib_nl2rule() sets them.
 */
uint8_t net_rule_action(const NetRule *r);
uint32_t net_rule_table(const NetRule *r);
uint8_t net_rule_protocol(const NetRule *r);
void net_rule_fwmark(const NetRule *r, uint32_t *mark, uint32_t *mask);

/*
 * The kernel's identity of a rule: what fib_newrule()'s rule_exists()
 * compares to refuse an NLM_F_EXCL add with -EEXIST (there is no
 * NLM_F_REPLACE for rules): action, table, priority, iif, oif,
 * fwmark/mask, suppress_prefixlength, uidrange, ipproto, protocol, ports,
 * and from, to, tos (ops->compare(), which the kernel applies only to what
 * the new rule gives; here both must match).  Not the "not" flag nor the
 * goto target: rule_exists() compares neither.  A rule without a priority has none:
 * the kernel gives it one below the first rule's (fib_default_rule_pref()),
 * so adding it never collides; same_key is then false.
 */
bool net_rule_same_key(const NetRule *a, const NetRule *b);

/*
 * Every attribute bondcfg sets has the same value (the values the rules take,
 * "not" included); the priority only when both have one, since a rule
 * added without one gets one from the kernel.  A rule with unmodelled is
 * equal to none.
 */
bool net_rule_equal(const NetRule *a, const NetRule *b);

/*
 * One line like `ip rule show`: "[PRIO: ][not ]from all|PREFIX [to PREFIX]
 * [tos T] [fwmark M[/MASK]] [iif D] [oif D] [uidrange A-B] [ipproto P]
 * [sport A[-B]] [dport A[-B]] lookup TABLE|blackhole|unreachable|prohibit|
 * nop|goto N [suppress_prefixlength N] [proto P]".
 */
char *net_rule_format(const NetRule *r);
/* The same as `ip rule add` arguments: the priority as "priority N" at the
 * end instead of "N:" in front (what the rule-file reader takes back). */
char *net_rule_format_args(const NetRule *r);

/*
 * RTM_NEWRULE, NLM_F_REQUEST|NLM_F_ACK|NLM_F_CREATE|NLM_F_EXCL, seq and pid
 * 0: the bytes `ip -4|-6 rule add` sends for the same rule with its
 * arguments in the order "[not] from P to P pref N tos T fwmark M[/K]
 * proto P table T suppress_prefixlength N iif D oif D uidrange A-B ipproto
 * P sport S dport D ACTION": FRA_SRC, FRA_DST, FRA_PRIORITY, FRA_FWMARK,
 * FRA_FWMASK, FRA_PROTOCOL, FRA_TABLE (only > 255, frh table is then 0),
 * FRA_SUPPRESS_PREFIXLEN, FRA_IIFNAME, FRA_OIFNAME, FRA_UID_RANGE,
 * FRA_IP_PROTO, FRA_SPORT_RANGE, FRA_DPORT_RANGE, FRA_GOTO.
 * NULL if the rule is not valid (family, an address that does not parse).
 */
struct nl_msg *net_rule_msg_add(const NetRule *r);
/*
 * RTM_DELRULE, NLM_F_REQUEST|NLM_F_ACK: what `ip rule del` sends.  Fields
 * not given are wildcards for the kernel's rule_find(): action 0, table 0
 * (ip sets main for add only), no priority.
 */
struct nl_msg *net_rule_msg_del(const NetRule *r);

/*
 * Parse an RTM_NEWRULE (or RTM_DELRULE) message of a dump.  h->nlmsg_len
 * bytes at h must be readable.  0 with *out set; 0 with *out NULL for a
 * family other than IPv4/IPv6; -EINVAL for a malformed message.  The kernel
 * omits FRA_PRIORITY for priority 0: the rule then has priority 0.
 */
int net_rule_from_msg(const struct nlmsghdr *h, NetRule **out);
