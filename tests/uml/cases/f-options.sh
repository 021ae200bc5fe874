# desc: f. every option of `bondcfg options --json`, in every mode where it is valid, applied and read back from sysfs
# cost: 55
# timeout: 600

# The values tried: one that is not the kernel default (a value the kernel
# would round or that needs another option is avoided: delays are multiples
# of miimon=100).  Options without an entry here get a value derived from
# their type and range, so a new option in the table is tested too.
declare -A VAL=(
	[miimon]=250 [updelay]=300 [downdelay]=200 [peer_notif_delay]=300
	[use_carrier]=0 [arp_interval]=500 [arp_ip_target]=192.0.2.9,192.0.2.10
	[ns_ip6_target]=2001:db8::9 [arp_validate]=all [arp_all_targets]=all
	[arp_missed_max]=5 [primary]=bp1 [primary_reselect]=better [active_slave]=bp1
	[fail_over_mac]=active [xmit_hash_policy]=layer3+4 [lacp_rate]=fast
	[lacp_active]=off [ad_select]=bandwidth [ad_actor_sys_prio]=100
	[ad_user_port_key]=5 [ad_actor_system]=02:00:00:00:00:01 [min_links]=1
	[all_slaves_active]=1 [resend_igmp]=3 [num_grat_arp]=5 [packets_per_slave]=4
	[tlb_dynamic_lb]=0 [lp_interval]=5 [coupled_control]=0
	[queue_id]=3 [prio]=-7
)
# Other options each needs to mean anything.
declare -A EXTRA=(
	[arp_validate]="arp_interval=500 arp_ip_target=192.0.2.2"
	[arp_all_targets]="arp_interval=500 arp_ip_target=192.0.2.2"
	[arp_missed_max]="arp_interval=500 arp_ip_target=192.0.2.2"
	[arp_interval]="arp_ip_target=192.0.2.2"
	[arp_ip_target]="arp_interval=500" [ns_ip6_target]="arp_interval=500"
	[updelay]="miimon=100" [downdelay]="miimon=100" [peer_notif_delay]="miimon=100"
)

run_rc 0 "$BONDCFG" options --json || die "bondcfg options --json failed"
printf '%s\n' "$OUT" >/tmp/options.json
jq -e '.options | length > 0' /tmp/options.json >/dev/null || die "no options in the table"
kver=$(uname -r)

# The table, read once (each jq costs a fork, slow in UML):
# name|per_port|module_only|since|modes|type|ifcfg_key|default|min|ifla|enum values "n=v n=v"
declare -A PER_PORT MODULE SINCE MODES TYPE KEY DEF MIN IFLA ENUMS
names=()
while IFS='|' read -r name per_port module since modes type key def min ifla enums; do
	names+=("$name")
	PER_PORT[$name]=$per_port MODULE[$name]=$module SINCE[$name]=$since MODES[$name]=$modes
	TYPE[$name]=$type KEY[$name]=$key DEF[$name]=$def MIN[$name]=$min IFLA[$name]=$ifla
	ENUMS[$name]=$enums
done < <(jq -r '.options[] | [.name, .per_port, .module_only, (.since // "-"), (.modes | join(",")),
	.type, (.ifcfg_key // "-"), .default, (.min // 0), .ifla,
	([.values[] | "\(.name)=\(.value)"] | join(" "))] | join("|")' \
	/tmp/options.json)

# What the kernel itself reports for a bond, independent of bondcfg and of
# the guest's iproute2 (which may predate an option: iproute2 6.1 neither
# sets nor prints coupled_control): the IFLA_BOND_* attributes of its
# RTM_GETLINK answer, "type=value" a line (value for 1, 2 and 4 byte ones).
cat >/tmp/nlbond.py <<'EOF'
import socket, struct, sys
s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, socket.NETLINK_ROUTE)
# RTM_GETLINK (18) of one link, IFLA_EXT_MASK (29) = RTEXT_FILTER_SKIP_STATS
body = struct.pack("=BxHiII", 0, 0, socket.if_nametoindex(sys.argv[1]), 0, 0)
body += struct.pack("=HHI", 8, 29, 8)
s.send(struct.pack("=IHHII", 16 + len(body), 18, 1, 1, 0) + body)
msg = s.recv(65536)
size, kind = struct.unpack_from("=IH", msg)
if kind == 2:  # NLMSG_ERROR
    sys.exit("RTM_GETLINK %s: error %d" % (sys.argv[1], struct.unpack_from("=i", msg, 16)[0]))
