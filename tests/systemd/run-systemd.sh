#!/bin/bash
# systemd tier: boot user-mode Linux with systemd as PID 1 on the overlay
# root of tests/uml/guest-init.sh, with bondcfg.service and
# bondcfg-wait-online.service from systemd/ installed and enabled, and
# check what they do to the real kernel at boot, reload and stop.  TAP on
# stdout; results and logs in build/uml/systemd-NAME/.
#
# One boot per file in tests/systemd/boots/ (NAME.sh: boot_prep writes the
# ifcfg files and picks the test units; case_* functions, listed in
# BOOT_CASES, run after the boot in bondcfg-test.service).  The boots run
# one after the other: systemd in UML wants a CPU of its own, and other
# tiers may share the machine.  How a boot works: tests/systemd/guest-prep.sh.
#
# Environment: BONDCFG (binary under test, default ./bondcfg), SD_BOOTS
# (boot names to run, comma separated, default all), SD_BOOT_TIMEOUT
# (seconds per boot, default 150; the guest's own failsafe powers off at
# SD_FAILSAFE, default 100), SD_KARGS (more kernel arguments, e.g.
# systemd.log_level=debug), UML_KERNEL, UML_MEM.
set -u
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/uml/lib.sh
. "$here/../uml/lib.sh"
top=$uml_top
# shellcheck source=tests/tap.sh
. "$top/tests/tap.sh"
# shellcheck source=tests/systemd/lib.sh
. "$here/lib.sh"
t0=$SECONDS

# (tests/systemd/lib.sh sources guest-lib.sh in a subshell, which sets
# n and BONDCFG there: SC2031 is about those.)
# shellcheck disable=SC2031
finish() {
	echo "# total time $((SECONDS - t0))s"
	echo "1..$n"
	[ "$failed" = 0 ]
	exit
}

# --- prerequisites: a missing one is a failure, never a skip -----------------
missing=
uml_require 2>"$top/build/.systemd-require.err" || missing="$missing $(cat "$top/build/.systemd-require.err")"
rm -f "$top/build/.systemd-require.err"
for c in systemctl journalctl systemd-analyze udevadm timeout; do
	command -v "$c" >/dev/null 2>&1 || missing="$missing $c"
done
[ -x /lib/systemd/systemd ] || missing="$missing /lib/systemd/systemd"
[ -x /lib/systemd/systemd-udevd ] || missing="$missing /lib/systemd/systemd-udevd"
# shellcheck disable=SC2031
BONDCFG=${BONDCFG:-$top/bondcfg}
[ -x "$BONDCFG" ] || missing="$missing $BONDCFG (run 'make bondcfg')"
for u in bondcfg.service bondcfg-wait-online.service; do
	[ -f "$top/systemd/$u" ] || missing="$missing systemd/$u"
done
if [ -n "$missing" ]; then
	tap not "prerequisites of the systemd tier (missing:$missing; 'make deps' installs systemd, udev and user-mode-linux)"
	finish
fi
mkdir -p "$top/build"

# --- boots -------------------------------------------------------------------
boots=()
for f in "$here"/boots/*.sh; do
	b=${f##*/}
	b=${b%.sh}
	case ,${SD_BOOTS:-$b}, in *,"$b",*) boots+=("$b") ;; esac
done
TMO=${SD_BOOT_TIMEOUT:-150}

case_desc() { # BOOT CASE: the "# case: CASE - ..." line of the boot file
	sed -n "s/^# case: $2 - //p" "$here/boots/$1.sh" | head -1
}
show_tail() { # FILE LABEL: the last lines of a log, as TAP comments
	[ -s "$1" ] || return 0
	echo "#   --- last lines of ${1#"$top"/} ($2):"
	tail -n "${3:-25}" "$1" | tr -d '\r' | cut -c1-300 | sed 's/^/#   | /'
}

for b in "${boots[@]}"; do
	d=$(uml_prepare "systemd-$b")
	bin=$(uml_binary "$BONDCFG" "$d") || exit 1
	if ! sd_make_root "$b" "$d/root" "$bin" >"$d/make-root.log" 2>&1; then
		tap not "$b: the guest's files are built (${d#"$top"/}/root)"
		sed 's/^/#   /' "$d/make-root.log"
		continue
	fi
	echo "# boot $b: $(sed -n 's/^# desc: //p' "$here/boots/$b.sh" | head -1)"
	tb=$SECONDS
	# pty.legacy_count=0: UML's 256 legacy ptys would only give udev work.
	# shellcheck disable=SC2086 # SD_KARGS: words for the command line
	uml_boot "$d" "$TMO" "$here/guest-prep.sh" UML_PID1=systemd SD_BOOT="$b" \
		pty.legacy_count=0 systemd.show_status=error ${SD_KARGS:-} >"$d/boot.err" 2>&1
	brc=$?
	secs=$((SECONDS - tb))
	ex=$(cat "$d/exit" 2>/dev/null || echo missing)
	echo "# boot $b: ${secs}s wall; results in ${d#"$top"/}"
	if [ "$brc" = 0 ] && [ "$ex" = 0 ]; then
		tap ok "$b: UML booted systemd, the driver ran every case and powered off"
	else
		tap not "$b: UML booted systemd, the driver ran every case and powered off (uml_boot $brc, exit '$ex')"
		sed 's/^/#   /' "$d/boot.err"
		show_tail "$d/prep.log" "overlay preparation"
		show_tail "$d/console.log" console
		show_tail "$d/driver.log" driver
		show_tail "$d/failed.txt" "failed units"
		show_tail "$d/jobs.txt" "jobs left"
		show_tail "$d/journal.txt" journal 40
	fi
	# shellcheck disable=SC1090
	cases=$(bash -c '. "$1"; echo "${BOOT_CASES[@]}"' x "$here/boots/$b.sh")
	for c in $cases; do
		base=$d/cases/$c
		desc=$(case_desc "$b" "$c")
		while IFS= read -r line; do
			case $line in
			"ok - "*) tap ok "$b/$c: ${line#ok - }" ;;
			"not ok - "*) tap not "$b/$c: ${line#not ok - }" ;;
			"# "*) echo "$line" ;;
			esac
		done <"$base.tap" 2>/dev/null
		crc=$(cat "$base.rc" 2>/dev/null || echo missing)
		if [ "$crc" = 0 ]; then
			tap ok "$b/$c: ${desc:-$c}"
		else
			[ "$crc" = missing ] && desc="${desc:-$c} (did not run)"
			tap not "$b/$c: ${desc:-$c}"
			echo "#   --- log of case $c (exit $crc):"
			sed 's/^/#   /' "$base.log" 2>/dev/null | cut -c1-300
		fi
	done
done

# guest-prep.sh wrote these in the guest; the overlay must have kept them.
leaked=
for f in /etc /usr/lib/systemd/system /usr/sbin; do
	[ -e "$f/.bondcfg-systemd-sentinel" ] && leaked="$leaked $f/.bondcfg-systemd-sentinel"
done
if [ -z "$leaked" ]; then
	tap ok "the guests changed nothing on the host (units, binary and files stayed in the overlay)"
else
	tap not "the guests changed nothing on the host: found$leaked"
fi
finish
