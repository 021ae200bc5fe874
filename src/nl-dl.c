/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libnl-3, loaded on demand; see nl-dl.h. */
#include "nl-dl.h"

#include "dl-lib.h"

#define NL_DL_DEFINE(f) typeof(f) *sym_##f;
NL_DL_SYMBOLS(NL_DL_DEFINE)

bool nl_dl_loaded;

int nl_dl_open(void)
{
#define NL_DL_ENTRY(f) DL_SYM(sym_##f, f),
        static const DlSym syms[] = { NL_DL_SYMBOLS(NL_DL_ENTRY) };
        static void *dl;
        static int state = 1; /* 1: not tried yet */

        if (state <= 0)
                return state;
        state = dl_lib_load(DL_LIBNL, syms, G_N_ELEMENTS(syms), &dl);
        nl_dl_loaded = state == 0;
        return state;
}

void nl_dl_need_slow(void)
{
        if (nl_dl_open() < 0)
                dl_lib_exit(127);
}

void nl_dl_msg_free(struct nl_msg *m)
{
        nlmsg_free(m);
}

void nl_dl_socket_free(struct nl_sock *sk)
{
        nl_socket_free(sk);
}

void nl_dl_cb_put(struct nl_cb *cb)
{
        nl_cb_put(cb);
}
