/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/*
 * libudev, dlopen()ed on demand as module.c does with libkmod: only the
 * member-NIC checks (check, apply) read udev, so every other command starts
 * without it.  Its headers are needed at build time, its library is not
 * linked.
 *
 * udev_dl_open() loads libudev.so.1 once and sets a sym_udev_* pointer for
 * each function below; call it (udev_check_config() and nic_info_get() do)
 * before any of them.
 */

#include <glib.h>
#include <libudev.h>

#define UDEV_DL_SYMBOLS(X)                                                                         \
        X(udev_new)                                                                                \
        X(udev_unref)                                                                              \
        X(udev_device_new_from_subsystem_sysname)                                                  \
        X(udev_device_unref)                                                                       \
        X(udev_device_get_devpath)                                                                 \
        X(udev_device_get_devtype)                                                                 \
        X(udev_device_get_driver)                                                                  \
        X(udev_device_get_parent)                                                                  \
        X(udev_device_get_parent_with_subsystem_devtype)                                           \
        X(udev_device_get_property_value)                                                          \
        X(udev_device_get_sysattr_value)                                                           \
        X(udev_device_get_sysname)                                                                 \
        X(udev_device_get_syspath)

#define UDEV_DL_DECLARE(f) extern typeof(f) *sym_##f;
UDEV_DL_SYMBOLS(UDEV_DL_DECLARE)
#undef UDEV_DL_DECLARE

/*
 * 0, or -ELIBACC if libudev.so.1 or one of the functions is missing; then
 * dl_lib_strerror() says which.  Loaded once per process, never unloaded.
 */
int udev_dl_open(void);

typedef struct udev Udev;
typedef struct udev_device UdevDevice;
G_DEFINE_AUTOPTR_CLEANUP_FUNC(Udev, sym_udev_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(UdevDevice, sym_udev_device_unref)
