# SPDX-License-Identifier: MIT
# fw_boot.sh - guest half of fw_boot.test.sh.  The firmware table comes
# from qemu's -acpitable; the iscsi_ibft module is NOT loaded at first.
#  1. raw table only: ours prints from /sys/firmware/acpi/tables/iBFT,
#     Debian's sees no firmware; ours -N configures eth0; ours
#     "iscsiadm -m fw -l" through our iscsid and "iscsistart -b" each
#     give readable disks (logged out in between);
#  2. iscsi_ibft loaded: -f, -m fw, -m discovery -t fw [-P 1] (and the
#     records it writes) by ours and by Debian's;
#  3. -N by Debian's, then by ours, each on a bare eth0: addresses and
#     routes left behind.
# Every compared run reports CASE.SIDE.rc and its output base64-encoded
# ("E2E-B64: CASE.SIDE.out|err TEXT") for the host to compare.
. /lib/iscsistart_lib.sh
. /lib/iscsid_lib.sh

run_side() {
	local c=$1 side=$2 rc
	shift 2
	"$@" >/tmp/out 2>/tmp/err
	rc=$?
	mark "$c.$side.rc=$rc"
	base64 /tmp/out | sed "s/^/E2E-B64: $c.$side.out /"
	base64 /tmp/err | sed "s/^/E2E-B64: $c.$side.err /"
}

# run_case CASE TOOL ARGS... - ours then Debian's (each with a fresh
# /etc/iscsi); the database each left is reported as CASE.SIDE.db.
run_case() {
	local c=$1 tool=$2 side
	shift 2
	mark "case=$c $tool $*"
	for side in ours debian; do
		rm -rf /etc/iscsi
		iscsid_prepare
		if [ $side = ours ]; then
			run_side "$c" $side "/bin/$tool" "$@"
		else
			run_side "$c" $side "/debian/$tool" "$@"
		fi
		(cd /etc/iscsi && find . | sort && find . -type f | sort |
			xargs cat) | base64 | sed "s/^/E2E-B64: $c.$side.db /"
	done
}

# net_state CASE SIDE - eth0's addresses and the routes, reported.
net_state() {
	{ ip -o -4 addr show dev eth0 | sed 's/valid_lft.*//'
	  ip route show; } | base64 | sed "s/^/E2E-B64: $1.$2.net /"
}

net_bare() {
	ip addr flush dev eth0
	ip route flush dev eth0 2>/dev/null
	ip link set eth0 down
}

# disk_ok NAME TARGET - the session of TARGET has a disk we can read.
disk_ok() {
	local s d
	s=$(is_session_of "$2") || { mark "$1.disk=none"; return 1; }
	d=$(is_disk_of "$s" 20) || { mark "$1.disk=none"; return 1; }
	mark "$1.disk=$d"
	dd if="/dev/$d" of=/dev/null bs=4096 count=16 2>/dev/null &&
		mark "$1.read=ok" || mark "$1.read=failed"
}

mark "eth0_pci=$(basename "$(dirname "$(readlink -f /sys/class/net/eth0/device)")")"
mark "raw_table=$([ -f /sys/firmware/acpi/tables/iBFT ] && echo yes)"
mark "module_tree=$([ -d /sys/firmware/ibft ] && echo yes || echo no)"

# 1. Without iscsi_ibft.
run_side raw.f ours /bin/iscsistart -f
run_side raw.f debian /debian/iscsistart -f
run_side raw.fw ours /bin/iscsiadm -m fw
net_bare
run_side raw.N ours /bin/iscsistart -N
net_state raw.N ours
iscsid_prepare
/bin/iscsid -f -d 4 >/tmp/iscsid.log 2>&1 &
iscsid_wait_socket || mark "iscsid=no socket"
run_side raw.fwl ours /bin/iscsiadm -m fw -l -W
# -W returns at once: wait for iscsid to finish both logins.
n=3000
while [ "$(is_sessions)" -lt 2 ] && [ $n -gt 0 ]; do
	usleep 10000
	n=$((n - 1))
done
mark "raw.fwl.sessions=$(is_sessions)"
disk_ok raw.fwl "$E2E_IQN:boot"
disk_ok raw.fwl2 "$E2E_IQN:data"
# iscsid must still be there to log the sessions out.
mark "raw.fwl.iscsid=$(grep -q '@ISCSIADM_ABSTRACT_NAMESPACE' /proc/net/unix &&
	echo running || echo gone)"
sed "s/^/E2E-LOG: iscsid: /" /tmp/iscsid.log
/bin/iscsiadm -m session -u >/tmp/logout.log 2>&1
mark "raw.logout.rc=$?"
sed "s/^/E2E-LOG: raw.logout: /" /tmp/logout.log
mark "raw.logout.sessions=$(is_sessions)"
/bin/iscsiadm -k 0
t0=$(uptime_ms)
run_side raw.b ours /bin/iscsistart -b
mark "raw.b.ms=$(($(uptime_ms) - t0))"
mark "raw.b.sessions=$(is_sessions)"
disk_ok raw.b "$E2E_IQN:boot"

# 2. With iscsi_ibft.
insmod /lib/extra/iscsi_boot_sysfs.ko && insmod /lib/extra/iscsi_ibft.ko
mark "module_tree2=$([ -d /sys/firmware/ibft/target0 ] && echo yes || echo no)"
mark "ibft_order=$(find /sys/firmware/ibft -mindepth 1 -maxdepth 1 |
	sed 's,.*/,,' | tr '\n' ' ')"
run_case sys.f iscsistart -f
run_case sys.fw iscsiadm -m fw
run_case sys.fwP1 iscsiadm -m fw -P 1
run_case sys.disc iscsiadm -m discovery -t fw
run_case sys.discP1 iscsiadm -m discovery -t fw -P 1
run_side sys.f_raw ours /bin/iscsistart -f

# 3. -N on a bare eth0 (the sessions go first: they use eth0).
iscsid_prepare
/bin/iscsid
iscsid_wait_socket
/bin/iscsiadm -m session -u >/dev/null 2>&1
/bin/iscsiadm -k 0
for side in debian ours; do
	net_bare
	if [ $side = ours ]; then
		run_side sys.N $side /bin/iscsistart -N
	else
		run_side sys.N $side /debian/iscsistart -N
	fi
	net_state sys.N $side
done
