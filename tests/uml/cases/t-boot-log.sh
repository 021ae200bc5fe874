# desc: t. apply --boot takes a port that appears late at once and leaves out one that never comes while the other bonds come up; wait-online waits for carrier and IPv6 DAD, and stops at a failed DAD; stop spares the initramfs's bond; every change, rollback and refusal is one system log line naming the bond, a dry run none
# cost: 40
# shellcheck shell=bash

# The system log: busybox's syslogd on /dev/log, every record to a file
# (the journal's /dev/log socket in a real system: syslog(3) is the same).
SYSLOG=/tmp/syslog
busybox syslogd -n -O "$SYSLOG" &
SYSLOGD=$!
wait_for 5 "syslogd listens on /dev/log" test -S /dev/log
# syslog_since N: the bondcfg records after the first N lines, "MSG" only.
syslog_lines() { grep -c '' "$SYSLOG" 2>/dev/null || echo 0; }
syslog_since() {
	sed -n "$(($1 + 1)),\$p" "$SYSLOG" | sed -n 's/^.* bondcfg\[[0-9]*\]: //p'
}
# Every record names its bond first ("bond0: ..."); prints the others.
not_naming_a_bond() { grep -v '^bond[0-9]*: ' || true; }

topo_ports 3
peer_bridge 192.0.2.254/24 3
ip -n "$PEER" addr add 2001:db8::fe/64 dev br0 nodad

# ---------------------------------------------------------------------------
log "--- apply --boot: bp1 appears 2 s after bondcfg started"
ip link del bp1
cfg_init
cfg_bond bond0 "mode=active-backup miimon=100" IPADDR=192.0.2.1 PREFIX=24 ARPCHECK=no \
	IPV6ADDR=2001:db8::1/64
cfg_port bp0 bond0
cfg_port bp1 bond0
n0=$(syslog_lines)
(
	sleep 2
	ip link add bp1 type veth peer name pp1 netns "$PEER"
	ip -n "$PEER" link set pp1 master br0
	ip -n "$PEER" link set pp1 up
) &
late=$!
t0=${EPOCHREALTIME/./}
run_rc 0 bc apply --boot || fail "apply --boot failed"
ms=$(((${EPOCHREALTIME/./} - t0) / 1000))
wait "$late"
log "apply --boot took $ms ms"
assert_eq "bp1, late, is a port of bond0" "$(link_master bp1)" bond0
assert_eq "bp0 too" "$(link_master bp0)" bond0
if [ "$ms" -ge 1800 ] && [ "$ms" -lt 8000 ]; then
	pass "bp1 taken when it appeared (after $ms ms; the wait is 30 s)"
else
	fail "apply --boot took $ms ms: it did not wait, or did not notice bp1 at once"
fi
case $ERR in
*"waiting up to 30 s for bp1 (a port of bond0)"*) pass "it said it waits for bp1" ;;
*) fail "no 'waiting up to 30 s for bp1' on stderr" ;;
esac

log "--- syslog: the apply's records"
recs=$(syslog_since "$n0")
printf '%s\n' "$recs" | prefix '  syslog: ' /dev/stdin
case $recs in
*"bond0: create bond"*) pass "syslog: bond0's creation" ;;
*) fail "syslog: no 'bond0: create bond' record" ;;
esac
case $recs in
*"bond0: bp1: enslave to bond0"*) pass "syslog: bp1's enslaving, under bond0" ;;
*) fail "syslog: no 'bond0: bp1: enslave to bond0' record" ;;
esac
case $recs in
*"bond0: add address 192.0.2.1/24"*) pass "syslog: the address" ;;
*) fail "syslog: no address record" ;;
esac
other=$(printf '%s\n' "$recs" | not_naming_a_bond)
assert_eq "every record starts with the bond's name" "$other" ""

# ---------------------------------------------------------------------------
log "--- wait-online: carrier and IPv6 DAD (the address was just added)"
run_rc 0 bc wait-online --timeout=20 || fail "wait-online failed"
check "no tentative IPv6 address left when wait-online returned" no_tentative
case $OUT in
"online after "*" s: 1 bond") pass "wait-online says how long it took: $OUT" ;;
*) fail "wait-online's output: '$OUT'" ;;
esac

