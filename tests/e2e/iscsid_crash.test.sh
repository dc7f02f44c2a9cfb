#!/bin/bash
# SPDX-License-Identifier: MIT
# iscsid_crash.test.sh - iscsid killed with SIGKILL, in the Debian kernel
# under qemu against four tgtd targets (one with mutual CHAP) behind a
# relay that adds 100 ms each way, so that logins are still in flight
# when the daemon dies: a new iscsid and a new "-L all" end with one
# LOGGED_IN session per record and its disk (the half-made sessions are
# completed or torn down and redone, as open-iscsi's session sync does);
# killed again with all four up, a new iscsid adopts them, I/O goes on,
# the sessions show their real portal and tag, "-m session -s" is
# answered and they log out.

SRC=${ISCSIBOX_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
export ISCSIBOX_SRC=$SRC
. "$SRC/tests/e2e/lib/iscsid.sh"
iscsid_test_begin "$@"
t_require_root_tools python3

user=initiator-user secret=InitiatorSecret1
tuser=target-user tsecret=TargetSecret123
tgtd_start
tgtd_add_targets 4 || t_die "cannot create the targets"
tgtd_chap_mutual 4 "$user" "$secret" "$tuser" "$tsecret" ||
	t_die "cannot set up mutual CHAP"
relay_start 100 || t_die "cannot start the delaying relay"
pat=$(od -An -tx1 -N8 /dev/urandom | tr -d ' \n')

iscsid_initramfs "$T_TMP/initrd.cpio" "$SRC/tests/e2e/guest/iscsid_crash.sh" ||
	t_die "cannot build the initramfs"
params="e2e.initiator=iqn.2024-01.org.iscsibox:guest e2e.iqn=$TGTD_IQN"
params="$params e2e.pat=$pat e2e.user=$user e2e.secret=$secret"
params="$params e2e.tuser=$tuser e2e.tsecret=$tsecret"
VM_TIMEOUT=${VM_TIMEOUT:-400} vm_run "$T_TMP/initrd.cpio" "$RELAY_PORT" \
	"$params"
t_check_rc "qemu ran to power-off" $? 0

t_check_eq "SIGKILL went to iscsid" "$(vm_marker killed)" iscsid
t_check_eq "second SIGKILL went to iscsid" "$(vm_marker killed2)" iscsid
t_check_eq "iscsid died of SIGKILL" "$(vm_marker kill_status)" 137
t_check_eq "iscsid died of the second SIGKILL" \
	"$(vm_marker kill2_status)" 137
half=$(vm_marker half_at_kill)
t_check_eq "a session was still logging in when iscsid died ($half)" \
	"$([ "${half:-0}" -gt 0 ] && echo yes)" yes
t_check_eq "restarted iscsid" "$(vm_marker restart_rc)" 0
l2=$(vm_marker l2_rc)
t_check_eq "second -L all: 0, or 15 for sessions already there ($l2)" \
	"$(case $l2 in 0 | 15) echo yes ;; esac)" yes
t_check_eq "4 sessions, all LOGGED_IN, each with a disk" \
	"$(vm_marker ready1)" "4 4 4"
t_check_eq "exactly one session per record" "$(vm_marker per_target1)" 1111
t_check_eq "I/O on the four disks" "$(vm_marker io1)" 4
t_check_eq "iscsid restarted after the second SIGKILL" \
	"$(vm_marker restart2_rc)" 0
t_check_eq "I/O goes on through the adopted sessions" "$(vm_marker io2)" 4
t_check_eq "sessions still up after adoption" "$(vm_marker ready2)" "4 4 4"
t_check_eq "-m session -P 3" "$(vm_marker p3_rc)" 0
t_check_eq "Current Portal with the real port and tag" \
	"$(vm_marker p3_portals)" 4
t_check_eq "Persistent Portal with the real port and tag" \
	"$(vm_marker p3_persistent)" 4
t_check_eq "-m session -s answered by the adopting iscsid" \
	"$(vm_marker stats_rc)" 0
t_check_eq "-s: one block per session" "$(vm_marker stats_headers)" 4
t_check_eq "-m session -u" "$(vm_marker logout_rc)" 0
t_check_eq "logout lines name the real port" "$(vm_marker logout_lines)" 4
t_check_eq "Logout ... successful" "$(vm_marker logout_ok)" 4
t_check_eq "no session left" "$(vm_marker sessions_after)" 0
t_check_eq "tgtd holds no session after logout" "$(tgtd_nexus_count)" 0
t_check_eq "guest script finished" "$(vm_marker test_rc)" 0
[ "$T_FAILS" -eq 0 ] && [ -z "${E2E_VERBOSE:-}" ] || vm_show_console 300
t_done
