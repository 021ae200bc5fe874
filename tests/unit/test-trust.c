/* SPDX-License-Identifier: GPL-2.0-or-later */
/* trust.h: only root's files, never a hang on a FIFO. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "config.h"
#include "trust.h"

static char *tmpdir(void)
{
        g_autoptr(GError) e = NULL;
        char *d = g_dir_make_tmp("test-trust-XXXXXX", &e);

        g_assert_no_error(e);
        return d;
}

static char *put(const char *dir, const char *name, const char *text, mode_t mode)
{
        char *p = g_build_filename(dir, name, NULL);

        g_assert_true(g_file_set_contents(p, text, -1, NULL));
        g_assert_cmpint(chmod(p, mode), ==, 0);
        return p;
}

static guint count_untrusted(const DiagList *d)
{
        guint n = 0;

        for (guint i = 0; i < d->items->len; i++)
                n += ((const Diag *)d->items->pdata[i])->untrusted;
        return n;
}

static void test_files(void)
{
        g_autofree char *dir = tmpdir();
        g_autofree char *good = put(dir, "good", "A=1\n", 0644);
        g_autofree char *ww = put(dir, "ww", "A=1\n", 0666);
        g_autofree char *gw = put(dir, "gw", "A=1\n", 0664);
        g_autofree char *other = put(dir, "other", "A=1\n", 0644);
        g_autofree char *link_ww = g_build_filename(dir, "link-ww", NULL);
        g_autofree char *link_good = g_build_filename(dir, "link-good", NULL);
        g_autofree char *fifo = g_build_filename(dir, "fifo", NULL);
        const struct {
                const char *path;
                int r;
                const char *why; /* in the untrusted warning, NULL: none */
        } cases[] = {
                { good, 0, NULL },
                { ww, 0, "writable by others (mode 0666)" },
                { gw, 0, "writable by its group (mode 0664)" },
                { other, 0, "owned by uid 65534, not by root" },
                /* a symbolic link: its target is judged */
                { link_ww, 0, "writable by others" },
                { link_good, 0, NULL },
                /* never blocks: judged before any read */
                { fifo, -ENODEV, NULL },
                { dir, -EISDIR, NULL },
        };

        if (geteuid() != 0) {
                g_test_skip("needs root (files owned by root and by another uid)");
                return;
        }
        g_assert_cmpint(chown(other, 65534, 65534), ==, 0);
        g_assert_cmpint(symlink(ww, link_ww), ==, 0);
        g_assert_cmpint(symlink(good, link_good), ==, 0);
        g_assert_cmpint(mkfifo(fifo, 0600), ==, 0);
        for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
                g_autoptr(DiagList) d = diag_list_new();
                g_autofree char *buf = NULL;
                size_t len = 0;
                int r = trust_read_file(cases[i].path, &buf, &len, d);

                g_test_message("%s", cases[i].path);
                g_assert_cmpint(r, ==, cases[i].r);
                if (r == 0) {
                        g_assert_cmpstr(buf, ==, "A=1\n");
                        g_assert_cmpuint(len, ==, 4);
                }
                g_assert_cmpuint(count_untrusted(d), ==, cases[i].why ? 1 : 0);
                if (cases[i].why) {
                        const Diag *x = d->items->pdata[0];

                        g_assert_cmpint(x->severity, ==, DIAG_WARNING);
                        g_assert_nonnull(strstr(x->message, cases[i].why));
                        g_assert_nonnull(strstr(x->hint, "chmod go-w"));
                        /* apply and down make it an error */
                        g_assert_cmpuint(trust_enforce(d), ==, 1);
                        g_assert_cmpint(x->severity, ==, DIAG_ERROR);
                }
        }
        for (const char *const *p =
                     (const char *const[]){ good, ww, gw, other, link_ww, link_good, fifo, NULL };
             *p; p++)
                g_assert_cmpint(g_unlink(*p), ==, 0);
        g_assert_cmpint(g_rmdir(dir), ==, 0);
}

/* A configuration directory: a FIFO named ifcfg-x is an error naming it
 * (and the load does not hang); others' write access to the directory, or
 * a world-writable ifcfg file, is an untrusted warning. */
static void test_dir(void)
{
        g_autofree char *dir = tmpdir();
        g_autofree char *bond =
                put(dir, "ifcfg-bond0", "DEVICE=bond0\nTYPE=Bond\nBONDING_OPTS=miimon=100\n", 0644);
        g_autofree char *port =
                put(dir, "ifcfg-eth0", "DEVICE=eth0\nMASTER=bond0\nSLAVE=yes\n", 0666);
        g_autofree char *fifo = g_build_filename(dir, "ifcfg-x", NULL);
        g_autoptr(DiagList) d = diag_list_new();
        g_autoptr(Config) c = NULL;
        gboolean fifo_error = FALSE, port_untrusted = FALSE, dir_untrusted = FALSE;

        if (geteuid() != 0) {
                g_test_skip("needs root (files owned by root)");
                return;
        }
        g_assert_cmpint(mkfifo(fifo, 0600), ==, 0);
        g_assert_cmpint(chmod(dir, 0777), ==, 0);
        g_assert_cmpint(config_load_dir(dir, &c, d), ==, 0);
        for (guint i = 0; i < d->items->len; i++) {
                const Diag *x = d->items->pdata[i];

                fifo_error |= x->severity == DIAG_ERROR && g_strcmp0(x->file, fifo) == 0 &&
                              strstr(x->message, "is a FIFO, not a regular file");
                port_untrusted |= x->untrusted && g_strcmp0(x->file, port) == 0;
                dir_untrusted |= x->untrusted && g_strcmp0(x->file, dir) == 0 &&
                                 strstr(x->message, "writable by others (mode 0777)");
        }
        g_assert_true(fifo_error);
        g_assert_true(port_untrusted);
        g_assert_true(dir_untrusted);
        /* the rest still loads */
        g_assert_cmpuint(c->bonds->len, ==, 1);
        g_assert_cmpuint(c->ports->len, ==, 1);
        g_assert_cmpint(g_unlink(bond), ==, 0);
        g_assert_cmpint(g_unlink(port), ==, 0);
        g_assert_cmpint(g_unlink(fifo), ==, 0);
        g_assert_cmpint(g_rmdir(dir), ==, 0);
}

int main(int argc, char **argv)
{
        g_test_init(&argc, &argv, NULL);
        g_test_add_func("/trust/files", test_files);
        g_test_add_func("/trust/dir", test_dir);
        return g_test_run();
}
