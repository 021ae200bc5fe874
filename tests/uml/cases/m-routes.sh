# desc: m. routes as ifup-eth and ifup-routes: GATEWAY, METRIC, SRCADDR, DEFROUTE, GATEWAYDEV, the network file, a gateway off the subnet, a foreign default route, route-/route6-/rule-/rule6-bond0
# cost: 25
# shellcheck shell=bash source=tests/uml/l3-lib.sh
. "$UML_TOP/tests/uml/l3-lib.sh"

topo_ports 2
peer_bridge 192.0.2.2/24
ip -n "$PEER" addr add 2001:db8:1::fe/64 dev br0 nodad

# fresh KEY=VALUE...: bond0 made afresh, 192.0.2.1/24 and the keys given.
fresh() {
	bond_down bond0
	cfg_init
	cfg_bond bond0 "mode=active-backup miimon=100" IPADDR=192.0.2.1 PREFIX=24 \
		ARPCHECK=no NOZEROCONF=yes "$@"
	cfg_port bp0 bond0
	cfg_port bp1 bond0
	log "--- ifcfg-bond0: $*"
}
DEF="default via=192.0.2.254 dev=bond0 table=main"

key "GATEWAY: default route, proto boot, table main; no SRCADDR: arp_filter stays 0"
fresh GATEWAY=192.0.2.254
apply_rc 0
# ifup-eth: `ip route replace default via GATEWAY` (ip's default proto boot,
# table main), GATEWAY being in the first address's subnet
# (expand_config()'s `ipcalc --network`).
assert_eq "the default route" "$(routes 4 default)" "$DEF proto=boot scope=global metric=0 src=-"
assert_eq "arp_filter" "$(sysctl4 bond0 arp_filter)" 0

key "GATEWAY with METRIC=50 and SRCADDR: metric, src, arp_filter=1"
fresh GATEWAY=192.0.2.254 METRIC=50 SRCADDR=192.0.2.1
apply_rc 0
# ifup-eth: `ip route replace default metric METRIC via GATEWAY src SRCADDR`
assert_eq "the default route" "$(routes 4 default)" "$DEF proto=boot scope=global metric=50 src=192.0.2.1"
# ifup-eth, address loop: with SRCADDR, `sysctl -w net.ipv4.conf.DEV.arp_filter=1`
assert_eq "arp_filter" "$(sysctl4 bond0 arp_filter)" 1

key "DEFROUTE=no: no default route"
fresh GATEWAY=192.0.2.254 DEFROUTE=no
apply_rc 0
# ifup-eth: `if ! is_false "${DEFROUTE}" && ...`
check "no default route" no_route 4 default

key "GATEWAYDEV=another device: no default route on bond0"
fresh GATEWAY=192.0.2.254 GATEWAYDEV=eth9
apply_rc 0
# ifup-eth: `[ -z "${GATEWAYDEV}" -o "${GATEWAYDEV}" = "${REALDEVICE}" ]`
check "no default route" no_route 4 default

key "GATEWAYDEV=bond0 without GATEWAY: a default route on the device alone"
fresh GATEWAYDEV=bond0
apply_rc 0
# ifup-eth: `elif [ "${GATEWAYDEV}" = "${DEVICE}" ]; then ip route replace
# default dev DEV` (no gateway: ip makes it scope link)
assert_eq "the default route" "$(routes 4 default)" \
	"default via=- dev=bond0 table=main proto=boot scope=link metric=0 src=-"

key "GATEWAY in the network file (DIR/../network) only"
fresh
net_file GATEWAY=192.0.2.254
apply_rc 0
# ifup-eth sources ../network before the ifcfg file: its GATEWAY is used.
assert_eq "the default route" "$(routes 4 default)" "$DEF proto=boot scope=global metric=0 src=-"
net_file