log "--- dry run: logs nothing"
cfg_bond bond0 "mode=active-backup miimon=200" IPADDR=192.0.2.1 PREFIX=24 ARPCHECK=no \
	IPV6ADDR=2001:db8::1/64
n1=$(syslog_lines)
run_rc 0 bc apply --dry-run
case $OUT in
*"set miimon"*) pass "the dry run has a change to show" ;;
*) fail "the dry run shows no change: the test proves nothing" ;;
esac
sleep 0.2
assert_eq "no syslog record for a dry run" "$(syslog_since "$n1")" ""

log "--- rollback: the failure and every undo step in the log"
n2=$(syslog_lines)
run_rc 3 env BONDCFG_TEST_FAIL_STEP=1 "$BONDCFG" --config-dir "$CFG" apply
recs=$(syslog_since "$n2")
printf '%s\n' "$recs" | prefix '  syslog: ' /dev/stdin
case $recs in
*"bond0: step 1 failed: "*) pass "syslog: the failed step" ;;
*) fail "syslog: no 'step 1 failed' record" ;;
esac
case $recs in
*"bond0: rolled back; the kernel is as it was before"*) pass "syslog: the rollback" ;;
*) fail "syslog: no rollback record" ;;
esac
assert_eq "rollback records name the bond" "$(printf '%s\n' "$recs" | not_naming_a_bond)" ""

log "--- refusal: an error in the files"
cfg_bond bond0 "mode=active-backup miimon=many" IPADDR=192.0.2.1 PREFIX=24
n3=$(syslog_lines)
run_rc 1 bc apply
recs=$(syslog_since "$n3")
printf '%s\n' "$recs" | prefix '  syslog: ' /dev/stdin
case $recs in
*"bond0: apply refused: $CFG/ifcfg-bond0:"*"miimon"*) pass "syslog: the refusal, with file, line and reason" ;;
*) fail "syslog: no 'bond0: apply refused: FILE:LINE: ...miimon' record" ;;
esac
run_rc 0 bc down bond0

# ---------------------------------------------------------------------------
log "--- apply --boot: a port that never comes, a bond with errors, a sound bond"
mkdir -p /etc
printf '[boot]\nport_timeout = 2\n' >/etc/bondcfg.conf
cfg_init
cfg_bond bond0 "mode=active-backup miimon=100" IPADDR=192.0.2.1 PREFIX=24 ARPCHECK=no
cfg_port bp0 bond0
cfg_port bp9 bond0
cfg_bond bond1 "mode=active-backup miimon=100" IPADDR=198.51.100.1 PREFIX=24 ARPCHECK=no
cfg_port bp2 bond1
# bp1 exists, but is not the NIC its HWADDR names (a replaced NIC):
# ifup-eth leaves such a device out ("has different MAC address than
# expected, ignoring") and brings the bond up with the others.
cfg_port bp1 bond1 HWADDR=02:00:00:00:00:99
cfg_bond bond2 "mode=sometimes"
n4=$(syslog_lines)
t0=${EPOCHREALTIME/./}
run_rc 1 bc apply --boot
ms=$(((${EPOCHREALTIME/./} - t0) / 1000))
assert_eq "bond0 came up with bp0" "$(link_master bp0)" bond0
assert_eq "bond1 came up with bp2" "$(link_master bp2)" bond1
assert_eq "bp1, whose HWADDR is another NIC's, was left out" "$(link_master bp1)" ""
check "bond2, whose files have an error, was not brought up" not link_exists bond2
if [ "$ms" -ge 1800 ] && [ "$ms" -lt 8000 ]; then
	pass "gave up on bp9 after port_timeout ($ms ms)"
else
	fail "apply --boot took $ms ms with port_timeout = 2"
fi
case $ERR in
*"bond0: port bp9 ($CFG/ifcfg-bp9) did not appear within 2 s: bond0 comes up without it"*)
	pass "stderr names the missing port and its file" ;;
*) fail "stderr does not name the missing port bp9" ;;
esac
case $ERR in
*"bond1: port bp1 ($CFG/ifcfg-bp1) is still not the NIC of HWADDR=02:00:00:00:00:99 after 2 s: bond1 comes up without it"*)
	pass "stderr says bp1 is not the NIC of its HWADDR" ;;
