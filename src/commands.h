/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/*
 * The command layer: the only code that prints.  Each command gets the
 * global context and its own arguments (argv[0] is the command name).
 */

#include <glib.h>
#include <stdbool.h>

enum {
        EXIT_OK = 0,
        EXIT_CONFIG = 1, /* invalid configuration / check errors; nothing touched */
        EXIT_USAGE = 2,  /* usage or I/O error */
        EXIT_KERNEL = 3, /* kernel refused; rolled back */
        EXIT_DRIFT = 4,  /* status: live state differs from config */
};

typedef struct {
        char *root;       /* --root DIR, or NULL */
        char *config_dir; /* --config-dir DIR, or NULL */
        char *dir;        /* resolved ifcfg directory */
        bool json;        /* --json */
        int verbosity;    /* -q: -1, default 0, -v: 1 */
        bool force;       /* --force: check errors become warnings */
        int wait_lock;    /* --wait-lock SECONDS (default 10) */
        bool dry_run;     /* apply --dry-run */
} BondcfgCtx;

typedef struct {
        const char *name;
        const char *args;    /* synopsis of the arguments */
        const char *summary; /* one line */
        int (*run)(BondcfgCtx *ctx, int argc, char **argv);
} BondcfgCommand;

int cmd_check(BondcfgCtx *ctx, int argc, char **argv);
int cmd_show(BondcfgCtx *ctx, int argc, char **argv);
int cmd_apply(BondcfgCtx *ctx, int argc, char **argv);
int cmd_down(BondcfgCtx *ctx, int argc, char **argv);
int cmd_status(BondcfgCtx *ctx, int argc, char **argv);
int cmd_options(BondcfgCtx *ctx, int argc, char **argv);

/* Shared helpers for commands (cmd-common.c) */

/* Print diagnostics: GNU form to stderr (respecting -q), or nothing if JSON. */
void cmd_print_diags(const BondcfgCtx *ctx, const void *diaglist);
/* Append a JSON string literal (quoted, escaped) to s; NULL -> null. */
void json_append_string(GString *s, const char *str);
