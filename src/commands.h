/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/*
 * The command layer: the only code that prints.  Each command gets the
 * global context and its own arguments (argv[0] is the command name).
 */

#include <glib.h>
#include <stdbool.h>
#include "config.h"
#include "diag.h"
#include "json.h"
#include "owned.h"
#include "snapshot.h"
#include "udev-check.h"

enum {
        EXIT_OK = 0,
        EXIT_CONFIG = 1, /* invalid configuration / check errors; nothing touched */
        EXIT_USAGE = 2,  /* usage or I/O error */
        EXIT_KERNEL = 3, /* kernel refused; rolled back */
        EXIT_DRIFT = 4,  /* status: live state differs from config */
};

typedef struct {
        /* GOption fills the flags as gboolean (an int): a bool there would
         * have it write over its neighbours */
        char *root;        /* --root DIR, or NULL */
        char *config_dir;  /* --config-dir DIR, or NULL */
        char *dir;         /* resolved ifcfg directory */
        gboolean json;     /* --json */
        int verbosity;     /* -q: -1, default 0, -v: 1 */
        gboolean force;    /* --force: check errors become warnings */
        gboolean offline;  /* --offline (implied by --root): do not inspect this machine */
        int wait_lock;     /* --wait-lock SECONDS (default 10) */
        gboolean dry_run;  /* apply --dry-run */
        gboolean boot;     /* apply --boot */
        int timeout;       /* wait-online --timeout SECONDS */
        gboolean stack;    /* down --stack: the VLANs above the bond too */
        bool strict_files; /* apply, down, stop: refuse files root alone cannot change */
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
int cmd_stop(BondcfgCtx *ctx, int argc, char **argv);
int cmd_wait_online(BondcfgCtx *ctx, int argc, char **argv);
int cmd_status(BondcfgCtx *ctx, int argc, char **argv);
int cmd_options(BondcfgCtx *ctx, int argc, char **argv);
int cmd_keys(BondcfgCtx *ctx, int argc, char **argv);
int cmd_role(BondcfgCtx *ctx, int argc, char **argv);
int cmd_files(BondcfgCtx *ctx, int argc, char **argv);

/* Shared helpers for commands (cmd-common.c) */

/*
 * A failure that ends the command: "bondcfg: MESSAGE" and "  hint: HINT"
 * (NULL: none) on stderr, or under --json a document with an "error"
 * object ({message, hint}) and "exit".  Returns rc.
 */
int cmd_fail(const BondcfgCtx *ctx, int rc, const char *hint, const char *fmt, ...)
        G_GNUC_PRINTF(4, 5);

/*
 * Load the ifcfg directory and run the static validation.  Diagnostics go
 * to diags (a DiagList*).  Returns 0, or EXIT_USAGE after printing why the
 * directory could not be read.
 */
int cmd_load_config(const BondcfgCtx *ctx, Config **config, DiagList *diags);

/*
 * The bonds named on the command line (argv[1..]), or all bonds (only those
 * with ONBOOT != no if onboot_only) when none are named.  Unknown names are
 * printed and give EXIT_USAGE.  *out holds CfgBond* borrowed from config.
 */
int cmd_select_bonds(const BondcfgCtx *ctx, const Config *config, int argc, char **argv,
                     bool onboot_only, GPtrArray **out);

/*
 * The diagnostics that concern the selected bonds: those about their own
 * files (the bond's, its ports', files whose MASTER names it, files whose
 * identity keys could not be read, and b->files) stay; an error about
 * another file becomes a warning that says it is ignored, and other
 * diagnostics about other files are dropped.
 */
void cmd_scope_diags(const Config *c, const GPtrArray *bonds, DiagList *diags);

/* cmd_load_config() then cmd_select_bonds(), then, if bonds were named,
 * cmd_scope_diags(): the start of most commands. */
int cmd_load_selected(const BondcfgCtx *ctx, int argc, char **argv, bool onboot_only,
                      Config **config, GPtrArray **bonds, DiagList *diags);

/* Read the sysctls of the bonds (CfgBond*, NULL: none) into the snapshot. */
void cmd_read_sysctls(Snapshot *s, const GPtrArray *bonds);
/* Likewise for the links stacked on bonds (cfg's VLANs above them). */
void cmd_read_stack_sysctls(Snapshot *s, const Config *cfg, const GPtrArray *bonds);
/* What bondcfg put on the link called name before (owned.h); never NULL. */
Owned *cmd_load_owned(const char *name, const Snapshot *s);
/* What bondcfg put on each link stacked on b: ifname -> Owned*. */
GHashTable *cmd_load_stack_owned(const Config *cfg, const CfgBond *b, const Snapshot *s);

/* show: a link's addresses, routes, rules and sysctls, one "  key: value" line each. */
void cmd_print_l3_text(const char *name, const CfgL3 *l3);

/* The stack above the bonds in show (cmd-show-stack.c). */
/* How many VLANs and bridges sit on the bonds (CfgBond*). */
void cmd_stack_count(const Config *c, const GPtrArray *bonds, guint *nvlans, guint *nbridges);
/* The bond block's "  vlans:" and "  bridge:" lines, when it has any. */
void cmd_print_bond_stack_lines(const Config *c, const CfgBond *b);
/* The VLANs on b and the bridges it is under (each bridge once: shown). */
void cmd_print_stack_text(const Config *c, const CfgBond *b, GHashTable *shown);
/* "vlans":[...],"bridges":[...], of the bonds, with a trailing comma. */
void cmd_json_add_stack(JsonDoc *b, const Config *c, const GPtrArray *bonds);

/* Print diagnostics: GNU form to stderr (respecting -q), or nothing if JSON. */
void cmd_print_diags(const BondcfgCtx *ctx, const DiagList *diags);
/* Append "diagnostics":[{severity,file,line,key,message,hint},...] to s. */
void json_add_diags(JsonDoc *b, const DiagList *diags);

/*
 * Run the member-NIC checks (udev) for the selected bonds: CHECK mode for
 * check, APPLY mode for apply.  Offline (--offline, --root, or no port
 * device present) they add a note saying they were skipped.  links: the live
 * links if the caller holds a snapshot, else NULL.  Returns 0 or an exit code
 * after printing.
 */
int cmd_nic_checks(const BondcfgCtx *ctx, const Config *c, const GPtrArray *bonds,
                   UdevCheckMode mode, const Snapshot *links, DiagList *diags);
