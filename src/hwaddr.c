/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Hardware addresses as text (see hwaddr.h). */
#include "hwaddr.h"

#include <errno.h>
#include <string.h>

static int hexval(char c)
{
        return g_ascii_isxdigit(c) ? g_ascii_xdigit_value(c) : -1;
}

int hwaddr_parse(const char *s, uint8_t out[HWADDR_MAX_LEN], size_t *len)
{
        size_t n = 0;
        char sep = 0;

        if (!s || !*s)
                return -EINVAL;
        for (const char *p = s;; p += 3) {
                int hi = hexval(p[0]), lo = hi < 0 ? -1 : hexval(p[1]);

                if (lo < 0 || n == HWADDR_MAX_LEN)
                        return -EINVAL;
                out[n++] = (uint8_t)(hi << 4 | lo);
                if (p[2] == '\0')
                        break;
                if ((p[2] != ':' && p[2] != '-') || (sep && p[2] != sep))
                        return -EINVAL;
                sep = p[2];
        }
        *len = n;
        return 0;
}

int hwaddr_parse_ether(const char *s, uint8_t mac[HWADDR_ETHER_LEN])
{
        uint8_t b[HWADDR_MAX_LEN];
        size_t n;

        if (hwaddr_parse(s, b, &n) < 0 || n != HWADDR_ETHER_LEN)
                return -EINVAL;
        memcpy(mac, b, HWADDR_ETHER_LEN);
        return 0;
}

int hwaddr_parse_kernel(const char *s, uint8_t mac[HWADDR_ETHER_LEN])
{
        /* one separator kind throughout (hwaddr_parse()): the first is ':' */
        if (!s || strlen(s) != HWADDR_STRLEN(HWADDR_ETHER_LEN) - 1 || s[2] != ':')
                return -EINVAL;
        return hwaddr_parse_ether(s, mac);
}

char *hwaddr_format_buf(const uint8_t *a, size_t len, char *buf)
{
        static const char hex[] = "0123456789abcdef";

        for (size_t i = 0; i < len; i++) {
                buf[i * 3] = hex[a[i] >> 4];
                buf[i * 3 + 1] = hex[a[i] & 0xf];
                buf[i * 3 + 2] = i + 1 < len ? ':' : '\0';
        }
        if (!len)
                buf[0] = '\0';
        return buf;
}

char *hwaddr_format(const uint8_t *a, size_t len)
{
        return hwaddr_format_buf(a, len, g_malloc(HWADDR_STRLEN(len)));
}

char *hwaddr_canonical(const char *s, size_t want_len)
{
        uint8_t b[HWADDR_MAX_LEN];
        size_t n;

        if (hwaddr_parse(s, b, &n) < 0 || n != want_len)
                return NULL;
        return hwaddr_format(b, n);
}

bool hwaddr_matches(const char *a, const char *b)
{
        uint8_t x[HWADDR_MAX_LEN], y[HWADDR_MAX_LEN];
        size_t nx, ny;

        if (hwaddr_parse(a, x, &nx) < 0 || hwaddr_parse(b, y, &ny) < 0 || nx != ny)
                return false;
        if (nx == HWADDR_INFINIBAND_LEN)
                return memcmp(x + 12, y + 12, 8) == 0;
        return memcmp(x, y, nx) == 0;
}
