# desc: j. check sees the live ports and reports veth ports as virtual NICs
# cost: 3

topo_ports 2
cfg_init
cfg_bond bond0 "mode=active-backup miimon=100"
cfg_port bp0 bond0
cfg_port bp1 bond0
run bc check
case $RC in 0) pass "check exits 0" ;; *) fail "check exited $RC" ;; esac
run_rc 0 bc -v check
for p in bp0 bp1; do
	printf '%s\n' "$OUT$ERR" | grep -qi "$p.*virtual" && pass "check -v says $p is virtual" ||
		fail "check -v does not report $p as virtual"
done
run bc --json check
printf '%s\n' "$OUT" | jq -e . >/dev/null && pass "check --json is JSON" || fail "check --json is not JSON"
for p in bp0 bp1; do
	printf '%s\n' "$OUT" | jq -e --arg p "$p" '[.diagnostics[] | select(.message | test($p + ".*virtual"))] | length > 0' >/dev/null &&
		pass "check --json says $p is virtual" || fail "check --json does not report $p as virtual"
done
case_end
