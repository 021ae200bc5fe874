/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/*
 * ifcfg reader: the subset of shell variable assignment syntax that
 * /etc/sysconfig/network-scripts/ifcfg-* files use.  Parsed, never executed.
 *
 * Supported: KEY=value, KEY="..." (backslash escapes as the shell applies them
 * inside double quotes), KEY='...', concatenations ("a"'b'c), a leading
 * `export`, comments ('#' at line start or after whitespace outside quotes),
 * blank lines, CRLF line ends, a missing final newline, any line length.
 *
 * A value that needs evaluation ($VAR, ${...}, `...`, $(...)) is an error.
 * Unknown keys are kept.  A repeated key: the last one wins, with a warning.
 */

#include <glib.h>
#include <stdbool.h>
#include "diag.h"

typedef struct {
        char *key;
        char *value;   /* unquoted value */
        unsigned line; /* 1-based */
} IfcfgVar;

typedef struct IfcfgFile IfcfgFile;

/*
 * Parse a buffer.  `path` is used for diagnostics and kept as the file name.
 * Syntax errors are appended to `diags` (the offending line is skipped) and
 * parsing continues, so one run reports every problem.  Returns 0, or -errno
 * (-ENOMEM never in practice).  *out is always set on 0.
 */
int ifcfg_parse_buffer(const char *path, const char *buf, size_t len, IfcfgFile **out,
                       DiagList *diags);

/* Read and parse a file.  Returns -errno if it cannot be read. */
int ifcfg_parse_file(const char *path, IfcfgFile **out, DiagList *diags);

void ifcfg_free(IfcfgFile *f);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(IfcfgFile, ifcfg_free)

const char *ifcfg_path(const IfcfgFile *f);
/* "ifcfg-eth0" -> "eth0" (the part after "ifcfg-" of the base name). */
const char *ifcfg_suffix(const IfcfgFile *f);

/* Exact key match.  NULL if absent. */
const char *ifcfg_get(const IfcfgFile *f, const char *key);
const IfcfgVar *ifcfg_lookup(const IfcfgFile *f, const char *key);
/* Was an assignment of key rejected (an error diagnostic was added)? */
bool ifcfg_refused(const IfcfgFile *f, const char *key);
/* Line of the (effective) assignment of key, 0 if absent. */
unsigned ifcfg_line(const IfcfgFile *f, const char *key);
/* All effective variables in file order. */
guint ifcfg_n_vars(const IfcfgFile *f);
const IfcfgVar *ifcfg_var(const IfcfgFile *f, guint i);

/*
 * A boolean as initscripts and NetworkManager read it: yes/true/t/y/on/1
 * -> 1, no/false/f/n/off/0 -> 0 (case-insensitive), anything else -> -EINVAL.
 */
int ifcfg_parse_bool(const char *s);

/*
 * Whether a directory entry is a configuration file bondcfg reads.  It must
 * start with "ifcfg-" (and have a non-empty suffix) and is skipped when it
 * ends in ~, .bak, .old, .orig, .rpmnew, .rpmorig, .rpmsave, .swp, or is an
 * alias (contains ':') or a range file (contains "-range"), as initscripts
 * does.
 */
bool ifcfg_filename_is_config(const char *filename);
/* A backup or editor file initscripts skips (is_ignored_file()). */
bool ifcfg_name_is_ignored(const char *filename);
