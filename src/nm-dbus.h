/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/*
 * NetworkManager over its D-Bus API (org.freedesktop.NetworkManager, with
 * GDBus, loaded on demand): is it running, what is active on a device, reload its
 * configuration.  Never starts it: every call is made with D-Bus
 * auto-start off, after NameHasOwner said it runs.
 */

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

/* Settings.Connection "Flags" (NMSettingsConnectionFlags) */
#define NM_CONN_FLAG_UNSAVED      0x1u
#define NM_CONN_FLAG_NM_GENERATED 0x2u
#define NM_CONN_FLAG_VOLATILE     0x4u
#define NM_CONN_FLAG_EXTERNAL     0x8u

typedef struct NmClient NmClient;

typedef struct {
        char *id;       /* connection.id */
        char *uuid;     /* connection.uuid */
        char *filename; /* where the profile lives, or NULL (in memory) */
        uint32_t flags; /* NM_CONN_FLAG_* */
} NmProfile;

/*
 * Connect to the system bus.  -ENOENT: there is no system bus, or
 * NetworkManager does not run on it; -ELIBACC: libgio, which is dlopen()ed
 * only once there is a bus, cannot be loaded; other -errno on failure.
 */
int nm_client_new(NmClient **out);
void nm_client_free(NmClient *c);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(NmClient, nm_client_free)

/* The profile active on the device called ifname: 0 and *out (NULL when
 * NetworkManager knows no such device or nothing is active), or -errno. */
int nm_client_active_profile(NmClient *c, const char *ifname, NmProfile **out);
void nm_profile_free(NmProfile *p);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(NmProfile, nm_profile_free)

/* A profile of NetworkManager's own making (an automatic "Wired connection",
 * or the external one it makes for a device configured by someone else):
 * not a user's, and gone when the device is unmanaged. */
bool nm_profile_is_generated(const NmProfile *p);

/* Reload(NM_MANAGER_RELOAD_FLAG_CONF): NetworkManager.conf and conf.d
 * again.  0 or -errno (-EOPNOTSUPP: NetworkManager before 1.22). */
int nm_client_reload_conf(NmClient *c);

/* The text of the last D-Bus error on c, or NULL. */
const char *nm_client_error(const NmClient *c);
