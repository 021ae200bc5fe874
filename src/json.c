/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "json.h"

void json_append_string(GString *s, const char *str)
{
        if (!str) {
                g_string_append(s, "null");
                return;
        }
        g_string_append_c(s, '"');
        for (const unsigned char *p = (const unsigned char *)str; *p; p++) {
                switch (*p) {
                case '"':
                        g_string_append(s, "\\\"");
                        break;
                case '\\':
                        g_string_append(s, "\\\\");
                        break;
                case '\n':
                        g_string_append(s, "\\n");
                        break;
                case '\r':
                        g_string_append(s, "\\r");
                        break;
                case '\t':
                        g_string_append(s, "\\t");
                        break;
                default:
                        if (*p < 0x20)
                                g_string_append_printf(s, "\\u%04x", *p);
                        else
                                g_string_append_c(s, (char)*p);
                }
        }
        g_string_append_c(s, '"');
}
