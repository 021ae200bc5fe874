#!/bin/sh
# The one place that installs bondcfg's build and test dependencies.
# Used by `make deps` (and so by `make demo` and `make check`).
# Installs only what is missing; safe to run repeatedly.
set -eu

# Every program a build or test step runs is named here, even when another
# package would pull it in today (cpio comes with dracut-core, readelf with
# gcc): a fresh machine must not depend on that.  gawk and busybox are here
# because the ifup hook test runs its awk code under each awk it finds: the
# test count must not depend on what happens to be installed.
# network-manager, dbus and udev are for the UML case that runs bondcfg next
# to a real NetworkManager (tests/uml/nm-lib.sh): the guest starts the
# system bus, systemd-udevd and NetworkManager from the host's root, in its
# overlay.  No test starts them on the host.
# clang and its compiler-rt (libclang-rt-dev: libFuzzer and the sanitizer
# runtimes, only recommended by clang, which is installed without
# recommends) build the fuzz harnesses of `make fuzz`; `make check` replays
# their corpus with gcc.
#
# Debian 12 / Ubuntu package names
DEB_PKGS="gcc make pkg-config libglib2.0-dev libjson-glib-dev libnl-3-dev libudev-dev
libinih-dev libkmod-dev kmod iproute2 iputils-ping procps util-linux
user-mode-linux umockdev libumockdev-dev dracut-core cpio rpm valgrind perl jq strace time
systemd-sysv python3 python3-jsonschema shellcheck binutils xz-utils gawk mawk busybox git ethtool
network-manager dbus udev clang libclang-rt-dev"

# RHEL 9 / Fedora package names (user-mode-linux is not packaged there:
# the real-kernel tier needs a linux.uml binary on PATH)
RPM_PKGS="gcc make pkgconf-pkg-config glib2-devel json-glib-devel libnl3-devel systemd-devel
inih-devel kmod-devel kmod iproute iputils procps-ng util-linux
umockdev umockdev-devel dracut cpio rpm-build valgrind perl jq strace time python3 python3-jsonschema
binutils xz gawk git ethtool NetworkManager dbus-daemon systemd-udev clang compiler-rt"

if [ "$(id -u)" != 0 ]; then
	echo "install-deps: must run as root to install packages" >&2
	exit 1
fi

if command -v apt-get >/dev/null 2>&1; then
	missing=""
	for p in $DEB_PKGS; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
			missing="$missing $p"
	done
	if [ -n "$missing" ]; then
		echo "install-deps: installing:$missing"
		export DEBIAN_FRONTEND=noninteractive
		apt-get update -qq
		# shellcheck disable=SC2086
		apt-get install -y -qq --no-install-recommends $missing
	else
		echo "install-deps: all Debian packages present"
	fi
elif command -v dnf >/dev/null 2>&1; then
	missing=""
	for p in $RPM_PKGS; do
		rpm -q "$p" >/dev/null 2>&1 || missing="$missing $p"
	done
	if [ -n "$missing" ]; then
		echo "install-deps: installing:$missing"
		# shellcheck disable=SC2086
		dnf install -y $missing
	else
		echo "install-deps: all RPM packages present"
	fi
else
	echo "install-deps: neither apt-get nor dnf found; install by hand:" >&2
	echo "  $DEB_PKGS" >&2
	exit 1
fi
