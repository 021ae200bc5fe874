# desc: h. down releases the ports with their own MACs and state back and deletes the bond; so does apply for a port dropped from the config
# cost: 25

topo_ports 3
# bp0, bp1 down (as before ifup); bp2 up with a smaller MTU of its own
ip link set bp2 mtu 1400
ip link set bp2 up
settle
state_dump /tmp/orig
declare -A mac mtu
for p in bp0 bp1 bp2; do
	mac[$p]=$(link_mac "$p")
	mtu[$p]=$(ip -j link show dev "$p" | jq '.[0].mtu')
done
cfg_init
cfg_bond bond0 "mode=active-backup miimon=100" IPADDR=192.0.2.1 PREFIX=24 MTU=9000
cfg_port bp0 bond0
cfg_port bp1 bond0
cfg_port bp2 bond0
run_rc 0 bc apply || die "apply failed"
changed=0
for p in bp0 bp1 bp2; do
	[ "$(link_mac "$p")" != "${mac[$p]}" ] && changed=$((changed + 1))
done
log "ports whose MAC the bond changed: $changed"
[ $changed -ge 1 ] || fail "no port MAC was changed by enslaving: the test proves nothing"
assert_eq "MTU of bp2 while enslaved" "$(ip -j link show dev bp2 | jq '.[0].mtu')" 9000

run_rc 0 bc down bond0
link_exists bond0 && fail "bond0 still exists"
ok=1
for p in bp0 bp1 bp2; do
	assert_eq "$p MAC back" "$(link_mac "$p")" "${mac[$p]}" || ok=0
	assert_eq "$p MTU back" "$(ip -j link show dev "$p" | jq '.[0].mtu')" "${mtu[$p]}" || ok=0
	assert_eq "$p not enslaved" "$(link_master "$p")" "" || ok=0
done
[ $ok = 1 ] && sub_result ok "ports have their own MACs and MTUs back, no master" ||
	sub_result fail "ports have their own MACs and MTUs back, no master"
for p in bp0 bp1; do
	assert_eq "$p down as before" "$(ip -j link show dev "$p" | jq -r '.[0].flags | index("UP") != null')" false
done
if [ "$(ip -j link show dev bp2 | jq -r '.[0].flags | index("UP") != null')" = true ]; then
	sub_result ok "bp2, up before the apply, is up again after down"
else
	sub_result fail "bp2, up before the apply, is up again after down (it is down)"
fi
settle
state_dump /tmp/now
state_same "links, addresses and routes as before the apply" /tmp/orig /tmp/now &&
	sub_result ok "kernel state byte-identical to before the apply" ||
	sub_result fail "kernel state byte-identical to before the apply"

# apply again, then drop bp2 from the configuration: apply releases it for
# good, with its own MAC, MTU and up state back, and forgets its record
run_rc 0 bc apply || die "apply failed"
[ -e /run/bondcfg/ports/bp2 ] && pass "apply recorded bp2's state in /run/bondcfg/ports/bp2" ||
	fail "no record /run/bondcfg/ports/bp2 after apply"
rm "$CFG/ifcfg-bp2"
run_rc 0 bc apply --dry-run
grep -qx "bp2: set mtu 9000 -> 1400 (as before apply)" <<<"$OUT" &&
	grep -qx "bp2: set up (as before apply)" <<<"$OUT" &&
	pass "apply --dry-run: bp2 released, its MTU and up state to be restored" ||
	fail "apply --dry-run lacks bp2's restore steps: ${OUT//$'\n'/|}"
run_rc 0 bc apply
ok=1
assert_eq "dropped bp2: MAC back" "$(link_mac bp2)" "${mac[bp2]}" || ok=0
assert_eq "dropped bp2: MTU back" "$(ip -j link show dev bp2 | jq '.[0].mtu')" 1400 || ok=0
assert_eq "dropped bp2: no master" "$(link_master bp2)" "" || ok=0
assert_eq "dropped bp2: up again" "$(ip -j link show dev bp2 | jq -r '.[0].flags | index("UP") != null')" true || ok=0
[ -e /run/bondcfg/ports/bp2 ] && ok=0 && log "record of bp2 still there"
assert_eq "bp0 still enslaved" "$(link_master bp0)" bond0 || ok=0
assert_eq "bp1 still enslaved" "$(link_master bp1)" bond0 || ok=0
[ -e /run/bondcfg/ports/bp0 ] || { ok=0; log "record of bp0 gone"; }
[ $ok = 1 ] && sub_result ok "apply without bp2 in the config gives bp2 its MAC, MTU and up state back, drops its record, keeps bp0 and bp1" ||
	sub_result fail "apply without bp2 in the config gives bp2 its MAC, MTU and up state back, drops its record, keeps bp0 and bp1"
run_rc 0 bc status
run_rc 0 bc down bond0

# down of a bond that is not there
run bc down bond0
case $RC in 0) pass "down of an absent bond exits 0" ;; *) fail "down of an absent bond exited $RC" ;; esac
case_end
