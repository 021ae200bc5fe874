# desc: q. link and identity keys: ETHTOOL_OPTS/ETHTOOL_DELAY on a port and the bond, LINKDELAY, none of them on a no-op re-apply; HWADDR, SLAVE=no, ONBOOT, TYPE=Ethernet with BONDING_OPTS
# cost: 25
# shellcheck shell=bash source=tests/uml/l3-lib.sh
. "$UML_TOP/tests/uml/l3-lib.sh"

topo_ports 4
peer_bridge 192.0.2.2/24 2
ethtool_spy

key "ETHTOOL_OPTS on bp0 (with ETHTOOL_DELAY), bp1 (a refused -s) and bond0; LINKDELAY=2"
assert_eq "bp0 tx-checksumming before" "$(feature bp0 tx-checksumming)" on
cfg_init
cfg_bond bond0 "mode=active-backup miimon=100" IPADDR=192.0.2.1 PREFIX=24 ARPCHECK=no \
	LINKDELAY=2 'ETHTOOL_OPTS="-K bond0 gro off"'
cfg_port bp0 bond0 'ETHTOOL_OPTS="-K bp0 tx off"' ETHTOOL_DELAY=200000
cfg_port bp1 bond0 'ETHTOOL_OPTS="speed 100 duplex full"'
show_cfg
run_ms bc apply
assert_eq "apply exit" "$RC" 0
# ifup-eth, slave branch: enslave, then ethtool_set (network-functions):
# ETHTOOL_DELAY microseconds, then per ';' part `ethtool PART` if it
# starts with '-', else `ethtool -s DEV PART`.  Bonding branch: the bond up,
# ethtool_set, `sleep ${LINKDELAY}` before the addresses.
assert_eq "ethtool runs" "$(ethtool_calls)" \
	"-K bp0 tx off"$'\n'"-s bp1 speed 100 duplex full"$'\n'"-K bond0 gro off"
assert_eq "bp0 tx-checksumming" "$(feature bp0 tx-checksumming)" off
assert_eq "bond0 generic-receive-offload" "$(feature bond0 generic-receive-offload)" off
check "apply took LINKDELAY + ETHTOOL_DELAY at least ($ELAPSED_MS ms)" test "$ELAPSED_MS" -ge 2200
# ethtool_set's failure is not ifup's: a warning, bp1 stays a port
assert_eq "bp1 is a port all the same" "$(link_master bp1)" bond0
assert_in "the refused ethtool run is a warning" "$ERR" "ethtool"
l3_snap
check "the address after LINKDELAY" has_addr inet bond0 192.0.2.1/24

key "no-op re-apply: no ethtool run, no LINKDELAY wait, nothing changed"
quiet
: >/tmp/ethtool.calls
state_dump /tmp/before
run_ms bc apply
state_dump /tmp/after
assert_eq "apply exit" "$RC" 0
assert_in "up to date" "$OUT" "bond0: up to date"
assert_eq "no ethtool run" "$(ethtool_calls)" ""
check "no LINKDELAY wait ($ELAPSED_MS ms)" test "$ELAPSED_MS" -lt 1500
state_same "links, addresses, routes unchanged" /tmp/before /tmp/after
assert_eq "bp0 tx-checksumming still" "$(feature bp0 tx-checksumming)" off
bond_down bond0

key "HWADDR not bp0's MAC: refused, both MACs named, nothing changed"
mac0=$(link_mac bp0)
cfg_init
cfg_bond bond0 "mode=active-backup miimon=100" IPADDR=192.0.2.1 PREFIX=24 ARPCHECK=no
cfg_port bp0 bond0 HWADDR=02:00:00:00:00:99
cfg_port bp1 bond0
settle
state_dump /tmp/before
run_rc 1 bc apply
state_dump /tmp/after
# ifup-eth: "bail out, if the MAC does not fit": get_hwaddr DEV differs
# from HWADDR -> exit 1.  bondcfg refuses the whole bond before any change.
state_same "links, addresses, routes unchanged" /tmp/before /tmp/after
check "no bond0" not link_exists bond0
assert_in "the message names HWADDR" "$ERR" "02:00:00:00:00:99"
assert_in "and bp0's MAC" "$ERR" "$mac0"

key "HWADDR = bp0's MAC in upper case: accepted; SLAVE=no: bp1 is no port"
cfg_set bp0 "HWADDR=${mac0^^}"
cfg_set bp1 SLAVE=no
apply_rc 0
# source_config uppercases HWADDR, get_hwaddr the device's MAC: equal.
assert_eq "bp0 is a port" "$(link_master bp0)" bond0
# ifup-eth: only `is_true "${SLAVE}"` enslaves.
assert_eq "SLAVE=no: bp1 is not" "$(link_master bp1)" ""
assert_eq "bond0's ports (sysfs)" "$(bond_slaves bond0)" bp0
# ifup-eth's bonding branch runs `ifup` on every ifcfg file with
# MASTER=bond0, and for bp1 (SLAVE=no) ifup-eth takes the plain-device path
# (set_link_up bp1).  bondcfg configures bonds and their ports only: a
# device that is no port is another program's, and its warning says so.
assert_in "the SLAVE=no warning says bondcfg leaves bp1 alone" "$ERR" "bondcfg leaves the device alone"
assert_eq "SLAVE=no: bp1 untouched (down, as before)" "$(link_flag bp1 UP)" false
bond_down bond0

key "ONBOOT=y: apply with no names brings bond0 up; ONBOOT=no: bond1 only when named; TYPE=Ethernet + BONDING_OPTS is a bond"
cfg_init
cfg_bond bond0 "mode=active-backup miimon=100" IPADDR=192.0.2.1 PREFIX=24 ARPCHECK=no
cfg_set bond0 ONBOOT=y
cfg_port bp0 bond0
cfg_port bp1 bond0
printf '%s\n' DEVICE=bond1 TYPE=Ethernet 'BONDING_OPTS="mode=balance-rr miimon=100"' \
	ONBOOT=no BOOTPROTO=none IPADDR=198.51.100.1 PREFIX=24 ARPCHECK=no >"$CFG/ifcfg-bond1"
cfg_port bp2 bond1
cfg_port bp3 bond1
show_cfg
apply_rc 0
# the network service (etc/rc.d/init.d/network start): ifup every ifcfg
# unless `is_false "$ONBOOT"`; "y" is true.
assert_eq "ONBOOT=y: bond0 is up" "$(link_flag bond0 UP)" true
assert_eq "with its ports" "$(bond_slaves bond0)" "bp0 bp1"
check "ONBOOT=no: no bond1" not link_exists bond1
apply_rc 0 bond1
# network-functions is_available(): a missing device with BONDING_OPTS ->
# install_bonding_driver makes it a bond; ifup-eth: is_bonding_device ->
# the bonding branch enslaves bp2 and bp3.
assert_eq "bond1 is a bond" "$(ip -d -j link show dev bond1 | jq -r '.[0].linkinfo.info_kind')" bond
assert_eq "mode balance-rr" "$(sysfs bond1 mode)" "balance-rr 0"
assert_eq "its ports" "$(bond_slaves bond1)" "bp2 bp3"
check "its address" has_addr inet bond1 198.51.100.1/24
assert_eq "bond0 untouched" "$(bond_slaves bond0)" "bp0 bp1"
bond_down bond1
bond_down bond0
l3_end
