/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/*
 * The argument conventions of ip(8), for the route-DEV and rule-DEV lines
 * that initscripts hands word by word to `ip route add` / `ip rule add`:
 * keywords (some of which ip accepts abbreviated), numbers, addresses and
 * prefixes.  The rules are facts read from iproute2 (lib/utils.c: matches(),
 * get_u32(), get_addr_1(), get_prefix_1(), get_netmask(), check_ifname());
 * no code is taken from it.  Internal to the route and rule readers.
 */

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * A keyword, in a table in the order ip tests them: the first entry that
 * matches wins, which is what decides an abbreviation ("p" is "priority" in
 * `ip route`, because ip tests metric/priority before protocol and pref).
 * abbrev: every non-empty prefix of name matches (iproute2's matches());
 * otherwise only the whole word (strcmp).
 */
typedef struct {
        const char *name;
        bool abbrev;
        int id;
} IpKeyword;

const IpKeyword *ip_keyword_find(const IpKeyword *tab, size_t n, const char *word);
/*
 * The keyword a mistyped word most likely meant: the closest name at most two
 * edits away (ties: the first in table order), or NULL.
 */
const char *ip_keyword_suggest(const IpKeyword *tab, size_t n, const char *word);

/*
 * An unsigned number as strtoul(s, NULL, base) reads it, but the whole word
 * and nothing else: base 0 takes decimal, 0x hex and 0-led octal, as ip's
 * get_u32(..., 0) does; base 16 takes "ff" and "0xff".  No sign, no blanks.
 * 0 or -EINVAL / -ERANGE (> max).
 */
int ip_parse_uint(const char *s, int base, uint64_t max, uint64_t *out);
/* Only the digits 0-9 (a number ip would read the same whichever base). */
int ip_parse_decimal(const char *s, uint64_t max, uint64_t *out);

typedef struct {
        int family; /* AF_INET or AF_INET6 */
        uint8_t addr[16];
        unsigned plen;
        bool any;      /* "default", "any" or "all" */
        bool unusual;  /* an IPv4 part was octal or hex ("010", "0x0a") */
        bool had_plen; /* a /LEN or /NETMASK was given */
} IpPrefix;

/*
 * An address of family as ip reads it: IPv6 by inet_pton(); IPv4 by ip's own
 * rule (get_addr_ipv4()): up to four dot-separated parts, each read by
 * strtoul(base 0), so "10.8" is 10.8.0.0 and "010" is 8.  0 or -EINVAL
 * (-EAFNOSUPPORT: an address of the other family).
 */
int ip_parse_addr(int family, const char *s, IpPrefix *out);
/*
 * A prefix: "default", "any", "all" (any = true, plen 0), or
 * ADDRESS[/LEN|/DOTTED-NETMASK]; without /LEN the full length.
 */
int ip_parse_prefix(int family, const char *s, IpPrefix *out);
/* Bits set beyond plen (a kernel refuses them in an IPv4 route). */
bool ip_prefix_has_host_bits(const IpPrefix *p);
void ip_prefix_clear_host_bits(IpPrefix *p);
/* inet_ntop() text of the address; never NULL. */
char *ip_prefix_addr_string(const IpPrefix *p);

/* Address family byte length: 4, 16, or 0 for anything else. */
size_t ip_family_addr_len(int family);
/* Text -> canonical text (inet_pton + inet_ntop); NULL if it is none. */
char *ip_addr_canonical(int family, const char *text);

/* A device name as ip's check_ifname() accepts it. */
bool ip_ifname_valid(const char *s);

/*
 * Split a line the way the shell splits an unquoted $line: on blanks and
 * tabs (initscripts runs `ip route add $line`).  Never NULL.
 */
char **ip_split_words(const char *line);
