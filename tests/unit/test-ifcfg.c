/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests for the ifcfg reader (src/ifcfg.c). */
#include <errno.h>
#include <string.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "ifcfg.h"

#define PATH "/etc/sysconfig/network-scripts/ifcfg-test"

static IfcfgFile *parse_len(const char *text, size_t len, DiagList *diags)
{
        IfcfgFile *f = NULL;

        g_assert_cmpint(ifcfg_parse_buffer(PATH, text, len, &f, diags), ==, 0);
        g_assert_nonnull(f);
        for (guint i = 0; i < diags->items->len; i++) {
                g_autofree char *s = diag_format(diags->items->pdata[i]);

                g_test_message("%s", s);
        }
        return f;
}

static IfcfgFile *parse(const char *text, DiagList *diags)
{
        return parse_len(text, strlen(text), diags);
}

/* Exactly one diagnostic, with this severity, line and key; returns it. */
static const Diag *only_diag(const DiagList *diags, DiagSeverity sev, unsigned line,
                             const char *key)
{
        const Diag *d;

        g_assert_cmpuint(diags->items->len, ==, 1);
        d = diags->items->pdata[0];
        g_assert_cmpint(d->severity, ==, sev);
        g_assert_cmpuint(d->line, ==, line);
        g_assert_cmpstr(d->key, ==, key);
        g_assert_cmpstr(d->file, ==, PATH);
        g_assert_nonnull(d->message);
        g_assert_nonnull(d->hint);
        return d;
}

/* The value of key in a one-line file, which must parse cleanly. */
static char *value_of(const char *text, const char *key)
{
        g_autoptr(DiagList) diags = diag_list_new();
        g_autoptr(IfcfgFile) f = parse(text, diags);

        g_assert_cmpuint(diags->items->len, ==, 0);
        return g_strdup(ifcfg_get(f, key));
}

#define assert_value(text, key, want)                                                              \
        do {                                                                                       \
                g_autofree char *_v = value_of(text, key);                                         \
                g_assert_cmpstr(_v, ==, want);                                                     \
        } while (0)

/* A one-statement text that must give one error on line, key; no variable kept. */
static void assert_error(const char *text, unsigned line, const char *key, const char *needle)
{
        g_autoptr(DiagList) diags = diag_list_new();
        g_autoptr(IfcfgFile) f = parse(text, diags);
        const Diag *d = only_diag(diags, DIAG_ERROR, line, key);

        if (needle && !strstr(d->message, needle))
                g_error("message '%s' lacks '%s'", d->message, needle);
        if (key)
                g_assert_null(ifcfg_get(f, key));
}

static void test_plain(void)
{
        g_autoptr(DiagList) diags = diag_list_new();
        g_autoptr(IfcfgFile) f =
                parse("DEVICE=bond0\nTYPE=Bond\n\nONBOOT=yes\nEMPTY=\nQ=\"\"\n", diags);

        g_assert_cmpuint(diags->items->len, ==, 0);
        g_assert_cmpuint(ifcfg_n_vars(f), ==, 5);
        g_assert_cmpstr(ifcfg_get(f, "DEVICE"), ==, "bond0");
        g_assert_cmpuint(ifcfg_line(f, "DEVICE"), ==, 1);
        g_assert_cmpstr(ifcfg_get(f, "TYPE"), ==, "Bond");
        g_assert_cmpuint(ifcfg_line(f, "ONBOOT"), ==, 4);
        g_assert_cmpstr(ifcfg_get(f, "EMPTY"), ==, "");
        g_assert_cmpstr(ifcfg_get(f, "Q"), ==, "");
        g_assert_null(ifcfg_get(f, "MISSING"));
        g_assert_null(ifcfg_lookup(f, "MISSING"));
        g_assert_cmpuint(ifcfg_line(f, "MISSING"), ==, 0);
        g_assert_null(ifcfg_get(f, "device")); /* keys are case-sensitive */
        g_assert_cmpstr(ifcfg_var(f, 0)->key, ==, "DEVICE");
        g_assert_cmpstr(ifcfg_var(f, 4)->key, ==, "Q");
        g_assert_null(ifcfg_var(f, 5));
        g_assert_cmpstr(ifcfg_lookup(f, "TYPE")->value, ==, "Bond");
        g_assert_cmpstr(ifcfg_path(f), ==, PATH);
        g_assert_cmpstr(ifcfg_suffix(f), ==, "test");
}

