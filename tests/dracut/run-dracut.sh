#!/bin/bash
# Boot test of the dracut module (dracut/90bondcfg): build an initramfs for
# the user-mode Linux kernel with Debian's dracut, boot it, and check from
# the console that the bond came up before the root would be mounted.
# TAP on stdout.  Work files and console logs: build/dracut/.
#
# Nothing is installed into /usr/lib/dracut: dracut runs with dracutbasedir
# pointing at build/dracut/base, a copy of /usr/lib/dracut made of symlinks
# whose modules.d also holds 90bondcfg and the test-only 99bondcfg-test
# (tests/dracut/99bondcfg-test: fake root, veth "NICs", evidence, power off).
# The host's dracut configuration is ignored (--conf /dev/null, an empty
# --confdir).  The image takes tests/dracut/ifcfg and tests/dracut/bondcfg.conf
# in place of the host's files (BONDCFG_DRACUT_* in module-setup.sh).
#
# Two images: one with dracut's shell init, one systemd-based like RHEL 8/9's
# (dracut modules systemd, systemd-initrd, dracut-systemd: systemd is PID 1
# and runs the dracut hooks from dracut-cmdline, dracut-pre-trigger,
# dracut-initqueue and dracut-pre-mount.service).  Five boots in parallel
# (bondcfgtest.ports= picks the scenario), four of the shell-init image:
#   late    eth0 exists, eth1 appears only after bondcfg's first attempt
#           failed: bondcfg must retry, bring bond0 up in full, and hold the
#           initqueue until bond0 has carrier
#   none    no ports: bondcfg must give up after rd.bondcfg.timeout, and the
#           boot must go on
#   nolink  ports without link: bond0 is configured, bondcfg waits for its
#           carrier until rd.bondcfg.timeout, says so, and the boot goes on
#   off     rd.bondcfg=0: no bond at all
# and one of the systemd image:
#   sd-late as late, under systemd; its evidence is checked as late's.  In a
#           systemd initrd dracut's info() goes to the journal only (warn()
#           to the console too): systemd.journald.forward_to_console=1 puts
#           it on the console, where the checks find it.
# The guest gets pty.legacy_count=0: UML's 512 legacy pty devices would
# otherwise double the time udev needs to settle.
#
# Environment: BONDCFG (binary under test, default ./bondcfg), DRACUT_TEST_DIR
# (work directory, default build/dracut; emptied first), UML_KERNEL
# (default linux.uml), UML_KVER (default: the one in /usr/lib/uml/modules),
# DRACUT_BOOT_TIMEOUT (seconds per boot, default 300: the five boots share
# the CPUs), DRACUT_TEST_SHELL (the initramfs /bin/sh: dash, the default,
# starts faster in UML; bash is RHEL's /bin/sh, and the test passes with it
# too).
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
W=${DRACUT_TEST_DIR:-$top/build/dracut}
UML_KERNEL=${UML_KERNEL:-linux.uml}
BOOT_TIMEOUT=${DRACUT_BOOT_TIMEOUT:-300}
SHELL_MODULE=${DRACUT_TEST_SHELL:-dash}
t0=$SECONDS

# shellcheck source=/dev/null
. "$top/tests/tap.sh"
tap_rc() { # STATUS NAME: one TAP line from a status
	if [ "$1" = 0 ]; then tap ok "$2"; else tap not "$2"; fi
}
finish() {
	echo "# total time $((SECONDS - t0))s"
	echo "1..$n"
	[ "$failed" = 0 ]
	exit
}

# --- prerequisites -----------------------------------------------------------
missing=""
for c in dracut cpio "$UML_KERNEL" timeout; do
	command -v "$c" > /dev/null 2>&1 || missing="$missing $c"
done
kver=${UML_KVER:-$(find /usr/lib/uml/modules -mindepth 1 -maxdepth 1 -printf "%f\n" 2> /dev/null | sort | head -1)}
[ -n "$kver" ] && [ -f "/usr/lib/uml/modules/$kver/kernel/drivers/net/bonding/bonding.ko" ] ||
	missing="$missing /usr/lib/uml/modules/*/bonding.ko"
