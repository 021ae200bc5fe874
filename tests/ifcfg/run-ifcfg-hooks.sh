#!/bin/bash
# The initscripts hooks (ifcfg/bondcfg-hook installed as ifup-Bond,
# ifdown-Bond, ifup-Vlan and ifdown-Vlan), run as ifup/ifdown exec them:
# "ifcfg-NAME [boot]", from a network-scripts directory whose stock ifup-eth,
# ifup-post, ifdown-eth and ifdown-post are stubs, with a stub bondcfg and a
# stub logger first on PATH.  The stubs record their arguments, so the tests
# assert the exact bondcfg invocations, the order of the calls, and the exit
# status; the last tests let the real bondcfg answer "role" on a stack.  TAP
# on stdout.
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

for h in ifup-Bond ifdown-Bond ifup-Vlan ifdown-Vlan; do
	cp "$hook" "$ns/$h"
done
for s in ifup-eth ifup-post ifdown-eth ifdown-post; do
	cat >"$ns/$s" <<-'EOF'
		#!/bin/sh
		echo "${0##*/} $*" >>"$CALLS"
		echo "${0##*/} NOROUTESET=${NOROUTESET:-}" >>"$CALLS.env"
		exit "${STOCK_RC:-0}"
	EOF
done
# bondcfg: "role FILE" prints FILE's line of $ROLES ("ifcfg-NAME ROLE NAME
# BOND PROTO") or "none - - -", and exits $ROLE_RC; with $REAL set, the real
# bondcfg answers "role" from the files in $REAL_CFG.  "apply" and "down"
# print $BONDCFG_MSG to stderr and exit $BONDCFG_RC.
cat >"$bin/bondcfg" <<-'EOF'
	#!/bin/bash
	echo "bondcfg $*" >>"$CALLS"
	if [ "$1" = role ]; then
		if [ -n "${REAL:-}" ]; then
			exec "$REAL" --offline --config-dir "$REAL_CFG" role "$2"
		fi
		line=$(grep -F "$2 " "$ROLES" | grep "^$2 " | cut -d' ' -f2-)
		echo "${line:-none - - -}"
		exit "${ROLE_RC:-0}"
	fi
	[ -n "${BONDCFG_MSG:-}" ] && echo "$BONDCFG_MSG" >&2
	exit "${BONDCFG_RC:-0}"
EOF
cat >"$bin/logger" <<-'EOF'
	#!/bin/sh
	while IFS= read -r line; do echo "logger $* : $line" >>"$SYSLOG"; done
