/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/*
 * The bonding kernel module, through libkmod.
 *
 * bond_module_ensure() loads "bonding" unless /sys/module/bonding exists,
 * honouring /etc/modprobe.d (blacklist, options).  Unless modprobe.d sets
 * max_bonds, max_bonds=0 is appended so that no default bond0 appears.
 */

#include <glib.h>
#include <stdbool.h>

/* Is the bonding driver present (loaded or built in)? */
bool bond_module_loaded(void);

/*
 * Load the module if needed.  *loaded (may be NULL) tells whether this call
 * loaded it.  Returns 0 or -errno; on failure *error (may be NULL) gets a
 * message (caller frees).
 */
int bond_module_ensure(bool *loaded, char **error);

/* The extra options bondcfg passes for module options `config_opts` from
 * modprobe.d: "max_bonds=0" unless they set max_bonds, else NULL. */
const char *bond_module_extra_options(const char *config_opts);

/* The module of a stacked link kind ("8021q", "bridge"), loaded through
 * libkmod as the bonding module is, unless /sys/module/NAME exists (loaded
 * or built in).  0 or -errno with *error (may be NULL). */
int link_module_ensure(const char *name, char **error);
