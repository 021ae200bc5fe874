# desc: y. the crash journal: a down killed part-way is undone by the next run; apply killed with SIGKILL after each step of a create plan (bond, ports, address, route, a VLAN) and as each step begins, and after each step of a mode-change plan: status reports the interrupted apply (exit 4, text and JSON), the next apply undoes it first (the state is the one before, byte-identical) and says so, then applies; a killed two-bond run undoes both; down undoes a killed run too; a damaged or untrusted journal is reported, set aside unread, and never blocks a run
# cost: 90
# shellcheck shell=bash source=tests/uml/l3-lib.sh
. "$UML_TOP/tests/uml/l3-lib.sh"

topo_ports 4
peer_bridge 192.0.2.2/24 4
modprobe 8021q 2>/dev/null
cfg_init
cfg_bond bond0 "mode=active-backup miimon=100" IPADDR=192.0.2.1 PREFIX=24 ARPCHECK=no
cfg_port bp0 bond0
cfg_port bp1 bond0
printf '198.51.100.0/24 via 192.0.2.2 dev bond0\n' >"$CFG/route-bond0"
{
	echo "DEVICE=bond0.100"
	echo "VLAN=yes"
	echo "ONBOOT=yes"
	echo "BOOTPROTO=none"
	echo "IPADDR=203.0.113.1"
	echo "PREFIX=24"
	echo "ARPCHECK=no"
} >"$CFG/ifcfg-bond0.100"
show_cfg
JOURNAL=/run/bondcfg/journal

# killed VAR N: run apply with VAR=N (the test build sends itself SIGKILL
# at that step); sets KILLED (1: it was killed, 0: it ran to the end).
killed() {
	run env "$1=$2" "$BONDCFG" --config-dir "$CFG" apply
	if [ "$RC" = 0 ]; then
		KILLED=0
		return
	fi
	KILLED=1
	assert_eq "$1=$2: killed (exit 137)" "$RC" 137
}

# recover_then_compare DESC BEFORE: the next apply undoes the dead run
# first (its first step is then made to fail, so that what is left to see
# is exactly the state the undo made), and the state is BEFORE.
recover_then_compare() {
	local desc=$1 before=$2
	run env BONDCFG_TEST_FAIL_STEP=1 "$BONDCFG" --config-dir "$CFG" apply
	assert_in "$desc: the next apply says what it undoes" "$ERR" "did not end; undoing what it did first"
	assert_in "$desc: and that it rolled it back" "$ERR" ": rolled back"
	check "$desc: the journal is gone" not test -e "$JOURNAL/run"
	state_dump_stable /tmp/y.after
	state_same_stable "$desc: the state before the killed run, byte-identical" "$before" /tmp/y.after
}

# each_kill VAR BEFORE MIN: kill at step 1, 2... until the run ends
# unkilled; after each: status, recovery, the state compared, then apply.
# MIN: the plan has more steps than that.
each_kill() {
	local var=$1 before=$2 min=$3 i n=0
	for i in $(seq 1 60); do
		quiet
		killed "$var" "$i"
		if [ "$KILLED" = 0 ]; then
			n=$((i - 1))
			break
		fi
		check "$var=$i: the journal is left" test -s "$JOURNAL/run"
		run bc status
		assert_eq "$var=$i: status exits 4 (not as the files say)" "$RC" 4
		assert_in "$var=$i: status reports the interrupted apply" "$OUT" "interrupted: an apply (pid"
		recover_then_compare "$var=$i" "$before"
		apply_rc 0
		check "$var=$i: then applied: bond0.100 is there" link_exists bond0.100
		restore_before
	done
	if [ "$n" -gt "$min" ]; then
		pass "$var: all $n steps of the plan were killed in turn"
	else
		fail "$var: the plan had only $n steps"
	fi
	restore_before
}

key "a create plan killed after each step, then as each step begins"
restore_before() { bc down --stack bond0 >/dev/null 2>&1; }
restore_before
state_dump_stable /tmp/y.none
each_kill BONDCFG_TEST_KILL_STEP /tmp/y.none 8
each_kill BONDCFG_TEST_KILL_BEFORE /tmp/y.none 8