[ -d /usr/lib/dracut/modules.d ] || missing="$missing /usr/lib/dracut/modules.d"
BONDCFG=${BONDCFG:-$top/bondcfg}
[ -x "$BONDCFG" ] || missing="$missing $BONDCFG(run 'make bondcfg')"
if [ -n "$missing" ]; then
	tap not "prerequisites present (missing:$missing; 'make deps' installs dracut-core and user-mode-linux)"
	finish
fi
case $W in
*[[:space:],]*)
	tap not "work directory $W has no white space or comma (it goes on the UML command line)"
	finish
	;;
esac

# --- a private dracut tree ---------------------------------------------------
# Only a directory this script made (it holds the marker) is emptied.
if [ -d "$W" ] && [ -n "$(ls -A "$W")" ] && [ ! -e "$W/.bondcfg-dracut-test" ]; then
	tap not "work directory $W is empty or one of ours (refusing to empty it)"
	finish
fi
rm -rf "$W"
mkdir -p "$W" && : > "$W/.bondcfg-dracut-test"
mkdir -p "$W/base/modules.d" "$W/conf.d" "$W/tmp" "$W/kmod/lib/modules"
for f in /usr/lib/dracut/*; do
	case ${f##*/} in
	modules.d | dracut.conf.d) ;;
	*) ln -s "$f" "$W/base/" ;;
	esac
done
for m in /usr/lib/dracut/modules.d/*; do
	case ${m##*/} in
	??bondcfg | ??bondcfg-test) ;; # a stale installed copy must not win
	*) ln -s "$m" "$W/base/modules.d/" ;;
	esac
done
cp -r "$top/dracut/90bondcfg" "$here/99bondcfg-test" "$W/base/modules.d/"
# dracut wants the modules below a .../lib/modules/KVER directory.
ln -s "/usr/lib/uml/modules/$kver" "$W/kmod/lib/modules/$kver"
cp "$BONDCFG" "$W/bondcfg"

# --- build -------------------------------------------------------------------
build() { # IMAGE LOG MODULES: one image, with 90bondcfg and 99bondcfg-test
	env dracutbasedir="$W/base" \
		BONDCFG_DRACUT_BINARY="$W/bondcfg" \
		BONDCFG_DRACUT_CONFIG_DIR="$here/ifcfg" \
		BONDCFG_DRACUT_CONF="$here/bondcfg.conf" \
		dracut --force --no-hostonly --no-hostonly-cmdline --no-early-microcode \
		--no-compress --conf /dev/null --confdir "$W/conf.d" --tmpdir "$W/tmp" \
		--kver "$kver" --kmoddir "$W/kmod/lib/modules/$kver" \
		--modules "$3" --add bondcfg "$1" > "$2" 2>&1
}
img=$W/initrd.img
sdimg=$W/initrd-systemd.img
tb=$SECONDS
# Both at once: each dracut makes its own directory below $W/tmp.
build "$sdimg" "$W/dracut-systemd.log" \
	"systemd systemd-initrd dracut-systemd $SHELL_MODULE base bondcfg-test" &
sdpid=$!
build "$img" "$W/dracut.log" "$SHELL_MODULE base bondcfg-test"
rc=$?
wait "$sdpid"
sdrc=$?
echo "# dracut: exit $rc (shell init) and $sdrc (systemd) in $((SECONDS - tb))s;" \
	"logs in ${W#"$top"/}/dracut.log, dracut-systemd.log"
if [ "$rc" != 0 ] || [ ! -s "$img" ]; then
	tap not "dracut builds an initramfs with the bondcfg module"
	tail -n 30 "$W/dracut.log" | sed 's/^/#   | /'
	finish
fi
tap ok "dracut builds an initramfs with the bondcfg module"
sed -n 's/^dracut: bondcfg: /# dracut: bondcfg: /p' "$W/dracut.log"

