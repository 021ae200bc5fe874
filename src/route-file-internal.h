/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/* Shared by route-file.c, route-line.c and rule-line.c. */

#include <stdbool.h>
#include "diag.h"
#include "ip-args.h"
#include "ip-names.h"
#include "route.h"
#include "rule.h"

/* The line being read, for diagnostics. */
typedef struct {
        const char *path;
        unsigned line;
        const char *text; /* the line without its leading and trailing blanks */
        int family;
        const IpNames *names;
        DiagList *diags;
        const char *what; /* "route" or "rule", for messages */
} LineCtx;

void line_diag(const LineCtx *c, DiagSeverity sev, const char *key, const char *hint,
               const char *fmt, ...) G_GNUC_PRINTF(5, 6);

/* "IPv4" / "IPv6" */
const char *family_name(int family);

/*
 * The argument of keyword at words[*i + 1]: advances *i, or reports that
 * keyword has no value (with usage as hint) and returns NULL.
 */
const char *line_next_arg(const LineCtx *c, char *const *words, size_t *i, const char *keyword,
                          const char *usage);

/*
 * An address or prefix of the line's family, with a diagnostic when it is
 * not one (what names it: "destination", "via", "from"...), and a warning
 * when ip reads it otherwise than it looks (octal or hex parts).
 */
bool line_parse_addr(const LineCtx *c, const char *what, const char *word, IpPrefix *out);
bool line_parse_prefix(const LineCtx *c, const char *what, const char *word, IpPrefix *out);
/* A u32 as ip's get_u32(..., 0) reads it, with a diagnostic. */
bool line_parse_u32(const LineCtx *c, const char *keyword, const char *word, uint32_t *out);
/* A device name as ip's check_ifname() accepts it, with a diagnostic. */
bool line_parse_ifname(const LineCtx *c, const char *keyword, const char *word);

/* "'w' is how ip abbreviates 'window'": a hint suffix when word != name. */
char *abbrev_note(const char *word, const char *name);

/*
 * One `ip route add` argument list into r (family and origin already set).
 * options_only: the OPTIONSn of the key=value form, which, as
 * NetworkManager's parse_route_line() reads it, has no destination, via,
 * metric nor dev.  false (with diagnostics) if the line gives no route.
 */
bool route_line_parse(const LineCtx *c, char *const *words, NetRoute *r, bool options_only);

/* One `ip rule add` argument list into r. */
bool rule_line_parse(const LineCtx *c, char *const *words, NetRule *r);

/* The key=value form of route-DEV (route-file-keys.c). */
bool route_file_is_keyvalue(const char *buf, size_t len);
void route_file_parse_keyvalue(const char *path, const char *buf, size_t len, const char *dev,
                               const IpNames *names, GPtrArray *routes_out, DiagList *diags);
