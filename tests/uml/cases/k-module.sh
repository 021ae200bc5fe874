# desc: k. apply loads the bonding module itself (libkmod) with no stray bond0, and takes over the module's default empty bond0
# cost: 2

topo_ports 2

# 1. No bonding module at all: apply must load it (libkmod, dlopen()ed), with
#    max_bonds=0 so that no default bond0 appears beside the configured bond.
rmmod bonding || die "cannot unload the bonding module"
[ -d /sys/module/bonding ] && die "bonding is still loaded"
cfg_init
cfg_bond bond1 "mode=active-backup miimon=100"
cfg_port bp0 bond1
cfg_port bp1 bond1
run_rc 0 bc apply
[ -d /sys/module/bonding ] && pass "apply loaded the bonding module" ||
	fail "the bonding module is not loaded after apply"
link_exists bond0 && fail "a stray bond0 appeared (max_bonds=0 not passed)" ||
	pass "no stray bond0: the module was loaded with max_bonds=0"
assert_eq "bond1's ports" "$(bond_slaves bond1)" "bp0 bp1"
run_rc 0 bc down bond1

# 2. The module made its default bond0 (max_bonds=1), empty: apply takes it
#    over instead of failing because bond0 exists.
rmmod bonding || die "cannot unload the bonding module"
modprobe bonding max_bonds=1 || die "modprobe bonding max_bonds=1 failed"
link_exists bond0 || die "modprobe bonding max_bonds=1 made no bond0"
assert_eq "the module's bond0 mode" "$(sysfs bond0 mode)" "balance-rr 0"
cfg_init
cfg_bond bond0 "mode=active-backup miimon=100"
cfg_port bp0 bond0
cfg_port bp1 bond0
run_rc 0 bc apply
assert_eq "bond0 mode after apply" "$(sysfs bond0 mode)" "active-backup 1"
assert_eq "bond0 miimon after apply" "$(sysfs bond0 miimon)" "100"
assert_eq "bond0's ports" "$(bond_slaves bond0)" "bp0 bp1"
run_rc 0 bc status
run_rc 0 bc down bond0

# Leave the driver as the other cases expect it.
rmmod bonding && modprobe bonding max_bonds=0 || die "cannot reload bonding with max_bonds=0"
case_end
