#!/bin/bash
# TEST-ONLY dracut module (tests/dracut/run-dracut.sh puts it in a private
# copy of dracut's module directory; it is never installed).  It gives the
# UML guest something to boot into:
#   cmdline 90     accepts root=bondcfgtest (there is no root file system)
#   pre-trigger 10 creates the "NICs" eth0 and eth1 as veth pairs, as
#                  bondcfgtest.ports= says: now, late, none (see test-ports.sh)
#   pre-mount 99   prints the evidence between markers and powers off
#   emergency 99   prints a marker and powers off (never an idle guest);
#                  also as shutdown-emergency 99, the hook that systemd's
#                  emergency.service (dracut-emergency) runs under rd.shell=0
# The hooks work in dracut's shell init and in a systemd initrd (dracut
# modules systemd, systemd-initrd, dracut-systemd), where they run in
# dracut-cmdline, dracut-pre-trigger, dracut-initqueue and dracut-pre-mount.

# moddir comes from dracut.
# shellcheck disable=SC2154
check() {
    return 255
}

depends() {
    echo bondcfg
    return 0
}

installkernel() {
    hostonly='' instmods veth
}

install() {
    inst_multiple ip cat sleep grep kill sed
    # the hand-over check of test-evidence.sh counts netlink requests
    inst_multiple strace
    # poweroff(8) (systemd-sysv) if there is one, else sysrq.
    inst_multiple -o poweroff
    inst_hook cmdline 90 "$moddir/test-root.sh"
    inst_hook pre-trigger 10 "$moddir/test-ports.sh"
    inst_hook pre-mount 99 "$moddir/test-evidence.sh"
    inst_hook emergency 99 "$moddir/test-emergency.sh"
    inst_hook shutdown-emergency 99 "$moddir/test-emergency.sh"
}
