#!/bin/sh
# TEST-ONLY: the bond's ports.  UML has no PCI NICs: each "NIC" ethN is one
# end of a veth pair whose peer (peerN) is up, so ethN gets carrier.
#   bondcfgtest.ports=now   eth0 and eth1 before udev is triggered
#   bondcfgtest.ports=late  eth0 now; eth1 only after bondcfg's first attempt
#                           failed (an initqueue/settled job that sorts after
#                           bondcfg's), so the retry path must bring bond0 up
#   bondcfgtest.ports=none  no ports at all: bondcfg must give up, boot go on
#   bondcfgtest.ports=nolink eth0 and eth1 exist, but their peers are down:
#                           the bond is configured and never gets carrier
# hookdir comes from dracut-lib.sh.
# shellcheck disable=SC2154
modprobe veth
case "$(getarg bondcfgtest.ports=)" in
    now)
        ip link add eth0 type veth peer name peer0 && ip link set peer0 up
        ip link add eth1 type veth peer name peer1 && ip link set peer1 up
        ;;
    late)
        ip link add eth0 type veth peer name peer0 && ip link set peer0 up
        cat > "$hookdir/initqueue/settled/zz-bct-late.sh" <<'JOB'
if [ ! -e /sys/class/net/eth1 ] && [ -e /run/initramfs/bondcfg/error.bond0 ]; then
    ip link add eth1 type veth peer name peer1 && ip link set peer1 up
    echo "BCT eth1 created after attempt $(cat /run/initramfs/bondcfg/attempts)"
fi
JOB
        ;;
    nolink)
        ip link add eth0 type veth peer name peer0
        ip link add eth1 type veth peer name peer1
        ;;
    none) ;;
esac
echo "BCT ports: $(getarg bondcfgtest.ports=) at uptime $(cat /proc/uptime)"
