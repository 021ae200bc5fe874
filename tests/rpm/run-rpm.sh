#!/bin/bash
# The helpers run through check(), which shellcheck cannot follow.
# shellcheck disable=SC2317
# RPM build tier: make the source tarball from this checkout, build
# bondcfg.spec with `rpmbuild -ba --nodeps` in a temporary _topdir, and check
# the packages: their files, their requirements, and the built binary.
# Works with Fedora/RHEL's rpm-build and with Debian's rpm.  TAP on stdout.
#
# The tarball is what a `make dist` would make: bondcfg-VERSION/ holding the
# tracked and the untracked-but-not-ignored files of the checkout (so that
# work not yet committed is built too), or the whole tree if it is not a git
# checkout.  RPM_KEEP=1 keeps the _topdir for inspection.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
cd "$top" || exit 1

# shellcheck source=/dev/null
. "$top/tests/tap.sh"
check() { # NAME COMMAND...: ok when the command succeeds
	local name=$1
	shift
	if "$@"; then tap ok "$name"; else tap not "$name"; fi
}
finish() {
	echo "1..$n"
	[ "$failed" = 0 ]
	exit
}

if ! command -v rpmbuild >/dev/null 2>&1; then
	tap not "rpmbuild is installed (make deps: rpm on Debian, rpm-build on RHEL)"
	finish
fi

tmp=$(mktemp -d)
if [ "${RPM_KEEP:-0}" = 1 ]; then
	echo "# _topdir: $tmp"
else
	trap 'rm -rf "$tmp"' EXIT
fi
mkdir -p "$tmp/SOURCES" "$tmp/SPECS"

version=$(sed -n 's/^VERSION[[:space:]]*:=[[:space:]]*//p' Makefile)
spec_version=$(sed -n 's/^Version:[[:space:]]*//p' bondcfg.spec)
check "bondcfg.spec Version ($spec_version) is the Makefile's VERSION ($version)" \
	test -n "$version" -a "$spec_version" = "$version"
tarball=$tmp/SOURCES/bondcfg-$version.tar.gz

# --- the source tarball, as `make dist` makes it
make_tarball() {
	make -C "$top" -s dist DISTDIR="$tmp/SOURCES" >/dev/null 2>"$tmp/tar.err"
}
if make_tarball && [ -s "$tarball" ]; then
	tap ok "source tarball bondcfg-$version.tar.gz made from the checkout"
else
	tap not "source tarball bondcfg-$version.tar.gz made from the checkout"
	sed 's/^/# /' "$tmp/tar.err"
	finish
fi
listing=$(tar -tzf "$tarball")
has() { grep -qE -- "$1" <<<"$2"; }     # ERE TEXT: a line of TEXT matches
lacks() { ! grep -qE -- "$1" <<<"$2"; } # ERE TEXT: no line of TEXT matches
all_of() { # TEXT ERE...: every ERE matches a line of TEXT
	local text=$1 re
	shift
	for re; do has "$re" "$text" || return 1; done
}
in_tarball() {
	local f
	for f in Makefile bondcfg.spec ifcfg/bondcfg-hook src/main.c; do
		grep -qxF "bondcfg-$version/$f" <<<"$listing" || return 1
	done
}
check "the tarball has bondcfg-$version/ with the Makefile, the spec, the hook, the sources" in_tarball
check "the tarball holds no build output" lacks "^bondcfg-[^/]*/(build/|bondcfg$)" "$listing"
cp bondcfg.spec "$tmp/SPECS/"

# --- rpmbuild
log=$tmp/rpmbuild.log
start=$SECONDS
timeout 600 rpmbuild -ba --nodeps --noclean \
	--define "_topdir $tmp" \
	"$tmp/SPECS/bondcfg.spec" >"$log" 2>&1 </dev/null
rc=$?
if [ "$rc" = 0 ]; then
	tap ok "rpmbuild -ba --nodeps succeeds ($((SECONDS - start))s)"
else
	tap not "rpmbuild -ba --nodeps succeeds (exit status $rc after $((SECONDS - start))s)"
	tail -n 40 "$log" | sed 's/^/# /'
	finish
fi

arch=$(rpm --eval '%{_arch}')
main=$(find "$tmp/RPMS" -name "bondcfg-$version-*.$arch.rpm" | head -1)
hooks=$(find "$tmp/RPMS" -name "bondcfg-initscripts-$version-*.noarch.rpm" | head -1)
srpm=$(find "$tmp/SRPMS" -name "bondcfg-$version-*.src.rpm" | head -1)
check "binary RPM bondcfg-$version-*.$arch.rpm is built" test -n "$main"
check "binary RPM bondcfg-initscripts-$version-*.noarch.rpm is built" test -n "$hooks"
srpm_files=$(rpm -qlp "$srpm" 2>/dev/null)
check "source RPM is built and holds the spec and the tarball" \
	has "^bondcfg\.spec$" "$srpm_files"