*) fail "stderr does not say why bp1 was left out" ;;
esac
recs=$(syslog_since "$n4")
printf '%s\n' "$recs" | prefix '  syslog: ' /dev/stdin
case $recs in
*"bond0: port bp9 "*"did not appear"*) pass "syslog: the missing port, under bond0" ;;
*) fail "syslog: no record of the missing port" ;;
esac
case $recs in
*"bond2: apply refused: $CFG/ifcfg-bond2:"*) pass "syslog: bond2's refusal" ;;
*) fail "syslog: no refusal record for bond2" ;;
esac
rm -f /etc/bondcfg.conf "$CFG/ifcfg-bp1"

log "--- a bond dropped from the files: NetworkManager may take its devices again"
# /etc/NetworkManager exists (the host's network-manager package), so
# bondcfg keeps NetworkManager off its devices with its conf.d file even
# though no NetworkManager runs here.
NMF=/run/NetworkManager/conf.d/90-bondcfg.conf
names() { grep -qE "interface-name:$1([;,[:space:]]|\$)" "$NMF"; }
check "$NMF names bond1 and bp2" names bp2
mkdir -p /tmp/dropped
mv "$CFG/ifcfg-bond1" "$CFG/ifcfg-bp2" "$CFG/ifcfg-bp9" "$CFG/ifcfg-bond2" /tmp/dropped/
n6=$(syslog_lines)
run_rc 0 bc apply
check "$NMF no longer names bond1" not names bond1
check "$NMF no longer names bp2" not names bp2
check "$NMF still names bond0 and bp0" names bp0
case $(syslog_since "$n6") in
*"bond1: not in the files any more: NetworkManager may take its devices again"*) pass "syslog: bond1's devices given back" ;;
*) fail "syslog: no record of bond1's devices given back" ;;
esac
mv /tmp/dropped/ifcfg-bond1 /tmp/dropped/ifcfg-bp2 "$CFG/"

log "--- wait-online: a bond without carrier times out, naming what is missing"
ip -n "$PEER" link set pp2 down
no_carrier() { [ "$(cat "/sys/class/net/$1/carrier")" = 0 ]; }
wait_for 5 "bond1 lost its carrier" no_carrier bond1
run_rc 1 bc wait-online --timeout=2 bond1
case $ERR in
*"bond1 has no carrier (timed out)"*) pass "wait-online names the missing carrier" ;;
*) fail "wait-online does not say bond1 has no carrier" ;;
esac
ip -n "$PEER" link set pp2 up

log "--- wait-online: a failed DAD ends the wait at once"
bond_cfg_v6() {
	cfg_bond bond1 "mode=active-backup miimon=100" IPADDR=198.51.100.1 PREFIX=24 ARPCHECK=no \
		IPV6ADDR=2001:db8::fe/64
}
bond_cfg_v6
run_rc 0 bc apply bond1
t0=${EPOCHREALTIME/./}
run_rc 1 bc wait-online --timeout=20 bond1
ms=$(((${EPOCHREALTIME/./} - t0) / 1000))
case $ERR in
*"2001:db8::fe/64 on bond1: duplicate address detection failed"*)
	pass "wait-online names the address another host has" ;;
*) fail "wait-online does not report the failed DAD" ;;
esac
if [ "$ms" -lt 10000 ]; then
	pass "it ended at the failure ($ms ms), not at the timeout"
else
	fail "wait-online took $ms ms: it waited for the timeout"
fi

# ---------------------------------------------------------------------------
log "--- stop: down for every bond, except the one the initramfs brought up"
mkdir -p /run/initramfs/bondcfg
echo bond1 >/run/initramfs/bondcfg/configured
n5=$(syslog_lines)
run_rc 0 bc stop
check "stop took bond0 down" not link_exists bond0
check "bond1, from the initramfs, stays" link_exists bond1
case $OUT in
*"bond1: brought up by the initramfs: stays up"*) pass "stop says why bond1 stays" ;;
*) fail "stop does not say why bond1 stays" ;;
esac
recs=$(syslog_since "$n5")
printf '%s\n' "$recs" | prefix '  syslog: ' /dev/stdin
case $recs in
*"bond0: delete bond0"* | *"bond0: "*"delete"*) pass "syslog: bond0's removal" ;;
*) fail "syslog: no record of bond0's removal" ;;
esac
rm -rf /run/initramfs
run_rc 0 bc down bond1

kill "$SYSLOGD" 2>/dev/null
case_end
