/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/*
 * rtnetlink for bondcfg, on libnl-3.
 *
 * Two halves:
 *  - message builders: pure functions that return a complete struct nl_msg
 *    (seq and pid 0, flags NLM_F_REQUEST|NLM_F_ACK[|CREATE|EXCL]) and touch
 *    no socket, so unit tests can compare their bytes;
 *  - NlConn: a socket with NETLINK_EXT_ACK on.  A request that the kernel
 *    refuses returns -errno and leaves the kernel's extack text in the
 *    connection (nl_conn_error()).
 *
 * Bond options go into IFLA_INFO_DATA driven by the option table (ifla +
 * nla kind), because libnl 3.7 has no bond option setters.
 */

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>
#include "nl-dl.h"
#include "bond-options.h"

/* g_autoptr() needs a plain type name. */
typedef struct nl_msg NlMsg;
typedef struct nl_sock NlSock;
typedef struct nl_cb NlCb;
G_DEFINE_AUTOPTR_CLEANUP_FUNC(NlMsg, nl_dl_msg_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(NlSock, nl_dl_socket_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(NlCb, nl_dl_cb_put)

/* A set of option ids: bit (1 << BondOptId). */
typedef uint64_t BondOptMask;
#define BOND_OPT_MASK(id) ((BondOptMask)1 << (id))

/* ---- message builders (pure) ------------------------------------------- */

/*
 * IFLA_INFO_DATA content: every option in mask that is set in opts and has
 * an IFLA_BOND_* attribute (module-only and per-port options are skipped).
 * BOND_NLA_IFINDEX options take their ifindex from ifindex[id] (0 clears).
 * Returns 0 or -errno.
 */
int bondnl_put_bond_options(struct nl_msg *m, const BondOptions *opts, BondOptMask mask,
                            const int ifindex[_BOND_OPT_MAX]);

/* RTM_NEWLINK NLM_F_CREATE|NLM_F_EXCL: IFLA_IFNAME, LINKINFO{KIND bond, DATA}. */
struct nl_msg *bondnl_msg_create_bond(const char *name, const BondOptions *opts, BondOptMask mask,
                                      const int ifindex[_BOND_OPT_MAX]);
/* RTM_NEWLINK on ifindex with LINKINFO{KIND bond, DATA{options in mask}}. */
struct nl_msg *bondnl_msg_set_bond_options(int ifindex, const BondOptions *opts, BondOptMask mask,
                                           const int ifindex_of[_BOND_OPT_MAX]);
/* RTM_NEWLINK IFLA_MASTER=master (0 releases). */
struct nl_msg *bondnl_msg_set_master(int ifindex, int master);
/* RTM_NEWLINK LINKINFO{SLAVE_KIND bond, SLAVE_DATA{QUEUE_ID?, PRIO?}}. */
struct nl_msg *bondnl_msg_set_port_options(int ifindex, const BondOptValue *queue_id,
                                           const BondOptValue *prio);
/* RTM_NEWLINK ifi_flags/ifi_change IFF_UP. */
struct nl_msg *bondnl_msg_set_up(int ifindex, bool up);
/* RTM_NEWLINK ifi_flags/ifi_change IFF_NOARP (`ip link set arp on|off`). */
struct nl_msg *bondnl_msg_set_arp(int ifindex, bool on);
struct nl_msg *bondnl_msg_set_mtu(int ifindex, unsigned mtu);
struct nl_msg *bondnl_msg_set_mac(int ifindex, const uint8_t mac[6]);
struct nl_msg *bondnl_msg_del_link(int ifindex);
/* RTM_NEWADDR (NLM_F_CREATE|NLM_F_EXCL) / RTM_DELADDR.  addr is text. */
struct nl_msg *bondnl_msg_addr(int cmd, int ifindex, int family, const char *addr, unsigned prefix);
typedef enum {
        BONDNL_ADDR_ADD,     /* `ip addr add`: NLM_F_CREATE|NLM_F_EXCL */
        BONDNL_ADDR_REPLACE, /* `ip addr replace`: NLM_F_CREATE|NLM_F_REPLACE */
        /* `ip addr change ... valid_lft forever preferred_lft forever`:
         * NLM_F_REPLACE and IFA_CACHEINFO with both lifetimes infinite */
        BONDNL_ADDR_FOREVER,
} BondnlAddrMode;

/*
 * RTM_NEWADDR as ifup-eth's `ip addr add ADDR/PREFIX brd BROADCAST dev DEV
 * [scope S] [label L]` sends it: IFA_LOCAL, IFA_ADDRESS, IFA_BROADCAST if
 * broadcast is given (IPv4), IFA_LABEL if label is (an alias, "bond0:1").
 * NULL if the address does not parse.
 */
struct nl_msg *bondnl_msg_new_addr(int ifindex, int family, const char *addr, unsigned prefix,
                                   const char *broadcast, const char *label, unsigned scope,
                                   BondnlAddrMode mode);
/* RTM_GETLINK for one interface by name (IFLA_IFNAME). */
struct nl_msg *bondnl_msg_get_link(const char *name);
/* Dump requests (NLM_F_DUMP) for RTM_GETLINK / RTM_GETADDR / RTM_GETROUTE /
 * RTM_GETRULE. */
struct nl_msg *bondnl_msg_dump(int cmd, int family);

/*
 * A libnl error code (-NLE_*, as nl_recvmsgs() and nl_send_auto() return)
 * as -errno: the inverse of libnl's nl_syserr2nlerr(); NLE_DUMP_INTR is
 * -EAGAIN, an unknown code -EIO.
 */
int bondnl_nlerr_to_errno(int nlerr);

/* ---- connection --------------------------------------------------------- */

typedef struct NlConn NlConn;

int nl_conn_open(NlConn **out);
void nl_conn_free(NlConn *c);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(NlConn, nl_conn_free)

/*
 * Send a request built above and wait for its ACK.  Returns 0, or the
 * kernel's -errno; then nl_conn_error() holds the extack text (or NULL).
 */
int nl_conn_request(NlConn *c, struct nl_msg *m);
/*
 * Send a dump request and call fn for every reply message.  fn returns 0
 * or -errno (stops the dump).  -EAGAIN: the kernel flagged the dump
 * NLM_F_DUMP_INTR (the table changed while it was being dumped), so what
 * fn saw may be inconsistent: throw it away and dump again with a new
 * message (snapshot_take() does, a bounded number of times).
 */
typedef int (*NlDumpFn)(const struct nlmsghdr *h, void *userdata);
int nl_conn_dump(NlConn *c, struct nl_msg *m, NlDumpFn fn, void *userdata);
/* The kernel's extended ack message of the last failed request, or NULL. */
const char *nl_conn_error(const NlConn *c);
/*
 * A memo of link names to ifindexes for one run (apply.c), since a lookup
 * by name costs a round trip.  It holds while no link is created, deleted
 * or renamed: the caller forgets it all after such a change.
 */
void nl_conn_remember_ifindex(NlConn *c, const char *name, int ifindex);
int nl_conn_recall_ifindex(const NlConn *c, const char *name); /* 0: unknown */
/* Forget name's ifindex; NULL: forget them all. */
void nl_conn_forget_ifindex(NlConn *c, const char *name);
