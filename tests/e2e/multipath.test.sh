#!/bin/bash
# SPDX-License-Identifier: MIT
# multipath.test.sh - two paths to one LUN over two NICs, in the Debian
# kernel under qemu, with Debian's iscsid + iscsiadm and then with ours
# in the same guest run.
#
# The guest has two virtio NICs on two separate qemu user networks that
# both carry 10.0.2.0/24: eth0 (10.0.2.15) and eth1 (10.0.2.16) reach the
# portal 10.0.2.100:3260 each through its own forward. Both forwards end
# at one tgtd (in a network namespace of the test, on 10.0.2.100:3260),
# the first from source address 10.0.2.101, the second from 10.0.2.102,
# so tgtd's list of connections says which NIC each session came in by.
# One subnet on both NICs is the usual multipath set-up and the one
# where the binding shows: the routing table alone sends everything out
# of eth0.
#
# Per side: iface p0 (iface.net_ifacename=eth0) and p1 (iface.hwaddress
# = eth1's MAC); "-m discovery -t st -I p0 -I p1"; "-m node -T -p -l"
# (one session per iface record); each session's Iface Netdev and
# IPaddress in "-m session -P 3" and the kernel's own host ipaddress;
# 1 MiB on each disk alone with the NICs' byte counters around it; both
# disks' WWID; Debian's multipath tool (no udev: uid_attribute "") makes
# one map over both; data through the map (round-robin over both NICs);
# the host cuts eth1 with qemu's "set_link" under I/O: the write and
# read through the map complete on eth0, dm shows p1's path failed; the
# link comes back, iscsid logs the session in again; the map is flushed
# and both sessions log out. Our -P 3 Iface lines and the kernel's
# session and host attributes must equal those Debian's tools left.
#
# What open-iscsi 2.1.8 (Debian 12) did in this guest (the "deb" side):
#  - "-m iface -I p0 -o new" printed "New interface p0 added", each
#    "-o update" "p0 updated."; discovery with "-I p0 -I p1" printed
#    "10.0.2.100:3260,1 TARGET" once per iface and left one node record
#    per iface (nodes/TARGET/10.0.2.100,3260,1/p0 and p1);
#  - "-m node -T -p -l" logged in p1 then p0, both "successful.". The
#    kernel holds, per session host: p0 netdev "eth0" (hwaddress unset),
#    p1 hwaddress "52:54:00:12:34:57" (netdev unset), local addresses
#    10.0.2.15 and 10.0.2.16; the sessions' ifacename is p0 and p1;
#  - "-m session -P 3" prints for p0 "Iface Name: p0", "Iface HWaddress:
#    default", "Iface Netdev: eth0", "Iface IPaddress: 10.0.2.15"; for
#    p1 (bound by MAC) "Iface Name: tcp.52:54:00:12:34:57.ipv4.0",
#    "Iface HWaddress: 52:54:00:12:34:57", "Iface Netdev: default",
#    "Iface IPaddress: 10.0.2.16";
#  - 1 MiB written and read on each disk moved ~1.1 MB each way on that
#    disk's NIC and under 400 bytes on the other; tgtd saw one session
#    from each forward;
#  - eth1 cut: the kernel's NOP timed out after 2 s, I/O on p1's disk
#    failed once replacement_timeout (5 s) ran out ("rejecting I/O to
#    offline device"), dm-multipath failed that path ("F" in dmsetup
#    status, "failed faulty" in multipath -ll) and completed the write
#    and read on eth0 alone (~11 s in the guest; 0 bytes on eth1); the
#    session stayed in the kernel state FREE while iscsid retried;
#  - link back: iscsid logged p1's session in again on eth1; "-u" logged
#    both out ("Logout of [sid: N, ...] successful.").

