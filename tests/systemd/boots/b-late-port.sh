# shellcheck shell=bash
# (sourced; BOOT_CASES and CFG are read by the sourcing scripts)
# shellcheck disable=SC2034
# desc: a port that appears 5 s after bondcfg.service started still joins its bond (default port_timeout)
#
# bp0 exists at boot; bp1 (bondcfg-test-late.service) is created 5 s after
# bondcfg.service started.  bond0 (active-backup, bp0 and bp1,
# 192.0.2.1/24) is ONBOOT; there is no /etc/bondcfg.conf, so port_timeout
# has its default.  The driver runs after network-online.target.
BOOT_CASES=(late)

boot_prep() {
	sd_set SD_NICS 1
	sd_set SD_LATE_PORT bp1
	sd_set SD_LATE_DELAY 5
	sd_enable bondcfg-test-nics.service bondcfg-test-late.service || return 1
	sd_driver_after_online
	cfg_bond bond0 "mode=active-backup miimon=100" IPADDR=192.0.2.1 PREFIX=24
	cfg_port bp0 bond0
	cfg_port bp1 bond0
}

# case: late - bp1, created 5 s after bondcfg.service started, joined bond0 before bondcfg.service finished; ping through bond0
case_late() {
	local late start active carrier
	props_load bondcfg.service network-online.target
	start=${P[bondcfg.service/ExecMainStartTimestampMonotonic]}
	active=${P[bondcfg.service/ActiveEnterTimestampMonotonic]}
	# (bondcfg.service should have waited for it; if it did not, the
	# checks below say so, not this wait)
	wait_for 15 "bondcfg-test-late.service created bp1" test -s /run/bondcfg-test/late
	slurp late /run/bondcfg-test/late
	[ -n "$late" ] || die "bondcfg-test-late.service did not create bp1"
	late=$(rt_to_mono "$late")
	carrier=$(carrier_mono bond0) || carrier=0
	log "monotonic (us): bondcfg start $start, bp1 created $late, bondcfg active $active, bond0 carrier $carrier"
	note "bp1 appeared $(since_ms "$start" "$late") ms after bondcfg.service started;" \
		"bondcfg.service active $(since_ms "$late" "$active") ms after that"
	verdict "bp1 appeared after bondcfg.service started" \
		"bp1 appeared before bondcfg.service started: the test did not test a late port" \
		[ "$late" -gt "$start" ]
	verdict "bp1 appeared 5 s after bondcfg.service started" \
		"bp1 appeared only $(since_ms "$start" "$late") ms after bondcfg.service started" \
		[ $((late - start)) -ge 4500000 ]
	assert_eq "bondcfg.service" "$(systemctl is-active bondcfg.service)" active
	assert_eq "bondcfg.service result" "${P[bondcfg.service/Result]}" success
	verdict "bondcfg.service waited for bp1" \
		"bondcfg.service was done before bp1 appeared" \
		[ "$active" -gt "$late" ]
	assert_eq "bond0 ports (sysfs)" "$(bond_slaves bond0)" "bp0 bp1"
	assert_eq "bp1 master" "$(master_of bp1)" bond0
	assert_eq "bond0 IPv4 addresses" "$(bond_addrs4 bond0)" 192.0.2.1/24
	check "bond0 has carrier" carrier_now bond0
	wait_for 5 "ping 192.0.2.2 through bond0" ping_ok 192.0.2.2
	# bp1 carries traffic too: make it the active port.
	run_rc 0 ip link set bp0 down
	# shellcheck disable=SC2016 # for sh -c
	wait_for 5 "bond0 fails over to bp1" sh -c '[ "$(cat /sys/class/net/bond0/bonding/active_slave)" = bp1 ]'
	wait_for 5 "ping 192.0.2.2 through bp1" ping_ok 192.0.2.2
	local j=/tmp/bondcfg-boot.json
	bondcfg_journal "$j" "_PID=${P[bondcfg.service/ExecMainPID]}"
	jq -r '"  \(.MESSAGE)"' "$j"
	check "the journal has a record naming bp1 and bond0" \
		jq -e -s 'any(.[]; .MESSAGE | test("\\bbp1\\b") and test("\\bbond0\\b"))' "$j"
}
