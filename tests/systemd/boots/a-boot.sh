# shellcheck shell=bash
# (sourced; BOOT_CASES and CFG are read by the sourcing scripts)
# shellcheck disable=SC2034
# desc: boot with an ONBOOT bond: bondcfg.service, network-online.target, the journal, the units, reload and stop
#
# NICs bp0, bp1, bp2 exist before bondcfg.service starts.  bond0
# (active-backup, miimon 100, bp0 and bp1, 192.0.2.1/24) is ONBOOT; bond9
# (its port bp2) is ONBOOT=no.  The driver runs after network-online.target
# and pulls it in, so bondcfg-wait-online.service runs.  The cases run in
# this order, on one boot: reload and stop change what the earlier cases
# look at.
BOOT_CASES=(boot online journal units reload stop)

boot_prep() {
	sd_set SD_NICS 3
	sd_enable bondcfg-test-nics.service || return 1
	sd_driver_after_online
	CFG=$NS
	cfg_bond bond0 "mode=active-backup miimon=100" IPADDR=192.0.2.1 PREFIX=24
	cfg_port bp0 bond0
	cfg_port bp1 bond0
	cfg_bond bond9 "mode=active-backup miimon=100" IPADDR=198.51.100.1 PREFIX=24
	sed -i 's/^ONBOOT=yes$/ONBOOT=no/' "$NS/ifcfg-bond9"
	cfg_port bp2 bond9
}

# case: boot - bondcfg.service brought up the ONBOOT bond0 at boot (kernel state, ping through it) and left the ONBOOT=no bond9 alone
case_boot() {
	assert_eq "PID 1 is systemd" "$(readlink /proc/1/exe)" "$(readlink -f /lib/systemd/systemd)"
	props_load bondcfg.service
	assert_eq "bondcfg.service (systemctl is-active)" "$(systemctl is-active bondcfg.service)" active
	assert_eq "bondcfg.service result" "${P[bondcfg.service/Result]}" success
	# systemctl enable followed [Install]: WantedBy= and Also=.
	check "bondcfg.service is in multi-user.target.wants" \
		test -L /etc/systemd/system/multi-user.target.wants/bondcfg.service
	check "Also= enabled bondcfg-wait-online.service (network-online.target.wants)" \
		test -L /etc/systemd/system/network-online.target.wants/bondcfg-wait-online.service
	assert_eq "bond0 mode (sysfs)" "$(sysfs bond0 mode)" "active-backup 1"
	assert_eq "bond0 miimon (sysfs)" "$(sysfs bond0 miimon)" 100
	assert_eq "bond0 ports (sysfs)" "$(bond_slaves bond0)" "bp0 bp1"
	assert_eq "bp0 master" "$(master_of bp0)" bond0
	assert_eq "bp1 master" "$(master_of bp1)" bond0
	assert_eq "bond0 IPv4 addresses" "$(bond_addrs4 bond0)" 192.0.2.1/24
	check "bond0 has carrier" carrier_now bond0
	wait_for 5 "ping 192.0.2.2 (the peer's bridge) through bond0" ping_ok 192.0.2.2
	check "bond9 (ONBOOT=no) does not exist" sh -c '! ip link show dev bond9'
	assert_eq "bp2 (bond9's port) has no master" "$(master_of bp2)" ""
	run_rc 0 bondcfg status bond0
}

