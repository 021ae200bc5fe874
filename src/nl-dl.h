/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/*
 * libnl-3, dlopen()ed by the first netlink call, as udev-dl.h does with
 * libudev: `bondcfg --version`, `keys`, `options` and the offline commands
 * start without it.  Its headers are needed at build time, its library is
 * not linked.
 *
 * Every file that uses libnl includes this header, not <netlink/...>: it
 * includes those first, then turns each call of a function below into a
 * call through its sym_ pointer that loads the library if it is not yet
 * loaded.  Nothing else is needed, and NLA_PUT() and nla_for_each_attr()
 * work unchanged.  A function left out of the list is a link error, since
 * nothing links libnl.
 *
 * nl_conn_open() loads it first (nl_dl_open()), so that a host without it
 * gets -ELIBACC and dl_lib_strerror() says why, as for any library.  A call
 * that comes first anyway (a test that checks message bytes without a
 * socket) loads it then, or ends the process with exit status 127 as the
 * dynamic linker does for a library it cannot find.
 */

#include <glib.h>
#include <stdbool.h>
#include <netlink/netlink.h>
#include <netlink/attr.h>
#include <netlink/errno.h>
#include <netlink/handlers.h>
#include <netlink/msg.h>
#include <netlink/socket.h>

#define NL_DL_SYMBOLS(X)                                                                           \
        X(nl_cb_alloc)                                                                             \
        X(nl_cb_err)                                                                               \
        X(nl_cb_put)                                                                               \
        X(nl_cb_set)                                                                               \
        X(nl_connect)                                                                              \
        X(nl_recvmsgs)                                                                             \
        X(nl_send_auto)                                                                            \
        X(nl_socket_alloc)                                                                         \
        X(nl_socket_disable_msg_peek)                                                              \
        X(nl_socket_free)                                                                          \
        X(nl_socket_get_fd)                                                                        \
        X(nl_socket_set_msg_buf_size)                                                              \
        X(nla_data)                                                                                \
        X(nla_get_s32)                                                                             \
        X(nla_get_u16)                                                                             \
        X(nla_get_u32)                                                                             \
        X(nla_get_u64)                                                                             \
        X(nla_get_u8)                                                                              \
        X(nla_len)                                                                                 \
        X(nla_nest_end)                                                                            \
        X(nla_nest_start)                                                                          \
        X(nla_next)                                                                                \
        X(nla_ok)                                                                                  \
        X(nla_parse)                                                                               \
        X(nla_parse_nested)                                                                        \
        X(nla_put)                                                                                 \
        X(nla_put_s32)                                                                             \
        X(nla_put_string)                                                                          \
        X(nla_put_u16)                                                                             \
        X(nla_put_u32)                                                                             \
        X(nla_put_u64)                                                                             \
        X(nla_put_u8)                                                                              \
        X(nla_type)                                                                                \
        X(nlmsg_alloc_simple)                                                                      \
        X(nlmsg_alloc_size) /* the unit tests' */                                                  \
        X(nlmsg_append)                                                                            \
        X(nlmsg_data)                                                                              \
        X(nlmsg_free)                                                                              \
        X(nlmsg_hdr)                                                                               \
        X(nlmsg_parse)

#define NL_DL_DECLARE(f) extern typeof(f) *sym_##f;
NL_DL_SYMBOLS(NL_DL_DECLARE)
#undef NL_DL_DECLARE

/* 0, or -ELIBACC; then dl_lib_strerror() says what is missing.  Tried once. */
int nl_dl_open(void);

extern bool nl_dl_loaded;
/* Loads libnl-3, or says why it cannot and exits 127. */
void nl_dl_need_slow(void);
static inline void nl_dl_need(void)
{
        if (G_UNLIKELY(!nl_dl_loaded))
                nl_dl_need_slow();
}

