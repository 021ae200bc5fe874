# desc: v. a bridge on the bond (BRIDGE=br0, TYPE=Bridge) and a bridge on a VLAN on the bond: traffic through them and from a second, foreign bridge port (a libvirt-like tap); the bond has no address, the bridge has; a no-op re-apply with no event; a live option change; every step failure-injected with the state identical after rollback; the foreign tap survives apply, down of one link and down --stack; BRIDGE_MACADDR, PRIO and AGEING
# cost: 70
# shellcheck shell=bash source=tests/uml/l3-lib.sh
. "$UML_TOP/tests/uml/l3-lib.sh"
trap l3_cleanup EXIT

# The peer: br0 with 192.0.2.2 untagged and br0.100 with 198.51.100.2 on
# VLAN 100.  A "guest" namespace with 192.0.2.50 hangs off a tap-like
# veth (vnet0) that is put in our bridge by hand, as libvirt does.
topo_ports 2
peer_bridge 192.0.2.2/24
modprobe 8021q 2>/dev/null
ip -n "$PEER" link add link br0 name br0.100 type vlan id 100 || die "peer VLAN"
ip -n "$PEER" addr add 198.51.100.2/24 dev br0.100
ip -n "$PEER" link set br0.100 up
ip netns add guest
ip link add vnet0 type veth peer name eth0 netns guest
ip -n guest addr add 192.0.2.50/24 dev eth0
ip -n guest link set eth0 up
ip -n guest link set lo up

cfg_init
# ifup-eth: a bond with BRIDGE= joins the bridge and keeps no address.
cfg_bond bond0 "mode=active-backup miimon=100" BRIDGE=br0
cfg_port bp0 bond0
cfg_port bp1 bond0
cat >"$CFG/ifcfg-br0" <<EOF
DEVICE=br0
TYPE=Bridge
ONBOOT=yes
BOOTPROTO=none
STP=no
DELAY=0
IPADDR=192.0.2.1
PREFIX=24
ARPCHECK=no
EOF
show_cfg

br_opt() { ip -d -j link show dev "$1" | jq -r ".[0].linkinfo.info_data.$2"; }

key "apply: br0 made, bond0 in it without an address, the address on br0; traffic to the peer and from the guest"
run_rc 0 bc apply --dry-run
assert_in "the dry run shows the bridge" "$OUT" "br0: create bridge"
check "the dry run made nothing" not link_exists br0
apply_rc 0 || die "apply failed"
assert_eq "br0 is a bridge" "$(ip -d -j link show dev br0 | jq -r '.[0].linkinfo.info_kind')" bridge
assert_eq "bond0's master" "$(link_master bond0)" br0
assert_eq "STP off (STP=no)" "$(br_opt br0 stp_state)" 0
check "192.0.2.1/24 on br0" has_addr inet br0 192.0.2.1/24
assert_eq "no IPv4 address on bond0" "$(addrs inet bond0)" ""
wait_for 10 "ping 192.0.2.2 through br0 and bond0" ping_ok 192.0.2.2
ip link set vnet0 master br0 || die "vnet0 master br0"
ip link set vnet0 up
wait_for 10 "the guest (second bridge port) reaches the peer across the bond" \
	ip netns exec guest ping -c 1 -W 1 192.0.2.2

key "no-op re-apply with the foreign port in the bridge: up to date, no event, vnet0 stays"
settle
mon_start
run_rc 0 bc apply
mon_stop
assert_eq "link and address events" "$MON_COUNT" 0
[ "$MON_COUNT" = 0 ] || mon_show
assert_eq "vnet0 still in br0" "$(link_master vnet0)" br0
run_rc 0 bc status bond0
assert_in "status: br0 with its ports, vnet0 marked foreign" "$OUT" "vnet0 (not managed by bondcfg)"

key "a live option change: BRIDGING_OPTS hello_time=3, the same bridge"
idx=$(link_ifindex br0)
echo 'BRIDGING_OPTS="hello_time=3"' >>"$CFG/ifcfg-br0"
apply_rc 0
assert_in "the plan changes the option" "$OUT" "br0: set hello_time"
assert_eq "hello_time (centiseconds)" "$(br_opt br0 hello_time)" 300
assert_eq "same bridge" "$(link_ifindex br0)" "$idx"
assert_eq "vnet0 still in br0" "$(link_master vnet0)" br0

