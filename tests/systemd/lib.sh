# shellcheck shell=bash
# Host side of the systemd tier (sourced by run-systemd.sh): the files a
# boot adds to the guest's root, laid out below build/ in a directory tree
# that tests/systemd/guest-prep.sh copies onto the overlay root in the
# guest, in one cp, before systemd starts.  Built on the host because in
# UML every fork costs ~80 ms: doing this in the guest (install, ln,
# systemctl enable ...) took 17 s of every boot.  `systemctl --root=TREE`
# enables and masks there as it would on the machine (the symlinks name
# /usr/lib/..., /etc/..., paths of the guest's root).
#
# What a machine with bondcfg installed would have, and no more:
#   - the repository's units from systemd/ in /usr/lib/systemd/system (where
#     a package puts them), enabled as their [Install] sections say
#   - the binary under test as /usr/sbin/bondcfg
#   - the boot's ifcfg files in /etc/sysconfig/network-scripts and its
#     /etc/bondcfg.conf (tests/systemd/boots/NAME.sh, boot_prep)
# plus the test's own units (tests/systemd/units/): the "NICs" (veth pairs
# whose peers sit on a bridge in netns "peer"), a link monitor, a failsafe
# and the driver that runs the boot's cases and powers off.
#
# The host's own systemd configuration is not the guest's: guest-prep.sh
# drops /etc/systemd/system (whatever the host's admin enabled:
# NetworkManager, a database, timers), generators that read host
# configuration are disabled, and units that make no sense in UML or only
# slow the boot are masked.

sd_here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
sd_top=$(cd "$sd_here/../.." && pwd)
SD_LIB=/usr/local/libexec/bondcfg-test

# Generators that would turn host configuration into units: SysV scripts,
# rc.local, a database's clusters, the host's gettys, partitions and crypto
# devices.  A generator linked to /dev/null in /etc is disabled
# (systemd.generator(7)).
SD_NO_GENERATORS=(
	systemd-sysv-generator systemd-rc-local-generator postgresql-generator
	systemd-getty-generator systemd-gpt-auto-generator systemd-cryptsetup-generator
	systemd-integritysetup-generator systemd-veritysetup-generator
	systemd-hibernate-resume-generator systemd-system-update-generator
)
# Masked: logins and consoles (no one logs in; a getty on the UML console
# would fight the console log), other network managers (they would take
# the bonds' ports), and what UML has no use for or would only slow the
# boot.  Debian's static wants (/usr/lib/systemd/system/*.wants) pull most
# of these in; what is not installed is masked all the same.
SD_MASKED=(
	getty.target getty@.service serial-getty@.service console-getty.service
	getty-static.service container-getty@.service systemd-logind.service
	systemd-user-sessions.service systemd-update-utmp.service
	systemd-update-utmp-runlevel.service systemd-ask-password-wall.path
	systemd-ask-password-console.path
	dbus.service dbus.socket
	NetworkManager.service NetworkManager-wait-online.service
	NetworkManager-dispatcher.service systemd-networkd.service
	systemd-networkd.socket systemd-networkd-wait-online.service
	systemd-network-generator.service systemd-resolved.service
	networking.service ifup@.service ifupdown-pre.service network.service
	systemd-timesyncd.service systemd-pstore.service systemd-binfmt.service
	proc-sys-fs-binfmt_misc.automount proc-sys-fs-binfmt_misc.mount
	sys-kernel-debug.mount sys-kernel-tracing.mount sys-kernel-config.mount
	sys-fs-fuse-connections.mount dev-hugepages.mount dev-mqueue.mount
	systemd-random-seed.service systemd-firstboot.service
	systemd-machine-id-commit.service systemd-modules-load.service
	systemd-hwdb-update.service systemd-journal-catalog-update.service
	ldconfig.service systemd-update-done.service systemd-journal-flush.service
	systemd-repart.service systemd-pcrphase.service
	systemd-pcrphase-sysinit.service systemd-tmpfiles-clean.timer
	e2scrub_reap.service dracut-shutdown.service
	plymouth-start.service plymouth-read-write.service plymouth-quit.service
	plymouth-quit-wait.service
	emergency.service rescue.service
)

