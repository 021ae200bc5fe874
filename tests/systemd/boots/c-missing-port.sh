# shellcheck shell=bash
# (sourced; BOOT_CASES and CFG are read by the sourcing scripts)
# shellcheck disable=SC2034
# desc: a port that never appears: bondcfg.service brings up the other bond after port_timeout and the journal names the port
#
# bp0, bp1, bp2 exist at boot; bp3 never does.  bond0 (bp0, bp1,
# 192.0.2.1/24) and bond1 (bp2 and the missing bp3, 198.51.100.1/24) are
# ONBOOT; /etc/bondcfg.conf sets port_timeout = 3.  The driver runs after
# network.target (so after bondcfg.service's apply), not after
# network-online.target, whose wait is not what this boot is about.
BOOT_CASES=(missing)
SD_PORT_TIMEOUT=3

boot_prep() {
	sd_set SD_NICS 3
	sd_enable bondcfg-test-nics.service || return 1
	sd_driver_after_network
	bondcfg_conf "[boot]" "port_timeout = $SD_PORT_TIMEOUT"
	cfg_bond bond0 "mode=active-backup miimon=100" IPADDR=192.0.2.1 PREFIX=24
	cfg_port bp0 bond0
	cfg_port bp1 bond0
	cfg_bond bond1 "mode=active-backup miimon=100" IPADDR=198.51.100.1 PREFIX=24
	cfg_port bp2 bond1
	cfg_port bp3 bond1
}

# case: missing - bond0 came up although bond1's port bp3 never appeared; bondcfg.service waited port_timeout and its journal names bp3
case_missing() {
	local start end state j=/tmp/bondcfg-boot.json
	props_load bondcfg.service
	start=${P[bondcfg.service/ExecMainStartTimestampMonotonic]}
	end=${P[bondcfg.service/ExecMainExitTimestampMonotonic]}
	state=$(systemctl is-active bondcfg.service)
	log "bondcfg.service: $state, result ${P[bondcfg.service/Result]}, status ${P[bondcfg.service/ExecMainStatus]}"
	note "bondcfg.service: $state (result ${P[bondcfg.service/Result]}, exit status" \
		"${P[bondcfg.service/ExecMainStatus]}) after $(since_ms "$start" "$end") ms, port_timeout $SD_PORT_TIMEOUT s"
	verdict "bondcfg.service's command finished" \
		"bondcfg.service's command never finished" \
		[ "$end" -gt 0 ]
	verdict "it waited port_timeout (${SD_PORT_TIMEOUT}s) for bp3" \
		"it finished $(since_ms "$start" "$end") ms after it started, before port_timeout" \
		[ $((end - start)) -ge $((SD_PORT_TIMEOUT * 1000000)) ]
	assert_eq "bond0 ports (sysfs)" "$(bond_slaves bond0)" "bp0 bp1"
	assert_eq "bond0 IPv4 addresses" "$(bond_addrs4 bond0)" 192.0.2.1/24
	check "bond0 has carrier" carrier_now bond0
	wait_for 5 "ping 192.0.2.2 through bond0" ping_ok 192.0.2.2
	if link_exists bond1; then
		note "bond1: exists, ports '$(bond_slaves bond1)', addresses '$(bond_addrs4 bond1)'"
	else
		note "bond1: not created"
	fi
	bondcfg_journal "$j" "_PID=${P[bondcfg.service/ExecMainPID]}"
	jq -r '"  prio \(.PRIORITY): \(.MESSAGE)"' "$j"
	check "the journal has a record naming the missing port bp3" \
		jq -e -s 'any(.[]; .MESSAGE | test("\\bbp3\\b"))' "$j"
	note "journal on bp3: $(jq -r -s '[.[] | select(.MESSAGE | test("\\bbp3\\b")) | .MESSAGE] | first // "-"' "$j")"
}