key "a bridge on a VLAN on the bond: bond0.100 in br100, which has the address"
cat >"$CFG/ifcfg-bond0.100" <<EOF
DEVICE=bond0.100
VLAN=yes
ONBOOT=yes
BOOTPROTO=none
BRIDGE=br100
EOF
cat >"$CFG/ifcfg-br100" <<EOF
DEVICE=br100
TYPE=Bridge
ONBOOT=yes
BOOTPROTO=none
STP=no
DELAY=0
IPADDR=198.51.100.1
PREFIX=24
ARPCHECK=no
EOF
apply_rc 0
assert_eq "bond0.100's master" "$(link_master bond0.100)" br100
check "198.51.100.1/24 on br100" has_addr inet br100 198.51.100.1/24
wait_for 10 "ping 198.51.100.2 (the peer's VLAN 100) through br100, bond0.100, bond0" ping_ok 198.51.100.2

key "the bridge on the VLAN dropped from the files: br100 and bond0.100 deleted, br0 and vnet0 untouched"
mv "$CFG/ifcfg-br100" "$CFG/ifcfg-bond0.100" /tmp/
apply_rc 0
check "br100 is gone" not link_exists br100
check "bond0.100 is gone" not link_exists bond0.100
assert_eq "bond0 still in br0" "$(link_master bond0)" br0
assert_eq "vnet0 still in br0" "$(link_master vnet0)" br0
mv /tmp/ifcfg-br100 /tmp/ifcfg-bond0.100 "$CFG/"
apply_rc 0
wait_for 10 "back: ping 198.51.100.2 through br100" ping_ok 198.51.100.2

key "down bond0.100 (ifdown-Vlan of a bridge port): the VLAN goes, and br100 it alone held up; bond0, br0 and vnet0 stay"
idx0=$(link_ifindex bond0)
run_rc 0 bc down bond0.100
check "bond0.100 is gone" not link_exists bond0.100
check "br100 is gone" not link_exists br100
assert_eq "bond0 is the same link" "$(link_ifindex bond0)" "$idx0"
assert_eq "bond0 still in br0" "$(link_master bond0)" br0
assert_eq "vnet0 still in br0" "$(link_master vnet0)" br0
apply_rc 0
wait_for 10 "apply brings them back: ping 198.51.100.2 through br100" ping_ok 198.51.100.2

key "down br0 with a foreign port in it: bond0 leaves it, br0 and vnet0 stay; apply joins it again"
run_rc 0 bc down br0
assert_in "the plan: bond0 leaves br0" "$OUT" "bond0: leave bridge br0"
check "br0 stays: vnet0 is in it" link_exists br0
assert_eq "vnet0 still in br0" "$(link_master vnet0)" br0
check "bond0 is in no bridge" eq "$(link_master bond0)" ""
check "br100 untouched" link_exists br100
apply_rc 0
assert_eq "bond0 in br0 again" "$(link_master bond0)" br0
wait_for 10 "ping the peer through br0 again" ping_ok 192.0.2.2

key "BRIDGE_MACADDR (bridge.mac-address), PRIO and AGEING (ifup-eth: ip link ... priority, ageing_time): br0 takes them in place, the same bridge, vnet0 still in it"
idx=$(link_ifindex br0)
printf '%s\n' BRIDGE_MACADDR=02:00:00:00:0b:00 PRIO=4096 AGEING=12345 >>"$CFG/ifcfg-br0"
apply_rc 0
assert_in "the plan sets the MAC" "$OUT" "br0: set mac"
assert_eq "br0's MAC" "$(link_mac br0)" 02:00:00:00:0b:00
br_attr() { ip -d -j link show dev br0 | jq -r ".[0].linkinfo.info_data.$1"; }
assert_eq "br0's priority (PRIO)" "$(br_attr priority)" 4096
assert_eq "br0's ageing_time (AGEING, hundredths of a second)" "$(br_attr ageing_time)" 12345
assert_eq "the same bridge" "$(link_ifindex br0)" "$idx"
assert_eq "vnet0 still in br0" "$(link_master vnet0)" br0
run_rc 0 bc apply
assert_in "then up to date" "$OUT" "bond0: up to date"
sed -i '/^BRIDGE_MACADDR=/d; /^PRIO=/d; /^AGEING=/d' "$CFG/ifcfg-br0"

key "down refused while the stack is configured; down --stack: br100 goes, br0 stays for vnet0"
run_rc 1 bc down bond0
assert_in "the refusal names the stack" "$ERR" br0
run_rc 0 bc down --stack bond0
check "bond0 is gone" not link_exists bond0
check "br100 (only the stack in it) is gone" not link_exists br100
check "br0 stays: vnet0 is in it" link_exists br0
assert_eq "vnet0 still in br0" "$(link_master vnet0)" br0
ip link set vnet0 nomaster
ip link del br0

key "every step of building the whole stack fails in turn: the state is as before"
fail_each_step 10
run_rc 0 bc down --stack bond0
ip netns del guest
l3_end
