#!/bin/bash
# A command loads only the shared libraries it needs (src/dl-lib.h): the
# binary links glib alone and dlopen()s libnl-3, inih, libkmod, libudev,
# libgio and json-glib when a command first needs each.  LD_DEBUG=files lists
# every library the dynamic loader opens, and "dynamically loaded" marks the
# dlopen()ed ones; each command below must load exactly the ones listed.
#
# Then, as root with a mount namespace of its own (unshare -m), each library
# is hidden in turn behind an empty file: the commands that need it fail
# with a message that names it and the package to install, and exit 2 (1
# for a settings file that cannot be read, as for any bad file); the others
# still work.  TAP on stdout.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
bin=${BONDCFG:-$top/bondcfg}
# shellcheck source=tests/tap.sh
. "$top/tests/tap.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
root=$tmp/root
dir=$root/etc/sysconfig/network-scripts
mkdir -p "$dir"
cp "$top"/tests/golden/cases/show-json/ifcfg/* "$dir/"
printf '[check]\nchipset = warn\n' >"$root/etc/bondcfg.conf"
chmod -R go-w "$tmp"
inih=$("$bin" --root "$root" files | sed -n 's/^library \(libinih\.so\..*\)/\1/p')

# loads EXPECTED ARGS...: the libraries ARGS dlopen()s, sorted, are EXPECTED
loads() {
	local want=$1 got
	shift
	got=$(cd "$tmp" && LD_DEBUG=files "$bin" "$@" 2>&1 >/dev/null </dev/null |
		sed -n 's/.*file=\([^ ]*\) .*dynamically loaded by.*/\1/p' | sort -u | tr '\n' ' ')
	got=${got% }
	if [ "$got" = "$want" ]; then
		tap ok "'${*//$tmp/TMP}' loads ${want:-nothing but glib}"
	else
		tap not "'${*//$tmp/TMP}' loads ${want:-nothing but glib}: it loads ${got:-nothing but glib}"
	fi
}

needed=$(readelf -d "$bin" 2>/dev/null | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p' | sort | tr '\n' ' ')
if [ "$needed" = "libc.so.6 libglib-2.0.so.0 " ]; then
	tap ok "bondcfg is linked against glib and libc alone"
else
	tap not "bondcfg is linked against glib and libc alone: $needed"
fi

loads "" --version
loads "" --help
loads "" keys
loads "" options
loads "" options --bridge
loads "" --offline --config-dir "$dir" check
loads "" --offline --config-dir "$dir" show
loads "" --root "$root" files
# bondcfg.conf: inih, and nothing else without the kernel (--root)
loads "$inih" --root "$root" check
# the live state: rtnetlink
loads "libnl-3.so.200" --config-dir "$dir" status
loads "libjson-glib-1.0.so.0 libnl-3.so.200" --json --config-dir "$dir" status
# the member-NIC checks: rtnetlink and udev
loads "libnl-3.so.200 libudev.so.1" --config-dir "$dir" check

# --- a library that is not there
: >"$tmp/probe"
if [ "$(id -u)" != 0 ] || ! unshare -m mount --bind /dev/null "$tmp/probe" 2>/dev/null; then
	echo "ok $((n + 1)) - # SKIP hiding a library needs root, unshare -m and mount --bind (the UML case z-libraries does it on the real kernel)"
	echo "1..$((n + 1))"
	exit 0
fi

# hidden SONAME SCRIPT: run SCRIPT (bash) with SONAME an empty file
hidden() {
	local path
	path=$(ldconfig -p | sed -n "s/^[[:space:]]*$1 (.*x86-64.*) => //p" | head -1)
	[ -n "$path" ] || path=$(ldconfig -p | sed -n "s/^[[:space:]]*$1 .* => //p" | head -1)
	unshare -m bash -c "mount --bind /dev/null \"\$(readlink -f '$path')\" && $2" \
		>"$tmp/out" 2>"$tmp/err" </dev/null
}

# outcome RC NAME PATTERN: the last hidden() ended RC ($got), with PATTERN in
# its output (its lines joined with spaces: a hint is a line of its own)
outcome() {
	local rc=$1 name=$2 pattern=$3
	if [ "$got" = "$rc" ] && cat "$tmp/out" "$tmp/err" | tr '\n' ' ' | grep -qE -- "$pattern"; then
		tap ok "$name"
	else
		tap not "$name (exit $got, expected $rc)"
		sed 's/^/# stderr: /' "$tmp/err"
	fi
}

hidden libnl-3.so.200 "'$bin' --config-dir '$dir' status"
got=$?
outcome 2 "without libnl-3, status says rtnetlink needs it and what to install" \
	'cannot read the network state: rtnetlink needs libnl-3\.so\.200: .*hint: install libnl-3-200 \(Debian\) or libnl3 \(RHEL\)'
hidden libnl-3.so.200 "'$bin' --config-dir '$dir' apply --dry-run"
got=$?
outcome 2 "without libnl-3, apply --dry-run says so" 'cannot open rtnetlink: rtnetlink needs libnl-3\.so\.200'
hidden libnl-3.so.200 "'$bin' --version && '$bin' keys >/dev/null && '$bin' --offline --config-dir '$dir' check"
got=$?
outcome 0 "without libnl-3, --version, keys and an offline check work" '0 errors'
hidden libnl-3.so.200 "'$bin' --json --config-dir '$dir' status"
got=$?
if [ "$got" = 2 ] && python3 -c 'import json,sys; d=json.load(sys.stdin); assert "libnl-3.so.200" in d["error"]["message"]; assert d["error"]["hint"] == "install libnl-3-200 (Debian) or libnl3 (RHEL)"' <"$tmp/out"; then
	tap ok "without libnl-3, status --json gives the error as JSON, the package in its hint"
else
	tap not "without libnl-3, status --json gives the error as JSON, the package in its hint (exit $got)"
	sed 's/^/# stdout: /' "$tmp/out"
fi

hidden "$inih" "'$bin' --root '$root' check"
got=$?
outcome 1 "without inih, check reports bondcfg.conf unread, naming the file and the package" \
	"bondcfg\.conf.*error: .*reading bondcfg\.conf needs $inih: .*hint: install libinih1 \(Debian\) or inih \(RHEL\)"
hidden "$inih" "'$bin' --root '$root' files"
got=$?
outcome 0 "without inih, files (which reads no bondcfg.conf) works" '(^| )bond bond0 '

hidden libjson-glib-1.0.so.0 "'$bin' --json keys"
got=$?
outcome 2 "without json-glib, --json says it needs it" '--json needs libjson-glib-1\.0\.so\.0: .*hint: install libjson-glib-1\.0-0'

echo "1..$n"
[ "$failed" = 0 ]
