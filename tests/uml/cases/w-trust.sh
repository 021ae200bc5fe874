# desc: w. trusted files only (src/trust.h, as sshd's StrictModes): a world-writable or group-writable port file, a file owned by another user, a symbolic link to a world-writable file and a configuration directory others can write to are refused by apply and down with nothing changed (check only warns); a FIFO named ifcfg-x neither hangs nor blocks the bond; every --json output of apply, status, wait-online and down (also failed, refused, locked out) is one strict JSON document its schema accepts
# cost: 15
# shellcheck shell=bash source=tests/uml/l3-lib.sh
. "$UML_TOP/tests/uml/l3-lib.sh"

topo_ports 2
peer_bridge 192.0.2.2/24
cfg_init
cfg_bond bond0 "mode=active-backup miimon=100" IPADDR=192.0.2.1 PREFIX=24 ARPCHECK=no
cfg_port bp0 bond0
cfg_port bp1 bond0
chmod 0755 "$CFG"
chmod 0644 "$CFG"/ifcfg-*
show_cfg

# refused MODE-CHANGE...: with the change made, apply is refused naming the
# file, nothing changes, check warns; undo restores it.
refused() { # NAME FILE-IN-MESSAGE SETUP UNDO
	local name=$1 what=$2 setup=$3 undo=$4
	key "$name: apply and down refused, nothing changed; check warns"
	quiet
	eval "$setup"
	state_dump_stable /tmp/w.before
	run_rc 1 bc apply
	assert_in "apply names $what" "$ERR" "$what: error:"
	assert_in "and says why" "$ERR" "bondcfg acts only on files that root alone can change"
	run_rc 1 bc down bond0
	assert_in "down refuses too" "$ERR" "down refused: nothing was changed"
	state_dump_stable /tmp/w.after
	state_same_stable "nothing changed" /tmp/w.before /tmp/w.after
	run_rc 0 bc --offline check
	assert_in "check warns" "$ERR" "$what: warning:"
	eval "$undo"
	run_rc 0 bc apply
}

key "apply with root's files: the bond comes up"
apply_rc 0 || die "apply failed"
wait_for 10 "ping the peer" ping_ok 192.0.2.2

refused "a world-writable port file" "$CFG/ifcfg-bp1" \
	'chmod 0666 "$CFG/ifcfg-bp1"' 'chmod 0644 "$CFG/ifcfg-bp1"'
refused "a group-writable bond file" "$CFG/ifcfg-bond0" \
	'chmod 0664 "$CFG/ifcfg-bond0"' 'chmod 0644 "$CFG/ifcfg-bond0"'
refused "a port file owned by another user" "$CFG/ifcfg-bp0" \
	'chown 65534 "$CFG/ifcfg-bp0"' 'chown 0 "$CFG/ifcfg-bp0"'
refused "a symbolic link to a world-writable file" "$CFG/ifcfg-bp1" \
	'mv "$CFG/ifcfg-bp1" /tmp/w-bp1; chmod 0666 /tmp/w-bp1; ln -s /tmp/w-bp1 "$CFG/ifcfg-bp1"' \
	'rm "$CFG/ifcfg-bp1"; chmod 0644 /tmp/w-bp1; mv /tmp/w-bp1 "$CFG/ifcfg-bp1"'
refused "a configuration directory others can write to" "$CFG" \
	'chmod 0777 "$CFG"' 'chmod 0755 "$CFG"'

key "a FIFO named ifcfg-x: an error naming it, no hang, and bond0 is still applied and taken down"
mkfifo "$CFG/ifcfg-x"
run_rc 1 timeout 10 "$BONDCFG" --config-dir "$CFG" --offline check
assert_in "check names the FIFO" "$ERR" "ifcfg-x is a FIFO, not a regular file"
ip addr flush dev bond0
run_rc 0 timeout 10 "$BONDCFG" --config-dir "$CFG" apply bond0
check "bond0 has its address again" has_addr inet bond0 192.0.2.1/24
run_rc 0 timeout 10 "$BONDCFG" --config-dir "$CFG" down bond0
check "bond0 is gone" not link_exists bond0
rm "$CFG/ifcfg-x"

# judge_json NAME SCHEMA RC ARGS...: bondcfg --json ARGS exits RC and prints
# one strict JSON document that its schema (tests/json/schemas) accepts
judge_json() {
	local name=$1 schema=$2 rc=$3
	shift 3
	run_rc "$rc" bc --json "$@"
	if printf '%s\n' "$OUT" | "$UML_TOP/tests/json/check-json.py" \
		"$UML_TOP/tests/json/schemas/$schema.schema.json" 2>/tmp/w.json.err; then
		pass "$name"
	else
		fail "$name: $(cat /tmp/w.json.err)"
	fi
}
key "every --json output of the commands that change the kernel: one strict JSON document that its schema accepts"
judge_json "apply (creating)" run 0 apply
judge_json "apply (no-op)" run 0 apply
judge_json "apply --dry-run" run 0 apply --dry-run
judge_json "status (in sync)" status 0 status
judge_json "wait-online" wait-online 0 wait-online --timeout 10
ip addr del 192.0.2.1/24 dev bond0
judge_json "status (drift)" status 4 status
BONDCFG_TEST_FAIL_STEP=1 judge_json "a failed apply (injected), rolled back" run 3 apply
chmod 0666 "$CFG/ifcfg-bp1"
judge_json "a refused apply (untrusted file)" run 1 apply
chmod 0644 "$CFG/ifcfg-bp1"
cp "$CFG/ifcfg-bond0" /tmp/w-bond0
echo "MTU=abc" >>"$CFG/ifcfg-bond0"
judge_json "status with errors in the files: the live state all the same" status 1 status
assert_in "status --json still shows the live bond" "$OUT" '"present":true'
assert_in "and lists the error" "$OUT" '"severity":"error"'
cp /tmp/w-bond0 "$CFG/ifcfg-bond0"
exec 9>/run/w-test.lock
flock 9
BONDCFG_LOCK_FILE=/run/w-test.lock judge_json "the lock held by another run" error 2 --wait-lock 0 apply
exec 9>&-
judge_json "down" run 0 down bond0
judge_json "down of a bond that is not there" run 0 down bond0
l3_end
