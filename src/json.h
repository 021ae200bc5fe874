/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/*
 * JSON output, built with json-glib (JsonBuilder, JsonGenerator): bondcfg
 * only writes JSON, never reads it.  Every document a command prints is
 * one object whose first member is "format_version" (BONDCFG_JSON_FORMAT,
 * bondcfg(8) JSON OUTPUT), on one line.  Strings are made valid UTF-8 on
 * the way in (a byte that is not UTF-8 becomes U+FFFD), so that what is
 * printed always parses.
 */

#include <glib.h>
#include <stdbool.h>
#include <json-glib/json-glib.h>

/* Bumped when a member is renamed or removed, or changes meaning; adding a
 * member does not bump it. */
#define BONDCFG_JSON_FORMAT 1

/* A document: an open object with its "format_version" member. */
JsonBuilder *json_doc_new(void);
/* Close the document's object and return its text (caller frees). */
char *json_doc_finish(JsonBuilder *b);
/* Close it and print it on stdout, with a newline: the first document of
 * the process only (a command prints one). */
void json_doc_print(JsonBuilder *b);

/* Members of the open object; a NULL string is null. */
void json_set_string(JsonBuilder *b, const char *name, const char *value);
void json_set_int(JsonBuilder *b, const char *name, gint64 value);
void json_set_bool(JsonBuilder *b, const char *name, bool value);
void json_set_null(JsonBuilder *b, const char *name);
/* value when set, else null */
void json_set_uint_or_null(JsonBuilder *b, const char *name, guint64 value, bool set);
void json_begin_object_member(JsonBuilder *b, const char *name);
void json_begin_array_member(JsonBuilder *b, const char *name);

/* An element of the open array; a NULL string is null. */
void json_add_string(JsonBuilder *b, const char *value);

/* A valid UTF-8 copy of s (bytes that are not UTF-8 become U+FFFD). */
char *json_utf8(const char *s);
