#!/bin/sh
# TEST-ONLY: the evidence, every line prefixed "BCT <what>| ", then power off.
# Under systemd (dracut-pre-mount.service) stdout is the journal, which the
# power-off would cut short: straight to the console instead (sourced hook,
# but nothing runs after it).
[ -n "$DRACUT_SYSTEMD" ] && exec > /dev/console 2>&1
echo 1 > /proc/sys/kernel/printk
_bct() { # WHAT COMMAND...: run COMMAND, prefix its lines
    _w=$1
    shift
    "$@" 2>&1 | while IFS= read -r _l; do echo "BCT $_w| $_l"; done
}
echo "BCT BEGIN at uptime $(cat /proc/uptime)"
_bct pid1 cat /proc/1/comm
_bct cgroup cat /proc/self/cgroup
_bct proc cat /proc/net/bonding/bond0
_bct link ip -d -j link show bond0
_bct addr ip -j addr show bond0
_bct ports ip -j link show master bond0
_bct vlan ip -d -j link show bond0.100
_bct vaddr ip -j addr show bond0.100
_bct br ip -d -j link show br0
_bct brport ip -d -j link show bond0.200
_bct braddr ip -j addr show br0
_bct route ip -j route show
_bct owned cat /run/bondcfg/owned/bond0
/usr/sbin/bondcfg status bond0 > /tmp/bct-status 2>&1
echo "BCT status-rc| $?"
_bct status cat /tmp/bct-status
# The hand-over: what bondcfg.service runs in the real root, on the state
# the initramfs leaves (the kernel's, and /run, which switch-root carries
# over), with the same files: its netlink requests (strace) and the link
# events (ip monitor) it causes.
if [ -d /sys/class/net/bond0 ]; then
    ip -o monitor link > /tmp/bct-mon 2>&1 &
    _mon=$!
    sleep 1
    strace -f -qq -e trace=sendmsg,sendto -o /tmp/bct-strace \
        /usr/sbin/bondcfg apply --boot > /tmp/bct-ho 2>&1
    echo "BCT handover-rc| $?"
    sleep 1
    kill "$_mon"
    # strace names the types (RTM_GETLINK) or, when it cannot tell the
    # socket's protocol, gives their numbers: an rtnetlink type is a base
    # plus 0 new, 1 del, 2 get, 3 set (linux/rtnetlink.h).
    _n=0
    _w=0
    for _t in $(grep -o 'nlmsg_type=[^ ,]*' /tmp/bct-strace | sed 's/nlmsg_type=//'); do
        _n=$((_n + 1))
        case $_t in
            RTM_GET*) ;;
            0x* | [0-9]*) [ $((_t & 3)) = 2 ] || _w=$((_w + 1)) ;;
            *) _w=$((_w + 1)) ;;
        esac
    done
    echo "BCT handover-requests| $_n"
    echo "BCT handover-writes| $_w"
    echo "BCT handover-events| $(grep -c . /tmp/bct-mon)"
    _bct handover cat /tmp/bct-ho
    _bct handover-mon cat /tmp/bct-mon
fi
_bct state cat /run/initramfs/bondcfg/attempts
_bct log cat /run/initramfs/bondcfg/log
echo "BCT END"
# poweroff(8) -f is reboot(2) at once; without systemd-sysv, sysrq.
poweroff -f 2> /dev/null
echo o > /proc/sysrq-trigger
sleep 10
