# shellcheck shell=bash
# Helpers for the systemd tier inside UML (sourced by the test units and
# by the driver's cases, after tests/uml/guest-lib.sh).

# bondcfg's default configuration directory, where the boot's files go.
# shellcheck disable=SC2034
NS=/etc/sysconfig/network-scripts

# ------------------------------------------------------------ in the cases

# verdict PASS-TEXT FAIL-TEXT CMD...: pass or fail as CMD succeeds.
verdict() {
	local ok=$1 ko=$2
	shift 2
	if "$@"; then pass "$ok"; else fail "$ko"; fi
}

# note TEXT: a TAP comment line ("# TEXT") the runner prints with the case.
note() {
	printf '# %s\n' "$*" >>"$CASE_TAP"
	printf 'note: %s\n' "$*"
}

# prop UNIT PROPERTY: one property of a loaded unit (systemctl show -P).
prop() {
	systemctl show -P "$2" "$1"
}

# props_load UNIT...: the properties the cases use, of every UNIT, in one
# systemctl run (a fork costs ~80 ms in UML), into P[UNIT/PROPERTY].
# *TimestampMonotonic are CLOCK_MONOTONIC microseconds, 0 if the event did
# not happen; a target has no ExecMain* properties.
# shellcheck disable=SC2034
declare -gA P=()
props_load() {
	local units=("$@") i=0 line
	P=()
	while IFS= read -r line; do
		if [ -z "$line" ]; then
			i=$((i + 1))
			continue
		fi
		# shellcheck disable=SC2034
		P[${units[i]}/${line%%=*}]=${line#*=}
	done < <(systemctl show -p ActiveState,Result,ExecMainPID,ExecMainStatus \
		-p ExecMainStartTimestampMonotonic,ExecMainExitTimestampMonotonic \
		-p InactiveExitTimestampMonotonic,ActiveEnterTimestampMonotonic "$@")
}

# master_of PORT: the name of PORT's upper device (its bond), or nothing;
# from sysfs, without a fork.
master_of() {
	local u=(/sys/class/net/"$1"/upper_*)
	if [ -e "${u[0]}" ]; then
		printf '%s\n' "${u[0]##*/upper_}"
	else
		echo
	fi
}

# mono_of UNIT PROPERTY: a *TimestampMonotonic property in microseconds
# (0 if the event never happened).
mono_of() {
	local v
	v=$(prop "$1" "$2")
	printf '%s\n' "${v:-0}"
}

# RT_OFFSET: CLOCK_REALTIME minus CLOCK_MONOTONIC in microseconds, from a
# journal entry (journald stamps each entry with both clocks at once).
rt_offset() {
	if [ -z "${RT_OFFSET:-}" ]; then
		RT_OFFSET=$(journalctl -b -o json -n 1 --no-pager |
			jq -r '(.__REALTIME_TIMESTAMP | tonumber) - (.__MONOTONIC_TIMESTAMP | tonumber)')
	fi
	printf '%s\n' "$RT_OFFSET"
}

# rt_to_mono USEC: a CLOCK_REALTIME time (microseconds) on CLOCK_MONOTONIC.
rt_to_mono() {
	echo $(($1 - $(rt_offset)))
}

# link_event_mono LINK ERE: when the link monitor's time-stamped events
# (ip -ts -o monitor link) first showed LINK with flags and state matching
# ERE, in CLOCK_MONOTONIC microseconds; fails if they never did.
link_event_mono() {
	local line ts
	line=$(grep -m1 -E "^\[[^]]*\] [0-9]+: $1: $2" /run/bondcfg-test-monitor.txt) || return 1
	ts=${line#[}
	ts=${ts%%]*}
	rt_to_mono "$(date -d "$ts" +%s%6N)"
}
# carrier_mono BOND: when BOND first had carrier: LOWER_UP, what
# /sys/class/net/BOND/carrier reads as 1.
carrier_mono() {
	link_event_mono "$1" "<([^>]*,)?LOWER_UP[,>]"
}
# operup_mono BOND: when BOND's operstate first was UP (the kernel's
# linkwatch follows carrier, up to a second later).
operup_mono() {
	link_event_mono "$1" "<[^>]*> .* state UP "
}

# ms USEC: microseconds as milliseconds with one decimal.
ms() {
	local v=$1 sign=
	if [ "$v" -lt 0 ]; then
		sign=-
		v=$((-v))
	fi
	printf '%s%d.%d\n' "$sign" $((v / 1000)) $((v % 1000 / 100))
}

# since_ms A B: B - A (microseconds) in milliseconds.
since_ms() {
	ms $(($2 - $1))
}

# bondcfg_journal FILE [journalctl match...]: bondcfg's syslog(3) records
# of this boot, one JSON object a line.  Only _TRANSPORT=syslog: a unit's
# stdout and stderr reach the journal under the same identifier (-t
# bondcfg), and would pass for records bondcfg never sent.
bondcfg_journal() {
	local out=$1
	shift
	journalctl -b -t bondcfg _TRANSPORT=syslog -o json --no-pager "$@" >"$out"
}

# bond_addrs BOND: its IPv4 addresses, ADDR/PREFIX, comma separated.
bond_addrs4() {
	ip -j addr show dev "$1" |
		jq -r '[.[0].addr_info[] | select(.family == "inet") | "\(.local)/\(.prefixlen)"] | join(",")'
}

# carrier_now LINK: 1 if LINK has carrier now
carrier_now() {
	local c=0
	read -r c <"/sys/class/net/$1/carrier" 2>/dev/null
	[ "$c" = 1 ]
}

# ---------------------------------------------------------------- evidence

# collect: what the host needs to check and debug a boot, into $UML_RESULTS.
collect() {
	local r=$UML_RESULTS
	journalctl -b -o short-monotonic --no-pager >"$r/journal.txt" 2>&1
	journalctl -b -t bondcfg -o json --no-pager >"$r/bondcfg.json" 2>&1
	systemctl list-units --all --no-pager >"$r/units.txt" 2>&1
	systemctl list-units --failed --no-pager --plain --no-legend >"$r/failed.txt" 2>&1
	systemd-analyze blame --no-pager >"$r/blame.txt" 2>&1
	systemd-analyze critical-chain --no-pager bondcfg-test.service >"$r/critical-chain.txt" 2>&1
	cp /run/bondcfg-test-monitor.txt "$r/monitor.txt" 2>/dev/null
	ip -d addr show >"$r/ip-addr.txt" 2>&1
}

# power_off: results written through to the host, then off at once
# (systemctl(1): twice --force, no unit is stopped).
power_off() {
	sync
	systemctl poweroff -ff
	poweroff -f
}
