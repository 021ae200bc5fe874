# desc: harness: the UML kernel bonds veth ports with ip(8), traffic and LACP work
# cost: 12
# Not a bondcfg test: it proves the topology the other cases use, so that a
# failure there points at bondcfg and not at the harness.

topo_ports 2
peer_bridge 192.0.2.2/24
run_rc 0 ip link add hbond type bond mode active-backup miimon 100
for p in bp0 bp1; do run_rc 0 ip link set "$p" master hbond; done
run_rc 0 ip addr add 192.0.2.1/24 dev hbond
run_rc 0 ip link set hbond up
wait_for 5 "ping through an ip(8) bond" ping_ok 192.0.2.2
act=$(active_slave hbond)
log "active port: $act"
[ -n "$act" ] || fail "no active port"
other=bp0; [ "$act" = bp0 ] && other=bp1
run ip -n "$PEER" link set "p${act#b}" down
wait_for 5 "failover to $other" sh -c "[ \"\$(cat /sys/class/net/hbond/bonding/active_slave)\" = $other ]"
wait_for 5 "ping after failover" ping_ok 192.0.2.2
run ip link del hbond
run ip netns del "$PEER"

# 802.3ad against 802.3ad
net_reset
topo_ports 2
peer_bond 198.51.100.2/24 2 mode 802.3ad lacp_rate fast miimon 100
run_rc 0 ip link add hbond type bond mode 802.3ad lacp_rate fast miimon 100
for p in bp0 bp1; do run_rc 0 ip link set "$p" master hbond; done
run_rc 0 ip addr add 198.51.100.1/24 dev hbond
run_rc 0 ip link set hbond up
wait_for 10 "LACP converged (one aggregator, partner known)" lacp_ok hbond 2 || cat /proc/net/bonding/hbond
wait_for 5 "ping over LACP" ping_ok 198.51.100.2

# the monitor sees a change, and sees nothing when nothing changes
quiet
mon_start
mon_stop
assert_eq "events while idle" "$MON_COUNT" 0 || mon_show
mon_start
run ip link set hbond type bond miimon 200
mon_stop
[ "$MON_COUNT" -ge 1 ] && pass "monitor saw $MON_COUNT event(s) for a change" || fail "monitor saw nothing"
mon_show
state_dump /tmp/s1
state_dump /tmp/s2
state_same "state dumps are stable" /tmp/s1 /tmp/s2

# The guest's root is an overlay of the host's: what a case writes anywhere
# (here below /etc, /var/lib, /usr/lib and the module tree) stays in the
# guest.  The runner checks on the host that none of these files exist.
for d in /etc /var/lib /usr/lib "/lib/modules/$(uname -r)"; do
	run_rc 0 touch "$d/.bondcfg-uml-sentinel"
done
