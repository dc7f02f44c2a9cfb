# SPDX-License-Identifier: MIT
# iscsid_rss.sh - guest half of tests/bench/iscsid_rss.bench.sh: start
# whichever iscsid the image holds as a daemon, write one node record per
# target $E2E_IQN:t0001..t$E2E_N, log in to all of them with
# "iscsiadm -m node -L all", wait until every session is LOGGED_IN and
# report the memory of each iscsid process from /proc/PID/status and
# /proc/PID/smaps_rollup as "mem.PID.KEY=kB" markers ("main_pid" names
# the daemon of the pid file).
. /iscsid_lib.sh

# logged_in - number of sessions in state LOGGED_IN.
logged_in() {
	local n=0 s
	for s in /sys/class/iscsi_session/session*/state; do
		[ -e "$s" ] && [ "$(cat "$s")" = LOGGED_IN ] && n=$((n + 1))
	done
	echo $n
}

# mem_report PID - the memory figures of one process.
mem_report() {
	local k v
	while read -r k v _; do
		case $k in
		VmRSS: | VmHWM: | VmLck: | RssAnon: | RssFile: | VmSize:)
			mark "mem.$1.${k%:}=$v" ;;
		esac
	done <"/proc/$1/status"
	while read -r k v _; do
		case $k in
		Pss: | Private_Dirty: | Private_Clean:)
			mark "mem.$1.${k%:}=$v" ;;
		esac
	done <"/proc/$1/smaps_rollup"
}

iscsid_prepare
: >/etc/iscsi/iscsid.conf
# Debian's iscsid accepts iscsiadm's requests only from a uid whose
# passwd entry is named root (getpwuid), so the guest needs one.
grep -q '^root:' /etc/passwd 2>/dev/null ||
	echo 'root:x:0:0:root:/root:/bin/sh' >>/etc/passwd
iscsid >/tmp/iscsid.out 2>&1
mark "iscsid_rc=$?"
log_file /tmp/iscsid.out
iscsid_wait_socket
mark "socket_rc=$?"

i=1
while [ $i -le "$E2E_N" ]; do
	node_record "$(printf '%s:t%04d' "$E2E_IQN" $i)" 10.0.2.100 3260 1 120
	i=$((i + 1))
done

t0=$(uptime_ms)
iscsiadm -m node -L all >/tmp/login.out 2>&1
mark "login_rc=$?"
grep -v '^Log' /tmp/login.out | sed 's/^/E2E-LOG: /'
mark "login_ok=$(grep -c '^Login to .* successful.$' /tmp/login.out)"
n=3000
while [ $n -gt 0 ] && [ "$(logged_in)" -lt "$E2E_N" ]; do
	usleep 10000
	n=$((n - 1))
done
mark "login_ms=$(($(uptime_ms) - t0))"
mark "sessions=$(logged_in)"
# let the daemon settle after the burst before reading its memory
sleep 1
mark "sessions_later=$(logged_in)"

mark "main_pid=$(cat /run/iscsid.pid 2>/dev/null)"
pids=$(pidof iscsid)
mark "pids=$(echo $pids)"
for p in $pids; do
	mem_report "$p"
done
