#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# /sbin/bondcfg-initqueue: the initqueue jobs of the dracut module bondcfg.
#
#   bondcfg-initqueue             (initqueue/settled) one attempt at the
#                                 pending bonds, at most once a second
#   bondcfg-initqueue --finished  (initqueue/finished) true when every bond
#                                 is up, or when rd.bondcfg.timeout seconds
#                                 have passed since the first call; then it
#                                 gives up, with a warning, and boot goes on
#                                 (after one last attempt if none was made)
#
# Each bond is applied on its own ("bondcfg apply BOND"), so that one whose
# ports never appear does not hold back the others.  bondcfg checks that the
# ports exist before it touches anything (a missing port is an error in
# apply), so an attempt made too early changes nothing and is repeated.

# shellcheck source=/dev/null
type getarg > /dev/null 2>&1 || . /lib/dracut-lib.sh

state=/run/initramfs/bondcfg
[ -e "$state/done" ] && exit 0
[ -s "$state/pending" ] || {
    : > "$state/done"
    exit 0
}

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
            info "bondcfg: $b is up (attempt $attempt, after $((now - start))s)"
            rm -f "$state/error.$b"
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
    [ -n "$still" ] || : > "$state/done"
}

if [ "$1" = "--finished" ]; then
    [ $((now - start)) -ge "$timeout" ] || exit 1
    # Time is up.  If udev was so slow that the settled job never ran, one
    # attempt now, settled or not: never give up without having tried.
    [ -e "$state/attempts" ] || attempt
    [ -e "$state/done" ] && exit 0
    while read -r b || [ -n "$b" ]; do
        [ -n "$b" ] || continue
        warn "bondcfg: giving up on $b after ${timeout}s (rd.bondcfg.timeout); the last attempt said:"
        log_lines warn "bondcfg:   " < "$state/error.$b"
    done < "$state/pending"
    : > "$state/done"
    exit 0
fi

# One attempt per second at most: the initqueue loops every half second.
[ "$(cat "$state/last" 2> /dev/null)" = "$now" ] && exit 0
attempt
exit 0
