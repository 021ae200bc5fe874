/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/*
 * Waiting on the kernel's rtnetlink notifications instead of polling or
 * `udevadm settle`: a port that appears (RTM_NEWLINK), a carrier that
 * comes (RTM_NEWLINK), an address whose duplicate address detection ends
 * (RTM_NEWADDR) wakes the waiter at once.
 */

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

/* Is what the caller waits for there yet?  0 = no, 1 = yes, < 0 = -errno
 * (stop waiting). */
typedef int (*NlWaitDoneFn)(void *userdata);

/*
 * Subscribe to the rtnetlink multicast groups (RTMGRP_* bits), then ask
 * done(): at once, after every burst of notifications (and an overflow of
 * the socket, which may have lost some), and at least every poll_ms.
 * Returns 1 when done() said yes, 0 when deadline (g_get_monotonic_time()
 * microseconds) passed first, or -errno.
 */
int nl_wait_until(uint32_t groups, gint64 deadline, unsigned poll_ms, NlWaitDoneFn done,
                  void *userdata);
