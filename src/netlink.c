/* SPDX-License-Identifier: GPL-2.0-or-later */
/* rtnetlink message builders and a libnl-3 connection with extended ACKs. */
#include "netlink.h"
#include "netlink-internal.h"
#include "hwaddr.h"

#include <arpa/inet.h>
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/if_addr.h>
#include <linux/fib_rules.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include "nl-dl.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

/* ---- helpers ------------------------------------------------------------ */

static int addr_len(int family)
{
        return family == AF_INET ? 4 : family == AF_INET6 ? 16 : -1;
}

static struct nl_msg *link_msg(int type, int flags, int ifindex, unsigned ifflags, unsigned change)
{
        struct ifinfomsg ifi = {
                .ifi_family = AF_UNSPEC,
                .ifi_index = ifindex,
                .ifi_flags = ifflags,
                .ifi_change = change,
        };
        struct nl_msg *m = nlmsg_alloc_simple(type, NLM_F_REQUEST | NLM_F_ACK | flags);

        if (!m)
                return NULL;
        if (nlmsg_append(m, &ifi, sizeof(ifi), NLMSG_ALIGNTO) < 0) {
                nlmsg_free(m);
                return NULL;
        }
        return m;
}

static int put_ip_nest(struct nl_msg *m, int attr, int family, const GPtrArray *list)
{
        struct nlattr *nest = nla_nest_start(m, attr);
        int len = addr_len(family);

        if (!nest)
                return -ENOMEM;
        for (guint i = 0; list && i < list->len; i++) {
                uint8_t buf[16];

                if (inet_pton(family, list->pdata[i], buf) != 1)
                        return -EINVAL;
                if (nla_put(m, (int)i, len, buf) < 0)
                        return -ENOMEM;
        }
        return nla_nest_end(m, nest) < 0 ? -ENOMEM : 0;
}

/* ---- builders ----------------------------------------------------------- */

static int put_one_option(struct nl_msg *m, const BondOptDesc *d, const BondOptValue *v,
                          int ifindex)
{
        uint64_t n = v->set ? v->num : d->def;
        uint8_t mac[6];

        switch (d->nla) {
        case BOND_NLA_U8:
                return nla_put_u8(m, d->ifla, (uint8_t)n);
        case BOND_NLA_U16:
                return nla_put_u16(m, d->ifla, (uint16_t)n);
        case BOND_NLA_U32:
                return nla_put_u32(m, d->ifla, (uint32_t)n);
        case BOND_NLA_S32:
                return nla_put_s32(m, d->ifla, (int32_t)n);
        case BOND_NLA_IFINDEX:
                return nla_put_u32(m, d->ifla, (uint32_t)ifindex);
        case BOND_NLA_MAC:
                if (!v->set || !v->str)
                        return 0; /* the kernel refuses 00:00:00:00:00:00 */
                if (hwaddr_parse_ether(v->str, mac) < 0)
                        return -EINVAL;
                return nla_put(m, d->ifla, 6, mac);
        case BOND_NLA_IP4_NEST:
                return put_ip_nest(m, d->ifla, AF_INET, v->set ? v->list : NULL);
        case BOND_NLA_IP6_NEST:
                return put_ip_nest(m, d->ifla, AF_INET6, v->set ? v->list : NULL);
        default:
                return 0;
        }
}

int bondnl_put_bond_options(struct nl_msg *m, const BondOptions *opts, BondOptMask mask,
                            const int ifindex[_BOND_OPT_MAX])
{
        for (int id = 0; id < _BOND_OPT_MAX; id++) {
                const BondOptDesc *d = bond_opt_desc(id);
                int r;

                if (!(mask & BOND_OPT_MASK(id)) || !d->ifla ||
                    (d->flags & (BOND_OPT_F_MODULE_ONLY | BOND_OPT_F_PORT)))
                        continue;
                r = put_one_option(m, d, &opts->v[id], ifindex ? ifindex[id] : 0);
                if (r < 0)
                        return r == -EINVAL ? r : -ENOMEM;
        }
        return 0;
}

