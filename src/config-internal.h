/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/* Private to config.c and config-values.c: typed values from ifcfg keys. */

#include "config.h"

/* The value of key, or NULL if it is absent or empty (as NetworkManager reads it). */
const char *cfg_get_str(const IfcfgFile *f, const char *key);
/* An error at the line of key.  Takes ownership of hint. */
void cfg_err_key(DiagList *diags, const IfcfgFile *f, const char *key, char *hint, const char *fmt,
                 ...) G_GNUC_PRINTF(5, 6);
/* yes/no key; an invalid value is an error and gives def. */
bool cfg_get_bool(const IfcfgFile *f, const char *key, bool def, DiagList *diags);
/* Decimal digits only, value <= max. */
bool cfg_parse_decimal(const char *s, unsigned max, unsigned *out);
/* A MAC address key of len bytes (6, or 20 for IPoIB), canonical lower-case,
 * or NULL (absent or invalid: an error). */
char *cfg_load_mac(const IfcfgFile *f, const char *key, size_t len, DiagList *diags);
