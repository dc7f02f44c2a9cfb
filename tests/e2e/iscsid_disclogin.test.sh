#!/bin/bash
# SPDX-License-Identifier: MIT
# iscsid_disclogin.test.sh - "iscsiadm -m discovery -t st -p ... -l":
# discovery saves the node records and logs in to every target found,
# through our iscsid, in the Debian kernel under qemu. The target is the
# kernel's own (LIO) on the guest's loopback, so the portal SendTargets
# announces is one the guest can reach (tgtd on the host would announce
# the host's 127.0.0.1). A second run gets rc 15 (already logged in);
# "-m node -U all" logs out of both.

SRC=${ISCSIBOX_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
export ISCSIBOX_SRC=$SRC
. "$SRC/tests/e2e/lib/iscsid.sh"
iscsid_test_begin "$@"

iscsid_initramfs "$T_TMP/initrd.cpio" \
	"$SRC/tests/e2e/guest/iscsid_disclogin.sh" \
	-m "$SRC/initramfs/modules.list" -m "$SRC/initramfs/lio.modules.list" \
	-f "$SRC/tests/e2e/guest/lio_lib.sh:lib/lio_lib.sh" ||
	t_die "cannot build the initramfs"
vm_run "$T_TMP/initrd.cpio" "" \
	"e2e.initiator=iqn.2024-01.org.iscsibox:guest e2e.tgt=iqn.2024-01.org.iscsibox.lio"
t_check_rc "qemu ran to power-off" $? 0

t_check_eq "LIO configured" "$(vm_marker lio)" 0
t_check_eq "iscsid started" "$(vm_marker iscsid_rc)" 0
t_check_eq "discovery -l exit code" "$(vm_marker disc_rc)" 0
t_check_eq "discovered portals" "$(vm_marker disc_lines)" 2
t_check_eq "Logging in lines" "$(vm_marker logging_in)" 2
t_check_eq "Login successful lines" "$(vm_marker login_ok)" 2
t_check_eq "sessions" "$(vm_marker sessions)" 2
t_check_eq "disks" "$(vm_marker disks)" 2
t_check_eq "second discovery -l: already logged in" "$(vm_marker again_rc)" 15
t_check_eq "-m node -U all exit code" "$(vm_marker logout_rc)" 0
t_check_eq "no session left" "$(vm_marker sessions_after)" 0
t_check_eq "iscsiadm -k 0" "$(vm_marker kill_rc)" 0
[ "$T_FAILS" -eq 0 ] || vm_show_console 80
t_done