cpio -it < "$img" > "$W/contents" 2> /dev/null
has() { grep -qx "$1" "$W/contents"; }
in_image() { # PATH: a file's contents from the image
	(rm -rf "$W/extract" && mkdir "$W/extract" && cd "$W/extract" &&
		cpio -id --quiet "$1" < "$img" 2> /dev/null && cat "$1")
}
nic=etc/sysconfig/network-scripts
mods=usr/lib/modules/$kver
has usr/sbin/bondcfg && has usr/sbin/bondcfg-initqueue &&
	has usr/lib/dracut/hooks/cmdline/99-parse-bondcfg.sh
tap_rc $? "image: /usr/sbin/bondcfg and the hooks"
has "$mods/kernel/drivers/net/bonding/bonding.ko" && has "$mods/kernel/net/ipv6/ipv6.ko" &&
	has "$mods/modules.dep"
tap_rc $? "image: bonding.ko and its dependency ipv6.ko"
has $nic/ifcfg-bond0 && has $nic/ifcfg-eth0 && has $nic/ifcfg-eth1
tap_rc $? "image: the ONBOOT bond and its ports (ifcfg-bond0, -eth0, -eth1)"
has $nic/ifcfg-bond0.100 && has "$mods/kernel/net/8021q/8021q.ko"
tap_rc $? "image: the VLAN on bond0 (ifcfg-bond0.100) and 8021q.ko"
has $nic/ifcfg-bond0.200 && has $nic/ifcfg-br0 && has "$mods/kernel/net/bridge/bridge.ko"
tap_rc $? "image: the bridge on bond0.200 (ifcfg-bond0.200, ifcfg-br0) and bridge.ko"
[ "$(grep -c "^$nic/ifcfg-" "$W/contents")" = 6 ]
tap_rc $? "image: no other ifcfg file (not the ONBOOT=no bond9, its port, plain eth5)"
has etc/bondcfg.conf
tap_rc $? "image: /etc/bondcfg.conf"
# bondcfg links glib alone; the module installs the libraries that
# `bondcfg files` lists, which it dlopen()s (src/dl-lib.h)
missing=
for lib in $("$W/bondcfg" --offline --config-dir "$here/ifcfg" files 2>/dev/null | sed -n 's/^library //p') \
	libgobject-2.0.so.0; do
	grep -qF "/$lib" "$W/contents" || missing="$missing $lib"
done
[ -z "$missing" ] && grep -q '/libnl-3\.so\.200$' "$W/contents"
tap_rc $? "image: libnl-3, inih, libkmod, libudev and libgio (bondcfg dlopen()s them) and what they need${missing:+: missing$missing}"
has $nic/route-bond0 && has etc/sysconfig/network
tap_rc $? "image: bond0's route-bond0 and /etc/sysconfig/network (its GATEWAY)"
[ "$(in_image etc/bondcfg-initrd.bonds)" = bond0 ]
tap_rc $? "image: the bond list names bond0 alone"

# The systemd image: systemd is init, and bondcfg's dracut_need_initqueue
# (lib/dracut/need-initqueue) is what makes dracut-initqueue.service start.
sdok=1
if [ "$sdrc" = 0 ] && [ -s "$sdimg" ]; then
	cpio -it < "$sdimg" > "$W/contents-systemd" 2> /dev/null
	sdhas() { grep -qx "$1" "$W/contents-systemd"; }
	sdhas usr/lib/systemd/systemd && sdhas usr/lib/systemd/system/dracut-initqueue.service &&
		sdhas usr/lib/systemd/system/dracut-pre-mount.service &&
		sdhas usr/lib/dracut/need-initqueue && sdhas usr/sbin/bondcfg &&
		sdhas usr/sbin/bondcfg-initqueue && sdhas usr/lib/dracut/hooks/cmdline/99-parse-bondcfg.sh &&
		sdhas "$mods/kernel/drivers/net/bonding/bonding.ko" &&
		sdhas "$mods/kernel/net/bridge/bridge.ko" &&
		[ "$(grep -c "^$nic/ifcfg-" "$W/contents-systemd")" = 6 ] || sdok=0
else
	sdok=0
	tail -n 30 "$W/dracut-systemd.log" | sed 's/^/#   | /'
