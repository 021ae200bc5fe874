/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests for /etc/bondcfg.conf (settings.c). */
#include <errno.h>
#include <string.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "settings.h"

#define FIXTURES SRCDIR "/tests/fixtures/settings"

/* The one diagnostic at line, which must exist exactly once. */
static const Diag *diag_at(const DiagList *l, unsigned line)
{
        const Diag *found = NULL;

        for (guint i = 0; i < l->items->len; i++) {
                const Diag *d = l->items->pdata[i];

                if (d->line != line)
                        continue;
                g_assert_null(found);
                found = d;
        }
        if (!found)
                g_error("no diagnostic at line %u", line);
        return found;
}

static void assert_diag(const DiagList *l, unsigned line, DiagSeverity sev, const char *file,
                        const char *substr)
{
        const Diag *d = diag_at(l, line);

        g_assert_cmpstr(diag_severity_to_string(d->severity), ==, diag_severity_to_string(sev));
        g_assert_cmpstr(d->file, ==, file);
        if (!strstr(d->message, substr))
                g_error("line %u: '%s' does not contain '%s'", line, d->message, substr);
}

static void test_chipset_names(void)
{
        g_assert_cmpint(chipset_check_from_string("strict"), ==, CHIPSET_CHECK_STRICT);
        g_assert_cmpint(chipset_check_from_string("Warn"), ==, CHIPSET_CHECK_WARN);
        g_assert_cmpint(chipset_check_from_string("OFF"), ==, CHIPSET_CHECK_OFF);
        g_assert_cmpint(chipset_check_from_string("no"), ==, _CHIPSET_CHECK_INVALID);
        g_assert_cmpint(chipset_check_from_string(""), ==, _CHIPSET_CHECK_INVALID);
        g_assert_cmpint(chipset_check_from_string(NULL), ==, _CHIPSET_CHECK_INVALID);
        for (int i = 0; i < _CHIPSET_CHECK_MAX; i++)
                g_assert_cmpint(chipset_check_from_string(chipset_check_to_string(i)), ==, i);
        g_assert_null(chipset_check_to_string(_CHIPSET_CHECK_MAX));
}

static void test_missing_file_is_defaults(void)
{
        g_autoptr(DiagList) diags = diag_list_new();
        g_autoptr(Settings) s = NULL;

        g_assert_cmpint(settings_load(FIXTURES "/root-empty", &s, diags), ==, 0);
        g_assert_nonnull(s);
        g_assert_false(s->loaded);
        g_assert_cmpint(s->chipset, ==, CHIPSET_CHECK_STRICT);
        g_assert_cmpuint(s->chipset_line, ==, 0);
        g_assert_cmpstr(s->path, ==, FIXTURES "/root-empty/etc/bondcfg.conf");
        g_assert_cmpuint(diags->items->len, ==, 0);

        g_clear_pointer(&s, settings_free);
        g_assert_cmpint(settings_load_file(FIXTURES "/no-such.conf", &s, diags), ==, 0);
        g_assert_cmpint(s->chipset, ==, CHIPSET_CHECK_STRICT);
        g_assert_cmpuint(diags->items->len, ==, 0);
}

static void test_root(void)
{
        g_autoptr(DiagList) diags = diag_list_new();
        g_autoptr(Settings) s = NULL;

        g_assert_cmpint(settings_load(FIXTURES "/root-warn", &s, diags), ==, 0);
        g_assert_true(s->loaded);
        g_assert_cmpint(s->chipset, ==, CHIPSET_CHECK_WARN);
        g_assert_cmpuint(s->chipset_line, ==, 3);
        g_assert_cmpuint(diags->items->len, ==, 0);
}

static void test_comments_case_inline(void)
{
        g_autoptr(DiagList) diags = diag_list_new();
        g_autoptr(Settings) s = NULL;

        g_assert_cmpint(settings_load_file(FIXTURES "/all-keys.conf", &s, diags), ==, 0);
        g_assert_cmpint(s->chipset, ==, CHIPSET_CHECK_OFF);
        g_assert_cmpuint(s->chipset_line, ==, 5);
        g_assert_cmpuint(diags->items->len, ==, 0);
}

