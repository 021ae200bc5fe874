# desc: p. ARPCHECK as ifup-eth's arping -D: an address the peer answers for is refused (exit 3, rolled back, address and MAC named); ARPCHECKn=no adds it; ARPING_WAIT shortens the probe
# cost: 20
# shellcheck shell=bash source=tests/uml/l3-lib.sh
. "$UML_TOP/tests/uml/l3-lib.sh"

topo_ports 2
peer_bridge 192.0.2.2/24
# the peer has 192.0.2.50 too: it answers ARP probes for it from br0
ip -n "$PEER" addr add 192.0.2.50/24 dev br0
PEER_MAC=$(ip -n "$PEER" -j link show br0 | jq -r '.[0].address')
log "the peer's MAC: $PEER_MAC"

key "ARPCHECK unset, new bond: 192.0.2.50 in use: exit 3, nothing left"
cfg_init
cfg_bond bond0 "mode=active-backup miimon=100" IPADDR=192.0.2.50 PREFIX=24
cfg_port bp0 bond0
cfg_port bp1 bond0
settle
state_dump /tmp/before
run_rc 3 bc apply
state_dump /tmp/after
# ifup-eth: `arping -c 2 -w ${ARPING_WAIT:-3} -D -I DEV ADDR` unless
# is_false arpcheck[i]; a reply: "some other host ($ARPINGMAC) already uses
# address ..." and exit 1, the address not added.  bondcfg rolls the whole
# apply back (exit 3).
state_same "rolled back: links, addresses, routes as before" /tmp/before /tmp/after
check "no bond0" not link_exists bond0
assert_in "the message names the address" "$ERR" "192.0.2.50"
assert_in "and the peer's MAC" "$ERR" "$PEER_MAC"

key "ARPCHECK1 unset, bond up with 192.0.2.1: IPADDR1=192.0.2.50 in use: exit 3, rolled back"
cfg_set bond0 IPADDR=192.0.2.1 ARPCHECK=no
apply_rc 0 || die "apply failed"
wait_for 5 "ping 192.0.2.2 through bond0" ping_ok 192.0.2.2
cfg_set bond0 IPADDR1=192.0.2.50 PREFIX1=24
settle
state_dump /tmp/before
apply_rc 3
state_dump /tmp/after
state_same "rolled back: links, addresses, routes as before" /tmp/before /tmp/after
check "192.0.2.50 is not on bond0" lacks_addr inet bond0 192.0.2.50/24
check "192.0.2.1 still is" has_addr inet bond0 192.0.2.1/24
assert_in "the message names the address" "$ERR" "192.0.2.50"
assert_in "and the peer's MAC" "$ERR" "$PEER_MAC"

key "ARPCHECK1=no: 192.0.2.50 is added though the peer has it"
cfg_set bond0 ARPCHECK1=no
apply_rc 0
# ifup-eth: `! is_false "${arpcheck[$idx]}"`: no arping for IPADDR1
# (expand_config() takes arpcheck[i] from ARPCHECKn of the same n).
check "192.0.2.50 is on bond0" has_addr inet bond0 192.0.2.50/24

key "ARPING_WAIT=1: the probe of a free address takes 1 s, not 2"
cfg_set bond0 IPADDR2=192.0.2.60 PREFIX2=24
run_ms bc apply
t_default=$ELAPSED_MS
l3_snap
assert_eq "apply exit" "$RC" 0
check "192.0.2.60 is added (nobody answered)" has_addr inet bond0 192.0.2.60/24
cfg_set bond0 IPADDR2=192.0.2.61 ARPING_WAIT=1
run_ms bc apply
t_wait1=$ELAPSED_MS
l3_snap
assert_eq "apply exit" "$RC" 0
check "192.0.2.61 is added" has_addr inet bond0 192.0.2.61/24
# ifup-eth: `arping -c 2 -w ${ARPING_WAIT:-3}`: two probes a second apart,
# so about 2 s unless ARPING_WAIT is shorter.
log "apply with the default wait: $t_default ms; with ARPING_WAIT=1: $t_wait1 ms"
check "the default probe takes 2 s ($t_default ms)" test "$t_default" -ge 1900
check "ARPING_WAIT=1: 1 s ($t_wait1 ms)" test "$t_wait1" -ge 900 -a "$t_wait1" -le $((t_default - 500))
bond_down bond0
l3_end
