# shellcheck shell=bash
# Host-side helpers for booting user-mode Linux (sourced).
#
# The kernel mounts the host's root through hostfs; tests/uml/guest-init.sh
# at once puts an overlay on it (the host's root below, a tmpfs above) and
# runs the guest there, so whatever the guest creates or changes (/etc,
# /var/lib, /lib/modules, which a fresh host may not even have) is gone at
# power off.  The only host directory a guest writes to is the results
# directory created here (below build/uml/) and handed to it on the kernel
# command line.  UML's own runtime files (uml_dir) go there too, not to
# $HOME/.uml.

uml_top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
UML_KERNEL=${UML_KERNEL:-linux.uml}
UML_MEM=${UML_MEM:-512M}

# uml_prepare NAME: create (afresh) and print the results directory.
uml_prepare() {
	local dir=$uml_top/build/uml/$1
	rm -rf "$dir"
	mkdir -p "$dir"
	printf '%s\n' "$dir"
}

# uml_require: fail loudly if the UML kernel or its modules are missing.
uml_require() {
	if ! command -v "$UML_KERNEL" >/dev/null 2>&1; then
		echo "uml: $UML_KERNEL not found (Debian package user-mode-linux; 'make deps' installs it)" >&2
		return 1
	fi
	local kver
	kver=$(ls /usr/lib/uml/modules 2>/dev/null | head -1)
	if [ -z "$kver" ] || [ ! -d "/usr/lib/uml/modules/$kver" ]; then
		echo "uml: no modules in /usr/lib/uml/modules" >&2
		return 1
	fi
	for t in jq ip ping; do
		if ! command -v "$t" >/dev/null 2>&1; then
			echo "uml: '$t' is needed by the guest scripts and is not installed" >&2
			return 1
		fi
	done
}

# uml_boot DIR TIMEOUT SCRIPT [KEY=VALUE...]
#
# Boot UML; the guest runs SCRIPT (bash) with the results directory in
# $UML_RESULTS and every KEY=VALUE in its environment.  Console output
# (kernel messages) goes to DIR/console.log; the script's own stdout and
# stderr go to DIR/guest.log.  Returns 0 if the guest ran SCRIPT to the end
# (DIR/exit holds SCRIPT's status), 124 on timeout, else 1.
uml_boot() {
	local dir=$1 tmo=$2 script=$3
	shift 3
	local w
	for w in "$dir" "$script" "$@"; do
		case $w in
		*[[:space:]]*)
			echo "uml: '$w' contains white space; cannot pass it on the kernel command line" >&2
			return 1
			;;
		esac
	done
	# UML keeps its umid directory in uml_dir (default $HOME/.uml) and
	# its memory file, unlinked at once, in a tmpfs (/dev/shm or $TMPDIR).
	timeout --kill-after=5 "$tmo" "$UML_KERNEL" mem="$UML_MEM" \
		uml_dir="$dir" umid=guest \
		rootfstype=hostfs rootflags=/ rw quiet \
		init="$uml_top/tests/uml/guest-init.sh" \
		UML_RESULTS="$dir" UML_SCRIPT="$script" UML_TOP="$uml_top" "$@" \
		con=null con0=fd:0,fd:1 </dev/null >"$dir/console.log" 2>&1
	local rc=$?
	if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
		echo "uml: guest did not finish within ${tmo}s" >&2
		return 124
	fi
	if [ ! -f "$dir/exit" ]; then
		echo "uml: guest stopped without running its script to the end (linux.uml status $rc)" >&2
		return 1
	fi
	return 0
}

# uml_binary SRC DIR: copy the binary under test into the results directory
# and print the copy's path, so that a rebuild during the run changes
# nothing (and the logs say which binary ran).
uml_binary() {
	cp "$1" "$2/bondcfg" && printf '%s\n' "$2/bondcfg"
}