static int put_bond_linkinfo(struct nl_msg *m, const BondOptions *opts, BondOptMask mask,
                             const int ifindex[_BOND_OPT_MAX])
{
        struct nlattr *li, *data;
        int r;

        li = nla_nest_start(m, IFLA_LINKINFO);
        if (!li || nla_put_string(m, IFLA_INFO_KIND, "bond") < 0)
                return -ENOMEM;
        data = nla_nest_start(m, IFLA_INFO_DATA);
        if (!data)
                return -ENOMEM;
        if (opts) {
                r = bondnl_put_bond_options(m, opts, mask, ifindex);
                if (r < 0)
                        return r;
        }
        nla_nest_end(m, data);
        nla_nest_end(m, li);
        return 0;
}

struct nl_msg *bondnl_msg_create_bond(const char *name, const BondOptions *opts, BondOptMask mask,
                                      const int ifindex[_BOND_OPT_MAX])
{
        g_autoptr(NlMsg) m = link_msg(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, 0, 0, 0);

        if (!m || nla_put_string(m, IFLA_IFNAME, name) < 0 ||
            put_bond_linkinfo(m, opts, mask, ifindex) < 0)
                return NULL;
        return g_steal_pointer(&m);
}

struct nl_msg *bondnl_msg_set_bond_options(int ifindex, const BondOptions *opts, BondOptMask mask,
                                           const int ifindex_of[_BOND_OPT_MAX])
{
        g_autoptr(NlMsg) m = link_msg(RTM_NEWLINK, 0, ifindex, 0, 0);

        if (!m || put_bond_linkinfo(m, opts, mask, ifindex_of) < 0)
                return NULL;
        return g_steal_pointer(&m);
}

struct nl_msg *bondnl_msg_set_master(int ifindex, int master)
{
        g_autoptr(NlMsg) m = link_msg(RTM_NEWLINK, 0, ifindex, 0, 0);

        if (!m || nla_put_u32(m, IFLA_MASTER, (uint32_t)master) < 0)
                return NULL;
        return g_steal_pointer(&m);
}

struct nl_msg *bondnl_msg_set_port_options(int ifindex, const BondOptValue *queue_id,
                                           const BondOptValue *prio)
{
        g_autoptr(NlMsg) m = link_msg(RTM_NEWLINK, 0, ifindex, 0, 0);
        struct nlattr *li, *data;

        if (!m)
                return NULL;
        li = nla_nest_start(m, IFLA_LINKINFO);
        if (!li || nla_put_string(m, IFLA_INFO_SLAVE_KIND, "bond") < 0)
                return NULL;
        data = nla_nest_start(m, IFLA_INFO_SLAVE_DATA);
        if (!data)
                return NULL;
        if (queue_id && nla_put_u16(m, IFLA_BOND_SLAVE_QUEUE_ID,
                                    (uint16_t)(queue_id->set ? queue_id->num : 0)) < 0)
                return NULL;
        if (prio && nla_put_s32(m, IFLA_BOND_SLAVE_PRIO, (int32_t)(prio->set ? prio->num : 0)) < 0)
                return NULL;
        nla_nest_end(m, data);
        nla_nest_end(m, li);
        return g_steal_pointer(&m);
}

struct nl_msg *bondnl_msg_set_up(int ifindex, bool up)
{
        return link_msg(RTM_NEWLINK, 0, ifindex, up ? IFF_UP : 0, IFF_UP);
}

struct nl_msg *bondnl_msg_set_arp(int ifindex, bool on)
{
        return link_msg(RTM_NEWLINK, 0, ifindex, on ? 0 : IFF_NOARP, IFF_NOARP);
}

