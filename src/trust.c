/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Trusting only root's files: see trust.h. */
#include "trust.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <glib.h>

const char *trust_file_type(mode_t mode)
{
        switch (mode & S_IFMT) {
        case S_IFREG:
                return "a regular file";
        case S_IFDIR:
                return "a directory";
        case S_IFIFO:
                return "a FIFO";
        case S_IFSOCK:
                return "a socket";
        case S_IFCHR:
                return "a character device";
        case S_IFBLK:
                return "a block device";
        default:
                return "not a regular file";
        }
}

char *trust_file_problem(const struct stat *st)
{
        if (st->st_uid != 0)
                return g_strdup_printf("it is owned by uid %u, not by root", (unsigned)st->st_uid);
        if (st->st_mode & (S_IWGRP | S_IWOTH))
                return g_strdup_printf("it is writable by %s (mode %04o)",
                                       st->st_mode & S_IWOTH ? "others" : "its group",
                                       (unsigned)(st->st_mode & 07777));
        return NULL;
}

static void untrusted(DiagList *diags, const char *path, const char *why, const char *hint)
{
        Diag *d;

        if (!diags)
                return;
        d = diag_add(diags, DIAG_WARNING, path, 0, NULL, hint,
                     "%s: bondcfg acts only on files that root alone can change", why);
        d->untrusted = true;
}

int trust_read_file(const char *path, char **buf, size_t *len, DiagList *diags)
{
        g_autoptr(GByteArray) data = NULL;
        g_autofree char *why = NULL;
        struct stat st;
        int fd, r = 0;

        fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
        if (fd < 0)
                return -errno;
        if (fstat(fd, &st) < 0) {
                r = -errno;
                goto out;
        }
        if (S_ISDIR(st.st_mode)) {
                r = -EISDIR;
                goto out;
        }
        if (!S_ISREG(st.st_mode)) {
                r = -ENODEV;
                goto out;
        }
        why = trust_file_problem(&st);
        if (why) {
                g_autofree char *hint =
                        g_strdup_printf("chown root:root %s; chmod go-w %s", path, path);

                untrusted(diags, path, why, hint);
        }
        data = g_byte_array_sized_new(
                st.st_size > 0 && st.st_size < (1 << 20) ? (guint)st.st_size + 1 : 4096);
        for (;;) {
                guint8 chunk[65536];
                ssize_t n = read(fd, chunk, sizeof(chunk));

                if (n < 0) {
                        if (errno == EINTR)
                                continue;
                        r = -errno;
                        goto out;
                }
                if (n == 0)
                        break;
                g_byte_array_append(data, chunk, (guint)n);
        }
        *len = data->len;
        g_byte_array_append(data, (const guint8 *)"", 1);
        *buf = (char *)g_byte_array_free(g_steal_pointer(&data), FALSE);
out:
        close(fd);
        return r;
}

void trust_check_dir(const char *dir, DiagList *diags)
{
        struct stat st;

        if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode))
                return;
        if (st.st_mode & S_IWOTH) {
                g_autofree char *why = g_strdup_printf(
                        "the directory %s is writable by others (mode %04o): anyone can put an "
                        "ifcfg file there",
                        dir, (unsigned)(st.st_mode & 07777));
                g_autofree char *hint = g_strdup_printf("chmod o-w %s", dir);

                untrusted(diags, dir, why, hint);
        } else if (st.st_uid != 0) {
                g_autofree char *why =
                        g_strdup_printf("the directory %s is owned by uid %u, not by root", dir,
                                        (unsigned)st.st_uid);
                g_autofree char *hint = g_strdup_printf("chown root %s", dir);

                untrusted(diags, dir, why, hint);
        }
}

unsigned trust_enforce(DiagList *diags)
{
        unsigned n = 0;

        for (guint i = 0; i < diags->items->len; i++) {
                Diag *d = diags->items->pdata[i];

                if (!d->untrusted || d->severity == DIAG_ERROR)
                        continue;
                d->severity = DIAG_ERROR;
                n++;
        }
        return n;
}

void trust_read_failed(DiagList *diags, const char *path, int r)
{
        struct stat st;

        if ((r == -ENODEV || r == -EISDIR) && lstat(path, &st) == 0 && !S_ISLNK(st.st_mode))
                diag_add(diags, DIAG_ERROR, path, 0, NULL, "move it out of the directory",
                         "%s is %s, not a regular file: bondcfg reads only regular files", path,
                         trust_file_type(st.st_mode));
        else if (r == -ENODEV || r == -EISDIR)
                diag_add(diags, DIAG_ERROR, path, 0, NULL, "move it out of the directory",
                         "%s leads to something that is not a regular file: bondcfg reads only "
                         "regular files",
                         path);
        else
                diag_add(diags, DIAG_ERROR, path, 0, NULL,
                         "check the file's permissions, or move it out of the directory",
                         "cannot read %s: %s", path, g_strerror(-r));
}
