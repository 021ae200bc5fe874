/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/*
 * Netlink messages written as hex text, the way `strace -e write=FD` dumps
 * what iproute2 sends and `strace -e read=FD` what the kernel answers.  The
 * reference bytes in the tests are such dumps, pasted whole: compare_msg()
 * zeroes their nlmsg_seq and nlmsg_pid (bytes 8-15), which iproute2 sets and
 * bondcfg's builders leave 0 for nl_send_auto() to fill in.
 */

#include <string.h>
#include <glib.h>
#include "nl-dl.h"

static inline GByteArray *hex_bytes(const char *hex)
{
        GByteArray *b = g_byte_array_new();

        for (const char *p = hex; *p;) {
                guint8 v;

                if (*p == ' ' || *p == '\n') {
                        p++;
                        continue;
                }
                g_assert_true(g_ascii_isxdigit(p[0]) && g_ascii_isxdigit(p[1]));
                v = (guint8)(g_ascii_xdigit_value(p[0]) << 4 | g_ascii_xdigit_value(p[1]));
                g_byte_array_append(b, &v, 1);
                p += 2;
        }
        return b;
}

static inline char *bytes_hex(const guint8 *p, size_t len)
{
        GString *s = g_string_new(NULL);

        for (size_t i = 0; i < len; i++)
                g_string_append_printf(s, "%02x", p[i]);
        return g_string_free(s, FALSE);
}

/* The message m is byte for byte the dump in hex, but for seq and pid. */
static inline void assert_msg_hex(struct nl_msg *m, const char *hex)
{
        g_autoptr(GByteArray) want = hex_bytes(hex);
        const guint8 *got;
        size_t len;

        g_assert_nonnull(m);
        g_assert_cmpuint(want->len, >=, 16);
        memset(want->data + 8, 0, 8);
        got = (const guint8 *)nlmsg_hdr(m);
        len = nlmsg_hdr(m)->nlmsg_len;
        if (len != want->len || memcmp(got, want->data, len) != 0) {
                g_autofree char *g = bytes_hex(got, len);

                g_test_message("got  %s", g);
        }
        g_assert_cmpmem(got, len, want->data, want->len);
}
