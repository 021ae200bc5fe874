/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * /etc/bondcfg.conf, read with inih.  The keys are documented in settings.h.
 *
 * inih is fed through our own line reader so that every diagnostic carries
 * the exact line number (inih's handler has no line number in this build,
 * and it only reports the first syntax error).  The reader also rejects
 * lines that are neither a comment, a "[section]" nor a "key = value" (and
 * so inih's multi-line continuation values, which bondcfg does not use),
 * and hides them from inih.
 */
#include "settings.h"
#include "trust.h"

#include "dl-lib.h"
#include <errno.h>
#include <ini.h>
#include <stddef.h>
#include <string.h>

static const char *const chipset_check_names[_CHIPSET_CHECK_MAX] = {
        [CHIPSET_CHECK_STRICT] = "strict",
        [CHIPSET_CHECK_WARN] = "warn",
        [CHIPSET_CHECK_OFF] = "off",
};

ChipsetCheck chipset_check_from_string(const char *s)
{
        if (!s)
                return _CHIPSET_CHECK_INVALID;
        for (int i = 0; i < _CHIPSET_CHECK_MAX; i++)
                if (g_ascii_strcasecmp(s, chipset_check_names[i]) == 0)
                        return (ChipsetCheck)i;
        return _CHIPSET_CHECK_INVALID;
}

const char *chipset_check_to_string(ChipsetCheck c)
{
        if ((unsigned)c >= _CHIPSET_CHECK_MAX)
                return NULL;
        return chipset_check_names[c];
}

Settings *settings_new(void)
{
        Settings *s = g_new0(Settings, 1);

        s->path = g_strdup(BONDCFG_SETTINGS_FILE);
        s->chipset = CHIPSET_CHECK_STRICT;
        s->port_timeout = 30;
        s->nm_keep_off = true;
        return s;
}

void settings_free(Settings *s)
{
        if (!s)
                return;
        g_free(s->path);
        g_free(s);
}

/* ---- the keys: one table drives parsing, the hints and settings.h ---- */

typedef enum {
        SETTING_CHIPSET, /* strict | warn | off */
        SETTING_SECONDS, /* 0 .. max */
        SETTING_BOOL,    /* yes/no/true/false/1/0/on/off */
} SettingType;

typedef struct {
        const char *section, *key;
        SettingType type;
        size_t value; /* offsetof the value in Settings */
        size_t line;  /* offsetof its line */
        unsigned max; /* SETTING_SECONDS */
        const char *hint;
} SettingDesc;

#define FIELD(f) offsetof(Settings, f)
static const SettingDesc setting_keys[] = {
        { "check", "chipset", SETTING_CHIPSET, FIELD(chipset), FIELD(chipset_line), 0,
          "use strict, warn or off" },
        { "boot", "port_timeout", SETTING_SECONDS, FIELD(port_timeout), FIELD(port_timeout_line),
          600, "give a number of seconds from 0 to 600" },
        { "networkmanager", "keep_off", SETTING_BOOL, FIELD(nm_keep_off), FIELD(nm_keep_off_line),
          0, "use yes or no" },
};
#undef FIELD

static bool section_known(const char *name)
{
        for (size_t i = 0; i < G_N_ELEMENTS(setting_keys); i++)
                if (strcmp(setting_keys[i].section, name) == 0)
                        return true;
        return false;
}

/* "[check], [boot], ..." or, with section, "chipset, ..." of that section */
static char *known_names(const char *section)
{
        g_autoptr(GString) s = g_string_new(NULL);

        for (size_t i = 0; i < G_N_ELEMENTS(setting_keys); i++) {
                const SettingDesc *d = &setting_keys[i];
                bool seen = false;

                if (section && strcmp(d->section, section) != 0)
                        continue;
                for (size_t k = 0; k < i && !section; k++)
                        seen |= strcmp(setting_keys[k].section, d->section) == 0;
                if (seen)
                        continue;
                g_string_append_printf(s, "%s%s%s%s", s->len ? ", " : "", section ? "" : "[",
                                       section ? d->key : d->section, section ? "" : "]");
        }
        return g_string_free(g_steal_pointer(&s), FALSE);
}

typedef struct {
        const char *text; /* the file's bytes, not NUL-terminated */
        size_t len, pos;  /* its length; where the next line starts */
        const char *path;
        DiagList *diags;
        Settings *s;
        unsigned lineno;
} ParseState;

/* "[name]" (already stripped) -> name, or NULL if the header is malformed. */
static char *section_header_name(const char *line)
{
        const char *end = strchr(line, ']');
        g_autofree char *name = NULL;

        if (!end)
                return NULL;
        for (const char *p = end + 1; *p; p++) {
                if (*p == ';' || *p == '#')
                        break;
                if (!g_ascii_isspace(*p))
                        return NULL;
        }
        name = g_strndup(line + 1, end - line - 1);
        return g_strdup(g_strstrip(name));
}

/*
 * Check one line before inih sees it.  Returns false if the line is to be
 * hidden from inih (a diagnostic was added).
 */
static bool precheck_line(ParseState *st, char *line)
{
        char *t = line;

        if (st->lineno == 1 && g_str_has_prefix(t, "\xEF\xBB\xBF"))
                t += 3;
        t = g_strstrip(t);
        if (!*t || *t == ';' || *t == '#')
                return true;
        if (*t == '[') {
                g_autofree char *name = section_header_name(t);

                if (!name || !*name) {
                        diag_add(st->diags, DIAG_ERROR, st->path, st->lineno, NULL,
                                 "a section header looks like [check]",
                                 "malformed section header '%s'", t);
                        return false;
                }
                if (!section_known(name)) {
                        g_autofree char *known = known_names(NULL);
                        g_autofree char *hint = g_strdup_printf("known sections: %s", known);

                        diag_add(st->diags, DIAG_WARNING, st->path, st->lineno, name, hint,
                                 "unknown section [%s]; its keys are ignored", name);
                }
                return true;
        }
        if (!strpbrk(t, "=:")) {
                diag_add(st->diags, DIAG_ERROR, st->path, st->lineno, NULL,
                         "write 'key = value', '[section]' or a '#' comment", "cannot parse '%s'",
                         t);
                return false;
        }
        return true;
}

/* inih reader: one whole line per call, so st->lineno is inih's line. */
static char *read_line(char *str, int num, void *stream)
{
        ParseState *st = stream;
        const char *start, *nl;
        g_autofree char *copy = NULL;
        size_t n;

        if (st->pos >= st->len)
                return NULL;
        start = st->text + st->pos;
        nl = memchr(start, '\n', st->len - st->pos);
        n = nl ? (size_t)(nl - start) + 1 : st->len - st->pos;
        st->pos += n;
        st->lineno++;
        if (memchr(start, '\0', n)) {
                diag_add(st->diags, DIAG_ERROR, st->path, st->lineno, NULL, NULL,
                         "line contains a NUL byte");
                g_strlcpy(str, "\n", (gsize)num);
                return str;
        }
        if (num < 2 || n >= (size_t)num - 1) {
                diag_add(st->diags, DIAG_ERROR, st->path, st->lineno, NULL, NULL,
                         "line is too long (at most %d characters)", num - 3);
                g_strlcpy(str, "\n", (gsize)num);
                return str;
        }
        copy = g_strndup(start, (gsize)n);
        if (!precheck_line(st, copy)) {
                g_strlcpy(str, "\n", (gsize)num);
                return str;
        }
        memcpy(str, start, n);
        str[n] = '\0';
        return str;
}

/* value as d's type into *out (an int or a bool); false if it is not one */
static bool parse_value(const SettingDesc *d, const char *value, int *out)
{
        static const char *const yes[] = { "yes", "true", "on", "1" };
        static const char *const no[] = { "no", "false", "off", "0" };
        guint64 n;

        switch (d->type) {
        case SETTING_CHIPSET:
                *out = chipset_check_from_string(value);
                return *out >= 0;
        case SETTING_SECONDS:
                if (!g_ascii_string_to_unsigned(value, 10, 0, d->max, &n, NULL))
                        return false;
                *out = (int)n;
                return true;
        case SETTING_BOOL:
                for (size_t i = 0; i < G_N_ELEMENTS(yes); i++) {
                        if (g_ascii_strcasecmp(value, yes[i]) == 0)
                                return (*out = 1);
                        if (g_ascii_strcasecmp(value, no[i]) == 0)
                                return !(*out = 0);
                }
                return false;
        }
        return false;
}

static void set_key(ParseState *st, const SettingDesc *d, const char *value)
{
        unsigned *line = (unsigned *)((char *)st->s + d->line);
        void *field = (char *)st->s + d->value;
        int v;

        if (!parse_value(d, value, &v)) {
                diag_add(st->diags, DIAG_ERROR, st->path, st->lineno, d->key, d->hint,
                         "invalid value '%s' for %s in [%s]", value, d->key, d->section);
                return;
        }
        if (*line)
                diag_add(st->diags, DIAG_WARNING, st->path, st->lineno, d->key, NULL,
                         "%s is set again (previously on line %u); the last value wins", d->key,
                         *line);
        if (d->type == SETTING_BOOL)
                *(bool *)field = v;
        else if (d->type == SETTING_SECONDS)
                *(unsigned *)field = (unsigned)v;
        else
                *(ChipsetCheck *)field = (ChipsetCheck)v;
        *line = st->lineno;
}

static int handle_key(void *user, const char *section, const char *name, const char *value)
{
        ParseState *st = user;
        g_autofree char *known = NULL, *hint = NULL;

        if (!*section) {
                diag_add(st->diags, DIAG_WARNING, st->path, st->lineno, name,
                         "put it under a section header such as [check]",
                         "key '%s' outside of any section is ignored", name);
                return 1;
        }
        if (!section_known(section))
                return 1; /* warned about at the section header */
        for (size_t i = 0; i < G_N_ELEMENTS(setting_keys); i++) {
                const SettingDesc *d = &setting_keys[i];

                if (strcmp(d->section, section) == 0 && strcmp(d->key, name) == 0) {
                        set_key(st, d, value);
                        return 1;
                }
        }
        known = known_names(section);
        hint = g_strdup_printf("known keys in [%s]: %s", section, known);
        diag_add(st->diags, DIAG_WARNING, st->path, st->lineno, name, hint,
                 "unknown key '%s' in [%s] is ignored", name, section);
        return 1;
}

/* inih, loaded by the first file that has something in it (dl-lib.h). */
static typeof(ini_parse_stream) *sym_ini_parse_stream;

static int inih_dlopen(void)
{
        static const DlSym syms[] = { DL_SYM(sym_ini_parse_stream, ini_parse_stream) };
        static void *dl;

        return dl_lib_load(DL_INIH, syms, G_N_ELEMENTS(syms), &dl);
}

int settings_parse_buffer(const char *path, const char *buf, size_t len, Settings **out,
                          DiagList *diags)
{
        g_autoptr(Settings) s = settings_new();
        ParseState st = { .text = buf, .len = buf ? len : 0, .path = path, .diags = diags };
        int r;

        g_free(s->path);
        s->path = g_strdup(path);
        s->loaded = true;
        st.s = s;
        if (st.len == 0) { /* nothing to parse: inih need not be loaded */
                *out = g_steal_pointer(&s);
                return 0;
        }
        r = inih_dlopen();
        if (r < 0) {
                /* the defaults, and an error that stops apply */
                diag_add(diags, DIAG_ERROR, path, 0, NULL, dl_lib_hint(r),
                         "cannot read this file: %s", dl_lib_strerror(r));
                s->loaded = false;
                *out = g_steal_pointer(&s);
                return 0;
        }
        r = sym_ini_parse_stream(read_line, &st, handle_key, &st);
        if (r < 0)
                return -ENOMEM;
        /* Only if the reader let through a line inih still refused. */
        if (r > 0)
                diag_add(diags, DIAG_ERROR, path, (unsigned)r, NULL, NULL,
                         "cannot parse this line");
        *out = g_steal_pointer(&s);
        return 0;
}

int settings_load_file(const char *path, Settings **out, DiagList *diags)
{
        g_autofree char *text = NULL;
        size_t len = 0;
        int r;

        /* read as every configuration file is: never blocking on a FIFO,
         * judged as root's or not (trust.h) */
        r = trust_read_file(path, &text, &len, diags);
        if (r == -ENOENT) { /* no file: the defaults */
                Settings *s = settings_new();

                g_free(s->path);
                s->path = g_strdup(path);
                *out = s;
                return 0;
        }
        if (r < 0) {
                trust_read_failed(diags, path, r);
                return r;
        }
        return settings_parse_buffer(path, text, len, out, diags);
}

int settings_load(const char *root, Settings **out, DiagList *diags)
{
        g_autofree char *path =
                g_build_filename(root && *root ? root : "/", BONDCFG_SETTINGS_FILE, NULL);

        return settings_load_file(path, out, diags);
}