SRC=${ISCSIBOX_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
export ISCSIBOX_SRC=$SRC
. "$SRC/tests/e2e/lib/iscsid.sh"
iscsid_test_begin "$@"
t_require_root_tools nsenter multipath dmsetup iscsid iscsiadm

SIDES=${MPATH_SIDES:-deb ours}
target="$TGTD_IQN:mpath"
t_netns_new 10.0.2.100/32 || t_die "cannot make the target namespace"
for a in 10.0.2.101 10.0.2.102; do
	nsenter -t "$T_NETNS_PID" -n ip addr add "$a/32" dev lo ||
		t_die "cannot add $a"
done
TGTD_NS_PID=$T_NETNS_PID tgtd_start 10.0.2.100:3260
truncate -s 16M "$T_TMP/lun.img"
tgtd_add_target 1 "$target" "$T_TMP/lun.img" ||
	t_die "cannot create the target"

# fwd SOURCE - the guestfwd command of one path (",," is a comma inside
# -netdev).
fwd() {
	echo "cmd:nsenter -t $T_NETNS_PID -n socat STDIO TCP:10.0.2.100:3260,,bind=$1,,nodelay"
}

plug=()
for p in libchecktur libprioconst; do
	plug+=(-b "/lib/multipath/$p.so:/lib/multipath/$p.so")
done
iscsid_initramfs "$T_TMP/initrd.cpio" "$SRC/tests/e2e/guest/multipath.sh" \
	-m "$SRC/initramfs/modules.list" \
	-m "$SRC/initramfs/multipath.modules.list" \
	-l /bin/iscsibox:/ours/iscsid -l /bin/iscsibox:/ours/iscsiadm \
	-b "$(command -v iscsid):/deb/iscsid" \
	-b "$(command -v iscsiadm):/deb/iscsiadm" \
	-b "$(command -v multipath):/bin/multipath" \
	-b "$(command -v dmsetup):/bin/dmsetup" "${plug[@]}" ||
	t_die "cannot build the initramfs"

INITIATOR=iqn.2024-01.org.iscsibox:guest
MON=$T_TMP/monitor.sock
VM_FWD=$(fwd 10.0.2.101)
VM_MEM=384M
VM_QEMU_ARGS=(-netdev "user,id=n1,restrict=on,guestfwd=tcp:$VM_PORTAL-$(fwd 10.0.2.102)"
	-device virtio-net-pci,netdev=n1,romfile=
	-monitor "unix:$MON,server=on,wait=off")
VM_TIMEOUT=${VM_TIMEOUT:-900}
vm_run "$T_TMP/initrd.cpio" x \
	"e2e.initiator=$INITIATOR e2e.target=$target e2e.sides=${SIDES// /,}" &
vm=$!

# monitor CMD - one command to qemu's human monitor.
monitor() { echo "$1" | socat - "UNIX-CONNECT:$MON" >/dev/null; }

# nexus_sources INITIATOR - the source addresses of tgtd's connections
# from INITIATOR, sorted.
nexus_sources() {
	tgtadm_c --mode target --op show | awk -v i="$1" '
		$1 == "Initiator:" { who = $2 }
		$1 == "IP" && $2 == "Address:" && who == i { print $3 }' |
		sort | tr '\n' ' '
}

# asked KEY - wait until the guest asked for KEY ("KEY=1"); fails when it
# skipped it or the VM is gone (the bound is a hang guard only).
asked() {
	local n=6000 v
	while [ $n -gt 0 ]; do
		v=$({ tr -d '\r' <"$T_TMP/console.log"; } 2>/dev/null |
			sed -n "s/^E2E: $1=//p")
		[ -n "$v" ] && { [ "$v" = 1 ]; return; }
		kill -0 "$vm" 2>/dev/null || return 1
		sleep 0.1
		n=$((n - 1))
	done
	return 1
}

for s in $SIDES; do
	asked "$s.cut" || continue
	echo "$(nexus_sources "$INITIATOR-$s")" >"$T_TMP/$s.sources"
	monitor "set_link n1 off"
	asked "$s.restore" || continue
	monitor "set_link n1 on"
done
wait $vm
rc=$?
VM_LOG="$T_TMP/console.log"
t_check_rc "qemu ran to power-off" $rc 0

# counters MARK - "TX0 RX0 TX1 RX1" from "eth0=TX/RX eth1=TX/RX".
counters() {
	echo "$1" | sed -n 's|^eth0=\([0-9]*\)/\([0-9]*\) eth1=\([0-9]*\)/\([0-9]*\)$|\1 \2 \3 \4|p'
}

# big MARK - the NIC that carried a transfer of 1 MiB each way: "ethN"
# when ethN moved at least 1 MiB in and out and the other NIC under
# 256 KiB in all; the counters otherwise.
big() {
	local v=$1 t0 r0 t1 r1
	read -r t0 r0 t1 r1 <<<"$(counters "$v")"
	[ -n "$r1" ] || { echo "${v:-no counters}"; return; }
	if [ "$t0" -ge 1048576 ] && [ "$r0" -ge 1048576 ] &&
		[ $((t1 + r1)) -lt 262144 ]; then
		echo eth0
	elif [ "$t1" -ge 1048576 ] && [ "$r1" -ge 1048576 ] &&
		[ $((t0 + r0)) -lt 262144 ]; then
		echo eth1
	else
		echo "$v"
	fi
}

# both MARK - "both" when each NIC moved at least 256 KiB in and out.
both() {
	local t0 r0 t1 r1
	read -r t0 r0 t1 r1 <<<"$(counters "$1")"
	[ -n "$r1" ] && [ "$t0" -ge 262144 ] && [ "$r0" -ge 262144 ] &&
		[ "$t1" -ge 262144 ] && [ "$r1" -ge 262144 ] && echo both ||
		echo "${1:-no counters}"
}

for s in $SIDES; do
	m() { vm_marker "$s.$1"; }
	t_check_eq "$s: iscsid up" "$(m iscsid)" 0
	t_check_eq "$s: two iface records made" "$(m iface_rc)" 0
	t_check_eq "$s: discovery through p0 and p1" "$(m disc_rc)" 0
	t_check_eq "$s: one node record per iface" "$(m records)" "p0 p1 "
	t_check_eq "$s: login through both" "$(m login_rc)/$(m login_ok)" 0/2
	t_check_eq "$s: two sessions, two disks" "$(m sessions)" "2 2"
	t_check_eq "$s: the kernel's local address of p0" \
		"$(m kern.p0 | cut -d' ' -f4)" 10.0.2.15
	t_check_eq "$s: the kernel's local address of p1" \
		"$(m kern.p1 | cut -d' ' -f4)" 10.0.2.16
	t_check_eq "$s: tgtd saw one connection per forward" \
		"$(cat "$T_TMP/$s.sources" 2>/dev/null)" "10.0.2.101 10.0.2.102 "
	t_check_eq "$s: I/O on p0's disk" "$(m io_rc.p0)" 0
	t_check_eq "$s: I/O on p1's disk" "$(m io_rc.p1)" 0
	t_check_eq "$s: p0's disk travels through eth0" "$(big "$(m io.p0)")" eth0
	t_check_eq "$s: p1's disk travels through eth1" "$(big "$(m io.p1)")" eth1
	w=$(m wwid.p0)
	t_check_eq "$s: both disks have one WWID ($w)" \
		"$([ -n "$w" ] && [ "$w" = "$(m wwid.p1)" ] && echo same)" same
	t_check_eq "$s: multipath made the map" "$(m multipath_rc)" 0
	t_check_eq "$s: the map holds both disks" "$(m map_paths)/$(m map_has)" 2/2
	t_check_eq "$s: data through the map" "$(m dm_rw)" "0 same"
	t_check_eq "$s: ... round-robin over both NICs" "$(both "$(m dm_io)")" both
	t_check_eq "$s: both paths active" "$(m dm_state)" AA
	t_check_eq "$s: eth1 lost its carrier" "$(m carrier_off)" 0
	t_check_eq "$s: data through the map with eth1 cut" "$(m cut_rw)" "0 same"
	t_check_eq "$s: ... carried by eth0" "$(big "$(m cut_io)")" eth0
	t_check_eq "$s: dm failed p1's path, kept p0's" "$(m cut_state)" AF
	t_check_eq "$s: p1's session back once the link is" "$(m relogin)" LOGGED_IN
	t_check_eq "$s: I/O on p1's disk after the relogin" "$(m io_rc.p1again)" 0
	t_check_eq "$s: ... through eth1" "$(big "$(m io.p1again)")" eth1
	t_check_eq "$s: map flushed" "$(m flush_rc)" 0
	t_check_eq "$s: logout of both" "$(m logout_rc)/$(m logout_ok)" 0/2
	t_check_eq "$s: no session left" "$(m sessions_after)" 0
done
if [[ " $SIDES " == *" deb "* && " $SIDES " == *" ours "* ]]; then
	for i in p0 p1; do
		t_check_eq "$i: our -P 3 Iface lines are Debian's" \
			"$(vm_marker "ours.p3.$i")" "$(vm_marker "deb.p3.$i")"
		t_check_eq "$i: the kernel holds what Debian's iscsid set" \
			"$(vm_marker "ours.kern.$i")" "$(vm_marker "deb.kern.$i")"
	done
fi
t_check_eq "the guest got through every side" "$(vm_marker done)" 1
t_check_eq "guest script finished" "$(vm_marker test_rc)" 0
t_check_eq "tgtd holds no session at the end" "$(tgtd_nexus_count)" 0
[ "$T_FAILS" -eq 0 ] && [ -z "${E2E_VERBOSE:-}" ] || vm_show_console 400
t_done
