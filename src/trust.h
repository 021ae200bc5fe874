/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/*
 * Trust only root's files, as sshd's StrictModes does: a configuration file
 * bondcfg acts on as root (an ifcfg file, a route or rule file,
 * /etc/sysconfig/network, bondcfg.conf) must be a regular file owned by root
 * and writable by no one else, in a directory others cannot write to.  A
 * symbolic link is followed, and its target is what is judged.
 *
 * The library only finds and describes the problem (a diagnostic marked
 * untrusted, a warning); the commands that change the system (apply, down)
 * make those errors, and `check` leaves them warnings.
 */

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>
#include "diag.h"

/*
 * Read the whole file at path without ever blocking on it: it is opened
 * non-blocking and judged by fstat() before any read.  0 with the bytes in
 * *buf (NUL-terminated, caller frees) and its size in *len; -ENOENT,
 * -EACCES..., -EISDIR for a directory, -ENODEV for another file that is not
 * regular (a FIFO, a socket, a device).  When the file is not one bondcfg
 * should trust, a warning marked untrusted is added to diags (NULL: none)
 * and the file is still read.
 */
int trust_read_file(const char *path, char **buf, size_t *len, DiagList *diags);

/* An error for a failed trust_read_file() (r: its -errno): "PATH is a
 * FIFO, not a regular file", or "cannot read PATH: ...". */
void trust_read_failed(DiagList *diags, const char *path, int r);

/* Why st (a file's) is not to be trusted, or NULL if it is (caller frees). */
char *trust_file_problem(const struct stat *st);

/* A warning marked untrusted if directory dir is writable by others. */
void trust_check_dir(const char *dir, DiagList *diags);

/* What a file that is not regular is ("a FIFO"), for messages. */
const char *trust_file_type(mode_t mode);

/*
 * Make every untrusted warning in diags an error (apply, down): the run
 * refuses before it changes anything.  Returns how many there were.
 */
unsigned trust_enforce(DiagList *diags);
