# desc: b. 802.3ad lacp_rate=fast against an 802.3ad peer: one aggregator, partner MAC known, status reports it, traffic flows
# cost: 10

topo_ports 2
peer_bond 198.51.100.2/24 2 mode 802.3ad lacp_rate fast miimon 100
cfg_init
cfg_bond bond0 "mode=802.3ad lacp_rate=fast miimon=100 xmit_hash_policy=layer3+4" IPADDR=198.51.100.1 PREFIX=24
cfg_port bp0 bond0
cfg_port bp1 bond0
show_cfg
run_rc 0 bc apply || die "apply failed"

assert_eq "mode" "$(sysfs bond0 mode)" "802.3ad 4"
assert_eq "lacp_rate" "$(sysfs bond0 lacp_rate)" "fast 1"
assert_eq "xmit_hash_policy" "$(sysfs bond0 xmit_hash_policy)" "layer3+4 1"
assert_eq "ports" "$(bond_slaves bond0)" "bp0 bp1"
if ! wait_for 30 "LACP converged: both ports in one aggregator with a known partner" lacp_ok bond0 2; then
	cat /proc/net/bonding/bond0
	ip netns exec "$PEER" cat /proc/net/bonding/pbond
fi
pmac=$(ip -n "$PEER" -j link show dev pbond | jq -r '.[0].address')
agg_partner=$(sysfs bond0 ad_partner_mac)
assert_eq "partner MAC is the peer bond's" "$agg_partner" "$pmac"
agg=$(sysfs bond0 ad_aggregator)
for p in bp0 bp1; do
	assert_eq "$p aggregator" "$(cat /sys/class/net/$p/bonding_slave/ad_aggregator_id)" "$agg"
done
wait_for 5 "ping 198.51.100.2 over the aggregate" ping_ok 198.51.100.2

run_rc 0 bc status bond0
run_rc 0 bc --json status bond0
printf '%s\n' "$OUT" | grep -qi "$pmac" && pass "status --json reports the partner MAC" ||
	fail "status --json does not report partner MAC $pmac"
run bc status bond0
printf '%s\n' "$OUT" | grep -qi "$pmac" && pass "status reports the partner MAC" ||
	fail "status does not report partner MAC $pmac"
printf '%s\n' "$OUT" | grep -qi "aggregator" && pass "status reports the aggregator" ||
	fail "status does not mention the aggregator"
case_end
