#!/bin/bash
# `make demo`: boot user-mode Linux with the real bonding driver, apply
# examples/active-backup with ./bondcfg, and show a failover.
#
# The guest's output is streamed here as it is written (it writes to a
# file in build/uml/demo/, which this script follows).
set -u
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/uml/lib.sh
. "$here/lib.sh"
top=$uml_top

uml_require || exit 1
BONDCFG=${BONDCFG:-$top/bondcfg}
if [ ! -x "$BONDCFG" ]; then
	echo "demo: $BONDCFG is not built; run 'make bondcfg'" >&2
	exit 1
fi

dir=$(uml_prepare demo)
: >"$dir/guest.log"
echo "==> Booting user-mode Linux $(ls /usr/lib/uml/modules | head -1) (the real bonding driver; the host needs none)"
start=$SECONDS
bin=$(uml_binary "$BONDCFG" "$dir") || exit 1
uml_boot "$dir" "${UML_BOOT_TIMEOUT:-90}" "$here/demo-guest.sh" BONDCFG="$bin" 2>"$dir/boot.err" &
pid=$!
tail -n +1 -s 0.2 -F --pid="$pid" "$dir/guest.log" 2>/dev/null
wait "$pid"
rc=$?
if [ "$rc" != 0 ]; then
	cat "$dir/boot.err" >&2
	echo "--- last kernel console lines ($dir/console.log):" >&2
	tail -n 20 "$dir/console.log" | tr -d '\r' >&2
	exit 1
fi
grc=$(cat "$dir/exit")
echo
if [ "$grc" = 0 ]; then
	echo "==> Demo finished in $((SECONDS - start)) s (log: ${dir#"$top"/}/guest.log)"
else
	echo "==> Demo FAILED (status $grc) after $((SECONDS - start)) s; log: ${dir#"$top"/}/guest.log" >&2
fi
exit "$grc"
