#!/bin/bash
# Every --json output bondcfg can give without a kernel to change, judged
# strictly (tests/json/check-json.py: UTF-8, one document, its schema in
# tests/json/schemas/): every golden case run again with --json, the tables
# (options, options --bridge, keys), role, the failures that end a command
# (usage, unknown bond, unreadable directory, lock held), and a file with
# bytes that are not UTF-8.  The commands that change the kernel (apply,
# down, status, wait-online) are judged the same way in the UML tier.
# TAP on stdout.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
bin=${BONDCFG:-$top/build/bondcfg-san}
schemas=$here/schemas
# shellcheck source=tests/tap.sh
. "$top/tests/tap.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# judge NAME SCHEMA DIR ARGS...: run bondcfg --json ARGS in DIR, judge stdout
judge() {
	local name=$1 schema=$2 dir=$3
	shift 3
	(cd "$dir" && exec "$bin" --json "$@") >"$tmp/out" 2>"$tmp/err" </dev/null
	if msg=$("$here/check-json.py" "$schemas/$schema.schema.json" <"$tmp/out" 2>&1); then
		tap ok "$name"
	else
		tap not "$name"
		printf '%s\n' "$msg" | sed 's/^/# /'
		sed 's/^/# stderr: /' "$tmp/err" | head -5
	fi
}

for d in "$top"/tests/golden/cases/*/; do
	case=$(basename "$d")
	read -r -a args <"$d/args"
	a=()
	for w in "${args[@]}"; do [ "$w" = --json ] || a+=("$w"); done
	cmd=
	for w in "${a[@]}"; do
		case $w in -*) ;; *) cmd=$w && break ;; esac
	done
	judge "golden $case: --json ${a[*]}" "$cmd" "$d" --offline --config-dir ifcfg "${a[@]}"
done
judge "options" options "$tmp" options
judge "options --bridge" options-bridge "$tmp" options --bridge
judge "keys" keys "$tmp" keys
cfg=$top/tests/golden/cases/show-stack-json/ifcfg
judge "role of a bridge's file" role "$tmp" --config-dir "$cfg" role ifcfg-br1
judge "role of a file that is none of bondcfg's" role "$tmp" --config-dir "$cfg" role ifcfg-nothing
judge "an unknown command: an error document" error "$tmp" frobnicate
judge "a bad option value: an error document" error "$tmp" --wait-lock=x check
judge "an unknown bond: an error document" error "$tmp" --offline --config-dir "$cfg" show bond42
judge "an unreadable directory: an error document" error "$tmp" --config-dir /nonexistent check
judge "apply with --root: an error document" error "$tmp" --root "$tmp" apply

# bytes that are not UTF-8 in a value: a diagnostic, and the output is UTF-8
mkdir -p "$tmp/u8"
printf 'DEVICE=bond0\nTYPE=Bond\nBONDING_OPTS="mode=1 miimon=100 \xff\xfe"\nNAME="caf\xe9"\n' \
	>"$tmp/u8/ifcfg-bond0"
printf 'DEVICE=eth0\nMASTER=bond0\nSLAVE=yes\n' >"$tmp/u8/ifcfg-eth0"
chmod 0755 "$tmp/u8"
judge "check of a file with bytes that are not UTF-8: valid UTF-8 out" check "$tmp" \
	--offline --config-dir "$tmp/u8" check
judge "show of that file: valid UTF-8 out" show "$tmp" --offline --config-dir "$tmp/u8" show
(cd "$tmp" && "$bin" --json --offline --config-dir "$tmp/u8" check) >"$tmp/out" 2>/dev/null
if grep -q 'the value of BONDING_OPTS is not valid UTF-8' "$tmp/out" &&
	grep -q 'the value of NAME is not valid UTF-8' "$tmp/out"; then
	tap ok "the bytes that are not UTF-8 are a diagnostic of their own, for each key"
else
	tap not "the bytes that are not UTF-8 are a diagnostic of their own, for each key"
	sed 's/^/# /' "$tmp/out"
fi

# Without --json, json-glib is never loaded (json.h: it is dlopen()ed by the
# first document; the initramfs does not have it): LD_DEBUG=files lists every
# library the dynamic loader opens.
nojson=$tmp/nojson
mkdir -p "$nojson"
cp "$top"/tests/golden/cases/show-json/ifcfg/* "$nojson/"
chmod -R go-w "$nojson"
for args in "--offline check" "--offline show" "status" "apply --dry-run" "down zzbond9"; do
	# shellcheck disable=SC2086
	loaded=$(cd "$tmp" && LD_DEBUG=files "$bin" --config-dir "$nojson" $args 2>&1 >/dev/null |
		grep -c 'file=libjson-glib')
	if [ "$loaded" = 0 ]; then
		tap ok "without --json, '$args' does not load json-glib"
	else
		tap not "without --json, '$args' does not load json-glib (loaded $loaded times)"
	fi
done

echo "1..$n"
[ "$failed" = 0 ]
