/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ifcfg reader: a scanner for the subset of POSIX shell assignment syntax
 * that ifcfg files use.  Nothing is ever executed or expanded; a value that
 * would need the shell to evaluate something is reported as an error.
 *
 * g_shell_unquote() unquotes correctly but cannot tell where the value word
 * ends (it accepts unquoted blanks) and passes $VAR and `cmd` through
 * silently, so the scanner below does the unquoting itself in one pass.
 */
#include "ifcfg.h"
#include "trust.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct IfcfgFile {
        char *path;
        const char *suffix;  /* points into path */
        GPtrArray *vars;     /* IfcfgVar*, effective ones, file order */
        GHashTable *by_key;  /* key -> IfcfgVar* (borrowed from vars) */
        GHashTable *refused; /* keys whose assignment was rejected (owned strings) */
};

typedef struct {
        const char *path;
        const char *p, *end;
        unsigned line; /* line of *p */
        DiagList *diags;
        IfcfgFile *file; /* records the keys it refuses */
        /* first error of the current statement */
        bool failed;
} Scanner;

static void ifcfg_var_free(gpointer p)
{
        IfcfgVar *v = p;

        g_free(v->key);
        g_free(v->value);
        g_free(v);
}

void ifcfg_free(IfcfgFile *f)
{
        if (!f)
                return;
        g_hash_table_unref(f->by_key);
        g_hash_table_unref(f->refused);
        g_ptr_array_unref(f->vars);
        g_free(f->path);
        g_free(f);
}

static bool is_blank(char c)
{
        return c == ' ' || c == '\t';
}

static bool is_key_start(char c)
{
        return g_ascii_isalpha(c) || c == '_';
}

static bool is_key_char(char c)
{
        return g_ascii_isalnum(c) || c == '_';
}

static int peek(const Scanner *s, size_t off)
{
        return s->p + off < s->end ? (unsigned char)s->p[off] : -1;
}

/* Advance one character, counting lines. */
static void advance(Scanner *s)
{
        if (*s->p == '\n')
                s->line++;
        s->p++;
}

static void skip_to_eol(Scanner *s)
{
        while (s->p < s->end && *s->p != '\n')
                s->p++;
}

static void fail_at(Scanner *s, unsigned line, const char *key, const char *hint, const char *fmt,
                    ...) G_GNUC_PRINTF(5, 6);
static void fail_at(Scanner *s, unsigned line, const char *key, const char *hint, const char *fmt,
                    ...)
{
        va_list ap;

        if (s->failed)
                return; /* one error per statement is enough */
        s->failed = true;
        if (key)
                g_hash_table_add(s->file->refused, g_strdup(key));
        va_start(ap, fmt);
        diag_addv(s->diags, DIAG_ERROR, s->path, line, key, hint, fmt, ap);
        va_end(ap);
}

/*
 * s->p is at a '$' outside single quotes.  Does the shell expand it?  $NAME,
 * $1, ${...}, $(...), $((...)), the special parameters, and bash's $'...'
 * and $"..." (outside double quotes) all need evaluation; a '$' followed by anything else (or at
 * the end of the word) is a literal dollar sign.
 */
static bool dollar_expands(const Scanner *s, bool in_dquote)
{
        int c = peek(s, 1);

        if (c < 0)
                return false;
        if (c == '\'' || c == '"')
                return !in_dquote;
        return is_key_char((char)c) || strchr("{(@*#?$!-", c);
}

static void fail_eval(Scanner *s, const char *key, const char *what)
{
        fail_at(s, s->line, key,
                "write the literal value instead; a literal '$' or '`' must be written as \\$ "
                "or inside '...'",
                "%s: the value needs shell evaluation (%s), which bondcfg never does", key, what);
}

static const char *dollar_what(const Scanner *s)
{
        int c = peek(s, 1);

        if (c == '(')
                return peek(s, 2) == '(' ? "$((...))" : "$(...)";
        if (c == '{')
                return "${...}";
        if (c == '\'' || c == '"')
                return c == '\'' ? "$'...'" : "$\"...\"";
        return "$VAR";
}

