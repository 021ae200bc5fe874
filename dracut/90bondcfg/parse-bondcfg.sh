#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# cmdline hook of the dracut module bondcfg (sourced by dracut: no exit).
#
# Decides whether bondcfg runs in this boot and, if so, queues the work:
#   rd.bondcfg=0            do nothing
#   rd.bondcfg.timeout=S    give up on a bond after S seconds (default 30):
#                           on its ports appearing, then on its carrier
#   rd.bondcfg.debug        bondcfg -v, and log every attempt
# A bond named by dracut's own bond= option is left to dracut's network
# module (bare "bond" means bond0, as in dracut).
#
# State lives in /run/initramfs/bondcfg/ (kept after switch_root, for
# diagnosis): pending (bonds still to apply), start (uptime when the
# initqueue first ran the job), attempts, log (every attempt's output),
# error.BOND (the last failure), configured (bonds applied), up.BOND (the
# bond has carrier), done (no more work).

# hookdir and getarg* come from dracut-lib.sh.
# shellcheck disable=SC2154 source=/dev/null
type getarg > /dev/null 2>&1 || . /lib/dracut-lib.sh

_bondcfg_state=/run/initramfs/bondcfg

if ! getargbool 1 rd.bondcfg; then
    info "bondcfg: disabled by rd.bondcfg=0"
elif [ -s /etc/bondcfg-initrd.bonds ]; then
    mkdir -p "$_bondcfg_state"
    # Bonds that dracut's bond= handles.
    _bondcfg_theirs=""
    if _bondcfg_args=$(getargs bond=); then
        for _bondcfg_a in $_bondcfg_args; do
            case $_bondcfg_a in
                "" | bond) _bondcfg_a=bond0 ;;
                *) _bondcfg_a=${_bondcfg_a%%:*} ;;
            esac
            _bondcfg_theirs="$_bondcfg_theirs $_bondcfg_a "
        done
        [ -n "$_bondcfg_theirs" ] || _bondcfg_theirs=" bond0 "
    fi
    : > "$_bondcfg_state/pending"
    while read -r _bondcfg_b || [ -n "$_bondcfg_b" ]; do
        [ -n "$_bondcfg_b" ] || continue
        case "$_bondcfg_theirs" in
            *" $_bondcfg_b "*)
                info "bondcfg: $_bondcfg_b is configured by bond= on the kernel command line; leaving it to dracut"
                continue
                ;;
        esac
        echo "$_bondcfg_b" >> "$_bondcfg_state/pending"
    done < /etc/bondcfg-initrd.bonds

    if [ -s "$_bondcfg_state/pending" ]; then
        # Every settled pass tries the pending bonds; the finished hook holds
        # the initqueue until they are configured and have carrier, or the
        # timeout has passed.
        echo "/sbin/bondcfg-initqueue" > "$hookdir/initqueue/settled/bondcfg.sh"
        # Exit 1 = "not yet"; anything else (done, gave up, or the script
        # cannot even run) lets the boot go on.
        echo '/sbin/bondcfg-initqueue --finished; [ $? -ne 1 ]' > "$hookdir/initqueue/finished/bondcfg.sh"
    else
        : > "$_bondcfg_state/done"
    fi
fi
unset _bondcfg_state _bondcfg_theirs _bondcfg_args _bondcfg_a _bondcfg_b
