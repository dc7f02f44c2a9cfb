# SPDX-License-Identifier: MIT
# iscsid_disclogin.sh - guest half of iscsid_disclogin.test.sh: LIO with
# two targets on the guest's 127.0.0.1:3260 (so the portal SendTargets
# announces is reachable), our iscsid, "iscsiadm -m discovery -t st -p
# 127.0.0.1 -l" logging in to both, then "-m node -U all".
. /iscsid_lib.sh
. /lib/lio_lib.sh

lio_init && lio_target "$E2E_TGT:one" && lio_target "$E2E_TGT:two"
mark "lio=$?"
iscsid_prepare
iscsid
mark "iscsid_rc=$?"
iscsid_wait_socket

iscsiadm -m discovery -t st -p 127.0.0.1 -l >/tmp/disc.out 2>/tmp/disc.err
mark "disc_rc=$?"
log_file /tmp/disc.out
log_file /tmp/disc.err
mark "disc_lines=$(grep -c '^127.0.0.1:3260,1 ' /tmp/disc.out)"
mark "logging_in=$(grep -c '^Logging in to \[iface: default, target: .*, portal: 127.0.0.1,3260\]$' /tmp/disc.out)"
mark "login_ok=$(grep -c '^Login to \[iface: default, target: .*, portal: 127.0.0.1,3260\] successful.$' /tmp/disc.out)"
wait_for "/sys/block/sd*" 60
n=0
for s in /sys/class/iscsi_session/session*; do
	[ -e "$s" ] && n=$((n + 1))
done
mark "sessions=$n"
# every session's disk, however long the SCSI scan takes (60 s guard)
k=6000
while [ "$(ls -d /sys/block/sd* 2>/dev/null | wc -l)" -lt "$n" ] &&
	[ $k -gt 0 ]; do
	usleep 10000
	k=$((k - 1))
done
mark "disks=$(ls -d /sys/block/sd* 2>/dev/null | wc -l)"

iscsiadm -m discovery -t st -p 127.0.0.1 -l >/tmp/again.out 2>/tmp/again.err
mark "again_rc=$?"
log_file /tmp/again.err

iscsiadm -m node -U all >/tmp/logout.out 2>&1
mark "logout_rc=$?"
log_file /tmp/logout.out
n=0
for s in /sys/class/iscsi_session/session*; do
	[ -e "$s" ] && n=$((n + 1))
done
mark "sessions_after=$n"
iscsiadm -k 0
mark "kill_rc=$?"
