# SPDX-License-Identifier: MIT
# fw_bench.sh - guest half of tests/bench/fw_boot.bench.sh: "iscsistart
# -b" timed from its start until the first block of the firmware
# target's disk has been read, $E2E_RUNS times each: ours from the raw
# ACPI table (iscsi_ibft not loaded), then with iscsi_ibft loaded
# Debian's and ours in turn.  Between runs our iscsid adopts the session
# and logs it out.  Reports "time.KIND.N=RC MS".
. /lib/iscsistart_lib.sh
. /lib/iscsid_lib.sh

# bench_one KIND N PROGRAM - one timed boot login.
bench_one() {
	local t0 rc s disk
	t0=$(uptime_ms)
	"$3" -b >/dev/null 2>&1
	rc=$?
	s=$(is_session_of "$E2E_IQN:fwboot") && disk=$(is_disk_of "$s" 60) &&
		dd if="/dev/$disk" of=/dev/null bs=512 count=1 iflag=direct \
			2>/dev/null || rc=${rc}-nodisk
	mark "time.$1.$2=$rc $(($(uptime_ms) - t0))"
	/bin/iscsid
	iscsid_wait_socket
	/bin/iscsiadm -m session -u >/dev/null 2>&1
	/bin/iscsiadm -k 0
	wait_gone=300
	while [ "$(is_sessions)" -gt 0 ] && [ $wait_gone -gt 0 ]; do
		usleep 10000
		wait_gone=$((wait_gone - 1))
	done
}

iscsid_prepare
n=1
while [ $n -le "$E2E_RUNS" ]; do
	bench_one raw_ours $n /bin/iscsistart
	n=$((n + 1))
done
insmod /lib/extra/iscsi_boot_sysfs.ko && insmod /lib/extra/iscsi_ibft.ko
n=1
while [ $n -le "$E2E_RUNS" ]; do
	bench_one sys_debian $n /debian/iscsistart
	bench_one sys_ours $n /bin/iscsistart
	n=$((n + 1))
done
