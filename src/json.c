/* SPDX-License-Identifier: GPL-2.0-or-later */
/* JSON output with json-glib: see json.h. */
#include "json.h"

#include <stdio.h>

char *json_utf8(const char *s)
{
        if (!s)
                return NULL;
        if (g_utf8_validate(s, -1, NULL))
                return g_strdup(s);
        return g_utf8_make_valid(s, -1);
}

JsonBuilder *json_doc_new(void)
{
        JsonBuilder *b = json_builder_new();

        json_builder_begin_object(b);
        json_set_int(b, "format_version", BONDCFG_JSON_FORMAT);
        return b;
}

char *json_doc_finish(JsonBuilder *b)
{
        g_autoptr(JsonGenerator) g = json_generator_new();
        g_autoptr(JsonNode) root = NULL;

        json_builder_end_object(b);
        root = json_builder_get_root(b);
        json_generator_set_root(g, root);
        return json_generator_to_data(g, NULL);
}

void json_doc_print(JsonBuilder *b)
{
        /* one document per run: after an error document (cmd_fail()), the
         * document of the run it ended is not printed too */
        static bool printed;
        g_autofree char *text = json_doc_finish(b);

        if (printed)
                return;
        printed = true;
        puts(text);
        fflush(stdout);
}

void json_set_string(JsonBuilder *b, const char *name, const char *value)
{
        json_builder_set_member_name(b, name);
        json_add_string(b, value);
}

void json_set_int(JsonBuilder *b, const char *name, gint64 value)
{
        json_builder_set_member_name(b, name);
        json_builder_add_int_value(b, value);
}

void json_set_bool(JsonBuilder *b, const char *name, bool value)
{
        json_builder_set_member_name(b, name);
        json_builder_add_boolean_value(b, value);
}

void json_set_null(JsonBuilder *b, const char *name)
{
        json_builder_set_member_name(b, name);
        json_builder_add_null_value(b);
}

void json_set_uint_or_null(JsonBuilder *b, const char *name, guint64 value, bool set)
{
        json_builder_set_member_name(b, name);
        if (set)
                json_builder_add_int_value(b, (gint64)value);
        else
                json_builder_add_null_value(b);
}

void json_begin_object_member(JsonBuilder *b, const char *name)
{
        json_builder_set_member_name(b, name);
        json_builder_begin_object(b);
}

void json_begin_array_member(JsonBuilder *b, const char *name)
{
        json_builder_set_member_name(b, name);
        json_builder_begin_array(b);
}

void json_add_string(JsonBuilder *b, const char *value)
{
        g_autofree char *v = NULL;

        if (!value) {
                json_builder_add_null_value(b);
                return;
        }
        v = json_utf8(value);
        json_builder_add_string_value(b, v);
}
