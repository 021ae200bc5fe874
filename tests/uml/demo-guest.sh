#!/bin/bash
# Inside UML, for `make demo` (tests/uml/demo.sh).  Writes only to /tmp,
# /run and $UML_RESULTS.
set -u
. "$UML_TOP/tests/uml/guest-lib.sh"
D=/tmp/network-scripts
CFG=$D

step() { printf '\n==> %s\n' "$*"; }
# show CMD...: echo and run a command the user would type
show() {
	local w line=
	for w in "$@"; do
		case $w in
		*[!A-Za-z0-9_./:=+-]*) w="'$w'" ;;
		esac
		line="$line${line:+ }$w"
	done
	printf '\n$ %s\n' "$line"
	"$@" 2>&1
	local rc=$?
	printf '[exit %s]\n' "$rc"
	return "$rc"
}
bondcfg() { timeout 60 "$BONDCFG" "$@"; }
failed=0
must() { "$@" || failed=1; }

modprobe bonding max_bonds=0
modprobe veth
modprobe bridge

step "The network: eth0 and eth1 are cables to a switch (veth pairs; the switch is a bridge in namespace 'switch' holding 192.0.2.254)"
ip netns add switch
ip -n switch link set lo up
ip -n switch link add sw type bridge stp_state 0 forward_delay 0
for p in eth0 eth1; do
	ip link add "$p" type veth peer name "sw-$p" netns switch
	ip -n switch link set "sw-$p" master sw
	ip -n switch link set "sw-$p" up
done
ip -n switch addr add 192.0.2.254/24 dev sw
ip -n switch addr add 2001:db8::fe/64 dev sw nodad
ip -n switch link set sw up
ip -br link show

step "The ifcfg files (examples/active-backup, copied to $D)"
mkdir -p "$D"
cp "$UML_TOP"/examples/active-backup/ifcfg-* "$D/"
for f in "$D"/ifcfg-*; do
	printf -- '--- %s\n' "${f##*/}"
	grep -v '^#' "$f"
done

step "Check the files and the NICs"
must show bondcfg --config-dir "$D" check

step "What apply would do"
must show bondcfg --config-dir "$D" apply --dry-run

step "Apply"
must show bondcfg --config-dir "$D" apply
for i in $(seq 50); do
	[ "$(cat /sys/class/net/bond0/carrier 2>/dev/null)" = 1 ] && break
	sleep 0.1
done
show ip -br addr show dev bond0
show ip route show default

step "Status"
must show bondcfg --config-dir "$D" status
must show ping -c 3 -i 0.3 -W 2 192.0.2.254

act=$(cat /sys/class/net/bond0/bonding/active_slave 2>/dev/null)
act=${act:-eth0}
step "Fail the active port: the switch side of $act loses its link"
show ip -n switch link set "sw-$act" down
for i in $(seq 50); do
	now=$(cat /sys/class/net/bond0/bonding/active_slave 2>/dev/null)
	[ -n "$now" ] && [ "$now" != "$act" ] && break
	sleep 0.1
done
show grep -E 'Currently Active|Slave Interface|MII Status' /proc/net/bonding/bond0
show bondcfg --config-dir "$D" status
[ "$now" != "$act" ] || { echo "!! the bond did not fail over"; failed=1; }
must show ping -c 3 -i 0.3 -W 2 192.0.2.254

step "Take the bond down again"
must show bondcfg --config-dir "$D" down bond0
show ip -br link show
exit $failed