# case: online - network-online.target was reached only after bond0 had carrier (monotonic times of bondcfg.service, carrier, bondcfg-wait-online, network-online.target)
case_online() {
	local start active carrier operup wo_start wo_end online userspace mu
	props_load bondcfg.service bondcfg-wait-online.service network-online.target multi-user.target
	start=${P[bondcfg.service/ExecMainStartTimestampMonotonic]}
	active=${P[bondcfg.service/ActiveEnterTimestampMonotonic]}
	wo_start=${P[bondcfg-wait-online.service/ExecMainStartTimestampMonotonic]}
	wo_end=${P[bondcfg-wait-online.service/ActiveEnterTimestampMonotonic]}
	online=${P[network-online.target/ActiveEnterTimestampMonotonic]}
	mu=${P[multi-user.target/ActiveEnterTimestampMonotonic]}
	userspace=$(systemctl show -P UserspaceTimestampMonotonic)
	carrier=$(carrier_mono bond0) || carrier=0
	operup=$(operup_mono bond0) || operup=0
	log "monotonic (us): bondcfg start $start, active $active, carrier $carrier, operstate up $operup," \
		"wait-online start $wo_start, done $wo_end, network-online $online, multi-user $mu, userspace $userspace"
	local v
	for v in start active carrier wo_start wo_end online; do
		if [ "${!v:-0}" -gt 0 ]; then pass "$v recorded (${!v} us)"; else fail "$v never happened"; fi
	done
	[ "$CASE_FAILED" = 0 ] || return 1
	assert_eq "bondcfg-wait-online.service ran and succeeded" \
		"${P[bondcfg-wait-online.service/Result]}/${P[bondcfg-wait-online.service/ExecMainStatus]}" success/0
	verdict "carrier after bondcfg.service started" \
		"bond0 had carrier before bondcfg.service started?" \
		[ "$carrier" -gt "$start" ]
	verdict "carrier <= bondcfg-wait-online done" \
		"bondcfg-wait-online.service finished $(since_ms "$carrier" "$wo_end") ms before bond0 had carrier" \
		[ "$carrier" -le "$wo_end" ]
	verdict "carrier <= network-online.target" \
		"network-online.target was reached $(since_ms "$carrier" "$online") ms before bond0 had carrier" \
		[ "$carrier" -le "$online" ]
	verdict "bondcfg-wait-online done <= network-online.target" \
		"network-online.target before bondcfg-wait-online.service was done" \
		[ "$wo_end" -le "$online" ]
	note "bondcfg.service start -> bond0 carrier: $(since_ms "$start" "$carrier") ms" \
		"(-> operstate UP $(since_ms "$start" "$operup") ms; -> bondcfg.service active $(since_ms "$start" "$active") ms)"
	note "bond0 carrier -> bondcfg-wait-online done: $(since_ms "$carrier" "$wo_end") ms" \
		"(it ran $(since_ms "$wo_start" "$wo_end") ms); -> network-online.target: $(since_ms "$carrier" "$online") ms"
	note "boot: kernel -> systemd $(ms "$userspace") ms, -> bondcfg.service start $(ms "$start") ms," \
		"-> network-online.target $(ms "$online") ms, -> multi-user.target $(ms "$mu") ms"
}

# case: journal - the boot apply's syslog records are in the journal (journalctl -t bondcfg), from bondcfg.service, facility daemon, each naming its bond; a dry run logs nothing
case_journal() {
	local pid j=/tmp/bondcfg-boot.json n out all
	props_load bondcfg.service
	pid=${P[bondcfg.service/ExecMainPID]}
	bondcfg_journal "$j" "_PID=$pid"
	n=$(wc -l <"$j")
	jq -r '"  \(.__MONOTONIC_TIMESTAMP) \(.SYSLOG_IDENTIFIER)[\(._PID)] prio \(.PRIORITY) fac \(.SYSLOG_FACILITY) unit \(._SYSTEMD_UNIT): \(.MESSAGE)"' "$j"
	verdict "$n syslog records from the boot apply (PID $pid)" \
		"no syslog record from PID $pid (journalctl -t bondcfg _TRANSPORT=syslog _PID=$pid)" \
		[ "$n" -gt 0 ]
	out=$(journalctl -b -t bondcfg _TRANSPORT=stdout "_PID=$pid" -o cat --no-pager | wc -l)
	note "journal: $n syslog records from the boot apply (and $out lines of its stdout)," \
		"e.g. '$(jq -r -s '.[0].MESSAGE // "-"' "$j")'"
	[ "$n" -gt 0 ] || return 1
	# Its stdout goes to the journal too ($JOURNAL_STREAM): bondcfg does not
	# print there what it logged, so each change is in the journal once.
	assert_eq "lines of bondcfg.service's stdout repeating a record" "$out" 0
	assert_eq "records not from bondcfg.service" \
		"$(jq -r 'select(._SYSTEMD_UNIT != "bondcfg.service") | .MESSAGE' "$j")" ""
	assert_eq "records whose facility is not daemon (3)" \
		"$(jq -r 'select(.SYSLOG_FACILITY != "3") | .MESSAGE' "$j")" ""
	assert_eq "records that do not name bond0" \
		"$(jq -r 'select(.MESSAGE | test("\\bbond0\\b") | not) | .MESSAGE' "$j")" ""
	check "a record names port bp0" jq -e -s 'any(.[]; .MESSAGE | test("\\bbp0\\b"))' "$j"
	check "a record names port bp1" jq -e -s 'any(.[]; .MESSAGE | test("\\bbp1\\b"))' "$j"
	assert_eq "records naming bond9 (ONBOOT=no)" "$(jq -r 'select(.MESSAGE | test("bond9")) | .MESSAGE' "$j")" ""
	# A dry run changes nothing, so it logs nothing.
	all=$(journalctl -b -t bondcfg _TRANSPORT=syslog -o cat --no-pager | wc -l)
	sed -i 's/miimon=100/miimon=200/' "$NS/ifcfg-bond0"
	run_rc 0 bondcfg apply --dry-run
	sed -i 's/miimon=200/miimon=100/' "$NS/ifcfg-bond0"
	verdict "the dry run had a change to show (miimon)" "the dry run showed no change" \
		grep -q miimon /tmp/.run.out
	journalctl --sync
	assert_eq "syslog records after the dry run" \
		"$(journalctl -b -t bondcfg _TRANSPORT=syslog -o cat --no-pager | wc -l)" "$all"
	assert_eq "bond0 miimon after the dry run (sysfs)" "$(sysfs bond0 miimon)" 100
}

