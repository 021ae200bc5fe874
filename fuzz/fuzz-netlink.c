/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The rtnetlink parsers on raw bytes, with no socket, as a dump reaches
 * them: the input is a run of netlink messages (struct nlmsghdr, then the
 * payload, nlmsg_len bytes each, 4-aligned), read as libnl's receive loop
 * hands them on (NLMSG_OK/NLMSG_NEXT).  Each message goes to
 * snapshot_parse_msg() (RTM_NEWLINK with bond, bond-port, VLAN, bridge and
 * bridge-port data; RTM_NEWADDR; RTM_NEWROUTE; RTM_NEWRULE),
 * RTM_DELROUTE/RTM_DELRULE to net_route_from_msg()/net_rule_from_msg(),
 * NLMSG_ERROR to the extended-ack parser (the member-NIC checks take their
 * link facts from the same snapshot parser).  Then the
 * snapshot is resolved and what it holds is looked up and formatted, as
 * `bondcfg status` does.
 *
 * Each message is parsed in a copy whose last byte is the last one before
 * an inaccessible page: libnl (nla_get_u32() and the like) is not built
 * with AddressSanitizer, so a read past the message there would otherwise
 * pass unseen.  The bytes before the copy and its alignment padding are
 * poisoned for the code that is instrumented.
 */
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <linux/rtnetlink.h>
#include <sanitizer/asan_interface.h>

#include "fuzz.h"
#include "netlink-internal.h"
#include "snapshot.h"

#define AREA_SIZE (64u * 1024u)

static uint8_t *area; /* AREA_SIZE bytes, then a PROT_NONE page */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
        size_t page = (size_t)sysconf(_SC_PAGESIZE);
        uint8_t *p;

        fuzz_glib_init();
        p = mmap(NULL, AREA_SIZE + page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1,
                 0);
        g_assert_true(p != MAP_FAILED);
        g_assert_cmpint(mprotect(p + AREA_SIZE, page, PROT_NONE), ==, 0);
        area = p;
        return 0;
}

/* h copied to end at the guard page; NULL if it does not fit. */
static const struct nlmsghdr *guarded(const struct nlmsghdr *h)
{
        size_t len = h->nlmsg_len, alen = NLMSG_ALIGN(len);
        uint8_t *start;

        if (alen > AREA_SIZE)
                return NULL;
        start = area + AREA_SIZE - alen;
        ASAN_UNPOISON_MEMORY_REGION(area, AREA_SIZE);
        memcpy(start, h, len);
        ASAN_POISON_MEMORY_REGION(area, (size_t)(start - area));
        ASAN_POISON_MEMORY_REGION(start + len, alen - len);
        return (const struct nlmsghdr *)start;
}

static void parse_one(Snapshot *s, const struct nlmsghdr *h)
{
        g_autoptr(NetRoute) route = NULL;
        g_autoptr(NetRule) rule = NULL;
        int r;

        switch (h->nlmsg_type) {
        case NLMSG_ERROR:
                /* libnl checks the length before it calls the handler */
                if (h->nlmsg_len >= NLMSG_LENGTH(sizeof(struct nlmsgerr)))
                        g_free(bondnl_parse_extack(h));
                break;
        case RTM_DELROUTE:
                r = net_route_from_msg(h, &route);
                g_assert_true(r == 0 || r == -EINVAL);
                break;
        case RTM_DELRULE:
                r = net_rule_from_msg(h, &rule);
                g_assert_true(r == 0 || r == -EINVAL);
                break;
        default:
                r = snapshot_parse_msg(s, h);
                g_assert_true(r == 0 || r == -EINVAL);
        }
}

static void look_at(Snapshot *s)
{
        snapshot_resolve(s);
        for (guint i = 0; i < s->links->len; i++) {
                const SnapLink *l = s->links->pdata[i];
                g_autoptr(GPtrArray) ports = snapshot_ports_of(s, l->ifindex);

                g_assert_cmpuint(ports->len, <=, s->links->len);
                (void)snapshot_link_by_name(s, l->name);
                (void)snapshot_link_by_hwaddr(s, l->mac);
                (void)snapshot_link_by_hwaddr(s, l->perm_mac);
                for (int id = 0; l->bond && id < _BOND_OPT_MAX; id++)
                        g_free(bond_opt_format_value(bond_opt_desc(id), &l->bond->v[id]));
        }
        for (guint i = 0; i < s->routes->len; i++)
                g_free(net_route_format(s->routes->pdata[i]));
        for (guint i = 0; i < s->rules->len; i++)
                g_free(net_rule_format(s->rules->pdata[i]));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        g_autoptr(Snapshot) s = snapshot_new();
        g_autofree uint8_t *copy = g_memdup2(data, size); /* aligned for nlmsghdr */
        size_t off = 0;

        /* NLMSG_OK() and NLMSG_NEXT(), as libnl's nlmsg_ok() reads them */
        while (copy && size - off >= NLMSG_HDRLEN) {
                const struct nlmsghdr *h = (const struct nlmsghdr *)(copy + off);
                const struct nlmsghdr *g;

                if (h->nlmsg_len < NLMSG_HDRLEN || h->nlmsg_len > size - off)
                        break;
                g = guarded(h);
                if (g)
                        parse_one(s, g);
                off += MIN((size_t)NLMSG_ALIGN(h->nlmsg_len), size - off);
        }
        look_at(s);
        return 0;
}
