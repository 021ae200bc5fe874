#!/bin/bash
# One valgrind pass of the release binary over every fixture directory:
# `check --json` and `show --json` must be free of memory errors and leaks.
set -u
cd "$(dirname "$0")/../.."
bin=$PWD/bondcfg
[ -x "$bin" ] || { echo "not ok 1 - ./bondcfg not built"; exit 1; }
command -v valgrind >/dev/null || { echo "not ok 1 - valgrind not installed"; exit 1; }

n=0
fail=0
while IFS= read -r dir; do
	for cmd in check show; do
		n=$((n + 1))
		log=$(mktemp)
		valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
			--suppressions=tests/valgrind/gdbus.supp \
			--log-file="$log" "$bin" --json --config-dir "$dir" $cmd >/dev/null 2>&1
		rc=$?
		if [ $rc = 99 ] || [ -s "$log" ]; then
			echo "not ok $n - valgrind $cmd $dir"
			sed 's/^/# /' "$log"
			fail=$((fail + 1))
		else
			echo "ok $n - valgrind $cmd $dir (exit $rc)"
		fi
		rm -f "$log"
	done
done < <(find tests/fixtures tests/golden/cases -type f -name 'ifcfg-*' -printf '%h\n' 2>/dev/null | sort -u)
[ $n -gt 0 ] || { echo "not ok 1 - no fixtures found"; exit 1; }
echo "1..$n"
[ $fail = 0 ]
