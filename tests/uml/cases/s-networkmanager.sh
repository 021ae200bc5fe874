# desc: s. next to a real NetworkManager that manages the ports (DHCP on them, as on RHEL): an NM-active user profile on a port makes apply and check refuse, nothing changed; apply keeps NM off (conf.d unmanaged-devices, Reload): 30 s later and after an NM restart the bond is intact, unmanaged, no NM event; status lists the devices; down gives them back
# cost: 110
# timeout: 420
# shellcheck shell=bash source=tests/uml/l3-lib.sh
. "$UML_TOP/tests/uml/l3-lib.sh"
# shellcheck source=tests/uml/nm-lib.sh
. "$UML_TOP/tests/uml/nm-lib.sh"
trap 'nm_teardown; l3_cleanup' EXIT

# Without bondcfg keeping it off (measured with NetworkManager 1.42), NM
# assumes the bond bondcfg creates as an "external" device within a second,
# keeps its own DHCP activation running on the ports, and when that fails
# it releases both ports from the bond: bond0 is left without ports and
# without carrier.  NetworkManager.conf(5), [keyfile] unmanaged-devices:
# "Set devices that should be ignored by NetworkManager"; "+=" appends to
# the list (FILE FORMAT), and /run/NetworkManager/conf.d is read at start
# and on Reload (org.freedesktop.NetworkManager.Reload, flag 0x1: the
# configuration).

# NM's timers shortened (NetworkManager.conf(5), [connection] section,
# defaults of every profile, the auto-default ones too): an auto-default
# activation on a port without DHCP server or router now fails 15 s after
# it began, not 45 s: without bondcfg's protection, NM would release the
# ports within the 30 s this case watches the bond.
NM_CONF_EXTRA=$'[connection]\nipv4.dhcp-timeout=15\nipv6.ra-timeout=10'
NM_FILE=/run/NetworkManager/conf.d/90-bondcfg.conf

topo_ports 2
peer_bridge 192.0.2.2/24
cfg_init
cfg_bond bond0 "mode=active-backup miimon=100" IPADDR=192.0.2.1 PREFIX=24
cfg_port bp0 bond0
cfg_port bp1 bond0
show_cfg

# ------------------------------------------------------------- helpers

