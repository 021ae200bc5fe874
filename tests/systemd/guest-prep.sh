#!/bin/bash
# Inside UML, before systemd: stage 2 of tests/uml/guest-init.sh runs this
# (UML_PID1=systemd on the kernel command line) on the overlay root, then
# execs /lib/systemd/systemd as PID 1.  What it writes lands in the
# overlay's tmpfs; the host's root below never changes.
#
# The host built the boot's files in $UML_RESULTS/root (tests/systemd/lib.sh,
# sd_make_root); they go onto the root here in one cp, after the host's own
# systemd configuration and network files are dropped (the whiteouts stay
# in the overlay): the guest boots with the units the tree enables and
# masks, and nothing the host's admin enabled.
set -u
read -r up _ </proc/uptime
echo "prep: boot ${SD_BOOT:-?} at uptime ${up}s, kernel $(uname -r)"
tree=$UML_RESULTS/root
[ -d "$tree/etc/systemd/system" ] || {
	echo "prep: no tree in $tree"
	exit 1
}
# /.dockerenv (the host may be a container) would make systemd think it is
# one too, and skip what a machine does (systemd-detect-virt says "uml").
rm -rf /etc/systemd/system /etc/systemd/system-generators /etc/systemd/network /.dockerenv \
	/etc/sysconfig/network-scripts /etc/bondcfg.conf || exit 1
cp -a "$tree/." / || exit 1
read -r up _ </proc/uptime
echo "prep: done at uptime ${up}s, exec systemd"
