# desc: o. ownership: a VIP, SLAAC/DHCP-like addresses and foreign routes survive apply, re-apply and config changes (status: not managed); what bondcfg added and dropped goes; a hand-made match is adopted; primary+secondary down
# cost: 25
# shellcheck shell=bash source=tests/uml/l3-lib.sh
. "$UML_TOP/tests/uml/l3-lib.sh"

# What bondcfg removes is what it added, or found as configured and
# adopted, and no longer has in its files (src/owned.h); initscripts'
# ifup never removes anything, so everything else on the bond stays, as
# after ifup.

topo_ports 2
peer_bridge 192.0.2.2/24

ports() {
	cfg_port bp0 bond0
	cfg_port bp1 bond0
}
cfg_init
cfg_bond bond0 "mode=active-backup miimon=100" IPADDR=192.0.2.1 PREFIX=24 \
	IPADDR1=192.0.2.11 PREFIX1=24 IPADDR2=198.51.100.1 PREFIX2=24 GATEWAY=192.0.2.254 \
	IPV6ADDR=2001:db8:1::1/64 ARPCHECK=no ARPCHECK1=no ARPCHECK2=no
ports
show_cfg

key "foreign addresses and routes survive apply and re-apply; status lists them as not managed"
apply_rc 0 || die "apply failed"
# keepalived's VIP, a DHCP-like and a SLAAC-like address (lifetimes), an
# RA-like IPv6 default route, a second IPv4 default route and a route
# added by hand
ip addr add 192.0.2.99/32 dev bond0
ip addr add 192.0.2.77/24 dev bond0 valid_lft 3600 preferred_lft 1800
ip -6 addr add 2001:db8:1::abcd/64 dev bond0 valid_lft 3600 preferred_lft 1800
ip -6 route add default via fe80::99 dev bond0 proto ra metric 1024 expires 600
ip route add default via 192.0.2.2 dev bond0 metric 200
ip route add 10.99.0.0/16 via 192.0.2.2 dev bond0
settle
foreign_ok() { # WHEN: the six foreign objects are all there (snapshot)
	check "$1: the VIP 192.0.2.99/32" has_addr inet bond0 192.0.2.99/32
	check "$1: the DHCP-like 192.0.2.77/24, lifetime kept" \
		contains "$(addr_line bond0 192.0.2.77)" "valid=3"
	check "$1: the SLAAC-like 2001:db8:1::abcd/64, lifetime kept" \
		contains "$(addr_line bond0 2001:db8:1::abcd)" "valid=3"
	check "$1: the RA-like default route" has_route 6 \
		"default via=fe80::99 dev=bond0 table=main proto=ra scope=global metric=1024 src=-"
	check "$1: the foreign IPv4 default route" has_route 4 \
		"default via=192.0.2.2 dev=bond0 table=main proto=boot scope=global metric=200 src=-"
	check "$1: the route added by hand" has_route 4 \
		"10.99.0.0/16 via=192.0.2.2 dev=bond0 table=main proto=boot scope=global metric=0 src=-"
}
status_ok() { # WHEN: status exits 0 and says each is not bondcfg's
	local n=" (not managed by bondcfg)" o
	run_rc 0 bc status bond0
	for o in "address 192.0.2.99/32" "address 192.0.2.77/24" "address 2001:db8:1::abcd/64" \
		"route default via fe80::99 dev bond0 metric 1024 proto ra" \
		"route default via 192.0.2.2 dev bond0 metric 200 proto boot" \
		"route 10.99.0.0/16 via 192.0.2.2 dev bond0 proto boot"; do
		assert_in "$1: status: $o$n" "$OUT" "$o$n"
	done
}
l3_snap
foreign_ok "before re-apply"
apply_rc 0
assert_in "re-apply: up to date" "$OUT" "bond0: up to date"
foreign_ok "after re-apply"
status_ok "after re-apply"

