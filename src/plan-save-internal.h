/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/* Private to plan-save.c and plan-save-l3.c: the key helpers. */

#include <glib.h>
#include <stdbool.h>
#include "route.h"
#include "rule.h"

static inline void put_str(GKeyFile *kf, const char *g, const char *key, const char *v)
{
        if (v)
                g_key_file_set_string(kf, g, key, v);
}

static inline void put_uint(GKeyFile *kf, const char *g, const char *key, guint64 v)
{
        if (v)
                g_key_file_set_uint64(kf, g, key, v);
}

static inline void put_bool(GKeyFile *kf, const char *g, const char *key, bool v)
{
        if (v)
                g_key_file_set_boolean(kf, g, key, TRUE);
}

static inline char *get_str(GKeyFile *kf, const char *g, const char *key)
{
        return g_key_file_get_string(kf, g, key, NULL);
}

/* The number at key (0 if none); false if it is there and not a number
 * up to max. */
static inline bool get_uint(GKeyFile *kf, const char *g, const char *key, guint64 max, guint64 *out)
{
        g_autofree char *v = g_key_file_get_value(kf, g, key, NULL);

        *out = 0;
        return !v || g_ascii_string_to_unsigned(v, 10, 0, max, out, NULL);
}

static inline bool get_bool(GKeyFile *kf, const char *g, const char *key)
{
        return g_key_file_get_boolean(kf, g, key, NULL);
}

/* A route or a rule, field by field ("route-*", "rule-*" keys); a "has"
 * flag is its key's presence.  load: NULL if a field is out of range. */
void plan_save_route(GKeyFile *kf, const char *g, const NetRoute *r);
NetRoute *plan_load_route(GKeyFile *kf, const char *g);
void plan_save_rule(GKeyFile *kf, const char *g, const NetRule *r);
NetRule *plan_load_rule(GKeyFile *kf, const char *g);
