/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "log.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static void log_open(void)
{
        static bool opened;

        if (opened)
                return;
        /* LOG_NDELAY: connect now, before a chroot or a sandbox could stop
         * it; a missing /dev/log (an initramfs without a logger) is not an
         * error: syslog() then drops the record. */
        openlog("bondcfg", LOG_PID | LOG_NDELAY, LOG_DAEMON);
        opened = true;
}

void log_bond(int priority, const char *bond, const char *fmt, ...)
{
        g_autofree char *msg = NULL;
        size_t n = bond ? strlen(bond) : 0;
        va_list ap;

        va_start(ap, fmt);
        msg = g_strdup_vprintf(fmt, ap);
        va_end(ap);
        log_open();
        /* one record, one line */
        g_strdelimit(msg, "\n", ' ');
        if (!bond || (strncmp(msg, bond, n) == 0 && msg[n] == ':'))
                syslog(priority, "%s", msg);
        else
                syslog(priority, "%s: %s", bond, msg);
}

bool log_fd_is_journal(int fd)
{
        const char *e = g_getenv("JOURNAL_STREAM");
        unsigned long long dev, ino;
        struct stat st;

        if (!e || sscanf(e, "%llu:%llu", &dev, &ino) != 2 || fstat(fd, &st) < 0)
                return false;
        return (unsigned long long)st.st_dev == dev && (unsigned long long)st.st_ino == ino;
}
