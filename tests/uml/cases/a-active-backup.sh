# desc: a. active-backup, 2 ports, static IPv4: ping through the bond, failover when the active port's peer goes down, status follows
# cost: 15

topo_ports 2
peer_bridge 192.0.2.2/24
cfg_init
cfg_bond bond0 "mode=active-backup miimon=100" IPADDR=192.0.2.1 PREFIX=24
cfg_port bp0 bond0
cfg_port bp1 bond0
show_cfg

run_rc 0 bc check
run_rc 0 bc apply || die "apply failed"

assert_eq "mode (sysfs)" "$(sysfs bond0 mode)" "active-backup 1"
assert_eq "miimon (sysfs)" "$(sysfs bond0 miimon)" 100
assert_eq "ports (sysfs)" "$(bond_slaves bond0)" "bp0 bp1"
assert_eq "bp0 master" "$(link_master bp0)" bond0
assert_eq "bp1 master" "$(link_master bp1)" bond0
assert_eq "bond0 IPv4 address" \
	"$(ip -j addr show dev bond0 | jq -r '[.[0].addr_info[] | select(.family == "inet") | "\(.local)/\(.prefixlen)"] | join(",")')" \
	192.0.2.1/24
assert_eq "bond0 is up" "$(ip -j link show dev bond0 | jq -r '.[0].flags | index("UP") != null')" true
assert_eq "bond0 kind (ip -d)" "$(ip -d -j link show dev bond0 | jq -r '.[0].linkinfo.info_kind')" bond
# The mode set after the bond exists, as initscripts' install_bonding_driver()
# does through sysfs: only then does the kernel give an active-backup bond
# its IPsec offload features (bond_option_mode_set()).
assert_eq "bond0 esp-hw-offload, as with initscripts" \
	"$(ethtool -k bond0 | sed -n 's/^esp-hw-offload: \([a-z]*\).*/\1/p')" on
wait_for 5 "bond0 has carrier" sh -c '[ "$(cat /sys/class/net/bond0/carrier)" = 1 ]'
wait_for 5 "ping 192.0.2.2 through bond0" ping_ok 192.0.2.2

act=$(active_slave bond0)
[ -n "$act" ] || die "the kernel reports no active port"
other=bp0
[ "$act" = bp0 ] && other=bp1
log "active port: $act, backup: $other"
grep -q "Currently Active Slave: $act" /proc/net/bonding/bond0 && pass "/proc/net/bonding agrees" ||
	fail "/proc/net/bonding/bond0 does not name $act"
run_rc 0 bc status bond0
run bc --json status bond0
assert_eq "status reports the active port" "$(status_active bond0)" "$act"

log "--- taking the active port's peer (p${act#b}) down"
run_rc 0 ip -n "$PEER" link set "p${act#b}" down
wait_for 5 "kernel fails over to $other" sh -c "[ \"\$(cat /sys/class/net/bond0/bonding/active_slave)\" = $other ]"
wait_for 5 "ping still works after the failover" ping_ok 192.0.2.2
run bc status bond0
case $RC in 0 | 4) pass "status after failover exits $RC" ;; *) fail "status after failover exited $RC" ;; esac
printf '%s\n%s\n' "$OUT" "$ERR" | grep -q "$act" && pass "status mentions the failed port" || fail "status does not mention $act"
assert_eq "status reports the new active port" "$(status_active bond0)" "$other"
cat /proc/net/bonding/bond0
case_end
