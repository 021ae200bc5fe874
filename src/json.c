/* SPDX-License-Identifier: GPL-2.0-or-later */
/* JSON output with json-glib, loaded on demand: see json.h. */
#include "json.h"

#include "dl-lib.h"
#include <stdio.h>
#include <stdlib.h>
#include <json-glib/json-glib.h>

#define JSON_DL_SYMBOLS(X)                                                                         \
        X(json_builder_new)                                                                        \
        X(json_builder_begin_object)                                                               \
        X(json_builder_end_object)                                                                 \
        X(json_builder_begin_array)                                                                \
        X(json_builder_end_array)                                                                  \
        X(json_builder_set_member_name)                                                            \
        X(json_builder_add_string_value)                                                           \
        X(json_builder_add_int_value)                                                              \
        X(json_builder_add_double_value)                                                           \
        X(json_builder_add_boolean_value)                                                          \
        X(json_builder_add_null_value)                                                             \
        X(json_builder_add_value)                                                                  \
        X(json_builder_get_root)                                                                   \
        X(json_generator_new)                                                                      \
        X(json_generator_set_root)                                                                 \
        X(json_generator_to_data)                                                                  \
        X(json_node_unref)                                                                         \
        X(g_object_unref)

#define JSON_DL_DEFINE(f) static typeof(f) *sym_##f;
JSON_DL_SYMBOLS(JSON_DL_DEFINE)

/* Load libjson-glib once; without it --json cannot be honoured. */
static void json_dl(void)
{
#define JSON_DL_ENTRY(f) DL_SYM(sym_##f, f),
        static const DlSym syms[] = { JSON_DL_SYMBOLS(JSON_DL_ENTRY) };
        static void *dl;

        if (dl_lib_load(DL_JSON_GLIB, syms, G_N_ELEMENTS(syms), &dl) < 0)
                dl_lib_exit(2);
}

char *json_utf8(const char *s)
{
        if (!s)
                return NULL;
        if (g_utf8_validate(s, -1, NULL))
                return g_strdup(s);
        return g_utf8_make_valid(s, -1);
}

JsonDoc *json_doc_new_value(void)
{
        json_dl();
        return sym_json_builder_new();
}

JsonDoc *json_doc_new(void)
{
        JsonDoc *b = json_doc_new_value();

        json_obj_begin(b);
        json_set_int(b, "format_version", BONDCFG_JSON_FORMAT);
        return b;
}

void json_doc_free(JsonDoc *b)
{
        if (b)
                sym_g_object_unref(b);
}

char *json_doc_finish(JsonDoc *b)
{
        JsonGenerator *g;
        JsonNode *root;
        char *text;

        if (!b)
                return NULL;
        g = sym_json_generator_new();
        json_obj_end(b);
        root = sym_json_builder_get_root(b);
        sym_json_generator_set_root(g, root);
        text = sym_json_generator_to_data(g, NULL);
        sym_json_node_unref(root);
        sym_g_object_unref(g);
        return text;
}

void json_doc_print(JsonDoc *b)
{
        /* one document per run: after an error document (cmd_fail()), the
         * document of the run it ended is not printed too */
        static bool printed;
        g_autofree char *text = json_doc_finish(b);

        if (printed || !text)
                return;
        printed = true;
        puts(text);
        fflush(stdout);
}

void json_obj_begin(JsonDoc *b)
{
        if (!b)
                return;
        sym_json_builder_begin_object(b);
}

void json_obj_end(JsonDoc *b)
{
        if (!b)
                return;
        sym_json_builder_end_object(b);
}

void json_arr_begin(JsonDoc *b)
{
        if (!b)
                return;
        sym_json_builder_begin_array(b);
}

void json_arr_end(JsonDoc *b)
{
        if (!b)
                return;
        sym_json_builder_end_array(b);
}

void json_member(JsonDoc *b, const char *name)
{
        if (!b)
                return;
        sym_json_builder_set_member_name(b, name);
}

void json_add_string(JsonDoc *b, const char *value)
{
        g_autofree char *v = NULL;

        if (!b)
                return;
        if (!value) {
                sym_json_builder_add_null_value(b);
                return;
        }
        v = json_utf8(value);
        sym_json_builder_add_string_value(b, v);
}

void json_add_int(JsonDoc *b, gint64 value)
{
        if (!b)
                return;
        sym_json_builder_add_int_value(b, value);
}

void json_add_double(JsonDoc *b, double value)
{
        if (!b)
                return;
        sym_json_builder_add_double_value(b, value);
}

void json_add_bool(JsonDoc *b, bool value)
{
        if (!b)
                return;
        sym_json_builder_add_boolean_value(b, value);
}

void json_add_null(JsonDoc *b)
{
        if (!b)
                return;
        sym_json_builder_add_null_value(b);
}

void json_add_doc(JsonDoc *b, JsonDoc *sub)
{
        if (!b || !sub) {
                json_doc_free(sub);
                return;
        }
        /* add_value takes the root */
        sym_json_builder_add_value(b, sym_json_builder_get_root(sub));
        json_doc_free(sub);
}

void json_set_string(JsonDoc *b, const char *name, const char *value)
{
        json_member(b, name);
        json_add_string(b, value);
}

void json_set_int(JsonDoc *b, const char *name, gint64 value)
{
        json_member(b, name);
        json_add_int(b, value);
}

void json_set_bool(JsonDoc *b, const char *name, bool value)
{
        json_member(b, name);
        json_add_bool(b, value);
}

void json_set_null(JsonDoc *b, const char *name)
{
        json_member(b, name);
        json_add_null(b);
}

void json_set_uint_or_null(JsonDoc *b, const char *name, guint64 value, bool set)
{
        json_member(b, name);
        if (set)
                json_add_int(b, (gint64)value);
        else
                json_add_null(b);
}

void json_begin_object_member(JsonDoc *b, const char *name)
{
        json_member(b, name);
        json_obj_begin(b);
}

void json_begin_array_member(JsonDoc *b, const char *name)
{
        json_member(b, name);
        json_arr_begin(b);
}
