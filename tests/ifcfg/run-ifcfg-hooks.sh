#!/bin/bash
# The initscripts hooks (ifcfg/bondcfg-hook installed as ifup-Bond and
# ifdown-Bond), run as ifup/ifdown exec them: "ifcfg-NAME [boot]", from a
# network-scripts directory whose stock ifup-eth, ifup-post, ifdown-eth and
# ifdown-post are stubs, with a stub bondcfg and a stub logger first on PATH.
# The stubs record their arguments, so the tests assert the exact bondcfg
# invocations, the order of the calls, and the exit status.  TAP on stdout.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
hook=$top/ifcfg/bondcfg-hook

# shellcheck source=tests/tap.sh
. "$top/tests/tap.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ns=$tmp/network-scripts # the hooks and the stock stubs
bin=$tmp/bin            # stub bondcfg and logger
tools=$tmp/tools        # a PATH without bondcfg
mkdir -p "$ns" "$bin" "$tools"
calls=$tmp/calls
syslog=$tmp/syslog

cp "$hook" "$ns/ifup-Bond"
cp "$hook" "$ns/ifdown-Bond"
for s in ifup-eth ifup-post ifdown-eth ifdown-post; do
	cat >"$ns/$s" <<-'EOF'
		#!/bin/sh
		echo "${0##*/} $*" >>"$CALLS"
		echo "${0##*/} NOROUTESET=${NOROUTESET:-}" >>"$CALLS.env"
		exit "${STOCK_RC:-0}"
	EOF
done
# bondcfg: "show" prints $SHOW_JSON (a file) and exits $SHOW_RC; "apply" and
# "down" print $BONDCFG_MSG to stderr and exit $BONDCFG_RC.
cat >"$bin/bondcfg" <<-'EOF'
	#!/bin/sh
	echo "bondcfg $*" >>"$CALLS"
	case $1 in
	show)
		cat "$SHOW_JSON"
		exit "${SHOW_RC:-0}"
		;;
	esac
	[ -n "${BONDCFG_MSG:-}" ] && echo "$BONDCFG_MSG" >&2
	exit "${BONDCFG_RC:-0}"
EOF
cat >"$bin/logger" <<-'EOF'
	#!/bin/sh
	while IFS= read -r line; do echo "logger $* : $line" >>"$SYSLOG"; done
