# SPDX-License-Identifier: MIT
# iscsid_login.sh - guest half of iscsid_login.test.sh: iscsid as a
# daemon (pid file), SendTargets discovery, "-m node -L all" logging in
# to two targets at once, I/O on both disks, the second "-L all" finding
# them present (rc 15), "-m session -P 1" and "-s", a further session
# with "-m session -r SID -o new", "-m session -u", "iscsiadm -k 0".
. /iscsid_lib.sh

iscsid_prepare
iscsid
mark "iscsid_rc=$?"
iscsid_wait_socket
mark "pidfile=$(cat /run/iscsid.pid 2>/dev/null)"
mark "iscsid_pid=$(pidof iscsid)"

iscsiadm -m discovery -t st -p 10.0.2.100:3260 >/tmp/disc.txt 2>&1
mark "disc_rc=$?"
log_file /tmp/disc.txt
mark "disc_targets=$(grep -c ' iqn\.' /tmp/disc.txt)"
rm -rf /etc/iscsi/nodes
records_from_discovery /tmp/disc.txt 120

t0=$(uptime_ms)
iscsiadm -m node -L all >/tmp/login.out 2>/tmp/login.err
mark "login_rc=$?"
log_file /tmp/login.out
log_file /tmp/login.err
mark "logging_in=$(grep -c '^Logging in to \[iface: default, target: .*, portal: 10.0.2.100,3260\]$' /tmp/login.out)"
mark "login_ok=$(grep -c '^Login to \[iface: default, target: .*, portal: 10.0.2.100,3260\] successful.$' /tmp/login.out)"
mark "first_lines_logging=$(head -n 2 /tmp/login.out | grep -c '^Logging in')"
mark "sessions=$(sids | wc -l)"

ok=0
for sid in $(sids); do
	wait_for "/sys/class/iscsi_session/session$sid/device/target*/*/block/sd*" 60
	d=$(disk_of "$sid")
	[ -n "$d" ] && wait_for "/dev/$d" 20 || continue
	got=$(io_check "$d" "$E2E_PAT$sid" 64)
	[ "$got" = "$E2E_PAT$sid" ] && ok=$((ok + 1))
done
mark "io_ok=$ok"
mark "login_to_io_ms=$(($(uptime_ms) - t0))"

# What iscsid knows of each session (-P 1) and the kernel's counters
# after the I/O (-s), both answered by iscsid.
iscsiadm -m session -P 1 >/tmp/p1.out 2>&1
mark "p1_rc=$?"
log_file /tmp/p1.out
mark "p1_logged_in=$(grep -c '^		iSCSI Connection State: LOGGED IN$' /tmp/p1.out)"
mark "p1_no_change=$(grep -c '^		Internal iscsid Session State: NO CHANGE$' /tmp/p1.out)"
mark "p1_unknown=$(grep -c 'Unknown' /tmp/p1.out)"
# Debian's iscsiadm asks our iscsid in open-iscsi's own frames.
/deb/iscsiadm -m session -P 3 >/tmp/deb3.out 2>&1
mark "deb_p3_rc=$?"
log_file /tmp/deb3.out
mark "deb_p3_logged_in=$(grep -c '^		iSCSI Connection State: LOGGED IN$' /tmp/deb3.out)"
mark "deb_p3_no_change=$(grep -c '^		Internal iscsid Session State: NO CHANGE$' /tmp/deb3.out)"
mark "deb_p3_died=$(grep -c 'daemon died' /tmp/deb3.out)"
iscsiadm -m session -s >/tmp/stats.out 2>&1
mark "stats_rc=$?"
log_file /tmp/stats.out
mark "stats_headers=$(grep -c '^Stats for session \[sid: [0-9]*, target: .*, portal: 10.0.2.100,3260\]$' /tmp/stats.out)"
mark "stats_snmp=$(grep -c '^iSCSI SNMP:$' /tmp/stats.out)"
for f in txdata_octets rxdata_octets scsicmd_pdus; do
	mark "stats_nonzero_$f=$(grep -c "^	$f: [1-9][0-9]*\$" /tmp/stats.out)"
done
mark "stats_fields=$(grep -c '^	[a-z_]*: [0-9]*$' /tmp/stats.out)"
sid1=$(sids | head -n 1)
iscsiadm -m session -r "$sid1" -s >/tmp/stats1.out 2>&1
mark "stats1_rc=$?"
mark "stats1_header=$(grep -c "^Stats for session \[sid: $sid1, " /tmp/stats1.out)"
iscsiadm -m session -r 999 -s >/tmp/stats9.out 2>&1
mark "stats9_rc=$?"

iscsiadm -m node -L all >/tmp/again.out 2>/tmp/again.err
mark "again_rc=$?"
log_file /tmp/again.err
mark "again_present=$(grep -c 'default: 1 session requested, but 1 already present.' /tmp/again.err)"
mark "again_all=$(grep -c '^iscsiadm: Could not log into all portals$' /tmp/again.err)"

# One more session from sid1's record, next to the existing one.
iscsiadm -m session -r "$sid1" -o new >/tmp/new.out 2>&1
mark "new_rc=$?"
log_file /tmp/new.out
mark "new_logging=$(grep -c '^Logging in to \[iface: default, target: .*, portal: 10.0.2.100,3260\] (multiple)$' /tmp/new.out)"
mark "new_ok=$(grep -c '^Login to \[iface: default, target: .*, portal: 10.0.2.100,3260\] successful.$' /tmp/new.out)"
mark "new_sessions=$(sids | wc -l)"
mark "new_same_target=$(for s in $(sids); do cat /sys/class/iscsi_session/session$s/targetname; done | sort | uniq -d | wc -l)"

iscsiadm -m session -u >/tmp/logout.out 2>&1
mark "logout_rc=$?"
log_file /tmp/logout.out
mark "logout_ok=$(grep -c '^Logout of \[sid: [0-9]*, target: .*, portal: 10.0.2.100,3260\] successful.$' /tmp/logout.out)"
mark "sessions_after=$(sids | wc -l)"
mark "disks_after=$(ls /sys/block | grep -c '^sd')"

iscsiadm -m session -u >/tmp/none.out 2>&1
mark "none_rc=$?"
log_file /tmp/none.out

iscsiadm -k 0
mark "kill_rc=$?"
n=3000
while [ $n -gt 0 ] && pidof iscsid >/dev/null; do
	usleep 10000
	n=$((n - 1))
done
mark "iscsid_gone=$(pidof iscsid >/dev/null && echo no || echo yes)"
mark "pidfile_gone=$([ -e /run/iscsid.pid ] && echo no || echo yes)"
