#!/bin/bash
# SPDX-License-Identifier: MIT
# iscsid_login.test.sh - iscsid and iscsiadm in the Debian kernel under
# qemu: discovery, "-m node -L all" to two tgtd targets logged in
# concurrently, I/O on both disks (checked in the LUN files on the host
# too), "-m session -P 1" states and "-s" counters from iscsid (and
# Debian's iscsiadm -P 3 states, asked in open-iscsi's frames), a further
# session with "-r SID -o new", "-L all" again (rc 15, open-iscsi's message), "-m session -u",
# and "iscsiadm -k 0" stopping the daemon, which removes its pid file.

SRC=${ISCSIBOX_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
export ISCSIBOX_SRC=$SRC
. "$SRC/tests/e2e/lib/iscsid.sh"
iscsid_test_begin "$@"

tgtd_start
tgtd_add_target 1 "$TGTD_IQN:disk1" || t_die "cannot create target 1"
tgtd_add_target 2 "$TGTD_IQN:disk2" || t_die "cannot create target 2"
pat=$(od -An -tx1 -N8 /dev/urandom | tr -d ' \n')

iscsid_initramfs "$T_TMP/initrd.cpio" "$SRC/tests/e2e/guest/iscsid_login.sh" \
	-b "$(command -v iscsiadm):/deb/iscsiadm" ||
	t_die "cannot build the initramfs"
vm_run "$T_TMP/initrd.cpio" "$TGTD_PORT" \
	"e2e.initiator=iqn.2024-01.org.iscsibox:guest e2e.pat=$pat"
t_check_rc "qemu ran to power-off" $? 0

t_check_eq "iscsid daemon mode exit code" "$(vm_marker iscsid_rc)" 0
t_check_eq "pid file names the daemon" "$(vm_marker pidfile)" \
	"$(vm_marker iscsid_pid)"
t_check_eq "discovery exit code" "$(vm_marker disc_rc)" 0
t_check_eq "targets discovered" "$(vm_marker disc_targets)" 2
t_check_eq "-L all exit code" "$(vm_marker login_rc)" 0
t_check_eq "Logging in lines" "$(vm_marker logging_in)" 2
t_check_eq "all Logging in lines come first" \
	"$(vm_marker first_lines_logging)" 2
t_check_eq "Login ... successful lines" "$(vm_marker login_ok)" 2
t_check_eq "kernel sessions" "$(vm_marker sessions)" 2
t_check_eq "disks read back their pattern" "$(vm_marker io_ok)" 2
t_check_eq "-m session -P 1 exit code" "$(vm_marker p1_rc)" 0
t_check_eq "-P 1: iSCSI Connection State: LOGGED IN per session" \
	"$(vm_marker p1_logged_in)" 2
t_check_eq "-P 1: Internal iscsid Session State: NO CHANGE per session" \
	"$(vm_marker p1_no_change)" 2
t_check_eq "-P 1: no Unknown state" "$(vm_marker p1_unknown)" 0
t_check_eq "Debian's -P 3 to our iscsid: exit code" "$(vm_marker deb_p3_rc)" 0
t_check_eq "Debian's -P 3: LOGGED IN per session" \
	"$(vm_marker deb_p3_logged_in)" 2
t_check_eq "Debian's -P 3: NO CHANGE per session" \
	"$(vm_marker deb_p3_no_change)" 2
t_check_eq "Debian's -P 3: our iscsid answered" "$(vm_marker deb_p3_died)" 0
t_check_eq "-m session -s exit code" "$(vm_marker stats_rc)" 0
t_check_eq "-s: Stats for session line per session" \
	"$(vm_marker stats_headers)" 2
t_check_eq "-s: iSCSI SNMP: per session" "$(vm_marker stats_snmp)" 2
for f in txdata_octets rxdata_octets scsicmd_pdus; do
	t_check_eq "-s: $f non-zero after I/O" \
		"$(vm_marker "stats_nonzero_$f")" 2
done
# 21 SNMP fields per session, plus iscsi_tcp's custom counters
n=$(vm_marker stats_fields)
t_check_eq "-s: at least 21 counters per session (got $n)" \
	"$([ "${n:-0}" -ge 42 ] && echo yes)" yes
t_check_eq "-r SID -s exit code" "$(vm_marker stats1_rc)" 0
t_check_eq "-r SID -s: that session only" "$(vm_marker stats1_header)" 1
t_check_eq "-r 999 -s: no such session" "$(vm_marker stats9_rc)" 22
t_check_eq "-r SID -o new exit code" "$(vm_marker new_rc)" 0
t_check_eq "-r SID -o new: Logging in ... (multiple)" \
	"$(vm_marker new_logging)" 1
t_check_eq "-r SID -o new: Login ... successful" "$(vm_marker new_ok)" 1
t_check_eq "-r SID -o new: a third session" "$(vm_marker new_sessions)" 3
t_check_eq "-r SID -o new: two sessions to one target" \
	"$(vm_marker new_same_target)" 1
t_check_eq "-L all again: session exists" "$(vm_marker again_rc)" 15
t_check_eq "-L all again: message per record" \
	"$(vm_marker again_present)" 2
t_check_eq "-L all again: summary line" "$(vm_marker again_all)" 1
t_check_eq "-m session -u exit code" "$(vm_marker logout_rc)" 0
t_check_eq "Logout ... successful lines" "$(vm_marker logout_ok)" 3
t_check_eq "no session left" "$(vm_marker sessions_after)" 0
t_check_eq "no disk left" "$(vm_marker disks_after)" 0
t_check_eq "-m session -u with none: no objects" "$(vm_marker none_rc)" 21
t_check_eq "iscsiadm -k 0" "$(vm_marker kill_rc)" 0
t_check_eq "iscsid exited" "$(vm_marker iscsid_gone)" yes
t_check_eq "pid file removed" "$(vm_marker pidfile_gone)" yes
found=0
for tid in 1 2; do
	sid_pat=$(dd if="$T_TMP/lun$tid.img" bs=512 skip=64 count=1 \
		2>/dev/null | head -c 32 | tr -d '\0')
	case $sid_pat in "$pat"[0-9]*) found=$((found + 1)) ;; esac
done
t_check_eq "patterns reached both LUN files" "$found" 2
t_check_eq "tgtd holds no session after logout" "$(tgtd_nexus_count)" 0
t_check_eq "guest script finished" "$(vm_marker test_rc)" 0
[ "$T_FAILS" -eq 0 ] && [ -z "${E2E_VERBOSE:-}" ] || vm_show_console 100
printf '# iscsid: -L all of 2 targets to I/O done in %s ms; qemu run %s s\n' \
	"$(vm_marker login_to_io_ms)" "$VM_SECONDS" >&2
t_done
