/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The per-link state files (state-file.h). */
#include "state-file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib.h>
#include <glib/gstdio.h>

char *state_dir(const char *sub)
{
#ifdef BONDCFG_TEST_SEAMS
        /* the test build only: another state directory (BONDCFG_STATE_DIR) */
        const char *e = getenv("BONDCFG_STATE_DIR");

        if (e && *e)
                return g_build_filename(e, sub, NULL);
#endif
        return g_build_filename(BONDCFG_STATE_DIR, sub, NULL);
}

bool state_name_valid(const char *s)
{
        return s && *s && strlen(s) < 16 && strcmp(s, ".") != 0 && strcmp(s, "..") != 0 &&
               !strchr(s, '/') && !strpbrk(s, " \t\n:");
}

int state_write_temp(const char *dir, const char *ifname, const char *text, char **tmp)
{
        g_autofree char *path = g_strdup_printf("%s/.%s.XXXXXX", dir, ifname);
        size_t len = strlen(text), off = 0;
        int fd = g_mkstemp_full(path, O_WRONLY | O_CLOEXEC, 0644), r = 0;

        if (fd < 0)
                return -errno;
        while (off < len && r == 0) {
                ssize_t n = write(fd, text + off, len - off);

                if (n < 0 && errno != EINTR)
                        r = -errno;
                else if (n > 0)
                        off += (size_t)n;
        }
        if (r == 0 && fsync(fd) < 0)
                r = -errno;
        if (close(fd) < 0 && r == 0)
                r = -errno;
        if (r < 0) {
                unlink(path);
                return r;
        }
        *tmp = g_steal_pointer(&path);
        return 0;
}

int state_write(const char *dir, const char *ifname, const char *text)
{
        g_autofree char *tmp = NULL, *path = NULL;
        int r;

        if (!state_name_valid(ifname))
                return -EINVAL;
        if (g_mkdir_with_parents(dir, 0755) < 0)
                return -errno;
        r = state_write_temp(dir, ifname, text, &tmp);
        if (r < 0)
                return r;
        path = g_build_filename(dir, ifname, NULL);
        if (rename(tmp, path) < 0) {
                r = -errno;
                unlink(tmp);
        }
        return r;
}

int state_remove(const char *dir, const char *ifname)
{
        g_autofree char *path = NULL;

        if (!state_name_valid(ifname))
                return -EINVAL;
        path = g_build_filename(dir, ifname, NULL);
        if (unlink(path) < 0 && errno != ENOENT)
                return -errno;
        return 0;
}