struct nl_msg *bondnl_msg_set_mtu(int ifindex, unsigned mtu)
{
        g_autoptr(NlMsg) m = link_msg(RTM_NEWLINK, 0, ifindex, 0, 0);

        if (!m || nla_put_u32(m, IFLA_MTU, mtu) < 0)
                return NULL;
        return g_steal_pointer(&m);
}

struct nl_msg *bondnl_msg_set_mac(int ifindex, const uint8_t mac[6])
{
        g_autoptr(NlMsg) m = link_msg(RTM_NEWLINK, 0, ifindex, 0, 0);

        if (!m || nla_put(m, IFLA_ADDRESS, 6, mac) < 0)
                return NULL;
        return g_steal_pointer(&m);
}

struct nl_msg *bondnl_msg_del_link(int ifindex)
{
        return link_msg(RTM_DELLINK, 0, ifindex, 0, 0);
}

struct nl_msg *bondnl_msg_addr(int cmd, int ifindex, int family, const char *addr, unsigned prefix)
{
        struct ifaddrmsg ifa = {
                .ifa_family = (uint8_t)family,
                .ifa_prefixlen = (uint8_t)prefix,
                .ifa_scope = RT_SCOPE_UNIVERSE,
                .ifa_index = (uint32_t)ifindex,
        };
        int flags = cmd == RTM_NEWADDR ? NLM_F_CREATE | NLM_F_EXCL : 0;
        g_autoptr(NlMsg) m = nlmsg_alloc_simple(cmd, NLM_F_REQUEST | NLM_F_ACK | flags);
        uint8_t buf[16];
        int len = addr_len(family);

        if (!m || len < 0 || inet_pton(family, addr, buf) != 1 ||
            (family == AF_INET && prefix > 32) || prefix > 128)
                return NULL;
        if (nlmsg_append(m, &ifa, sizeof(ifa), NLMSG_ALIGNTO) < 0 ||
            nla_put(m, IFA_LOCAL, len, buf) < 0 || nla_put(m, IFA_ADDRESS, len, buf) < 0)
                return NULL;
        if (family == AF_INET && cmd == RTM_NEWADDR && prefix < 31) {
                uint32_t a, mask = prefix ? htonl(~0u << (32 - prefix)) : 0;

                memcpy(&a, buf, 4);
                a |= ~mask;
                if (nla_put(m, IFA_BROADCAST, 4, &a) < 0)
                        return NULL;
        }
        return g_steal_pointer(&m);
}

struct nl_msg *bondnl_msg_new_addr(int ifindex, int family, const char *addr, unsigned prefix,
                                   const char *broadcast, const char *label, unsigned scope,
                                   BondnlAddrMode mode)
{
        static const int flags[] = {
                [BONDNL_ADDR_ADD] = NLM_F_CREATE | NLM_F_EXCL,
                [BONDNL_ADDR_REPLACE] = NLM_F_CREATE | NLM_F_REPLACE,
                [BONDNL_ADDR_FOREVER] = NLM_F_REPLACE,
        };
        struct ifaddrmsg ifa = {
                .ifa_family = (uint8_t)family,
                .ifa_prefixlen = (uint8_t)prefix,
                .ifa_scope = (uint8_t)scope,
                .ifa_index = (uint32_t)ifindex,
        };
        g_autoptr(NlMsg) m = NULL;
        uint8_t buf[16], brd[4];
        int len = addr_len(family);

        if ((unsigned)mode >= G_N_ELEMENTS(flags) || len < 0 || !addr ||
            inet_pton(family, addr, buf) != 1 || prefix > (family == AF_INET ? 32u : 128u) ||
            (broadcast && (family != AF_INET || inet_pton(AF_INET, broadcast, brd) != 1)))
                return NULL;
        m = nlmsg_alloc_simple(RTM_NEWADDR, NLM_F_REQUEST | NLM_F_ACK | flags[mode]);
        if (!m || nlmsg_append(m, &ifa, sizeof(ifa), NLMSG_ALIGNTO) < 0 ||
            nla_put(m, IFA_LOCAL, len, buf) < 0 || nla_put(m, IFA_ADDRESS, len, buf) < 0)
                return NULL;
        if (broadcast && nla_put(m, IFA_BROADCAST, 4, brd) < 0)
                return NULL;
        if (label && (strlen(label) > 15 || nla_put_string(m, IFA_LABEL, label) < 0))
                return NULL;
        if (mode == BONDNL_ADDR_FOREVER) {
                struct ifa_cacheinfo ci = { .ifa_prefered = 0xffffffffu, .ifa_valid = 0xffffffffu };

                if (nla_put(m, IFA_CACHEINFO, sizeof(ci), &ci) < 0)
                        return NULL;
        }
        return g_steal_pointer(&m);
}

