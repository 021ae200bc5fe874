# shellcheck shell=bash
# TAP output for the shell test tiers: source it, then `tap ok|not NAME`.
# $n counts the tests and $failed the failures, for the tier's own plan line.
n=0
failed=0
tap() { # ok|not NAME
	n=$((n + 1))
	if [ "$1" = ok ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		failed=$((failed + 1))
	fi
}