key "GATEWAY outside the first address's subnet: bond up, no default route, a warning, exit 0"
fresh GATEWAY=10.1.1.1
apply_rc 0
# ifup-eth: the route only if `ipcalc --network GATEWAY netmask[0]` is
# NETWORK; else nothing, and the rest of ifup goes on.
check "no default route" no_route 4 default
assert_eq "bond0 is up" "$(link_flag bond0 UP)" true
assert_eq "with its address" "$(addrs inet bond0)" 192.0.2.1/24
assert_in "a warning names the gateway" "$ERR" "GATEWAY=10.1.1.1 is outside 192.0.2.0/24"

key "a foreign default route (metric 0, another device) stays through apply, re-apply and down"
ip link add dum0 type dummy
ip link set dum0 up
ip addr add 10.9.9.2/24 dev dum0
ip route add default via 10.9.9.1 dev dum0
l3_snap
FOREIGN="default via=10.9.9.1 dev=dum0 table=main proto=boot scope=global metric=0 src=-"
check "the foreign default route is there" has_route 4 "$FOREIGN"
fresh GATEWAY=192.0.2.254
# ifup-eth would `ip route replace` it; bondcfg adds its own beside it
# (NLM_F_CREATE alone, src/apply-l3.c) and never removes what it did not
# add (src/owned.h).
apply_rc 0
check "after apply: bondcfg's default route" has_route 4 "$DEF proto=boot scope=global metric=0 src=-"
check "after apply: the foreign one" has_route 4 "$FOREIGN"
apply_rc 0
assert_in "re-apply: up to date" "$OUT" "bond0: up to date"
check "after re-apply: bondcfg's default route" has_route 4 "$DEF proto=boot scope=global metric=0 src=-"
check "after re-apply: the foreign one" has_route 4 "$FOREIGN"
bond_down bond0
l3_snap
check "after down: only the foreign one" eq "$(routes 4 default)" "$FOREIGN"
ip link del dum0

key "route-bond0 (ADDRESSn form), route6-bond0, rule-bond0, rule6-bond0: dry-run, then apply"
fresh IPV6ADDR=2001:db8:1::1/64
cfg_file route-bond0 ADDRESS0=10.10.0.0 NETMASK0=255.255.0.0 GATEWAY0=192.0.2.3 \
	ADDRESS1=10.11.0.0 NETMASK1=255.255.255.0
cfg_file route6-bond0 "2001:db8:99::/64 via 2001:db8:1::fe metric 5"
cfg_file rule-bond0 "from 10.20.0.0/16 lookup 100 priority 1000" "to 10.21.0.0/16 lookup 101"
cfg_file rule6-bond0 "from 2001:db8:20::/48 lookup 100 priority 1001"
run_rc 0 bc apply --dry-run
l3_snap
assert_in "dry-run: the ADDRESS0 route" "$OUT" "add route 10.10.0.0/16 via 192.0.2.3 dev bond0 proto boot"
assert_in "dry-run: the ADDRESS1 route" "$OUT" "add route 10.11.0.0/24 dev bond0 proto boot"
assert_in "dry-run: the route6 line" "$OUT" "add route 2001:db8:99::/64 via 2001:db8:1::fe metric 5 proto boot"
assert_in "dry-run: the rule with a priority" "$OUT" "add rule 1000: from 10.20.0.0/16 lookup 100"
assert_in "dry-run: the rule without" "$OUT" "add rule from all to 10.21.0.0/16 lookup 101"
assert_in "dry-run: the rule6 line" "$OUT" "add rule 1001: from 2001:db8:20::/48 lookup 100"
check "dry-run made no bond" not link_exists bond0
assert_eq "dry-run added no rule" "$(rules 4)$(rules 6)" ""
apply_rc 0
# ifup-routes handle_file(): `ip route add ADDRESSn/PREFIX [via GATEWAYn]
# dev DEV` (ipcalc -p of ADDRESSn NETMASKn)
check "ADDRESS0/NETMASK0/GATEWAY0" has_route 4 \
	"10.10.0.0/16 via=192.0.2.3 dev=bond0 table=main proto=boot scope=global metric=0 src=-"