fi
[ "$sdok" = 1 ]
tap_rc $? "systemd image (systemd systemd-initrd dracut-systemd): systemd, dracut-initqueue.service, need-initqueue, bondcfg, its hooks, bonding.ko, bridge.ko, the 6 ifcfg files"

# --- boot --------------------------------------------------------------------
boot() { # NAME IMAGE KERNEL-ARGS...: console in $W/NAME/console.log, status in .../rc
	local d=$W/$1 i=$2
	shift 2
	mkdir -p "$d"
	(
		cd "$d" || exit 1
		local s=$SECONDS
		TMPDIR=$d timeout --kill-after=5 "$BOOT_TIMEOUT" "$UML_KERNEL" mem=512M \
			initrd="$i" root=bondcfgtest rd.shell=0 rd.emergency=poweroff \
			rd.retry=60 printk.time=1 pty.legacy_count=0 "$@" \
			uml_dir="$d" umid=guest con=null con0=fd:0,fd:1 \
			< /dev/null > "$d/console.raw" 2>&1
		echo $? > "$d/rc"
		echo $((SECONDS - s)) > "$d/seconds"
		tr -d '\r' < "$d/console.raw" > "$d/console.log"
	) &
}
tb=$SECONDS
boot late "$img" bondcfgtest.ports=late rd.bondcfg.timeout=120
boot none "$img" bondcfgtest.ports=none rd.bondcfg.timeout=3
boot nolink "$img" bondcfgtest.ports=nolink rd.bondcfg.timeout=3
boot off "$img" bondcfgtest.ports=now rd.bondcfg=0
# systemd's unit status on the console, and the journal (dracut's info()
# lines, systemd's own log) forwarded to it.
if [ "$sdok" = 1 ]; then
	boot sd-late "$sdimg" bondcfgtest.ports=late rd.bondcfg.timeout=120 \
		systemd.show_status=1 systemd.journald.forward_to_console=1
else
	mkdir -p "$W/sd-late" && : > "$W/sd-late/console.log"
fi
wait
echo "# boots: $((SECONDS - tb))s in parallel (late $(cat "$W/late/seconds")s," \
	"none $(cat "$W/none/seconds")s, nolink $(cat "$W/nolink/seconds")s," \
	"off $(cat "$W/off/seconds")s, sd-late $(cat "$W/sd-late/seconds" 2> /dev/null || echo -)s)"

con() { # NAME FIXED-STRING: a console line of boot NAME contains it
	grep -qF -- "$2" "$W/$1/console.log"
}
evx() { # NAME WHAT VALUE: an evidence line is exactly "BCT WHAT| VALUE"
	grep -qxF -- "BCT $2| $3" "$W/$1/console.log"
}
ev() { # NAME WHAT FIXED-STRING: an evidence line "BCT WHAT| ..." contains it
	grep -F "BCT $2| " "$W/$1/console.log" | grep -qF -- "$3"
}
booted() { # NAME: the guest reached the evidence hook and powered off in time
	local rc
	rc=$(cat "$W/$1/rc" 2> /dev/null || echo missing)
	if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
		echo "#   boot $1 timed out after ${BOOT_TIMEOUT}s"
	fi
	# linux.uml sometimes dies of SIGABRT after the guest's kernel has
	# halted (seen after "reboot: System halted" and "reboot: Power down"
	# alike, in the boot with a bond): that guest did power off.
	if [ "$rc" = 134 ] &&
		tail -n 1 "$W/$1/console.log" | grep -qE 'reboot: (System halted|Power down)'; then
		rc=0
	fi
	con "$1" "BCT END" && ! con "$1" "BCT EMERGENCY" && [ "$rc" = 0 ]
}
for b in late none nolink off sd-late; do
	if booted "$b"; then
		tap ok "boot '$b': reached pre-mount and powered off (no emergency, no timeout)"
	else
		tap not "boot '$b': reached pre-mount and powered off (no emergency, no timeout)"
		echo "#   --- last console lines of ${W#"$top"/}/$b/console.log:"
		tail -n 30 "$W/$b/console.log" | sed 's/^/#   | /'
	fi
done

