#!/bin/bash
# Real-kernel tests: boot user-mode Linux with the real bonding driver and
# run ./bondcfg against it.  TAP on stdout; see tests/uml/cases/.
#
# The cases are spread over a few boots that run in parallel; each case sets
# up and tears down its own veth/netns topology.  UML_GROUPS overrides the
# grouping ("a,b;c,d" = two boots), e.g. to run one case.
set -u
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/uml/lib.sh
. "$here/lib.sh"
top=$uml_top

n=0
tap() { # ok|not NAME
	n=$((n + 1))
	if [ "$1" = ok ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}
desc_of() { # case file -> its "# desc:" line
	sed -n 's/^# desc: //p' "$here/cases/$1.sh" | head -1
}

if ! uml_require; then
	tap not "user-mode Linux prerequisites are installed"
	exit 1
fi
# BONDCFG overrides the binary under test (default: the release ./bondcfg).
# The release build with the test seams (BONDCFG_TEST_FAIL_STEP...): the
# shipped ./bondcfg has none.
BONDCFG=${BONDCFG:-$top/build/bondcfg-test}
if [ ! -x "$BONDCFG" ]; then
	tap not "$BONDCFG is built (run 'make bondcfg')"
	exit 1
fi

# Cases, with the cost in seconds their "# cost: N" header line estimates.
declare -A cost
for f in "$here"/cases/*.sh; do
	c=${f##*/}
	c=${c%.sh}
	cost[$c]=$(sed -n 's/^# cost: //p' "$f" | head -1)
	: "${cost[$c]:=30}"
done
if [ -n "${UML_GROUPS:-}" ]; then
	groups=$UML_GROUPS
else
	# UML_BOOTS boots in parallel (default 2: one per host CPU is all
	# that helps); the costliest case goes to the least loaded boot.
	nb=${UML_BOOTS:-2}
	declare -a load members
	for ((b = 0; b < nb; b++)); do load[b]=0 members[b]=; done
	for c in $(for k in "${!cost[@]}"; do echo "${cost[$k]} $k"; done | sort -k1,1nr -k2 | cut -d' ' -f2); do
		m=0
		for ((b = 1; b < nb; b++)); do [ "${load[b]}" -lt "${load[m]}" ] && m=$b; done
		load[m]=$((load[m] + cost[$c]))
		members[m]="${members[m]} $c"
	done
	groups=
	for ((b = 0; b < nb; b++)); do
		g=$(printf '%s\n' ${members[b]} | sort | paste -sd, -)
		groups=$groups${groups:+;}$g
	done
fi

IFS=';' read -r -a boots <<<"$groups"
dirs=()
pids=()
for b in "${!boots[@]}"; do
	[ -n "${boots[$b]}" ] || continue
	d=$(uml_prepare "tests-$b")
	dirs[$b]=$d
	bin=$(uml_binary "$BONDCFG" "$d") || exit 1
	(
		uml_boot "$d" "${UML_BOOT_TIMEOUT:-1200}" "$here/guest-run.sh" \
			UML_CASES="${boots[$b]}" BONDCFG="$bin" >"$d/boot.err" 2>&1
		echo $? >"$d/boot.rc"
	) &
	pids[$b]=$!
done
for b in "${!pids[@]}"; do
	wait "${pids[$b]}"
done

rc=0
for b in "${!boots[@]}"; do
	d=${dirs[$b]:-}
	[ -n "$d" ] || continue
	brc=$(cat "$d/boot.rc" 2>/dev/null || echo 1)
	echo "# boot $b: cases ${boots[$b]}; results in ${d#"$top"/}"
	if [ "$brc" != 0 ]; then
		tap not "UML boot $b ran to the end"
		sed 's/^/#   /' "$d/boot.err"
		echo "#   --- last console lines:"
		tail -n 25 "$d/console.log" | tr -d '\r' | sed 's/^/#   | /'
		echo "#   --- last guest lines:"
		tail -n 25 "$d/guest.log" 2>/dev/null | sed 's/^/#   | /'
		rc=1
	fi
	IFS=, read -r -a cs <<<"${boots[$b]}"
	for c in "${cs[@]}"; do
		base=$d/cases/$c
		desc=$(desc_of "$c")
		[ -n "$desc" ] || desc=$c
		while IFS= read -r line; do
			case $line in
			"ok - "*) tap ok "$c: ${line#ok - }" ;;
			"not ok - "*) tap not "$c: ${line#not ok - }" ;;
			esac
		done <"$base.tap" 2>/dev/null
		crc=$(cat "$base.rc" 2>/dev/null || echo missing)
		if [ "$crc" = 0 ]; then
			tap ok "$desc"
		else
			[ "$crc" = missing ] && desc="$desc (did not run to the end)"
			tap not "$desc"
			echo "# --- log of case $c (exit $crc):"
			sed 's/^/#   /' "$base.log" 2>/dev/null
			rc=1
		fi
	done
done
# 0-harness wrote these inside the guest; the overlay must have kept them there.
leaked=
for f in /etc /var/lib /usr/lib "/usr/lib/uml/modules/$(ls /usr/lib/uml/modules | head -1)"; do
	[ -e "$f/.bondcfg-uml-sentinel" ] && leaked="$leaked $f/.bondcfg-uml-sentinel"
done
if [ -z "$leaked" ]; then
	tap ok "the guests changed nothing on the host (files written in /etc, /var/lib, /usr/lib, the module tree stayed in the overlay)"
else
	tap not "the guests changed nothing on the host: found$leaked"
	rc=1
fi
echo "1..$n"
exit $rc
