#!/bin/bash
# SPDX-License-Identifier: MIT
# iscsistart_dup.test.sh - a second iscsistart for a target that already
# has a session is refused, as Debian's initramfs-tools boot script relies
# on (it runs the same command twice): the same guest plan
# (guest/iscsistart_dup.sh) boots with Debian's iscsistart and with ours,
# and each run's status, session count and both output streams (the lines
# that do not depend on timing) must be the same. Ours then also logs in
# with iscsistart --cmdline to the netroot= target of its own kernel
# command line (rd.iscsi.param applied, a malformed root=iscsi: reported
# and skipped), and refuses that again with error 15.

SRC=${ISCSIBOX_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
export ISCSIBOX_SRC=$SRC
. "$SRC/tests/e2e/lib/iscsistart.sh"
is_test_begin "$@"

tgtd_start
tgtd_add_target 1 "$TGTD_IQN:one" && tgtd_add_target 2 "$TGTD_IQN:two" &&
	tgtd_add_target 3 "$TGTD_IQN:three" || t_die "cannot configure tgtd"
params="e2e.initiator=iqn.2024-01.org.iscsibox:dup e2e.iqn=$TGTD_IQN"

# streams WHICH - the console's E2E-OUT/E2E-ERR lines, kept apart (the
# --cmdline runs are ours alone).
streams() {
	tr -d '\r' <"$VM_LOG" | grep -E '^E2E-(OUT|ERR): ' |
		grep -Ev '^E2E-(OUT|ERR): cmdline' >"$T_TMP/$1.streams"
}
# ours also takes targets from its kernel command line: one good
# netroot= with an rd.iscsi.param, one malformed root=iscsi: (skipped)
cmdline="e2e.cmdline=1 netroot=iscsi:10.0.2.100::3260:1:$TGTD_IQN:three"
cmdline="$cmdline rd.iscsi.initiator=iqn.2024-01.org.iscsibox:dup"
cmdline="$cmdline rd.iscsi.param=node.session.timeo.replacement_timeout=41"
cmdline="$cmdline root=iscsi:10.0.2.100::99999:0:$TGTD_IQN:bad"

# is_check_streams WHICH RUN OUT|ERR TEXT - that stream of RUN has TEXT.
is_check_streams() {
	if tr -d '\r' <"$VM_LOG" | grep -qxF "E2E-$3: $2: $4"; then
		t_pass "$1: $2 printed \"$4\""
	else
		t_fail "$1: $2 did not print \"$4\""
		tr -d '\r' <"$VM_LOG" | grep "^E2E-...: $2:" >&2
	fi
}

for which in debian ours; do
	is_image "$T_TMP/$which.cpio" "$which" iscsistart_dup.sh ||
		t_die "cannot build the $which image"
	extra=
	[ $which = ours ] && extra=$cmdline
	vm_run "$T_TMP/$which.cpio" "$TGTD_PORT" "$params $extra"
	t_check_rc "$which: qemu ran to power-off" $? 0
	is_check "$which" first.rc 0
	is_check "$which" first.sessions 1
	is_check "$which" again.sessions 1
	is_check "$which" other.rc 0
	is_check "$which" other.sessions 2
	is_check "$which" otheragain.sessions 2
	t_check_eq "$which: a disk for the first target" \
		"$(vm_marker one.disk | cut -c1-2)" sd
	if [ $which = ours ]; then
		is_check ours cmdline.rc 0
		is_check ours cmdline.sessions 3
		is_check ours cmdline.recovery_tmo 41
		is_check_streams ours cmdline "ERR" \
			"iscsistart: /proc/cmdline: bad port: root=iscsi:10.0.2.100::99999:0:$TGTD_IQN:bad (skipped)"
		is_check ours cmdlineagain.rc 1
		is_check ours cmdlineagain.sessions 3
		is_check_streams ours cmdlineagain "ERR" \
			"iscsistart: initiator reported error (15 - session exists)"
	fi
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
