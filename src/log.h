/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/*
 * The system log (command layer only): every change bondcfg makes to the
 * kernel, every rollback and every refusal, one syslog(3) record each,
 * ident "bondcfg", facility daemon, so the journal or rsyslog keeps it
 * whoever ran bondcfg (bondcfg.service, the ifup hook, dracut, a shell).
 * Every record starts with the bond's name: "bond0: bp0: enslave to
 * bond0".  Dry runs log nothing: their callers do not call these.
 */

#include <glib.h>
#include <stdbool.h>
#include <syslog.h>

/* One record about bond (NULL: about no bond in particular).  A message
 * that starts with "BOND:" is not prefixed again. */
void log_bond(int priority, const char *bond, const char *fmt, ...) G_GNUC_PRINTF(3, 4);

/* Is fd the journal's stream (systemd.exec(5), $JOURNAL_STREAM: stdout or
 * stderr of a unit that goes to the journal)?  There, what log_bond()
 * recorded is not printed a second time. */
bool log_fd_is_journal(int fd);
