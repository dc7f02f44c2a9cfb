#!/bin/bash
# SPDX-License-Identifier: MIT
# iscsid_nlfault.test.sh - a kernel call that fails in the middle of a
# session's bring-up, for real and without any hook: the target offers
# MaxOutstandingR2T=3, the record asks for 3, the login succeeds on the
# wire, and the kernel's iscsi_tcp refuses SET_PARAM MAX_R2T (it takes
# only powers of two) after CREATE_SESSION, CREATE_CONN, BIND_CONN and
# the login PDUs.  Debian's iscsid + iscsiadm, then ours, in one VM run:
# "-m node -T T -l" must end with Debian's exit code, leave no session,
# connection or SCSI host behind in sysfs, and once the record asks for
# 1 the same login must succeed with its disk.

SRC=${ISCSIBOX_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
export ISCSIBOX_SRC=$SRC
. "$SRC/tests/e2e/lib/iscsid.sh"
command -v iscsiadm >/dev/null && command -v iscsid >/dev/null ||
	{ echo "skip: Debian's open-iscsi not installed" >&2; exit 77; }
DEB_ISCSID=$(command -v iscsid)
DEB_ISCSIADM=$(command -v iscsiadm)
iscsid_test_begin "$@"

tgtd_start
tgtd_add_target 1 "$TGTD_IQN:r2t" || t_die "cannot create the target"
tgtadm_c --mode target --op update --tid 1 --name MaxOutstandingR2T \
	--value 3 || t_die "cannot set MaxOutstandingR2T on the target"
# open-iscsi waits DefaultTime2Wait (negotiated: the larger side's)
# before the next attempt and ends with the error of whichever check
# finds the retry time (login_timeout 5 s here) spent: with 8 s that is
# always the reopen timer after the first attempt (8, "connection timed
# out"), never a refusal that happens to land just past 5 s (5).
tgtadm_c --mode target --op update --tid 1 --name DefaultTime2Wait \
	--value 8 || t_die "cannot set DefaultTime2Wait on the target"

vm_initramfs "$T_TMP/initrd.cpio" -b "$ISCSIBOX:/bin/iscsibox" \
	-l /bin/iscsibox:/ours/iscsid -l /bin/iscsibox:/ours/iscsiadm \
	-b "$DEB_ISCSID:/deb/iscsid" -b "$DEB_ISCSIADM:/deb/iscsiadm" \
	-f "$SRC/tests/e2e/guest/iscsid_lib.sh:iscsid_lib.sh" \
	-f "$SRC/tests/e2e/guest/iscsid_nlfault.sh:test.sh" ||
	t_die "cannot build the initramfs"
vm_run "$T_TMP/initrd.cpio" "$TGTD_PORT" \
	"e2e.initiator=iqn.2024-01.org.iscsibox:guest e2e.iqn=$TGTD_IQN:r2t"
t_check_rc "qemu ran to power-off" $? 0

deb_rc=$(vm_marker deb.fail_rc)
t_check_eq "Debian's login fails (non-zero exit)" \
	"$([ -n "$deb_rc" ] && [ "$deb_rc" != 0 ] && echo yes)" yes
for w in deb ours; do
	t_check_eq "$w: a kernel session existed during the failed login" \
		"$(vm_marker $w.fail_seen)" yes
	t_check_eq "$w: no session left after the failure" \
		"$(vm_marker $w.fail_sessions)" 0
	t_check_eq "$w: no connection left after the failure" \
		"$(vm_marker $w.fail_conns)" 0
	t_check_eq "$w: no iSCSI SCSI host left after the failure" \
		"$(vm_marker $w.fail_hosts)" 0
	t_check_eq "$w: the record updated" "$(vm_marker $w.update_rc)" 0
	t_check_eq "$w: the retry logs in" "$(vm_marker $w.retry_rc)" 0
	t_check_eq "$w: the retry's session is LOGGED_IN" \
		"$(vm_marker $w.retry_state)" LOGGED_IN
	t_check_eq "$w: the retry's disk is there" \
		"$(vm_marker $w.retry_disk)" yes
	t_check_eq "$w: logged out" "$(vm_marker $w.logout_rc)" 0
done
t_check_eq "ours: Debian's exit code ($deb_rc)" "$(vm_marker ours.fail_rc)" \
	"$deb_rc"
t_check_eq "ours: the error line Debian prints" \
	"$(vm_marker ours.fail_msg)" "$(vm_marker deb.fail_msg)"
t_check_eq "tgtd holds no session at the end" "$(tgtd_nexus_count)" 0
t_check_eq "guest script finished" "$(vm_marker test_rc)" 0
[ "$T_FAILS" -eq 0 ] && [ -z "${E2E_VERBOSE:-}" ] || vm_show_console 80
printf '# the refused login ended after %s ms (Debian) and %s ms (ours)\n' \
	"$(vm_marker deb.fail_ms)" "$(vm_marker ours.fail_ms)" >&2
t_done