check "ADDRESS1/NETMASK1 (no gateway: scope link)" has_route 4 \
	"10.11.0.0/24 via=- dev=bond0 table=main proto=boot scope=link metric=0 src=-"
# ifup-routes handle_ip_file(): `ip -6 route add LINE`
check "route6-bond0" has_route 6 \
	"2001:db8:99::/64 via=2001:db8:1::fe dev=bond0 table=main proto=boot scope=global metric=5 src=-"
# ifup-routes handle_ip_file(): `ip rule add LINE`, `ip -6 rule add LINE`,
# in file order (the kernel numbers a rule without priority one below the
# first rule after priority 0: 999 after rule 1000).
check "rule-bond0, line 1" has_rule 4 "1000 from=10.20.0.0/16 to=all table=100"
check "rule-bond0, line 2" has_rule 4 "999 from=all to=10.21.0.0/16 table=101"
check "rule6-bond0" has_rule 6 "1001 from=2001:db8:20::/48 to=all table=100"

key "route-bond0 (ip form: table, metric, src, proto; a refused route); rules dropped from the files"
cfg_file route-bond0 \
	"10.30.0.0/16 via 192.0.2.3 dev bond0 table 200 metric 7 src 192.0.2.1 proto static" \
	"10.31.0.0/16 via 192.0.2.3" \
	"10.40.0.0/16 via 203.0.113.77"
cfg_file rule-bond0 "from 10.22.0.0/16 lookup 102 priority 1002" "to 10.23.0.0/16 lookup 103"
apply_rc 0
# ifup-routes handle_ip_file(): `ip route add LINE`, whatever it says
check "table 200, metric 7, src, proto static" has_route 4 \
	"10.30.0.0/16 via=192.0.2.3 dev=bond0 table=200 proto=static scope=global metric=7 src=192.0.2.1"
check "a line without dev: the kernel picks bond0" has_route 4 \
	"10.31.0.0/16 via=192.0.2.3 dev=bond0 table=main proto=boot scope=global metric=0 src=-"
# ifup-routes: a failed `ip route add` (and replace) is a warning; the
# other lines and the interface stay.
check "the unreachable gateway's route is not there" no_route 4 10.40.0.0/16
assert_in "it is a warning" "$ERR" "10.40.0.0/16 via 203.0.113.77"
assert_eq "bond0 stays up" "$(link_flag bond0 UP)" true
assert_eq "with its address" "$(addrs inet bond0)" 192.0.2.1/24
# The ADDRESSn routes bondcfg added are gone from the file: gone from the
# kernel (src/owned.h: bondcfg removes what it added and no longer has).
check "the dropped ADDRESS0 route is removed" no_route 4 10.10.0.0/16
check "the dropped ADDRESS1 route is removed" no_route 4 10.11.0.0/24
check "the new rule 1002" has_rule 4 "1002 from=10.22.0.0/16 to=all table=102"
check "the new rule without priority" has_rule_sel 4 "from=all to=10.23.0.0/16 table=103"
check "the dropped rule without priority is removed" no_rule 4 "999 from=all to=10.21.0.0/16 table=101"
# A rule with a priority is recorded as `ip rule add` arguments ("...
# priority 1000") and recognised again (net_rule_format_args).
check "the dropped rule 1000 is removed on the next apply" \
	no_rule 4 "1000 from=10.20.0.0/16 to=all table=100"
check "route6-bond0 still there" has_route 6 \
	"2001:db8:99::/64 via=2001:db8:1::fe dev=bond0 table=main proto=boot scope=global metric=5 src=-"

key "down removes the rules bondcfg added"
bond_down bond0
l3_snap
check "bond0 is gone" not link_exists bond0
check "down removes the rule without priority" not has_rule_sel 4 "from=all to=10.23.0.0/16 table=103"
check "down removes rule 1002 (rule-bond0)" no_rule 4 "1002 from=10.22.0.0/16 to=all table=102"
check "down removes rule 1001 (rule6-bond0)" no_rule 6 "1001 from=2001:db8:20::/48 to=all table=100"
l3_end
