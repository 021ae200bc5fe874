#!/bin/bash
# `make fuzz`: run each libFuzzer harness for SECONDS seconds, one after the
# other (one process, one CPU: no -jobs, no -workers), and print a summary.
#
#   fuzz/run.sh SECONDS [NAME...]     (NAME: ifcfg, netlink...; default all)
#
# A harness starts from its committed corpus (fuzz/corpus/NAME) and its
# past crashes (fuzz/crashes/NAME); the inputs it finds go to
# build/fuzz/new/NAME, never to the committed corpus, and a crash to
# build/fuzz/artifacts/NAME/.  Logs: build/fuzz/logs/NAME.log.  Exit status
# 1 if a harness crashed (or did not run).  Extra libFuzzer flags may come
# from FUZZ_FLAGS (e.g. FUZZ_FLAGS=-seed=1).
set -u
cd "$(dirname "$0")/.." || exit 1

secs=${1:-60}
shift
names=("$@")
if [ ${#names[@]} = 0 ]; then
	for f in fuzz/fuzz-*.c; do
		n=${f#fuzz/fuzz-}
		names+=("${n%.c}")
	done
fi

mkdir -p build/fuzz/logs
rows=()
total=0
failed=0
for n in "${names[@]}"; do
	bin=build/fuzz/fuzz-$n
	new=build/fuzz/new/$n
	art=build/fuzz/artifacts/$n
	log=build/fuzz/logs/$n.log
	mkdir -p "$new" "$art"
	dirs=("$new")
	for d in "fuzz/corpus/$n" "fuzz/crashes/$n"; do
		[ -d "$d" ] && dirs+=("$d")
	done
	opts=(-max_total_time="$secs" -print_final_stats=1 -timeout=10 -rss_limit_mb=2048
		-artifact_prefix="$art/")
	[ -f "fuzz/dict/$n.dict" ] && opts+=(-dict="fuzz/dict/$n.dict")
	echo "fuzz-$n: ${secs}s ($log)"
	if [ ! -x "$bin" ]; then
		rows+=("$(printf '%-16s %14s %8s %8s  %s' "$n" - - - "not built")")
		failed=1
		continue
	fi
	# shellcheck disable=SC2086
	"$bin" "${opts[@]}" ${FUZZ_FLAGS:-} "${dirs[@]}" >"$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	last=$(grep -E ' cov: [0-9]+' "$log" | tail -1)
	cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
	ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
	result=ok
	if [ "$rc" != 0 ]; then
		result="CRASH (exit $rc): $(grep -o 'Test unit written to .*' "$log" | tail -1)"
		failed=1
	fi
	total=$((total + ${execs:-0}))
	rows+=("$(printf '%-16s %14s %8s %8s  %s' "$n" "${execs:--}" "${cov:--}" "${ft:--}" "$result")")
done

echo
printf '%-16s %14s %8s %8s  %s\n' harness executions cov ft result
for r in "${rows[@]}"; do
	echo "$r"
done
printf '%-16s %14s\n' total "$total"
exit "$failed"
