/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/*
 * The small per-link files bondcfg keeps below /run/bondcfg (port-state.h,
 * owned.h): one file per interface name, written atomically.
 */

#include <stdbool.h>

#define BONDCFG_STATE_DIR "/run/bondcfg"

/* BONDCFG_STATE_DIR/sub ($BONDCFG_STATE_DIR for the tests).  Caller frees. */
char *state_dir(const char *sub);

/* An interface name usable as a file name (the kernel's dev_valid_name). */
bool state_name_valid(const char *ifname);

/* Write text to a new temporary file in dir (fsync'ed); its path in *tmp,
 * which the caller links or renames into place.  Returns 0 or -errno. */
int state_write_temp(const char *dir, const char *ifname, const char *text, char **tmp);

/* Put text in dir/ifname in one step (dir is created).  0 or -errno. */
int state_write(const char *dir, const char *ifname, const char *text);

/* Remove dir/ifname; 0 also when there was none, or -errno. */
int state_remove(const char *dir, const char *ifname);