static void test_double_quotes(void)
{
        assert_value("K=\"a b\"", "K", "a b");
        assert_value("K=\"a\\\"b\"", "K", "a\"b");
        assert_value("K=\"a\\\\b\"", "K", "a\\b");
        assert_value("K=\"a\\$b\"", "K", "a$b");
        assert_value("K=\"a\\`b\"", "K", "a`b");
        /* other backslashes stay literal inside double quotes */
        assert_value("K=\"a\\nb\\x\"", "K", "a\\nb\\x");
        assert_value("K=\"a\\'b\"", "K", "a\\'b");
        /* backslash-newline is removed */
        assert_value("K=\"ab\\\ncd\"", "K", "abcd");
        assert_value("K=\"it's\"", "K", "it's");
        assert_value("K=\"#not a comment\"", "K", "#not a comment");
        /* a '$' that starts no expansion is literal */
        assert_value("K=\"cost: 5$\"", "K", "cost: 5$");
        assert_value("K=\"a$ b\"", "K", "a$ b");
        assert_value("K=\"a$/b\"", "K", "a$/b");
}

static void test_single_quotes(void)
{
        assert_value("K='a b'", "K", "a b");
        assert_value("K='$HOME `x` $(y) ${z}'", "K", "$HOME `x` $(y) ${z}");
        assert_value("K='a\\b\\'", "K", "a\\b\\");
        assert_value("K='a\"b'", "K", "a\"b");
        assert_value("K='# x'", "K", "# x");
}

static void test_unquoted(void)
{
        assert_value("K=abc", "K", "abc");
        assert_value("K=a\\ b", "K", "a b");
        assert_value("K=a\\$b", "K", "a$b");
        assert_value("K=a\\\\b", "K", "a\\b");
        assert_value("K=a\\nb", "K", "anb");
        assert_value("K=a\\\"b", "K", "a\"b");
        assert_value("K=ab\\\ncd", "K", "abcd");
        /* '#' inside a word is not a comment */
        assert_value("K=a#b", "K", "a#b");
        assert_value("K=#b", "K", "#b");
        assert_value("K=a=b", "K", "a=b");
        assert_value("K=192.0.2.1,192.0.2.2", "K", "192.0.2.1,192.0.2.2");
        assert_value("K=a$", "K", "a$");
        assert_value("K=x~", "K", "x~");
        assert_value("K=*?[]{}", "K", "*?[]{}");
        assert_value("K=a\rb", "K", "a\rb"); /* a lone CR is an ordinary character */
}

static void test_concatenation(void)
{
        assert_value("K=\"a\"'b'c", "K", "abc");
        assert_value("K=a\"b c\"'d e'f", "K", "ab cd ef");
        assert_value("K=''\"\"", "K", "");
        assert_value("K='it'\\''s'", "K", "it's");
        assert_value("K=\"mode=4 \"'miimon=100'", "K", "mode=4 miimon=100");
}

