# desc: z. the libraries bondcfg dlopen()s (src/dl-lib.h), each hidden in turn behind an empty file on the real kernel: without libnl-3, apply, down and status say that rtnetlink needs it and which package ships it, and change nothing; without libkmod and no bonding module, apply says loading it needs libkmod and changes nothing; without libudev, apply says the NIC checks need it; without inih, a bondcfg.conf is an error that names the file and stops apply; --version works without any of them; with them all, apply brings the bond up
# cost: 20
# shellcheck shell=bash source=tests/uml/l3-lib.sh
. "$UML_TOP/tests/uml/l3-lib.sh"

topo_ports 2
peer_bridge 192.0.2.2/24 2
cfg_init
cfg_bond bond0 "mode=active-backup miimon=100" IPADDR=192.0.2.1 PREFIX=24 ARPCHECK=no
cfg_port bp0 bond0
cfg_port bp1 bond0
show_cfg

# hide SONAME ARGS...: bondcfg ARGS on the case's files, in a mount
# namespace of its own where SONAME is an empty file
hide() {
	local lib=$1 path
	shift
	path=$(ldconfig -p | sed -n "s/^[[:space:]]*$lib (.*) => //p" | head -1)
	[ -n "$path" ] || die "ldconfig does not know $lib"
	run timeout 60 unshare -m sh -c 'mount --bind /dev/null "$(readlink -f "$0")" && shift && exec "$@"' \
		"$path" x "$BONDCFG" --config-dir "$CFG" "$@"
}

# unchanged DESC: the state is the one in /tmp/z.before
unchanged() {
	state_dump_stable /tmp/z.after
	state_same_stable "$1" /tmp/z.before /tmp/z.after
}

key "without libnl-3: apply, down and status say rtnetlink needs it, name the package, and change nothing"
settle
state_dump_stable /tmp/z.before
hide libnl-3.so.200 apply
assert_eq "apply exits 2" "$RC" 2
assert_in "apply names the library and the package" "$ERR" \
	"rtnetlink needs libnl-3.so.200: "
assert_in "and the package" "$ERR" "hint: install libnl-3-200 (Debian) or libnl3 (RHEL)"
check "the crash journal was never written" not test -e /run/bondcfg/journal/run
unchanged "apply without libnl-3 changed nothing"
hide libnl-3.so.200 status
assert_eq "status exits 2" "$RC" 2
assert_in "status says so" "$ERR" "rtnetlink needs libnl-3.so.200"
hide libnl-3.so.200 down bond0
assert_eq "down exits 2" "$RC" 2
assert_in "down says so" "$ERR" "rtnetlink needs libnl-3.so.200"
hide libnl-3.so.200 --version
assert_eq "--version works without it" "$RC" 0
hide libnl-3.so.200 --offline check
assert_eq "an offline check works without it" "$RC" 0

key "without libkmod and with no bonding module: apply says loading it needs libkmod, and changes nothing"
rmmod bonding 2>/dev/null
check "no bonding module" not test -e /sys/module/bonding
hide libkmod.so.2 apply
assert_eq "apply exits 3 (the kernel's side)" "$RC" 3
assert_in "apply names the library and the package" "$ERR" \
	"loading kernel modules needs libkmod.so.2: "
assert_in "and the package" "$ERR" "hint: install libkmod2 (Debian) or kmod-libs (RHEL)"
check "still no bonding module" not test -e /sys/module/bonding
unchanged "apply without libkmod changed nothing"
modprobe bonding max_bonds=0 || die "cannot load bonding"

key "without libudev: apply says the NIC checks need it, and changes nothing"
hide libudev.so.1 apply
assert_eq "apply exits 2" "$RC" 2
assert_in "apply names the library and the package" "$ERR" \
	"checking the member NICs needs libudev.so.1: "
unchanged "apply without libudev changed nothing"

key "without inih: a bondcfg.conf is an error naming the file, and apply changes nothing"
printf '[check]\nchipset = warn\n' >/etc/bondcfg.conf
chmod 0644 /etc/bondcfg.conf
hide "$("$BONDCFG" --offline --config-dir "$CFG" files | sed -n 's/^library \(libinih\.so\..*\)/\1/p')" apply
assert_eq "apply exits 1 (the files have an error)" "$RC" 1
assert_in "apply names the file and the library" "$ERR" \
	"/etc/bondcfg.conf: error: cannot read this file: reading bondcfg.conf needs libinih.so."
unchanged "apply without inih changed nothing"
rm -f /etc/bondcfg.conf

key "with every library: apply brings the bond up"
apply_rc 0
check "bond0 is up" link_exists bond0
wait_for 10 "ping the peer through bond0" ping_ok 192.0.2.2
run_rc 0 bc down bond0
l3_end
