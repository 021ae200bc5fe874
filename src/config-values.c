/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Typed values from ifcfg keys: booleans, numbers, MAC addresses, and the
 * bond's IPv4/IPv6 addresses and gateways.  Problems are diagnostics at the
 * key's line.
 */
#include "config-internal.h"
#include "hwaddr.h"

#include <arpa/inet.h>
#include <errno.h>
#include <string.h>

const char *cfg_get_str(const IfcfgFile *f, const char *key)
{
        const char *v = ifcfg_get(f, key);

        return v && *v ? v : NULL;
}

void cfg_err_key(DiagList *diags, const IfcfgFile *f, const char *key, char *hint, const char *fmt,
                 ...)
{
        g_autofree char *h = hint;
        va_list ap;

        va_start(ap, fmt);
        diag_addv(diags, DIAG_ERROR, ifcfg_path(f), ifcfg_line(f, key), key, h, fmt, ap);
        va_end(ap);
}

bool cfg_get_bool(const IfcfgFile *f, const char *key, bool def, DiagList *diags)
{
        const char *v = cfg_get_str(f, key);
        int r;

        if (!v)
                return def;
        r = ifcfg_parse_bool(v);
        if (r < 0) {
                cfg_err_key(diags, f, key, g_strdup_printf("use %s=yes or %s=no", key, key),
                            "%s=%s is not yes or no", key, v);
                return def;
        }
        return r;
}

/* Decimal digits only, value <= max. */
bool cfg_parse_decimal(const char *s, unsigned max, unsigned *out)
{
        unsigned long v = 0;

        if (!s || !*s || strlen(s) > 10)
                return false;
        for (const char *p = s; *p; p++) {
                if (!g_ascii_isdigit(*p))
                        return false;
                v = v * 10 + (unsigned long)(*p - '0');
        }
        if (v > max)
                return false;
        *out = (unsigned)v;
        return true;
}

/*
 * A MAC-valued key (HWADDR, MACADDR), canonical, or NULL (error if invalid).
 * len: 6 bytes, or 20 for an IPoIB port (TYPE=InfiniBand).
 */
char *cfg_load_mac(const IfcfgFile *f, const char *key, size_t len, DiagList *diags)
{
        const char *v = cfg_get_str(f, key);
        char *mac = hwaddr_canonical(v, len);

        if (v && !mac)
                cfg_err_key(
                        diags, f, key,
                        len == HWADDR_INFINIBAND_LEN
                                ? g_strdup_printf("an InfiniBand (IPoIB) address has 20 hex "
                                                  "pairs: %s=80:00:00:48:fe:80:00:00:00:00:"
                                                  "00:00:00:02:c9:03:00:1a:2b:3c",
                                                  key)
                                : g_strdup_printf("write six hex pairs: %s=52:54:00:12:34:56", key),
                        "%s=%s is not a valid %s", key, v,
                        len == HWADDR_INFINIBAND_LEN ? "InfiniBand hardware address"
                                                     : "MAC address");
        return mac;
}

unsigned cfg_load_mtu(const IfcfgFile *f, DiagList *diags)
{
        const char *v = cfg_get_str(f, "MTU");
        unsigned mtu = 0;

        if (v && (!cfg_parse_decimal(v, 65535, &mtu) || mtu < 68)) {
                cfg_err_key(diags, f, "MTU",
                            g_strdup("use a number from 68 to 65535, e.g. MTU=9000"),
                            "MTU=%s is not a valid MTU", v);
                return 0;
        }
        return mtu;
}

char *cfg_file_ifname(const IfcfgFile *f)
{
        const char *dev = cfg_get_str(f, "DEVICE");

        return g_strdup(dev ? dev : ifcfg_suffix(f));
}
