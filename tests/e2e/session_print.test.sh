#!/bin/bash
# SPDX-License-Identifier: MIT
# session_print.test.sh - "iscsiadm -m session" (list, -P 0..3, -r SID,
# -r sysfs dir, unknown SID, -s) and "iscsiadm -m host" (list, -P 1)
# printed by our iscsiadm and by Debian's 2.1.8 in the same Debian kernel
# under qemu, on the same sessions, without iscsid (both must say
# "Unknown" for iscsid's states): before any session, after our
# iscsistart made one (both without an iscsid.conf), and after Debian's
# iscsistart made a second (with an empty iscsid.conf).
# Exit code, stdout and stderr of every pair must be identical byte for
# byte; a difference is shown as a unified diff (Debian's side first).
# Also compared: Debian's -P 3 of the session our iscsistart made and of
# the one Debian's made, names and numbers aside.

SRC=${ISCSIBOX_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
export ISCSIBOX_SRC=$SRC
. "$SRC/tests/e2e/lib/iscsistart.sh"

is_need_static
t_require_root_tools qemu-system-x86_64 tgtd tgtadm socat cpio depmod \
	xz busybox ss unshare file base64
if ! command -v iscsiadm >/dev/null || ! command -v iscsistart >/dev/null
then
	apt-get install -y open-iscsi >&2 ||
		{ echo "skip: open-iscsi not installable" >&2; exit 77; }
fi
kernel_prepare || t_die "cannot prepare the Debian kernel"
t_enter_netns "$0" "$@"
t_setup

tgtd_start
tgtd_add_target 1 "$TGTD_IQN:ours" || t_die "cannot create target 1"
tgtd_add_target 2 "$TGTD_IQN:debian" || t_die "cannot create target 2"

vm_initramfs "$T_TMP/initrd.cpio" -b "$ISCSIBOX:/bin/iscsibox" \
	-l /bin/iscsibox:/bin/iscsiadm -l /bin/iscsibox:/bin/iscsistart \
	-b "$(command -v iscsiadm):/debian/iscsiadm" \
	-b "$(command -v iscsistart):/debian/iscsistart" \
	-f "$SRC/tests/e2e/guest/iscsistart_lib.sh:lib/iscsistart_lib.sh" \
	-f "$SRC/tests/e2e/guest/session_print.sh:test.sh" ||
	t_die "cannot build the initramfs"
vm_run "$T_TMP/initrd.cpio" "$TGTD_PORT" \
	"e2e.initiator=iqn.2024-01.org.iscsibox:guest e2e.iqn=$TGTD_IQN"
t_check_rc "qemu ran to power-off" $? 0

t_check_eq "our iscsistart logged in" "$(vm_marker ours.rc)" 0
t_check_eq "our session is sid 1" "$(vm_marker ours.session)" session1
t_check_eq "Debian's iscsistart logged in" "$(vm_marker debian.rc)" 0
t_check_eq "Debian's session is sid 2" "$(vm_marker debian.session)" \
	session2
for who in ours debian; do
	case $(vm_marker "$who.disk") in
	sd?) t_pass "disk of $who's session attached" ;;
	*) t_fail "disk of $who's session attached" ;;
	esac
done

# compare CASE - exit code and both streams of one command, both sides.
compare() {
	local c=$1 what s o d
	what=$(vm_markers | sed -n "s/^case=$c //p" | tail -n 1)
	t_check_eq "$c ($what): exit code" "$(vm_marker "$c.ours.rc")" \
		"$(vm_marker "$c.debian.rc")"
	for s in out err; do
		o=$(vm_output "$c" ours $s)
		d=$(vm_output "$c" debian $s)
		t_check_file_eq "$c ($what): std$s" "$o" "$d"
	done
}

cases=$(vm_markers | sed -n 's/^case=\([^ ]*\) .*/\1/p')
t_check_eq "commands run in the guest" "$(echo "$cases" | grep -c .)" 29
for c in $cases; do
	compare "$c"
done

# The checks above must compare something: Debian's -P 3 of both
# sessions has to show them logged in with their disks.
p3=$(vm_output two.session_p3 debian out)
t_check_eq "Debian's -P 3 shows both sessions" \
	"$(grep -c 'iSCSI Session State: LOGGED_IN' "$p3")" 2
t_check_eq "Debian's -P 3 shows both disks" \
	"$(grep -c 'Attached scsi disk sd' "$p3")" 2
t_check_eq "Debian's -P 3 without iscsid" \
	"$(grep -c 'Internal iscsid Session State: Unknown' "$p3")" 2

# What our iscsistart left in sysfs, next to what Debian's did: Debian's
# -P 3 of sid 1 and sid 2 with what must differ (target, sid, host and
# disk numbers) made equal.
norm() {
	sed -e "s/$TGTD_IQN:\(ours\|debian\)/TARGET/" \
		-e 's/SID: [0-9]*/SID: N/' \
		-e 's/Host Number: [0-9]*/Host Number: N/' \
		-e 's/scsi[0-9]* Channel/scsiN Channel/' \
		-e 's/disk sd[a-z]*/disk sdX/' "$1"
}
norm "$(vm_output two.sid1_p3 debian out)" >"$T_TMP/sid1.norm"
norm "$(vm_output two.sid2_p3 debian out)" >"$T_TMP/sid2.norm"
t_check_file_eq "session of our iscsistart looks like Debian's (-P 3)" \
	"$T_TMP/sid1.norm" "$T_TMP/sid2.norm"

t_check_eq "guest script finished" "$(vm_marker test_rc)" 0
# E2E_SAVE=DIR keeps every decoded output for a look by hand
[ -z "${E2E_SAVE:-}" ] || cp "$T_TMP"/*.out "$T_TMP"/*.err "$E2E_SAVE"/
[ "$T_FAILS" -eq 0 ] && [ -z "${E2E_VERBOSE:-}" ] || vm_show_console 40
t_log "qemu run $VM_SECONDS s"
t_done