def attrs(buf):
    off = 0
    while off + 4 <= len(buf):
        n, t = struct.unpack_from("=HH", buf, off)
        if n < 4:
            break
        yield t & 0x3fff, buf[off + 4:off + n]
        off += (n + 3) & ~3
for t, v in attrs(msg[32:size]):  # nlmsghdr 16 + ifinfomsg 16
    for t2, v2 in attrs(v) if t == 18 else ():  # IFLA_LINKINFO
        for t3, v3 in attrs(v2) if t2 == 2 else ():  # IFLA_INFO_DATA
            f = {1: "=B", 2: "=H", 4: "=I"}.get(len(v3))
            print("%d=%d" % (t3, struct.unpack(f, v3)[0]) if f else "%d" % t3)
EOF
HAVE_PY=0
command -v python3 >/dev/null 2>&1 && HAVE_PY=1
# kernel_attr BOND IFLA: the value the kernel reports for attribute IFLA of
# BOND in $KATTR; fails if it reports none (or python3 is missing).
kernel_attr() {
	local line
	KATTR=
	[ "$HAVE_PY" = 1 ] || return 1
	python3 -I -S /tmp/nlbond.py "$1" >/tmp/.nlbond 2>&1 || {
		prefix '  ! ' /tmp/.nlbond
		return 1
	}
	while IFS= read -r line; do
		case $line in
		"$2" | "$2="*)
			KATTR=${line#"$2"}
			KATTR=${KATTR#=}
			return 0
			;;
		esac
	done </tmp/.nlbond
	return 1
}

# Options with a `since` (the first mainline release with the option): does
# THIS kernel have them?  The version number cannot say: options get
# backported to stable kernels (coupled_control: mainline 6.9, and stable
# 6.1.149 and 6.6.103 on), and distributions backport more.  The kernel's own
# dump of a bond in a mode where the option applies can: a kernel that has
# it reports it (as every option that is not an empty list or an unset
# interface, which no `since` option is).  HAS[name] = yes | no | unknown.
declare -A HAS
for name in "${names[@]}"; do
	if [ "${SINCE[$name]}" = - ] || [ "${MODULE[$name]}" = true ]; then continue; fi
	HAS[$name]=unknown
	if [ "$HAVE_PY" != 1 ]; then
		# python3 is in .ci/install-deps.sh: a missing one is a broken set-up,
		# and a real-kernel case never passes by skipping.
		sub_result not "$name: cannot tell whether kernel $kver has it: python3 is missing"
		continue
	fi
	ip link add fprobe type bond mode "${MODES[$name]%%,*}" || die "cannot create a probe bond"
	if kernel_attr fprobe "${IFLA[$name]}"; then HAS[$name]=yes; else HAS[$name]=no; fi
	ip link del fprobe
	stamp "$name (attribute ${IFLA[$name]}, mainline ${SINCE[$name]}): kernel $kver reports it: ${HAS[$name]}"
done

# derive NAME: a value for an option without a VAL entry.
derive() {
	local n=$1 e ev
	case ${TYPE[$n]} in
	enum)
		read -r -a ev <<<"${ENUMS[$n]}"
		e=${ev[-1]}
		echo "${e%%=*}"
		;;
	bool) [ "${DEF[$n]}" = 0 ] && echo 1 || echo 0 ;;
	uint | int) echo $((${MIN[$n]} + 1)) ;;
	ifname) echo bp1 ;;
	mac) echo 02:00:00:00:00:01 ;;
	ipv4-list) echo 192.0.2.9 ;;
	ipv6-list) echo 2001:db8::9 ;;
	*) echo 1 ;;
	esac
}

# sysfs_matches NAME ASKED GOT: sysfs prints enums as "name value", lists
# space separated, the rest as asked.
sysfs_matches() {
	local name=$1 asked=$2 got=$3 e
	case ${TYPE[$name]} in
	ipv4-list | ipv6-list)
		[ "$got" = "${asked//,/ }" ]
		return
		;;
	esac
	[ "${got%% *}" = "$asked" ] && return 0
	for e in ${ENUMS[$name]}; do
		if [ "${e%%=*}" = "$asked" ] || [ "${e#*=}" = "$asked" ]; then
			[ "$got" = "${e%%=*} ${e#*=}" ] || [ "$got" = "${e#*=}" ] || [ "${got%% *}" = "${e%%=*}" ]
			return
		fi
	done
	return 1
}

