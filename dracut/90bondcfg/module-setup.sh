#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# dracut module "bondcfg": bring the host's ifcfg bonds up in the initramfs.
# See dracut/README.md for the design; in short:
#
#  - Opt-in.  check() returns 255, so the module is only in an image when
#    asked for (dracut --add bondcfg, or add_dracutmodules+=" bondcfg " in
#    /etc/dracut.conf.d/).  A bond in the initramfs is only needed for a
#    network root, iSCSI or remote unlock; everywhere else the real root's
#    network service brings the bonds up, and an unasked-for module would
#    only add a wait to every boot.
#  - No dependency on dracut's network modules.  bondcfg creates the bonds
#    and sets their static addresses and gateway itself.  (BOOTPROTO=dhcp
#    bonds are brought up without an address; a DHCP client in the
#    initramfs is the business of dracut's network modules.)
#  - At build time, `bondcfg show --json` decides which ifcfg files go into
#    the image: every ONBOOT bond and its ports; nothing else.
#  - At boot, a cmdline hook (parse-bondcfg.sh) queues an initqueue/settled
#    job (bondcfg-initqueue.sh) that runs `bondcfg apply BOND` for each bond
#    once udev has settled, retrying at most once a second until the bond is
#    up or rd.bondcfg.timeout seconds (default 30) have passed; an
#    initqueue/finished hook holds the initqueue until then.
#
# Test and packaging seams (environment, read at image build time):
#   BONDCFG_DRACUT_BINARY      the bondcfg to install (default /usr/sbin/bondcfg,
#                              else the one on PATH); always /usr/sbin/bondcfg
#                              in the image
#   BONDCFG_DRACUT_CONFIG_DIR  the ifcfg directory to read
#                              (default $dracutsysrootdir/etc/sysconfig/network-scripts)
#   BONDCFG_DRACUT_CONF        the settings file (default $dracutsysrootdir/etc/bondcfg.conf)

# moddir, initdir, hostonly, dracutsysrootdir come from dracut.
# shellcheck disable=SC2154

_bondcfg_binary() {
    local b=${BONDCFG_DRACUT_BINARY:-}
    if [[ -z $b ]]; then
        b=/usr/sbin/bondcfg
        # e.g. PREFIX=/usr/local: the one on PATH.
        [[ -x $dracutsysrootdir$b ]] || b=$(command -v bondcfg) || b=/usr/sbin/bondcfg
    fi
    printf '%s\n' "$b"
}

_bondcfg_config_dir() {
    printf '%s\n' "${BONDCFG_DRACUT_CONFIG_DIR:-$dracutsysrootdir/etc/sysconfig/network-scripts}"
}

# Flatten the JSON of `bondcfg show --json` into "path<TAB>value" lines,
# e.g. "bonds/0/ports/1/file<TAB>/etc/.../ifcfg-eth1".  Strings are
# unescaped; a string holding a control character or a \u escape gets the
# prefix "\u" so that the caller can refuse it (ifcfg paths never need one).
_bondcfg_flatten_json() {
    awk '
    BEGIN { RS = "\001"; doc = "" }
    { doc = doc $0 }
    function path(   k, p) {
        p = ""
        for (k = 1; k <= d; k++)
            p = p (k > 1 ? "/" : "") (typ[k] == "{" ? key[k] : idx[k])
        return p
    }
    END {
        n = length(doc); d = 0; i = 1
        while (i <= n) {
            c = substr(doc, i, 1)
            if (c == "{" || c == "[") {
                d++; typ[d] = c; idx[d] = 0; key[d] = ""; wantkey[d] = (c == "{"); i++
            } else if (c == "}" || c == "]") {
                d--; i++
            } else if (c == ",") {
                if (typ[d] == "[") idx[d]++; else wantkey[d] = 1
                i++
            } else if (c == ":") {
                wantkey[d] = 0; i++
            } else if (c == " " || c == "\t" || c == "\r" || c == "\n") {
                i++
            } else if (c == "\"") {
                s = ""; bad = 0; i++
                while (i <= n) {
                    c = substr(doc, i, 1)
                    if (c == "\"") { i++; break }
                    if (c == "\\") {
                        e = substr(doc, i + 1, 1); i += 2
                        if (e == "n" || e == "t" || e == "r" || e == "b" || e == "f" || e == "u") bad = 1
                        else s = s e
                        continue
                    }
                    s = s c; i++
                }
                if (bad) s = "\\u" s
                if (typ[d] == "{" && wantkey[d]) key[d] = s
                else print path() "\t" s
            } else {
                j = i
                while (j <= n && substr(doc, j, 1) !~ /[],} \t\r\n]/) j++
                print path() "\t" substr(doc, i, j - i)
                i = j
            }
        }
    }'
}