/* Inside "...": s->p just after the opening quote. */
static void scan_double(Scanner *s, const char *key, GString *out, unsigned open_line)
{
        while (s->p < s->end) {
                char c = *s->p;

                if (c == '"') {
                        s->p++;
                        return;
                }
                if (c == '\\') {
                        int n = peek(s, 1);

                        if (n == '\n') {
                                advance(s);
                                advance(s);
                                continue;
                        }
                        if (n == '$' || n == '`' || n == '"' || n == '\\') {
                                g_string_append_c(out, (char)n);
                                s->p += 2;
                                continue;
                        }
                        g_string_append_c(out, '\\');
                        s->p++;
                        continue;
                }
                if (c == '$' && dollar_expands(s, true))
                        fail_eval(s, key, dollar_what(s));
                else if (c == '`')
                        fail_eval(s, key, "`...`");
                g_string_append_c(out, c);
                advance(s);
        }
        g_autofree char *hint = g_strdup_printf("add the closing '\"' to the value of %s", key);
        fail_at(s, open_line, key, hint, "%s=: unterminated double quote", key);
}

/* Inside '...': no escapes at all. */
static void scan_single(Scanner *s, const char *key, GString *out, unsigned open_line)
{
        while (s->p < s->end) {
                if (*s->p == '\'') {
                        s->p++;
                        return;
                }
                g_string_append_c(out, *s->p);
                advance(s);
        }
        g_autofree char *hint = g_strdup_printf("add the closing \"'\" to the value of %s", key);
        fail_at(s, open_line, key, hint, "%s=: unterminated single quote", key);
}

/*
 * Scan the value word after "KEY=" up to unquoted whitespace or the end of
 * the line.  Errors are recorded (first one wins) but scanning continues to
 * the end of the word, so quoting stays in step with the shell.
 */
static void scan_value(Scanner *s, const char *key, GString *out)
{
        bool word_start = true;

        while (s->p < s->end) {
                char c = *s->p;
                bool was_start = word_start;

                word_start = false;
                if (is_blank(c) || c == '\n')
                        return;
                switch (c) {
                case '"':
                        s->p++;
                        scan_double(s, key, out, s->line);
                        break;
                case '\'':
                        s->p++;
                        scan_single(s, key, out, s->line);
                        break;
                case '\\':
                        if (peek(s, 1) == '\n') {
                                advance(s);
                                advance(s);
                        } else if (peek(s, 1) < 0) {
                                g_string_append_c(out, '\\');
                                s->p++;
                        } else {
                                g_string_append_c(out, s->p[1]);
                                s->p += 2;
                        }
                        break;
                case '$':
                        if (dollar_expands(s, false))
                                fail_eval(s, key, dollar_what(s));
                        g_string_append_c(out, c);
                        s->p++;
                        break;
                case '`':
                        fail_eval(s, key, "`...`");
                        g_string_append_c(out, c);
                        s->p++;
                        break;
                case '~':
                        /* tilde expansion: at the start, and after ':' in assignments */
                        if (was_start)
                                fail_eval(s, key, "~ home directory");
                        g_string_append_c(out, c);
                        s->p++;
                        break;
                case ';':
                case '&':
                case '|':
                case '<':
                case '>':
                case '(':
                case ')': {
                        g_autofree char *hint = g_strdup_printf("quote the value: %s=\"...\"", key);

                        fail_at(s, s->line, key, hint,
                                "%s=: unquoted shell operator '%c' in the value", key, c);
                        g_string_append_c(out, c);
                        s->p++;
                        break;
                }
                default:
                        if (c == ':')
                                word_start = true;
                        g_string_append_c(out, c);
                        s->p++;
                        break;
                }
        }
}

static void add_var(IfcfgFile *f, Scanner *s, char *key, char *value, unsigned line)
{
        IfcfgVar *old = g_hash_table_lookup(f->by_key, key);
        IfcfgVar *v;

        if (old) {
                diag_add(s->diags, DIAG_WARNING, s->path, line, key,
                         "remove one of the assignments",
                         "%s is assigned again; the value from line %u is ignored", key, old->line);
                g_hash_table_remove(f->by_key, key);
                g_ptr_array_remove(f->vars, old);
        }
        /* the value is kept as it is (the key's parser judges it), but
         * output shows such bytes as U+FFFD: say so */
        if (!g_utf8_validate(value, -1, NULL))
                diag_add(s->diags, DIAG_WARNING, s->path, line, key,
                         "save the file in UTF-8 (or ASCII)",
                         "the value of %s is not valid UTF-8 (bytes that are not are shown as "
                         "U+FFFD)",
                         key);
        v = g_new0(IfcfgVar, 1);
        v->key = key;
        v->value = value;
        v->line = line;
        g_ptr_array_add(f->vars, v);
        g_hash_table_insert(f->by_key, v->key, v);
}