struct nl_msg *bondnl_msg_get_link(const char *name)
{
        g_autoptr(NlMsg) m = link_msg(RTM_GETLINK, 0, 0, 0, 0);

        if (!m || nla_put_string(m, IFLA_IFNAME, name) < 0)
                return NULL;
        return g_steal_pointer(&m);
}

struct nl_msg *bondnl_msg_dump(int cmd, int family)
{
        g_autoptr(NlMsg) m = nlmsg_alloc_simple(cmd, NLM_F_REQUEST | NLM_F_DUMP);
        union {
                struct ifinfomsg ifi;
                struct ifaddrmsg ifa;
                struct rtmsg rtm;
                struct fib_rule_hdr frh;
        } u;
        size_t len;

        if (!m)
                return NULL;
        memset(&u, 0, sizeof(u));
        switch (cmd) {
        case RTM_GETLINK:
                u.ifi.ifi_family = (uint8_t)family;
                len = sizeof(u.ifi);
                break;
        case RTM_GETADDR:
                u.ifa.ifa_family = (uint8_t)family;
                len = sizeof(u.ifa);
                break;
        case RTM_GETROUTE:
                u.rtm.rtm_family = (uint8_t)family;
                len = sizeof(u.rtm);
                break;
        case RTM_GETRULE:
                u.frh.family = (uint8_t)family;
                len = sizeof(u.frh);
                break;
        default:
                return NULL;
        }
        if (nlmsg_append(m, &u, len, NLMSG_ALIGNTO) < 0)
                return NULL;
        return g_steal_pointer(&m);
}

/* ---- connection --------------------------------------------------------- */

struct NlConn {
        struct nl_sock *sk;
        int error;    /* -errno of the last NLMSG_ERROR */
        char *extack; /* its NLMSGERR_ATTR_MSG */
        NlDumpFn fn;
        void *userdata;
        int fn_error;
        bool done;           /* ACK, error or end of dump seen */
        bool interrupted;    /* a reply had NLM_F_DUMP_INTR */
        GHashTable *ifindex; /* name -> GINT_TO_POINTER(ifindex), or NULL */
};

void nl_conn_free(NlConn *c)
{
        if (!c)
                return;
        if (c->sk)
                nl_socket_free(c->sk);
        g_free(c->extack);
        if (c->ifindex)
                g_hash_table_unref(c->ifindex);
        g_free(c);
}

void nl_conn_remember_ifindex(NlConn *c, const char *name, int ifindex)
{
        if (!c->ifindex)
                c->ifindex = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
        g_hash_table_insert(c->ifindex, g_strdup(name), GINT_TO_POINTER(ifindex));
}

int nl_conn_recall_ifindex(const NlConn *c, const char *name)
{
        return c->ifindex ? GPOINTER_TO_INT(g_hash_table_lookup(c->ifindex, name)) : 0;
}

void nl_conn_forget_ifindex(NlConn *c, const char *name)
{
        if (c->ifindex && name)
                g_hash_table_remove(c->ifindex, name);
        else if (c->ifindex)
                g_hash_table_remove_all(c->ifindex);
}