#define NL_DL_CALL(f, ...) (nl_dl_need(), sym_##f(__VA_ARGS__))
/* clang-format off */
#define nl_cb_alloc(...)                NL_DL_CALL(nl_cb_alloc, __VA_ARGS__)
#define nl_cb_err(...)                  NL_DL_CALL(nl_cb_err, __VA_ARGS__)
#define nl_cb_put(...)                  NL_DL_CALL(nl_cb_put, __VA_ARGS__)
#define nl_cb_set(...)                  NL_DL_CALL(nl_cb_set, __VA_ARGS__)
#define nl_connect(...)                 NL_DL_CALL(nl_connect, __VA_ARGS__)
#define nl_recvmsgs(...)                NL_DL_CALL(nl_recvmsgs, __VA_ARGS__)
#define nl_send_auto(...)               NL_DL_CALL(nl_send_auto, __VA_ARGS__)
#define nl_socket_alloc(...)            NL_DL_CALL(nl_socket_alloc, __VA_ARGS__)
#define nl_socket_disable_msg_peek(...) NL_DL_CALL(nl_socket_disable_msg_peek, __VA_ARGS__)
#define nl_socket_free(...)             NL_DL_CALL(nl_socket_free, __VA_ARGS__)
#define nl_socket_get_fd(...)           NL_DL_CALL(nl_socket_get_fd, __VA_ARGS__)
#define nl_socket_set_msg_buf_size(...) NL_DL_CALL(nl_socket_set_msg_buf_size, __VA_ARGS__)
#define nla_data(...)                   NL_DL_CALL(nla_data, __VA_ARGS__)
#define nla_get_s32(...)                NL_DL_CALL(nla_get_s32, __VA_ARGS__)
#define nla_get_u16(...)                NL_DL_CALL(nla_get_u16, __VA_ARGS__)
#define nla_get_u32(...)                NL_DL_CALL(nla_get_u32, __VA_ARGS__)
#define nla_get_u64(...)                NL_DL_CALL(nla_get_u64, __VA_ARGS__)
#define nla_get_u8(...)                 NL_DL_CALL(nla_get_u8, __VA_ARGS__)
#define nla_len(...)                    NL_DL_CALL(nla_len, __VA_ARGS__)
#define nla_nest_end(...)               NL_DL_CALL(nla_nest_end, __VA_ARGS__)
#define nla_nest_start(...)             NL_DL_CALL(nla_nest_start, __VA_ARGS__)
#define nla_next(...)                   NL_DL_CALL(nla_next, __VA_ARGS__)
#define nla_ok(...)                     NL_DL_CALL(nla_ok, __VA_ARGS__)
#define nla_parse(...)                  NL_DL_CALL(nla_parse, __VA_ARGS__)
#define nla_parse_nested(...)           NL_DL_CALL(nla_parse_nested, __VA_ARGS__)
#define nla_put(...)                    NL_DL_CALL(nla_put, __VA_ARGS__)
#define nla_put_s32(...)                NL_DL_CALL(nla_put_s32, __VA_ARGS__)
#define nla_put_string(...)             NL_DL_CALL(nla_put_string, __VA_ARGS__)
#define nla_put_u16(...)                NL_DL_CALL(nla_put_u16, __VA_ARGS__)
#define nla_put_u32(...)                NL_DL_CALL(nla_put_u32, __VA_ARGS__)
#define nla_put_u64(...)                NL_DL_CALL(nla_put_u64, __VA_ARGS__)
#define nla_put_u8(...)                 NL_DL_CALL(nla_put_u8, __VA_ARGS__)
#define nla_type(...)                   NL_DL_CALL(nla_type, __VA_ARGS__)
#define nlmsg_alloc_simple(...)         NL_DL_CALL(nlmsg_alloc_simple, __VA_ARGS__)
#define nlmsg_alloc_size(...)           NL_DL_CALL(nlmsg_alloc_size, __VA_ARGS__)
#define nlmsg_append(...)               NL_DL_CALL(nlmsg_append, __VA_ARGS__)
#define nlmsg_data(...)                 NL_DL_CALL(nlmsg_data, __VA_ARGS__)
#define nlmsg_free(...)                 NL_DL_CALL(nlmsg_free, __VA_ARGS__)
#define nlmsg_hdr(...)                  NL_DL_CALL(nlmsg_hdr, __VA_ARGS__)
#define nlmsg_parse(...)                NL_DL_CALL(nlmsg_parse, __VA_ARGS__)
/* clang-format on */

/* For g_autoptr(), which calls its function through a pointer to it:
 * an object to free means the library is loaded. */
void nl_dl_msg_free(struct nl_msg *m);
void nl_dl_socket_free(struct nl_sock *sk);
void nl_dl_cb_put(struct nl_cb *cb);
