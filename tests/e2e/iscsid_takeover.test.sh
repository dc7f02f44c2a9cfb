#!/bin/bash
# SPDX-License-Identifier: MIT
# iscsid_takeover.test.sh - takeover in the Debian kernel under qemu:
# our iscsistart logs in as an initramfs would, iscsid starts later and
# adopts the running session without a relogin (the session stays
# LOGGED_IN on the same sid and the disk keeps working), then "iscsiadm
# -m session -r SID -u" logs it out through iscsid and SIGTERM stops the
# daemon.

SRC=${ISCSIBOX_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
export ISCSIBOX_SRC=$SRC
. "$SRC/tests/e2e/lib/iscsid.sh"
iscsid_test_begin "$@"

target="$TGTD_IQN:takeover"
tgtd_start
tgtd_add_target 1 "$target" || t_die "cannot create the target"
pat=$(od -An -tx1 -N8 /dev/urandom | tr -d ' \n')

iscsid_initramfs "$T_TMP/initrd.cpio" \
	"$SRC/tests/e2e/guest/iscsid_takeover.sh" ||
	t_die "cannot build the initramfs"
vm_run "$T_TMP/initrd.cpio" "$TGTD_PORT" \
	"e2e.initiator=iqn.2024-01.org.iscsibox:guest e2e.target=$target e2e.pat=$pat"
t_check_rc "qemu ran to power-off" $? 0

t_check_eq "iscsistart exit code" "$(vm_marker start_rc)" 0
t_check_eq "I/O before iscsid" "$(vm_marker io_before)" "${pat}a"
t_check_eq "iscsid adopted the session" "$(vm_marker adopted)" 1
t_check_eq "session undisturbed" "$(vm_marker state)" LOGGED_IN
t_check_eq "I/O after the takeover" "$(vm_marker io_after)" "${pat}b"
t_check_eq "same sid" "$(vm_marker same_sid)" yes
t_check_eq "-m session -r SID -u exit code" "$(vm_marker logout_rc)" 0
t_check_eq "Logout ... successful line" "$(vm_marker logout_line)" 1
t_check_eq "no session left" "$(vm_marker sessions_after)" 0
t_check_eq "no disk left" "$(vm_marker disks_after)" 0
t_check_eq "iscsid exit code on SIGTERM" "$(vm_marker sigterm_exit)" 0
t_check_eq "tgtd holds no session after logout" "$(tgtd_nexus_count)" 0
t_check_eq "guest script finished" "$(vm_marker test_rc)" 0
[ "$T_FAILS" -eq 0 ] && [ -z "${E2E_VERBOSE:-}" ] || vm_show_console 100
t_done
