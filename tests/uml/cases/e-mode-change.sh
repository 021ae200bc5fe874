# desc: e. change the mode: ports are released and re-enslaved, final state matches the config
# cost: 33

topo_ports 2
peer_bridge 192.0.2.2/24
cfg_init
cfg_bond bond0 "mode=active-backup miimon=100" IPADDR=192.0.2.1 PREFIX=24
cfg_port bp0 bond0
cfg_port bp1 bond0
run_rc 0 bc apply || die "apply failed"
wait_for 5 "traffic flows (active-backup)" ping_ok 192.0.2.2
quiet
for m in balance-xor 802.3ad balance-alb active-backup; do
	log "=== mode -> $m"
	cfg_bond bond0 "mode=$m miimon=100" IPADDR=192.0.2.1 PREFIX=24
	mon_start
	run_rc 0 bc apply
	mon_stop
	mon_show
	assert_eq "$m: mode" "$(sysfs bond0 mode | cut -d' ' -f1)" "$m"
	assert_eq "$m: ports" "$(bond_slaves bond0)" "bp0 bp1"
	assert_eq "$m: miimon" "$(sysfs bond0 miimon)" 100
	assert_eq "$m: address" \
		"$(ip -j addr show dev bond0 | jq -r '[.[0].addr_info[] | select(.family == "inet") | "\(.local)/\(.prefixlen)"] | join(",")')" \
		192.0.2.1/24
	assert_eq "$m: bond0 up" "$(ip -j link show dev bond0 | jq -r '.[0].flags | index("UP") != null')" true
	for p in bp0 bp1; do
		grep -q "^[0-9]*: ${p}[@:]" /tmp/mon.events && pass "$m: $p saw link events (released, re-enslaved)" ||
			fail "$m: no event on $p: was it really released and re-enslaved?"
	done
	run_rc 0 bc status bond0
	# 802.3ad against a bridge: no partner, so no traffic expected there.
	[ "$m" = 802.3ad ] || wait_for 5 "$m: traffic flows" ping_ok 192.0.2.2
done
case_end
