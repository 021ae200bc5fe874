#!/bin/bash
# TEST-ONLY (bondcfg-test.service): once the boot is done, run the boot's
# cases (tests/systemd/boots/NAME.sh, functions case_NAME listed in
# BOOT_CASES), each in its own bash, bounded in time; then save the
# evidence and power off.  Per case NAME, in $UML_RESULTS/cases/:
#   NAME.log  everything the case printed
#   NAME.tap  its TAP lines ("ok - ", "not ok - ", "# " notes)
#   NAME.rc   its exit status
# $UML_RESULTS/exit: 0 once every case ran (whatever their results).
set -u
lib=/usr/local/libexec/bondcfg-test
exec >"$UML_RESULTS/driver.log" 2>&1
# shellcheck source=tests/uml/guest-lib.sh
. "$lib/guest-lib.sh"
# shellcheck source=tests/systemd/guest-sd-lib.sh
. "$lib/guest-sd-lib.sh"
# shellcheck source=/dev/null
. "$lib/boot.sh"

echo "driver: boot $SD_BOOT, PID 1 is $(readlink /proc/1/exe), uptime $(cut -d' ' -f1 /proc/uptime)s"
echo "driver: system state $(systemctl is-system-running)"
mkdir -p "$UML_RESULTS/cases"
# The monitor sees events as they come; give it a moment to write the last.
for name in "${BOOT_CASES[@]}"; do
	out=$UML_RESULTS/cases/$name
	: >"$out.tap"
	start=${EPOCHREALTIME/./}
	# shellcheck disable=SC2016 # $1 and $2 are bash -c's arguments
	CASE_TAP=$out.tap timeout -k 5 "${CASE_TIMEOUT:-120}" \
		bash -c '. "$1/guest-lib.sh"; . "$1/guest-sd-lib.sh"; . "$1/boot.sh"; CFG=$NS; "case_$2"; case_end' \
		case "$lib" "$name" >"$out.log" 2>&1 </dev/null
	rc=$?
	[ "$rc" = 124 ] && echo "FAIL: case timed out" >>"$out.log"
	echo "$rc" >"$out.rc"
	echo "driver: case $name exit $rc ($(((${EPOCHREALTIME/./} - start) / 1000)) ms)"
done
collect
echo 0 >"$UML_RESULTS/exit"
echo "driver: done, powering off"
power_off
