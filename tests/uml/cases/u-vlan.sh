# desc: u. a VLAN on the bond (ifcfg-bond0.100, VLAN=yes): tagged traffic to a VLAN-aware peer, failover under it, a live change of its flags and maps, a second VLAN added without disturbing the first, a no-op re-apply with no event, every step failure-injected with the state identical after rollback, down refused while a VLAN is configured above the bond, down --stack, down of one VLAN, a refused apply that changes nothing, an 802.1ad VLAN with its own MAC
# cost: 60
# shellcheck shell=bash source=tests/uml/l3-lib.sh
. "$UML_TOP/tests/uml/l3-lib.sh"
trap l3_cleanup EXIT

# The peer: br0 (no VLAN filtering) carries the tagged frames between its
# ports and its own VLAN device br0.100 (198.51.100.2), which only tagged
# traffic reaches; br0 itself has 192.0.2.2 untagged.
topo_ports 2
peer_bridge 192.0.2.2/24
modprobe 8021q 2>/dev/null
ip -n "$PEER" link add link br0 name br0.100 type vlan id 100 || die "peer VLAN"
ip -n "$PEER" addr add 198.51.100.2/24 dev br0.100
ip -n "$PEER" link set br0.100 up

cfg_init
cfg_bond bond0 "mode=active-backup miimon=100" IPADDR=192.0.2.1 PREFIX=24 ARPCHECK=no
cfg_port bp0 bond0
cfg_port bp1 bond0
# ifup's VLAN block: DEVICE=bond0.100 with VLAN=yes (the id and the parent
# from the name).
vlan_file() { # NAME KEY=VALUE...
	local name=$1 kv
	shift
	{
		echo "DEVICE=$name"
		echo "VLAN=yes"
		echo "ONBOOT=yes"
		echo "BOOTPROTO=none"
		for kv in "$@"; do echo "$kv"; done
	} >"$CFG/ifcfg-$name"
}
vlan_file bond0.100 IPADDR=198.51.100.1 PREFIX=24 ARPCHECK=no
show_cfg

vlan_id() { ip -d -j link show dev "$1" | jq -r '.[0].linkinfo.info_data.id // empty'; }
vlan_parent() { ip -j link show dev "$1" | jq -r '.[0].link // empty'; }
vlan_flags() { ip -d -j link show dev "$1" | jq -c '.[0].linkinfo.info_data.flags // []'; }

key "apply: bond0, then bond0.100 on it, up, with its address; tagged traffic reaches the peer's VLAN"
run_rc 0 bc apply --dry-run
assert_in "the dry run shows the VLAN" "$OUT" "bond0.100: create vlan on bond0 (id 100"
check "the dry run created nothing" not link_exists bond0.100
apply_rc 0 || die "apply failed"
assert_eq "bond0.100 is VLAN 100" "$(vlan_id bond0.100)" 100
assert_eq "on bond0" "$(vlan_parent bond0.100)" bond0
check "bond0.100 is up" eq "$(link_flag bond0.100 UP)" true
check "198.51.100.1/24 on bond0.100" has_addr inet bond0.100 198.51.100.1/24
check "no VLAN address on bond0" lacks_addr inet bond0 198.51.100.1/24
check "192.0.2.1/24 on bond0" has_addr inet bond0 192.0.2.1/24
wait_for 10 "ping 198.51.100.2 (the peer's VLAN 100) through bond0.100" ping_ok 198.51.100.2
wait_for 5 "ping 192.0.2.2 (untagged) through bond0" ping_ok 192.0.2.2

key "failover under the VLAN: traffic still flows"
act=$(active_slave bond0)
ip -n "$PEER" link set "pp${act#bp}" down
moved_from() { [ "$(active_slave bond0)" != "$1" ]; }
wait_for 5 "bond0 fails over from $act" moved_from "$act"
wait_for 10 "ping 198.51.100.2 through the other port" ping_ok 198.51.100.2
ip -n "$PEER" link set "pp${act#bp}" up