key "config change: addresses bondcfg added and the config dropped go, the foreign ones stay"
# IPADDR1 and IPADDR2 dropped, METRIC added: bondcfg's old default route
# goes too
cfg_unset bond0 IPADDR1 PREFIX1 ARPCHECK1 IPADDR2 PREFIX2 ARPCHECK2
cfg_set bond0 METRIC=10
apply_rc 0
check "the dropped IPADDR2 198.51.100.1/24 (a primary) is removed" lacks_addr inet bond0 198.51.100.1/24
# IFA_F_TEMPORARY is IFA_F_SECONDARY's bit: it marks a privacy address only
# for IPv6 (src/owned.c), so an IPv4 secondary bondcfg added is its own.
check "the dropped IPADDR1 192.0.2.11/24 (a secondary bondcfg added) is removed" \
	lacks_addr inet bond0 192.0.2.11/24
for a in 192.0.2.1/24 192.0.2.99/32 192.0.2.77/24; do
	check "$a stays" has_addr inet bond0 "$a"
done
check "the default route with METRIC=10" has_route 4 \
	"default via=192.0.2.254 dev=bond0 table=main proto=boot scope=global metric=10 src=-"
check "bondcfg's metric 0 default route is gone" not has_route 4 \
	"default via=192.0.2.254 dev=bond0 table=main proto=boot scope=global metric=0 src=-"
foreign_ok "after a config change"
status_ok "after a config change"

key "config change dropping the primary address: its secondaries stay (promote_secondaries around it)"
promote=$(sysctl4 bond0 promote_secondaries)
cfg_set bond0 IPADDR=192.0.2.11
apply_rc 0
# The kernel deletes a primary's secondaries with it unless
# promote_secondaries: the foreign 192.0.2.77/24 must survive.
check "192.0.2.1/24 is removed" lacks_addr inet bond0 192.0.2.1/24
for a in 192.0.2.11/24 192.0.2.99/32 192.0.2.77/24; do
	check "$a is there" has_addr inet bond0 "$a"
done
assert_eq "promote_secondaries is back as it was" "$(sysctl4 bond0 promote_secondaries)" "$promote"
check "the default route is still there" has_route 4 \
	"default via=192.0.2.254 dev=bond0 table=main proto=boot scope=global metric=10 src=-"
foreign_ok "after dropping the primary"

key "a bond with a primary and secondaries in one subnet goes down cleanly"
bond_down bond0
check "bond0 is gone" not link_exists bond0
cfg_init
cfg_bond bond0 "mode=active-backup miimon=100" IPADDR=192.0.2.1 PREFIX=24 \
	IPADDR1=192.0.2.11 PREFIX1=24 ARPCHECK=no ARPCHECK1=no
ports
apply_rc 0
assert_eq "primary and secondary" "$(addrs inet bond0)" "192.0.2.1/24 192.0.2.11/24"
bond_down bond0
check "bond0 is gone" not link_exists bond0
assert_eq "bp0 released" "$(link_master bp0)" ""
assert_eq "bp1 released" "$(link_master bp1)" ""

key "an address already as configured, added by hand before the first apply, is adopted"
# A bond made by hand, as the configuration has it.
ip link add bond0 type bond mode active-backup miimon 100
ip link set bp0 master bond0
ip link set bp1 master bond0
ip link set bond0 up
ip addr add 192.0.2.1/24 brd + dev bond0
cfg_init
cfg_bond bond0 "mode=active-backup miimon=100" IPADDR=192.0.2.1 PREFIX=24 ARPCHECK=no NOZEROCONF=yes
ports
quiet
mon_l3_start
apply_rc 0
mon_stop
assert_in "apply: up to date" "$OUT" "bond0: up to date"
if [ "$MON_COUNT" = 0 ]; then
	pass "no link, address, route or rule event on apply"
else
	fail "no link, address, route or rule event on apply ($MON_COUNT seen)"
	mon_show
fi
check "192.0.2.1/24 as it was" contains "$(addr_line bond0 192.0.2.1)" "192.0.2.1/24 brd=192.0.2.255"
# adopted: bondcfg removes it when the files drop it
cfg_set bond0 IPADDR=192.0.2.5
apply_rc 0
assert_eq "IPADDR changed: the adopted address is replaced" "$(addrs inet bond0)" "192.0.2.5/24"
run_rc 0 bc status bond0
bond_down bond0
l3_end
