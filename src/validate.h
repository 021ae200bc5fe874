/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/*
 * Static validation of a loaded Config: everything that can be decided from
 * the files alone (no live system).  Each rule adds diagnostics with file,
 * line, key, message and hint.
 */

#include "config.h"
#include "diag.h"

/* Returns 0 if no errors were added, -EINVAL otherwise. */
int validate_config(const Config *c, DiagList *diags);

/* Interface name rules: 1..15 bytes, not "." or "..", no '/', ':' or space. */
bool ifname_is_valid(const char *name);
