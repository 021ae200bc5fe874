/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "nm-dbus.h"

#include "dl-lib.h"

#include <errno.h>
#include <stdbool.h>
#include <gio/gio.h>

#define NM_NAME                "org.freedesktop.NetworkManager"
#define NM_PATH                "/org/freedesktop/NetworkManager"
#define NM_IFACE               NM_NAME
#define NM_DEVICE_IFACE        NM_NAME ".Device"
#define NM_ACTIVE_IFACE        NM_NAME ".Connection.Active"
#define NM_SETTINGS_CONN_IFACE NM_NAME ".Settings.Connection"
#define NM_RELOAD_FLAG_CONF    0x1u
/* NetworkManager answers at once unless it is starting; a hung one must
 * not hold a boot for long. */
#define CALL_TIMEOUT_MS 5000

struct NmClient {
        GDBusConnection *bus;
        char *error;
};

/*
 * GDBus, dlopen()ed when there is a system bus to talk to (as module.c
 * loads libkmod): libgio and the eight libraries behind it (libgobject,
 * libmount, libselinux, libffi...) are half of what a run of bondcfg would
 * otherwise load at start, for the few commands that ask NetworkManager.
 * Loaded once, never unloaded (GObject types cannot be).
 */
static struct {
        void *dl;
        typeof(g_bus_get_sync) *bus_get_sync;
        typeof(g_dbus_connection_call_sync) *connection_call_sync;
        typeof(g_dbus_error_get_remote_error) *error_get_remote_error;
        typeof(g_dbus_error_quark) *dbus_error_quark;
        typeof(g_io_error_quark) *io_error_quark;
        typeof(g_object_unref) *object_unref;
} gio;

static int gio_dlopen(void)
{
        const DlSym syms[] = {
                DL_SYM(gio.bus_get_sync, g_bus_get_sync),
                DL_SYM(gio.connection_call_sync, g_dbus_connection_call_sync),
                DL_SYM(gio.error_get_remote_error, g_dbus_error_get_remote_error),
                DL_SYM(gio.dbus_error_quark, g_dbus_error_quark),
                DL_SYM(gio.io_error_quark, g_io_error_quark),
                DL_SYM(gio.object_unref, g_object_unref),
        };

        return dl_lib_load(DL_GIO, syms, G_N_ELEMENTS(syms), &gio.dl);
}

static int set_error(NmClient *c, GError *e)
{
        g_autofree char *remote = gio.error_get_remote_error(e);
        GQuark dbus = gio.dbus_error_quark(), io = gio.io_error_quark();
        int r = -EIO;

        g_free(c->error);
        c->error = g_strdup(e->message);
        if (g_error_matches(e, dbus, G_DBUS_ERROR_UNKNOWN_METHOD))
                r = -EOPNOTSUPP;
        else if (g_error_matches(e, dbus, G_DBUS_ERROR_ACCESS_DENIED))
                r = -EACCES;
        else if (g_error_matches(e, io, G_IO_ERROR_TIMED_OUT) ||
                 g_error_matches(e, dbus, G_DBUS_ERROR_NO_REPLY))
                r = -ETIMEDOUT;
        else if (g_error_matches(e, dbus, G_DBUS_ERROR_UNKNOWN_OBJECT) ||
                 g_strcmp0(remote, NM_NAME ".UnknownDevice") == 0)
                r = -ENODEV;
        else if (g_error_matches(e, dbus, G_DBUS_ERROR_SERVICE_UNKNOWN) ||
                 g_error_matches(e, dbus, G_DBUS_ERROR_NAME_HAS_NO_OWNER))
                r = -ENOENT;
        return r;
}

static GVariant *call(NmClient *c, const char *name, const char *path, const char *iface,
                      const char *method, GVariant *args, const GVariantType *reply, int *err)
{
        g_autoptr(GError) e = NULL;
        GVariant *v = gio.connection_call_sync(c->bus, name, path, iface, method, args, reply,
                                               G_DBUS_CALL_FLAGS_NO_AUTO_START, CALL_TIMEOUT_MS,
                                               NULL, &e);

        *err = v ? 0 : set_error(c, e);
        return v;
}

/* A property's value (its variant unwrapped), or NULL with *err. */
static GVariant *get_prop(NmClient *c, const char *path, const char *iface, const char *prop,
                          int *err)
{
        g_autoptr(GVariant) v =
                call(c, NM_NAME, path, "org.freedesktop.DBus.Properties", "Get",
                     g_variant_new("(ss)", iface, prop), G_VARIANT_TYPE("(v)"), err);
        GVariant *inner = NULL;

        if (v)
                g_variant_get(v, "(v)", &inner);
        return inner;
}

