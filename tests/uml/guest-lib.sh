# shellcheck shell=bash
# Guest-side helpers for the real-kernel cases (sourced inside UML).
#
# Writes go only to tmpfs (/tmp, /run) and to $UML_RESULTS.  Every command a
# case runs is echoed with its output and exit status, so a failing case's
# log says what happened.

BONDCFG=${BONDCFG:-$UML_TOP/bondcfg}
CASE_FAILED=0
# The ifcfg directory of the current case (cfg_init).
CFG=/tmp/ifcfg
PEER=peer

CASE_T0=${EPOCHREALTIME/./}
log() { printf '%s\n' "$*"; }
# stamp TEXT: a log line with the time since the case started.
stamp() {
	local t=${EPOCHREALTIME/./}
	printf '[%6d ms] %s\n' $(((t - CASE_T0) / 1000)) "$*"
}
pass() { printf 'pass: %s\n' "$*"; }
fail() {
	printf 'FAIL: %s\n' "$*"
	CASE_FAILED=1
}
# die MSG: the case cannot go on; fail it now.
die() {
	printf 'FAIL (fatal): %s\n' "$*"
	exit 1
}
case_end() { exit "$CASE_FAILED"; }

# sub_result ok|fail NAME: one extra TAP line for this case (the runner
# prints it before the case's own line).
sub_result() {
	local st=$1
	shift
	if [ "$st" = ok ]; then
		printf 'ok - %s\n' "$*" >>"$CASE_TAP"
	else
		printf 'not ok - %s\n' "$*" >>"$CASE_TAP"
		CASE_FAILED=1
	fi
}

# In UML every fork costs ~80 ms: the helpers below use bash builtins
# where they can ($EPOCHREALTIME, read) instead of date, cat or sed.

# slurp VAR FILE: VAR = contents of FILE, trailing newline dropped (no fork).
slurp() {
	local -n _v=$1
	_v=
	[ -r "$2" ] && IFS= read -r -d '' _v <"$2"
	_v=${_v%$'\n'}
	return 0
}
# prefix PREFIX FILE: print FILE with PREFIX before every line (no fork).
prefix() {
	local l
	while IFS= read -r l || [ -n "$l" ]; do printf '%s%s\n' "$1" "$l"; done <"$2"
}

# run CMD...: echo CMD, run it; stdout in $OUT, stderr in $ERR, status in $RC.
run() {
	printf '$ %s\n' "$*"
	local t0=${EPOCHREALTIME/./}
	"$@" >/tmp/.run.out 2>/tmp/.run.err
	RC=$?
	local t1=${EPOCHREALTIME/./}
	slurp OUT /tmp/.run.out
	slurp ERR /tmp/.run.err
	prefix '  | ' /tmp/.run.out
	prefix '  ! ' /tmp/.run.err
	printf '  -> exit %s (%d ms)\n' "$RC" $(((t1 - t0) / 1000))
	return 0
}

# run_rc WANT CMD...: run, and fail unless the exit status is WANT.
run_rc() {
	local want=$1
	shift
	run "$@"
	if [ "$RC" != "$want" ]; then
		fail "'$*' exited $RC, expected $want"
		return 1
	fi
	return 0
}

# bc ARGS...: bondcfg on the case's ifcfg directory, bounded in time.
bc() {
	timeout 60 "$BONDCFG" --config-dir "$CFG" "$@"
}

# not CMD...: CMD fails (for check and wait_for).
not() { ! "$@"; }

# check DESC CMD...: CMD must succeed (quietly).
check() {
	local desc=$1
	shift
	if "$@" >/tmp/.chk.out 2>&1; then
		pass "$desc"
	else
		fail "$desc"
		prefix '  | ' /tmp/.chk.out
		return 1
	fi
}

# assert_eq DESC GOT WANT
assert_eq() {
	if [ "$2" == "$3" ]; then
		pass "$1 ($2)"
	else
		fail "$1: got '$2', expected '$3'"
		return 1
	fi
}

now_ms() {
	local t=${EPOCHREALTIME/./}
	echo $((t / 1000))
}

# wait_for SECONDS DESC CMD...: poll CMD every 0.1 s until it succeeds.
wait_for() {
	local secs=$1 desc=$2 t
	shift 2
	t=${EPOCHREALTIME/./}
	local end=$((t + secs * 1000000))
	while :; do
		if "$@" >/dev/null 2>&1; then
			t=${EPOCHREALTIME/./}
			pass "$desc ($(((t - end) / 1000 + secs * 1000)) ms)"
			return 0
		fi
		t=${EPOCHREALTIME/./}
		if [ "$t" -ge "$end" ]; then
			fail "$desc (not within ${secs}s)"
			return 1
		fi
		sleep 0.1
	done
}

