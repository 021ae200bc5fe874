# desc: h. down releases the ports with their own MACs and state back and deletes the bond
# cost: 20

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

# down of a bond that is not there
run bc down bond0
case $RC in 0) pass "down of an absent bond exits 0" ;; *) fail "down of an absent bond exited $RC" ;; esac
case_end
