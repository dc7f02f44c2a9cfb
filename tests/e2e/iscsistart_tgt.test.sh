#!/bin/bash
# SPDX-License-Identifier: MIT
# iscsistart_tgt.test.sh - our iscsistart in the Debian kernel under qemu
# against a tgtd on the host's loopback, side by side with Debian's: the
# same guest plan (guest/iscsistart_tgt.sh) boots three times, ours,
# Debian's, ours, on the same LUNs. Each boot: a wrong CHAP secret and a
# wrong mutual secret fail with status 1 and error 24 and leave no
# session in the guest nor on tgtd; no-auth, one-way and mutual CHAP
# sessions exist at once with three disks; -P replacement_timeout=33
# reaches sysfs; NOP-Outs are off. iscsistart cannot log out, so the
# reboot is the logout: every boot reads the pattern the previous boot
# wrote to block 128 and leaves its own.

SRC=${ISCSIBOX_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
export ISCSIBOX_SRC=$SRC
. "$SRC/tests/e2e/lib/iscsistart.sh"
is_test_begin "$@"

user=initiator-user secret=InitiatorSecret1
tuser=target-user tsecret=TargetSecret123
tgtd_start
tgtd_add_target 1 "$TGTD_IQN:none" &&
	tgtd_add_target 2 "$TGTD_IQN:chap" &&
	tgtd_add_target 3 "$TGTD_IQN:mutual" &&
	tgtd_add_target 4 "$TGTD_IQN:wrong" &&
	tgtd_chap_oneway 2 "$user" "$secret" &&
	tgtadm_c --mode account --op bind --tid 3 --user "$user" &&
	tgtd_account "$tuser" "$tsecret" &&
	tgtadm_c --mode account --op bind --tid 3 --user "$tuser" --outgoing &&
	tgtadm_c --mode account --op bind --tid 4 --user "$user" ||
	t_die "cannot configure tgtd"
lun="$T_TMP/lun1.img"
hostpat=$(is_pattern)
prev=$(is_pattern)
printf '%s' "$hostpat" | dd of="$lun" conv=notrunc 2>/dev/null
printf '%s' "$prev" | dd of="$lun" bs=512 seek=128 conv=notrunc 2>/dev/null

params="e2e.initiator=iqn.2024-01.org.iscsibox:guest e2e.iqn=$TGTD_IQN"
params="$params e2e.user=$user e2e.secret=$secret"
params="$params e2e.tuser=$tuser e2e.tsecret=$tsecret"

# boot NAME WHICH - one boot of the plan with initiator WHICH.
boot() {
	local name=$1 which=$2 pat fails=$T_FAILS
	pat=$(is_pattern)
	is_image "$T_TMP/$which.cpio" "$which" iscsistart_tgt.sh ||
		t_die "cannot build the $which image"
	is_vm_start "$T_TMP/$which.cpio" "$TGTD_PORT" "$params e2e.guestpat=$pat"
	if is_wait_marker bad_done 60; then
		# the guest goes on meanwhile, but never to target 4 again
		t_check_eq "$name: no session on tgtd after a wrong secret" \
			"$(is_tgt_nexus 4)" 0
	else
		t_fail "$name: the guest never reported bad_done"
	fi
	is_vm_wait
	t_check_rc "$name: qemu ran to power-off" $? 0

	is_check "$name" bad.rc 1
	is_check "$name" bad.error 24
	is_check_logged "$name" bad "initiator reported error (24 - "
	is_check "$name" bad.sessions 0
	is_check "$name" bad.hosts 0
	is_check "$name" badmutual.rc 1
	is_check "$name" badmutual.error 19
	is_check "$name" badmutual.sessions 0

	is_check "$name" none.rc 0
	is_check_logged "$name" none \
		"Logging into $TGTD_IQN:none 10.0.2.100:3260,1"
	is_check "$name" none.size_sectors 2048
	is_check "$name" none.recovery_tmo 33
	is_check "$name" none.ping_tmo 0
	is_check "$name" none.recv_tmo 0
	is_check "$name" none.hostpat "$hostpat"
	is_check "$name" none.prev "$prev"
	is_check "$name" none.readback "$pat"
	t_check_eq "$name: the pattern reached tgtd's LUN file" \
		"$(dd if="$lun" bs=512 skip=128 count=1 2>/dev/null |
			head -c 32)" "$pat"
	prev=$pat

	is_check "$name" chap.rc 0
	is_check "$name" chap.username "$user"
	is_check "$name" chap.size_sectors 2048
	is_check "$name" chap.recovery_tmo 120
	is_check "$name" mutual.rc 0
	is_check "$name" mutual.username_in "$tuser"
	is_check "$name" mutual.size_sectors 2048
	is_check "$name" sessions 3
	is_check "$name" disks "sda sdb sdc "
	is_check "$name" test_rc 0
	t_check_eq "$name: tgtd holds no session after power-off" \
		"$(tgtd_wait_no_nexus 5 && echo 0)" 0
	[ "$T_FAILS" -eq "$fails" ] && [ -z "${E2E_VERBOSE:-}" ] ||
		vm_show_console 120
	t_log "$name: login->disk none $(vm_marker none.login_to_disk_ms) ms," \
		"chap $(vm_marker chap.login_to_disk_ms) ms," \
		"mutual $(vm_marker mutual.login_to_disk_ms) ms," \
		"wrong secret fails in $(vm_marker bad.ms) ms"
}

boot ours ours
boot debian debian
boot "ours after reboot" ours
t_done
