# SPDX-License-Identifier: MIT
# iscsid_takeover.sh - guest half of iscsid_takeover.test.sh: iscsistart
# logs in (as in an initramfs), then iscsid starts, adopts the session
# without disturbing it, and "iscsiadm -m session -u" logs it out.
. /iscsid_lib.sh

iscsistart -i "$E2E_INITIATOR" -t "$E2E_TARGET" -g 1 -a 10.0.2.100 \
	-p 3260 >/tmp/start.log 2>&1
mark "start_rc=$?"
log_file /tmp/start.log
sid=$(sids)
mark "sid=$sid"
wait_for "/sys/class/iscsi_session/session$sid/device/target*/*/block/sd*" 60
disk=$(disk_of "$sid")
wait_for "/dev/$disk" 20
mark "io_before=$(io_check "$disk" "${E2E_PAT}a" 40)"

iscsid_prepare
iscsid -f -d 1 >/tmp/iscsid.log 2>&1 &
dpid=$!
iscsid_wait_socket
# The socket is up before the adoption is logged: wait for "ready".
n=0
while ! grep -q "iscsid ready" /tmp/iscsid.log && [ $n -lt 6000 ]; do
	usleep 10000
	n=$((n + 1))
done
mark "adopted=$(grep -c "adopted session$sid " /tmp/iscsid.log)"
mark "state=$(cat /sys/class/iscsi_session/session$sid/state)"
mark "io_after=$(io_check "$disk" "${E2E_PAT}b" 48)"
mark "same_sid=$([ "$(sids)" = "$sid" ] && echo yes || echo no)"

iscsiadm -m session -r "$sid" -u >/tmp/logout.out 2>&1
mark "logout_rc=$?"
log_file /tmp/logout.out
mark "logout_line=$(grep -c "^Logout of \[sid: $sid, target: $E2E_TARGET, portal: 10.0.2.100,3260\] successful.$" /tmp/logout.out)"
mark "sessions_after=$(sids | wc -l)"
mark "disks_after=$(ls /sys/block | grep -c '^sd')"
kill "$dpid"
wait "$dpid"
mark "sigterm_exit=$?"
log_file /tmp/iscsid.log
