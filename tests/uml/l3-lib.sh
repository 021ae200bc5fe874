# shellcheck shell=bash
# Helpers of the layer-3 cases (tests/uml/cases/l-* to q-*), sourced by each
# after guest-lib.sh.  Every query reads the kernel (ip -j, /proc/sys), so
# that the cases assert what ifup would have left there, not what bondcfg
# says it did.  The initscripts functions the expectations come from are
# cited at the assertions, in the cases.

# bondcfg reads DIR/../network as initscripts reads /etc/sysconfig/network
# (sourced by ifup, ifup-eth and ifup-ipv6 before the ifcfg file).
NETFILE=${CFG%/*}/network
shopt -s extglob

# What net_reset does not undo: the network file, the ethtool spy, and the
# policy rules (the kernel keeps a rule after its device is gone).
l3_cleanup() {
	rm -f "$NETFILE"
	rm -rf /tmp/bin /tmp/ethtool.calls
	rules_flush
}
trap l3_cleanup EXIT

# ------------------------------------------------------------ TAP groups

# key NAME: the checks that follow (up to the next key or l3_end) are one
# TAP line named NAME: ok if none of them failed.
KEY=
KEY_SAVED=0
KB_FAILED=0
key() {
	key_end
	KEY=$*
	KEY_SAVED=$CASE_FAILED
	CASE_FAILED=0
	log ""
	stamp "=== $KEY"
}
key_end() {
	[ -n "$KEY" ] || return 0
	if [ "$CASE_FAILED" = 0 ]; then
		printf 'ok - %s\n' "$KEY" >>"$CASE_TAP"
	else
		printf 'not ok - %s\n' "$KEY" >>"$CASE_TAP"
	fi
	CASE_FAILED=$((CASE_FAILED | KEY_SAVED))
	KEY=
}

# known_bug DESC CMD...: a check that fails while a bondcfg bug is there
# (the "# KNOWN-BUG:" comment above the call says which).  It gets a TAP
# line of its own, "KNOWN-BUG: DESC", and fails the case, but not the key
# group it sits in.
known_bug() {
	local desc=$1
	shift
	if "$@" >/tmp/.chk.out 2>&1; then
		pass "$desc (marked KNOWN-BUG, but it passes now)"
		printf 'ok - KNOWN-BUG (fixed?): %s\n' "$desc" >>"$CASE_TAP"
	else
		printf 'FAIL (KNOWN-BUG): %s\n' "$desc"
		prefix '  | ' /tmp/.chk.out
		printf 'not ok - KNOWN-BUG: %s\n' "$desc" >>"$CASE_TAP"
		KB_FAILED=1
	fi
}

# l3_end: the case's last line.
l3_end() {
	key_end
	[ "$KB_FAILED" = 0 ] || CASE_FAILED=1
	case_end
}

# ------------------------------------------------------------ predicates

# eq GOT WANT: for check and known_bug.
eq() {
	[ "$1" == "$2" ] && return 0
	printf "got      '%s'\nexpected '%s'\n" "$1" "$2"
	return 1
}
# contains TEXT NEEDLE (no fork)
contains() { [[ $1 == *"$2"* ]]; }
# assert_in DESC TEXT NEEDLE: TEXT (bondcfg's output) holds NEEDLE.
assert_in() {
	if contains "$2" "$3"; then
		pass "$1"
	else
		fail "$1: '$3' not in: ${2//$'\n'/ | }"
	fi
}

# ------------------------------------------------------------ files

# net_file [KEY=VALUE...]: write the network file; no argument: remove it.
net_file() {
	local kv
	rm -f "$NETFILE"
	[ $# -gt 0 ] || return 0
	for kv in "$@"; do echo "$kv"; done >"$NETFILE"
	echo "--- $NETFILE"
	prefix '  ' "$NETFILE"
}

# cfg_set NAME KEY=VALUE...: set keys in ifcfg-NAME, in place of an
# assignment already there (bondcfg warns about a key assigned twice).
cfg_set() {
	local f=$CFG/ifcfg-$1 kv
	shift
	for kv in "$@"; do
		sed -i "/^${kv%%=*}=/d" "$f"
		echo "$kv" >>"$f"
	done
}
# cfg_unset NAME KEY...
cfg_unset() {
	local f=$CFG/ifcfg-$1 k
	shift
	for k in "$@"; do sed -i "/^$k=/d" "$f"; done
}

# cfg_file NAME LINE...: write $CFG/NAME (route-bond0, rule6-bond0, ...).
cfg_file() {
	local f=$CFG/$1
	shift
	printf '%s\n' "$@" >"$f"
	echo "--- $f"
	prefix '  ' "$f"
}

# ------------------------------------------------------------ kernel state

# l3_snap: read the kernel's addresses, routes and rules, once (two ip(8)
# runs and one jq: forks are slow in UML).  The queries below answer from
# that copy: run it again after every change (apply_rc does).  One
# `route show table all` lists both families; IPv6 routes are the ones
# with a "pref".
L3_SNAP=
printf 'addr show\nroute show table all\nrule show\n' >/tmp/.l3.batch
l3_snap() {
	ip -d -j -batch /tmp/.l3.batch >/tmp/.l3.json 2>/dev/null
	ip -6 -d -j rule show >>/tmp/.l3.json 2>/dev/null
	jq -r -s '
		def lft: if . == 4294967295 then "forever" else "\(.)s" end;
		def rt: select(.table != "local" and .type == "unicast") |
			"\(.dst) via=\(.gateway // "-") dev=\(.dev // "-") table=\(.table // "main")" +
			" proto=\(.protocol // "-") scope=\(.scope // "-") metric=\(.metric // 0)" +
			" src=\(.prefsrc // "-")";
		def ru: select(.protocol != "kernel") |
			"\(.priority) from=\(.src)\(if .srclen then "/\(.srclen)" else "" end)" +
			" to=\(.dst // "all")\(if .dstlen then "/\(.dstlen)" else "" end) table=\(.table)";
		(.[0][] | .ifname as $d | .addr_info[]? |
			"A \($d) \(.family) \(.local) \(.local)/\(.prefixlen) brd=\(.broadcast // "-")" +
			" scope=\(.scope) label=\(.label // "-") valid=\(.valid_life_time | lft)" +
			" preferred=\(.preferred_life_time | lft)"),
		(.[1] | map(select(has("pref") | not) | rt) | sort | .[] | "R4 \(.)"),
		(.[1] | map(select(has("pref")) | rt) | sort | .[] | "R6 \(.)"),
		(.[2][] | ru | "U4 \(.)"),
		(.[3][] | ru | "U6 \(.)")' /tmp/.l3.json >/tmp/.l3snap
	slurp L3_SNAP /tmp/.l3snap
}
# l3_show: the snapshot, for the log.
l3_show() {
	local l
	while IFS= read -r l; do printf '  | %s\n' "$l"; done <<<"$L3_SNAP"
}

# addrs inet|inet6 DEV: DEV's addresses of the family, "ADDR/LEN" in the
# kernel's order, space separated (IPv6 link-local ones left out).
addrs() {
	local t d f a rest out=
	while read -r t d f a rest; do
		[[ $t == A && $d == "$2" && $f == "$1" && $a != fe80:* ]] || continue
		out="$out${out:+ }${rest%% *}"
	done <<<"$L3_SNAP"
	printf '%s\n' "$out"
}
# has_addr / lacks_addr inet|inet6 DEV ADDR/LEN (the list on failure)
has_addr() {
	local l
	l=" $(addrs "$1" "$2") "
	[[ $l == *" $3 "* ]] && return 0
	printf '%s is not on %s:%s\n' "$3" "$2" "$l"
	return 1
}
lacks_addr() {
	local l
	l=" $(addrs "$1" "$2") "
	[[ $l != *" $3 "* ]] && return 0
	printf '%s is still on %s:%s\n' "$3" "$2" "$l"
	return 1
}
# addr_line DEV ADDR: "ADDR/LEN brd=B scope=S label=L valid=V preferred=P"
# (lifetimes "forever" or seconds), or nothing if DEV lacks ADDR.
addr_line() {
	local t d f a rest
	while read -r t d f a rest; do
		[ "$t" = A ] && [ "$d" = "$1" ] && [ "$a" = "$2" ] && printf '%s\n' "$rest"
	done <<<"$L3_SNAP"
	return 0
}

# addr_permanent DEV ADDR: the address is there with no lifetime.
addr_permanent() {
	local l
	l=$(addr_line "$1" "$2")
	contains "$l" "valid=forever preferred=forever" && return 0
	printf '%s on %s: "%s"\n' "$2" "$1" "$l"
	return 1
}

# routes 4|6 [DST]: the routes of every table but local (the kernel's
# "proto kernel" ones too), one line each, sorted:
#   DST via=GW dev=DEV table=T proto=P scope=S metric=M src=SRC
routes() {
	local l
	while IFS= read -r l; do
		[[ $l == "R$1 "* ]] || continue
		l=${l#R? }
		[ -z "${2:-}" ] || [ "${l%% *}" = "$2" ] || continue
		printf '%s\n' "$l"
	done <<<"$L3_SNAP"
}
# has_route 4|6 LINE: a line of routes is exactly LINE.
has_route() {
	[[ $'\n'$L3_SNAP$'\n' == *$'\n'"R$1 $2"$'\n'* ]] && return 0
	printf 'no route "%s" in:\n%s\n' "$2" "$(routes "$1")"
	return 1
}
# no_route 4|6 DST: no route to DST in any table.
no_route() {
	[[ $'\n'$L3_SNAP == *$'\n'"R$1 $2 "* ]] || return 0
	printf 'routes to %s:\n%s\n' "$2" "$(routes "$1" "$2")"
	return 1
}

# rules 4|6: the policy rules but the kernel's three, one line each:
#   PRIO from=SRC to=DST table=T
rules() {
	local l
	while IFS= read -r l; do
		[[ $l == "U$1 "* ]] && printf '%s\n' "${l#U? }"
	done <<<"$L3_SNAP"
	return 0
}
has_rule() {
	[[ $'\n'$L3_SNAP$'\n' == *$'\n'"U$1 $2"$'\n'* ]] && return 0
	printf 'no rule "%s" in:\n%s\n' "$2" "$(rules "$1")"
	return 1
}
no_rule() {
	[[ $'\n'$L3_SNAP$'\n' != *$'\n'"U$1 $2"$'\n'* ]] && return 0
	printf 'rule "%s" still there:\n%s\n' "$2" "$(rules "$1")"
	return 1
}
# has_rule_sel 4|6 SELECTOR: a rule "PRIO SELECTOR", whatever its priority.
has_rule_sel() {
	[[ $'\n'$L3_SNAP$'\n' == *$'\n'"U$1 "+([0-9])" $2"$'\n'* ]] && return 0
	printf 'no rule "N %s" in:\n%s\n' "$2" "$(rules "$1")"
	return 1
}
# rules_flush: delete every rule but the kernel's three, both families.
rules_flush() {
	local fam p
	for fam in 4 6; do
		for p in $(ip -"$fam" -d -j rule show 2>/dev/null | jq -r '.[] | select(.protocol != "kernel") | .priority'); do
			ip -"$fam" rule del priority "$p"
		done
	done
}

# link_flag DEV UP|NOARP: true or false, from sysfs (IFF_UP is the admin
# state).
link_flag() {
	local fl bit
	case $2 in UP) bit=1 ;; NOARP) bit=128 ;; *) return 2 ;; esac
	read -r fl <"/sys/class/net/$1/flags" 2>/dev/null || return 1
	if (((fl & bit) != 0)); then echo true; else echo false; fi
}
# sysctl4 / sysctl6 DEV NAME: net.ipv4|ipv6.conf.DEV.NAME
sysctl4() {
	local v
	slurp v "/proc/sys/net/ipv4/conf/$1/$2"
	printf '%s\n' "$v"
}
sysctl6() {
	local v
	slurp v "/proc/sys/net/ipv6/conf/$1/$2"
	printf '%s\n' "$v"
}
# v6_sysctls DEV: "forwarding accept_ra accept_redirects autoconf use_tempaddr"
v6_sysctls() {
	local n v out=
	for n in forwarding accept_ra accept_redirects autoconf use_tempaddr; do
		slurp v "/proc/sys/net/ipv6/conf/$1/$n"
		out="$out${out:+ }$n=$v"
	done
	printf '%s\n' "$out"
}

# state_dump_stable FILE: state_dump without what time changes on its own:
# the lifetimes of an address that has one, the expiry of a route.
state_dump_stable() {
	state_dump "$1"
	jq -c 'walk(if type == "object" then del(.expires) |
		if (.valid_life_time // 4294967295) != 4294967295
		then del(.valid_life_time, .preferred_life_time) else . end else . end)' \
		"$1" >"$1.tmp" && mv "$1.tmp" "$1"
}
# state_same_stable DESC BEFORE AFTER: state_same of two state_dump_stable
# dumps (AFTER taken again, up to 6 times, while the kernel settles).
state_same_stable() {
	local i a b
	slurp a "$2"
	for ((i = 0; i < 6; i++)); do
		slurp b "$3"
		[ "$a" == "$b" ] && break
		sleep 0.2
		settle
		state_dump_stable "$3"
	done
	if [ "$a" == "$b" ]; then
		pass "$1"
		return 0
	fi
	fail "$1"
	echo "  difference (before -> after):"
	diff <(jq -S . <"$2") <(jq -S . <"$3") | head -120 | sed 's/^/  /'
	return 1
}

# ------------------------------------------------------------ commands

# run_ms CMD...: run, and ELAPSED_MS = its wall time in ms.
run_ms() {
	local t0=${EPOCHREALTIME/./} t1
	run "$@"
	t1=${EPOCHREALTIME/./}
	# shellcheck disable=SC2034 # read by the cases
	ELAPSED_MS=$(((t1 - t0) / 1000))
}

# apply_rc WANT ARGS...: `bondcfg apply ARGS`, which must exit WANT; then
# l3_snap.
apply_rc() {
	local want=$1 r=0
	shift
	run_rc "$want" bc apply "$@" || r=1
	l3_snap
	return $r
}

# fail_each_step MIN [VAR RC]: apply with VAR=1, 2, ... (default
# BONDCFG_TEST_FAIL_STEP, the test build's fault injection) until a run
# succeeds; each failed run must exit RC (default 3) and leave the state as
# it was (state_same_stable); the plan must have more than MIN steps.
fail_each_step() {
	local min=$1 var=${2:-BONDCFG_TEST_FAIL_STEP} want=${3:-3} i n=0
	for i in $(seq 1 100); do
		quiet
		state_dump_stable /tmp/fes.before
		run env "$var=$i" "$BONDCFG" --config-dir "$CFG" apply
		if [ "$RC" = 0 ]; then
			n=$((i - 1))
			break
		fi
		assert_eq "$var=$i: exit $want (rolled back)" "$RC" "$want"
		state_dump_stable /tmp/fes.after
		state_same_stable "$var=$i: state as before" /tmp/fes.before /tmp/fes.after
	done
	if [ "$n" -gt "$min" ]; then
		pass "all $n steps of the plan were failed in turn"
	else
		fail "the plan had only $n steps"
	fi
}

# bond_down NAME: bondcfg down (nothing there is fine: exit 0 too).
bond_down() {
	run_rc 0 bc down "$1"
}

# ethtool_spy: from now on the bondcfg this case runs finds an ethtool that
# logs its arguments to /tmp/ethtool.calls (one run a line) and runs the
# real one.
ETHTOOL_REAL=$(command -v ethtool)
ethtool_spy() {
	mkdir -p /tmp/bin
	printf '#!/bin/sh\nprintf "%%s\\n" "$*" >>/tmp/ethtool.calls\nexec %s "$@"\n' \
		"$ETHTOOL_REAL" >/tmp/bin/ethtool
	chmod +x /tmp/bin/ethtool
	: >/tmp/ethtool.calls
	export PATH=/tmp/bin:$PATH
}
ethtool_calls() {
	local v
	slurp v /tmp/ethtool.calls
	printf '%s\n' "$v"
}
# feature DEV NAME: "on" or "off", as ethtool -k prints it.
feature() {
	"$ETHTOOL_REAL" -k "$1" | sed -n "s/^$2: \([a-z]*\).*/\1/p"
}

# mon_l3_start: mon_start, with routes and rules too (mon_stop, MON_COUNT
# and mon_show as for mon_start).
mon_l3_start() {
	: >/tmp/mon.raw
	ip -o monitor link address route rule >/tmp/mon.raw 2>&1 &
	# shellcheck disable=SC2034 # guest-lib.sh's mon_stop stops it
	MON_PID=$!
	sleep 0.2
	mon_marker monmark0 || die "ip monitor does not work"
}
