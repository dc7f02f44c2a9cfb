# SPDX-License-Identifier: MIT
# iscsid_nlfault.sh - guest half of tests/e2e/iscsid_nlfault.test.sh:
# Debian's iscsid + iscsiadm (/deb), then ours (/ours), each: a login the
# kernel refuses half way ("WHICH.fail_*"), what it left in sysfs, the
# record fixed and the login again ("WHICH.retry_*"), logout, stop.
. /iscsid_lib.sh

# count GLOB - how many paths match.
count() {
	local n=0 p
	for p in $1; do [ -e "$p" ] && n=$((n + 1)); done
	echo $n
}

# watch - until /tmp/stop exists, note in /tmp/seen that a kernel
# session existed: the refusal came after CREATE_SESSION, half way.
watch() {
	local p
	while [ ! -e /tmp/stop ]; do
		for p in /sys/class/iscsi_session/session*; do
			[ -e "$p" ] && : >/tmp/seen
		done
		usleep 20000
	done
}

# side WHICH - one round through /WHICH's programs.
side() {
	local dir=/$1 rc sid pid t0 n=3000
	"$dir/iscsid" >/tmp/iscsid.out 2>&1 || log_file /tmp/iscsid.out
	iscsid_wait_socket || { mark "$1.socket=none"; return; }
	pid=$(cat /run/iscsid.pid 2>/dev/null)
	rm -f /tmp/seen /tmp/stop
	watch &
	t0=$(uptime_ms)
	"$dir/iscsiadm" -m node -T "$E2E_IQN" -p 10.0.2.100:3260 -l \
		>/tmp/out 2>&1
	rc=$?
	: >/tmp/stop
	wait
	mark "$1.fail_seen=$([ -e /tmp/seen ] && echo yes)"
	log_file /tmp/out
	mark "$1.fail_rc=$rc"
	mark "$1.fail_ms=$(($(uptime_ms) - t0))"
	mark "$1.fail_msg=$(sed -n 's/.*initiator reported error/&/p' /tmp/out |
		head -n 1 | tr ' ' '_')"
	mark "$1.fail_sessions=$(count '/sys/class/iscsi_session/session*')"
	mark "$1.fail_conns=$(count '/sys/class/iscsi_connection/connection*')"
	mark "$1.fail_hosts=$(count '/sys/class/iscsi_host/host*')"
	"$dir/iscsiadm" -m node -T "$E2E_IQN" -p 10.0.2.100:3260 -o update \
		-n node.session.iscsi.MaxOutstandingR2T -v 1 >/tmp/out 2>&1
	mark "$1.update_rc=$?"
	"$dir/iscsiadm" -m node -T "$E2E_IQN" -p 10.0.2.100:3260 -l \
		>/tmp/out 2>&1
	mark "$1.retry_rc=$?"
	sid=$(sids | head -n 1)
	mark "$1.retry_state=$(cat /sys/class/iscsi_session/session$sid/state \
		2>/dev/null)"
	wait_for "/sys/class/iscsi_session/session$sid/device/target*/*/block/*" 20
	[ -n "$sid" ] && [ -n "$(disk_of "$sid")" ] && mark "$1.retry_disk=yes"
	"$dir/iscsiadm" -m node -T "$E2E_IQN" -p 10.0.2.100:3260 -u \
		>/tmp/out 2>&1
	mark "$1.logout_rc=$?"
	"$dir/iscsiadm" -k 0 >/dev/null 2>&1
	while [ $n -gt 0 ] && [ -n "$pid" ] && [ -d "/proc/$pid" ]; do
		usleep 10000
		n=$((n - 1))
	done
}

iscsid_prepare
: >/etc/iscsi/iscsid.conf
# Debian's iscsid accepts requests only from a uid named root.
grep -q '^root:' /etc/passwd 2>/dev/null ||
	echo 'root:x:0:0:root:/root:/bin/sh' >>/etc/passwd
for w in deb ours; do
	rm -rf /etc/iscsi/nodes
	node_record "$E2E_IQN" 10.0.2.100 3260 1 120
	# the kernel's iscsi_tcp takes only a power of two; few retries
	# (login_timeout x initial_login_retry_max) keep the failure short
	f=$(echo /etc/iscsi/nodes/*/*/default)
	sed -i '/^# END RECORD/i\
node.session.iscsi.MaxOutstandingR2T = 3\
node.session.initial_login_retry_max = 1\
node.conn[0].timeo.login_timeout = 5' "$f"
	side $w
done
