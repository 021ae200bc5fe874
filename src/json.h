/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/* Minimal JSON output helpers (bondcfg only writes JSON, never reads it). */

#include <glib.h>

/* Append a JSON string literal (quoted, escaped) to s; NULL -> null. */
void json_append_string(GString *s, const char *str);
