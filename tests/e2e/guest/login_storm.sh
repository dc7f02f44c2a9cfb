# SPDX-License-Identifier: MIT
# login_storm.sh - guest half of tests/bench/login_storm.bench.sh: for
# each size in $E2E_SIZES (comma separated) and run 1..$E2E_RUNS, start
# our iscsid (/ours) and Debian's (/deb) in turn (alternating which goes
# first), log in to targets
# $E2E_IQN:t0001..tSIZE with that side's "iscsiadm -m node -L all" and
# time it until every session is LOGGED_IN with its disk attached; then
# log out, stop the daemon and wait for it to be gone.  Reports
# "t.WHICH.SIZE.RUN=RC MS" (RC "0" when all sessions and disks came up).
. /iscsid_lib.sh

# count_up - UP="SESSIONS DISKS": sessions LOGGED_IN, disks attached.
# Shell builtins only (no command substitution, no cat): it polls while
# the disks are still being probed, on the guest's one CPU, and must not
# take that CPU from the side it measures.
count_up() {
	local n=0 d=0 s b st
	for s in /sys/class/iscsi_session/session*/state; do
		[ -e "$s" ] && read -r st <"$s" && [ "$st" = LOGGED_IN ] &&
			n=$((n + 1))
	done
	for b in /sys/class/iscsi_session/session*/device/target*/*/block/*; do
		[ -e "$b" ] && d=$((d + 1))
	done
	UP="$n $d"
}

# wait_gone PID - until the process is gone (at most ~30 s).
wait_gone() {
	local n=3000
	while [ $n -gt 0 ] && [ -d "/proc/$1" ]; do
		usleep 10000
		n=$((n - 1))
	done
}

# round WHICH SIZE RUN - one timed "-L all" through /WHICH's programs.
round() {
	local dir=/$1 size=$2 t0 rc up n pid
	"$dir/iscsid" >/tmp/iscsid.out 2>&1 || log_file /tmp/iscsid.out
	iscsid_wait_socket || { mark "t.$1.$size.$3=nosocket 0"; return; }
	pid=$(cat /run/iscsid.pid 2>/dev/null)
	t0=$(uptime_ms)
	"$dir/iscsiadm" -m node -L all >/tmp/login.out 2>&1
	rc=$?
	n=6000
	count_up
	while [ $n -gt 0 ] && [ "$UP" != "$size $size" ]; do
		usleep 10000
		count_up
		n=$((n - 1))
	done
	[ "$UP" = "$size $size" ] || rc="$rc-up:${UP% *}-disks:${UP#* }"
	mark "t.$1.$size.$3=$rc $(($(uptime_ms) - t0))"
	[ "$rc" = 0 ] || grep -v '^Log' /tmp/login.out | head -5 |
		sed 's/^/E2E-LOG: /'
	"$dir/iscsiadm" -m session -u >/dev/null 2>&1
	n=3000
	while [ $n -gt 0 ] && [ -n "$(sids)" ]; do
		usleep 10000
		n=$((n - 1))
	done
	"$dir/iscsiadm" -k 0 >/dev/null 2>&1
	[ -n "$pid" ] && wait_gone "$pid"
}

iscsid_prepare
: >/etc/iscsi/iscsid.conf
# Debian's iscsid accepts requests only from a uid named root.
grep -q '^root:' /etc/passwd 2>/dev/null ||
	echo 'root:x:0:0:root:/root:/bin/sh' >>/etc/passwd
for size in $(echo "$E2E_SIZES" | tr , ' '); do
	rm -rf /etc/iscsi/nodes
	i=1
	while [ $i -le "$size" ]; do
		node_record "$(printf '%s:t%04d' "$E2E_IQN" $i)" 10.0.2.100 \
			3260 1 120
		i=$((i + 1))
	done
	r=1
	while [ $r -le "$E2E_RUNS" ]; do
		# alternate which goes first, so neither always runs on a
		# guest that just logged out 64 sessions
		if [ $((r % 2)) = 1 ]; then
			round ours "$size" $r
			round deb "$size" $r
		else
			round deb "$size" $r
			round ours "$size" $r
		fi
		r=$((r + 1))
	done
done
mark "storm_done=1"
