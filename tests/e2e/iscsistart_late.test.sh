#!/bin/bash
# SPDX-License-Identifier: MIT
# iscsistart_late.test.sh - a boot target that is not up yet: the guest
# starts iscsistart while no tgtd listens behind the portal (qemu accepts
# the guest's connection and closes it at once), the host starts tgtd a
# few seconds later, and iscsistart must retry by itself and log in, with
# one session and the disk in the end. Ours first, then Debian's with the
# same plan. Prints how long after the target came up each login ended.

SRC=${ISCSIBOX_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
export ISCSIBOX_SRC=$SRC
. "$SRC/tests/e2e/lib/iscsistart.sh"
is_test_begin "$@"

DELAY=${LATE_DELAY:-3}
params="e2e.initiator=iqn.2024-01.org.iscsibox:guest e2e.iqn=$TGTD_IQN"

# late NAME WHICH - one boot; tgtd starts $DELAY s after iscsistart did.
late() {
	local name=$1 which=$2 fails=$T_FAILS t_start t_up
	TGTD_PORT=$(t_free_port) || t_die "no free port"
	is_image "$T_TMP/$which.cpio" "$which" iscsistart_late.sh ||
		t_die "cannot build the $which image"
	is_vm_start "$T_TMP/$which.cpio" "$TGTD_PORT" "$params"
	is_wait_marker late_start 60 || t_die "$name: the guest never started"
	t_start=$(t_now)
	sleep "$DELAY"
	t_check_eq "$name: iscsistart still trying when the target comes up" \
		"$(vm_marker late.rc)" ""
	tgtd_start
	tgtd_add_target 1 "$TGTD_IQN:late" || t_die "cannot create the target"
	t_up=$(awk -v a="$t_start" -v b="$(t_now)" \
		'BEGIN { printf "%d", (b - a) * 1000 }')
	is_vm_wait
	t_check_rc "$name: qemu ran to power-off" $? 0
	is_check "$name" late.rc 0
	is_check "$name" late.sessions 1
	is_check "$name" sessions 1
	is_check "$name" late.size_sectors 2048
	is_check "$name" test_rc 0
	[ "$T_FAILS" -eq "$fails" ] && [ -z "${E2E_VERBOSE:-}" ] ||
		vm_show_console 80
	t_log "$name: target up after ~$t_up ms, iscsistart returned after" \
		"$(vm_marker late.ms) ms, disk after" \
		"$(vm_marker late.login_to_disk_ms) ms"
	tgtd_stop
	TGTD_PORT=
}

late ours ours
late debian debian
t_done
