/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "netlink-wait.h"

#include <errno.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/netlink.h>

static int open_groups(uint32_t groups)
{
        struct sockaddr_nl sa = { .nl_family = AF_NETLINK, .nl_groups = groups };
        int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, NETLINK_ROUTE);

        if (fd < 0)
                return -errno;
        if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
                int r = -errno;

                close(fd);
                return r;
        }
        return fd;
}

/* Read everything queued: what changed is asked of done(), not parsed
 * here.  ENOBUFS (the queue overflowed) only means "look again". */
static int drain(int fd)
{
        char buf[8192];

        for (;;) {
                ssize_t n = recv(fd, buf, sizeof(buf), 0);

                if (n >= 0)
                        continue;
                if (errno == EAGAIN || errno == EWOULDBLOCK)
                        return 0;
                if (errno != EINTR && errno != ENOBUFS)
                        return -errno;
        }
}

int nl_wait_until(uint32_t groups, gint64 deadline, unsigned poll_ms, NlWaitDoneFn done,
                  void *userdata)
{
        int fd = open_groups(groups);
        int r;

        if (fd < 0)
                return fd;
        /* subscribed before the first look: nothing falls in between */
        while ((r = done(userdata)) == 0) {
                gint64 left = deadline - g_get_monotonic_time();
                struct pollfd p = { .fd = fd, .events = POLLIN };
                int ms;

                if (left <= 0)
                        break;
                ms = (int)MIN((left + 999) / 1000, (gint64)poll_ms);
                if (poll(&p, 1, ms) < 0 && errno != EINTR) {
                        r = -errno;
                        break;
                }
                r = drain(fd);
                if (r < 0)
                        break;
        }
        close(fd);
        return r < 0 ? r : r > 0;
}