key "the JSON of an interrupted run: status's interrupted object, apply's recovered list"
killed BONDCFG_TEST_KILL_STEP 4
run bc --json status
assert_eq "status --json: exit 4" "$RC" 4
assert_eq "status --json: interrupted, not running, its journal read" \
	"$(jq -c '[.interrupted.running, .interrupted.unreadable, (.interrupted.bonds | length), .in_sync]' <<<"$OUT")" \
	'[false,null,1,false]'
"$UML_TOP/tests/json/check-json.py" "$UML_TOP/tests/json/schemas/status.schema.json" <<<"$OUT" >/tmp/y.schema 2>&1
assert_eq "status --json passes its schema" "$?" 0
assert_in "status --json: the step it had reached" "$(jq -r '.interrupted.bonds[0]' <<<"$OUT")" "bond0: at step 4 of"
run bc --json apply
assert_eq "apply --json after it: exit 0" "$RC" 0
assert_eq "apply --json: what it undid first" \
	"$(jq -c '[.recovered[] | [.command, .bond, .step, .state]]' <<<"$OUT")" '[["apply","bond0",4,"rolled-back"]]'
check "bond0 is up" link_exists bond0
wait_for 10 "ping the peer through bond0" ping_ok 192.0.2.2

key "a mode-change plan (active-backup -> balance-rr) killed after each step"
# bond0 is applied in active-backup: that is the state each kill must
# come back to, once DAD and the operstates are over.
settle
sleep 1
settle
state_dump_stable /tmp/y.ab
sed -i 's/mode=active-backup/mode=balance-rr/' "$CFG/ifcfg-bond0"
restore_before() {
	sed -i 's/mode=balance-rr/mode=active-backup/' "$CFG/ifcfg-bond0"
	bc apply >/dev/null 2>&1
	sed -i 's/mode=active-backup/mode=balance-rr/' "$CFG/ifcfg-bond0"
}
each_kill BONDCFG_TEST_KILL_STEP /tmp/y.ab 4
sed -i 's/mode=balance-rr/mode=active-backup/' "$CFG/ifcfg-bond0"
apply_rc 0

key "a down killed part-way: the next run puts the bond back as it was, then does its own work"
settle
sleep 1
settle
state_dump_stable /tmp/y.up
run env BONDCFG_TEST_KILL_STEP=3 "$BONDCFG" --config-dir "$CFG" down --stack bond0
assert_eq "down killed at its third step (exit 137)" "$RC" 137
run bc status
assert_in "status reports the interrupted down" "$OUT" "interrupted: a down (pid"
run env BONDCFG_TEST_FAIL_STEP=1 "$BONDCFG" --config-dir "$CFG" down --stack bond0
assert_in "the next down undoes the killed one first" "$ERR" "did not end; undoing what it did first"
state_dump_stable /tmp/y.after
# bond0.100 was deleted and is made again: the kernel gives it a new
# ifindex (and its zeroconf route's metric is 1000 + that); all else is
# byte-identical
no_ifindex() { # DUMP: without ifindex values and the zeroconf metric
	jq -c 'walk(if type == "object" then del(.ifindex, .link_index) |
		if .dst == "169.254.0.0/16" then del(.metric) else . end else . end)' "$1" >"$1.n"
}
no_ifindex /tmp/y.up
for i in 1 2 3 4 5 6; do
	no_ifindex /tmp/y.after
	cmp -s /tmp/y.up.n /tmp/y.after.n && break
	sleep 0.3
	settle
	state_dump_stable /tmp/y.after
done
if cmp -s /tmp/y.up.n /tmp/y.after.n; then
	pass "the bond as before the killed down, byte-identical but bond0.100's new ifindex"
else
	fail "the bond as before the killed down, byte-identical but bond0.100's new ifindex"
	diff <(jq -S . </tmp/y.up.n) <(jq -S . </tmp/y.after.n) | head -60 | sed 's/^/  /'
fi
run_rc 0 bc apply
assert_in "then apply finds it up to date" "$OUT" "bond0: up to date"