# case: units - systemd-analyze verify of the two units prints nothing; systemd-analyze security scores bondcfg.service
case_units() {
	local u score
	# --man=no: the man page is the packaging tier's business, and a
	# minimal machine has no man(1) to ask.
	run systemd-analyze verify --man=no /usr/lib/systemd/system/bondcfg.service \
		/usr/lib/systemd/system/bondcfg-wait-online.service
	assert_eq "systemd-analyze verify exit" "$RC" 0
	assert_eq "systemd-analyze verify output" "$OUT$ERR" ""
	for u in bondcfg.service bondcfg-wait-online.service; do
		run systemd-analyze security --no-pager "$u"
		score=$(printf '%s\n' "$OUT" | sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\) \([A-Z]*\).*/\1 \2/p')
		if [ -n "$score" ]; then
			pass "security score of $u: $score"
			note "systemd-analyze security $u: $score"
		else
			fail "no score from systemd-analyze security $u"
		fi
	done
}

# case: reload - systemctl reload bondcfg re-applies a changed ifcfg-bond0 (miimon 250, a second address) to the live bond0
case_reload() {
	local idx before
	idx=$(link_ifindex bond0)
	before=$(journalctl -b -t bondcfg _TRANSPORT=syslog -o cat --no-pager | wc -l)
	sed -i 's/miimon=100/miimon=250/' "$NS/ifcfg-bond0"
	printf 'IPADDR1=192.0.2.11\nPREFIX1=24\n' >>"$NS/ifcfg-bond0"
	prefix '  ' "$NS/ifcfg-bond0"
	run_rc 0 systemctl reload bondcfg.service
	assert_eq "bondcfg.service still active" "$(systemctl is-active bondcfg.service)" active
	assert_eq "bond0 miimon (sysfs)" "$(sysfs bond0 miimon)" 250
	assert_eq "bond0 IPv4 addresses" "$(bond_addrs4 bond0)" 192.0.2.1/24,192.0.2.11/24
	assert_eq "bond0 ports (sysfs)" "$(bond_slaves bond0)" "bp0 bp1"
	assert_eq "bond0 kept its ifindex (changed in place)" "$(link_ifindex bond0)" "$idx"
	check "bond9 (ONBOOT=no) still does not exist" sh -c '! ip link show dev bond9'
	wait_for 5 "ping 192.0.2.2 through bond0" ping_ok 192.0.2.2
	local j=/tmp/bondcfg-reload.json
	journalctl --sync
	bondcfg_journal /tmp/bondcfg-all.json
	tail -n +$((before + 1)) /tmp/bondcfg-all.json >"$j"
	jq -r '"  \(.SYSLOG_IDENTIFIER)[\(._PID)] unit \(._SYSTEMD_UNIT): \(.MESSAGE)"' "$j"
	check "the reload logged what it changed, each record naming bond0" \
		jq -e -s 'length > 0 and all(.[]; .MESSAGE | test("\\bbond0\\b"))' "$j"
	check "a record names miimon" jq -e -s 'any(.[]; .MESSAGE | test("miimon"))' "$j"
	check "a record names 192.0.2.11" jq -e -s 'any(.[]; .MESSAGE | test("192\\.0\\.2\\.11"))' "$j"
}

# case: stop - systemctl stop bondcfg takes bond0 down (the root is not on the network) and stops bondcfg-wait-online.service with it
case_stop() {
	local before j=/tmp/bondcfg-stop.json
	log "root file system: $(findmnt -no FSTYPE,SOURCE /) (not on the network)"
	before=$(journalctl -b -t bondcfg _TRANSPORT=syslog -o cat --no-pager | wc -l)
	run_rc 0 systemctl stop bondcfg.service
	assert_eq "bondcfg.service" "$(systemctl is-active bondcfg.service)" inactive
	# Requires=bondcfg.service (systemd.unit(5)): stopped with it.
	assert_eq "bondcfg-wait-online.service" "$(systemctl is-active bondcfg-wait-online.service)" inactive
	check "bond0 is gone" sh -c '! ip link show dev bond0'
	assert_eq "bp0 master" "$(master_of bp0)" ""
	assert_eq "bp1 master" "$(master_of bp1)" ""
	check "the ports still exist" sh -c 'ip link show dev bp0 && ip link show dev bp1'
	journalctl --sync
	bondcfg_journal /tmp/bondcfg-all.json
	tail -n +$((before + 1)) /tmp/bondcfg-all.json >"$j"
	jq -r '"  \(._SYSTEMD_UNIT): \(.MESSAGE)"' "$j"
	check "the stop logged what it did, each record naming bond0" \
		jq -e -s 'length > 0 and all(.[]; .MESSAGE | test("\\bbond0\\b"))' "$j"
}
