/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/*
 * Static validation of the VLANs and bridges above the bonds
 * (config-stack.h): VLAN ids 1 to 4094, interface names of 15 bytes at most
 * (PHYSDEV.VLAN_ID included), MTUs down the chain, a device in two
 * bridges, one VLAN defined twice.  The VLAN and
 * bridge files left alone get a note.  Called by validate_config().
 */

#include "config.h"
#include "diag.h"

/* Returns 0 if no errors were added, -EINVAL otherwise. */
int validate_stack(const Config *c, DiagList *diags);
