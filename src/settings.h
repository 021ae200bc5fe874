/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/*
 * bondcfg's own settings: /etc/bondcfg.conf (below --root), an INI file
 * read with inih.
 *
 * ---------------------------------------------------------------------------
 * /etc/bondcfg.conf -- every key bondcfg knows
 *
 *   # Lines starting with '#' or ';' are comments; "key = value" or
 *   # "key: value"; section and key names are case-sensitive, values are not.
 *
 *   [check]
 *   # How to treat ports of one bond whose NICs differ in chipset
 *   # (PCI vendor:device) or driver:
 *   #   strict  an error: `bondcfg check` fails, `bondcfg apply` refuses
 *   #   warn    a warning only
 *   #   off     not checked
 *   # Default: strict.  A bond's ifcfg file may override it with
 *   # BONDCFG_CHIPSET_CHECK=strict|warn|off; --force turns the error into a
 *   # warning for one run.
 *   chipset = strict
 *
 *   [boot]
 *   # How long `bondcfg apply --boot` (bondcfg.service) waits for a port
 *   # that is not there yet, in seconds (0 to 600).  A port's own
 *   # DEVTIMEOUT, if longer, wins.  After that the bond comes up without it
 *   # and the missing port is reported.  Default: 30.
 *   port_timeout = 30
 *
 *   [networkmanager]
 *   # yes: when NetworkManager is installed, the devices of the bonds
 *   # bondcfg brings up are in its unmanaged-devices list (a runtime file
 *   # in /run/NetworkManager/conf.d), and an active NetworkManager profile
 *   # on one of them stops the apply.  no: bondcfg leaves NetworkManager
 *   # alone (and NetworkManager may then take the devices).  Default: yes.
 *   keep_off = yes
 *
 * A missing file means all defaults.  An unknown section or key is a
 * warning at FILE:LINE; a bad value or a line that is not "key = value" or
 * "[section]" is an error at FILE:LINE.
 * ---------------------------------------------------------------------------
 */

#include <errno.h>
#include <glib.h>
#include <stdbool.h>
#include "diag.h"

#define BONDCFG_SETTINGS_FILE "/etc/bondcfg.conf"

typedef enum {
        CHIPSET_CHECK_STRICT,
        CHIPSET_CHECK_WARN,
        CHIPSET_CHECK_OFF,
        _CHIPSET_CHECK_MAX,
        _CHIPSET_CHECK_INVALID = -EINVAL,
} ChipsetCheck;

typedef struct {
        char *path;            /* the file read (or that would be read) */
        bool loaded;           /* the file existed and was read */
        ChipsetCheck chipset;  /* [check] chipset */
        unsigned chipset_line; /* its line, 0 = default */
        unsigned port_timeout; /* [boot] port_timeout, seconds */
        unsigned port_timeout_line;
        bool nm_keep_off; /* [networkmanager] keep_off */
        unsigned nm_keep_off_line;
} Settings;

/* All defaults; path = BONDCFG_SETTINGS_FILE. */
Settings *settings_new(void);
void settings_free(Settings *s);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(Settings, settings_free)

/*
 * Load <root>/etc/bondcfg.conf (root NULL = "/").  A missing file gives the
 * defaults and no diagnostic.  Problems in the file go to diags with file
 * and line; the values that parsed are still used.  Returns 0 (*out set), or
 * -errno if the file exists but cannot be read (an error is added too).
 */
int settings_load(const char *root, Settings **out, DiagList *diags);
/* Same for an explicit path (tests, or a future --settings option). */
int settings_load_file(const char *path, Settings **out, DiagList *diags);
/*
 * Parse the text of a bondcfg.conf held in buf (len bytes, not
 * NUL-terminated; NUL bytes are errors); path names it in diagnostics and
 * in (*out)->path, and loaded is true.  What settings_load_file() does
 * once it has read the file, with no I/O: it may be fed anything.  Returns
 * 0 (*out set) or -ENOMEM.
 */
int settings_parse_buffer(const char *path, const char *buf, size_t len, Settings **out,
                          DiagList *diags);

/* "strict" / "warn" / "off", case-insensitive; _CHIPSET_CHECK_INVALID if not. */
ChipsetCheck chipset_check_from_string(const char *s);
const char *chipset_check_to_string(ChipsetCheck c);
