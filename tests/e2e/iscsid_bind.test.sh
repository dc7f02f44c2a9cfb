#!/bin/bash
# SPDX-License-Identifier: MIT
# iscsid_bind.test.sh - kernel sessions through bound ifaces, iscsid and
# iscsiadm in the Debian kernel under qemu: one iface bound to eth0 by
# name, one by its MAC (written in upper case), one to a netdev that does
# not exist. Both good ones log in to the host's tgtd; "-m session -P 3"
# shows the netdev of the name-bound one (SET_HOST_PARAM; open-iscsi
# sends the record's netdev, so the MAC-bound one shows "default"), and
# the MAC-bound one under the name open-iscsi's library gives a host with
# a hardware address ("tcp.MAC.ipv4.0"); the bad one fails its login and leaves no session.
# The two-NIC multipath proof (each session over its own NIC) is
# tests/e2e's multipath case; the link choice itself is proven without a
# VM in tests/integration/bind.test.sh.

SRC=${ISCSIBOX_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
export ISCSIBOX_SRC=$SRC
. "$SRC/tests/e2e/lib/iscsid.sh"
iscsid_test_begin "$@"

tgtd_start
TGT="$TGTD_IQN:bound"
tgtd_add_target 1 "$TGT" || t_die "cannot create the target"
iscsid_initramfs "$T_TMP/initrd.cpio" "$SRC/tests/e2e/guest/iscsid_bind.sh" ||
	t_die "cannot build the initramfs"
vm_run "$T_TMP/initrd.cpio" "$TGTD_PORT" \
	"e2e.initiator=iqn.2024-01.org.iscsibox:guest e2e.tgt=$TGT"
t_check_rc "qemu ran to power-off" $? 0

t_check_eq "iscsid daemon mode exit code" "$(vm_marker iscsid_rc)" 0
for i in byname bymac nodev; do
	t_check_eq "iface and node record $i" "$(vm_marker "rec_$i")" 0
done
t_check_eq "nodev record tuned" "$(vm_marker nodev_upd)" 0
t_check_eq "login by name" "$(vm_marker login_byname_rc)" 0
t_check_eq "login by MAC" "$(vm_marker login_bymac_rc)" 0
t_check_eq "two sessions" "$(vm_marker sessions)" 2
t_check_eq "-P 3 exit code" "$(vm_marker p3_rc)" 0
t_check_eq "-P 3: Iface Netdev eth0 by name, default by MAC (open-iscsi's)" \
	"$(vm_marker p3_netdev_eth0)/$(vm_marker p3_netdev_default)" 1/1
t_check_eq "-P 3: Iface Name of the name-bound one" \
	"$(vm_marker p3_name_byname)" 1
t_check_eq "-P 3: MAC-bound one named tcp.MAC.ipv4.0" \
	"$(vm_marker p3_name_mac)" 1
t_check_eq "-P 3: Iface HWaddress of the MAC-bound one" \
	"$(vm_marker p3_hw_mac)" 1
t_check_eq "-P 3: Iface IPaddress, the guest's own" "$(vm_marker p3_ip)" 2
bad=$(vm_marker bad_rc)
t_check_eq "bad netdev: login fails" "$([ "${bad:-0}" != 0 ] && echo yes)" yes
t_log "bad netdev: iscsiadm exit code $bad"
t_check_eq "bad netdev: Could not login line" "$(vm_marker bad_msg)" 1
t_check_eq "bad netdev: no third session" "$(vm_marker sessions_bad)" 2
t_check_eq "logout" "$(vm_marker logout_rc)" 0
t_check_eq "no session left" "$(vm_marker sessions_after)" 0
t_check_eq "guest script finished" "$(vm_marker test_rc)" 0
[ "$T_FAILS" -eq 0 ] && [ -z "${E2E_VERBOSE:-}" ] || vm_show_console 120
t_done