static void test_export_comments_whitespace(void)
{
        g_autoptr(DiagList) diags = diag_list_new();
        g_autoptr(IfcfgFile) f = parse("# comment\n"
                                       "   # indented comment\n"
                                       "export A=1\n"
                                       "export\tB=2 # trailing comment\n"
                                       "  C=3\n"
                                       "\tD='x' #c\n"
                                       "E=4\t\n"
                                       "exportF=5\n"
                                       "G= # only a comment\n",
                                       diags);

        g_assert_cmpuint(diags->items->len, ==, 0);
        g_assert_cmpuint(ifcfg_n_vars(f), ==, 7);
        g_assert_cmpstr(ifcfg_get(f, "A"), ==, "1");
        g_assert_cmpuint(ifcfg_line(f, "A"), ==, 3);
        g_assert_cmpstr(ifcfg_get(f, "B"), ==, "2");
        g_assert_cmpstr(ifcfg_get(f, "C"), ==, "3");
        g_assert_cmpuint(ifcfg_line(f, "C"), ==, 5);
        g_assert_cmpstr(ifcfg_get(f, "D"), ==, "x");
        g_assert_cmpstr(ifcfg_get(f, "E"), ==, "4");
        g_assert_cmpstr(ifcfg_get(f, "exportF"), ==, "5");
        g_assert_cmpstr(ifcfg_get(f, "G"), ==, "");
        g_assert_null(ifcfg_get(f, "export"));
}

static void test_crlf_and_final_newline(void)
{
        g_autoptr(DiagList) diags = diag_list_new();
        g_autoptr(IfcfgFile) f = parse("A=1\r\nB=\"x y\"\r\n\r\n# c\r\nC='z'\r\nD=last", diags);

        g_assert_cmpuint(diags->items->len, ==, 0);
        g_assert_cmpstr(ifcfg_get(f, "A"), ==, "1");
        g_assert_cmpstr(ifcfg_get(f, "B"), ==, "x y");
        g_assert_cmpstr(ifcfg_get(f, "C"), ==, "z");
        g_assert_cmpuint(ifcfg_line(f, "C"), ==, 5);
        g_assert_cmpstr(ifcfg_get(f, "D"), ==, "last");
        g_assert_cmpuint(ifcfg_line(f, "D"), ==, 6);

        assert_value("K=\"quoted\"", "K", "quoted");
        assert_value("K=v\r\n", "K", "v");
        assert_value("K=v\r", "K", "v");
}

static void test_empty(void)
{
        g_autoptr(DiagList) diags = diag_list_new();
        g_autoptr(IfcfgFile) f = parse("", diags);
        g_autoptr(IfcfgFile) g = parse_len(NULL, 0, diags);
        g_autoptr(IfcfgFile) h = parse("\n\n  \n# only comments\n", diags);

        g_assert_cmpuint(diags->items->len, ==, 0);
        g_assert_cmpuint(ifcfg_n_vars(f), ==, 0);
        g_assert_cmpuint(ifcfg_n_vars(g), ==, 0);
        g_assert_cmpuint(ifcfg_n_vars(h), ==, 0);
}

static void test_long_line(void)
{
        g_autoptr(DiagList) diags = diag_list_new();
        g_autoptr(GString) text = g_string_new("A=1\nLONG=\"");
        g_autoptr(IfcfgFile) f = NULL;

        for (unsigned i = 0; i < 100 * 1024; i++)
                g_string_append_c(text, (char)('a' + i % 26));
        g_string_append(text, "\"\nB=2\n");
        f = parse(text->str, diags);
        g_assert_cmpuint(diags->items->len, ==, 0);
        g_assert_cmpuint(strlen(ifcfg_get(f, "LONG")), ==, 100 * 1024);
        g_assert_cmpint(ifcfg_get(f, "LONG")[26], ==, 'a');
        g_assert_cmpuint(ifcfg_line(f, "LONG"), ==, 2);
        g_assert_cmpstr(ifcfg_get(f, "B"), ==, "2");
        g_assert_cmpuint(ifcfg_line(f, "B"), ==, 3);
}