# v6_explode ADDR: ADDR with all eight groups, each without leading zeros.
v6_explode() {
	local a=$1 head tail i
	local -a h=() t=() g=()
	if [[ $a == *::* ]]; then
		head=${a%%::*}
		tail=${a#*::}
	else
		head=$a
		tail=
	fi
	IFS=: read -r -a h <<<"$head"
	IFS=: read -r -a t <<<"$tail"
	g=("${h[@]}")
	for ((i = ${#h[@]} + ${#t[@]}; i < 8; i++)); do g+=(0); done
	g+=("${t[@]}")
	for ((i = 0; i < 8; i++)); do g[i]=$(printf '%x' "$((16#${g[i]}))"); done
	local IFS=:
	printf '%s\n' "${g[*]}"
}
# eui64_ll MAC: the IPv6 link-local address the kernel derives from MAC
# (addr_gen_mode eui64, RFC 4291 appendix A), exploded.
eui64_ll() {
	local -a m
	IFS=: read -r -a m <<<"$1"
	printf 'fe80:0:0:0:%x:%x:%x:%x\n' $(((16#${m[0]} ^ 2) << 8 | 16#${m[1]})) \
		$((16#${m[2]} << 8 | 0xff)) $((0xfe << 8 | 16#${m[3]})) $((16#${m[4]} << 8 | 16#${m[5]}))
}
# dev_addrs DEV: every address on DEV, IPv6 link-local ones exploded
# (from l3_snap).
dev_addrs() {
	local t d f a rest out=
	while read -r t d f a rest; do
		[[ $t == A && $d == "$1" ]] || continue
		[[ $a == fe80:* ]] && a=$(v6_explode "$a")
		out="$out${out:+ }$a"
	done <<<"$L3_SNAP"
	printf '%s\n' "$out"
}
# port_ok DEV: DEV is admin up, has carrier, and the bond sees its link up.
port_ok() {
	local car mii
	[ "$(link_flag "$1" UP)" = true ] || {
		echo "$1 is not up"
		return 1
	}
	slurp car "/sys/class/net/$1/carrier"
	slurp mii "/sys/class/net/$1/bonding_slave/mii_status"
	[ "$car" = 1 ] && [ "$mii" = up ] && return 0
	echo "$1: carrier '$car', mii_status '$mii'"
	return 1
}
nm_active_is() { # DEV ID
	[ "$(nm_active_id "$1")" = "$2" ]
}
carrier() {
	local c
	slurp c "/sys/class/net/$1/carrier"
	printf '%s\n' "$c"
}
# nm_names DEV...: NetworkManager's conf.d file of bondcfg names every DEV.
file_names() {
	local d v
	slurp v "$NM_FILE"
	for d in "$@"; do
		contains "$v" "interface-name:$d" || {
			echo "$NM_FILE does not name $d:"
			echo "$v"
			return 1
		}
	done
}
file_lacks() {
	local d v
	slurp v "$NM_FILE"
	for d in "$@"; do
		[[ $v != *"interface-name:$d"[\;$'\n']* && $v != *"interface-name:$d" ]] || {
			echo "$NM_FILE still names $d:"
			echo "$v"
			return 1
		}
	done
}

# bond_intact WHEN: the kernel's bond is as applied, NetworkManager runs
# and leaves it alone.
bond_intact() {
	local w=$1 d
	check "$w: bond0's ports are bp0 and bp1" eq "$(bond_slaves bond0)" "bp0 bp1"
	for d in bp0 bp1; do
		check "$w: $d is up, with carrier, its link up in the bond" port_ok "$d"
	done
	check "$w: bond0 has carrier" eq "$(carrier bond0)" 1
	l3_snap
	# The ports of a bond get no address from the kernel (addrconf skips
	# IFF_SLAVE devices); what NM adds there is its own.  bond0 has the
	# configured address and the link-local one the kernel derives from its
	# MAC, nothing from NM (NM's own link-local addresses are
	# stable-privacy ones, with noprefixroute).
	check "$w: no address on bp0" eq "$(dev_addrs bp0)" ""
	check "$w: no address on bp1" eq "$(dev_addrs bp1)" ""
	check "$w: bond0's addresses: 192.0.2.1/24 and the kernel's own link-local one" \
		eq "$(dev_addrs bond0)" "192.0.2.1 $(eui64_ll "$(link_mac bond0)")"
	check "$w: ping 192.0.2.2 through bond0" ping_ok 192.0.2.2
	check "$w: NetworkManager is running" nm_running
	nm_states
	for d in bond0 bp0 bp1; do
		check "$w: nmcli device: $d unmanaged" eq "${NM_STATE[$d]:-absent}" unmanaged
	done
}
# no_events WHEN: mon_stop, and not a link or address event since mon_start.
no_events() {
	mon_stop
	if [ "$MON_COUNT" = 0 ]; then
		pass "$1: no link or address event"
	else
		fail "$1: no link or address event ($MON_COUNT seen)"
		mon_show
	fi
}

# ------------------------------------------------------------- the case

nm_start
# As at boot on RHEL: NM activates its auto-default "Wired connection N"
# (DHCP) on each port.
wait_for 30 "NetworkManager activates an auto-default profile on bp0 and bp1" nm_connecting bp0 bp1
nm_show

key "an NM-active user profile on bp0: apply and check refuse, naming NetworkManager, bp0 and the profile; nothing changed"
# bp1's peer down for this part: NM keeps bp1 "unavailable" (no carrier, no
# activation), so that nothing of NM's own changes the kernel's state
# while it is compared; bp0 gets an administrator's profile.
ip -n "$PEER" link set pp1 down
nm_add_profile eth-bp0 bp0 ipv4.method manual ipv4.addresses 198.51.100.10/24 ipv6.method disabled
p=$(nm_conn_path bp0)
# NMSettingsConnectionFlags (D-Bus API): a profile from a file has none
# of NM_GENERATED (0x2) and EXTERNAL (0x8).
assert_eq "eth-bp0's Settings.Connection Flags" "$(nm_conn_flags "$p")" 0
wait_for 10 "NetworkManager: bp1 unavailable" nm_state_is bp1 unavailable
quiet
state_dump /tmp/nm.before
run bc apply
# exit 1: "the configuration has errors; nothing was changed" (bondcfg(8))
assert_eq "apply refuses" "$RC" 1
apply_err=$ERR
assert_in "the error names NetworkManager" "$ERR" NetworkManager
assert_in "the error names bp0" "$ERR" bp0
assert_in "the error names the profile eth-bp0" "$ERR" eth-bp0
state_dump /tmp/nm.after
state_same "the kernel's state is unchanged" /tmp/nm.before /tmp/nm.after
check "no $NM_FILE" not test -e "$NM_FILE"
assert_eq "NetworkManager still has eth-bp0 active on bp0" "$(nm_active_id bp0)" eth-bp0
check "no bond0" not link_exists bond0
run bc check
if [ "$RC" != 0 ]; then pass "check reports it (exit $RC)"; else fail "check exits 0"; fi
assert_in "check names NetworkManager" "$OUT$ERR" NetworkManager
assert_in "check names bp0" "$OUT$ERR" bp0
assert_in "check names eth-bp0" "$OUT$ERR" eth-bp0

key "apply while NM's auto-default DHCP activation runs on a port: NM is told to leave bond0, bp0, bp1 alone"
# The administrator hands bp0 over with the commands the error gives
# ('nmcli connection down ...', 'nmcli connection modify ... autoconnect
# no'), run as given; bp1 gets its carrier back, and with it NM's
# auto-default DHCP activation.
n=0
while IFS= read -r c; do
	read -r -a argv <<<"$c"
	run_rc 0 "${argv[@]}"
	n=$((n + 1))
done < <(grep -o "'nmcli [^']*'" <<<"$apply_err" | tr -d "'")
if [ "$n" -gt 0 ]; then
	pass "the error gives $n nmcli command(s) to hand bp0 over"
else
	fail "the error gives no nmcli command to hand bp0 over"
fi
ip -n "$PEER" link set pp1 up
wait_for 30 "NetworkManager activates an auto-default profile on bp1 again" nm_connecting bp1
wait_for 10 "NetworkManager no longer has eth-bp0 active on bp0" not nm_active_is bp0 eth-bp0
for d in bp0 bp1; do
	p=$(nm_conn_path "$d") && log "$d: '$(nm_active_id "$d")' Flags=$(nm_conn_flags "$p")"
done
apply_rc 0 || die "apply failed"
t_applied=$(now_ms)
check "$NM_FILE names bond0, bp0 and bp1" file_names bond0 bp0 bp1
log "--- $NM_FILE"
prefix '  ' "$NM_FILE"
check "$NM_FILE appends to unmanaged-devices (+=)" grep -q '^unmanaged-devices+=' "$NM_FILE"
wait_for 5 "nmcli device: bond0, bp0 and bp1 unmanaged" nm_unmanaged bond0 bp0 bp1
nm_show

key "30 s after apply: the bond is intact, NM runs and left it alone"
settle
mon_start
# What NetworkManager did without bondcfg's file (dropping the ports when
# its DHCP activation failed) would fall in these 30 s.
rest=$((t_applied + 30000 - $(now_ms)))
log "waiting $((rest / 1000)) s more"
[ "$rest" -gt 0 ] && sleep "$((rest / 1000)).$(printf '%03d' $((rest % 1000)))"
no_events "30 s after apply"
bond_intact "30 s after apply"

key "NetworkManager restarted: the bond is intact and unmanaged, no event, 10 s after"
mon_start
nm_restart
sleep 10
no_events "NM restart and 10 s"
bond_intact "after an NM restart"

key "status lists the devices NetworkManager was told to leave alone"
run_rc 0 bc status bond0
assert_in "status: NetworkManager leaves alone bond0, bp0, bp1" "$OUT" "NetworkManager leaves alone: bond0, bp0, bp1"
run_rc 0 bc --json status bond0
assert_eq "status --json: networkmanager_unmanaged" \
	"$(jq -c '(.bonds // [.])[] | select(.name == "bond0") | .networkmanager_unmanaged' <<<"$OUT")" \
	'["bond0","bp0","bp1"]'

key "down gives bond0's devices back to NetworkManager"
bond_down bond0
check "bond0 is gone" not link_exists bond0
check "$NM_FILE no longer names bond0, bp0, bp1" file_lacks bond0 bp0 bp1
wait_for 10 "NetworkManager manages bp0 and bp1 again" nm_managed bp0 bp1
nm_show
check "NetworkManager is running" nm_running
l3_end