/* The system bus's address as D-Bus defines it: $DBUS_SYSTEM_BUS_ADDRESS, or
 * the well-known socket. Without either there is no bus and no
 * NetworkManager, and GDBus need not start its worker thread to learn it. */
static bool system_bus_present(void)
{
        const char *addr = g_getenv("DBUS_SYSTEM_BUS_ADDRESS");

        if (addr && *addr)
                return true;
        return g_file_test("/run/dbus/system_bus_socket", G_FILE_TEST_EXISTS) ||
               g_file_test("/var/run/dbus/system_bus_socket", G_FILE_TEST_EXISTS);
}

int nm_client_new(NmClient **out)
{
        g_autoptr(NmClient) c = g_new0(NmClient, 1);
        g_autoptr(GError) e = NULL;
        g_autoptr(GVariant) v = NULL;
        gboolean has = FALSE;
        int r;

        if (!system_bus_present())
                return -ENOENT;
        r = gio_dlopen();
        if (r < 0)
                return r;
        c->bus = gio.bus_get_sync(G_BUS_TYPE_SYSTEM, NULL, &e);
        if (!c->bus)
                return -ENOENT; /* no system bus: no NetworkManager either */
        v = call(c, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                 "NameHasOwner", g_variant_new("(s)", NM_NAME), G_VARIANT_TYPE("(b)"), &r);
        if (!v)
                return r;
        g_variant_get(v, "(b)", &has);
        if (!has)
                return -ENOENT;
        *out = g_steal_pointer(&c);
        return 0;
}

void nm_client_free(NmClient *c)
{
        if (!c)
                return;
        if (c->bus)
                gio.object_unref(c->bus);
        g_free(c->error);
        g_free(c);
}

void nm_profile_free(NmProfile *p)
{
        if (!p)
                return;
        g_free(p->id);
        g_free(p->uuid);
        g_free(p->filename);
        g_free(p);
}

bool nm_profile_is_generated(const NmProfile *p)
{
        return p->flags & (NM_CONN_FLAG_NM_GENERATED | NM_CONN_FLAG_EXTERNAL);
}

static char *prop_string(NmClient *c, const char *path, const char *iface, const char *prop)
{
        g_autoptr(GVariant) v = NULL;
        int r;

        v = get_prop(c, path, iface, prop, &r);
        if (!v || !g_variant_is_of_type(v, G_VARIANT_TYPE_STRING))
                return NULL;
        return g_variant_dup_string(v, NULL);
}

int nm_client_active_profile(NmClient *c, const char *ifname, NmProfile **out)
{
        g_autoptr(GVariant) dev = NULL, ac = NULL, conn = NULL, flags = NULL;
        g_autoptr(NmProfile) p = g_new0(NmProfile, 1);
        const char *dev_path, *ac_path, *conn_path;
        int r;

        *out = NULL;
        dev = call(c, NM_NAME, NM_PATH, NM_IFACE, "GetDeviceByIpIface",
                   g_variant_new("(s)", ifname), G_VARIANT_TYPE("(o)"), &r);
        if (!dev)
                return r == -ENODEV ? 0 : r; /* a device it does not know */
        g_variant_get(dev, "(&o)", &dev_path);
        ac = get_prop(c, dev_path, NM_DEVICE_IFACE, "ActiveConnection", &r);
        if (!ac)
                return r == -ENODEV ? 0 : r;
        ac_path = g_variant_get_string(ac, NULL);
        if (g_str_equal(ac_path, "/"))
                return 0;
        conn = get_prop(c, ac_path, NM_ACTIVE_IFACE, "Connection", &r);
        if (!conn)
                return r == -ENODEV ? 0 : r; /* deactivated meanwhile */
        conn_path = g_variant_get_string(conn, NULL);
        p->id = prop_string(c, ac_path, NM_ACTIVE_IFACE, "Id");
        p->uuid = prop_string(c, ac_path, NM_ACTIVE_IFACE, "Uuid");
        p->filename = prop_string(c, conn_path, NM_SETTINGS_CONN_IFACE, "Filename");
        if (p->filename && !*p->filename)
                g_clear_pointer(&p->filename, g_free);
        flags = get_prop(c, conn_path, NM_SETTINGS_CONN_IFACE, "Flags", &r);
        if (flags && g_variant_is_of_type(flags, G_VARIANT_TYPE_UINT32))
                p->flags = g_variant_get_uint32(flags);
        *out = g_steal_pointer(&p);
        return 0;
}

int nm_client_reload_conf(NmClient *c)
{
        g_autoptr(GVariant) v = NULL;
        int r;

        v = call(c, NM_NAME, NM_PATH, NM_IFACE, "Reload", g_variant_new("(u)", NM_RELOAD_FLAG_CONF),
                 NULL, &r);
        return v ? 0 : r;
}

const char *nm_client_error(const NmClient *c)
{
        return c->error;
}
