# desc: g. failures leave the kernel untouched: missing port, port of another bond, value the kernel rejects, and a failure at every step of a plan
# cost: 100
# timeout: 600

# attempt WHAT WANT-RC: apply must exit WANT-RC (a list like "1|3") and the
# full link, address and route dumps must be byte-identical before and after.
attempt() {
	local what=$1 want=$2
	shift 2
	state_dump /tmp/before
	run "$@"
	state_dump /tmp/after
	local ok=1
	case "|$want|" in
	*"|$RC|"*) ;;
	*)
		fail "$what: exit $RC, expected $want"
		ok=0
		;;
	esac
	state_same "$what: state byte-identical" /tmp/before /tmp/after || ok=0
	if [ $ok = 1 ]; then
		sub_result ok "$what: exit $RC, kernel state byte-identical"
	else
		sub_result fail "$what: exit $RC (want $want), kernel state byte-identical"
	fi
}

base_cfg() {
	cfg_init
	cfg_bond bond0 "mode=active-backup miimon=100 $*" IPADDR=192.0.2.1 PREFIX=24 GATEWAY=192.0.2.254 \
		IPV6INIT=yes IPV6ADDR=2001:db8:1::1/64 MTU=1400
	cfg_port bp0 bond0 BOND_PORT_QUEUE_ID=1
	cfg_port bp1 bond0
}

topo_ports 3
ip link set bp2 up   # a port that is up, with its own address
ip addr add 203.0.113.1/24 dev bp2
settle

# 1. a missing port: the planner's pre-checks refuse it (exit 1, nothing
# touched; src/plan.h)
base_cfg
cfg_port bp9 bond0
attempt "missing port bp9" 1 bc apply
link_exists bond0 && fail "bond0 exists after a failed apply"

# 2. a port enslaved to another bond
ip link add other type bond mode balance-rr miimon 100
ip link set bp1 master other
base_cfg
settle
attempt "port bp1 enslaved to another bond" 1 bc apply
assert_eq "bp1 still in 'other'" "$(link_master bp1)" other
ip link del other

# 3. a value the kernel refuses (exit 3, rolled back): active_slave whose
# link is down
ip -n "$PEER" link set pp1 down
base_cfg active_slave=bp1
settle
attempt "active_slave=bp1 while its link is down" 3 bc apply
ip -n "$PEER" link set pp1 up
# and one the static checks already refuse (exit 1)
cfg_init
cfg_bond bond0 "mode=active-backup miimon=100" MTU=65536
cfg_port bp0 bond0
cfg_port bp1 bond0
settle
attempt "MTU=65536 (more than any link takes)" 1 bc apply

# 4. a failure at each step of the plans
plan_steps() { # WHAT: BONDCFG_TEST_FAIL_STEP=1.. until a run succeeds
	local what=$1 n
	for n in $(seq 1 60); do
		settle
		state_dump /tmp/before
		run env BONDCFG_TEST_FAIL_STEP=$n "$BONDCFG" --config-dir "$CFG" apply
		state_dump /tmp/after
		if [ "$RC" = 0 ]; then
			log "$what: step $n is past the end of the plan"
			[ "$n" -gt 1 ] || fail "$what: a plan with no steps"
			sub_result ok "$what: plan has $((n - 1)) steps, all injected"
			return 0
		fi
		if [ "$RC" != 3 ]; then
			sub_result fail "$what: failure at step $n gives exit 3 (got $RC)"
		fi
		if state_same "$what: step $n: state byte-identical" /tmp/before /tmp/after; then
			sub_result ok "$what: failure at step $n rolled back (exit $RC, state byte-identical)"
		else
			sub_result fail "$what: failure at step $n rolled back (exit $RC, state differs)"
		fi
	done
	fail "$what: apply never succeeded"
}
base_cfg "primary=bp1"
show_cfg
run bc apply --dry-run
plan_steps "create bond0 with 2 ports, IPv4+IPv6, gateway"

# the bond now exists: a plan that modifies it
base_cfg "primary=bp0 updelay=200"
sed -i 's/^IPADDR=.*/IPADDR=192.0.2.5/' "$CFG/ifcfg-bond0"
cfg_port bp2 bond0
run bc apply --dry-run
plan_steps "modify bond0: options, address, a third port"

# and one that changes the mode (release, re-enslave)
base_cfg "mode=balance-xor"
sed -i 's/mode=active-backup //' "$CFG/ifcfg-bond0"
run bc apply --dry-run
plan_steps "change bond0's mode"
case_end
