#!/bin/bash
# Run every test tier and print one closing line: "N passed, N failed".
#
# Every tier is a program that writes TAP ("ok N - name" / "not ok N - name")
# to stdout.  A tier that exits non-zero without reporting a failure counts
# as one failure, so a crash never passes silently.  Logs: build/test-logs/.
set -u
cd "$(dirname "$0")/.."
top=$PWD
logdir=$top/build/test-logs
mkdir -p "$logdir"
# bondcfg trusts only files root alone can change (src/trust.h): a checkout
# made under umask 002 would give the fixtures group write access and every
# expected output a warning more.  git keeps only the execute bit.
chmod -R go-w tests/fixtures tests/golden/cases

passed=0
failed=0
skipped=0
failures=()

run_tier() { # name, command...
	local name=$1
	shift
	local log="$logdir/${name//\//_}.log"
	local start=$SECONDS
	"$@" >"$log" 2>&1 </dev/null
	local rc=$?
	local p f s
	p=$(grep -cE '^ok [0-9]+' "$log" | head -1)
	s=$(grep -cE '^ok [0-9]+.*# (SKIP|skip)' "$log" | head -1)
	f=$(grep -cE '^not ok [0-9]+' "$log" | head -1)
	p=$((p - s))
	if [ "$rc" != 0 ] && [ "$f" = 0 ]; then
		f=1
		echo "not ok - $name exited with status $rc" >>"$log"
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	skipped=$((skipped + s))
	printf '%-40s %4d passed %3d failed %3d skipped  (%ds)\n' "$name" "$p" "$f" "$s" $((SECONDS - start))
	if [ "$f" != 0 ]; then
		failures+=("$name")
		grep -E '^not ok' "$log" | sed 's/^/    /'
		echo "    --- last lines of $log:"
		tail -n 30 "$log" | sed 's/^/    | /'
	fi
}

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export G_DEBUG=${G_DEBUG:-fatal-criticals}

for t in build/tests/unit/test-*; do
	[ -x "$t" ] || continue
	run_tier "unit/${t##*/}" "$t" --tap
done
for t in build/tests/udev/test-*; do
	[ -x "$t" ] || continue
	run_tier "udev/${t##*/}" umockdev-wrapper "$t" --tap
done
for t in tests/*/run-*.sh; do
	[ -x "$t" ] || continue
	n=${t#tests/}
	run_tier "${n%.sh}" "$t"
done

echo
[ ${#failures[@]} -gt 0 ] && echo "failed tiers: ${failures[*]}"
if [ "$skipped" != 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ "$failed" = 0 ]