static void test_bom(void)
{
        g_autoptr(DiagList) diags = diag_list_new();
        g_autoptr(Settings) s = NULL;

        g_assert_cmpint(settings_load_file(FIXTURES "/bom.conf", &s, diags), ==, 0);
        g_assert_cmpint(s->chipset, ==, CHIPSET_CHECK_WARN);
        g_assert_cmpuint(s->chipset_line, ==, 2);
        g_assert_cmpuint(diags->items->len, ==, 0);
}

static void test_errors_with_lines(void)
{
        const char *f = FIXTURES "/errors.conf";
        g_autoptr(DiagList) diags = diag_list_new();
        g_autoptr(Settings) s = NULL;

        g_assert_cmpint(settings_load_file(f, &s, diags), ==, 0);
        assert_diag(diags, 2, DIAG_WARNING, f, "key 'stray' outside of any section");
        assert_diag(diags, 4, DIAG_ERROR, f, "invalid value 'sometimes' for chipset");
        g_assert_cmpstr(diag_at(diags, 4)->key, ==, "chipset");
        g_assert_cmpstr(diag_at(diags, 4)->hint, ==, "use strict, warn or off");
        assert_diag(diags, 5, DIAG_WARNING, f, "unknown key 'chipset_mode' in [check]");
        g_assert_cmpstr(diag_at(diags, 5)->hint, ==, "known keys in [check]: chipset");
        assert_diag(diags, 6, DIAG_ERROR, f, "cannot parse 'this line has no equals sign'");
        assert_diag(diags, 7, DIAG_ERROR, f, "malformed section header '[check'");
        assert_diag(diags, 8, DIAG_WARNING, f, "unknown section [network]");
        assert_diag(diags, 12, DIAG_WARNING, f, "set again (previously on line 11)");
        assert_diag(diags, 13, DIAG_ERROR, f, "cannot parse 'continued'");
        /* Nothing about the key in the unknown section, nor the good lines. */
        g_assert_cmpuint(diags->items->len, ==, 8);
        g_assert_cmpuint(diag_count(diags, DIAG_ERROR), ==, 4);
        /* The values that parsed are used: the last valid assignment wins. */
        g_assert_cmpint(s->chipset, ==, CHIPSET_CHECK_STRICT);
        g_assert_cmpuint(s->chipset_line, ==, 12);
}

static void write_tmp(const char *name, const char *text, char **path_out)
{
        g_autoptr(GError) err = NULL;
        g_autofree char *dir = g_dir_make_tmp("test-settings-XXXXXX", &err);

        g_assert_no_error(err);
        *path_out = g_build_filename(dir, name, NULL);
        g_assert_true(g_file_set_contents(*path_out, text, -1, &err));
        g_assert_no_error(err);
}

static void remove_tmp(const char *path)
{
        g_autofree char *dir = g_path_get_dirname(path);

        g_unlink(path);
        g_rmdir(dir);
}

static void test_long_line_and_empty_value(void)
{
        g_autofree char *path = NULL;
        g_autofree char *longval = g_strnfill(300, 'x');
        g_autofree char *text =
                g_strdup_printf("[check]\nchipset =\nchipset = %s\nchipset=warn\n", longval);
        g_autoptr(DiagList) diags = diag_list_new();
        g_autoptr(Settings) s = NULL;

        write_tmp("bondcfg.conf", text, &path);
        g_assert_cmpint(settings_load_file(path, &s, diags), ==, 0);
        assert_diag(diags, 2, DIAG_ERROR, path, "invalid value '' for chipset");
        assert_diag(diags, 3, DIAG_ERROR, path, "line is too long");
        g_assert_cmpuint(diags->items->len, ==, 2);
        g_assert_cmpint(s->chipset, ==, CHIPSET_CHECK_WARN);
        g_assert_cmpuint(s->chipset_line, ==, 4);
        remove_tmp(path);
}

