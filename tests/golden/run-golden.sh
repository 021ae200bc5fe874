#!/bin/bash
# Golden tests of the commands: each case directory holds
#   args             the bondcfg arguments, one line (word-split by the shell)
#   ifcfg/           the configuration directory (passed as --config-dir ifcfg)
#   expected-stdout  expected-stderr  expected-rc
# NIC checks look at the host, so the cases run --offline.
# The sanitized binary runs inside the case directory so that file names in
# diagnostics are short and stable.  UPDATE=1 rewrites the expected files
# (review the diff before committing).
set -u
cd "$(dirname "$0")"
here=$PWD
bin=${BONDCFG:-$here/../../build/bondcfg-san}
[ -x "$bin" ] || { echo "not ok 1 - $bin not built"; exit 1; }

n=0
fail=0
for dir in cases/*/; do
	dir=${dir%/}
	name=${dir#cases/}
	n=$((n + 1))
	read -r args <"$dir/args"
	out=$(mktemp) err=$(mktemp)
	# shellcheck disable=SC2086
	(cd "$dir" && exec "$bin" --offline --config-dir ifcfg $args) >"$out" 2>"$err"
	rc=$?
	if [ "${UPDATE:-0}" = 1 ]; then
		cp "$out" "$dir/expected-stdout"
		cp "$err" "$dir/expected-stderr"
		echo "$rc" >"$dir/expected-rc"
	fi
	ok=1
	want_rc=$(cat "$dir/expected-rc")
	if [ "$rc" != "$want_rc" ]; then
		echo "# $name: exit status $rc, expected $want_rc"
		ok=0
	fi
	for s in stdout stderr; do
		f=$out
		[ $s = stderr ] && f=$err
		if ! diff -u "$dir/expected-$s" "$f" >/tmp/golden-diff.$$; then
			echo "# $name: $s differs:"
			sed 's/^/#   /' /tmp/golden-diff.$$
			ok=0
		fi
	done
	rm -f "$out" "$err" /tmp/golden-diff.$$
	if [ $ok = 1 ]; then
		echo "ok $n - golden $name: bondcfg $args"
	else
		echo "not ok $n - golden $name: bondcfg $args"
		fail=$((fail + 1))
	fi
done
echo "1..$n"
[ $fail = 0 ]
