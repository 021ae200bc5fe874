/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/* apply's parts (cmd-apply.c), and apply --boot (cmd-boot.c). */

#include "cmd-run.h"

/* The system log's record of a refusal: each error in diags, per bond. */
void apply_log_refusal(const GPtrArray *bonds, const DiagList *diags);

/*
 * Plan and check the bonds, all before the first write (a problem stops
 * them all), tell NetworkManager to keep off, then run the plans one after
 * the other, each rolled back on its own failure.  The lock is held.  all:
 * every bond of the files is selected.  Returns an exit code.
 */
int apply_bonds(const BondcfgCtx *ctx, NlConn *nl, const Config *cfg, const GPtrArray *bonds,
                bool all, DiagList *diags, unsigned *counter, RunJson *json);

/* The bonding module; EXIT_KERNEL after saying and logging why not. */
int apply_load_module(const GPtrArray *bonds);

/*
 * Wait for the ports of the bonds that are not there yet: up to the
 * longest DEVTIMEOUT of those ports, and at least min_seconds.  Returns
 * the ports still missing when the time is up (CfgPort*, borrowed).
 */
GPtrArray *apply_wait_ports(const BondcfgCtx *ctx, NlConn *nl, const GPtrArray *bonds,
                            unsigned min_seconds);

/* apply --boot: every bond on its own, missing ports waited for, then left
 * out; one bond's problem does not hold back the others. */
int apply_boot(BondcfgCtx *ctx, Config *cfg, GPtrArray *bonds, DiagList *diags, bool all);