EOF
chmod +x "$ns"/* "$bin"/*
ln -s "$bin/logger" "$tools/logger"
for t in dirname awk cat; do
	ln -s "$(command -v "$t")" "$tools/$t"
done

# Two bonds as bondcfg reports them: bond0 from ifcfg-bond0 (static) with
# ports eth0/eth1, and bond1 from ifcfg-Bond_conn (DHCP).
json=$tmp/show.json
cat >"$json" <<-'EOF'
	{"bonds":[{"name":"bond0","file":"/etc/sysconfig/network-scripts/ifcfg-bond0","onboot":true,"options":{"mode":"active-backup","miimon":100},"ports":[{"name":"eth0","file":"/etc/sysconfig/network-scripts/ifcfg-eth0"},{"name":"eth1","file":"/etc/sysconfig/network-scripts/ifcfg-eth1","hwaddr":"52:54:00:00:00:01"}],"mtu":null,"macaddr":null,"bootproto":"static","ipv4":[{"address":"192.0.2.10","prefix":24}],"gateway":"192.0.2.254","ipv6":[],"ipv6_gateway":null},{"name":"bond1","file":"/etc/sysconfig/network-scripts/ifcfg-Bond_conn","onboot":true,"options":{"mode":"802.3ad","miimon":100},"ports":[{"name":"eth2","file":"/etc/sysconfig/network-scripts/ifcfg-eth2"}],"mtu":null,"macaddr":null,"bootproto":"dhcp","ipv4":[],"gateway":null,"ipv6":[],"ipv6_gateway":null}],"diagnostics":[{"severity":"warning","file":"/etc/sysconfig/network-scripts/ifcfg-eth1","line":1,"key":null,"message":"{\"name\":\"x\",\"file\":\"ifcfg-eth0\",\"onboot\":","hint":null}]}
EOF

# hook NAME ARGS...: run $ns/NAME; sets rc, out (stdout+stderr), got (calls).
hook() {
	local h=$1
	shift
	: >"$calls"
	: >"$syslog"
	out=$(cd / && env CALLS="$calls" SYSLOG="$syslog" SHOW_JSON="${SHOW_JSON:-$json}" \
		PATH="${HOOK_PATH:-$bin:$PATH}" "$ns/$h" "$@" 2>&1)
	rc=$?
	got=$(cat "$calls")
}
# expect NAME RC CALLS: compare exit status and the exact call list.
expect() {
	local name=$1 want_rc=$2 want=$3
	if [ "$rc" = "$want_rc" ] && [ "$got" = "$want" ]; then
		tap ok "$name"
	else
		tap not "$name"
		echo "# exit status $rc, expected $want_rc"
		echo "# calls:"
		printf '%s\n' "$got" | sed 's/^/#   /'
		echo "# expected:"
		printf '%s\n' "$want" | sed 's/^/#   /'
		printf '%s\n' "$out" | sed 's/^/# out: /'
	fi
}
check() { # NAME COMMAND...: ok when the command succeeds
	local name=$1
	shift
	if "$@"; then tap ok "$name"; else tap not "$name"; fi
}

# --- static checks
if command -v shellcheck >/dev/null 2>&1; then
	# -x from the top: tests/tap.sh is followed, as the directive names it
	if sc=$(cd "$top" && shellcheck -x "$hook" "$0" 2>&1); then
		tap ok "shellcheck: the hook and this test are clean"
	else
		tap not "shellcheck: the hook and this test are clean"
		printf '%s\n' "$sc" | sed 's/^/# /'
	fi
else
	echo "ok $((n += 1)) - shellcheck # SKIP shellcheck not installed"
fi
never_sources() { ! grep -nE '^[[:space:]]*(\.|source)[[:space:]]' "$1" && bash -n "$1"; }
check "the hook is bash and never sources a file" never_sources "$hook"

# --- ifup
rm -f "$calls.env"
hook ifup-Bond ifcfg-bond0
expect "ifup bond0: bondcfg apply bond0, then ifup-post" 0 \
	"bondcfg show --json
bondcfg apply bond0
ifup-post ifcfg-bond0"
# bondcfg added route-bond0's routes: ifup-post's ifup-routes must not add
# them again (it reads NOROUTESET, network-scripts/ifup-post)
check "ifup-post runs with NOROUTESET=yes" grep -qx "ifup-post NOROUTESET=yes" "$calls.env"

hook ifup-Bond ifcfg-bond0 boot
expect "ifup bond0 boot: 'boot' goes on to ifup-post" 0 \
	"bondcfg show --json
bondcfg apply bond0
ifup-post ifcfg-bond0 boot"

BONDCFG_RC=3 BONDCFG_MSG="bond0: kernel refused mode; rolled back" hook ifup-Bond ifcfg-bond0 boot
expect "ifup bond0, kernel refuses: exit 3, no ifup-post" 3 \
	"bondcfg show --json
bondcfg apply bond0"
check "the failure is on stderr" grep -q "kernel refused mode; rolled back" <<<"$out"
check "the failure is in syslog, tag bondcfg, priority err" \
	grep -qF "logger -t bondcfg -p daemon.err : bond0: kernel refused mode; rolled back" "$syslog"
check "the failing command is named in syslog" \
	grep -qF "logger -t bondcfg -p daemon.err : ifup-Bond: 'bondcfg apply bond0' failed with status 3" "$syslog"

BONDCFG_RC=1 hook ifup-Bond ifcfg-bond0
expect "ifup bond0, invalid configuration: exit 1, stock scripts not run" 1 \
	"bondcfg show --json
bondcfg apply bond0"

BONDCFG_MSG="bond0: created" hook ifup-Bond ifcfg-bond0
check "bondcfg's output on success is logged at info" \
	grep -qF "logger -t bondcfg -p daemon.info : bond0: created" "$syslog"

hook ifup-Bond ifcfg-Bond_conn boot
expect "ifup Bond_conn (DEVICE=bond1, DHCP): apply bond1, then the stock ifup-eth" 0 \
	"bondcfg show --json
bondcfg apply bond1
ifup-eth ifcfg-Bond_conn boot"

STOCK_RC=5 hook ifup-Bond ifcfg-Bond_conn
expect "ifup DHCP bond: ifup-eth's exit status is ifup's" 5 \
	"bondcfg show --json
bondcfg apply bond1
ifup-eth ifcfg-Bond_conn"

hook ifup-Bond /etc/sysconfig/network-scripts/ifcfg-bond0
expect "a path to the ifcfg file is reduced to its name" 0 \
	"bondcfg show --json
bondcfg apply bond0
ifup-post /etc/sysconfig/network-scripts/ifcfg-bond0"

SHOW_RC=1 hook ifup-Bond ifcfg-bond0
expect "errors in other files (show exits 1): the bond is still applied" 0 \
	"bondcfg show --json
bondcfg apply bond0
ifup-post ifcfg-bond0"

# --- pass-through
STOCK_RC=7 hook ifup-Bond ifcfg-eth0 boot
expect "ifup of a port (not a bond): untouched, to ifup-eth, its status kept" 7 \
	"bondcfg show --json
ifup-eth ifcfg-eth0 boot"
# A bond record's text inside a JSON string is escaped: not a record.
cat >"$tmp/tricky.json" <<-'EOF'
	{"bonds":[],"diagnostics":[{"severity":"error","file":"ifcfg-eth0","line":1,"key":"X","message":"{\"name\":\"bond9\",\"file\":\"/x/ifcfg-eth0\",\"onboot\":true","hint":null}]}
EOF
SHOW_RC=1 SHOW_JSON=$tmp/tricky.json hook ifup-Bond ifcfg-eth0
expect "a bond record quoted inside a diagnostic is not taken for a bond" 0 \
	"bondcfg show --json
ifup-eth ifcfg-eth0"

hook ifup-Bond ifcfg-team0
expect "ifup of an unknown device: untouched, to ifup-eth" 0 \
	"bondcfg show --json
ifup-eth ifcfg-team0"

hook ifdown-Bond ifcfg-eth1 boot
expect "ifdown of a non-bond: untouched, to ifdown-eth" 0 \
	"bondcfg show --json
ifdown-eth ifcfg-eth1 boot"

HOOK_PATH=$tools hook ifup-Bond ifcfg-bond0 boot
expect "bondcfg not installed: the stock ifup-eth" 0 \
	"ifup-eth ifcfg-bond0 boot"
check "and a warning is logged" grep -q "daemon.warning : ifup-Bond: bondcfg not found" "$syslog"

SHOW_RC=2 SHOW_JSON=/dev/null hook ifup-Bond ifcfg-bond0
expect "bondcfg cannot read the directory: the stock ifup-eth" 0 \
	"bondcfg show --json
ifup-eth ifcfg-bond0"

# --- ifdown
hook ifdown-Bond ifcfg-bond0
expect "ifdown bond0: bondcfg down bond0, then ifdown-post" 0 \
	"bondcfg show --json
bondcfg down bond0
ifdown-post ifcfg-bond0"

BONDCFG_RC=3 hook ifdown-Bond ifcfg-bond0 boot
expect "ifdown bond0, kernel refuses: exit 3, no ifdown-post" 3 \
	"bondcfg show --json
bondcfg down bond0"

hook ifdown-Bond ifcfg-Bond_conn
expect "ifdown DHCP bond: stock ifdown-eth (DHCP client) first, then bondcfg down bond1" 0 \
	"bondcfg show --json
ifdown-eth ifcfg-Bond_conn
bondcfg down bond1"

BONDCFG_RC=2 hook ifdown-Bond ifcfg-Bond_conn
expect "ifdown DHCP bond, bondcfg down fails: its status" 2 \
	"bondcfg show --json
ifdown-eth ifcfg-Bond_conn
bondcfg down bond1"

STOCK_RC=1 hook ifdown-Bond ifcfg-Bond_conn
expect "ifdown DHCP bond, ifdown-eth fails: the bond is still removed, status 1" 1 \
	"bondcfg show --json
ifdown-eth ifcfg-Bond_conn
bondcfg down bond1"

# --- misuse
hook ifup-Bond
expect "no argument: usage, exit 1, nothing run" 1 ""
cp "$hook" "$ns/bondcfg-hook"
hook bondcfg-hook ifcfg-bond0
expect "called by another name: exit 2, nothing run" 2 ""

# --- against the real bondcfg's JSON (the format the hook parses)
real=${BONDCFG:-$top/bondcfg}
if [ -x "$real" ]; then
	cfg=$tmp/cfg
	mkdir -p "$cfg"
	cp "$top"/tests/fixtures/rhel/active-backup/ifcfg-* "$cfg/"
	bond=$(sed -n 's/^DEVICE=//p' "$cfg"/ifcfg-* | head -1)
	"$real" --offline --config-dir "$cfg" show --json >"$tmp/real.json" 2>/dev/null
	real_bonds=$(grep -o '"name":"[^"]*","file":"[^"]*","onboot"' "$tmp/real.json" |
		sed 's/"name":"\([^"]*\)","file":"[^"]*\/\([^"/]*\)".*/\1 \2/')
	ok=1
	[ -n "$real_bonds" ] || ok=0
	while read -r b f; do
		[ -n "$b" ] || continue
		SHOW_JSON=$tmp/real.json hook ifup-Bond "$f"
		[ "$got" = "bondcfg show --json
bondcfg apply $b
ifup-post $f" ] || ok=0
	done <<<"$real_bonds"
	for f in "$cfg"/ifcfg-*; do
		f=${f##*/}
		grep -q " $f\$" <<<"$real_bonds" && continue
		SHOW_JSON=$tmp/real.json hook ifup-Bond "$f"
		[ "$got" = "bondcfg show --json
ifup-eth $f" ] || ok=0
	done
	if [ "$ok" = 1 ]; then
		tap ok "the real 'bondcfg show --json' output: bonds applied, ports passed through"
	else
		tap not "the real 'bondcfg show --json' output: bonds applied, ports passed through"
		echo "# bonds: $real_bonds (first DEVICE: $bond)"
		sed 's/^/# json: /' "$tmp/real.json"
	fi
else
	echo "ok $((n += 1)) - the real bondcfg's JSON # SKIP $real not built"
fi

# mawk and gawk both parse it (Debian's awk is mawk, RHEL's is gawk).
for a in gawk mawk busybox; do
	command -v "$a" >/dev/null 2>&1 || continue
	rm -f "$tools/awk"
	if [ "$a" = busybox ]; then
		# The hook runs with PATH=$tools: name busybox by its full path.
		printf '#!/bin/sh\nexec %s awk "$@"\n' "$(command -v busybox)" >"$tools/awk"
		chmod +x "$tools/awk"
	else
		ln -s "$(command -v "$a")" "$tools/awk"
	fi
	ln -sf "$bin/bondcfg" "$tools/bondcfg"
	HOOK_PATH=$tools hook ifup-Bond ifcfg-Bond_conn
	expect "with $a as awk: Bond_conn is bond1 (DHCP)" 0 \
		"bondcfg show --json
bondcfg apply bond1
ifup-eth ifcfg-Bond_conn"
done

echo "1..$n"
[ "$failed" = 0 ]
