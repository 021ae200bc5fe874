# desc: measurement: Reload(1) while NM activates the ports, then enslaving at once with ip(8)
# cost: 60
# timeout: 240
# shellcheck shell=bash source=tests/uml/nm-lib.sh
. "$UML_TOP/tests/uml/nm-lib.sh"
trap nm_teardown EXIT

topo_ports 2
peer_bridge 192.0.2.2/24
nm_start
sleep 2
nm_show
log "=== 1. a user profile on bp0: its Flags"
nm_add_profile eth-bp0 bp0
p=$(nm_conn_path bp0) && log "bp0: active profile $p '$(nm_active_id bp0)' Flags=$(nm_conn_flags "$p")"
p=$(nm_conn_path bp1) && log "bp1: active profile $p '$(nm_active_id bp1)' Flags=$(nm_conn_flags "$p")"
run busctl introspect org.freedesktop.NetworkManager "$p" org.freedesktop.NetworkManager.Settings.Connection
nm_show
run ip -d addr show bp0
run ip -d addr show bp1
run cat /proc/sys/net/ipv6/conf/bp0/addr_gen_mode /proc/sys/net/ipv6/conf/bp1/addr_gen_mode

log "=== 2. conf.d + Reload(1), then at once what bondcfg does, with ip(8)"
ip link add bond0 type bond mode active-backup miimon 100
ip -ts -o monitor link address >/tmp/tl 2>&1 &
tl=$!
sleep 0.3
mkdir -p /run/NetworkManager/conf.d
printf '[keyfile]\nunmanaged-devices+=interface-name:bond0;interface-name:bp0;interface-name:bp1\n' \
	>/run/NetworkManager/conf.d/90-bondcfg.conf
log "reload at $(date +%T.%N)"
busctl call org.freedesktop.NetworkManager /org/freedesktop/NetworkManager org.freedesktop.NetworkManager Reload u 1
log "reload returned at $(date +%T.%N)"
ip link set bp0 down
ip link set bp0 master bond0
ip link set bp1 down
ip link set bp1 master bond0
ip link set bond0 up
ip addr add 192.0.2.1/24 dev bond0
log "enslaved at $(date +%T.%N)"
sleep 5
kill "$tl"
wait "$tl" 2>/dev/null
prefix '  ' /tmp/tl
nm_show
run ip -d link show bp0
run ip addr show
run cat /proc/sys/net/ipv6/conf/bp0/addr_gen_mode /proc/sys/net/ipv6/conf/bp1/addr_gen_mode /proc/sys/net/ipv6/conf/bond0/addr_gen_mode
run cat /sys/class/net/bond0/bonding/slaves
p=$(nm_conn_path bp0) && log "bp0 still: $p"

log "=== 3. NM restart with the file in place"
ip -ts -o monitor link address >/tmp/tl 2>&1 &
tl=$!
nm_restart
sleep 10
kill "$tl"
wait "$tl" 2>/dev/null
prefix '  ' /tmp/tl
nm_show
run cat /sys/class/net/bond0/bonding/slaves

log "=== 4. give back: file emptied, Reload(1)"
ip -ts -o monitor link address >/tmp/tl 2>&1 &
tl=$!
rm /run/NetworkManager/conf.d/90-bondcfg.conf
run nm_reload_conf
sleep 4
kill "$tl"
wait "$tl" 2>/dev/null
prefix '  ' /tmp/tl
nm_show
run cat /sys/class/net/bond0/bonding/slaves
case_end
