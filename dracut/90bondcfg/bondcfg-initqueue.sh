#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# /sbin/bondcfg-initqueue: the initqueue jobs of the dracut module bondcfg.
#
#   bondcfg-initqueue             (initqueue/settled) one attempt at the
#                                 pending bonds, at most once a second
#   bondcfg-initqueue --finished  (initqueue/finished) true when every bond
#                                 is configured and has carrier, or when
#                                 rd.bondcfg.timeout seconds have passed
#                                 since the first call; then it gives up,
#                                 with a warning, and boot goes on (after
#                                 one last attempt if none was made)
#
# Each bond is applied on its own ("bondcfg apply BOND"), so that one whose
# ports never appear does not hold back the others.  bondcfg checks that the
# ports exist before it touches anything (a missing port is an error in
# apply), so an attempt made too early changes nothing and is repeated.
#
# A configured bond is not yet a usable one: the bond gets carrier only
# once the driver's link monitor has seen a port's link (up to miimon or
# arp_interval, plus updelay, after apply).  Like dracut's own network
# modules, which wait for "state UP" before they go on, the initqueue is
# held until every bond has carrier, and so has the device that carries the
# address when that is a VLAN or a bridge above the bond (a bridge with STP
# gets carrier only after its forward delay), with its addresses usable, so
# that the hooks after it (a network root, remote unlock) find a link that
# carries traffic.  A bond whose ports never get a link is reported at the
# timeout, with what was missing; it stays configured.

# shellcheck source=/dev/null
type getarg > /dev/null 2>&1 || . /lib/dracut-lib.sh

state=/run/initramfs/bondcfg
[ -e "$state/done" ] && exit 0

read -r now _ < /proc/uptime
now=${now%%.*}
# The clock starts with the initqueue (the first call of either kind): the
# ports can only appear once udev has been triggered.
start=$(cat "$state/start" 2> /dev/null)
if [ -z "$start" ]; then
    start=$now
    echo "$start" > "$state/start"
fi
timeout=$(getarg rd.bondcfg.timeout=)
case $timeout in
    '' | *[!0-9]*) timeout=30 ;;
esac
debug=""
getargbool 0 rd.bondcfg.debug && debug=1

# log_lines LEVEL PREFIX: every line of stdin through dracut's info/warn
log_lines() {
    while IFS= read -r _l || [ -n "$_l" ]; do
        [ -n "$_l" ] && "$1" "$2$_l"
    done
}

# attempt: try every pending bond once; the ones still down stay pending.
attempt() {
    attempt=$(($(cat "$state/attempts" 2> /dev/null || echo 0) + 1))
    echo "$attempt" > "$state/attempts"
    echo "$now" > "$state/last"
    tmo=""
    command -v timeout > /dev/null 2>&1 && tmo="timeout 30"
    still=""
    while read -r b || [ -n "$b" ]; do
        [ -n "$b" ] || continue
        # --wait-lock and timeout(1) bound every attempt, whatever happens.
        out=$($tmo /usr/sbin/bondcfg --wait-lock 5 ${debug:+-v} apply "$b" 2>&1)
        rc=$?
        {
            echo "--- attempt $attempt at ${now}s: bondcfg apply $b: exit $rc"
            printf '%s\n' "$out"
        } >> "$state/log"
        if [ "$rc" = 0 ]; then
            printf '%s\n' "$out" | log_lines info "bondcfg: "
            info "bondcfg: $b is configured (attempt $attempt, after $((now - start))s)"
            rm -f "$state/error.$b"
            echo "$b" >> "$state/configured"
        else
            printf '%s\n' "$out" > "$state/error.$b"
            if [ -n "$debug" ]; then
                info "bondcfg: $b: attempt $attempt failed (exit $rc):"
                printf '%s\n' "$out" | log_lines info "bondcfg:   "
            fi
            still="$still$b
"
        fi
    done < "$state/pending"
    printf '%s' "$still" > "$state/pending"
}

# carrier BOND: the bond, and each VLAN or bridge the files stack on it
# (the link that carries the address), is up with carrier and has its
# addresses (bondcfg wait-online, one look: a bridge with STP gets carrier
# only once a port forwards); what is missing goes to $state/online.BOND
carrier() {
    /usr/sbin/bondcfg wait-online --timeout 0 "$1" > "$state/online.$1" 2>&1
}

# why_offline BOND: what the last look found missing, in a few words
why_offline() {
    sed -n '1{s/^bondcfg: //;s/ (timed out)$//;p;}' "$state/online.$1" 2> /dev/null
}

# all_up: nothing pending, and every configured bond has carrier; reports
# each bond once, when its carrier is first seen
all_up() {
    [ -s "$state/pending" ] && return 1
    _all=0
    while read -r b || [ -n "$b" ]; do
        [ -n "$b" ] || continue
        [ -e "$state/up.$b" ] && continue
        if carrier "$b"; then
            : > "$state/up.$b"
            info "bondcfg: $b is up (carrier after $((now - start))s)"
        else
            _all=1
        fi
    done < "$state/configured"
    return $_all
}

if [ "$1" = "--finished" ]; then
    : >> "$state/configured"
    if all_up; then
        : > "$state/done"
        exit 0
    fi
    [ $((now - start)) -ge "$timeout" ] || exit 1
    # Time is up.  If udev was so slow that the settled job never ran, one
    # attempt now, settled or not: never give up without having tried.
    if [ ! -e "$state/attempts" ]; then
        attempt
        all_up && {
            : > "$state/done"
            exit 0
        }
    fi
    while read -r b || [ -n "$b" ]; do
        [ -n "$b" ] || continue
        warn "bondcfg: giving up on $b after ${timeout}s (rd.bondcfg.timeout); the last attempt said:"
        log_lines warn "bondcfg:   " < "$state/error.$b"
    done < "$state/pending"
    while read -r b || [ -n "$b" ]; do
        [ -n "$b" ] || continue
        [ -e "$state/up.$b" ] ||
            warn "bondcfg: $b is configured but has no carrier after ${timeout}s (rd.bondcfg.timeout): $(why_offline "$b"); see /proc/net/bonding/$b"
    done < "$state/configured"
    : > "$state/done"
    exit 0
fi

# Nothing left to apply (the finished job waits for carrier).
[ -s "$state/pending" ] || exit 0
# One attempt per second at most: the initqueue loops every half second.
[ "$(cat "$state/last" 2> /dev/null)" = "$now" ] && exit 0
attempt
exit 0
