/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/*
 * Member-NIC checks: whether the configured ports make a sound bond.  The
 * facts about each NIC come from nic-info.h.
 *
 * Rules, per bond (file = the bond's or the port's ifcfg, line = the key):
 *  port missing            CHECK: warning, APPLY: error   port DEVICE/HWADDR
 *  enslaved to another master          error              port MASTER
 *  no carrier                          warning            port DEVICE
 *  max MTU < bond MTU (default 1500)   error              bond MTU
 *  chipset (vendor:device or driver) differ:
 *          strict: error, warn: warning, off: nothing     port MASTER
 *  virtual port (chipset not checked)  note               port DEVICE
 *  speed or duplex differ   802.3ad: error, else warning  port MASTER
 *    (among non-virtual ports reporting them; a veth's speed means nothing)
 *  ports share phys_port_id            warning            port MASTER
 *  SR-IOV VF in active-backup without fail_over_mac=active|follow:
 *                                      warning            bond BONDING_OPTS
 *  identity of each port               note               port DEVICE
 *
 * The chipset policy is the bond's BONDCFG_CHIPSET_CHECK, else [check]
 * chipset in /etc/bondcfg.conf, else strict.  An invalid
 * BONDCFG_CHIPSET_CHECK value is ignored here (strict/settings apply);
 * reporting it is config.c's job (it does, via BONDCFG_CHIPSET_CHECK).
 * --force is DiagList.errors_as_warnings, set by the caller.
 */

#include <stdbool.h>
#include "config.h"
#include "diag.h"
#include "nic-info.h"
#include "settings.h"

typedef enum {
        UDEV_CHECK_MODE_CHECK, /* bondcfg check: a missing port is a warning */
        UDEV_CHECK_MODE_APPLY, /* bondcfg apply: a missing port is an error */
} UdevCheckMode;

/*
 * Run every rule above for the bonds named in `bonds` (NULL-terminated, NULL
 * = all bonds of c); unknown names are ignored.  s may be NULL (defaults).
 *
 * offline: the caller knows the live system is not the target (--root):
 * only a note "NIC checks skipped: ..." is added.  When none of the selected
 * bonds' ports exists on this system, CHECK mode also adds just that note
 * (the files are being authored elsewhere); APPLY mode reports each missing
 * port as an error.
 *
 * links: the live links (a snapshot apply already holds); NULL: the links
 * are dumped over rtnetlink for the call.
 *
 * Returns 0 (findings are in diags), or -errno if udev or rtnetlink is
 * unusable: -ELIBACC if libudev or libnl-3 cannot be loaded (dl_lib_strerror() says which).
 */
int udev_check_config(const Config *c, const Settings *s, const char *const *bonds,
                      UdevCheckMode mode, bool offline, const Snapshot *links, DiagList *diags);