# Every combination to try, as "name|mode|value".  A value "@2" stands
# for the bond's second port.
combos=()
for name in "${names[@]}"; do
	[ "${MODULE[$name]}" = true ] && continue
	[ "${HAS[$name]:-yes}" = yes ] || continue # below
	value=${VAL[$name]:-$(derive "$name")}
	case $value in bp1) value=@2 ;; esac
	if [ "$name" = mode ]; then
		for e in ${ENUMS[mode]}; do
			combos+=("mode|${e%%=*}|${e%%=*}" "mode|${e%%=*}|${e#*=}")
		done
		continue
	fi
	IFS=, read -r -a ms <<<"${MODES[$name]}"
	first=1
	for m in "${ms[@]}"; do
		combos+=("$name|$m|$value")
		# Every enum value, in the first mode where the option is valid.
		if [ $first = 1 ] && [ "${TYPE[$name]}" = enum ]; then
			for e in ${ENUMS[$name]}; do
				[ "${e%%=*}" = "$value" ] || combos+=("$name|$m|${e%%=*}")
			done
		fi
		first=0
	done
done
stamp "${#combos[@]} combinations"

# Many bonds per apply (fb0, fb1, ... with ports bp(2i), bp(2i+1)): one
# apply per batch instead of one per combination.  A batch that fails is
# retried one combination at a time, so a failure names its combination.
BATCH=24
topo_ports $((2 * BATCH))

# extra_for NAME MODE: the EXTRA options that are valid in MODE, in $EXTRA_OUT.
extra_for() {
	local o
	EXTRA_OUT=
	for o in ${EXTRA[$1]:-}; do
		[[ ",${MODES[${o%%=*}]}," == *",$2,"* ]] && EXTRA_OUT="$EXTRA_OUT $o"
	done
	return 0
}

# readback NAME BOND PORT: what the kernel reports, in $GOT.
readback() {
	local name=$1 bond=$2 port=$3
	if [ "${PER_PORT[$name]}" = true ]; then
		if [ -r "/sys/class/net/$port/bonding_slave/$name" ]; then
			slurp GOT "/sys/class/net/$port/bonding_slave/$name"
		else
			GOT=$(ip -d -j link show dev "$port" | jq -r --arg n "$name" '.[0].linkinfo.info_slave_data[$n] // "(not reported)"')
		fi
	elif [ -r "/sys/class/net/$bond/bonding/$name" ]; then
		sysfs_get GOT "$bond" "$name"
	else
		# no sysfs file (ns_ip6_target, coupled_control): what rtnetlink reports
		GOT=$(ip -d -j link show dev "$bond" |
			jq -r --arg n "$name" '.[0].linkinfo.info_data[$n] // "(not reported)" | if type == "array" then join(" ") else tostring end')
		# an ip(8) older than the option does not print it: the kernel's own dump
		if [ "$GOT" = "(not reported)" ] && kernel_attr "$bond" "${IFLA[$name]}"; then
			GOT=$KATTR
		fi
	fi
}