key "no-op re-apply: up to date, no link or address event"
settle
mon_start
run_rc 0 bc apply
mon_stop
assert_eq "link and address events" "$MON_COUNT" 0
[ "$MON_COUNT" = 0 ] || mon_show
assert_in "bond0 up to date" "$OUT" "bond0: up to date"

key "live change: GVRP and an egress map on bond0.100, the same link (ifindex), no event on bond0"
idx=$(link_ifindex bond0.100)
vlan_file bond0.100 IPADDR=198.51.100.1 PREFIX=24 ARPCHECK=no GVRP=yes VLAN_EGRESS_PRIORITY_MAP=2:5
mon_start
apply_rc 0
mon_stop
assert_in "the plan changes the VLAN in place" "$OUT" "bond0.100: set gvrp off -> on"
assert_eq "same link" "$(link_ifindex bond0.100)" "$idx"
check "gvrp on" contains "$(vlan_flags bond0.100)" GVRP
ip -d -j link show dev bond0.100 | jq -c '.[0].linkinfo.info_data' | prefix '  info_data: ' /dev/stdin
assert_eq "egress map" "$(ip -d -j link show dev bond0.100 | jq -c '.[0].linkinfo.info_data.egress_qos')" '[{"from":2,"to":5}]'
check "no event on bond0" not grep -q ' bond0[: ]' /tmp/mon.events

key "a second VLAN: bond0.200 added, bond0.100 untouched"
vlan_file bond0.200 IPADDR=203.0.113.1 PREFIX=24 ARPCHECK=no
ip -n "$PEER" link add link br0 name br0.200 type vlan id 200
ip -n "$PEER" addr add 203.0.113.2/24 dev br0.200
ip -n "$PEER" link set br0.200 up
settle
mon_start
apply_rc 0
mon_stop
check "no event on bond0.100" not grep -q 'bond0.100' /tmp/mon.events
assert_eq "bond0.100 is the same link" "$(link_ifindex bond0.100)" "$idx"
wait_for 10 "ping 203.0.113.2 through bond0.200" ping_ok 203.0.113.2

key "status: the VLANs under their bond, in sync; a VLAN deleted by hand is drift"
run_rc 0 bc status bond0
assert_in "status shows bond0.100 under bond0" "$OUT" "vlan bond0.100 (id 100 on bond0): up, 198.51.100.1/24"
assert_in "and bond0.200" "$OUT" "vlan bond0.200 (id 200 on bond0): up, 203.0.113.1/24"
assert_in "in sync" "$OUT" "in sync with the configuration"
run_rc 0 bc --json status bond0
assert_eq "status --json: the stack" "$(jq -c '[.bonds[0].stack[] | [.name, .id, .up]]' <<<"$OUT")" '[["bond0.100",100,true],["bond0.200",200,true]]'
ip link del bond0.200
run_rc 4 bc status bond0
assert_in "drift: bond0.200 to create" "$OUT" "drift: bond0.200: create vlan on bond0"
apply_rc 0

key "a VLAN dropped from the files: bond0.200 deleted, bond0.100 untouched"
quiet
mv "$CFG/ifcfg-bond0.200" /tmp/ifcfg-bond0.200
mon_start
apply_rc 0
mon_stop
assert_in "the plan deletes it" "$OUT" "bond0.200: delete vlan 200 on bond0 (no longer in the files)"
check "bond0.200 is gone" not link_exists bond0.200
assert_eq "bond0.100 is the same link" "$(link_ifindex bond0.100)" "$idx"
check "no event on bond0.100" not grep -q 'bond0.100' /tmp/mon.events
run_rc 0 bc apply
assert_in "then up to date" "$OUT" "bond0: up to date"

key "every step of creating the stack fails in turn: the state is as before, byte for byte"
run_rc 0 bc down --stack bond0
fail_each_step 6

