#!/bin/sh
# init (PID 1) of a user-mode Linux guest.  See tests/uml/lib.sh.
#
# The kernel mounts the HOST's root through hostfs.  This script never
# writes to it.  Stage 1 (no argument) makes the guest's real root: an
# overlay whose lower layer is the host's root and whose upper layer is a
# tmpfs, so the guest may create and change anything (/lib/modules on a
# host that has none, /etc, /var/lib) and every change vanishes at power
# off.  It pivots into that root and runs stage 2 ("stage2"), which sets up
# the guest and runs $UML_SCRIPT (with UML_PID1=systemd on the command
# line, $UML_SCRIPT prepares the overlay and systemd becomes PID 1).  The one host directory a guest writes to
# is $UML_RESULTS, created by the runner below build/uml/ and bound into
# the overlay from the host.
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export PATH
umask 022

die() {
	echo "guest-init: $*" >&2
	poweroff -f
}

case $UML_RESULTS in
*/build/uml/*) ;;
*) die "refusing results directory '$UML_RESULTS'" ;;
esac
kver=$(uname -r)

if [ "${1:-}" != stage2 ]; then
	# --- stage 1: on the host's root (hostfs), read only by convention --
	# /proc, /sys and /run exist on every host (Debian's base-files).
	mount -t proc proc /proc || die "cannot mount /proc"
	mount -t tmpfs -o mode=0755 tmpfs /run || die "cannot mount tmpfs on /run"
	# overlayfs is a module of the UML kernel; insmod takes its path, so
	# no /lib/modules is needed on the host.
	insmod "/usr/lib/uml/modules/$kver/kernel/fs/overlayfs/overlay.ko" ||
		die "cannot load overlay.ko from /usr/lib/uml/modules/$kver"
	o=/run/overlay
	mkdir -p $o/upper $o/work $o/root
	mount -t overlay overlay -o "lowerdir=/,upperdir=$o/upper,workdir=$o/work" $o/root ||
		die "cannot mount the overlay root"
	# The new root's /run: a fresh tmpfs (the host's /run is live state).
	mount -t tmpfs -o mode=0755 tmpfs $o/root/run || die "cannot mount tmpfs on the new /run"
	mkdir -p $o/root/run/host
	cd $o/root || die "cannot enter the overlay root"
	pivot_root . run/host || die "pivot_root into the overlay failed"
	exec chroot . /bin/sh "$UML_TOP/tests/uml/guest-init.sh" stage2
	die "cannot exec stage 2"
fi

# --- stage 2: on the overlay root; the host's root is at /run/host -------
mount -t proc proc /proc || die "cannot mount /proc"
mount -t sysfs sys /sys || die "cannot mount /sys"
mount -t devtmpfs devtmpfs /dev 2>/dev/null || true
# devtmpfs lacks these; bash's <(...) needs /dev/fd.
[ -e /dev/fd ] || ln -s /proc/self/fd /dev/fd
[ -e /dev/stdin ] || ln -s /proc/self/fd/0 /dev/stdin
[ -e /dev/stdout ] || ln -s /proc/self/fd/1 /dev/stdout
[ -e /dev/stderr ] || ln -s /proc/self/fd/2 /dev/stderr
mkdir -p /dev/shm /dev/pts
mount -t tmpfs -o mode=1777 tmpfs /dev/shm
mount -t devpts devpts /dev/pts 2>/dev/null || true
# Scratch space starts empty, as on a booted machine.  The checkout (with
# the binary, the scripts and build/uml/) may itself live below one of
# these (a clone in /tmp or /root): keep a handle on it and put it back at
# the same path afterwards.
mkdir -p /run/uml-top
mount --bind "$UML_TOP" /run/uml-top || die "cannot see $UML_TOP"
for d in /tmp /var/tmp /root; do
	mkdir -p "$d"
	mount -t tmpfs tmpfs "$d" || die "cannot mount tmpfs on $d"
	case $UML_TOP/ in
	"$d"/*)
		mkdir -p "$UML_TOP"
		mount --bind /run/uml-top "$UML_TOP" || die "cannot restore $UML_TOP"
		;;
	esac
done
chmod 1777 /tmp /var/tmp
chmod 0700 /root
# The results directory writes through to the host.
mount --bind "/run/host$UML_RESULTS" "$UML_RESULTS" || die "cannot bind the results directory"
# The UML kernel's modules, where modprobe and libkmod look for them.  The
# overlay takes the directories, whether or not the host has /lib/modules.
mkdir -p "/lib/modules/$kver" || die "cannot create /lib/modules/$kver"
mount --bind "/usr/lib/uml/modules/$kver" "/lib/modules/$kver" ||
	die "cannot bind the UML modules on /lib/modules/$kver"
# Only warnings and worse on the console.
echo 4 >/proc/sys/kernel/printk
hostname uml
ip link set lo up
export HOME=/root TMPDIR=/tmp

if [ -d "$UML_RESULTS" ] && [ -n "$UML_SCRIPT" ] && [ "${UML_PID1:-}" = systemd ]; then
	# tests/systemd: $UML_SCRIPT only prepares the overlay (units, files,
	# the binary); then systemd replaces this script as PID 1 on the
	# overlay root, and one of the units the script installed writes
	# $UML_RESULTS/exit and powers off.  The kernel's command line,
	# which systemd reads too, carries its systemd.* options.
	if bash "$UML_SCRIPT" >"$UML_RESULTS/prep.log" 2>&1; then
		exec /lib/systemd/systemd
		echo "guest-init: cannot exec /lib/systemd/systemd" >>"$UML_RESULTS/prep.log"
	fi
	echo "prep-failed" >"$UML_RESULTS/exit"
elif [ -d "$UML_RESULTS" ] && [ -n "$UML_SCRIPT" ]; then
	bash "$UML_SCRIPT" >"$UML_RESULTS/guest.log" 2>&1
	echo $? >"$UML_RESULTS/exit"
else
	echo "guest-init: UML_RESULTS or UML_SCRIPT missing" >&2
fi
sync
poweroff -f
