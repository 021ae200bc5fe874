# desc: s0. (measurement) bondcfg next to a real NetworkManager that manages the ports: what NM does to the bond within 60 s
# cost: 90
# timeout: 240
# shellcheck shell=bash source=tests/uml/nm-lib.sh
. "$UML_TOP/tests/uml/nm-lib.sh"
trap nm_teardown EXIT

# A measurement, not a test: it records what NetworkManager does to a bond
# bondcfg made (timeline of link and address events, NM's device states,
# the Flags of NM's own connections), and what NM makes of a conf.d file
# with "unmanaged-devices+=".  It fails nothing but its own set-up.

topo_ports 2
peer_bridge 192.0.2.2/24
nm_start
# NM sees bp0/bp1 (down, as a NIC before ifup) and activates its
# auto-default "Wired connection N" on each.
sleep 3
nm_show
for d in bp0 bp1; do
	p=$(nm_conn_path "$d") && log "$d: active profile $p '$(nm_active_id "$d")' Flags=$(nm_conn_flags "$p")"
done

cfg_init
cfg_bond bond0 "mode=active-backup miimon=100" IPADDR=192.0.2.1 PREFIX=24
cfg_port bp0 bond0
cfg_port bp1 bond0
ip -ts -o monitor link address >/tmp/nm-timeline 2>&1 &
tl=$!
sleep 0.3
stamp "apply"
run bc apply
t0=$(now_ms)
sample() {
	local d out="" v
	for d in bp0 bp1; do
		v=$(readlink "/sys/class/net/$d/master" 2>/dev/null)
		out="$out $d:master=${v##*/}"
	done
	slurp v /sys/class/net/bond0/carrier 2>/dev/null
	out="$out bond0:carrier=$v"
	out="$out | $(ip -br addr show | grep -E '^(bond0|bp[01])' | tr -s ' ' | paste -sd'|')"
	out="$out | NM: $(nmcli -t -f DEVICE,STATE,CONNECTION device 2>/dev/null | grep -E '^(bond0|bp[01]):' | paste -sd' ')"
	printf '[+%6d ms]%s\n' $(($(now_ms) - t0)) "$out"
}
for ((i = 0; i < 70; i++)); do
	sample
	sleep 0.5
done
kill "$tl"
wait "$tl" 2>/dev/null
log "--- timeline (ip -ts monitor link address, from just before apply)"
prefix '  ' /tmp/nm-timeline
nm_show
for d in bond0 bp0 bp1; do
	p=$(nm_conn_path "$d") && log "$d: active profile $p '$(nm_active_id "$d")' Flags=$(nm_conn_flags "$p")"
done
run bc status bond0

log "--- conf.d: unmanaged-devices+= from /run/NetworkManager/conf.d"
mkdir -p /run/NetworkManager/conf.d
printf '[keyfile]\nunmanaged-devices+=interface-name:bond0;interface-name:bp0;interface-name:bp1\n' \
	>/run/NetworkManager/conf.d/90-bondcfg.conf
run NetworkManager --print-config
t1=$(now_ms)
run nm_reload_conf
for ((i = 0; i < 30; i++)); do
	nm_unmanaged bp0 && nm_unmanaged bp1 && nm_unmanaged bond0 && break
	sleep 0.1
done
log "unmanaged after $(($(now_ms) - t1)) ms"
nm_show
log "--- a user's own unmanaged-devices= (no +) in /etc/NetworkManager/conf.d"
printf '[keyfile]\nunmanaged-devices=interface-name:eth9\n' >/etc/NetworkManager/conf.d/50-user.conf
run NetworkManager --print-config
rm -f /etc/NetworkManager/conf.d/50-user.conf
case_end
