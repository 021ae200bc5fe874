/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "diag.h"

#include <string.h>

static const char *const severity_table[_DIAG_SEVERITY_MAX] = {
        [DIAG_ERROR] = "error",
        [DIAG_WARNING] = "warning",
        [DIAG_NOTE] = "note",
};

const char *diag_severity_to_string(DiagSeverity s)
{
        if ((unsigned)s >= _DIAG_SEVERITY_MAX)
                return NULL;
        return severity_table[s];
}

static void diag_free(gpointer p)
{
        Diag *d = p;

        g_free(d->file);
        g_free(d->key);
        g_free(d->message);
        g_free(d->hint);
        g_free(d);
}

DiagList *diag_list_new(void)
{
        DiagList *l = g_new0(DiagList, 1);

        l->items = g_ptr_array_new_with_free_func(diag_free);
        return l;
}

void diag_list_free(DiagList *l)
{
        if (!l)
                return;
        g_ptr_array_unref(l->items);
        g_free(l);
}

void diag_list_move(DiagList *to, DiagList *from)
{
        for (guint i = 0; i < from->items->len; i++)
                g_ptr_array_add(to->items, from->items->pdata[i]);
        g_ptr_array_set_free_func(from->items, NULL);
        g_ptr_array_set_size(from->items, 0);
        g_ptr_array_set_free_func(from->items, diag_free);
}

DiagList *diag_list_copy(const DiagList *from)
{
        DiagList *l = diag_list_new();

        for (guint i = 0; i < from->items->len; i++) {
                const Diag *d = from->items->pdata[i];

                diag_add(l, d->severity, d->file, d->line, d->key, d->hint, "%s", d->message);
        }
        return l;
}

Diag *diag_addv(DiagList *l, DiagSeverity sev, const char *file, unsigned line, const char *key,
                const char *hint, const char *fmt, va_list ap)
{
        Diag *d = g_new0(Diag, 1);

        if (sev == DIAG_ERROR && l->errors_as_warnings)
                sev = DIAG_WARNING;
        d->severity = sev;
        d->file = g_strdup(file);
        d->line = line;
        d->key = g_strdup(key);
        d->hint = g_strdup(hint);
        d->message = g_strdup_vprintf(fmt, ap);
        g_ptr_array_add(l->items, d);
        return d;
}

Diag *diag_add(DiagList *l, DiagSeverity sev, const char *file, unsigned line, const char *key,
               const char *hint, const char *fmt, ...)
{
        Diag *d;
        va_list ap;

        va_start(ap, fmt);
        d = diag_addv(l, sev, file, line, key, hint, fmt, ap);
        va_end(ap);
        return d;
}

size_t diag_count(const DiagList *l, DiagSeverity sev)
{
        size_t n = 0;

        for (guint i = 0; i < l->items->len; i++)
                if (((Diag *)l->items->pdata[i])->severity == sev)
                        n++;
        return n;
}

typedef struct {
        Diag *d;
        guint idx;
} SortEnt;

static gint diag_cmp(gconstpointer a, gconstpointer b)
{
        const SortEnt *x = a, *y = b;
        int r = g_strcmp0(x->d->file, y->d->file);

        if (r)
                return r;
        if (x->d->line != y->d->line)
                return x->d->line < y->d->line ? -1 : 1;
        return x->idx < y->idx ? -1 : (x->idx > y->idx);
}

void diag_list_sort(DiagList *l)
{
        guint n = l->items->len;
        g_autofree SortEnt *ents = g_new(SortEnt, n ? n : 1);

        for (guint i = 0; i < n; i++)
                ents[i] = (SortEnt){ l->items->pdata[i], i };
        qsort(ents, n, sizeof(*ents), (int (*)(const void *, const void *))diag_cmp);
        for (guint i = 0; i < n; i++)
                l->items->pdata[i] = ents[i].d;
}

char *diag_format(const Diag *d)
{
        GString *s = g_string_new(NULL);

        if (d->file && d->line)
                g_string_append_printf(s, "%s:%u: ", d->file, d->line);
        else if (d->file)
                g_string_append_printf(s, "%s: ", d->file);
        else
                g_string_append(s, "bondcfg: ");
        g_string_append_printf(s, "%s: %s\n", diag_severity_to_string(d->severity), d->message);
        if (d->hint)
                g_string_append_printf(s, "  hint: %s\n", d->hint);
        return g_string_free(s, FALSE);
}
