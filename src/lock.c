/* SPDX-License-Identifier: GPL-2.0-or-later */
/* flock()-based run lock. */
#include "lock.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>
#include <glib.h>

const char *bondcfg_lock_path(void)
{
#ifdef BONDCFG_TEST_SEAMS
        /* the test build only: another lock file (BONDCFG_LOCK_FILE) */
        const char *p = getenv("BONDCFG_LOCK_FILE");

        if (p && *p)
                return p;
#endif
        return BONDCFG_LOCK_FILE;
}

static pid_t read_holder(int fd)
{
        char buf[32] = { 0 };
        ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);
        long pid;
        char *end;

        if (n <= 0)
                return 0;
        pid = strtol(buf, &end, 10);
        return pid > 0 && (*end == '\n' || *end == '\0') ? (pid_t)pid : 0;
}

int bondcfg_lock_acquire(const char *path, int timeout_s, pid_t *holder)
{
        gint64 deadline = g_get_monotonic_time() + (gint64)timeout_s * G_USEC_PER_SEC;
        char buf[32];
        int fd, len;

        if (holder)
                *holder = 0;
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
        if (fd < 0)
                return -errno;
        while (flock(fd, LOCK_EX | LOCK_NB) < 0) {
                struct timespec ts = { 0, 100 * 1000 * 1000 };

                if (errno != EWOULDBLOCK && errno != EINTR) {
                        int r = -errno;

                        close(fd);
                        return r;
                }
                if (g_get_monotonic_time() >= deadline) {
                        if (holder)
                                *holder = read_holder(fd);
                        close(fd);
                        return -EWOULDBLOCK;
                }
                nanosleep(&ts, NULL);
        }
        len = snprintf(buf, sizeof(buf), "%ld\n", (long)getpid());
        if (ftruncate(fd, 0) == 0)
                (void)!pwrite(fd, buf, (size_t)len, 0);
        return fd;
}

void bondcfg_lock_release(int fd)
{
        if (fd < 0)
                return;
        if (ftruncate(fd, 0) < 0) {
                /* nothing to do: the pid is only a hint */
        }
        flock(fd, LOCK_UN);
        close(fd);
}
