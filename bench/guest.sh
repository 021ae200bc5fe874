#!/bin/bash
# Inside UML, for bench/run.sh.  Writes only to /tmp, /run and $UML_RESULTS.
set -u
. "$UML_TOP/tests/uml/guest-lib.sh"
RUNS=${BENCH_RUNS:-21}
[ "$RUNS" -ge 20 ] || RUNS=20
SRUNS=${BENCH_STARTUP_RUNS:-200}
[ "$SRUNS" -ge 20 ] || SRUNS=20

modprobe bonding max_bonds=0
modprobe veth
modprobe dummy numdummies=0

# us: microseconds since the epoch, without a fork.
us() { local t=$EPOCHREALTIME; echo "${t/./}"; }
median() { sort -n | awk '{a[NR] = $1} END {if (NR % 2) print a[(NR + 1) / 2]; else print int((a[NR / 2] + a[NR / 2 + 1]) / 2)}'; }
ms() { awk -v u="$1" 'BEGIN {printf "%.2f ms", u / 1000}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.2fx", a / b; else print "n/a"}'; }
# le A B: is A <= B (floats)?
le() { awk -v a="$1" -v b="$2" 'BEGIN {exit !(a <= b)}'; }
verdict() { if le "$1" "$2"; then echo "meets target"; else echo "MISSES target"; fi; }
# bcfg DIR ARGS...: bondcfg on an ifcfg directory.  (strace and time get
# the binary itself, not this function.)
bcfg() { "$BONDCFG" --config-dir "$1" "${@:2}"; }
ERRORS=0
err() {
	echo "bench: ERROR: $*"
	ERRORS=$((ERRORS + 1))
}