# ---------------------------------------------------------------- topology

# links NAMEVAR [ip link show args]: names of links (no jq).
links() {
	local -n _l=$1
	shift
	local idx name rest
	_l=()
	while read -r idx name rest; do
		name=${name%:}
		_l+=("${name%@*}")
	done < <(ip -o link show "$@" 2>/dev/null)
}

# net_reset: delete every bond, veth, bridge, dummy and namespace; wait
# until only lo is left.
net_reset() {
	local l i all
	ip -all netns delete 2>/dev/null
	links all type bond
	: >/tmp/.reset.batch
	for l in "${all[@]}"; do echo "link del $l" >>/tmp/.reset.batch; done
	links all
	for l in "${all[@]}"; do [ "$l" = lo ] || echo "link del $l" >>/tmp/.reset.batch; done
	ip -force -batch /tmp/.reset.batch >/dev/null 2>&1
	for ((i = 0; i < 100; i++)); do
		links all
		[ "${#all[@]}" = 1 ] && break
		sleep 0.1
	done
	rm -rf "$CFG" /tmp/.run.* /tmp/.chk.* /tmp/mon.* /tmp/.reset.batch
	if [ "${#all[@]}" != 1 ]; then
		echo "net_reset: links left over: ${all[*]}"
		return 1
	fi
}

# topo_ports N: namespace $PEER, and N veth pairs: bp0..bpN-1 here (down,
# as a NIC is before ifup), pp0..ppN-1 in $PEER (up).  The bp ports are
# brought up and down once first: a link that was never up shows qdisc
# "noop", and "noqueue" forever after its first up, which would make
# before/after dumps differ for a reason that has nothing to do with bondcfg.
topo_ports() {
	local n=$1 i
	ip netns add "$PEER" || die "ip netns add $PEER"
	: >/tmp/.topo.batch
	: >/tmp/.topo-peer.batch
	: >/tmp/.topo-prime.batch
	: >/tmp/.topo-prime2.batch
	for i in $(seq 0 $((n - 1))); do
		echo "link add bp$i type veth peer name pp$i netns $PEER" >>/tmp/.topo.batch
		echo "link set pp$i up" >>/tmp/.topo-peer.batch
		echo "link set bp$i up" >>/tmp/.topo-prime.batch
		echo "link set bp$i down" >>/tmp/.topo-prime2.batch
	done
	echo "link set lo up" >>/tmp/.topo-peer.batch
	ip -batch /tmp/.topo.batch || die "creating veth pairs"
	ip -n "$PEER" -batch /tmp/.topo-peer.batch || die "setting peers up"
	ip -batch /tmp/.topo-prime.batch || die "priming ports"
	ip -batch /tmp/.topo-prime2.batch || die "priming ports"
}

# peer_bridge ADDR/PREFIX [N]: in $PEER, a bridge br0 holding pp0..ppN-1
# (STP off, so ports forward at once) with the address.
peer_bridge() {
	local addr=$1 n=${2:-2} i
	ip -n "$PEER" link add br0 type bridge stp_state 0 forward_delay 0 || die "peer bridge"
	for i in $(seq 0 $((n - 1))); do
		ip -n "$PEER" link set "pp$i" master br0 || die "pp$i master br0"
	done
	ip -n "$PEER" addr add "$addr" dev br0
	ip -n "$PEER" link set br0 up
}

# peer_bond ADDR/PREFIX N IP-LINK-BOND-ARGS...: in $PEER, bond pbond of
# pp0..ppN-1 configured with ip(8), holding the address.
peer_bond() {
	local addr=$1 n=$2 i
	shift 2
	ip -n "$PEER" link add pbond type bond "$@" || die "peer bond"
	for i in $(seq 0 $((n - 1))); do
		ip -n "$PEER" link set "pp$i" down
		ip -n "$PEER" link set "pp$i" master pbond || die "pp$i master pbond"
	done
	ip -n "$PEER" addr add "$addr" dev pbond
	ip -n "$PEER" link set pbond up
}

# ping_peer ADDR: a few pings must get through (bounded).
ping_ok() {
	ping -c 2 -i 0.2 -W 2 -q "$1" >/tmp/.ping.out 2>&1
}

