# desc: l. IPv4 keys as ifup-eth: IPADDRn/PREFIXn/NETMASKn up to the first gap from IPADDR2 on, BROADCAST and ipcalc's broadcast (/24, /31, /32), SCOPE, ARP, the zeroconf route, NOZEROCONF, alias and range files
# cost: 10
# shellcheck shell=bash source=tests/uml/l3-lib.sh
. "$UML_TOP/tests/uml/l3-lib.sh"

topo_ports 2
peer_bridge 192.0.2.2/24

# ARPCHECKn=no everywhere: the duplicate address probe is p-link-keys'
# subject, and each would cost 2 s here.
NOPROBE=(ARPCHECK=no ARPCHECK0=no ARPCHECK1=no ARPCHECK2=no)

key "IPADDR/PREFIX, IPADDR0/NETMASK0/BROADCAST0, IPADDR1 /31, IPADDR2 /32, IPADDR4 after a gap"
cfg_init
cfg_bond bond0 "mode=active-backup miimon=100" \
	IPADDR=192.0.2.1 PREFIX=24 \
	IPADDR0=198.51.100.1 NETMASK0=255.255.255.0 BROADCAST0=198.51.100.254 \
	IPADDR1=203.0.113.0 PREFIX1=31 \
	IPADDR2=203.0.113.9 PREFIX2=32 \
	IPADDR4=203.0.113.44 PREFIX4=24 "${NOPROBE[@]}"
cfg_port bp0 bond0
cfg_port bp1 bond0
show_cfg
apply_rc 0 || die "apply failed"
# network-functions expand_config(): IPADDR, IPADDR0, IPADDR1, IPADDR2,
# then the first missing one (IPADDR3) ends the list; ifup-eth adds them
# in that order (`ip addr add ADDR/PREFIX brd BCAST dev DEV label DEV`).
assert_eq "addresses in expand_config()'s order, IPADDR4 not read" \
	"$(addrs inet bond0)" "192.0.2.1/24 198.51.100.1/24 203.0.113.0/31 203.0.113.9/32"
assert_in "the ignored IPADDR4 is a warning naming the gap" "$ERR" "IPADDR4 is ignored"
assert_in "... and the missing IPADDR3" "$ERR" "IPADDR3 is missing"
# expand_config(): PREFIX; broadcast from `ipcalc --broadcast` (the last
# address of the /24); ifup-eth then `ip addr change ... valid_lft forever
# preferred_lft forever`, and `label ${DEVICE}`.
assert_eq "IPADDR/PREFIX=24: ipcalc's broadcast, permanent, scope global" \
	"$(addr_line bond0 192.0.2.1)" \
	"192.0.2.1/24 brd=192.0.2.255 scope=global label=bond0 valid=forever preferred=forever"
# expand_config(): NETMASK0 gives the prefix (ipcalc --prefix), BROADCAST0
# is used as it is.
assert_eq "IPADDR0/NETMASK0/BROADCAST0" \
	"$(addr_line bond0 198.51.100.1)" \
	"198.51.100.1/24 brd=198.51.100.254 scope=global label=bond0 valid=forever preferred=forever"
# expand_config(): `ipcalc --broadcast` of a /31 prints 255.255.255.255
# (RHEL 9's ipcalc 1.0, RFC 3021 has no broadcast).
assert_eq "IPADDR1/PREFIX1=31: broadcast 255.255.255.255" \
	"$(addr_line bond0 203.0.113.0)" \
	"203.0.113.0/31 brd=255.255.255.255 scope=global label=bond0 valid=forever preferred=forever"
# expand_config(): `ipcalc --broadcast` of a /32 prints the address itself.
assert_eq "IPADDR2/PREFIX2=32: broadcast is the address" \
	"$(addr_line bond0 203.0.113.9)" \
	"203.0.113.9/32 brd=203.0.113.9 scope=global label=bond0 valid=forever preferred=forever"
wait_for 5 "ping 192.0.2.2 through bond0" ping_ok 192.0.2.2

key "ARP unset: the bond keeps ARP; the zeroconf route 169.254.0.0/16 metric 1000+ifindex"
# ifup-eth: `[ -n "${ARP}" ] && ip link set dev DEV arp on|off`: unset, nothing.
assert_eq "bond0 has no NOARP flag" "$(link_flag bond0 NOARP)" false
# ifup-eth, "Add Zeroconf route": `ip route add 169.254.0.0/16 dev DEV
# metric $((1000 + ifindex)) scope link` (ip's default proto boot, table main).
idx=$(</sys/class/net/bond0/ifindex)
check "zeroconf route, metric 1000+$idx" \
	has_route 4 "169.254.0.0/16 via=- dev=bond0 table=main proto=boot scope=link metric=$((1000 + idx)) src=-"

key "IPADDR/NETMASK, IPADDR1 without IPADDR0, IPADDR3 after a missing IPADDR2; SCOPE=\"scope link\", ARP=no, NOZEROCONF=no"
bond_down bond0
cfg_init
cfg_bond bond0 "mode=active-backup miimon=100" \
	IPADDR=192.0.2.1 NETMASK=255.255.255.128 IPADDR1=198.51.100.1 PREFIX1=24 \
	IPADDR3=203.0.113.3 PREFIX3=24 \
	'SCOPE="scope link"' ARP=no NOZEROCONF=no ARPCHECK=no ARPCHECK1=no ARPCHECK3=no
