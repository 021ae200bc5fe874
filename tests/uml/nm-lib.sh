# shellcheck shell=bash
# NetworkManager in the UML guest: helpers of the cases that run bondcfg
# next to a real NetworkManager (sourced by a case, after guest-lib.sh).
#
# The guest has no systemd.  nm_start starts what NetworkManager needs as
# systemd would: the system D-Bus (NM's API, and how nmcli talks to it),
# systemd-udevd (NM waits for udev to have "initialized" a network device
# before it manages it, and reads NM_UNMANAGED from udev's database), then
# NetworkManager itself, not daemonized, its log in the results directory
# ($NM_LOG, one per case).  Everything it writes (/etc, /var/lib, /run) is
# in the guest's overlay or tmpfs.  nm_teardown (run at the case's exit)
# stops all three, so that the cases after this one in the same boot see
# no udevd or NetworkManager.
#
# NetworkManager is made to behave as on RHEL, where it manages every
# Ethernet device:
#  - Debian's /lib/udev/rules.d/85-nm-unmanaged.rules sets NM_UNMANAGED=1
#    on veth devices; the guest's ports are veths, so the rule is masked by
#    a /dev/null link of the same name in /etc/udev/rules.d (udev(7): a
#    file in /etc of the same name takes the place of one in /lib).
#  - NetworkManager.conf is only "[main] plugins=keyfile": Debian's
#    default adds the ifupdown plugin with "[ifupdown] managed=false",
#    which leaves unmanaged every device /etc/network/interfaces names.
#    The rest is NM's default, as on RHEL: no "no-auto-default", so NM
#    makes an in-memory "Wired connection N" DHCP profile (NM_GENERATED)
#    for every Ethernet device without a profile of its own and activates
#    it (NetworkManager.conf(5): no-auto-default).

NM_LOG=${CASE_TAP%.tap}.nm.log
# Every link and address event of the case, time-stamped (ip -ts), from
# the first nm_start to the case's end: NetworkManager's log has the same
# clock (CLOCK_REALTIME), so the two can be read side by side.
NM_EVENTS=${CASE_TAP%.tap}.events
# Lines added to the guest's NetworkManager.conf (set before nm_start).
NM_CONF_EXTRA=${NM_CONF_EXTRA:-}
NM_EVENTS_PID=
NM_PID=
NM_DBUS_PID=
NM_UDEV_PID=
NM_BUS=org.freedesktop.NetworkManager
NM_OBJ=/org/freedesktop/NetworkManager