key "down undoes a killed run too"
run_rc 0 bc down --stack bond0
state_dump_stable /tmp/y.none2
killed BONDCFG_TEST_KILL_STEP 3
run bc down --stack bond0
assert_eq "down after a killed apply: exit 0" "$RC" 0
assert_in "down says what it undid" "$ERR" "did not end; undoing what it did first"
state_dump_stable /tmp/y.after
state_same_stable "down: nothing of bond0 is left" /tmp/y.none2 /tmp/y.after

key "two bonds in one run, killed in the second: both are undone"
cfg_bond bond1 "mode=active-backup miimon=100" IPADDR=192.0.2.3 PREFIX=24 ARPCHECK=no
cfg_port bp2 bond1
cfg_port bp3 bond1
run_rc 0 bc --json apply --dry-run
first=$(jq '[.steps[] | select(.bond == "bond0")] | length' <<<"$OUT")
state_dump_stable /tmp/y.none3
killed BONDCFG_TEST_KILL_STEP $((first + 2))
run bc status
assert_in "status names both bonds" "$OUT" "bond1: at step 2 of"
recover_then_compare "two bonds" /tmp/y.none3
assert_in "bond1 was undone" "$ERR" "bond1: at step 2 of"
assert_in "and bond0, which had been applied" "$ERR" "bond0: at step $first of $first"
apply_rc 0
check "bond0 is up" link_exists bond0
check "bond1 is up" link_exists bond1
run_rc 0 bc down --stack bond0
run_rc 0 bc down bond1
rm -f "$CFG/ifcfg-bond1" "$CFG/ifcfg-bp2" "$CFG/ifcfg-bp3"

# spoiled HOW DESC: a killed apply's journal, spoiled by the command HOW;
# status says the journal cannot be read; the next apply says so, sets it
# aside as journal.broken-PID without acting on it, and does its own work
# all the same; the run after it hears nothing of it.
spoiled() {
	local how=$1 desc=$2
	killed BONDCFG_TEST_KILL_STEP 3
	check "$desc: the journal is left" test -s "$JOURNAL/bond0.plan"
	eval "$how"
	run bc status
	assert_eq "$desc: status exits 4" "$RC" 4
	assert_in "$desc: status says a run did not end and its journal cannot be read" "$OUT" \
		"a run did not end, and its crash journal cannot be read"
	assert_in "$desc: and that the next apply cannot undo it" "$OUT" \
		"sets it aside and cannot undo what that run did"
	run bc --json status
	assert_eq "$desc: status --json: interrupted, unreadable, no bonds" \
		"$(jq -c '[.interrupted.running, (.interrupted.unreadable | type), (.interrupted.bonds | length)]' <<<"$OUT")" \
		'[false,"string",0]'
	"$UML_TOP/tests/json/check-json.py" "$UML_TOP/tests/json/schemas/status.schema.json" <<<"$OUT" >/tmp/y.schema 2>&1
	assert_eq "$desc: status --json passes its schema" "$?" 0
	rm -rf "$JOURNAL".broken-*
	run bc apply
	assert_eq "$desc: the next apply goes on (exit 0)" "$RC" 0
	assert_in "$desc: and says the journal cannot be read, is set aside, and was not acted on" "$ERR" \
		"cannot be read"
	assert_in "$desc: naming where it went" "$ERR" "set aside in $JOURNAL.broken-*"
	check "$desc: the journal is no longer there" not test -e "$JOURNAL/run"
	check "$desc: it is in $JOURNAL.broken-PID" test -s "$(echo "$JOURNAL".broken-*/bond0.plan)"
	check "$desc: bond0 is up" link_exists bond0.100
	wait_for 10 "$desc: ping the peer through bond0" ping_ok 192.0.2.2
	run_rc 0 bc apply
	check "$desc: the run after it says nothing of a journal" not contains "$ERR" "journal"
	run_rc 0 bc status
	check "$desc: and status reports nothing interrupted" not contains "$OUT" "interrupted"
	run_rc 0 bc down --stack bond0
}

key "a crash journal that is damaged, or not root's alone: said, set aside unread, and the run goes on"
spoiled 'printf "[plan\nsteps=two\n" >"$JOURNAL/bond0.plan"' "damaged"
spoiled 'chmod g+w "$JOURNAL/bond0.plan"' "group-writable"
spoiled 'chown 65534 "$JOURNAL/run"' "owned by nobody"
l3_end