/* After a complete value: only blanks and an optional comment may follow. */
static void scan_trailer(Scanner *s, const char *key, bool empty_value)
{
        const char *q;

        while (s->p < s->end && is_blank(*s->p))
                s->p++;
        if (s->p >= s->end || *s->p == '\n' || *s->p == '#')
                return;
        if (empty_value) {
                g_autofree char *hint =
                        g_strdup_printf("write %s=value without spaces around '='", key);

                fail_at(s, s->line, key, hint, "%s: whitespace after '='", key);
                return;
        }
        for (q = s->p; q < s->end && is_key_char(*q); q++)
                ;
        if (is_key_start(*s->p) && q < s->end && *q == '=') {
                fail_at(s, s->line, key, "put each assignment on its own line",
                        "%s: more than one assignment on a line", key);
                return;
        }
        g_autofree char *hint = g_strdup_printf("quote the value: %s=\"a b\"", key);
        fail_at(s, s->line, key, hint,
                "%s: unquoted whitespace in the value (the shell would run the rest as a "
                "command)",
                key);
}

/* One statement starting at s->p (a line start). */
/* "KEY=value" (after blanks and `export`), s->p at the key. */
static void scan_assignment(Scanner *s, IfcfgFile *f)
{
        const char *k = s->p, *vstart;
        unsigned line = s->line;
        g_autofree char *key = NULL;
        g_autoptr(GString) value = NULL;

        if (is_key_start(*s->p))
                while (s->p < s->end && is_key_char(*s->p))
                        s->p++;
        key = g_strndup(k, s->p - k);
        if (s->p == k || s->p >= s->end || *s->p != '=') {
                const char *q = s->p;

                while (q < s->end && is_blank(*q))
                        q++;
                if (s->p > k && q > s->p && q < s->end && *q == '=')
                        fail_at(s, line, key, "write KEY=value without spaces around '='",
                                "%s: whitespace before '='", key);
                else
                        fail_at(s, line, NULL,
                                "an ifcfg file may only contain KEY=value lines and comments",
                                "not a variable assignment");
                return;
        }
        s->p++; /* '=' */
        vstart = s->p;
        value = g_string_new(NULL);
        scan_value(s, key, value);
        scan_trailer(s, key, s->p == vstart);
        if (!s->failed)
                add_var(f, s, g_steal_pointer(&key), g_string_free(g_steal_pointer(&value), FALSE),
                        line);
}

/* One statement starting at s->p (a line start); leaves s->p at the next line. */
static void scan_statement(Scanner *s, IfcfgFile *f)
{
        s->failed = false;
        while (s->p < s->end && is_blank(*s->p))
                s->p++;
        if (s->p < s->end && *s->p != '\n' && *s->p != '#') {
                if (s->end - s->p >= 7 && memcmp(s->p, "export", 6) == 0 && is_blank(s->p[6])) {
                        s->p += 6;
                        while (s->p < s->end && is_blank(*s->p))
                                s->p++;
                }
                scan_assignment(s, f);
        }
        skip_to_eol(s);
        if (s->p < s->end)
                advance(s);
}

static IfcfgFile *ifcfg_new(const char *path)
{
        IfcfgFile *f = g_new0(IfcfgFile, 1);
        const char *base;

        f->path = g_strdup(path ? path : "");
        base = strrchr(f->path, '/');
        base = base ? base + 1 : f->path;
        f->suffix = g_str_has_prefix(base, "ifcfg-") ? base + strlen("ifcfg-") : base;
        f->vars = g_ptr_array_new_with_free_func(ifcfg_var_free);
        f->by_key = g_hash_table_new(g_str_hash, g_str_equal);
        f->refused = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
        return f;
}

