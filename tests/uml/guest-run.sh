#!/bin/bash
# Inside UML: run the cases named in $UML_CASES (comma separated file names
# of tests/uml/cases/ without .sh), each in its own bash on a freshly reset
# network, bounded in time ("# timeout: N" in its header, default 300 s).  Per case NAME it leaves in $UML_RESULTS/cases/:
#   NAME.log  everything the case printed
#   NAME.tap  extra TAP lines the case reported (optional)
#   NAME.rc   the case's exit status (absent if the runner never got there)
set -u
here=$UML_TOP/tests/uml
# shellcheck source=tests/uml/guest-lib.sh
. "$here/guest-lib.sh"

mkdir -p "$UML_RESULTS/cases"
echo "guest: kernel $(uname -r), cases: $UML_CASES"
# Load the drivers up front; bonding without its default bond0.
modprobe bonding max_bonds=0 || echo "guest: modprobe bonding failed"
modprobe dummy numdummies=0 || echo "guest: modprobe dummy failed"
for m in veth bridge 8021q; do
	modprobe "$m" || echo "guest: modprobe $m failed"
done

IFS=, read -r -a cases <<<"$UML_CASES"
for name in "${cases[@]}"; do
	f=$here/cases/$name.sh
	out=$UML_RESULTS/cases/$name
	: >"$out.tap"
	start=$(now_ms)
	echo "guest: case $name"
	if ! net_reset >"$out.log" 2>&1; then
		echo "FAIL: the network could not be reset before the case" >>"$out.log"
		echo 1 >"$out.rc"
		continue
	fi
	if [ ! -f "$f" ]; then
		echo "FAIL: no such case file $f" >>"$out.log"
		echo 1 >"$out.rc"
		continue
	fi
	# "# timeout: N" in the case's header overrides the default 300 s.
	# (Generous: only a hung case should reach it, on a busy host too.)
	tmo=300
	while IFS= read -r line; do
		case $line in
		"# timeout: "*) tmo=${line#\# timeout: } ;;
		"#"*) ;;
		*) break ;;
		esac
	done <"$f"
	CASE_TAP=$out.tap timeout -k 5 "$tmo" \
		bash -c '. "$1"; . "$2"; case_end' case "$here/guest-lib.sh" "$f" >>"$out.log" 2>&1 </dev/null
	rc=$?
	[ "$rc" = 124 ] && echo "FAIL: case timed out after ${tmo}s" >>"$out.log"
	echo "guest: case $name exit $rc ($(($(now_ms) - start)) ms)"
	echo "$rc" >"$out.rc"
done
net_reset >/dev/null 2>&1
echo "guest: done"