# --------------------------------------------------------------- ifcfg files

cfg_init() {
	rm -rf "$CFG"
	mkdir -p "$CFG"
}

# cfg_bond NAME BONDING_OPTS [KEY=VALUE...]
cfg_bond() {
	local name=$1 opts=$2 kv
	shift 2
	{
		echo "DEVICE=$name"
		echo "NAME=$name"
		echo "TYPE=Bond"
		echo "BONDING_MASTER=yes"
		echo "BONDING_OPTS=\"$opts\""
		echo "ONBOOT=yes"
		echo "BOOTPROTO=none"
		for kv in "$@"; do echo "$kv"; done
	} >"$CFG/ifcfg-$name"
}

# cfg_port NAME BOND [KEY=VALUE...]
cfg_port() {
	local name=$1 bond=$2 kv
	shift 2
	{
		echo "DEVICE=$name"
		echo "NAME=$name"
		echo "TYPE=Ethernet"
		echo "MASTER=$bond"
		echo "SLAVE=yes"
		echo "ONBOOT=yes"
		echo "BOOTPROTO=none"
		for kv in "$@"; do echo "$kv"; done
	} >"$CFG/ifcfg-$name"
}

show_cfg() {
	local f
	for f in "$CFG"/ifcfg-*; do
		echo "--- $f"
		prefix '  ' "$f"
	done
}

# ------------------------------------------------------------- kernel state

# state_dump FILE: everything the kernel says about links, addresses and
# routes (all tables, both families), in one ip(8) run.  The route list is
# sorted: the kernel lists routes of one prefix in the order they were
# added, so a port whose link went down and up again would move its
# fe80::/64 route without anything having changed.  Links and addresses are
# kept in the kernel's order (address order decides the primary address).
state_dump() {
	printf 'link show\naddr show\nroute show table all\n' >/tmp/.dump.batch
	ip -d -j -batch /tmp/.dump.batch | jq -c -s '.[0], .[1], (.[2] | sort_by(tostring))' >"$1"
}

# state_same DESC BEFORE AFTER: byte-identical (waiting up to 3 s for the
# kernel's own asynchronous work: DAD, carrier, linkwatch), else print the
# difference.
state_same() {
	local i a b
	slurp a "$2"
	for i in 1 2 3 4 5 6; do
		slurp b "$3"
		[ "$a" == "$b" ] && break
		sleep 0.2
		settle
		state_dump "$3"
	done
	if [ "$a" == "$b" ]; then
		pass "$1"
		return 0
	fi
	fail "$1"
	echo "  difference (before -> after):"
	diff <(jq -S . <"$2" 2>/dev/null || cat "$2") <(jq -S . <"$3" 2>/dev/null || cat "$3") |
		head -120 | sed 's/^/  /'
	return 1
}

# sysfs BOND OPT: /sys/class/net/BOND/bonding/OPT
sysfs() {
	local v
	[ -r "/sys/class/net/$1/bonding/$2" ] || return 1
	slurp v "/sys/class/net/$1/bonding/$2"
	printf '%s\n' "$v"
}
# sysfs_get VAR BOND OPT: the same without a fork.
sysfs_get() {
	local -n _s=$1
	_s="(no sysfs file)"
	[ -r "/sys/class/net/$2/bonding/$3" ] || return 1
	slurp "$1" "/sys/class/net/$2/bonding/$3"
}

bond_slaves() { sysfs "$1" slaves; }
active_slave() { sysfs "$1" active_slave; }
link_master() { ip -j link show dev "$1" | jq -r '.[0].master // ""'; }
link_mac() { ip -j link show dev "$1" | jq -r '.[0].address'; }
link_ifindex() { ip -j link show dev "$1" | jq -r '.[0].ifindex'; }
link_exists() { ip link show dev "$1" >/dev/null 2>&1; }

