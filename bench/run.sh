#!/bin/bash
# `make bench` (after build/bench-parse): the real-kernel benchmarks, in one
# user-mode Linux boot.  A benchmark, not a test: it reports figures next to
# their targets and exits 0 unless the benchmark itself could not run.
#
#   BENCH_RUNS=N          runs per figure (median; default 21, at least 20)
#   BENCH_STARTUP_RUNS=N  runs of bondcfg --version and of ip -V for the
#                         start-up ratio (default 200, at least 20)
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=tests/uml/lib.sh
. "$top/tests/uml/lib.sh"

uml_require || exit 1
BONDCFG=${BONDCFG:-$top/bondcfg}
if [ ! -x "$BONDCFG" ]; then
	echo "bench: $BONDCFG is not built; run 'make bondcfg'" >&2
	exit 1
fi
runs=${BENCH_RUNS:-21}
dir=$(uml_prepare bench)
: >"$dir/guest.log"
echo "== bench: bondcfg against the real bonding driver (user-mode Linux $(ls /usr/lib/uml/modules | head -1), $runs runs each, medians)"
bin=$(uml_binary "$BONDCFG" "$dir") || exit 1
# For the start-up figure: the binary as packages ship it (stripped: rpmbuild
# moves the debug information to -debuginfo), and the floor program
# (bench/startup-floor.c) linked as bondcfg is, with glib alone (the other
# libraries are dlopen()ed by the commands that need them: src/dl-lib.h).
strip -o "$dir/bondcfg-stripped" "$bin" || exit 1
cflags=$(pkg-config --cflags glib-2.0)
cc $cflags -O2 -o "$dir/floor-glib" "$top/bench/startup-floor.c" -lglib-2.0 || exit 1
uml_boot "$dir" "${UML_BOOT_TIMEOUT:-900}" "$top/bench/guest.sh" BONDCFG="$bin" BENCH_RUNS="$runs" \
	BONDCFG_STRIPPED="$dir/bondcfg-stripped" FLOOR_GLIB="$dir/floor-glib" \
	BENCH_STARTUP_RUNS="${BENCH_STARTUP_RUNS:-200}" 2>"$dir/boot.err" &
pid=$!
tail -n +1 -s 0.5 -F --pid="$pid" "$dir/guest.log" 2>/dev/null
wait "$pid"
rc=$?
if [ "$rc" != 0 ]; then
	cat "$dir/boot.err" >&2
	tail -n 20 "$dir/console.log" | tr -d '\r' >&2
	exit 1
fi
exit 0