# batch INDEX...: apply the combinations at once, then check each.
batch() {
	local k i=0 name mode value opts bond p1 p2 label
	cfg_init
	: >/tmp/.f.del
	for k in "$@"; do
		IFS='|' read -r name mode value <<<"${combos[$k]}"
		bond=fb$i p1=bp$((2 * i)) p2=bp$((2 * i + 1))
		value=${value//@2/$p2}
		if [ "${PER_PORT[$name]}" = true ]; then
			cfg_bond "$bond" "mode=$mode miimon=100"
			cfg_port "$p1" "$bond" "${KEY[$name]}=$value"
		else
			extra_for "$name" "$mode"
			opts="mode=$mode$EXTRA_OUT $name=$value"
			[ "$name" = mode ] && opts="mode=$value"
			cfg_bond "$bond" "$opts"
			cfg_port "$p1" "$bond"
		fi
		cfg_port "$p2" "$bond"
		echo "link del $bond" >>/tmp/.f.del
		i=$((i + 1))
	done
	stamp "=== batch: $*"
	run "$BONDCFG" --config-dir "$CFG" apply
	if [ "$RC" != 0 ] && [ $# -gt 1 ]; then
		ip -force -batch /tmp/.f.del >/dev/null 2>&1
		# Combinations whose files the errors name fail on their own;
		# the rest is tried again.  Errors naming none: bisect.
		local -a args=("$@") bad=() rest=()
		local line n
		declare -A isbad=()
		while IFS= read -r line; do
			[[ $line == *": error: "* ]] || continue
			if [[ $line =~ ifcfg-fb([0-9]+): ]]; then
				isbad[${BASH_REMATCH[1]}]=1
			elif [[ $line =~ ifcfg-bp([0-9]+): ]]; then
				isbad[$((BASH_REMATCH[1] / 2))]=1
			fi
		done <<<"$ERR"
		for n in "${!args[@]}"; do
			if [ -n "${isbad[$n]:-}" ]; then bad+=("${args[$n]}"); else rest+=("${args[$n]}"); fi
		done
		if [ ${#bad[@]} -gt 0 ] && [ ${#rest[@]} -gt 0 ]; then
			for k in "${bad[@]}"; do
				IFS='|' read -r name mode value <<<"${combos[$k]}"
				sub_result fail "$name=$value in $mode: apply refused it (exit $RC, errors above)"
			done
			batch "${rest[@]}"
		else
			n=$(($# / 2))
			batch "${args[@]:0:n}"
			batch "${args[@]:n}"
		fi
		return
	fi
	i=0
	for k in "$@"; do
		IFS='|' read -r name mode value <<<"${combos[$k]}"
		bond=fb$i p1=bp$((2 * i)) p2=bp$((2 * i + 1))
		value=${value//@2/$p2}
		label="$name=${combos[$k]##*|} in $mode"
		if [ "$RC" != 0 ]; then
			sub_result fail "$label: apply exited $RC"
			show_cfg
		else
			readback "$name" "$bond" "$p1"
			if sysfs_matches "$name" "$value" "$GOT"; then
				sub_result ok "$label: reads back '$GOT'"
			else
				sub_result fail "$label: reads back '$GOT'"
			fi
		fi
		i=$((i + 1))
	done
	ip -force -batch /tmp/.f.del >/dev/null 2>&1
}

idx=()
for k in "${!combos[@]}"; do
	idx+=("$k")
	if [ ${#idx[@]} = $BATCH ]; then
		batch "${idx[@]}"
		idx=()
	fi
done
[ ${#idx[@]} = 0 ] || batch "${idx[@]}"

# Options this kernel does not have: a clear error, and nothing created.
stamp "options kernel $kver does not have"
for name in "${names[@]}"; do
	since=${SINCE[$name]}
	[ "${HAS[$name]:-}" = no ] || continue
	value=${VAL[$name]:-$(derive "$name")}
	mode=${MODES[$name]%%,*}
	cfg_init
	cfg_bond bond0 "mode=$mode miimon=100 $name=$value"
	cfg_port bp0 bond0
	cfg_port bp1 bond0
	state_dump /tmp/before
	run "$BONDCFG" --config-dir "$CFG" apply
	state_dump /tmp/after
	if [ "$RC" != 0 ] && [[ $ERR == *"$name"* ]] && state_same "nothing changed" /tmp/before /tmp/after; then
		sub_result ok "$name (Linux $since+), not in kernel $kver: exit $RC with an error naming it, nothing changed"
	else
		sub_result fail "$name=$value (Linux $since+), not in kernel $kver: a clear error and nothing changed (got exit $RC)"
	fi
	ip link del bond0 2>/dev/null
done

# The alias num_unsol_na is the same option as num_grat_arp.
cfg_init
cfg_bond bond0 "mode=active-backup miimon=100 num_unsol_na=7"
cfg_port bp0 bond0
cfg_port bp1 bond0
run "$BONDCFG" --config-dir "$CFG" apply
sysfs_get g1 bond0 num_grat_arp
sysfs_get g2 bond0 num_unsol_na
if [ "$RC" = 0 ] && [ "$g1" = 7 ] && [ "$g2" = 7 ]; then
	sub_result ok "alias num_unsol_na=7 sets num_grat_arp"
else
	sub_result fail "alias num_unsol_na=7 sets num_grat_arp (exit $RC, sysfs $g1/$g2)"
fi
case_end
