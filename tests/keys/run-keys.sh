#!/bin/bash
# The key table is complete: every ifcfg key the sources read (through
# cfg_get_str, cfg_get_bool, cfg_effective, l3_bool, ifcfg_get, ...) has a
# row in `bondcfg keys`, and so in bondcfg(8).  TAP on stdout.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
# shellcheck source=tests/tap.sh
. "$top/tests/tap.sh"
bin=${BONDCFG:-$top/bondcfg}

if [ ! -x "$bin" ]; then
	tap not "$bin is built"
	echo "1..$n"
	exit 1
fi
table=$("$bin" --json keys | python3 -c '
import json, sys
for k in json.load(sys.stdin)["keys"]:
    print(k["key"])')

# Keys read by name, and the numbered families built with a suffix.
read_keys=$(grep -ohE '(cfg_get_str|cfg_get_bool|cfg_effective|l3_bool|l3_warn|ifcfg_get|ifcfg_lookup|ifcfg_line|cfg_load_mac|cfg_err_key)\([^"]*"[A-Z][A-Z0-9_]+"' \
	"$top"/src/config*.c "$top"/src/validate.c |
	grep -oE '"[A-Z][A-Z0-9_]+"' | tr -d '"' | sort -u)
families=$(grep -ohE 'g_strconcat\("[A-Z][A-Z0-9_]+", sfx' "$top"/src/config-l3*.c |
	grep -oE '"[A-Z][A-Z0-9_]+"' | tr -d '"' | sort -u)
missing=
for k in $read_keys; do
	grep -qxF -e "$k" -e "$k#" -e "${k%%[0-9]*}#" <<<"$table" || missing="$missing $k"
done
for k in $families; do
	grep -qxF "$k#" <<<"$table" || missing="$missing $k#"
done
if [ -z "$missing" ]; then
	tap ok "every key the sources read ($(wc -w <<<"$read_keys") keys, $(wc -w <<<"$families") numbered families) is in 'bondcfg keys'"
else
	tap not "every key the sources read is in 'bondcfg keys': missing$missing"
fi

# The port options of the option table (BOND_PORT_*) too.
for k in $("$bin" --json options | python3 -c '
import json, sys
for o in json.load(sys.stdin)["options"]:
    if o.get("ifcfg_key"): print(o["ifcfg_key"])'); do
	grep -qxF "$k" <<<"$table" || missing="$missing $k"
done
[ -z "$missing" ]
tap_rc() { if [ "$1" = 0 ]; then tap ok "$2"; else tap not "$2"; fi; }
tap_rc $? "the per-port bonding keys of the option table are in 'bondcfg keys'"

# bondcfg(8) carries the whole table.
make -s -C "$top" build/bondcfg.8 >/dev/null 2>&1
man_keys=$(grep -c '^\.TP' <(sed -n '/^\.SH IFCFG KEYS/,/^\.SS Ownership/p' "$top/build/bondcfg.8"))
rows=$(wc -l <<<"$table")
[ "$man_keys" = "$rows" ]
tap_rc $? "bondcfg(8) lists all $rows rows of the key table (found $man_keys)"
echo "1..$n"
[ "$failed" = 0 ]
