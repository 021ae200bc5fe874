/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/*
 * JSON output, built with json-glib (JsonBuilder, JsonGenerator): bondcfg
 * only writes JSON, never reads it.  Every document a command prints is
 * one object whose first member is "format_version" (BONDCFG_JSON_FORMAT,
 * bondcfg(8) JSON OUTPUT), on one line.  Strings are made valid UTF-8 on
 * the way in (a byte that is not UTF-8 becomes U+FFFD), so that what is
 * printed always parses.
 *
 * json-glib (and the gio and gobject it needs) is dlopen()ed by the first
 * document, as module.c does with libkmod: only --json loads it, so the
 * other commands start without it.  Its headers are needed at build time,
 * and no other file includes them: a JsonDoc is the builder, opaque.
 */

#include <glib.h>
#include <stdbool.h>

/* Bumped when a member is renamed or removed, or changes meaning; adding a
 * member does not bump it. */
#define BONDCFG_JSON_FORMAT 1

/* json-glib's JsonBuilder */
typedef struct _JsonBuilder JsonDoc;

/* A document: an open object with its "format_version" member.  If
 * json-glib cannot be loaded this says so on stderr and exits with status
 * 2 (usage or I/O error): --json cannot be honoured. */
JsonDoc *json_doc_new(void);
/* A value to graft into a document with json_add_doc() (e.g. an error
 * object built while the document's array is open). */
JsonDoc *json_doc_new_value(void);
void json_doc_free(JsonDoc *b);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(JsonDoc, json_doc_free)
/* Close the document's object and return its text (caller frees). */
char *json_doc_finish(JsonDoc *b);
/* Close it and print it on stdout, with a newline: the first document of
 * the process only (a command prints one). */
void json_doc_print(JsonDoc *b);

/* Everything below does nothing on a NULL document (a command without
 * --json need not build one, and never loads json-glib). */

/* Structure */
void json_obj_begin(JsonDoc *b);
void json_obj_end(JsonDoc *b);
void json_arr_begin(JsonDoc *b);
void json_arr_end(JsonDoc *b);
/* The name of the next member of the open object. */
void json_member(JsonDoc *b, const char *name);

/* Values (an array's element, or the member just named); a NULL string is
 * null. */
void json_add_string(JsonDoc *b, const char *value);
void json_add_int(JsonDoc *b, gint64 value);
void json_add_double(JsonDoc *b, double value);
void json_add_bool(JsonDoc *b, bool value);
void json_add_null(JsonDoc *b);
/* sub's value (complete), which is freed. */
void json_add_doc(JsonDoc *b, JsonDoc *sub);

/* Members of the open object; a NULL string is null. */
void json_set_string(JsonDoc *b, const char *name, const char *value);
void json_set_int(JsonDoc *b, const char *name, gint64 value);
void json_set_bool(JsonDoc *b, const char *name, bool value);
void json_set_null(JsonDoc *b, const char *name);
/* value when set, else null */
void json_set_uint_or_null(JsonDoc *b, const char *name, guint64 value, bool set);
void json_begin_object_member(JsonDoc *b, const char *name);
void json_begin_array_member(JsonDoc *b, const char *name);

/* A valid UTF-8 copy of s (bytes that are not UTF-8 become U+FFFD). */
char *json_utf8(const char *s);
