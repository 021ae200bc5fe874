#!/bin/bash
# TEST-ONLY (bondcfg-test-failsafe.service): SD_FAILSAFE seconds after it
# started, save the evidence and power the guest off, so that a boot that
# hangs leaves a journal for the host instead of a bare timeout.
set -u
# shellcheck source=tests/systemd/guest-sd-lib.sh
. /usr/local/libexec/bondcfg-test/guest-sd-lib.sh
sleep "${SD_FAILSAFE:-90}"
echo "failsafe: the driver did not finish within ${SD_FAILSAFE:-90}s; powering off" >/dev/console
systemctl list-jobs --no-pager >"$UML_RESULTS/jobs.txt" 2>&1
collect
echo failsafe >"$UML_RESULTS/exit"
power_off
