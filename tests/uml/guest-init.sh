#!/bin/sh
# init (PID 1) of a user-mode Linux guest.  See tests/uml/lib.sh.
#
# The root file system is the HOST's, read-write.  Everything written below
# goes to the tmpfs mounts made first thing, or to $UML_RESULTS, the one
# host directory the runner created for this boot.
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export PATH
umask 022

mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t tmpfs tmpfs /run || { echo "guest-init: cannot mount tmpfs on /run" >&2; poweroff -f; }
# The checkout (with the binary, the scripts and build/uml/) may itself live
# below a directory covered with tmpfs next (a clone in /tmp or /root): keep
# a handle on it and put it back at the same path afterwards.
mkdir -p /run/uml-top
mount --bind "$UML_TOP" /run/uml-top || { echo "guest-init: cannot see $UML_TOP" >&2; poweroff -f; }
for d in /tmp /var/tmp /root /lib/modules; do
	mount -t tmpfs tmpfs "$d" || { echo "guest-init: cannot mount tmpfs on $d" >&2; poweroff -f; }
	case $UML_TOP/ in
	"$d"/*)
		mkdir -p "$UML_TOP"
		mount --bind /run/uml-top "$UML_TOP" || { echo "guest-init: cannot restore $UML_TOP" >&2; poweroff -f; }
		;;
	esac
done
# devtmpfs lacks these; bash's <(...) needs /dev/fd.
[ -e /dev/fd ] || ln -s /proc/self/fd /dev/fd
[ -e /dev/stdin ] || ln -s /proc/self/fd/0 /dev/stdin
[ -e /dev/stdout ] || ln -s /proc/self/fd/1 /dev/stdout
[ -e /dev/stderr ] || ln -s /proc/self/fd/2 /dev/stderr
kver=$(uname -r)
mkdir -p "/lib/modules/$kver"
mount --bind "/usr/lib/uml/modules/$kver" "/lib/modules/$kver"
# Only warnings and worse on the console.
echo 4 >/proc/sys/kernel/printk
hostname uml
ip link set lo up
export HOME=/root TMPDIR=/tmp

case $UML_RESULTS in
*/build/uml/*) ;;
*)
	echo "guest-init: refusing results directory '$UML_RESULTS'" >&2
	poweroff -f
	;;
esac
if [ -d "$UML_RESULTS" ] && [ -n "$UML_SCRIPT" ]; then
	bash "$UML_SCRIPT" >"$UML_RESULTS/guest.log" 2>&1
	echo $? >"$UML_RESULTS/exit"
else
	echo "guest-init: UML_RESULTS or UML_SCRIPT missing" >&2
fi
sync
poweroff -f
