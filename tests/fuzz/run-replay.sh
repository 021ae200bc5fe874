#!/bin/bash
# Replay the fuzz corpus: every committed input of fuzz/corpus/NAME and every
# past crash of fuzz/crashes/NAME goes once through the harness
# fuzz/fuzz-NAME.c, built with the ordinary compiler, AddressSanitizer and
# UBSan against the sanitized library (build/fuzz-replay/fuzz-NAME, from
# `make check-build`; fuzz/replay.c is its main()).  One TAP line per
# harness: "ok N - fuzz-NAME: replayed K inputs".  A harness with no
# corpus, a crash, a sanitizer report or a leak is a failure, with the end
# of its output as TAP comments.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
# shellcheck source=tests/tap.sh
. "$top/tests/tap.sh"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
logdir=$top/build/test-logs/fuzz-replay
mkdir -p "$logdir"

for src in "$top"/fuzz/fuzz-*.c; do
	name=${src##*/}
	name=${name%.c}
	short=${name#fuzz-}
	bin=$top/build/fuzz-replay/$name
	log=$logdir/$name.log
	if [ ! -x "$bin" ]; then
		tap not "$name: $bin is not built (make check-build)"
		continue
	fi
	dirs=()
	for d in "$top/fuzz/corpus/$short" "$top/fuzz/crashes/$short"; do
		[ -d "$d" ] && dirs+=("$d")
	done
	if [ ! -d "$top/fuzz/corpus/$short" ]; then
		tap not "$name: no corpus in fuzz/corpus/$short"
		continue
	fi
	out=$("$bin" "${dirs[@]}" 2>"$log")
	rc=$?
	k=$(sed -n 's/^replayed \([0-9]*\) inputs$/\1/p' <<<"$out")
	if [ "$rc" = 0 ] && [ -n "$k" ] && [ "$k" -gt 0 ]; then
		tap ok "$name: replayed $k inputs"
	else
		tap not "$name: replay failed (exit $rc, $log)"
		tail -n 20 "$log" | sed 's/^/# /'
	fi
done
echo "1..$n"
[ "$failed" = 0 ]
