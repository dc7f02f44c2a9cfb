#!/bin/bash
# SPDX-License-Identifier: MIT
# iscsistart_dup.test.sh - a second iscsistart for a target that already
# has a session is refused, as Debian's initramfs-tools boot script relies
# on (it runs the same command twice): the same guest plan
# (guest/iscsistart_dup.sh) boots with Debian's iscsistart and with ours,
# and each run's status, session count and both output streams (the lines
# that do not depend on timing) must be the same.

SRC=${ISCSIBOX_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
export ISCSIBOX_SRC=$SRC
. "$SRC/tests/e2e/lib/iscsistart.sh"
is_test_begin "$@"

tgtd_start
tgtd_add_target 1 "$TGTD_IQN:one" && tgtd_add_target 2 "$TGTD_IQN:two" ||
	t_die "cannot configure tgtd"
params="e2e.initiator=iqn.2024-01.org.iscsibox:dup e2e.iqn=$TGTD_IQN"

# streams WHICH - the console's E2E-OUT/E2E-ERR lines, kept apart.
streams() {
	tr -d '\r' <"$VM_LOG" | grep -E '^E2E-(OUT|ERR): ' >"$T_TMP/$1.streams"
}

for which in debian ours; do
	is_image "$T_TMP/$which.cpio" "$which" iscsistart_dup.sh ||
		t_die "cannot build the $which image"
	vm_run "$T_TMP/$which.cpio" "$TGTD_PORT" "$params"
	t_check_rc "$which: qemu ran to power-off" $? 0
	is_check "$which" first.rc 0
	is_check "$which" first.sessions 1
	is_check "$which" again.sessions 1
	is_check "$which" other.rc 0
	is_check "$which" other.sessions 2
	is_check "$which" otheragain.sessions 2
	t_check_eq "$which: a disk for the first target" \
		"$(vm_marker one.disk | cut -c1-2)" sd
	for k in first again other otheragain; do
		eval "${which}_$k=\$(vm_marker $k.rc)"
	done
	streams "$which"
	[ "${E2E_VERBOSE:-0}" = 1 ] && cat "$T_TMP/$which.streams"
done
for k in first again other otheragain; do
	eval "t_check_eq \"$k: ours' status is Debian's\" \"\$ours_$k\" \"\$debian_$k\""
done
t_check_eq "both output streams are Debian's" \
	"$(cat "$T_TMP/ours.streams")" "$(cat "$T_TMP/debian.streams")"
t_done