static void test_boot_and_networkmanager(void)
{
        g_autofree char *path = NULL;
        g_autoptr(DiagList) diags = diag_list_new();
        g_autoptr(Settings) s = NULL;

        write_tmp("bondcfg.conf",
                  "[boot]\nport_timeout = 601\nport_timeout = 5\n[networkmanager]\n"
                  "keep_off = maybe\nkeep_off = No\nmanaged = no\n",
                  &path);
        g_assert_cmpint(settings_load_file(path, &s, diags), ==, 0);
        assert_diag(diags, 2, DIAG_ERROR, path, "invalid value '601' for port_timeout in [boot]");
        g_assert_cmpstr(diag_at(diags, 2)->hint, ==, "give a number of seconds from 0 to 600");
        assert_diag(diags, 5, DIAG_ERROR, path, "invalid value 'maybe' for keep_off");
        assert_diag(diags, 7, DIAG_WARNING, path, "unknown key 'managed' in [networkmanager]");
        g_assert_cmpstr(diag_at(diags, 7)->hint, ==, "known keys in [networkmanager]: keep_off");
        g_assert_cmpuint(diags->items->len, ==, 3);
        g_assert_cmpuint(s->port_timeout, ==, 5);
        g_assert_cmpuint(s->port_timeout_line, ==, 3);
        g_assert_false(s->nm_keep_off);
        g_assert_cmpuint(s->nm_keep_off_line, ==, 6);
        remove_tmp(path);

        /* the defaults */
        g_clear_pointer(&s, settings_free);
        g_assert_cmpint(settings_load_file(FIXTURES "/no-such.conf", &s, diags), ==, 0);
        g_assert_cmpuint(s->port_timeout, ==, 30);
        g_assert_true(s->nm_keep_off);
}

static void test_unreadable(void)
{
        g_autoptr(DiagList) diags = diag_list_new();
        g_autoptr(Settings) s = NULL;
        int r;

        /* A directory in place of the file: open works, reading fails. */
        r = settings_load_file(FIXTURES, &s, diags);
        g_assert_cmpint(r, ==, -EISDIR);
        g_assert_null(s);
        g_assert_cmpuint(diag_count(diags, DIAG_ERROR), ==, 1);
        g_assert_cmpstr(((const Diag *)diags->items->pdata[0])->file, ==, FIXTURES);
}

/* settings_parse_buffer(): len bytes only (no NUL needed after them), the
 * last line without its newline, a NUL byte an error on its line. */
static void test_parse_buffer(void)
{
        static const char text[] = "[check]\nchipset = warn\n[boot]\nport\0_timeout = 5\n"
                                   "port_timeout = 7\nport_timeout = 9XYZ";
        g_autoptr(DiagList) diags = diag_list_new();
        g_autoptr(Settings) s = NULL;

        /* the bytes after "= 9" are not part of the file */
        g_assert_cmpint(settings_parse_buffer("mem.conf", text, sizeof(text) - 4, &s, diags), ==,
                        0);
        g_assert_true(s->loaded);
        g_assert_cmpstr(s->path, ==, "mem.conf");
        g_assert_cmpint(s->chipset, ==, CHIPSET_CHECK_WARN);
        assert_diag(diags, 4, DIAG_ERROR, "mem.conf", "line contains a NUL byte");
        assert_diag(diags, 6, DIAG_WARNING, "mem.conf", "set again (previously on line 5)");
        g_assert_cmpuint(diags->items->len, ==, 2);
        g_assert_cmpuint(s->port_timeout, ==, 9);
        g_assert_cmpuint(s->port_timeout_line, ==, 6);

        /* nothing at all: the defaults, read */
        g_clear_pointer(&s, settings_free);
        g_assert_cmpint(settings_parse_buffer("empty.conf", NULL, 0, &s, diags), ==, 0);
        g_assert_true(s->loaded);
        g_assert_cmpint(s->chipset, ==, CHIPSET_CHECK_STRICT);
        g_assert_cmpuint(diags->items->len, ==, 2);
}

int main(int argc, char **argv)
{
        g_test_init(&argc, &argv, NULL);
        g_test_add_func("/settings/chipset-names", test_chipset_names);
        g_test_add_func("/settings/missing-file-is-defaults", test_missing_file_is_defaults);
        g_test_add_func("/settings/root", test_root);
        g_test_add_func("/settings/comments-case-inline", test_comments_case_inline);
        g_test_add_func("/settings/bom", test_bom);
        g_test_add_func("/settings/errors-with-lines", test_errors_with_lines);
        g_test_add_func("/settings/long-line-and-empty-value", test_long_line_and_empty_value);
        g_test_add_func("/settings/boot-and-networkmanager", test_boot_and_networkmanager);
        g_test_add_func("/settings/unreadable", test_unreadable);
        g_test_add_func("/settings/parse-buffer", test_parse_buffer);
        return g_test_run();
}
