/* SPDX-License-Identifier: GPL-2.0-or-later */
/* hwaddr.h: the one place that parses and formats hardware addresses. */
#include <errno.h>
#include <string.h>
#include <glib.h>

#include "hwaddr.h"

static void test_parse_format(void)
{
        uint8_t b[HWADDR_MAX_LEN];
        g_autofree char *s = NULL, *ib = NULL;
        size_t n;

        g_assert_cmpint(hwaddr_parse("52:54:00:AB:cd:0f", b, &n), ==, 0);
        g_assert_cmpuint(n, ==, 6);
        s = hwaddr_format(b, n);
        g_assert_cmpstr(s, ==, "52:54:00:ab:cd:0f");
        /* '-' as ifcfg allows, but one kind of separator throughout */
        g_assert_cmpint(hwaddr_parse("52-54-00-ab-cd-0f", b, &n), ==, 0);
        g_assert_cmpint(hwaddr_parse("52:54-00:ab:cd:0f", b, &n), ==, -EINVAL);
        g_assert_cmpint(hwaddr_parse("52:54:00:ab:cd:f", b, &n), ==, -EINVAL);
        g_assert_cmpint(hwaddr_parse("", b, &n), ==, -EINVAL);
        g_assert_cmpint(hwaddr_parse(NULL, b, &n), ==, -EINVAL);
        /* IPoIB: 20 bytes, no more */
        ib = g_strjoinv(":", (char *[]){ "80", "00", "00", "48", "fe", "80", "00",
                                         "00", "00", "00", "00", "00", "00", "02",
                                         "c9", "03", "00", "0b", "41", "a1", NULL });
        g_assert_cmpint(hwaddr_parse(ib, b, &n), ==, 0);
        g_assert_cmpuint(n, ==, HWADDR_INFINIBAND_LEN);
        g_clear_pointer(&s, g_free);
        s = g_strconcat(ib, ":00", NULL);
        g_assert_cmpint(hwaddr_parse(s, b, &n), ==, -EINVAL);
}

static void test_ether(void)
{
        uint8_t mac[HWADDR_ETHER_LEN];
        char buf[HWADDR_STRLEN(HWADDR_ETHER_LEN)];

        g_assert_cmpint(hwaddr_parse_ether("52:54:00:AB:cd:0f", mac), ==, 0);
        g_assert_cmpstr(hwaddr_format_buf(mac, sizeof(mac), buf), ==, "52:54:00:ab:cd:0f");
        g_assert_cmpint(hwaddr_parse_ether("52-54-00-ab-cd-0f", mac), ==, 0);
        g_assert_cmpint(hwaddr_parse_ether("52:54:00:ab:cd", mac), ==, -EINVAL);
        g_assert_cmpint(hwaddr_parse_ether("52:54:00:ab:cd:0f:11", mac), ==, -EINVAL);
        /* the kernel's mac_pton(): colons only */
        g_assert_cmpint(hwaddr_parse_kernel("01:80:C2:00:00:0e", mac), ==, 0);
        g_assert_cmpuint(mac[0], ==, 0x01);
        g_assert_cmpuint(mac[5], ==, 0x0e);
        g_assert_cmpint(hwaddr_parse_kernel("01-80-c2-00-00-0e", mac), ==, -EINVAL);
        g_assert_cmpint(hwaddr_parse_kernel("01:80:c2:00:00:0e ", mac), ==, -EINVAL);
        g_assert_cmpint(hwaddr_parse_kernel("01:80:c2:00:00", mac), ==, -EINVAL);
        g_assert_cmpstr(hwaddr_format_buf(mac, 0, buf), ==, "");
}

static void test_canonical_matches(void)
{
        g_autofree char *c = hwaddr_canonical("52-54-00-AB-CD-0F", HWADDR_ETHER_LEN);
        g_autofree char *none = hwaddr_canonical("52:54:00:ab:cd:0f", HWADDR_INFINIBAND_LEN);

        g_assert_cmpstr(c, ==, "52:54:00:ab:cd:0f");
        g_assert_null(none);
        g_assert_true(hwaddr_matches("52:54:00:AB:cd:0f", "52-54-00-ab-cd-0f"));
        g_assert_false(hwaddr_matches("52:54:00:ab:cd:0f", "52:54:00:ab:cd:0e"));
        g_assert_false(hwaddr_matches("52:54:00:ab:cd:0f", "nonsense"));
        /* IPoIB: the port GUID (last 8 bytes) names the NIC, not the QPN */
        g_assert_true(
                hwaddr_matches("80:00:00:48:fe:80:00:00:00:00:00:00:00:02:c9:03:00:0b:41:a1",
                               "80:00:02:08:fe:80:00:00:00:00:00:00:00:02:c9:03:00:0b:41:a1"));
        g_assert_false(
                hwaddr_matches("80:00:00:48:fe:80:00:00:00:00:00:00:00:02:c9:03:00:0b:41:a1",
                               "80:00:00:48:fe:80:00:00:00:00:00:00:00:02:c9:03:00:0b:41:a2"));
}

int main(int argc, char **argv)
{
        g_test_init(&argc, &argv, NULL);
        g_test_add_func("/hwaddr/parse-format", test_parse_format);
        g_test_add_func("/hwaddr/ether", test_ether);
        g_test_add_func("/hwaddr/canonical-matches", test_canonical_matches);
        return g_test_run();
}