# nm_setup_files: the guest's NetworkManager and udev configuration, and a
# clean slate for NetworkManager as on a fresh boot (no profiles, no state,
# an empty /run/NetworkManager: an earlier case of this boot may have left
# a conf.d file there).  Run at the case's first nm_start only: a restart
# keeps what NetworkManager and bondcfg wrote.
nm_setup_files() {
	mkdir -p /etc/udev/rules.d /etc/NetworkManager/conf.d /etc/NetworkManager/system-connections \
		/run/dbus /var/lib/NetworkManager
	ln -sfn /dev/null /etc/udev/rules.d/85-nm-unmanaged.rules
	printf '[main]\nplugins=keyfile\n%s\n' "$NM_CONF_EXTRA" >/etc/NetworkManager/NetworkManager.conf
	# Debian's dispatcher script 01-ifupdown runs ifupdown's hook
	# directories, which RHEL does not have (and this guest lacks).
	rm -f /etc/NetworkManager/conf.d/* /etc/NetworkManager/system-connections/* \
		/var/lib/NetworkManager/* /etc/NetworkManager/dispatcher.d/01-ifupdown
	rm -rf /run/NetworkManager
}

# nm_running: NetworkManager answers on D-Bus and says it is running.
nm_running() {
	[ "$(nmcli -t -f RUNNING general 2>/dev/null)" = running ]
}

# nm_start: D-Bus and udevd (if not yet running), then NetworkManager;
# returns once NM answers (dies if it does not within 30 s).
nm_start() {
	local i
	if [ -z "$NM_DBUS_PID" ]; then
		nm_setup_files
		ip -ts -o monitor link address >"$NM_EVENTS" 2>&1 &
		NM_EVENTS_PID=$!
		dbus-daemon --system --nofork --nopidfile >>"$NM_LOG.dbus" 2>&1 &
		NM_DBUS_PID=$!
		for ((i = 0; i < 100; i++)); do
			[ -S /run/dbus/system_bus_socket ] && break
			sleep 0.1
		done
		[ -S /run/dbus/system_bus_socket ] || die "dbus-daemon --system did not start"
	fi
	if [ -z "$NM_UDEV_PID" ]; then
		/lib/systemd/systemd-udevd >>"$NM_LOG.udev" 2>&1 &
		NM_UDEV_PID=$!
		# udevd must listen before the trigger, or the uevents are lost
		# and NM sees the ports as never initialized by udev ("strictly
		# unmanaged"): loading its hwdb takes seconds in UML.  systemd
		# orders systemd-udev-trigger.service after the daemon's socket
		# for the same reason.
		for ((i = 0; i < 300; i++)); do
			[ -S /run/udev/control ] && udevadm control --ping --timeout=5 2>/dev/null && break
			kill -0 "$NM_UDEV_PID" 2>/dev/null || die "systemd-udevd exited at start (see $NM_LOG.udev)"
			sleep 0.1
		done
		# What systemd-udev-trigger.service does at boot, for the network
		# devices that are already there (the ports of the case).
		udevadm trigger --type=devices --action=add --subsystem-match=net
		udevadm settle --timeout=30 || log "udevadm settle: timed out"
	fi
	stamp "starting NetworkManager (log: ${NM_LOG#"$UML_RESULTS"/})"
	printf '\n===== %s: NetworkManager started by the case =====\n' "$(date +%T.%N)" >>"$NM_LOG"
	NetworkManager --debug --log-level="${NM_LOG_LEVEL:-INFO}" >>"$NM_LOG" 2>&1 &
	NM_PID=$!
	for ((i = 0; i < 300; i++)); do
		nm_running && break
		kill -0 "$NM_PID" 2>/dev/null || die "NetworkManager exited at start (see $NM_LOG)"
		sleep 0.1
	done
	nm_running || die "NetworkManager is not running after 30 s"
	stamp "NetworkManager is running (pid $NM_PID)"
}

# nm_stop: SIGTERM, as systemctl stop does; NetworkManager leaves the
# devices as they are when it quits.
nm_stop() {
	[ -n "$NM_PID" ] || return 0
	kill "$NM_PID" 2>/dev/null
	local i
	for ((i = 0; i < 200; i++)); do
		kill -0 "$NM_PID" 2>/dev/null || break
		sleep 0.1
	done
	if kill -0 "$NM_PID" 2>/dev/null; then
		log "NetworkManager did not stop within 20 s: SIGKILL"
		kill -9 "$NM_PID" 2>/dev/null
	fi
	wait "$NM_PID" 2>/dev/null
	NM_PID=
	stamp "NetworkManager stopped"
}

nm_restart() {
	nm_stop
	nm_start
}

# nm_teardown: stop NetworkManager, udevd and D-Bus (the case's EXIT trap).
nm_teardown() {
	nm_stop
	local p
	for p in "$NM_UDEV_PID" "$NM_DBUS_PID" "$NM_EVENTS_PID"; do
		[ -n "$p" ] || continue
		kill "$p" 2>/dev/null
		wait "$p" 2>/dev/null
	done
	NM_UDEV_PID=''
	NM_DBUS_PID=''
	NM_EVENTS_PID=''
	# The cases after this one in the boot run without NetworkManager.
	rm -rf /run/NetworkManager
}

# nm_device_state DEV: NM's state of DEV, e.g. "10 (unmanaged)",
# "70 (connected (externally))", "100 (connected)".
nm_device_state() {
	nmcli -g GENERAL.STATE device show "$1" 2>/dev/null
}
# nm_states: NM_STATE[DEV] = the state's name ("unmanaged", "connected",
# "connecting (getting IP configuration)", ...) of every device, as the
# STATE column of `nmcli device` has it (one nmcli run: each costs about
# half a second in the guest).
declare -A NM_STATE
nm_states() {
	local dev state
	NM_STATE=()
	while IFS=: read -r dev state; do
		NM_STATE[$dev]=$state
	done < <(nmcli -t -f DEVICE,STATE device 2>/dev/null)
}
# nm_state_of DEV: DEV's state ("absent" if NetworkManager does not list it).
nm_state_of() {
	nm_states
	printf '%s\n' "${NM_STATE[$1]:-absent}"
}
# nm_state_is DEV STATE: `nmcli device` shows DEV in STATE.
nm_state_is() {
	[ "$(nm_state_of "$1")" = "$2" ]
}
# nm_connecting DEV...: NetworkManager is activating a profile on every DEV
# (state "connecting (...)"; with no DHCP server, an auto-default profile
# stays there until its DHCP and RA timeouts).
nm_connecting() {
	local d
	nm_states
	for d in "$@"; do
		[[ ${NM_STATE[$d]:-} == connecting* ]] || return 1
	done
}
# nm_managed DEV...: NetworkManager manages every DEV (any state but
# unmanaged); nm_unmanaged DEV...: it leaves every DEV alone.
nm_managed() {
	local d
	nm_states
	for d in "$@"; do
		case ${NM_STATE[$d]:-absent} in unmanaged | absent) return 1 ;; esac
	done
}
nm_unmanaged() {
	local d
	nm_states
	for d in "$@"; do
		[ "${NM_STATE[$d]:-}" = unmanaged ] || return 1
	done
}

# nm_add_profile NAME DEV [nmcli connection add SETTINGS...]: a persistent
# Ethernet profile NAME for DEV (a keyfile in
# /etc/NetworkManager/system-connections, as an administrator's `nmcli
# connection add` makes it), activated on DEV; returns once NM reports it
# activated.  Default settings: a static IPv4 address, so that activation
# ends at once, without waiting for DHCP.
nm_add_profile() {
	local name=$1 dev=$2
	shift 2
	[ $# -gt 0 ] || set -- ipv4.method manual ipv4.addresses 198.51.100.10/24 ipv6.method link-local
	run_rc 0 nmcli connection add type ethernet con-name "$name" ifname "$dev" "$@" || return 1
	run_rc 0 nmcli --wait 30 connection up "$name" ifname "$dev"
}

# nm_active_id DEV: the id of the connection NM has active on DEV ("" if
# none), GENERAL.CONNECTION of `nmcli device show`.
nm_active_id() {
	nmcli -g GENERAL.CONNECTION device show "$1" 2>/dev/null
}

# nm_conn_path DEV: the D-Bus path of the settings object (profile) of the
# connection active on DEV: Device.ActiveConnection, then
# Connection.Active.Connection (NetworkManager's D-Bus API).
nm_conn_path() {
	local devpath ac v
	# busctl prints an object path as: o "/org/freedesktop/..."
	v=$(busctl call "$NM_BUS" "$NM_OBJ" "$NM_BUS" GetDeviceByIpIface s "$1" 2>/dev/null) || return 1
	devpath=${v#o \"}
	devpath=${devpath%\"}
	v=$(busctl get-property "$NM_BUS" "$devpath" "$NM_BUS.Device" ActiveConnection) || return 1
	ac=${v#o \"}
	ac=${ac%\"}
	[ "$ac" != / ] && [ -n "$ac" ] || return 1
	v=$(busctl get-property "$NM_BUS" "$ac" "$NM_BUS.Connection.Active" Connection) || return 1
	v=${v#o \"}
	printf '%s\n' "${v%\"}"
}

# nm_conn_flags PATH: Settings.Connection's Flags property of the profile
# at PATH, a decimal number (NMSettingsConnectionFlags: 0x1 UNSAVED,
# 0x2 NM_GENERATED, 0x4 VOLATILE, 0x8 EXTERNAL).
nm_conn_flags() {
	local v
	# busctl prints the property as "u 3"
	v=$(busctl get-property "$NM_BUS" "$1" "$NM_BUS.Settings.Connection" Flags) || return 1
	printf '%s\n' "${v#u }"
}

# nm_reload_conf: NetworkManager's Reload(flags=1, NM_MANAGER_RELOAD_FLAG_CONF:
# reload NetworkManager.conf and its conf.d directories), as
# `nmcli general reload conf` sends it.
nm_reload_conf() {
	busctl call "$NM_BUS" "$NM_OBJ" "$NM_BUS" Reload u 1
}

# nm_show: NetworkManager's view of the devices and its connections, for
# the log.
nm_show() {
	run nmcli -f DEVICE,TYPE,STATE,CONNECTION device
	run nmcli -f NAME,UUID,TYPE,DEVICE connection show
}