del_bonds() {
	local b all
	links all type bond
	[ ${#all[@]} -gt 0 ] || return 0
	for b in "${all[@]}"; do echo "link del $b"; done >/tmp/del.batch
	ip -batch /tmp/del.batch
}
nothing() { :; }

echo "bench: setting up 2 + 4 + 128 veth ports"
topo_ports 2
# one bond, 2 ports, static IPv4
mkdir -p /tmp/c1
# Only the work ip -batch does too: no duplicate address probe (ARPCHECK),
# no zeroconf route, no IPv6 sysctls.
BENCH_KEYS=(ARPCHECK=no NOZEROCONF=yes IPV6INIT=no)
CFG=/tmp/c1 cfg_bond bond0 "mode=active-backup miimon=100" IPADDR=192.0.2.1 PREFIX=24 "${BENCH_KEYS[@]}"
CFG=/tmp/c1 cfg_port bp0 bond0
CFG=/tmp/c1 cfg_port bp1 bond0
cat >/tmp/c1.batch <<'B'
link add bond0 type bond mode active-backup miimon 100
link set bp0 master bond0
link set bp1 master bond0
addr add 192.0.2.1/24 dev bond0
link set bond0 up
B

# Runs are interleaved (A, B, A, B...) so that drift in the host's speed
# hits both sides of a ratio alike.
# t1 FILE CMD...: time one run of CMD, append microseconds to FILE.
t1() {
	local file=$1 t0 t
	shift
	t0=${EPOCHREALTIME/./}
	if ! "$@" >/tmp/bench.out 2>&1; then
		err "'$*' failed:"
		sed 's/^/    /' /tmp/bench.out | tail -8
		return 1
	fi
	t=${EPOCHREALTIME/./}
	echo $((t - t0)) >>"$file"
}
: >/tmp/t.true
: >/tmp/t.version
: >/tmp/t.ipv
: >/tmp/t.ip
: >/tmp/t.apply
: >/tmp/t.noop
for i in $(seq "$RUNS"); do
	# -- exec floor: in UML a fork+exec alone costs tens of ms
	t1 /tmp/t.true /bin/true
	t1 /tmp/t.version "$BONDCFG" --version
	t1 /tmp/t.ipv ip -V
	# -- 1. apply vs ip -batch
	del_bonds
	t1 /tmp/t.ip ip -batch /tmp/c1.batch
	del_bonds
	t1 /tmp/t.apply bcfg /tmp/c1 apply
	# -- 2. no-op re-apply, right after
	t1 /tmp/t.noop bcfg /tmp/c1 apply
done
# -- start-up alone: bondcfg --version against ip -V, SRUNS runs of each,
# interleaved (and which goes first alternates: neither always follows the
# other's exec)
: >/tmp/t.sversion
: >/tmp/t.sipv
: >/tmp/t.sstrip
: >/tmp/t.fglib
for i in $(seq "$SRUNS"); do
	if [ $((i % 2)) = 0 ]; then
		t1 /tmp/t.sversion "$BONDCFG" --version
		t1 /tmp/t.sipv ip -V
	else
		t1 /tmp/t.sipv ip -V
		t1 /tmp/t.sversion "$BONDCFG" --version
	fi
	# what the packages ship, and the floor: a program that only starts
	# with glib, the one library bondcfg links
	t1 /tmp/t.sstrip "$BONDCFG_STRIPPED" --version
	t1 /tmp/t.fglib "$FLOOR_GLIB"
done
# the shared libraries each loads at start
libs_bondcfg=$(ldd "$BONDCFG" 2>/dev/null | grep -c '=> /')
libs_ip=$(ldd "$(command -v ip)" 2>/dev/null | grep -c '=> /')
# -- netlink requests, by message type
count_nl() { # OUT-PREFIX CMD...: strace the command, count netlink messages
	strace -f -qq -e trace=sendmsg,sendto -o /tmp/strace.out "$@" >/dev/null 2>&1
	local rc=$?
	grep -o 'nlmsg_type=RTM_[A-Z]*' /tmp/strace.out | sed 's/nlmsg_type=//' | sort | uniq -c >/tmp/nl.types
	NL_TOTAL=$(grep -c 'nlmsg_type=RTM_' /tmp/strace.out)
	NL_WRITES=$(grep -o 'nlmsg_type=RTM_[A-Z]*' /tmp/strace.out | grep -vc 'RTM_GET')
	NL_TYPES=$(awk '{printf "%s%s=%s", sep, $2, $1; sep=" "}' /tmp/nl.types)
	return $rc
}
del_bonds
bcfg /tmp/c1 apply >/dev/null 2>&1 || err "apply before the no-op strace failed"
settle
count_nl "$BONDCFG" --config-dir /tmp/c1 apply || err "strace of the no-op apply failed"
noop_total=$NL_TOTAL noop_writes=$NL_WRITES noop_types=$NL_TYPES
del_bonds
count_nl "$BONDCFG" --config-dir /tmp/c1 apply || err "strace of apply failed"
apply_total=$NL_TOTAL apply_writes=$NL_WRITES apply_types=$NL_TYPES
del_bonds
count_nl ip -batch /tmp/c1.batch
ip_total=$NL_TOTAL ip_types=$NL_TYPES
# the no-op of a configuration with every kind of layer-3 object: the
# duplicate address probe, the zeroconf route, IPv6 and its sysctls, a
# default route, route-bond0 and rule-bond0
del_bonds
mkdir -p /tmp/cf
CFG=/tmp/cf cfg_bond bond0 "mode=active-backup miimon=100" IPADDR=192.0.2.1 PREFIX=24 \
	GATEWAY=192.0.2.254 IPV6ADDR=2001:db8::1/64 IPV6_DEFAULTGW=2001:db8::fe IPV6_AUTOCONF=no
CFG=/tmp/cf cfg_port bp0 bond0
CFG=/tmp/cf cfg_port bp1 bond0
echo "198.51.100.0/24 via 192.0.2.254 table 100" >/tmp/cf/route-bond0
echo "from 198.51.100.0/24 lookup 100 priority 100" >/tmp/cf/rule-bond0
bcfg /tmp/cf apply >/dev/null 2>&1 || err "apply of the full configuration failed"
settle
count_nl "$BONDCFG" --config-dir /tmp/cf apply || err "strace of the full no-op apply failed"
full_total=$NL_TOTAL full_writes=$NL_WRITES full_types=$NL_TYPES
"$BONDCFG" --config-dir /tmp/cf down bond0 >/dev/null 2>&1 || err "down of the full configuration failed"
# -- peak RSS
rss() { # CMD...: peak resident set in KiB
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f '%M' -o /tmp/rss "$@" >/dev/null 2>&1
		cat /tmp/rss
	else
		echo "n/a"
	fi
}
del_bonds
rss_apply=$(rss "$BONDCFG" --config-dir /tmp/c1 apply)
rss_noop=$(rss "$BONDCFG" --config-dir /tmp/c1 apply)
rss_status=$(rss "$BONDCFG" --config-dir /tmp/c1 status)
del_bonds

# -- 3. 32 bonds x 4 ports vs 1 bond x 4 ports
net_reset >/dev/null
topo_ports 128
mkdir -p /tmp/c32 /tmp/c4
CFG=/tmp/c4 cfg_bond bond0 "mode=active-backup miimon=100" IPADDR=10.0.0.1 PREFIX=24 "${BENCH_KEYS[@]}"
for j in 0 1 2 3; do CFG=/tmp/c4 cfg_port "bp$j" bond0; done
for b in $(seq 0 31); do
	CFG=/tmp/c32 cfg_bond "bond$b" "mode=active-backup miimon=100" IPADDR="10.0.$b.1" PREFIX=24 "${BENCH_KEYS[@]}"
	for j in 0 1 2 3; do CFG=/tmp/c32 cfg_port "bp$((b * 4 + j))" "bond$b"; done
done
: >/tmp/t.one4
: >/tmp/t.b32
for i in $(seq "$RUNS"); do
	del_bonds
	t1 /tmp/t.one4 bcfg /tmp/c4 apply
	del_bonds
	t1 /tmp/t.b32 bcfg /tmp/c32 apply
done
del_bonds
rss_32=$(rss "$BONDCFG" --config-dir /tmp/c32 apply)
del_bonds
count_nl "$BONDCFG" --config-dir /tmp/c32 apply
b32_total=$NL_TOTAL b32_writes=$NL_WRITES
del_bonds

# -- 4. the stack: 32 bonds x 4 ports, each with 4 VLANs (with an address
# each), against one bond x 4 ports with its 4 VLANs, and against ip -batch
# doing the same work
modprobe 8021q
mkdir -p /tmp/s1 /tmp/s32
vlan_cfg() { # DIR BOND ID ADDR
	printf 'DEVICE=%s.%s\nVLAN=yes\nONBOOT=yes\nBOOTPROTO=none\nIPADDR=%s\nPREFIX=24\nARPCHECK=no\nNOZEROCONF=yes\nIPV6INIT=no\n' \
		"$2" "$3" "$4" >"$1/ifcfg-$2.$3"
}
cp /tmp/c4/ifcfg-* /tmp/s1/
cp /tmp/c32/ifcfg-* /tmp/s32/
: >/tmp/s32.batch
for b in $(seq 0 31); do
	printf 'link add bond%s type bond mode active-backup miimon 100\n' "$b" >>/tmp/s32.batch
	for j in 0 1 2 3; do printf 'link set bp%s master bond%s\n' $((b * 4 + j)) "$b" >>/tmp/s32.batch; done
	printf 'addr add 10.0.%s.1/24 dev bond%s\nlink set bond%s up\n' "$b" "$b" "$b" >>/tmp/s32.batch
	for j in 0 1 2 3; do
		vlan_cfg /tmp/s32 "bond$b" $((10 + j)) "172.16.$((b * 4 + j)).1"
		printf 'link add link bond%s name bond%s.%s type vlan id %s\naddr add 172.16.%s.1/24 dev bond%s.%s\nlink set bond%s.%s up\n' \
			"$b" "$b" $((10 + j)) $((10 + j)) $((b * 4 + j)) "$b" $((10 + j)) "$b" $((10 + j)) >>/tmp/s32.batch
	done
done
for j in 0 1 2 3; do vlan_cfg /tmp/s1 bond0 $((10 + j)) "172.16.$j.1"; done
: >/tmp/t.s1
: >/tmp/t.s32
: >/tmp/t.s32ip
for i in $(seq "$RUNS"); do
	del_bonds
	t1 /tmp/t.s1 bcfg /tmp/s1 apply
	del_bonds
	t1 /tmp/t.s32 bcfg /tmp/s32 apply
	del_bonds
	t1 /tmp/t.s32ip ip -batch /tmp/s32.batch
done
del_bonds
count_nl "$BONDCFG" --config-dir /tmp/s1 apply
s1_total=$NL_TOTAL s1_writes=$NL_WRITES
del_bonds
count_nl "$BONDCFG" --config-dir /tmp/s32 apply
s32_total=$NL_TOTAL s32_writes=$NL_WRITES
settle
count_nl "$BONDCFG" --config-dir /tmp/s32 apply
s32n_total=$NL_TOTAL s32n_writes=$NL_WRITES s32n_types=$NL_TYPES
del_bonds
count_nl ip -batch /tmp/s32.batch
s32ip_total=$NL_TOTAL
del_bonds

m_true=$(median </tmp/t.true)
m_version=$(median </tmp/t.version)
m_ipv=$(median </tmp/t.ipv)
m_ip=$(median </tmp/t.ip)
m_apply=$(median </tmp/t.apply)
m_noop=$(median </tmp/t.noop)
m_one4=$(median </tmp/t.one4)
m_b32=$(median </tmp/t.b32)
r_apply=$(awk -v a="$m_apply" -v b="$m_ip" 'BEGIN {print a / b}')
r_noop=$(awk -v a="$m_noop" -v b="$m_apply" 'BEGIN {print a / b}')
r_32=$(awk -v a="$m_b32" -v b="$m_one4" 'BEGIN {print a / b}')

echo
echo "bondcfg benchmarks (user-mode Linux $(uname -r); median of $RUNS runs; wall time of the command)"
echo
printf '%-46s %-26s %-14s %s\n' "figure" "measured" "target" ""
printf '%-46s %-26s %-14s %s\n' "exec floor: /bin/true" "$(ms "$m_true")" "" ""
printf '%-46s %-26s %-14s %s\n' "bondcfg --version (start-up only)" "$(ms "$m_version")" "" ""
printf '%-46s %-26s %-14s %s\n' "ip -V (start-up only)" "$(ms "$m_ipv")" "" ""
m_sversion=$(median </tmp/t.sversion)
m_sipv=$(median </tmp/t.sipv)
r_start=$(awk -v a="$m_sversion" -v b="$m_sipv" 'BEGIN {print a / b}')
printf '%-46s %-26s %-14s %s\n' "start-up, $SRUNS runs each: ip -V" "$(ms "$m_sipv")" "" ""
printf '%-46s %-26s %-14s %s\n' "start-up, $SRUNS runs each: bondcfg --version" "$(ms "$m_sversion") = $(ratio "$m_sversion" "$m_sipv") ip -V" "<= 1.0x" "$(verdict "$r_start" 1.0)"
m_sstrip=$(median </tmp/t.sstrip)
m_fglib=$(median </tmp/t.fglib)
printf '%-46s %-26s %-14s %s\n' "  the same, stripped (as packages ship it)" "$(ms "$m_sstrip") = $(ratio "$m_sstrip" "$m_sipv") ip -V" "" ""
printf '%-46s %-26s %-14s %s\n' "  floor: a program linked with glib alone" "$(ms "$m_fglib") = $(ratio "$m_fglib" "$m_sipv") ip -V" "" ""
printf '%-46s %-26s %-14s %s\n' "  shared libraries loaded at start" "bondcfg $libs_bondcfg, ip $libs_ip" "" ""
printf '%-46s %-26s %-14s %s\n' "1 bond, 2 ports, IPv4: ip -batch" "$(ms "$m_ip")" "" ""
printf '%-46s %-26s %-14s %s\n' "1 bond, 2 ports, IPv4: bondcfg apply" "$(ms "$m_apply") = $(ratio "$m_apply" "$m_ip") ip" "<= 1.0x" "$(verdict "$r_apply" 1.0)"
noop_ok=$(verdict "$r_noop" 0.5)
[ "$noop_writes" = 0 ] || noop_ok="MISSES target ($noop_writes writes)"
[ "${full_writes:-x}" = 0 ] || noop_ok="MISSES target (${full_writes:-?} writes with every L3 kind)"
printf '%-46s %-26s %-14s %s\n' "no-op re-apply" "$(ms "$m_noop") = $(ratio "$m_noop" "$m_apply") apply" "<= 0.5x, 0 wr" "$noop_ok"
printf '%-46s %-26s %-14s %s\n' "1 bond, 4 ports: bondcfg apply" "$(ms "$m_one4")" "" ""
printf '%-46s %-26s %-14s %s\n' "32 bonds x 4 ports: bondcfg apply" "$(ms "$m_b32") = $(ratio "$m_b32" "$m_one4") 1 bond" "<= 35x" "$(verdict "$r_32" 35)"
printf '%-46s %-26s %-14s %s\n' "  (vs 1 bond, 2 ports)" "$(ratio "$m_b32" "$m_apply")" "" ""
m_s1=$(median </tmp/t.s1)
m_s32=$(median </tmp/t.s32)
m_s32ip=$(median </tmp/t.s32ip)
r_s32=$(awk -v a="$m_s32" -v b="$m_s1" 'BEGIN {print a / b}')
r_s32ip=$(awk -v a="$m_s32" -v b="$m_s32ip" 'BEGIN {print a / b}')
printf '%-46s %-26s %-14s %s\n' "1 bond x 4 ports + 4 VLANs: bondcfg apply" "$(ms "$m_s1")" "" ""
printf '%-46s %-26s %-14s %s\n' "32 bonds x 4 ports + 4 VLANs each: apply" "$(ms "$m_s32") = $(ratio "$m_s32" "$m_s1") 1 stack" "<= 35x" "$(verdict "$r_s32" 35)"
printf '%-46s %-26s %-14s %s\n' "  the same with ip -batch" "$(ms "$m_s32ip"); bondcfg = $(ratio "$m_s32" "$m_s32ip") ip" "" ""
s32_ok="meets target"
[ "$s32n_writes" = 0 ] || s32_ok="MISSES target ($s32n_writes writes)"
printf '%-46s %-26s %-14s %s\n' "  no-op re-apply of that stack" "$s32n_total requests, $s32n_writes writes" "0 writes" "$s32_ok"
echo
# Diagnostic, not a target: the same ratios without each program's own
# start-up (exec, dynamic linking), which dominates in user-mode Linux.
w_apply=$((m_apply - m_version)) w_ip=$((m_ip - m_ipv)) w_noop=$((m_noop - m_version))
echo "beyond start-up (median minus the program's own start-up row; diagnostic):"
printf '  %-44s %-26s\n' "apply vs ip -batch" "$(ms "$w_apply") vs $(ms "$w_ip") = $(ratio "$w_apply" "$w_ip")"
printf '  %-44s %-26s\n' "no-op re-apply vs apply" "$(ms "$w_noop") vs $(ms "$w_apply") = $(ratio "$w_noop" "$w_apply")"
echo
echo "netlink requests per run (strace of sendmsg/sendto):"
printf '  %-28s %4s total, %4s writes   %s\n' "apply (1 bond, 2 ports)" "$apply_total" "$apply_writes" "$apply_types"
printf '  %-28s %4s total, %4s writes   %s\n' "no-op re-apply" "$noop_total" "$noop_writes" "$noop_types"
printf '  %-28s %4s total, %4s writes   %s\n' "no-op, every L3 kind" "$full_total" "$full_writes" "$full_types"
printf '  %-28s %4s total, %4s writes\n' "apply (32 bonds x 4 ports)" "$b32_total" "$b32_writes"
printf '  %-28s %4s total               %s\n' "ip -batch (same work)" "$ip_total" "$ip_types"
printf '  %-28s %4s total, %4s writes\n' "apply (1 bond + 4 VLANs)" "$s1_total" "$s1_writes"
printf '  %-28s %4s total, %4s writes   (%s x 1 stack)\n' "apply (32 x (bond + 4 VLANs))" "$s32_total" "$s32_writes" "$(ratio "$s32_total" "$s1_total")"
printf '  %-28s %4s total, %4s writes   %s\n' "no-op (32 x (bond + 4 VLANs))" "$s32n_total" "$s32n_writes" "$s32n_types"
printf '  %-28s %4s total\n' "ip -batch (32 stacks)" "$s32ip_total"
echo
kib() { if [ "$1" = n/a ]; then echo n/a; else awk -v k="$1" 'BEGIN {printf "%.1f MiB", k / 1024}'; fi; }
rss_v() { if [ "$1" = n/a ]; then echo "(install 'time')"; else verdict "$1" 8192; fi; }
echo "peak RSS (/usr/bin/time %M)                    target <= 8 MiB"
printf '  %-28s %-12s %s\n' "apply" "$(kib "$rss_apply")" "$(rss_v "$rss_apply")"
printf '  %-28s %-12s %s\n' "no-op re-apply" "$(kib "$rss_noop")" "$(rss_v "$rss_noop")"
printf '  %-28s %-12s %s\n' "status" "$(kib "$rss_status")" "$(rss_v "$rss_status")"
printf '  %-28s %-12s %s\n' "apply, 32 bonds x 4 ports" "$(kib "$rss_32")" "$(rss_v "$rss_32")"
echo
echo "In user-mode Linux every fork+exec and page fault is expensive: compare"
echo "the start-up rows with the rest."
echo
echo "raw samples (us): ip=$(tr '\n' ' ' </tmp/t.ip)"
echo "                 apply=$(tr '\n' ' ' </tmp/t.apply)"
echo "                 noop=$(tr '\n' ' ' </tmp/t.noop)"
[ "$ERRORS" = 0 ] || echo "bench: $ERRORS error(s): some figures above are not meaningful"
exit 0