has "^bondcfg-$version\.tar\.gz$" "$srpm_files" || tap not "the source RPM holds the tarball"
if [ -z "$main" ] || [ -z "$hooks" ]; then
	finish
fi

# --- contents
files=$(rpm -qlp "$main" 2>/dev/null)
hookfiles=$(rpm -qlvp "$hooks" 2>/dev/null)
check "bondcfg lists /usr/sbin/bondcfg" has '^/usr/sbin/bondcfg$' "$files"
check "bondcfg lists the man page bondcfg(8)" has '^/usr/share/man/man8/bondcfg\.8(\.gz|\.xz|\.bz2)?$' "$files"
check "bondcfg lists the bash completion" has '^/usr/share/bash-completion/completions/bondcfg$' "$files"
check "bondcfg does not ship the hooks" lacks network-scripts "$files"
check "bondcfg lists bondcfg.service and bondcfg-wait-online.service in the unit directory" \
	all_of "$files" '^/usr/lib/systemd/system/bondcfg\.service$' '^/usr/lib/systemd/system/bondcfg-wait-online\.service$'
check "bondcfg lists the preset that enables bondcfg.service" \
	has '^/usr/lib/systemd/system-preset/90-bondcfg\.preset$' "$files"
scripts=$(rpm -qp --scripts "$main" 2>/dev/null)
# systemd's scriptlet macros: preset on first install, nothing stops
# bondcfg.service on erase (only disable), no restart on upgrade.
check "%post presets bondcfg.service and bondcfg-wait-online.service" \
	has 'preset .*bondcfg\.service bondcfg-wait-online\.service' "$scripts"
check "%preun disables bondcfg.service without stopping it" \
	all_of "$scripts" 'disable bondcfg\.service' 'disable --now .*bondcfg-wait-online\.service'
check "no scriptlet stops or restarts bondcfg.service" \
	lacks '(--now|stop|restart|try-restart).*bondcfg\.service( |$)' "$scripts"
check "bondcfg-initscripts lists ifup-Bond, executable" \
	has '^-rwxr-xr-x .* /etc/sysconfig/network-scripts/ifup-Bond$' "$hookfiles"
check "bondcfg-initscripts lists ifdown-Bond, executable" \
	has '^-rwxr-xr-x .* /etc/sysconfig/network-scripts/ifdown-Bond$' "$hookfiles"
check "bondcfg-initscripts lists ifup-Vlan and ifdown-Vlan, executable" \
	has '^-rwxr-xr-x .* /etc/sysconfig/network-scripts/ifup-Vlan$' "$hookfiles" &&
	has '^-rwxr-xr-x .* /etc/sysconfig/network-scripts/ifdown-Vlan$' "$hookfiles"
check "bondcfg-initscripts holds exactly the four hooks" \
	test "$(grep -c . <<<"$hookfiles")" = 4
if grep -q '^/etc/' <<<"$files"; then
	cfg=$(rpm -qcp "$main" 2>/dev/null)
	check "files bondcfg installs in /etc are %config" \
		test "$(grep '^/etc/' <<<"$files")" = "$(grep '^/etc/' <<<"$cfg")"
fi

# --- requirements
req=$(rpm -qp --requires "$main" 2>/dev/null)
hreq=$(rpm -qp --requires "$hooks" 2>/dev/null)
check "bondcfg requires no tools (kmod, iproute, network-scripts)" \
	lacks "^(kmod|iproute|network-scripts|initscripts)" "$req"
