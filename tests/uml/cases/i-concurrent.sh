# desc: i. two applies started at once both succeed and leave the right state
# cost: 22

topo_ports 2
peer_bridge 192.0.2.2/24
cfg_init
cfg_bond bond0 "mode=active-backup miimon=100" IPADDR=192.0.2.1 PREFIX=24
cfg_port bp0 bond0
cfg_port bp1 bond0
for round in 1 2 3; do
	log "=== round $round"
	bc apply >/tmp/a1.out 2>&1 &
	p1=$!
	bc apply >/tmp/a2.out 2>&1 &
	p2=$!
	wait $p1
	r1=$?
	wait $p2
	r2=$?
	sed 's/^/  1| /' /tmp/a1.out
	sed 's/^/  2| /' /tmp/a2.out
	assert_eq "round $round: exit of both" "$r1 $r2" "0 0"
	assert_eq "round $round: ports" "$(bond_slaves bond0)" "bp0 bp1"
	assert_eq "round $round: one bond" "$(ip -j link show type bond | jq length)" 1
	assert_eq "round $round: address" \
		"$(ip -j addr show dev bond0 | jq -r '[.[0].addr_info[] | select(.family == "inet") | "\(.local)/\(.prefixlen)"] | join(",")')" \
		192.0.2.1/24
	wait_for 5 "round $round: traffic" ping_ok 192.0.2.2
	run_rc 0 bc status
	run_rc 0 bc down bond0
done
# a lock held by someone else: --wait-lock bounds the wait (exit 2)
export BONDCFG_LOCK_FILE=/run/test.lock
exec 9>"$BONDCFG_LOCK_FILE"
flock 9
start=$(now_ms)
run bc --wait-lock 1 apply
took=$(($(now_ms) - start))
assert_eq "apply with the lock held elsewhere exits 2" "$RC" 2
[ $took -lt 5000 ] && pass "it gave up after ${took} ms" || fail "it took ${took} ms"
link_exists bond0 && fail "bond0 created without the lock"
flock -u 9
case_end
