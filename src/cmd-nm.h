/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/*
 * NetworkManager beside bondcfg (command layer): keep it off the devices
 * of the bonds bondcfg brings up (nm-conf.h, nm-dbus.h), refuse to take a
 * device on which it runs a profile of its own, give the devices back.
 * All of it is off with [networkmanager] keep_off = no, and when
 * NetworkManager is neither installed nor running.
 */

#include "commands.h"

/*
 * Before any change: an active NetworkManager profile of its own (not one
 * it generated) on a device of the bonds is an error in diags that names
 * NetworkManager, the device and the profile, and says how to hand the
 * device over.  snap (may be NULL) resolves ports named by HWADDR only.
 */
void cmd_nm_check(const BondcfgCtx *ctx, const GPtrArray *bonds, const Snapshot *snap,
                  DiagList *diags);

/*
 * Tell NetworkManager to leave the devices of the bonds alone, before a
 * port is enslaved: their records, the conf.d file, a configuration
 * reload when it runs.  With every bond selected (all), the records of
 * bonds the files no longer have go.  A failure is a warning (printed and
 * logged): NetworkManager may then take the devices.
 */
void cmd_nm_claim(const BondcfgCtx *ctx, const Config *cfg, const GPtrArray *bonds,
                  const Snapshot *snap, bool all);

/* Give bond's devices back to NetworkManager (down). */
void cmd_nm_release(const BondcfgCtx *ctx, const char *bond);

/* The devices NetworkManager was told to leave alone: bond -> char**. */
GHashTable *cmd_nm_records(void);
