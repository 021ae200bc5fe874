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
#  - At build time, `bondcfg files --null` decides which ifcfg files go into
#    the image: every ONBOOT bond, its ports, its route and rule files, and
#    the ONBOOT VLANs and bridges on it; nothing else.
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

# _bondcfg_records: the records of `bondcfg files --null` (src/cmd-files.c),
# "KIND VALUE" each, NUL-terminated: no JSON to parse, and any path is safe.
_bondcfg_records() {
    "$(_bondcfg_binary)" --offline --config-dir "$(_bondcfg_config_dir)" files --null 2> /dev/null
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
    local rec
    while IFS= read -r -d '' rec; do
        case $rec in
            'module 8021q') hostonly='' instmods 8021q ;;
            'module bridge') hostonly='' instmods bridge ;;
        esac
    done < <(_bondcfg_records)
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

# called by dracut
install() {
    local bin cfgdir conf line rec kind v
    local -a bonds=()

    bin=$(_bondcfg_binary)
    cfgdir=$(_bondcfg_config_dir)
    conf=${BONDCFG_DRACUT_CONF:-$dracutsysrootdir/etc/bondcfg.conf}

    inst_binary "$bin" /usr/sbin/bondcfg || {
        dfatal "bondcfg: cannot install $bin"
        return 1
    }
    inst_script "$moddir/bondcfg-initqueue.sh" /sbin/bondcfg-initqueue
    chmod 0755 "$initdir/sbin/bondcfg-initqueue"
    inst_multiple -o timeout sed
    # After dracut's own bond= parser (network-legacy, cmdline 96).
    inst_hook cmdline 99 "$moddir/parse-bondcfg.sh"
    [[ -f $conf ]] && inst_simple "$conf" /etc/bondcfg.conf

    # Which files: ask bondcfg, the one parser that knows the rules
    # (`bondcfg files`: every ONBOOT bond, its ports' files, its route and
    # rule files, /etc/sysconfig/network, the ONBOOT VLANs and bridges on
    # it).
    if ! "$bin" --offline --config-dir "$cfgdir" check > /dev/null 2>&1; then
        dwarn "bondcfg: the ifcfg files in $cfgdir have errors; the bonds may not come up at boot:"
        "$bin" --offline --config-dir "$cfgdir" check 2>&1 | while IFS= read -r line; do
            dwarn "bondcfg:   $line"
        done
    fi
    while IFS= read -r -d '' rec; do
        kind=${rec%% *}
        v=${rec#* }
        case $kind in
            bond)
                case $v in
                    '' | */* | *[[:space:]]*)
                        dwarn "bondcfg: skipping a bond with an unusable name '$v'"
                        ;;
                    *) bonds+=("$v") ;;
                esac
                ;;
            dhcp)
                dinfo "bondcfg: $v uses DHCP: bondcfg brings it up without an address; add dracut's network module for a DHCP client"
                ;;
            library)
                # a library bondcfg dlopen()s (libnl-3 for rtnetlink, inih,
                # libkmod, libudev, libgio), which dracut cannot see in it
                _bondcfg_inst_dlopened "$v" || {
                    dfatal "bondcfg: cannot install $v, which bondcfg needs"
                    return 1
                }
                ;;
            file)
                # every file by its name in the configured directory
                case $v in
                    */network) inst_simple "$cfgdir/../network" /etc/sysconfig/network ;;
                    *) inst_simple "$cfgdir/${v##*/}" "/etc/sysconfig/network-scripts/${v##*/}" ;;
                esac || dwarn "bondcfg: cannot install $v"
                ;;
        esac
    done < <("$bin" --offline --config-dir "$cfgdir" files --null 2> /dev/null)
    if ((${#bonds[@]} == 0)); then
        dwarn "bondcfg: no ONBOOT bond in $cfgdir; the initramfs will bring no bond up"
    else
        printf '%s\n' "${bonds[@]}" | sort > "$initdir/etc/bondcfg-initrd.bonds"
        dinfo "bondcfg: bonds brought up at boot: ${bonds[*]}"
    fi

    # systemd initrds start dracut-initqueue.service only when asked to.
    dracut_need_initqueue
}