# Every library the binary is linked against (glib alone), and each one it
# dlopen()s (src/dl-lib.h), which rpm cannot find in it and so the spec
# names: those `bondcfg files` lists for an initramfs, and json-glib.
bin=$(find "$tmp/BUILDROOT" -path '*/usr/sbin/bondcfg' -type f | head -1)
needed=$(readelf -d "$bin" 2>/dev/null | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p')
dlopened=$("$bin" --offline --config-dir "$top/tests/golden/cases/show-json/ifcfg" files 2>/dev/null |
	sed -n 's/^library //p')
check "the binary is linked against glib and libc alone" \
	test "$(sort <<<"$needed" | tr '\n' ' ')" = "libc.so.6 libglib-2.0.so.0 "
check "bondcfg files lists the 5 libraries it dlopen()s to bring a bond up" \
	test "$(grep -c . <<<"$dlopened")" = 5
missing=
for lib in $needed $dlopened libjson-glib-1.0.so.0; do
	grep -qF "$lib" <<<"$req" || missing="$missing $lib"
done
if [ -n "$needed" ] && [ -z "$missing" ]; then
	tap ok "bondcfg requires the shared libraries it is linked against or dlopen()s: ${needed//$'\n'/ } ${dlopened//$'\n'/ }"
else
	tap not "bondcfg requires the shared libraries it is linked against or dlopen()s: missing${missing:- (no readelf?)}"
	grep . <<<"$req" | sed 's/^/# requires: /'
fi
check "bondcfg-initscripts requires bondcfg = $version and network-scripts" \
	all_of "$hreq" "^bondcfg = $version-" "^network-scripts$"
check "bondcfg-initscripts requires the hook's interpreter and tools" \
	all_of "$hreq" "^/bin/bash$" "^/usr/bin/logger$"

# --- the build itself
optflags=$(rpm --eval '%{?optflags}')
cc_lines=$(grep -E '^(cc|gcc) .* -c -o build/obj/' "$log")
all_have() { [ -n "$1" ] && ! grep -vF -- "$2" <<<"$1" | grep -q .; } # LINES TEXT
check "the objects are compiled with %{optflags} ($optflags)" all_have "$cc_lines" "$optflags"
check "a distribution build has no -Werror" lacks "-Werror( |$)" "$cc_lines"

# RHEL's macros set %{build_ldflags} and hardening flags that Debian's rpm
# does not have: build once more (compile and link only) with such values.
rhel_opt="-O2 -g -Wall -Werror=format-security -fstack-protector-strong -D_FORTIFY_SOURCE=2"
rhel_ld="-Wl,-z,relro -Wl,-z,now"
mkdir -p "$tmp/rhel"
ln -s "$tmp/SOURCES" "$tmp/rhel/SOURCES"
timeout 300 rpmbuild -bc --nodeps --define "_topdir $tmp/rhel" \
	--define "optflags $rhel_opt" --define "build_ldflags $rhel_ld" \
	"$tmp/SPECS/bondcfg.spec" >"$tmp/rhel.log" 2>&1 </dev/null
rc=$?
rhel_bin=$tmp/rhel/BUILD/bondcfg-$version/bondcfg
if [ "$rc" = 0 ] && grep -qF -- "$rhel_opt" "$tmp/rhel.log" &&
	grep -E -- "-o bondcfg src/main.c" "$tmp/rhel.log" | grep -qF -- "$rhel_ld" &&
	readelf -d "$rhel_bin" 2>/dev/null | grep -qE 'BIND_NOW|FLAGS.*NOW'; then
	tap ok "with RHEL-like %{optflags} and %{build_ldflags}: both used, the binary is BIND_NOW"
else
	tap not "with RHEL-like %{optflags} and %{build_ldflags}: both used (rpmbuild -bc exit $rc)"
	tail -n 20 "$tmp/rhel.log" | sed 's/^/# /'
fi

if [ -n "$bin" ] && out=$("$bin" --version 2>&1) && [ "$out" = "bondcfg $version" ]; then
	tap ok "the installed binary in the buildroot runs: $out"
else
	tap not "the installed binary in the buildroot runs --version and prints 'bondcfg $version'"
	echo "# ${bin:-no /usr/sbin/bondcfg in the buildroot}: ${out:-}"
fi
# No test seam in the shipped binary: fault injection and path overrides
# exist only in build/bondcfg-test (strings(1), as a reviewer would look).
seams=$([ -n "$bin" ] && strings "$bin" | grep -E 'BONDCFG_(TEST_FAIL_STEP|STATE_DIR|LOCK_FILE)|injected failure')
if [ -n "$bin" ] && [ -z "$seams" ]; then
	tap ok "the packaged binary has no test seam (no BONDCFG_TEST_FAIL_STEP, BONDCFG_STATE_DIR, BONDCFG_LOCK_FILE)"
else
	tap not "the packaged binary has no test seam"
	printf '%s\n' "$seams" | sed 's/^/# strings: /'
fi
broot=${bin%/usr/sbin/bondcfg}
man=$(find "$broot/usr/share/man/man8" -name 'bondcfg.8*' 2>/dev/null | head -1)
man_text=
case $man in
*.gz) man_text=$(gzip -dc "$man") ;;
*.xz) man_text=$(xz -dc "$man") ;;
?*) man_text=$(cat "$man") ;;
esac
check "the installed man page is generated (version and the option list filled in)" \
	all_of "$man_text" "bondcfg $version" "miimon" "^\.SH EXIT STATUS"
has "@(OPTIONS|VERSION)@" "$man_text" && tap not "the man page has no @PLACEHOLDER@ left"
same_hooks() {
	cmp -s "$broot/etc/sysconfig/network-scripts/ifup-Bond" ifcfg/bondcfg-hook &&
		cmp -s "$broot/etc/sysconfig/network-scripts/ifdown-Bond" ifcfg/bondcfg-hook &&
		cmp -s "$broot/etc/sysconfig/network-scripts/ifup-Vlan" ifcfg/bondcfg-hook &&
		cmp -s "$broot/etc/sysconfig/network-scripts/ifdown-Vlan" ifcfg/bondcfg-hook
}
check "the installed hooks are ifcfg/bondcfg-hook" same_hooks

finish