# no_tentative: no IPv6 address still doing DAD (they change when it ends).
# Reads /proc/net/if_inet6 (flags: IFA_F_TENTATIVE 0x40), without a fork.
no_tentative() {
	local addr idx plen scope flags name
	while read -r addr idx plen scope flags name; do
		(((16#$flags & 0x40) != 0)) && return 1
	done </proc/net/if_inet6
	return 0
}

# links_settled: every admin-up link's operstate agrees with its carrier.
# Carrier changes at once, but operstate (in every dump) follows through the
# kernel's linkwatch, up to a second later.  No forks: reads sysfs directly.
links_settled() {
	local d fl car op
	for d in /sys/class/net/*; do
		[ -d "$d" ] || continue # bonding_masters is a file
		read -r fl <"$d/flags" 2>/dev/null || continue
		(((fl & 1) != 0)) || continue
		read -r car <"$d/carrier" 2>/dev/null || continue
		read -r op <"$d/operstate" 2>/dev/null || continue
		if [ "$car" = 1 ]; then
			[ "$op" = up ] || [ "$op" = unknown ] || return 1
		else
			[ "$op" != up ] || return 1
		fi
	done
	return 0
}

# settle: wait (bounded) until DAD is over and operstates have caught up
# with carrier, so that nothing changes on its own.
settle() {
	local i
	for ((i = 0; i < 50; i++)); do
		no_tentative && links_settled && return 0
		sleep 0.1
	done
	echo "settle: IPv6 DAD or link state still changing after 5 s"
}

# --------------------------------------------------------- netlink monitor

# mon_start: `ip -o monitor link address`, proven listening by a marker
# event; mon_stop: a second marker proves every earlier event was read.
# mon_events then prints the events in between (markers excluded).
MON_PID=
mon_marker() { # NAME
	ip link add "$1" type dummy && ip link del "$1"
	local i
	for i in $(seq 50); do
		grep -q "Deleted.*$1" /tmp/mon.raw && return 0
		sleep 0.1
	done
	echo "monitor: marker $1 not seen"
	return 1
}
mon_start() {
	: >/tmp/mon.raw
	ip -o monitor link address >/tmp/mon.raw 2>&1 &
	MON_PID=$!
	sleep 0.2
	mon_marker monmark0 || die "ip monitor does not work"
}
mon_stop() {
	mon_marker monmark1
	kill "$MON_PID" 2>/dev/null
	wait "$MON_PID" 2>/dev/null
	local l on=0
	: >/tmp/mon.events
	MON_COUNT=0
	while IFS= read -r l; do
		case $l in
		*monmark0*) on=1 ;;
		*monmark1*) on=0 ;;
		*) if [ $on = 1 ] && [ -n "$l" ]; then
			printf '%s\n' "$l" >>/tmp/mon.events
			MON_COUNT=$((MON_COUNT + 1))
		fi ;;
		esac
	done </tmp/mon.raw
}
# quiet: wait (at most 15 s) until no link or address event has come for
# 1 s (DAD ending, LACP port states settling), so that a later monitor
# sees only what the command under test does.
quiet() {
	local pid size last=-1 still=0 i
	settle
	ip -o monitor link address >/tmp/mon.quiet 2>&1 &
	pid=$!
	for i in $(seq 60); do
		sleep 0.25
		size=$(stat -c %s /tmp/mon.quiet)
		if [ "$size" = "$last" ]; then
			still=$((still + 1))
			[ $still -ge 4 ] && break
		else
			still=0
			last=$size
		fi
	done
	kill "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	[ $still -ge 4 ] || echo "quiet: events still coming after 15 s"
}
mon_show() {
	local l
	while IFS= read -r l; do printf '  event: %.200s\n' "$l"; done </tmp/mon.events
}

# ------------------------------------------------------------- /proc/net/bonding

# lacp_ok BOND N: N ports, all in the active aggregator, partner MAC known.
lacp_ok() {
	[ -r "/proc/net/bonding/$1" ] || return 1
	awk -v n="$2" '
		/^Active Aggregator Info:/ { sect = "active"; next }
		/^Slave Interface:/ { sect = "port"; ports++; next }
		sect == "active" && /Aggregator ID:/ { aid = $NF }
		sect == "active" && /Number of ports:/ { np = $NF }
		sect == "active" && /Partner Mac Address:/ { pmac = $NF }
		sect == "port" && /^Aggregator ID:/ { if ($NF == "") bad = 1; agg[ports] = $NF }
		END {
			if (ports != n || np != n || pmac == "" || pmac == "00:00:00:00:00:00") exit 1
			for (i = 1; i <= ports; i++) if (agg[i] != aid) exit 1
			exit bad
		}' "/proc/net/bonding/$1"
}

# ------------------------------------------------------------- bondcfg status

# status_active BOND: the active port `bondcfg --json status BOND` reports.
status_active() {
	bc --json status "$1" 2>/dev/null |
		jq -r --arg b "$1" '(.bonds // [.])[] | select(.name == $b) |
			(.active_port // .active_slave // .active // "") | if type == "object" then .name else . end'
}
