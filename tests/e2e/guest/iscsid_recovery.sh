# SPDX-License-Identifier: MIT
# iscsid_recovery.sh - guest half of iscsid_recovery.test.sh. Phase 1:
# the host restarts tgtd; I/O issued while the connection is down must
# complete once iscsid has logged in again on the same session. Phase 2
# (replacement_timeout 5 s): the host stops tgtd for good; I/O must fail
# after about 5 s, iscsid must keep running, and logout must still work.
. /iscsid_lib.sh

# wait_state SID STATE SECONDS - until the session's state is (or, with
# a leading !, is not) STATE.
wait_state() {
	local n=$(($3 * 100)) s
	while [ $n -gt 0 ]; do
		s=$(cat "/sys/class/iscsi_session/session$1/state" 2>/dev/null)
		case $2 in
		!*) [ "$s" != "${2#!}" ] && return 0 ;;
		*) [ "$s" = "$2" ] && return 0 ;;
		esac
		usleep 10000
		n=$((n - 1))
	done
	return 1
}

# login RTMO - one record with that replacement_timeout, logged in.
login() {
	rm -rf /etc/iscsi/nodes
	node_record "$E2E_TARGET" 10.0.2.100 3260 1 "$1"
	iscsiadm -m node -T "$E2E_TARGET" -p 10.0.2.100:3260 -l \
		>/tmp/login.out 2>&1
	mark "login$1_rc=$?"
	log_file /tmp/login.out
	sid=$(sids)
	wait_for "/sys/class/iscsi_session/session$sid/device/target*/*/block/sd*" 60
	disk=$(disk_of "$sid")
	wait_for "/dev/$disk" 20
	mark "disk$1=$disk"
}

iscsid_prepare
iscsid -f -d 1 >/tmp/iscsid.log 2>&1 &
dpid=$!
iscsid_wait_socket

login 20
sid1=$sid
mark "phase1=ready"
wait_state "$sid" '!LOGGED_IN' 60
mark "lost1=$(cat /sys/class/iscsi_session/session$sid/state)"
t0=$(uptime_ms)
got=$(io_check "$disk" "$E2E_PAT" 80)
mark "io1=$got"
mark "io1_ms=$(($(uptime_ms) - t0))"
wait_state "$sid" LOGGED_IN 30
mark "state1=$(cat /sys/class/iscsi_session/session$sid/state)"
mark "same_sid=$([ "$(sids)" = "$sid1" ] && echo yes || echo no)"
iscsiadm -m session -u >/tmp/logout1.out 2>&1
mark "logout1_rc=$?"
log_file /tmp/logout1.out

login 5
mark "phase2=ready"
wait_state "$sid" '!LOGGED_IN' 60
t0=$(uptime_ms)
io_check "$disk" "$E2E_PAT" 96 >/tmp/io2.out 2>&1
mark "io2_rc=$?"
mark "io2_ms=$(($(uptime_ms) - t0))"
mark "iscsid_alive=$(kill -0 $dpid 2>/dev/null && echo yes || echo no)"
iscsiadm -m session -u >/tmp/logout2.out 2>&1
mark "logout2_rc=$?"
log_file /tmp/logout2.out
mark "sessions_after=$(sids | wc -l)"
iscsiadm -k 0
mark "kill_rc=$?"
wait $dpid
mark "iscsid_exit=$?"
log_file /tmp/iscsid.log
