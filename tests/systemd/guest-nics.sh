#!/bin/bash
# TEST-ONLY: the "NICs" of a systemd boot in UML, from the test units, with
# the conventions of tests/uml/guest-lib.sh (topo_ports, peer_bridge):
#   now   (bondcfg-test-nics.service) netns "peer" with bridge br0 (STP
#         off, SD_PEER_ADDR, default 192.0.2.2/24), and SD_NICS veth pairs:
#         bp0..bpN-1 here, down as a NIC before ifup; pp0..ppN-1 in "peer",
#         on br0 and up
#   late  (bondcfg-test-late.service) SD_LATE_DELAY seconds after
#         bondcfg.service started, the pair SD_LATE_PORT / its pp
#         peer on br0; when it appeared goes to /run/bondcfg-test/late
#         (CLOCK_REALTIME, microseconds)
# A fork costs ~80 ms in UML: one ip -batch per namespace.
set -u
PEER=peer
mkdir -p /run/bondcfg-test
die() {
	echo "guest-nics: $*" >&2
	exit 1
}

case ${1:-} in
now)
	n=${SD_NICS:-2}
	modprobe -a veth bridge || die "modprobe veth bridge"
	ip netns add "$PEER" || die "ip netns add $PEER"
	here='' there="link add br0 type bridge stp_state 0 forward_delay 0"$'\n'
	for ((i = 0; i < n; i++)); do
		here+="link add bp$i type veth peer name pp$i netns $PEER"$'\n'
		there+="link set pp$i master br0"$'\n'"link set pp$i up"$'\n'
	done
	there+="addr add ${SD_PEER_ADDR:-192.0.2.2/24} dev br0"$'\n'"link set br0 up"$'\n'"link set lo up"$'\n'
	ip -batch - <<<"$here" || die "creating the veth pairs"
	ip -n "$PEER" -batch - <<<"$there" || die "the peer's bridge"
	ip -br link show
	;;
late)
	port=${SD_LATE_PORT:?}
	delay=${SD_LATE_DELAY:-5}
	start=${EPOCHREALTIME/./}
	echo "late: $port in ${delay}s"
	modprobe veth || die "modprobe veth"
	# (bondcfg-test-nics.service made the bridge before this unit started:
	# After= in bondcfg-test-late.service.)  The delay counts from
	# bondcfg.service's start, which comes a second or two after this
	# unit's (it also waits for udev, sysctl and local-fs).
	for ((i = 0; i < 600; i++)); do
		[ "$(systemctl show -P ActiveState bondcfg.service)" = activating ] && break
		sleep 0.1
	done
	echo "late: bondcfg.service is $(systemctl show -P ActiveState bondcfg.service) after $(((${EPOCHREALTIME/./} - start) / 1000)) ms"
	sleep "$delay"
	ip link add "$port" type veth peer name "pp${port#bp}" netns "$PEER" || die "late veth $port"
	t=${EPOCHREALTIME/./}
	ip -n "$PEER" link set "pp${port#bp}" master br0 up || die "late peer pp${port#bp}"
	echo "$t" >/run/bondcfg-test/late
	echo "late: $port created $(((t - start) / 1000)) ms after this unit started"
	;;
*)
	die "usage: guest-nics.sh now|late"
	;;
esac
