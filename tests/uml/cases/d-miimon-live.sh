# desc: d. change miimon on a live bond: only that attribute changes, ports stay enslaved with no port event
# cost: 17

topo_ports 2
peer_bridge 192.0.2.2/24
cfg_init
cfg_bond bond0 "mode=active-backup miimon=100" IPADDR=192.0.2.1 PREFIX=24
cfg_port bp0 bond0
cfg_port bp1 bond0
run_rc 0 bc apply || die "apply failed"
wait_for 5 "traffic flows" ping_ok 192.0.2.2
quiet
idx=$(link_ifindex bond0)
act=$(active_slave bond0)
state_dump /tmp/before
cfg_bond bond0 "mode=active-backup miimon=250" IPADDR=192.0.2.1 PREFIX=24
show_cfg
mon_start
run_rc 0 bc apply
mon_stop
state_dump /tmp/after
mon_show
assert_eq "miimon now" "$(sysfs bond0 miimon)" 250
assert_eq "same bond (ifindex)" "$(link_ifindex bond0)" "$idx"
assert_eq "ports still enslaved" "$(bond_slaves bond0)" "bp0 bp1"
assert_eq "active port unchanged" "$(active_slave bond0)" "$act"
if grep -q -e 'bp0' -e 'bp1' /tmp/mon.events; then
	fail "there were events on the ports"
else
	pass "no event on the ports"
fi
if grep -v -q "^[0-9]*: bond0:" /tmp/mon.events; then
	fail "events other than bond0's link change"
else
	pass "only bond0 link events ($MON_COUNT)"
fi
# Everything but miimon is byte-identical.
jq -S '.' /tmp/before >/dev/null 2>&1
norm() { sed 's/"miimon":[0-9]*/"miimon":X/g' "$1"; }
if cmp -s <(norm /tmp/before) <(norm /tmp/after); then
	pass "nothing but miimon changed in the kernel state"
else
	fail "more than miimon changed"
	diff <(norm /tmp/before | jq -S .) <(norm /tmp/after | jq -S .) | head -40
fi
wait_for 5 "traffic still flows" ping_ok 192.0.2.2
case_end