int nl_conn_open(NlConn **out)
{
        g_autoptr(NlConn) c = NULL;
        int one = 1, fd, r;

        r = nl_dl_open();
        if (r < 0)
                return r;
        c = g_new0(NlConn, 1);
        c->sk = nl_socket_alloc();
        if (!c->sk)
                return -ENOMEM;
        if (nl_connect(c->sk, NETLINK_ROUTE) < 0)
                return -errno ? -errno : -EIO;
        fd = nl_socket_get_fd(c->sk);
        /* libnl 3.7 has no nl_socket_set_ext_ack(): set it directly. */
        (void)setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
        (void)setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
        /* One recvmsg per batch of messages, not a peek and a read: a
         * 64 KiB buffer holds any dump batch (the kernel makes them at most
         * 32 KiB) and any single reply. */
        nl_socket_disable_msg_peek(c->sk);
        nl_socket_set_msg_buf_size(c->sk, 65536);
        *out = g_steal_pointer(&c);
        return 0;
}

/* The kernel's message from the TLVs after struct nlmsgerr, if any. */
char *bondnl_parse_extack(const struct nlmsghdr *h)
{
        const struct nlmsgerr *e = NLMSG_DATA(h);
        size_t off = NLMSG_HDRLEN + sizeof(*e);
        struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];

        if (!(h->nlmsg_flags & NLM_F_ACK_TLVS))
                return NULL;
        if (!(h->nlmsg_flags & NLM_F_CAPPED))
                off += e->msg.nlmsg_len - NLMSG_HDRLEN;
        if (off >= h->nlmsg_len)
                return NULL;
        if (nla_parse(tb, NLMSGERR_ATTR_MAX, (struct nlattr *)((char *)h + NLMSG_ALIGN(off)),
                      (int)(h->nlmsg_len - NLMSG_ALIGN(off)), NULL) < 0)
                return NULL;
        if (!tb[NLMSGERR_ATTR_MSG])
                return NULL;
        return g_strndup(nla_data(tb[NLMSGERR_ATTR_MSG]), (gsize)nla_len(tb[NLMSGERR_ATTR_MSG]));
}

static int on_error(struct sockaddr_nl *who, struct nlmsgerr *e, void *arg)
{
        NlConn *c = arg;
        /* libnl hands us nlmsg_data(hdr): step back to the header. */
        const struct nlmsghdr *h = (const struct nlmsghdr *)((char *)e - NLMSG_HDRLEN);
        char *msg;

        c->done = true;
        c->error = e->error < 0 ? e->error : -e->error;
        msg = bondnl_parse_extack(h);
        if (msg) {
                g_free(c->extack);
                c->extack = msg;
        }
        return NL_STOP;
}

static int on_done(struct nl_msg *msg, void *arg)
{
        ((NlConn *)arg)->done = true;
        return NL_STOP;
}

/* The dump changed under us: read it to its end, then report it. */
static int on_dump_intr(struct nl_msg *msg, void *arg)
{
        ((NlConn *)arg)->interrupted = true;
        return NL_OK;
}