# ---------------------------------------------------- for a boot's boot_prep
# (they act on $SD_ROOT, the tree being built)

# sd_set KEY VALUE: a setting for the test units (their EnvironmentFile).
sd_set() {
	echo "$1=$2" >>"$SD_ROOT/etc/bondcfg-test/env"
}

# sd_enable UNIT...: enable units as their [Install] sections say.
sd_enable() {
	systemctl --root="$SD_ROOT" enable "$@" 2>&1 | grep -v 'is added as a dependency to a non-existent unit'
	return "${PIPESTATUS[0]}"
}

# sd_driver_after_online: the driver starts after network-online.target and
# pulls it in, as a service that needs the network does
# (systemd.special(7), network-online.target); that is what brings in
# bondcfg-wait-online.service (WantedBy=network-online.target).
sd_driver_after_online() {
	mkdir -p "$SD_ROOT/etc/systemd/system/bondcfg-test.service.d"
	printf '[Unit]\nWants=network-online.target\nAfter=network-online.target\n' \
		>"$SD_ROOT/etc/systemd/system/bondcfg-test.service.d/online.conf"
}

# sd_driver_after_network: the driver starts after network.target, as a
# service that only needs the network configured does.  bondcfg.service has
# DefaultDependencies=no (as systemd-networkd.service), so multi-user.target
# is not ordered after it: a unit that needs the bonds orders itself after
# network.target, which bondcfg.service precedes.
sd_driver_after_network() {
	mkdir -p "$SD_ROOT/etc/systemd/system/bondcfg-test.service.d"
	printf '[Unit]\nAfter=network.target\n' \
		>"$SD_ROOT/etc/systemd/system/bondcfg-test.service.d/network.conf"
}

# bondcfg_conf LINE...: /etc/bondcfg.conf
bondcfg_conf() {
	printf '%s\n' "$@" >"$SD_ROOT/etc/bondcfg.conf"
}

# --------------------------------------------------------------- the tree

