/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/*
 * The system-wide lock that serialises apply and down: flock() on
 * /run/bondcfg.lock (or $BONDCFG_LOCK_FILE).  The holder writes its pid into
 * the file so a waiting run can name it.
 */

#include <sys/types.h>

#define BONDCFG_LOCK_FILE "/run/bondcfg.lock"

/* The lock file path: $BONDCFG_LOCK_FILE or BONDCFG_LOCK_FILE. */
const char *bondcfg_lock_path(void);

/*
 * Take the lock, waiting up to timeout_s seconds (0 = try once).  Returns a
 * file descriptor (>= 0) to pass to bondcfg_lock_release(), -EWOULDBLOCK
 * on timeout with *holder set to the holder's pid (0 if unknown), or -errno.
 */
int bondcfg_lock_acquire(const char *path, int timeout_s, pid_t *holder);
void bondcfg_lock_release(int fd);
