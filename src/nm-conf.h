/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/*
 * Keeping NetworkManager off bondcfg's devices: a runtime configuration
 * file, NetworkManager.conf(5)'s
 *
 *   [keyfile]
 *   unmanaged-devices+=interface-name:bond0;interface-name:eth0;...
 *
 * ("+=" adds to the list other files give, it does not replace it), made
 * from one record per bond in BONDCFG_STATE_DIR/nm/<bond>: the devices that
 * bond holds (the bond and its ports).  Written before a port is enslaved;
 * NetworkManager reads it on its start or on a configuration reload
 * (nm-dbus.h).  A bond's record goes with `bondcfg down` or when the files
 * drop the bond, and so do its devices from the list.  The file is in
 * /run: it is gone at reboot, with the bonds.
 */

#include <glib.h>
#include <stdbool.h>

#define NM_CONF_DIR  "/run/NetworkManager/conf.d"
#define NM_CONF_NAME "90-bondcfg.conf"

/* The records: bond name -> char** (its devices), sorted; NULL on error
 * (-errno in *err).  A missing directory is an empty table. */
GHashTable *nm_conf_records(const char *state_dir, int *err);

/*
 * Set bond's record to devices (NULL or empty: remove it), then write
 * conf_dir/NM_CONF_NAME from all records (removed when there are none).
 * *changed tells whether that file changed, i.e. whether NetworkManager
 * must reload.  Returns 0 or -errno.
 */
int nm_conf_set(const char *state_dir, const char *conf_dir, const char *bond,
                const char *const *devices, bool *changed);

/* The file's text for the records (exposed for the tests). */
char *nm_conf_format(GHashTable *records);
