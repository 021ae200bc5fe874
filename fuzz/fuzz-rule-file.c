/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * rule-DEV / rule6-DEV files (rule_file_parse_buffer()) on any bytes.  The
 * first byte picks the family (bit 0: IPv6); the rest is the file.  Each
 * rule read is formatted; its `ip rule add` arguments
 * (net_rule_format_args()) must read back as one equal rule, and the
 * RTM_NEWRULE bondcfg would send must parse back (net_rule_from_msg()).
 */
#include <sys/socket.h>
#include "nl-dl.h"

#include "fuzz.h"
#include "diag.h"
#include "route-file.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
        fuzz_glib_init();
        return 0;
}

static void check_rule(const NetRule *r, const char *path)
{
        g_autofree char *shown = net_rule_format(r);
        g_autofree char *args = net_rule_format_args(r);
        g_autoptr(DiagList) diags = diag_list_new();
        g_autoptr(GPtrArray) again = g_ptr_array_new_with_free_func((GDestroyNotify)net_rule_free);
        g_autoptr(NetRule) back = NULL;
        struct nl_msg *m;

        g_assert_nonnull(shown);
        g_assert_nonnull(args);
        g_assert_cmpint(
                rule_file_parse_buffer(path, args, strlen(args), r->family, NULL, again, diags), ==,
                0);
        if (again->len != 1 || diag_has_errors(diags))
                g_error("'%s' does not read back as one rule", args);
        if (!net_rule_equal(r, again->pdata[0])) {
                g_autofree char *b = net_rule_format(again->pdata[0]);

                g_error("'%s' reads back as '%s'", args, b);
        }
        m = net_rule_msg_add(r);
        if (m) {
                if (net_rule_from_msg(nlmsg_hdr(m), &back) != 0 || !back)
                        g_error("the message for '%s' does not parse back", shown);
                nlmsg_free(m);
        }
        m = net_rule_msg_del(r);
        if (m)
                nlmsg_free(m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        g_autoptr(DiagList) diags = diag_list_new();
        g_autoptr(GPtrArray) rules = g_ptr_array_new_with_free_func((GDestroyNotify)net_rule_free);
        const char *path;
        int family;

        if (size < 1)
                return 0;
        family = data[0] & 1 ? AF_INET6 : AF_INET;
        path = family == AF_INET6 ? "rule6-bond0" : "rule-bond0";
        g_assert_cmpint(rule_file_parse_buffer(path, (const char *)data + 1, size - 1, family, NULL,
                                               rules, diags),
                        ==, 0);
        for (guint i = 0; i < rules->len; i++)
                check_rule(rules->pdata[i], path);
        for (guint i = 0; i < diags->items->len; i++)
                g_free(diag_format(diags->items->pdata[i]));
        return 0;
}
