# desc: x. an apply that survives interruption: two bonds in one run are applied together or not at all (each step of the run failed in turn: both bonds as before, and the JSON says what became of each); SIGTERM at each step rolls back and exits 143 with the state as before; a real SIGTERM or SIGHUP during a slow step (LINKDELAY) lets it finish, rolls back, exits 143 or 129
# cost: 45
# shellcheck shell=bash source=tests/uml/l3-lib.sh
. "$UML_TOP/tests/uml/l3-lib.sh"

topo_ports 4
peer_bridge 192.0.2.2/24 4
cfg_init
cfg_bond bond0 "mode=active-backup miimon=100" IPADDR=192.0.2.1 PREFIX=24 ARPCHECK=no
cfg_port bp0 bond0
cfg_port bp1 bond0
cfg_bond bond1 "mode=active-backup miimon=100" IPADDR=192.0.2.3 PREFIX=24 ARPCHECK=no
cfg_port bp2 bond1
cfg_port bp3 bond1
show_cfg

key "two bonds in one run, each step failed in turn: both bonds as before every time (exit 3), then both come up"
fail_each_step 10
check "bond0 is up" link_exists bond0
check "bond1 is up" link_exists bond1
wait_for 10 "ping the peer through the bonds" ping_ok 192.0.2.2
run_rc 0 bc down bond0 bond1

key "the second bond fails: the first is undone too, and the JSON says so for each"
run_rc 0 bc --json apply --dry-run
first=$(jq '[.steps[] | select(.bond == "bond0")] | length' <<<"$OUT")
state_dump_stable /tmp/x.before
run_rc 3 env BONDCFG_TEST_FAIL_STEP=$((first + 2)) "$BONDCFG" --config-dir "$CFG" --json apply
assert_eq "the failing bond" "$(jq -r '.error.bond' <<<"$OUT")" bond1
assert_eq "each bond's state" "$(jq -c '[.bonds[] | [.name, .state]]' <<<"$OUT")" \
	'[["bond0","rolled-back"],["bond1","rolled-back"]]'
state_dump_stable /tmp/x.after
state_same_stable "both bonds as before" /tmp/x.before /tmp/x.after
run_rc 3 env BONDCFG_TEST_FAIL_STEP=$((first + 2)) "$BONDCFG" --config-dir "$CFG" apply
assert_in "the text says bond0 was undone because bond1 failed" "$ERR" \
	"bond0: rolled back (it was applied; undone because bond1 failed)"

key "SIGTERM as each step begins: the step finishes, the run rolls back, exit 143, the state as before"
fail_each_step 10 BONDCFG_TEST_SIGNAL_STEP 143
run_rc 0 bc down bond0 bond1

# the LINKDELAY step sleeps: a signal that comes during it
interrupt_slow() { # SIGNAL RC
	local sig=$1 want=$2 pid t0 t1
	state_dump_stable /tmp/x.before
	: >/tmp/x.out
	"$BONDCFG" --config-dir "$CFG" apply >/tmp/x.out 2>&1 &
	pid=$!
	wait_for 20 "the LINKDELAY step has begun" grep -q "LINKDELAY" /tmp/x.out
	t0=$(date +%s%N)
	kill -"$sig" "$pid"
	wait "$pid"
	RC=$?
	t1=$(date +%s%N)
	prefix '  | ' /tmp/x.out
	assert_eq "SIG$sig during the slow step: exit $want" "$RC" "$want"
	if [ $(((t1 - t0) / 1000000)) -ge 1000 ]; then
		pass "the step under way was finished first ($(((t1 - t0) / 1000000)) ms)"
	else
		fail "the run stopped $(((t1 - t0) / 1000000)) ms after the signal: the 3 s step was cut short"
	fi
	check "it says it was interrupted" grep -q "interrupted by" /tmp/x.out
	state_dump_stable /tmp/x.after
	state_same_stable "SIG$sig: the state as before" /tmp/x.before /tmp/x.after
}
# (SIGHUP rather than SIGINT: a job the shell starts with & ignores SIGINT,
# and bondcfg leaves an ignored signal ignored)
key "a real SIGTERM, then SIGHUP, during a slow step (LINKDELAY=3): it finishes, then the run rolls back"
sed -i 's/^ARPCHECK=no$/ARPCHECK=no\nLINKDELAY=3/' "$CFG/ifcfg-bond1"
interrupt_slow TERM 143
interrupt_slow HUP 129
l3_end