static void test_multiline(void)
{
        g_autoptr(DiagList) diags = diag_list_new();
        g_autoptr(IfcfgFile) f = parse("A=1\n"
                                       "OPTS=\"mode=1\n"
                                       "  miimon=100\"\n"
                                       "S='x\n"
                                       "y'\n"
                                       "B=2\n",
                                       diags);

        g_assert_cmpuint(diags->items->len, ==, 0);
        g_assert_cmpstr(ifcfg_get(f, "OPTS"), ==, "mode=1\n  miimon=100");
        g_assert_cmpuint(ifcfg_line(f, "OPTS"), ==, 2);
        g_assert_cmpstr(ifcfg_get(f, "S"), ==, "x\ny");
        g_assert_cmpuint(ifcfg_line(f, "S"), ==, 4);
        g_assert_cmpuint(ifcfg_line(f, "B"), ==, 6);
}

static void test_evaluation(void)
{
        assert_error("K=$HOME", 1, "K", "evaluation");
        assert_error("A=1\nK=\"${X}\"", 2, "K", "${...}");
        assert_error("\n\nK=`hostname`", 3, "K", "`...`");
        assert_error("K=\"x $(cat /etc/miimon)\"", 1, "K", "$(...)");
        assert_error("K=$((1+2))", 1, "K", "$((...))");
        assert_error("K=\"$1\"", 1, "K", "$VAR");
        assert_error("K=a$?", 1, "K", NULL);
        assert_error("K=$'a\\tb'", 1, "K", "$'...'");
        assert_error("K=~/x", 1, "K", "~");
        assert_error("K=a:~/x", 1, "K", "~");
        /* in a multi-line value the error is on the line of the '$' */
        assert_error("K=\"a\nb $X\"\n", 2, "K", "$VAR");

        /* the bad line is skipped, later ones are still read */
        g_autoptr(DiagList) diags = diag_list_new();
        g_autoptr(IfcfgFile) f = parse("A=1\nB=`x`\nC=3\nD=$Y\n", diags);

        g_assert_cmpuint(diags->items->len, ==, 2);
        g_assert_cmpuint(((Diag *)diags->items->pdata[0])->line, ==, 2);
        g_assert_cmpuint(((Diag *)diags->items->pdata[1])->line, ==, 4);
        g_assert_cmpuint(diag_count(diags, DIAG_ERROR), ==, 2);
        g_assert_cmpstr(ifcfg_get(f, "A"), ==, "1");
        g_assert_null(ifcfg_get(f, "B"));
        g_assert_cmpstr(ifcfg_get(f, "C"), ==, "3");
        g_assert_null(ifcfg_get(f, "D"));
        /* the reader says which keys it refused, and only those */
        g_assert_true(ifcfg_refused(f, "B"));
        g_assert_true(ifcfg_refused(f, "D"));
        g_assert_false(ifcfg_refused(f, "A"));
        g_assert_false(ifcfg_refused(f, "MISSING"));
}

static void test_syntax_errors(void)
{
        const Diag *d;

        assert_error("K=a b", 1, "K", "unquoted whitespace");
        assert_error("K=a\tb # c", 1, "K", "unquoted whitespace");
        assert_error("K =v", 1, "K", "before '='");
        assert_error("K\t= v", 1, "K", "before '='");
        assert_error("K= v", 1, "K", "after '='");
        assert_error("A=1 B=2", 1, "A", "more than one assignment");
        assert_error("K=a;reboot", 1, "K", "';'");
        assert_error("K=a|b", 1, "K", "'|'");
        assert_error("K=(a b)", 1, "K", "'('");
        assert_error("K=a>b", 1, "K", "'>'");
        assert_error("K=\"abc", 1, "K", "unterminated double quote");
        assert_error("A=1\nK='abc\nB=2\n", 2, "K", "unterminated single quote");
        assert_error("1K=v", 1, NULL, "not a variable assignment");
        assert_error("K-X=v", 1, NULL, "not a variable assignment");
        assert_error("echo hello", 1, NULL, "not a variable assignment");
        assert_error("export", 1, NULL, "not a variable assignment");
        assert_error("=v", 1, NULL, "not a variable assignment");

        {
                g_autoptr(DiagList) diags = diag_list_new();
                g_autoptr(IfcfgFile) f = parse("K=a b\n", diags);

                d = only_diag(diags, DIAG_ERROR, 1, "K");
                g_assert_cmpstr(d->hint, ==, "quote the value: K=\"a b\"");
                g_assert_cmpuint(ifcfg_n_vars(f), ==, 0);
        }
        {
                /* unterminated quote swallows the rest of the file */
                g_autoptr(DiagList) diags = diag_list_new();
                g_autoptr(IfcfgFile) f = parse("A=1\nK=\"abc\nB=2\n", diags);

                only_diag(diags, DIAG_ERROR, 2, "K");
                g_assert_cmpuint(ifcfg_n_vars(f), ==, 1);
                g_assert_null(ifcfg_get(f, "B"));
        }
        {
                g_autoptr(DiagList) diags = diag_list_new();
                g_autoptr(IfcfgFile) f = parse_len("A=1\nB=x\0y\n", 10, diags);

                only_diag(diags, DIAG_ERROR, 2, NULL);
                g_assert_cmpuint(ifcfg_n_vars(f), ==, 0);
        }
}

