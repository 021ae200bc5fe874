# desc: n. IPv6 keys as ifup-ipv6: IPV6INIT=no, IPV6ADDR and IPV6ADDR_SECONDARIES (permanent), IPV6_DEFAULTGW (metric 1), GW%bond0, from the network file, IPV6_AUTOCONF=no, IPV6FORWARDING, IPV6_PRIVACY
# cost: 20
# shellcheck shell=bash source=tests/uml/l3-lib.sh
. "$UML_TOP/tests/uml/l3-lib.sh"

topo_ports 2
peer_bridge 192.0.2.2/24
ip -n "$PEER" addr add 2001:db8:1::fe/64 dev br0 nodad

# fresh KEY=VALUE...: bond0 made afresh with the keys given (no IPv4).
fresh() {
	bond_down bond0
	cfg_init
	cfg_bond bond0 "mode=active-backup miimon=100" "$@"
	cfg_port bp0 bond0
	cfg_port bp1 bond0
	log "--- ifcfg-bond0: $*"
}
# What a new link gets from the kernel (net.ipv6.conf.default).
DEFAULTS=$(v6_sysctls default)
log "net.ipv6.conf.default: $DEFAULTS"
GW6="default via=2001:db8:1::fe dev=bond0 table=main proto=boot scope=global metric=1 src=-"

key "IPV6INIT=no: IPV6ADDR, IPV6_DEFAULTGW, IPV6_AUTOCONF, IPV6_PRIVACY all ignored"
fresh IPV6INIT=no IPV6ADDR=2001:db8:1::1/64 IPV6_DEFAULTGW=2001:db8:1::fe IPV6_AUTOCONF=no \
	IPV6_PRIVACY=rfc3041
apply_rc 0
# ifup-ipv6: `is_false "$IPV6INIT" && exit 0`, before anything else.
assert_eq "no IPv6 address but the kernel's link-local one" "$(addrs inet6 bond0)" ""
check "no IPv6 default route" no_route 6 default
assert_eq "the sysctls are the kernel's defaults" "$(v6_sysctls bond0)" "$DEFAULTS"
assert_in "a warning says IPV6ADDR is ignored" "$ERR" "IPV6ADDR is ignored: IPV6INIT=no"
assert_eq "bond0 is up all the same" "$(link_flag bond0 UP)" true

key "IPV6ADDR, IPV6ADDR_SECONDARIES (one without a length), IPV6_DEFAULTGW"
fresh IPV6ADDR=2001:db8:1::1/64 'IPV6ADDR_SECONDARIES="2001:db8:2::2/80 2001:db8:3::3"' \
	IPV6_DEFAULTGW=2001:db8:1::fe
apply_rc 0
# ifup-ipv6: ipv6_add_addr_on_device() (network-functions-ipv6) for
# IPV6ADDR, then each of IPV6ADDR_SECONDARIES: `ip -6 addr replace
# ADDR[/64] dev DEV`, permanent (no lifetime).  The kernel lists the
# addresses of one scope newest first.
assert_eq "the addresses, /64 by default" "$(addrs inet6 bond0)" \
	"2001:db8:3::3/64 2001:db8:2::2/80 2001:db8:1::1/64"
for a in 2001:db8:1::1 2001:db8:2::2 2001:db8:3::3; do
	check "$a is permanent" addr_permanent bond0 "$a"
done
# ipv6_set_default_route() -> ipv6_add_route ::/0 GW: `ip -6 route add
# ::/0 via GW metric 1` (ip's proto boot, table main; the kernel puts it on
# bond0, whose prefix holds GW).
check "the IPv6 default route, metric 1" has_route 6 "$GW6"
# ifup-ipv6: IPV6FORWARDING and IPV6_AUTOCONF unset: forwarding=0,
# accept_ra=1, accept_redirects=1, autoconf=1.
assert_eq "the sysctls" "$(v6_sysctls bond0)" \
	"forwarding=0 accept_ra=1 accept_redirects=1 autoconf=1 use_tempaddr=${DEFAULTS##*=}"
wait_for 5 "ping 2001:db8:1::fe" ping_ok 2001:db8:1::fe

key "IPV6_DEFAULTGW=fe80::1%bond0"
fresh IPV6ADDR=2001:db8:1::1/64 IPV6_DEFAULTGW=fe80::1%bond0
apply_rc 0
# ipv6_set_default_route(): the scope device is the route's device:
# ipv6_add_route ::/0 fe80::1 bond0 -> `ip -6 route add ::/0 via fe80::1
# dev bond0 metric 1`.
check "default via fe80::1 dev bond0 metric 1" has_route 6 \
	"default via=fe80::1 dev=bond0 table=main proto=boot scope=global metric=1 src=-"
assert_eq "only that one" "$(routes 6 default | wc -l)" 1

key "IPV6_DEFAULTGW in the network file (DIR/../network) only"
fresh IPV6ADDR=2001:db8:1::1/64
net_file IPV6_DEFAULTGW=2001:db8:1::fe
apply_rc 0
# ifup-ipv6 sources /etc/sysconfig/network first: its IPV6_DEFAULTGW is
# used on the device whose prefix holds it.
check "the IPv6 default route, metric 1" has_route 6 "$GW6"
net_file

key "IPV6_AUTOCONF=no and IPV6_PRIVACY=rfc3041: the sysctls"
fresh IPV6ADDR=2001:db8:1::1/64 IPV6_AUTOCONF=no IPV6_PRIVACY=rfc3041
apply_rc 0
# ifup-ipv6, no IPV6FORWARDING: IPV6_AUTOCONF=no makes autoconf=0,
# accept_redirects=0 and (no IPV6_FORCE_ACCEPT_RA) accept_ra=0;
# IPV6_PRIVACY=rfc3041: `sysctl -w net.ipv6.conf.DEV.use_tempaddr=2`.
assert_eq "the sysctls" "$(v6_sysctls bond0)" \
	"forwarding=0 accept_ra=0 accept_redirects=0 autoconf=0 use_tempaddr=2"
check "2001:db8:1::1 is permanent" addr_permanent bond0 2001:db8:1::1

key "IPV6FORWARDING=yes: the sysctls"
fresh IPV6ADDR=2001:db8:1::1/64 IPV6FORWARDING=yes
apply_rc 0
# ifup-ipv6, IPV6FORWARDING true: forwarding=1 (IPV6_ROUTER not false),
# accept_ra=0, accept_redirects=0, autoconf=0 (IPV6_AUTOCONF not true).
assert_eq "the sysctls" "$(v6_sysctls bond0)" \
	"forwarding=1 accept_ra=0 accept_redirects=0 autoconf=0 use_tempaddr=${DEFAULTS##*=}"
bond_down bond0
l3_end