cfg_port bp0 bond0
cfg_port bp1 bond0
show_cfg
apply_rc 0 || die "apply failed"
# expand_config(): a missing IPADDR0 (or IPADDR1) is skipped, the first
# missing one from IPADDR2 on ends the list.
assert_eq "IPADDR and IPADDR1; IPADDR3 not read" "$(addrs inet bond0)" "192.0.2.1/25 198.51.100.1/24"
assert_in "the ignored IPADDR3 is a warning" "$ERR" "IPADDR3 is ignored"
assert_in "... naming the missing IPADDR2" "$ERR" "IPADDR2 is missing"
# expand_config(): NETMASK without PREFIX: `ipcalc --prefix` (25), the
# broadcast of that; ifup-eth appends ${SCOPE} to `ip addr add`.
assert_eq "IPADDR/NETMASK, scope link" \
	"$(addr_line bond0 192.0.2.1)" \
	"192.0.2.1/25 brd=192.0.2.127 scope=link label=bond0 valid=forever preferred=forever"
assert_eq "IPADDR1, scope link too" \
	"$(addr_line bond0 198.51.100.1)" \
	"198.51.100.1/24 brd=198.51.100.255 scope=link label=bond0 valid=forever preferred=forever"
# ifup-eth: ARP=no -> `ip link set dev DEV arp off` (toggle_value).
assert_eq "ARP=no: bond0 has the NOARP flag" "$(link_flag bond0 NOARP)" true
# ifup-eth: `[ -z "${NOZEROCONF}" ]`: any value, even "no", means no route.
check "NOZEROCONF=no: no 169.254.0.0/16 route" no_route 4 169.254.0.0/16

key "NOZEROCONF=yes in the network file (DIR/../network) alone"
bond_down bond0
cfg_init
cfg_bond bond0 "mode=active-backup miimon=100" IPADDR=192.0.2.1 PREFIX=24 ARP=yes ARPCHECK=no
cfg_port bp0 bond0
cfg_port bp1 bond0
net_file NOZEROCONF=yes
apply_rc 0 || die "apply failed"
# ifup-eth sources ../network first: its NOZEROCONF counts as the ifcfg's.
check "no 169.254.0.0/16 route" no_route 4 169.254.0.0/16
# ifup-eth: ARP=yes -> `ip link set dev DEV arp on`
assert_eq "ARP=yes: no NOARP flag" "$(link_flag bond0 NOARP)" false
assert_eq "the address" "$(addr_line bond0 192.0.2.1)" \
	"192.0.2.1/24 brd=192.0.2.255 scope=global label=bond0 valid=forever preferred=forever"
net_file
# the route is the bond's own: without NOZEROCONF a re-apply adds it
apply_rc 0
idx=$(</sys/class/net/bond0/ifindex)
check "network file gone: the zeroconf route is added" \
	has_route 4 "169.254.0.0/16 via=- dev=bond0 table=main proto=boot scope=link metric=$((1000 + idx)) src=-"
bond_down bond0
key "alias and range files: ifcfg-bond0:1, ifcfg-bond0-range0 (ifup-aliases)"
bond_down bond0
cfg_init
cfg_bond bond0 "mode=active-backup miimon=100" IPADDR=192.0.2.1 PREFIX=24 ARPCHECK=no
cfg_port bp0 bond0
cfg_port bp1 bond0
cfg_file ifcfg-bond0:1 DEVICE=bond0:1 IPADDR=198.51.100.7 PREFIX=25
cfg_file ifcfg-bond0-range0 IPADDR_START=203.0.113.10 IPADDR_END=203.0.113.11 CLONENUM_START=5
apply_rc 0 || die "apply failed"
# ifup-aliases new_interface(): `ip addr add IPADDR/PREFIX brd BROADCAST
# dev PARENT label DEVICE`; PREFIX and ARPCHECK default to the parent's
# (ini_env), the broadcast is ipcalc's.
assert_eq "ifcfg-bond0:1: labelled bond0:1" "$(addr_line bond0 198.51.100.7)" \
	"198.51.100.7/25 brd=198.51.100.127 scope=global label=bond0:1 valid=forever preferred=forever"
# ifup-aliases, range files: one address per number from IPADDR_START to
# IPADDR_END, labelled DEV:CLONENUM_START, +1 each.
assert_eq "range: first address labelled bond0:5" "$(addr_line bond0 203.0.113.10)" \
	"203.0.113.10/24 brd=203.0.113.255 scope=global label=bond0:5 valid=forever preferred=forever"
assert_eq "range: second address labelled bond0:6" "$(addr_line bond0 203.0.113.11)" \
	"203.0.113.11/24 brd=203.0.113.255 scope=global label=bond0:6 valid=forever preferred=forever"
assert_eq "the parent's address comes first" "$(addrs inet bond0)" \
	"192.0.2.1/24 198.51.100.7/25 203.0.113.10/24 203.0.113.11/24"
apply_rc 0
assert_eq "re-apply: the same four addresses" "$(addrs inet bond0)" \
	"192.0.2.1/24 198.51.100.7/25 203.0.113.10/24 203.0.113.11/24"
bond_down bond0
l3_end