# called by dracut
check() {
    require_binaries "$(_bondcfg_binary)" || return 1
    # Only when asked for: see the top of this file.
    return 255
}

# called by dracut
depends() {
    # Nothing: bondcfg needs neither dracut's network stack nor systemd.
    # (base already brings udev, which bondcfg's HWADDR lookup uses.)
    return 0
}

# called by dracut
installkernel() {
    # bonding pulls its dependencies (ipv6, crc-ccitt) in through
    # modules.dep.  hostonly='': the bonding module is usually not loaded
    # when the image is built, and must be in the image all the same.
    hostonly='' instmods bonding
    # The stack on the bonds (VLANs, bridges), if the files have one:
    # bondcfg loads their modules as it creates the first such link.
    local flat
    flat=$("$(_bondcfg_binary)" --offline --config-dir "$(_bondcfg_config_dir)" show --json \
        2> /dev/null | _bondcfg_flatten_json)
    grep -q '^vlans/[0-9]*/name' <<< "$flat" && hostonly='' instmods 8021q
    grep -q '^bridges/[0-9]*/name' <<< "$flat" && hostonly='' instmods bridge
    return 0
}

# _bondcfg_inst_dlopened LIB...: libraries bondcfg dlopen()s, which dracut
# does not find in the binary, with the libraries they need (which dracut
# resolves for executables only, and a library is not executable).
_bondcfg_inst_dlopened() {
    local lib dir path dep
    for lib in "$@"; do
        path=
        for dir in $libdirs; do
            [[ -e $dracutsysrootdir$dir/$lib ]] && path=$dir/$lib && break
        done
        [[ $path ]] && inst_library "$path" || return 1
        while read -r dep; do
            inst_library "$dep" || return 1
        done < <(ldd "$dracutsysrootdir$path" 2> /dev/null | sed -n 's/.*=> \(\/[^ ]*\) .*/\1/p')
    done
}

# _bondcfg_inst_file DIR PATH WHAT: the ifcfg file PATH (by its name in
# DIR) into the image's network-scripts.
_bondcfg_inst_file() {
    case $2 in
        '' | \\u*)
            dwarn "bondcfg: $3: skipping an unusable file name '$2'"
            return 1
            ;;
    esac
    inst_simple "$1/${2##*/}" "/etc/sysconfig/network-scripts/${2##*/}" || {
        dwarn "bondcfg: $3: cannot install $1/${2##*/}"
        return 1
    }
}