int bondnl_nlerr_to_errno(int err)
{
        /* The reverse of libnl's nl_syserr2nlerr(), which has no inverse. */
        static const int map[] = {
                [NLE_SUCCESS] = 0,
                [NLE_FAILURE] = EIO,
                [NLE_INTR] = EINTR,
                [NLE_BAD_SOCK] = EBADF,
                [NLE_AGAIN] = EAGAIN,
                [NLE_NOMEM] = ENOMEM,
                [NLE_EXIST] = EEXIST,
                [NLE_INVAL] = EINVAL,
                [NLE_RANGE] = ERANGE,
                [NLE_MSGSIZE] = EMSGSIZE,
                [NLE_OPNOTSUPP] = EOPNOTSUPP,
                [NLE_AF_NOSUPPORT] = EAFNOSUPPORT,
                [NLE_OBJ_NOTFOUND] = ENOENT,
                [NLE_NOATTR] = ENODATA,
                [NLE_MISSING_ATTR] = EINVAL,
                [NLE_AF_MISMATCH] = EAFNOSUPPORT,
                [NLE_SEQ_MISMATCH] = EPROTO,
                [NLE_MSG_OVERFLOW] = EOVERFLOW,
                [NLE_MSG_TRUNC] = EMSGSIZE,
                [NLE_NOADDR] = EADDRNOTAVAIL,
                [NLE_SRCRT_NOSUPPORT] = EOPNOTSUPP,
                [NLE_MSG_TOOSHORT] = EBADMSG,
                [NLE_MSGTYPE_NOSUPPORT] = EOPNOTSUPP,
                [NLE_OBJ_MISMATCH] = EINVAL,
                [NLE_NOCACHE] = ENOENT,
                [NLE_BUSY] = EBUSY,
                [NLE_PROTO_MISMATCH] = EPROTONOSUPPORT,
                [NLE_NOACCESS] = EACCES,
                [NLE_PERM] = EPERM,
                [NLE_PKTLOC_FILE] = ENOENT,
                [NLE_PARSE_ERR] = EBADMSG,
                [NLE_NODEV] = ENODEV,
                [NLE_IMMUTABLE] = EPERM,
                [NLE_DUMP_INTR] = EAGAIN,
                [NLE_ATTRSIZE] = EINVAL,
        };
        int n = err < 0 ? -err : err;

        if (n >= (int)G_N_ELEMENTS(map))
                return -EIO;
        return -map[n];
}

static int on_valid(struct nl_msg *msg, void *arg)
{
        NlConn *c = arg;
        int r;

        if (!c->fn)
                return NL_OK;
        r = c->fn(nlmsg_hdr(msg), c->userdata);
        if (r < 0) {
                c->fn_error = r;
                return NL_STOP;
        }
        return NL_OK;
}

static int transact(NlConn *c, struct nl_msg *m, NlDumpFn fn, void *userdata)
{
        g_autoptr(NlCb) cb = nl_cb_alloc(NL_CB_DEFAULT);
        int r;

        if (!m)
                return -ENOMEM;
        if (!cb)
                return -ENOMEM;
        g_clear_pointer(&c->extack, g_free);
        c->error = 0;
        c->fn = fn;
        c->userdata = userdata;
        c->fn_error = 0;
        c->done = false;
        c->interrupted = false;
        nl_cb_err(cb, NL_CB_CUSTOM, on_error, c);
        nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, on_done, c);
        nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, on_done, c);
        nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_valid, c);
        nl_cb_set(cb, NL_CB_DUMP_INTR, NL_CB_CUSTOM, on_dump_intr, c);
        r = nl_send_auto(c->sk, m);
        if (r < 0)
                return bondnl_nlerr_to_errno(r);
        /* A reply that is not multipart (RTM_GETLINK by name) comes before
         * its ACK: read until the request is finished. */
        do
                r = nl_recvmsgs(c->sk, cb);
        while (r >= 0 && !c->done && !c->fn_error);
        c->fn = NULL;
        /* The kernel's own errno first: libnl's code for it is coarser. */
        if (c->error)
                return c->error;
        if (c->fn_error)
                return c->fn_error;
        if (r < 0)
                return bondnl_nlerr_to_errno(r);
        if (c->interrupted)
                return -EAGAIN;
        return 0;
}

int nl_conn_request(NlConn *c, struct nl_msg *m)
{
        return transact(c, m, NULL, NULL);
}

int nl_conn_dump(NlConn *c, struct nl_msg *m, NlDumpFn fn, void *userdata)
{
        return transact(c, m, fn, userdata);
}

const char *nl_conn_error(const NlConn *c)
{
        return c->extack;
}
