/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/*
 * Diagnostics: what the library found wrong with a configuration.
 *
 * Library code never prints.  It appends to a DiagList, and the command layer
 * decides how to render it (GNU "FILE:LINE: error: MSG" form, or JSON).
 */

#include <glib.h>
#include <stdbool.h>

typedef enum {
        DIAG_ERROR,
        DIAG_WARNING,
        DIAG_NOTE,
        _DIAG_SEVERITY_MAX,
} DiagSeverity;

typedef struct {
        DiagSeverity severity;
        char *file;    /* may be NULL (e.g. a live-system finding) */
        unsigned line; /* 0 = whole file / unknown */
        char *key;     /* ifcfg key or option name, may be NULL */
        char *message;
        char *hint;     /* how to fix it, may be NULL */
        bool untrusted; /* a file root alone cannot change (trust.h) */
} Diag;

typedef struct {
        GPtrArray *items;        /* Diag* */
        bool errors_as_warnings; /* --force: downgrade errors added from now on */
} DiagList;

const char *diag_severity_to_string(DiagSeverity s);

DiagList *diag_list_new(void);
void diag_list_free(DiagList *l);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(DiagList, diag_list_free)

/* Append a diagnostic.  file/key/hint may be NULL.  Returns the new entry. */
Diag *diag_add(DiagList *l, DiagSeverity sev, const char *file, unsigned line, const char *key,
               const char *hint, const char *fmt, ...) G_GNUC_PRINTF(7, 8);
/* The same with a va_list, for wrappers that find file and line. */
Diag *diag_addv(DiagList *l, DiagSeverity sev, const char *file, unsigned line, const char *key,
                const char *hint, const char *fmt, va_list ap) G_GNUC_PRINTF(7, 0);

size_t diag_count(const DiagList *l, DiagSeverity sev);
static inline bool diag_has_errors(const DiagList *l)
{
        return diag_count(l, DIAG_ERROR) > 0;
}

/* Move every entry of from to the end of to, in order; from is left empty. */
void diag_list_move(DiagList *to, DiagList *from);
/* A deep copy of from's diagnostics. */
DiagList *diag_list_copy(const DiagList *from);

/* Stable order: by file, then line, then insertion order. */
void diag_list_sort(DiagList *l);

/* Render "FILE:LINE: severity: message" plus an indented hint line. */
char *diag_format(const Diag *d);
