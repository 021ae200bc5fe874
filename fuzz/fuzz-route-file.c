/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * route-DEV / route6-DEV files (route_file_parse_buffer(): the `ip route
 * add` form and the ADDRESSn= form) on any bytes.  The first byte picks the
 * family (bit 0: IPv6); the rest is the file.  Each route read is then
 * formatted, and turned into the RTM_NEWROUTE bondcfg would send, which
 * must parse back (net_route_from_msg()) to an equal route.
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

static void check_route(const NetRoute *r)
{
        g_autoptr(NetRoute) dev = net_route_copy(r);
        g_autoptr(NetRoute) back = NULL;
        g_autofree char *shown = net_route_format(r);
        struct nl_msg *m;

        g_assert_nonnull(shown);
        g_assert_true(net_route_same_key(r, dev));
        /* as apply sends it: the device resolved to an ifindex */
        if (dev->oif)
                dev->ifindex = 7;
        m = net_route_msg_add(dev, false);
        if (!m)
                return;
        if (net_route_from_msg(nlmsg_hdr(m), &back) != 0 || !back)
                g_error("the message for '%s' does not parse back", shown);
        if (!dev->unmodelled && !net_route_equal(dev, back)) {
                g_autofree char *b = net_route_format(back);

                g_error("'%s' comes back as '%s'", shown, b);
        }
        nlmsg_free(m);
        m = net_route_msg_del(dev);
        if (m)
                nlmsg_free(m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        g_autoptr(DiagList) diags = diag_list_new();
        g_autoptr(GPtrArray) routes =
                g_ptr_array_new_with_free_func((GDestroyNotify)net_route_free);
        int family;

        if (size < 1)
                return 0;
        family = data[0] & 1 ? AF_INET6 : AF_INET;
        g_assert_cmpint(route_file_parse_buffer(family == AF_INET6 ? "route6-bond0" : "route-bond0",
                                                (const char *)data + 1, size - 1, "bond0", family,
                                                NULL, routes, diags),
                        ==, 0);
        for (guint i = 0; i < routes->len; i++)
                check_route(routes->pdata[i]);
        for (guint i = 0; i < diags->items->len; i++)
                g_free(diag_format(diags->items->pdata[i]));
        return 0;
}
