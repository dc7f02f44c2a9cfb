#!/bin/bash
# SPDX-License-Identifier: MIT
# iscsid_recovery.test.sh - error recovery by iscsid in the Debian kernel
# under qemu: while the guest's session is up, tgtd on the host is
# stopped and started again; I/O issued during the outage completes on
# the same session once iscsid has relogged in.  Then, with
# replacement_timeout 5 s, tgtd goes away for good: I/O fails after the
# timeout instead of hanging, iscsid keeps running and a logout still
# cleans the session up.

SRC=${ISCSIBOX_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
export ISCSIBOX_SRC=$SRC
. "$SRC/tests/e2e/lib/iscsid.sh"
iscsid_test_begin "$@"

target="$TGTD_IQN:recover"
tgtd_start
tgtd_add_target 1 "$target" || t_die "cannot create the target"
pat=$(od -An -tx1 -N8 /dev/urandom | tr -d ' \n')

iscsid_initramfs "$T_TMP/initrd.cpio" \
	"$SRC/tests/e2e/guest/iscsid_recovery.sh" ||
	t_die "cannot build the initramfs"
VM_TIMEOUT=${VM_TIMEOUT:-400}
vm_run "$T_TMP/initrd.cpio" "$TGTD_PORT" \
	"e2e.initiator=iqn.2024-01.org.iscsibox:guest e2e.target=$target e2e.pat=$pat" &
vm=$!

if iscsid_wait_marker phase1 120 >/dev/null; then
	tgtd_stop
	sleep 1
	tgtd_start
	tgtd_add_target 1 "$target" || t_fail "cannot recreate the target"
else
	t_fail "guest never reached phase 1"
fi
if iscsid_wait_marker phase2 120 >/dev/null; then
	tgtd_stop
else
	t_fail "guest never reached phase 2"
fi
wait $vm
rc=$?
VM_LOG="$T_TMP/console.log"
t_check_rc "qemu ran to power-off" $rc 0

t_check_eq "login (replacement_timeout 20)" "$(vm_marker login20_rc)" 0
t_check_eq "connection seen failing" "$(vm_marker lost1 | grep -c LOGGED_IN)" 0
t_check_eq "I/O during the outage completed" "$(vm_marker io1)" "$pat"
t_check_eq "session logged in again" "$(vm_marker state1)" LOGGED_IN
t_check_eq "recovered on the same sid" "$(vm_marker same_sid)" yes
t_check_eq "logout after recovery" "$(vm_marker logout1_rc)" 0
t_check_eq "login (replacement_timeout 5)" "$(vm_marker login5_rc)" 0
t_check_eq "I/O fails once the target is gone for good" \
	"$([ "$(vm_marker io2_rc)" != 0 ] && echo failed)" failed
ms=$(vm_marker io2_ms)
t_check_eq "I/O failed after replacement_timeout, not before, not hung" \
	"$([ "${ms:-0}" -ge 4000 ] && [ "${ms:-0}" -le 60000 ] && echo yes)" yes
t_check_eq "iscsid kept running" "$(vm_marker iscsid_alive)" yes
t_check_eq "logout with the target gone" "$(vm_marker logout2_rc)" 0
t_check_eq "no session left" "$(vm_marker sessions_after)" 0
t_check_eq "iscsiadm -k 0" "$(vm_marker kill_rc)" 0
t_check_eq "iscsid exit code" "$(vm_marker iscsid_exit)" 0
t_check_eq "guest's pattern reached the LUN file" \
	"$(dd if="$T_TMP/lun1.img" bs=512 skip=80 count=1 2>/dev/null |
		head -c 16)" "$pat"
t_check_eq "guest script finished" "$(vm_marker test_rc)" 0
[ "$T_FAILS" -eq 0 ] && [ -z "${E2E_VERBOSE:-}" ] || vm_show_console 120
printf '# iscsid recovery: I/O across a tgtd restart took %s ms; failed after %s ms with the target gone\n' \
	"$(vm_marker io1_ms)" "$ms" >&2
t_done