EOF
chmod +x "$ns"/* "$bin"/*
ln -s "$bin/logger" "$tools/logger"
for t in dirname cat; do
	ln -s "$(command -v "$t")" "$tools/$t"
done

# What bondcfg says the files are: bond0 from ifcfg-bond0 (static) with port
# eth0, bond1 from ifcfg-Bond_conn (DHCP), a VLAN on bond0 (static) and one
# on bond1 (DHCP), a bridge on bond0.
roles=$tmp/roles
cat >"$roles" <<-'EOF'
	ifcfg-bond0 bond bond0 bond0 static
	ifcfg-Bond_conn bond bond1 bond1 dhcp
	ifcfg-eth0 port eth0 bond0 -
	ifcfg-bond0.100 vlan bond0.100 bond0 static
	ifcfg-vlan200 vlan vlan200 bond1 dhcp
	ifcfg-br0 bridge br0 bond0 static
EOF

# hook NAME ARGS...: run $ns/NAME; sets rc, out (stdout+stderr), got (calls).
hook() {
	local h=$1
	shift
	: >"$calls"
	: >"$syslog"
	out=$(cd / && env CALLS="$calls" SYSLOG="$syslog" ROLES="$roles" REAL="${REAL:-}" \
		REAL_CFG="${REAL_CFG:-}" PATH="${HOOK_PATH:-$bin:$PATH}" "$ns/$h" "$@" 2>&1)
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
	"bondcfg role ifcfg-bond0
bondcfg apply bond0
ifup-post ifcfg-bond0"
# bondcfg added route-bond0's routes: ifup-post's ifup-routes must not add
# them again (it reads NOROUTESET, network-scripts/ifup-post)
check "ifup-post runs with NOROUTESET=yes" grep -qx "ifup-post NOROUTESET=yes" "$calls.env"

hook ifup-Bond ifcfg-bond0 boot
expect "ifup bond0 boot: 'boot' goes on to ifup-post" 0 \
	"bondcfg role ifcfg-bond0
bondcfg apply bond0
ifup-post ifcfg-bond0 boot"

BONDCFG_RC=3 BONDCFG_MSG="bond0: kernel refused mode; rolled back" hook ifup-Bond ifcfg-bond0 boot
expect "ifup bond0, kernel refuses: exit 3, no ifup-post" 3 \
	"bondcfg role ifcfg-bond0
bondcfg apply bond0"
check "the failure is on stderr" grep -q "kernel refused mode; rolled back" <<<"$out"
check "the failure is in syslog, tag bondcfg, priority err" \
	grep -qF "logger -t bondcfg -p daemon.err : bond0: kernel refused mode; rolled back" "$syslog"
check "the failing command is named in syslog" \
	grep -qF "logger -t bondcfg -p daemon.err : ifup-Bond: 'bondcfg apply bond0' failed with status 3" "$syslog"

BONDCFG_RC=1 hook ifup-Bond ifcfg-bond0
expect "ifup bond0, invalid configuration: exit 1, stock scripts not run" 1 \
	"bondcfg role ifcfg-bond0
bondcfg apply bond0"

BONDCFG_MSG="bond0: created" hook ifup-Bond ifcfg-bond0
check "bondcfg's output on success is logged at info" \
	grep -qF "logger -t bondcfg -p daemon.info : bond0: created" "$syslog"

hook ifup-Bond ifcfg-Bond_conn boot
expect "ifup Bond_conn (DEVICE=bond1, DHCP): apply bond1, then the stock ifup-eth" 0 \
	"bondcfg role ifcfg-Bond_conn
bondcfg apply bond1
ifup-eth ifcfg-Bond_conn boot"

STOCK_RC=5 hook ifup-Bond ifcfg-Bond_conn
expect "ifup DHCP bond: ifup-eth's exit status is ifup's" 5 \
	"bondcfg role ifcfg-Bond_conn
bondcfg apply bond1
ifup-eth ifcfg-Bond_conn"

hook ifup-Bond /etc/sysconfig/network-scripts/ifcfg-bond0
expect "a path to the ifcfg file is reduced to its name" 0 \
	"bondcfg role ifcfg-bond0
bondcfg apply bond0
ifup-post /etc/sysconfig/network-scripts/ifcfg-bond0"

# --- the stack: a VLAN (TYPE=Vlan files reach ifup-Vlan)
hook ifup-Vlan ifcfg-bond0.100 boot
expect "ifup bond0.100: bondcfg apply bond0 (the stack on it), then ifup-post" 0 \
	"bondcfg role ifcfg-bond0.100
bondcfg apply bond0
ifup-post ifcfg-bond0.100 boot"

hook ifup-Vlan ifcfg-vlan200
expect "ifup vlan200 (DHCP, on bond1): apply bond1, then the stock ifup-eth" 0 \
	"bondcfg role ifcfg-vlan200
bondcfg apply bond1
ifup-eth ifcfg-vlan200"

hook ifdown-Vlan ifcfg-bond0.100
expect "ifdown bond0.100: bondcfg down bond0.100 (not the bond), then ifdown-post" 0 \
	"bondcfg role ifcfg-bond0.100
bondcfg down bond0.100
ifdown-post ifcfg-bond0.100"

hook ifdown-Vlan ifcfg-vlan200
expect "ifdown vlan200 (DHCP): stock ifdown-eth first, then bondcfg down vlan200" 0 \
	"bondcfg role ifcfg-vlan200
ifdown-eth ifcfg-vlan200
bondcfg down vlan200"

hook ifup-Vlan ifcfg-vlan9
expect "ifup of a VLAN with no bond below: untouched, to ifup-eth" 0 \
	"bondcfg role ifcfg-vlan9
ifup-eth ifcfg-vlan9"

hook ifup-Vlan ifcfg-bond0
expect "a bond's file reaching ifup-Vlan: to ifup-eth, untouched" 0 \
	"bondcfg role ifcfg-bond0
ifup-eth ifcfg-bond0"

hook ifup-Bond ifcfg-br0
expect "a bridge's file reaching ifup-Bond: to ifup-eth, as initscripts" 0 \
	"bondcfg role ifcfg-br0
ifup-eth ifcfg-br0"

# --- pass-through
STOCK_RC=7 hook ifup-Bond ifcfg-eth0 boot
expect "ifup of a port (not a bond): untouched, to ifup-eth, its status kept" 7 \
	"bondcfg role ifcfg-eth0
ifup-eth ifcfg-eth0 boot"

hook ifup-Bond ifcfg-team0
expect "ifup of an unknown device: untouched, to ifup-eth" 0 \
	"bondcfg role ifcfg-team0
ifup-eth ifcfg-team0"

hook ifdown-Bond ifcfg-eth1 boot
expect "ifdown of a non-bond: untouched, to ifdown-eth" 0 \
	"bondcfg role ifcfg-eth1
ifdown-eth ifcfg-eth1 boot"

HOOK_PATH=$tools hook ifup-Bond ifcfg-bond0 boot
expect "bondcfg not installed: the stock ifup-eth" 0 \
	"ifup-eth ifcfg-bond0 boot"
check "and a warning is logged" grep -q "daemon.warning : ifup-Bond: bondcfg not found" "$syslog"

ROLE_RC=2 hook ifup-Bond ifcfg-bond0
expect "bondcfg cannot read the directory: the stock ifup-eth" 0 \
	"bondcfg role ifcfg-bond0
ifup-eth ifcfg-bond0"

# --- ifdown
hook ifdown-Bond ifcfg-bond0
expect "ifdown bond0: bondcfg down --stack bond0, then ifdown-post" 0 \
	"bondcfg role ifcfg-bond0
bondcfg down --stack bond0
ifdown-post ifcfg-bond0"

BONDCFG_RC=3 hook ifdown-Bond ifcfg-bond0 boot
expect "ifdown bond0, kernel refuses: exit 3, no ifdown-post" 3 \
	"bondcfg role ifcfg-bond0
bondcfg down --stack bond0"

hook ifdown-Bond ifcfg-Bond_conn
expect "ifdown DHCP bond: stock ifdown-eth (DHCP client) first, then bondcfg down" 0 \
	"bondcfg role ifcfg-Bond_conn
ifdown-eth ifcfg-Bond_conn
bondcfg down --stack bond1"

BONDCFG_RC=2 hook ifdown-Bond ifcfg-Bond_conn
expect "ifdown DHCP bond, bondcfg down fails: its status" 2 \
	"bondcfg role ifcfg-Bond_conn
ifdown-eth ifcfg-Bond_conn
bondcfg down --stack bond1"

STOCK_RC=1 hook ifdown-Bond ifcfg-Bond_conn
expect "ifdown DHCP bond, ifdown-eth fails: the bond is still removed, status 1" 1 \
	"bondcfg role ifcfg-Bond_conn
ifdown-eth ifcfg-Bond_conn
bondcfg down --stack bond1"

# --- misuse
hook ifup-Bond
expect "no argument: usage, exit 1, nothing run" 1 ""
cp "$hook" "$ns/bondcfg-hook"
hook bondcfg-hook ifcfg-bond0
expect "called by another name: exit 2, nothing run" 2 ""

# --- against the real 'bondcfg role' (the line the hook reads), on a
# stack: bond0 with port eth0, a VLAN bond0.100 (TYPE=Vlan) and a bridge
# br0 on bond0; eth9 a plain NIC
real=${BONDCFG:-$top/bondcfg}
if [ -x "$real" ]; then
	cfg=$tmp/cfg
	mkdir -p "$cfg"
	printf '%s\n' DEVICE=bond0 TYPE=Bond 'BONDING_OPTS="mode=active-backup miimon=100"' \
		BRIDGE=br0 >"$cfg/ifcfg-bond0"
	printf '%s\n' DEVICE=eth0 MASTER=bond0 SLAVE=yes >"$cfg/ifcfg-eth0"
	printf '%s\n' DEVICE=bond0.100 TYPE=Vlan VLAN=yes IPADDR=192.0.2.1 PREFIX=24 \
		>"$cfg/ifcfg-bond0.100"
	printf '%s\n' DEVICE=br0 TYPE=Bridge IPADDR=198.51.100.1 PREFIX=24 >"$cfg/ifcfg-br0"
	printf '%s\n' DEVICE=eth9 TYPE=Ethernet >"$cfg/ifcfg-eth9"
	for c in "ifup-Bond ifcfg-bond0|bondcfg apply bond0|ifup-post" \
		"ifup-Vlan ifcfg-bond0.100|bondcfg apply bond0|ifup-post" \
		"ifdown-Vlan ifcfg-bond0.100|bondcfg down bond0.100|ifdown-post" \
		"ifdown-Bond ifcfg-bond0|bondcfg down --stack bond0|ifdown-post" \
		"ifup-Bond ifcfg-eth0||ifup-eth" "ifup-Bond ifcfg-br0||ifup-eth" \
		"ifup-Vlan ifcfg-eth9||ifup-eth"; do
		IFS='|' read -r hf act post <<<"$c"
		read -r h f <<<"$hf"
		REAL=$real REAL_CFG=$cfg hook "$h" "$f"
		want="bondcfg role $f${act:+
$act}
$post $f"
		expect "the real 'bondcfg role': $h $f" 0 "$want"
	done
else
	echo "ok $((n += 1)) - the real 'bondcfg role' # SKIP $real not built"
fi

echo "1..$n"
[ "$failed" = 0 ]
