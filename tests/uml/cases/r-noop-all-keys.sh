# desc: r. a configuration using every key of l-q (two bonds, route/rule files, the network file, foreign objects): the re-apply is up to date, with no link, address, route or rule event, no ethtool, no LINKDELAY
# cost: 18
# shellcheck shell=bash source=tests/uml/l3-lib.sh
. "$UML_TOP/tests/uml/l3-lib.sh"

topo_ports 4
peer_bridge 192.0.2.2/24 2
ip -n "$PEER" addr add 2001:db8:1::fe/64 dev br0 nodad
ethtool_spy
mac0=$(link_mac bp0)

cfg_init
net_file ARPING_WAIT=1 IPV6_DEFAULTGW=2001:db8:1::fe
cfg_bond bond0 "mode=active-backup miimon=100 primary=bp0" MTU=1400 \
	IPADDR=192.0.2.1 PREFIX=24 \
	IPADDR0=198.51.100.1 NETMASK0=255.255.255.0 BROADCAST0=198.51.100.254 \
	IPADDR1=203.0.113.0 PREFIX1=31 IPADDR2=203.0.113.9 PREFIX2=32 \
	IPADDR4=203.0.113.44 PREFIX4=24 \
	ARPCHECK=no ARPCHECK0=no ARPCHECK1=no 'SCOPE="scope link"' ARP=yes \
	GATEWAY=192.0.2.254 METRIC=50 SRCADDR=192.0.2.1 \
	LINKDELAY=1 'ETHTOOL_OPTS="-K bond0 gro off"' \
	IPV6ADDR=2001:db8:1::1/64 'IPV6ADDR_SECONDARIES="2001:db8:2::2/64 2001:db8:3::3"' \
	IPV6_AUTOCONF=no IPV6_PRIVACY=rfc3041
cfg_port bp0 bond0 "HWADDR=${mac0^^}" 'ETHTOOL_OPTS="-K bp0 tx off"' ETHTOOL_DELAY=100000
cfg_port bp1 bond0
cfg_port bp2 bond0
cfg_set bp2 SLAVE=no
printf '%s\n' DEVICE=bond1 TYPE=Ethernet 'BONDING_OPTS="mode=balance-rr miimon=100"' \
	ONBOOT=y BOOTPROTO=none IPADDR=10.50.0.1 PREFIX=24 ARPCHECK=no ARP=no NOZEROCONF=yes \
	GATEWAYDEV=bond1 METRIC=300 IPV6INIT=no IPV6FORWARDING=yes >"$CFG/ifcfg-bond1"
cfg_port bp3 bond1
cfg_file route-bond0 \
	"10.30.0.0/16 via 192.0.2.3 dev bond0 table 200 metric 7 src 192.0.2.1 proto static" \
	"10.31.0.0/16 via 192.0.2.3"
cfg_file route6-bond0 "2001:db8:99::/64 via 2001:db8:1::fe metric 5"
cfg_file rule-bond0 "from 10.20.0.0/16 lookup 100 priority 1000" "to 10.21.0.0/16 lookup 101"
cfg_file rule6-bond0 "from 2001:db8:20::/48 lookup 100 priority 1001"
cfg_file route-bond1 ADDRESS0=10.60.0.0 NETMASK0=255.255.0.0 GATEWAY0=10.50.0.2
show_cfg

key "first apply: every key in place (a sample of the kernel state)"
apply_rc 0 || die "apply failed"
# a few of what l-q check one by one, to be sure the configuration took
check "IPADDR..IPADDR2, not IPADDR4" eq "$(addrs inet bond0)" \
	"192.0.2.1/24 198.51.100.1/24 203.0.113.0/31 203.0.113.9/32"
check "SCOPE: scope link" contains "$(addr_line bond0 192.0.2.1)" "scope=link"
check "the default route" has_route 4 \
	"default via=192.0.2.254 dev=bond0 table=main proto=boot scope=global metric=50 src=192.0.2.1"
check "bond1's device default route" has_route 4 \
	"default via=- dev=bond1 table=main proto=boot scope=link metric=300 src=-"
check "the IPv6 default route from the network file" has_route 6 \
	"default via=2001:db8:1::fe dev=bond0 table=main proto=boot scope=global metric=1 src=-"
check "route-bond1" has_route 4 \
	"10.60.0.0/16 via=10.50.0.2 dev=bond1 table=main proto=boot scope=global metric=0 src=-"
check "rule-bond0" has_rule 4 "1000 from=10.20.0.0/16 to=all table=100"
check "rule6-bond0" has_rule 6 "1001 from=2001:db8:20::/48 to=all table=100"
check "bond1: ARP=no" eq "$(link_flag bond1 NOARP)" true
check "bond0: IPv6 sysctls" eq "$(v6_sysctls bond0)" \
	"forwarding=0 accept_ra=0 accept_redirects=0 autoconf=0 use_tempaddr=2"
check "bp2 (SLAVE=no) is no port" eq "$(link_master bp2)" ""
check "ethtool ran" eq "$(ethtool_calls)" "-K bp0 tx off"$'\n'"-K bond0 gro off"

# what others put on bond0: keepalived's VIP, a SLAAC-like address, an
# RA-like route, a default route on another device
ip addr add 192.0.2.99/32 dev bond0
ip -6 addr add 2001:db8:1::abcd/64 dev bond0 valid_lft 3600 preferred_lft 1800
ip -6 route add default via fe80::99 dev bond0 proto ra metric 1024 expires 600
ip link add dum0 type dummy
ip link set dum0 up
ip addr add 10.9.9.2/24 dev dum0
ip route add default via 10.9.9.1 dev dum0

key "re-apply: up to date, no event, no ethtool, no LINKDELAY, state identical"
quiet
sleep 0.3
state_dump_stable /tmp/before
rules_before=$(ip -d -j rule show; ip -6 -d -j rule show)
sysctls_before=$(v6_sysctls bond0; v6_sysctls bond1; sysctl4 bond0 arp_filter)
: >/tmp/ethtool.calls
mon_l3_start
run_ms bc apply
mon_stop
state_dump_stable /tmp/after
assert_eq "apply exit" "$RC" 0
assert_in "bond0: up to date" "$OUT" "bond0: up to date"
assert_in "bond1: up to date" "$OUT" "bond1: up to date"
if [ "$MON_COUNT" = 0 ]; then
	pass "no link, address, route or rule event"
else
	fail "no link, address, route or rule event ($MON_COUNT seen)"
	mon_show
fi
assert_eq "no ethtool run" "$(ethtool_calls)" ""
check "no LINKDELAY wait ($ELAPSED_MS ms)" test "$ELAPSED_MS" -lt 1000
state_same_stable "links, addresses, routes byte-identical (but the foreign lifetimes)" /tmp/before /tmp/after
assert_eq "rules unchanged" "$(ip -d -j rule show; ip -6 -d -j rule show)" "$rules_before"
assert_eq "sysctls unchanged" "$(v6_sysctls bond0; v6_sysctls bond1; sysctl4 bond0 arp_filter)" \
	"$sysctls_before"
run_rc 0 bc status

bond_down bond0
bond_down bond1
ip link del dum0
l3_end
