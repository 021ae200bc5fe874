# desc: c. re-apply with nothing changed: exit 0, no link or address event, kernel state byte-identical
# cost: 30

# setup NAME: topology and config; then apply, let it settle, re-apply under
# the monitor.
noop() {
	local what=$1
	run_rc 0 bc apply || die "$what: first apply failed"
	quiet
	wait_for 5 "$what: traffic flows" ping_ok "$2"
	sleep 0.3
	state_dump /tmp/before
	mon_start
	run_rc 0 bc apply
	run_rc 0 bc apply bond0
	mon_stop
	state_dump /tmp/after
	if [ "$MON_COUNT" = 0 ]; then
		sub_result ok "$what: no netlink event on re-apply"
	else
		sub_result fail "$what: no netlink event on re-apply ($MON_COUNT seen)"
		mon_show
	fi
	if state_same "$what: state unchanged" /tmp/before /tmp/after; then
		sub_result ok "$what: kernel state byte-identical after re-apply"
	else
		sub_result fail "$what: kernel state byte-identical after re-apply"
	fi
	run_rc 0 bc status
}

topo_ports 2
peer_bridge 192.0.2.2/24
ip -n "$PEER" addr add 2001:db8:1::2/64 dev br0 nodad
cfg_init
cfg_bond bond0 "mode=active-backup miimon=100 primary=bp1 updelay=200 downdelay=100 num_grat_arp=3 resend_igmp=2" \
	IPADDR=192.0.2.1 PREFIX=24 IPADDR1=192.0.2.11 NETMASK1=255.255.255.0 GATEWAY=192.0.2.2 \
	IPV6INIT=yes IPV6ADDR=2001:db8:1::1/64 MTU=1400
cfg_port bp0 bond0
cfg_port bp1 bond0 BOND_PORT_QUEUE_ID=1 BOND_PORT_PRIO=5
show_cfg
noop "active-backup, 2 IPv4 + IPv6, gateway, port options" 192.0.2.2

net_reset
topo_ports 2
peer_bond 198.51.100.2/24 2 mode 802.3ad lacp_rate fast miimon 100
cfg_init
cfg_bond bond0 "mode=802.3ad lacp_rate=fast miimon=100 ad_select=count min_links=1" IPADDR=198.51.100.1 PREFIX=24
cfg_port bp0 bond0
cfg_port bp1 bond0
show_cfg
run_rc 0 bc apply || die "802.3ad apply failed"
wait_for 10 "802.3ad: LACP converged before the re-apply" lacp_ok bond0 2
noop "802.3ad" 198.51.100.2
case_end