static void test_duplicate(void)
{
        g_autoptr(DiagList) diags = diag_list_new();
        g_autoptr(IfcfgFile) f = parse("A=1\nB=2\nA=3\nC=4\n", diags);
        const Diag *d = only_diag(diags, DIAG_WARNING, 3, "A");

        g_assert_nonnull(strstr(d->message, "line 1"));
        g_assert_cmpstr(ifcfg_get(f, "A"), ==, "3");
        g_assert_cmpuint(ifcfg_line(f, "A"), ==, 3);
        /* the effective assignment takes its own place in file order */
        g_assert_cmpuint(ifcfg_n_vars(f), ==, 3);
        g_assert_cmpstr(ifcfg_var(f, 0)->key, ==, "B");
        g_assert_cmpstr(ifcfg_var(f, 1)->key, ==, "A");
        g_assert_cmpstr(ifcfg_var(f, 2)->key, ==, "C");
}

static void test_unknown_keys_kept(void)
{
        g_autoptr(DiagList) diags = diag_list_new();
        g_autoptr(IfcfgFile) f = parse("ZZZ_CUSTOM=hello\n_x=1\n", diags);

        g_assert_cmpuint(diags->items->len, ==, 0);
        g_assert_cmpstr(ifcfg_get(f, "ZZZ_CUSTOM"), ==, "hello");
        g_assert_cmpstr(ifcfg_get(f, "_x"), ==, "1");
}

static void test_parse_file(void)
{
        g_autoptr(DiagList) diags = diag_list_new();
        g_autoptr(GError) error = NULL;
        g_autofree char *dir = g_dir_make_tmp("test-ifcfg-XXXXXX", &error);
        g_autofree char *path = NULL;
        g_autofree char *missing = NULL;
        g_autoptr(IfcfgFile) f = NULL;
        IfcfgFile *none = NULL;

        g_assert_no_error(error);
        path = g_build_filename(dir, "ifcfg-eth0", NULL);
        missing = g_build_filename(dir, "ifcfg-none", NULL);
        g_assert_true(g_file_set_contents(path, "DEVICE=eth0\nMASTER=bond0\n", -1, &error));
        g_assert_cmpint(ifcfg_parse_file(path, &f, diags), ==, 0);
        g_assert_cmpstr(ifcfg_path(f), ==, path);
        g_assert_cmpstr(ifcfg_suffix(f), ==, "eth0");
        g_assert_cmpstr(ifcfg_get(f, "MASTER"), ==, "bond0");
        g_assert_cmpint(ifcfg_parse_file(missing, &none, diags), ==, -ENOENT);
        g_assert_null(none);
        g_assert_cmpint(ifcfg_parse_file(dir, &none, diags), ==, -EISDIR);
        g_assert_null(none);
        g_assert_cmpuint(diags->items->len, ==, 0);
        g_assert_cmpint(g_unlink(path), ==, 0);
        g_assert_cmpint(g_rmdir(dir), ==, 0);
}