# called by dracut
install() {
    local bin cfgdir conf json rc line p v i
    local -a bonds=()
    local -A bname=() bfile=() bonboot=() bproto=() pfiles=() ofiles=()
    local -A vname=() vfile=() vbond=() vonboot=() brname=() brfile=() bronboot=() brports=()
    local -A inc=()

    bin=$(_bondcfg_binary)
    cfgdir=$(_bondcfg_config_dir)
    conf=${BONDCFG_DRACUT_CONF:-$dracutsysrootdir/etc/bondcfg.conf}

    inst_binary "$bin" /usr/sbin/bondcfg || {
        dfatal "bondcfg: cannot install $bin"
        return 1
    }
    # libudev for apply's member-NIC checks, libkmod to load bonding, libgio
    # to ask NetworkManager (if the initramfs runs one on a system bus).
    _bondcfg_inst_dlopened libudev.so.1 libkmod.so.2 libgio-2.0.so.0 || {
        dfatal "bondcfg: cannot install libudev.so.1, libkmod.so.2 or libgio-2.0.so.0"
        return 1
    }
    inst_script "$moddir/bondcfg-initqueue.sh" /sbin/bondcfg-initqueue
    chmod 0755 "$initdir/sbin/bondcfg-initqueue"
    inst_multiple -o timeout sed
    # After dracut's own bond= parser (network-legacy, cmdline 96).
    inst_hook cmdline 99 "$moddir/parse-bondcfg.sh"
    [[ -f $conf ]] && inst_simple "$conf" /etc/bondcfg.conf

    # Which files: ask bondcfg, the one parser that knows the rules.
    json=$("$bin" --offline --config-dir "$cfgdir" show --json 2> /dev/null)
    rc=$?
    if ((rc != 0)); then
        dwarn "bondcfg: the ifcfg files in $cfgdir have errors; the bonds may not come up at boot:"
        "$bin" --offline --config-dir "$cfgdir" check 2>&1 | while IFS= read -r line; do
            dwarn "bondcfg:   $line"
        done
    fi
    while IFS=$'\t' read -r p v; do
        if [[ $p =~ ^bonds/([0-9]+)/(name|file|onboot|bootproto)$ ]]; then
            i=${BASH_REMATCH[1]}
            case ${BASH_REMATCH[2]} in
                name) bname[$i]=$v ;;
                file) bfile[$i]=$v ;;
                onboot) bonboot[$i]=$v ;;
                bootproto) bproto[$i]=$v ;;
            esac
        elif [[ $p =~ ^bonds/([0-9]+)/ports/[0-9]+/file$ ]]; then
            pfiles[${BASH_REMATCH[1]}]+="$v"$'\n'
        elif [[ $p =~ ^bonds/([0-9]+)/files/[0-9]+$ ]]; then
            # route-, route6-, rule-, rule6- files and /etc/sysconfig/network
            ofiles[${BASH_REMATCH[1]}]+="$v"$'\n'
        elif [[ $p =~ ^vlans/([0-9]+)/(name|file|bond|onboot)$ ]]; then
            # the stack on the bonds: VLANs, then bridges
            i=${BASH_REMATCH[1]}
            case ${BASH_REMATCH[2]} in
                name) vname[$i]=$v ;;
                file) vfile[$i]=$v ;;
                bond) vbond[$i]=$v ;;
                onboot) vonboot[$i]=$v ;;
            esac
        elif [[ $p =~ ^bridges/([0-9]+)/(name|file|onboot)$ ]]; then
            i=${BASH_REMATCH[1]}
            case ${BASH_REMATCH[2]} in
                name) brname[$i]=$v ;;
                file) brfile[$i]=$v ;;
                onboot) bronboot[$i]=$v ;;
            esac
        elif [[ $p =~ ^bridges/([0-9]+)/ports/[0-9]+/name$ ]]; then
            brports[${BASH_REMATCH[1]}]+="$v"$'\n'
        fi
    done < <(printf '%s\n' "$json" | _bondcfg_flatten_json)

    mkdir -p "$initdir/etc"
    : > "$initdir/etc/bondcfg-initrd.bonds"
    for i in "${!bname[@]}"; do
        [[ ${bonboot[$i]} == true ]] || continue
        v=${bname[$i]}
        case $v in
            '' | \\u* | */* | *[[:space:]]*)
                dwarn "bondcfg: skipping a bond with an unusable name '$v'"
                continue
                ;;
        esac
        # Every file by its name in the configured directory.
        while IFS= read -r p; do
            [[ -n $p ]] || continue
            case $p in
                \\u*)
                    dwarn "bondcfg: $v: skipping an unusable file name '$p'"
                    continue
                    ;;
            esac
            inst_simple "$cfgdir/${p##*/}" "/etc/sysconfig/network-scripts/${p##*/}" \
                || dwarn "bondcfg: $v: cannot install $cfgdir/${p##*/}"
        done < <(printf '%s\n%s' "${bfile[$i]}" "${pfiles[$i]}")
        while IFS= read -r p; do
            case $p in
                '' | \\u*) continue ;;
                */network) inst_simple "$cfgdir/../network" /etc/sysconfig/network ;;
                *) inst_simple "$cfgdir/${p##*/}" "/etc/sysconfig/network-scripts/${p##*/}" ;;
            esac || dwarn "bondcfg: $v: cannot install $p"
        done < <(printf '%s' "${ofiles[$i]:-}")
        [[ ${bproto[$i]} == dhcp ]] \
            && dinfo "bondcfg: $v uses DHCP: bondcfg brings it up without an address; add dracut's network module for a DHCP client"
        bonds+=("$v")
    done
    # The ONBOOT stack above those bonds: bondcfg apply brings it up with
    # its bond.
    for v in "${bonds[@]}"; do inc[$v]=1; done
    for i in "${!vname[@]}"; do
        [[ ${vonboot[$i]} == true && -n ${inc[${vbond[$i]:-}]:-} ]] || continue
        _bondcfg_inst_file "$cfgdir" "${vfile[$i]}" "${vname[$i]}" && inc[${vname[$i]}]=1
    done
    for i in "${!brname[@]}"; do
        [[ ${bronboot[$i]} == true ]] || continue
        while IFS= read -r p; do
            if [[ -n $p && -n ${inc[$p]:-} ]]; then
                _bondcfg_inst_file "$cfgdir" "${brfile[$i]}" "${brname[$i]}"
                break
            fi
        done < <(printf '%s' "${brports[$i]:-}")
    done
    if ((${#bonds[@]} == 0)); then
        dwarn "bondcfg: no ONBOOT bond in $cfgdir; the initramfs will bring no bond up"
    else
        printf '%s\n' "${bonds[@]}" | sort > "$initdir/etc/bondcfg-initrd.bonds"
        dinfo "bondcfg: bonds brought up at boot: ${bonds[*]}"
    fi

    # systemd initrds start dracut-initqueue.service only when asked to.
    dracut_need_initqueue
}
