# SPDX-License-Identifier: MIT
# iscsid_crash.sh - guest half of iscsid_crash.test.sh: iscsid killed
# with SIGKILL (1) in the middle of "iscsiadm -m node -L all" to four
# targets, one with mutual CHAP, while a session is still logging in;
# a new iscsid and a new "-L all" must end with exactly one LOGGED_IN
# session per record, each with its disk; (2) with all four logged in: a
# new iscsid adopts them, I/O goes on, "-m session -P 3" and the logout
# lines show the real portal and tag; (3) "-m session -s" through the
# adopting daemon.
. /iscsid_lib.sh

# not_up - sessions in sysfs that are not LOGGED_IN.
not_up() {
	local n=0 s
	for s in /sys/class/iscsi_session/session*/state; do
		[ -e "$s" ] && [ "$(cat "$s")" != LOGGED_IN ] && n=$((n + 1))
	done
	echo $n
}

# ready - "SESSIONS LOGGED_IN DISKS".
ready() {
	local n=0 up=0 d=0 s
	for s in $(sids); do
		n=$((n + 1))
		[ "$(cat /sys/class/iscsi_session/session$s/state)" = \
			LOGGED_IN ] && up=$((up + 1))
		[ -n "$(disk_of "$s")" ] && d=$((d + 1))
	done
	echo "$n $up $d"
}

# wait_ready - until 4 sessions, all LOGGED_IN with a disk (at most
# 120 s of guest uptime: a bound on the wait, not an assertion).
wait_ready() {
	local end=$(($(uptime_ms) + 120000)) s
	while [ "$(ready)" != "4 4 4" ] && [ "$(uptime_ms)" -lt $end ]; do
		usleep 200000
	done
	for s in $(sids); do
		echo "E2E-LOG: session$s $(cat /sys/class/iscsi_session/session$s/targetname) $(cat /sys/class/iscsi_session/session$s/state) disk=$(disk_of "$s")"
	done
}

# daemon LOG - start iscsid in the foreground (its log in LOG), as the
# pid to kill in $pid.
daemon() {
	iscsid -f -d 2 >"$1" 2>&1 &
	pid=$!
	iscsid_wait_socket
}

# per_target - how many sessions each of the four targets has.
per_target() {
	local i t out= c s
	for i in 1 2 3 4; do
		t=$(printf '%s:t%04d' "$E2E_IQN" $i)
		c=0
		for s in $(sids); do
			[ "$(cat /sys/class/iscsi_session/session$s/targetname)" \
				= "$t" ] && c=$((c + 1))
		done
		out="$out$c"
	done
	echo "$out"
}

# io_all TAG - write and read back a pattern on every session's disk;
# prints how many read it back.
io_all() {
	local ok=0 s d
	for s in $(sids); do
		d=$(disk_of "$s")
		[ -n "$d" ] && wait_for "/dev/$d" 5 || continue
		[ "$(io_check "$d" "$1$s" 64)" = "$1$s" ] && ok=$((ok + 1))
	done
	echo $ok
}

iscsid_prepare
: >/etc/iscsi/iscsid.conf
i=1
while [ $i -le 4 ]; do
	node_record "$(printf '%s:t%04d' "$E2E_IQN" $i)" 10.0.2.100 3260 1 120
	i=$((i + 1))
done
rec=$(echo /etc/iscsi/nodes/"$(printf '%s:t%04d' "$E2E_IQN" 4)"/*/default)
sed -i "/^# END RECORD/i\\
node.session.auth.authmethod = CHAP\\
node.session.auth.username = $E2E_USER\\
node.session.auth.password = $E2E_SECRET\\
node.session.auth.username_in = $E2E_TUSER\\
node.session.auth.password_in = $E2E_TSECRET" "$rec"

# 1. SIGKILL while sessions are still logging in.
daemon /tmp/d1.log
iscsiadm -m node -L all >/tmp/l1.out 2>&1 &
adm=$!
# Kill once every session exists (iscsid is past the kernel's slow
# CREATE_SESSION) and some are still logging in: the relay's 100 ms
# each way keeps a login in flight long enough.
n=5000
half=0
while [ $n -gt 0 ]; do
	half=$(not_up)
	[ "$half" -gt 0 ] && [ "$(sids | wc -l)" = 4 ] && break
	usleep 1000
	n=$((n - 1))
done
mark "killed=$(cat "/proc/$pid/comm")"
kill -9 "$pid"
mark "half_at_kill=$half"
wait "$pid"
mark "kill_status=$?"
wait "$adm"
mark "l1_rc=$?"
log_file /tmp/l1.out
mark "half_after_kill=$(not_up)"
log_file /tmp/d1.log
daemon /tmp/d2.log
mark "restart_rc=$([ -d "/proc/$pid" ] && echo 0)"
iscsiadm -m node -L all >/tmp/l2.out 2>&1
mark "l2_rc=$?"
log_file /tmp/l2.out
wait_ready
mark "ready1=$(ready)"
log_file /tmp/d2.log
mark "per_target1=$(per_target)"
mark "io1=$(io_all "$E2E_PAT")"

# 2. SIGKILL with every session logged in: a new iscsid adopts them.
mark "killed2=$(cat "/proc/$pid/comm")"
kill -9 "$pid"
wait "$pid"
mark "kill2_status=$?"
daemon /tmp/d3.log
mark "restart2_rc=$([ -d "/proc/$pid" ] && echo 0)"
mark "io2=$(io_all "${E2E_PAT}b")"
mark "ready2=$(ready)"
iscsiadm -m session -P 3 >/tmp/p3.out 2>&1
mark "p3_rc=$?"
mark "p3_portals=$(grep -c '^	*Current Portal: 10\.0\.2\.100:3260,1$' /tmp/p3.out)"
grep 'Portal:' /tmp/p3.out | sed 's/^/E2E-LOG: /'
mark "p3_persistent=$(grep -c '^	*Persistent Portal: 10\.0\.2\.100:3260,1$' /tmp/p3.out)"
# 3. The counters, asked through the new daemon's loop.
iscsiadm -m session -s >/tmp/stats.out 2>&1
mark "stats_rc=$?"
mark "stats_headers=$(grep -c '^Stats for session' /tmp/stats.out)"
iscsiadm -m session -u >/tmp/lo.out 2>&1
mark "logout_rc=$?"
log_file /tmp/lo.out
mark "logout_lines=$(grep -c '^Logging out of session \[sid: [0-9]*, target: .*, portal: 10\.0\.2\.100,3260\]$' /tmp/lo.out)"
mark "logout_ok=$(grep -c '^Logout of \[sid: [0-9]*, target: .*, portal: 10\.0\.2\.100,3260\] successful\.$' /tmp/lo.out)"
mark "sessions_after=$(sids | wc -l)"
iscsiadm -k 0
wait "$pid" 2>/dev/null
log_file /tmp/d3.log