static void test_bool(void)
{
        const char *yes[] = { "yes", "YES", "Yes", "true", "TRUE", "on",
                              "On",  "1",   "y",   "Y",    "t",    "T" };
        const char *no[] = { "no", "NO", "false", "False", "off", "OFF", "0", "n", "N", "f", "F" };
        const char *bad[] = { "", "ye", "nn", "2", "yes ", "maybe", "o", NULL };

        for (unsigned i = 0; i < G_N_ELEMENTS(yes); i++)
                g_assert_cmpint(ifcfg_parse_bool(yes[i]), ==, 1);
        for (unsigned i = 0; i < G_N_ELEMENTS(no); i++)
                g_assert_cmpint(ifcfg_parse_bool(no[i]), ==, 0);
        for (unsigned i = 0; i < G_N_ELEMENTS(bad); i++)
                g_assert_cmpint(ifcfg_parse_bool(bad[i]), ==, -EINVAL);
}

static void test_filename(void)
{
        const char *ok[] = { "ifcfg-eth0",        "ifcfg-bond0",      "ifcfg-eth9.100", "ifcfg-lo",
                             "ifcfg-Bond_Port-1", "ifcfg-bond0.bakx", "ifcfg-a" };
        const char *skip[] = {
                "ifcfg-",
                "ifcfg",
                "route-eth0",
                "ifcfg.eth0",
                "xifcfg-eth0",
                "ifcfg-bond0~",
                "ifcfg-bond0.bak",
                "ifcfg-bond0.orig",
                "ifcfg-bond0.rpmnew",
                "ifcfg-bond0.rpmorig",
                "ifcfg-bond0.rpmsave",
                "ifcfg-bond0.swp",
                "ifcfg-eth0:1",
                "ifcfg-eth0:",
                "ifcfg-eth0-range",
                "ifcfg-eth0-range0",
                "ifcfg-bond0.old",
                "IFCFG-eth0",
                ".ifcfg-eth0.swp",
                NULL,
        };

        for (unsigned i = 0; i < G_N_ELEMENTS(ok); i++)
                if (!ifcfg_filename_is_config(ok[i]))
                        g_error("%s should be read", ok[i]);
        for (unsigned i = 0; i < G_N_ELEMENTS(skip); i++)
                if (ifcfg_filename_is_config(skip[i]))
                        g_error("%s should be skipped", skip[i]);
}

int main(int argc, char **argv)
{
        g_test_init(&argc, &argv, NULL);
        g_test_add_func("/ifcfg/plain", test_plain);
        g_test_add_func("/ifcfg/double-quotes", test_double_quotes);
        g_test_add_func("/ifcfg/single-quotes", test_single_quotes);
        g_test_add_func("/ifcfg/unquoted", test_unquoted);
        g_test_add_func("/ifcfg/concatenation", test_concatenation);
        g_test_add_func("/ifcfg/export-comments-whitespace", test_export_comments_whitespace);
        g_test_add_func("/ifcfg/crlf-final-newline", test_crlf_and_final_newline);
        g_test_add_func("/ifcfg/empty", test_empty);
        g_test_add_func("/ifcfg/long-line", test_long_line);
        g_test_add_func("/ifcfg/multiline", test_multiline);
        g_test_add_func("/ifcfg/evaluation", test_evaluation);
        g_test_add_func("/ifcfg/syntax-errors", test_syntax_errors);
        g_test_add_func("/ifcfg/duplicate", test_duplicate);
        g_test_add_func("/ifcfg/unknown-keys", test_unknown_keys_kept);
        g_test_add_func("/ifcfg/parse-file", test_parse_file);
        g_test_add_func("/ifcfg/bool", test_bool);
        g_test_add_func("/ifcfg/filename", test_filename);
        return g_test_run();
}
