#!/bin/sh
# SPDX-License-Identifier: MIT
# init.sh - default /init of the test initramfs (busybox sh). Mounts the
# pseudo file systems, loads /lib/modules/load.list in order, gives eth0
# qemu's user-network address 10.0.2.15/24, turns every "e2e.KEY=VALUE" on
# the kernel command line into $E2E_KEY, runs /test.sh in a subshell that
# sees the helpers below, and powers off. Results are "E2E: key=value"
# lines on the console (ttyS0), which the host collects.

export PATH=/bin

# mark KEY=VALUE... - one result line for the host.
mark() { echo "E2E: $*"; }

# uptime_ms - milliseconds since boot (10 ms resolution).
uptime_ms() {
	local up
	read -r up _ </proc/uptime
	echo $((${up%.*} * 1000 + 1${up#*.} * 10 - 1000))
}

# wait_for PATH-GLOB SECONDS - poll every 10 ms until the glob matches.
wait_for() {
	local n=$(($2 * 100))
	while [ $n -gt 0 ]; do
		for f in $1; do
			[ -e "$f" ] && return 0
		done
		usleep 10000
		n=$((n - 1))
	done
	return 1
}

# finish - flush and power off. A disk whose session died can hang the
# final cache flush, so write-back caching is switched off first.
finish() {
	for f in /sys/class/scsi_disk/*/cache_type; do
		[ -e "$f" ] && echo "temporary write through" >"$f"
	done
	sync
	poweroff -f
}

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mkdir -p /dev/pts /run/lock /var
ln -s ../run /var/run
ln -s ../run/lock /var/lock

for w in $(cat /proc/cmdline); do
	case $w in
	e2e.*=*)
		k=${w%%=*}
		k=$(echo "${k#e2e.}" | tr 'a-z.-' 'A-Z__')
		export "E2E_$k=${w#*=}"
		;;
	esac
done

while read -r m; do
	insmod "/lib/modules/$m" || mark "insmod_failed=$m"
done </lib/modules/load.list

hostname "${E2E_HOSTNAME:-e2e-guest}"
ip link set lo up
if wait_for /sys/class/net/eth0 2; then
	ip addr add 10.0.2.15/24 dev eth0
	ip link set eth0 up
fi
mark "init_ms=$(uptime_ms)"

if [ -f /test.sh ]; then
	(. /test.sh)
	mark "test_rc=$?"
else
	mark "test_rc=none"
fi
mark "end"
finish