# sd_make_root BOOT DIR BINARY: the tree for boot BOOT in DIR (created).
sd_make_root() {
	local boot=$1 SD_ROOT=$2 bin=$3 u g
	local eu=$SD_ROOT/etc/systemd/system
	mkdir -p "$eu" "$SD_ROOT/etc/systemd/system-generators" "$SD_ROOT/etc/systemd/network" \
		"$SD_ROOT/etc/systemd/journald.conf.d" "$SD_ROOT/etc/systemd/system.conf.d" \
		"$SD_ROOT/usr/lib/systemd/system" "$SD_ROOT/usr/sbin" "$SD_ROOT$SD_LIB" \
		"$SD_ROOT/etc/sysconfig/network-scripts" "$SD_ROOT/etc/bondcfg-test" || return 1
	# The host's fstab names the host's disks: local-fs.target would wait
	# for devices UML does not have.
	: >"$SD_ROOT/etc/fstab"
	for g in "${SD_NO_GENERATORS[@]}"; do
		ln -s /dev/null "$SD_ROOT/etc/systemd/system-generators/$g" || return 1
	done
	# The journal in /run only: nothing to flush to /var at boot.
	printf '[Journal]\nStorage=volatile\nRateLimitBurst=0\n' \
		>"$SD_ROOT/etc/systemd/journald.conf.d/bondcfg-test.conf"
	# A unit that hangs must not hold the boot past the failsafe.
	printf '[Manager]\nDefaultTimeoutStartSec=60s\nDefaultTimeoutStopSec=10s\n' \
		>"$SD_ROOT/etc/systemd/system.conf.d/bondcfg-test.conf"
	# A real NIC keeps its permanent MAC; a veth's is random, and Debian's
	# 99-default.link (MACAddressPolicy=persistent) would have udev replace
	# it while bondcfg is enslaving the port.  Keep the stand-in NICs'.
	printf '[Match]\nDriver=veth\n\n[Link]\nNamePolicy=keep\nMACAddressPolicy=none\n' \
		>"$SD_ROOT/etc/systemd/network/10-bondcfg-test-veth.link"

	# Coldplug the NICs only: UML's 64 serial lines (ttyS*) would give
	# udev nothing but work, competing with the boot for the one CPU.
	mkdir -p "$eu/systemd-udev-trigger.service.d"
	printf '%s\n' '[Service]' ExecStart= 'ExecStart=-udevadm trigger --type=subsystems --action=add' \
		'ExecStart=-udevadm trigger --type=devices --action=add --subsystem-match=net' \
		>"$eu/systemd-udev-trigger.service.d/bondcfg-test.conf"

	# bondcfg, as a package installs it
	install -m 0755 "$bin" "$SD_ROOT/usr/sbin/bondcfg" || return 1
	install -m 0644 "$sd_top"/systemd/*.service "$SD_ROOT/usr/lib/systemd/system/" || return 1

	# the test's units and scripts
	install -m 0644 "$sd_here"/units/* "$eu/" || return 1
	install -m 0644 "$sd_here"/guest-*.sh "$sd_top/tests/uml/guest-lib.sh" "$SD_ROOT$SD_LIB/" || return 1
	install -m 0644 "$sd_here/boots/$boot.sh" "$SD_ROOT$SD_LIB/boot.sh" || return 1
	# The units' environment (PID 1 gives its children a clean one).
	{
		echo "UML_RESULTS=${2%/*}"
		echo "UML_TOP=$sd_top"
		echo "SD_BOOT=$boot"
		echo "SD_FAILSAFE=${SD_FAILSAFE:-100}"
	} >"$SD_ROOT/etc/bondcfg-test/env"
	# Sentinels: the runner checks that none reaches the host.
	for g in etc usr/lib/systemd/system usr/sbin; do
		: >"$SD_ROOT/$g/.bondcfg-systemd-sentinel"
	done

	(
		# shellcheck source=tests/uml/guest-lib.sh
		. "$sd_top/tests/uml/guest-lib.sh"
		# shellcheck source=tests/systemd/guest-sd-lib.sh
		. "$sd_here/guest-sd-lib.sh"
		# shellcheck source=/dev/null
		. "$sd_here/boots/$boot.sh"
		NS=$SD_ROOT/etc/sysconfig/network-scripts
		CFG=$NS
		boot_prep
	) || {
		echo "boot_prep of $boot failed"
		return 1
	}
	# As an administrator would: [Install] of bondcfg.service says
	# WantedBy=multi-user.target and Also=bondcfg-wait-online.service.
	sd_enable bondcfg.service bondcfg-test.service bondcfg-test-failsafe.service \
		bondcfg-test-monitor.service || return 1
	systemctl --root="$SD_ROOT" mask "${SD_MASKED[@]}" >/dev/null || return 1
	if [ "${SD_STANDIN:-}" = 1 ]; then
		# DEVELOPMENT ONLY: check the harness with the commands bondcfg
		# has today standing in for those the units name.
		mkdir -p "$eu/bondcfg.service.d" "$eu/bondcfg-wait-online.service.d"
		printf '%s\n' '[Service]' ExecStart= 'ExecStart=/usr/sbin/bondcfg apply' \
			ExecReload= 'ExecReload=/usr/sbin/bondcfg apply' \
			ExecStop= 'ExecStop=/usr/sbin/bondcfg down bond0' >"$eu/bondcfg.service.d/standin.conf"
		printf '%s\n' '[Service]' ExecStart= \
			'ExecStart=/bin/sh -c "until grep -qx 1 /sys/class/net/bond0/carrier; do sleep 0.1; done"' \
			>"$eu/bondcfg-wait-online.service.d/standin.conf"
	fi
	ln -s /usr/lib/systemd/system/multi-user.target "$eu/default.target" || return 1
}