# late and sd-late: the bond, complete, after a retry
check_late() { # NAME: the checks of a 'late' boot
	echo "# --- evidence of boot '$1':"
	grep -E '(bondcfg: |BCT (BEGIN|eth1|pid1|cgroup|proc|link|addr|ports|status|state|log|br[a-z]*)|bond0)' \
		"$W/$1/console.log" | cut -c1-400 | sed 's/^/#   /'
	ev "$1" log "attempt 1 at" && ev "$1" log "port eth1 does not exist"
	tap_rc $? "$1: the first attempt failed on the missing eth1, nothing touched"
	grep -qE "bondcfg: bond0 is configured \(attempt ([2-9]|[1-9][0-9])," "$W/$1/console.log"
	tap_rc $? "$1: bondcfg retried and reported bond0 configured at attempt 2 or later"
	con "$1" "bondcfg: bond0 is up (carrier after" && ! con "$1" "has no carrier"
	tap_rc $? "$1: the initqueue waited for bond0's carrier and reported it"
	con "$1" "bondcfg: bond0: create bond (mode=active-backup miimon=100)" &&
		con "$1" "bondcfg: eth0: enslave to bond0" && con "$1" "bondcfg: eth1: enslave to bond0" &&
		con "$1" "bondcfg: bond0: add address 192.0.2.10/24"
	tap_rc $? "$1: bondcfg's own output: created the bond, enslaved both ports, set the address"
	ev "$1" proc "Bonding Mode: fault-tolerance (active-backup)" &&
		ev "$1" proc "MII Polling Interval (ms): 100" && ev "$1" proc "Primary Slave: eth0"
	tap_rc $? "$1: /proc/net/bonding/bond0: active-backup, miimon 100, primary eth0"
	ev "$1" proc "Slave Interface: eth0" && ev "$1" proc "Slave Interface: eth1" &&
		ev "$1" proc "Currently Active Slave: eth0"
	tap_rc $? "$1: /proc/net/bonding/bond0: eth0 and eth1 enslaved, eth0 active"
	ev "$1" link '"info_kind":"bond"' && ev "$1" link '"mode":"active-backup"' &&
		ev "$1" link '"miimon":100' && ev "$1" link '"operstate":"UP"'
	tap_rc $? "$1: ip -d link: bond0 is a bond, active-backup, miimon 100, operstate UP at pre-mount"
	[ "$(grep -F "BCT ports| " "$W/$1/console.log" |
		grep -oE '"ifname":"eth[01]"[^}]*"master":"bond0"' | wc -l)" = 2 ]
	tap_rc $? "$1: ip link: eth0 and eth1 have master bond0"
	ev "$1" addr '"local":"192.0.2.10","prefixlen":24'
	tap_rc $? "$1: ip addr: 192.0.2.10/24 on bond0"
	ev "$1" vlan '"info_kind":"vlan"' && ev "$1" vlan '"id":100' && ev "$1" vlan '"link":"bond0"' &&
		ev "$1" vaddr '"local":"198.51.100.10","prefixlen":24'
	tap_rc $? "$1: the stack: bond0.100 is VLAN 100 on bond0 with 198.51.100.10/24 at pre-mount"
	ev "$1" br '"info_kind":"bridge"' && ev "$1" br '"stp_state":0' && ev "$1" br '"operstate":"UP"' &&
		ev "$1" brport '"master":"br0"' && ev "$1" brport '"id":200' &&
		ev "$1" braddr '"local":"203.0.113.10","prefixlen":24'
	tap_rc $? "$1: the stack: br0 is a bridge (no STP, operstate UP) with port bond0.200 (VLAN 200) and 203.0.113.10/24 at pre-mount"
	# ifup-eth's default route from /etc/sysconfig/network's GATEWAY, and
	# route-bond0 as ifup-routes adds it, both proto boot (which ip -j
	# leaves out)
	ev "$1" route '"dst":"default","gateway":"192.0.2.1","dev":"bond0","flags"' &&
		ev "$1" route '"dst":"198.51.100.0/24","gateway":"192.0.2.1","dev":"bond0","metric":50,"flags"'
	tap_rc $? "$1: ip route: the default route via 192.0.2.1 (GATEWAY in /etc/sysconfig/network) and route-bond0's 198.51.100.0/24 metric 50"
	ev "$1" owned 'addr=192.0.2.10/24' && ev "$1" owned 'route4=198.51.100.0/24 via 192.0.2.1 dev bond0'
	tap_rc $? "$1: /run/bondcfg/owned/bond0 records the address and routes, for the real root"
	ev "$1" status-rc 0 && ev "$1" status "in sync with the configuration"
	tap_rc $? "$1: bondcfg status in the initramfs: in sync (exit 0)"
	# bondcfg.service's apply after the initramfs (test-evidence.sh)
	evx "$1" handover-rc 0 && ev "$1" handover "bond0: up to date"
	tap_rc $? "$1: hand-over: 'bondcfg apply --boot' (bondcfg.service) finds bond0 up to date (exit 0)"
	evx "$1" handover-writes 0 && ev "$1" handover-requests "" && ! evx "$1" handover-requests 0
	tap_rc $? "$1: hand-over: 0 netlink writes ($(grep -F "BCT handover-requests| " "$W/$1/console.log" | sed 's/.*| //') requests, all RTM_GET*)"
	evx "$1" handover-events 0
	tap_rc $? "$1: hand-over: no link event while it ran (ip monitor link)"
}
check_late late