key "down: refused while a VLAN is configured above the bond, nothing changed; down --stack takes all"
apply_rc 0
quiet
state_dump_stable /tmp/u.up
run_rc 1 bc down bond0
assert_in "the refusal names bond0.100" "$ERR" bond0.100
assert_in "and says how" "$ERR" "--stack"
state_dump_stable /tmp/u.up2
state_same_stable "nothing changed" /tmp/u.up /tmp/u.up2
run_rc 0 bc down --stack bond0
check "bond0.100 is gone" not link_exists bond0.100
check "bond0.200 is gone" not link_exists bond0.200
check "bond0 is gone" not link_exists bond0

key "down bond0.100 (ifdown-Vlan): only that VLAN goes; the bond, its address, bond0.200 and its traffic stay; apply brings it back"
mv /tmp/ifcfg-bond0.200 "$CFG/ifcfg-bond0.200"
apply_rc 0
idx0=$(link_ifindex bond0)
idx200=$(link_ifindex bond0.200)
run_rc 0 bc down bond0.100
assert_in "the plan deletes only the VLAN" "$OUT" "bond0.100: delete vlan 100 on bond0"
check "bond0.100 is gone" not link_exists bond0.100
assert_eq "bond0 is the same link" "$(link_ifindex bond0)" "$idx0"
assert_eq "bond0.200 is the same link" "$(link_ifindex bond0.200)" "$idx200"
check "192.0.2.1/24 stays on bond0" has_addr inet bond0 192.0.2.1/24
wait_for 10 "ping 203.0.113.2 through bond0.200" ping_ok 203.0.113.2
run_rc 4 bc status bond0
assert_in "status: bond0.100 to create" "$OUT" "drift: bond0.100: create vlan on bond0"
run_rc 0 bc down bond0.100
assert_in "a second down: not present" "$OUT" "bond0.100: not present"
apply_rc 0
check "bond0.100 is back" link_exists bond0.100
wait_for 10 "ping 198.51.100.2 through bond0.100" ping_ok 198.51.100.2

key "a refused apply over the stack (VLAN_ID=5000 in bond0.100's file): exit 1, the error names the file and line, nothing changes"
quiet
state_dump_stable /tmp/u.r1
echo "VLAN_ID=5000" >>"$CFG/ifcfg-bond0.100"
line=$(wc -l <"$CFG/ifcfg-bond0.100")
run_rc 1 bc apply
assert_in "the error names the file and the line" "$ERR" "ifcfg-bond0.100:$line: error:"
state_dump_stable /tmp/u.r2
state_same_stable "nothing changed" /tmp/u.r1 /tmp/u.r2
sed -i '/^VLAN_ID=5000$/d' "$CFG/ifcfg-bond0.100"
run_rc 0 bc apply
assert_in "then up to date" "$OUT" "bond0: up to date"

key "VLAN_PROTOCOL=802.1ad and MACADDR (make_vlan_setting(), ifup-eth): bond0.300 is a service VLAN with its own MAC; dropped again"
vlan_file bond0.300 VLAN_PROTOCOL=802.1ad MACADDR=02:00:00:00:03:00
apply_rc 0
vlan_proto() { ip -d -j link show dev "$1" | jq -r '.[0].linkinfo.info_data.protocol // empty'; }
assert_eq "bond0.300's protocol" "$(vlan_proto bond0.300)" 802.1ad
assert_eq "bond0.300's MAC" "$(link_mac bond0.300)" 02:00:00:00:03:00
assert_eq "bond0.100 stays 802.1Q" "$(vlan_proto bond0.100)" 802.1Q
run_rc 0 bc apply
assert_in "then up to date" "$OUT" "bond0: up to date"
rm "$CFG/ifcfg-bond0.300"
apply_rc 0
check "bond0.300 is gone" not link_exists bond0.300

key "down bond0 once its VLANs are gone by hand: nothing above it exists, so no refusal"
ip link del bond0.100
ip link del bond0.200
run_rc 0 bc down bond0
check "bond0 is gone" not link_exists bond0
l3_end