int ifcfg_parse_buffer(const char *path, const char *buf, size_t len, IfcfgFile **out,
                       DiagList *diags)
{
        g_autoptr(IfcfgFile) f = ifcfg_new(path);
        g_autoptr(GString) text = g_string_sized_new(len + 1);
        Scanner s = { .path = path, .line = 1, .diags = diags, .file = f };
        const char *nul = len ? memchr(buf, '\0', len) : NULL;

        if (nul) {
                unsigned line = 1;

                for (const char *q = buf; q < nul; q++)
                        line += *q == '\n';
                diag_add(diags, DIAG_ERROR, path, line, NULL, "an ifcfg file must be plain text",
                         "NUL byte: not a text file");
                *out = g_steal_pointer(&f);
                return 0;
        }

        /* CRLF -> LF; a CR elsewhere is an ordinary character, as in the shell */
        for (size_t i = 0; i < len; i++)
                if (!(buf[i] == '\r' && i + 1 < len && buf[i + 1] == '\n'))
                        g_string_append_c(text, buf[i]);
        /* a CR at the very end is the end of a CRLF file's unterminated last line */
        if (text->len > 0 && text->str[text->len - 1] == '\r')
                g_string_truncate(text, text->len - 1);

        s.p = text->str;
        s.end = text->str + text->len;
        while (s.p < s.end)
                scan_statement(&s, f);
        *out = g_steal_pointer(&f);
        return 0;
}

int ifcfg_parse_file(const char *path, IfcfgFile **out, DiagList *diags)
{
        g_autofree char *buf = NULL;
        size_t len = 0;
        int r = trust_read_file(path, &buf, &len, diags);

        if (r < 0)
                return r;
        return ifcfg_parse_buffer(path, buf, len, out, diags);
}

bool ifcfg_refused(const IfcfgFile *f, const char *key)
{
        return g_hash_table_contains(f->refused, key);
}

const char *ifcfg_path(const IfcfgFile *f)
{
        return f->path;
}

const char *ifcfg_suffix(const IfcfgFile *f)
{
        return f->suffix;
}

const IfcfgVar *ifcfg_lookup(const IfcfgFile *f, const char *key)
{
        return g_hash_table_lookup(f->by_key, key);
}

const char *ifcfg_get(const IfcfgFile *f, const char *key)
{
        const IfcfgVar *v = ifcfg_lookup(f, key);

        return v ? v->value : NULL;
}

unsigned ifcfg_line(const IfcfgFile *f, const char *key)
{
        const IfcfgVar *v = ifcfg_lookup(f, key);

        return v ? v->line : 0;
}

guint ifcfg_n_vars(const IfcfgFile *f)
{
        return f->vars->len;
}

const IfcfgVar *ifcfg_var(const IfcfgFile *f, guint i)
{
        return i < f->vars->len ? f->vars->pdata[i] : NULL;
}

int ifcfg_parse_bool(const char *s)
{
        /* The union of NetworkManager's svParseBoolean() (yes/true/t/y/1,
         * no/false/f/n/0) and initscripts' is_true/is_false (which add
         * on/off), case-insensitive. */
        static const char *const yes[] = { "yes", "true", "t", "y", "on", "1" };
        static const char *const no[] = { "no", "false", "f", "n", "off", "0" };

        if (!s)
                return -EINVAL;
        for (unsigned i = 0; i < G_N_ELEMENTS(yes); i++) {
                if (g_ascii_strcasecmp(s, yes[i]) == 0)
                        return 1;
                if (g_ascii_strcasecmp(s, no[i]) == 0)
                        return 0;
        }
        return -EINVAL;
}

bool ifcfg_name_is_ignored(const char *filename)
{
        static const char *const skip_suffixes[] = {
                "~", ".bak", ".old", ".orig", ".rpmnew", ".rpmorig", ".rpmsave", ".swp",
        };

        for (unsigned i = 0; i < G_N_ELEMENTS(skip_suffixes); i++)
                if (g_str_has_suffix(filename, skip_suffixes[i]))
                        return true;
        return strchr(filename, '/') != NULL;
}

bool ifcfg_filename_is_config(const char *filename)
{
        if (!filename || !g_str_has_prefix(filename, "ifcfg-"))
                return false;
        if (filename[strlen("ifcfg-")] == '\0')
                return false;
        /* initscripts drops ifcfg-*-range* (range files) and aliases: they
         * are addresses of their device (config-l3-aliases.c) */
        if (strchr(filename, ':') || strstr(filename, "-range"))
                return false;
        return !ifcfg_name_is_ignored(filename);
}