# none: bounded wait, then the boot goes on
echo "# --- boot 'none':"
grep -E 'bondcfg|BCT (BEGIN|proc|state)' "$W/none/console.log" | cut -c1-300 | sed 's/^/#   /'
con none "bondcfg: giving up on bond0 after 3s (rd.bondcfg.timeout)" &&
	con none "port eth0 does not exist"
tap_rc $? "none: bondcfg gave up on bond0 after rd.bondcfg.timeout=3, saying why"
ev none proc "/proc/net/bonding/bond0: No such file"
tap_rc $? "none: no bond0"

# nolink: configured, no carrier: a bounded wait, a warning, the boot goes on
echo "# --- boot 'nolink':"
grep -E 'bondcfg|BCT (BEGIN|proc|state)' "$W/nolink/console.log" | cut -c1-300 | sed 's/^/#   /'
con nolink "bondcfg: bond0 is configured (attempt 1," &&
	con nolink "bondcfg: bond0 is configured but has no carrier after 3s (rd.bondcfg.timeout)" &&
	! con nolink "bondcfg: bond0 is up (carrier"
tap_rc $? "nolink: bond0 configured at once, then a warning that it has no carrier after rd.bondcfg.timeout=3"
ev nolink proc "Slave Interface: eth0" && ev nolink proc "Slave Interface: eth1" &&
	ev nolink proc "MII Status: down" && ev nolink link '"operstate":"DOWN"'
tap_rc $? "nolink: bond0 stays configured, both ports enslaved, MII down, operstate DOWN"

# off: rd.bondcfg=0
echo "# --- boot 'off':"
grep -E 'bondcfg|BCT (BEGIN|proc|state)' "$W/off/console.log" | cut -c1-300 | sed 's/^/#   /'
con off "bondcfg: disabled by rd.bondcfg=0" && ev off state "No such file"
tap_rc $? "off: rd.bondcfg=0 is reported and no attempt is made"
ev off proc "/proc/net/bonding/bond0: No such file"
tap_rc $? "off: no bond0 although eth0 and eth1 exist"

# sd-late: the same, under systemd
check_late sd-late
ev sd-late pid1 systemd && ev sd-late cgroup "/dracut-pre-mount.service"
tap_rc $? "sd-late: systemd was PID 1, and the evidence came from dracut-pre-mount.service"
grep -qE 'dracut-initqueue\[[0-9]+\]: bondcfg: bond0 is configured \(attempt' "$W/sd-late/console.log" &&
	grep -qE 'dracut-initqueue\[[0-9]+\]: bondcfg: bond0 is up \(carrier' "$W/sd-late/console.log"
tap_rc $? "sd-late: bondcfg's jobs ran in dracut-initqueue.service (the journal says so)"

finish
