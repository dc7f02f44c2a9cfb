# SPDX-License-Identifier: MIT
# multipath.sh - guest half of multipath.test.sh: two NICs on one subnet
# (eth0 10.0.2.15 and eth1 10.0.2.16, each behind its own qemu network),
# two iface records (p0 by iface.net_ifacename=eth0, p1 by
# iface.hwaddress=eth1's MAC), discovery and login through both, one
# session per iface to the one target, then dm-multipath over the two
# disks with Debian's multipath tool, and a cut of eth1 (the host's
# "set_link ... off") under I/O. Run once with Debian's iscsid +
# iscsiadm (/deb) and once with ours (/ours), each reported as
# "E2E: SIDE.KEY=VALUE". The host acts on "SIDE.cut=1" (link off) and
# "SIDE.restore=1" (link on).
. /iscsid_lib.sh

PORTAL=10.0.2.100:3260
T=$E2E_TARGET
MAC1=$(cat /sys/class/net/eth1/address)

# nic_bytes - "TX0 RX0 TX1 RX1": the byte counters of eth0 and eth1.
nic_bytes() {
	local n
	for n in eth0 eth1; do
		printf '%s %s ' "$(cat /sys/class/net/$n/statistics/tx_bytes)" \
			"$(cat /sys/class/net/$n/statistics/rx_bytes)"
	done
}

# nic_delta BEFORE AFTER - "eth0=TX/RX eth1=TX/RX" bytes in between.
nic_delta() {
	set -- $1 $2
	echo "eth0=$(($5 - $1))/$(($6 - $2)) eth1=$(($7 - $3))/$(($8 - $4))"
}

# carrier_is NIC VALUE - NIC's carrier is VALUE (1 up, 0 down).
carrier_is() { [ "$(cat "/sys/class/net/$1/carrier" 2>/dev/null)" = "$2" ]; }

# host_of SID - the iscsi_host (hostN) of session SID.
host_of() {
	local p
	p=$(readlink -f "/sys/class/iscsi_session/session$1")
	p=${p%/session$1/iscsi_session/session$1}
	echo "${p##*/}"
}

# p3_of ADM SID - "NAME HWADDRESS NETDEV IPADDRESS" of session SID as
# "ADM -m session -P 3" prints its Iface lines.
p3_of() {
	"$1" -m session -r "$2" -P 3 2>/dev/null | awk '
		/^\t\tIface Name: / { n = $3 }
		/^\t\tIface HWaddress: / { h = $3 }
		/^\t\tIface Netdev: / { d = $3 }
		/^\t\tIface IPaddress: / { i = $3 }
		END { print n, h, d, i }'
}

# kern_of SID - "IFACENAME HWADDRESS NETDEV IPADDRESS" of session SID as
# the kernel holds them (the session's ifacename, its host's attributes;
# the ipaddress is the connection's local address).
kern_of() {
	local h v out
	out=$(cat "/sys/class/iscsi_session/session$1/ifacename" 2>/dev/null)
	h=/sys/class/iscsi_host/$(host_of "$1")
	for v in hwaddress netdev ipaddress; do
		out="$out $(cat "$h/$v" 2>/dev/null)"
	done
	echo "${out:--}"
}

# gone PID - no process PID (or no PID given).
gone() { [ -z "$1" ] || [ ! -d "/proc/$1" ]; }

# session_state SID - the kernel's state of session SID.
session_state() {
	cat "/sys/class/iscsi_session/session$1/state" 2>/dev/null
}

# session_is SID STATE - session SID is in STATE.
session_is() { [ "$(session_state "$1")" = "$2" ]; }

# dm_path_state MAP DEV - A (active) or F (failed) for path MAJ:MIN DEV
# in "dmsetup status MAP".
dm_path_state() {
	dmsetup status "$1" 2>/dev/null | awk -v d="$2" '
		{ for (i = 1; i < NF; i++) if ($i == d) { print $(i + 1); exit } }'
}

# dev_of DISK - MAJ:MIN of /dev/DISK.
dev_of() { cat "/sys/block/$1/dev"; }

# iface_setup S ADM - the two iface records.
iface_setup() {
	local s=$1 adm=$2 out=/tmp/$1.iface
	{
		"$adm" -m iface -I p0 -o new &&
			"$adm" -m iface -I p0 -o update \
				-n iface.net_ifacename -v eth0 &&
			"$adm" -m iface -I p1 -o new &&
			"$adm" -m iface -I p1 -o update \
				-n iface.hwaddress -v "$MAC1"
	} >"$out" 2>&1
	mark "$s.iface_rc=$?"
	log_file "$out"
}

# login_both S ADM - discovery through both ifaces, the records' timers,
# login through both; waits for two sessions with their disks.
login_both() {
	local s=$1 adm=$2 sid n=0
	"$adm" -m discovery -t st -p "$PORTAL" -I p0 -I p1 \
		>"/tmp/$s.disc" 2>&1
	mark "$s.disc_rc=$?"
	log_file "/tmp/$s.disc"
	mark "$s.records=$(ls "/etc/iscsi/nodes/$T/10.0.2.100,3260,1" 2>/dev/null | tr '\n' ' ')"
	# a dead path must fail I/O within seconds for dm-multipath to
	# switch: a NOP-Out every 2 s, recovery given up after 5 s
	for kv in node.session.timeo.replacement_timeout=5 \
		node.conn[0].timeo.noop_out_interval=2 \
		node.conn[0].timeo.noop_out_timeout=2; do
		"$adm" -m node -T "$T" -p "$PORTAL" -o update \
			-n "${kv%%=*}" -v "${kv#*=}" >>"/tmp/$s.upd" 2>&1 ||
			mark "$s.update_failed=$kv"
	done
	"$adm" -m node -T "$T" -p "$PORTAL" -l >"/tmp/$s.login" 2>&1
	mark "$s.login_rc=$?"
	log_file "/tmp/$s.login"
	mark "$s.login_ok=$(grep -c "^Login to \[iface: p[01], target: $T, portal: 10.0.2.100,3260\] successful.$" "/tmp/$s.login")"
	for sid in $(sids); do
		wait_for "/sys/class/iscsi_session/session$sid/device/target*/*/block/sd*" 60 &&
			n=$((n + 1))
	done
	mark "$s.sessions=$(sids | wc -l) $n"
}

# path_io S IFACE DISK - 1 MiB written and read on DISK alone (O_DIRECT);
# which NIC carried it, from the NICs' own counters.
path_io() {
	local b a
	b=$(nic_bytes)
	dd if=/tmp/data1 of="/dev/$3" bs=64k oflag=direct 2>/dev/null &&
		dd if="/dev/$3" of=/dev/null bs=64k count=16 iflag=direct \
			2>/dev/null
	mark "$1.io_rc.$2=$?"
	a=$(nic_bytes)
	mark "$1.io.$2=$(nic_delta "$b" "$a")"
}

# map_dev - /dev/dm-N of the map mpatha (no udev: no /dev/mapper link).
map_dev() {
	local d
	for d in /sys/block/dm-*; do
		[ "$(cat "$d/dm/name" 2>/dev/null)" = mpatha ] &&
			echo "/dev/${d##*/}" && return 0
	done
	echo /dev/null/mpatha
}

# dm_rw S FILE - FILE (1 MiB) written through the map and read back past
# the page cache; prints "RC SAME".
dm_rw() {
	local rc dev
	dev=$(map_dev)
	dd if="$2" of="$dev" bs=64k oflag=direct 2>/dev/null
	rc=$?
	dd if="$dev" of="/tmp/$1.back" bs=64k count=16 iflag=direct \
		2>/dev/null || rc=$rc-read
	cmp -s "$2" "/tmp/$1.back" && echo "$rc same" || echo "$rc differ"
}

# side S - the whole run with /S's iscsid and iscsiadm.
side() {
	local s=$1 adm=/$1/iscsiadm pid sid name sid0= sid1= d0= d1= b a t0
	rm -rf /etc/iscsi/nodes /etc/iscsi/send_targets /etc/iscsi/ifaces \
		/etc/multipath/wwids /etc/multipath/bindings
	# an initiator name per side: tgtd's sessions tell the sides apart
	echo "InitiatorName=$E2E_INITIATOR-$s" >/etc/iscsi/initiatorname.iscsi
	"/$s/iscsid" >"/tmp/$s.iscsid" 2>&1
	iscsid_wait_socket
	mark "$s.iscsid=$?"
	pid=$(cat /run/iscsid.pid 2>/dev/null)
	iface_setup "$s" "$adm"
	login_both "$s" "$adm"

	# which session is which iface: the kernel's ifacename
	for sid in $(sids); do
		name=$(cat "/sys/class/iscsi_session/session$sid/ifacename")
		case $name in
		p0) sid0=$sid d0=$(disk_of "$sid") ;;
		p1) sid1=$sid d1=$(disk_of "$sid") ;;
		*) continue ;;
		esac
		mark "$s.kern.$name=$(kern_of "$sid")"
		mark "$s.p3.$name=$(p3_of "$adm" "$sid")"
		mark "$s.wwid.$name=$(cat "/sys/block/$(disk_of "$sid")/device/wwid" 2>/dev/null)"
	done
	if [ -z "$d0" ] || [ -z "$d1" ]; then
		mark "$s.abort=no two disks"
		mark "$s.cut=skipped"
		mark "$s.restore=skipped"
		"$adm" -m session -P 3 2>&1 | sed 's/^/E2E-LOG: /'
		"$adm" -m node -u >/dev/null 2>&1
		"$adm" -k 0 >/dev/null 2>&1
		return 1
	fi
	"$adm" -m session -P 3 >"/tmp/$s.p3" 2>&1
	log_file "/tmp/$s.p3"
	path_io "$s" p0 "$d0"
	path_io "$s" p1 "$d1"

	# dm-multipath over both disks, by Debian's multipath tool. There
	# is no udev here: multipath lists only block devices udev has
	# seen, i.e. with an entry in udev's database, so each disk gets
	# an empty one; the WWID comes from sysfs (uid_attribute "").
	mkdir -p /run/udev/data
	: >"/run/udev/data/b$(dev_of "$d0")"
	: >"/run/udev/data/b$(dev_of "$d1")"
	multipath -v2 >"/tmp/$s.mp" 2>&1
	mark "$s.multipath_rc=$?"
	log_file "/tmp/$s.mp"
	multipath -ll >"/tmp/$s.ll" 2>&1
	log_file "/tmp/$s.ll"
	[ -e "$(map_dev)" ] || multipath -v3 2>&1 | tail -n 80 |
		sed 's/^/E2E-LOG: v3: /'
	mark "$s.map_paths=$(ls /sys/block/dm-*/slaves 2>/dev/null | grep -c '^sd')"
	mark "$s.map_has=$(ls /sys/block/dm-*/slaves 2>/dev/null | grep -c "^\($d0\|$d1\)$")"
	b=$(nic_bytes)
	mark "$s.dm_rw=$(dm_rw "$s" /tmp/data1)"
	a=$(nic_bytes)
	mark "$s.dm_io=$(nic_delta "$b" "$a")"
	mark "$s.dm_state=$(dm_path_state mpatha "$(dev_of "$d0")")$(dm_path_state mpatha "$(dev_of "$d1")")"

	# cut eth1 (p1's path) from the outside, write and read through
	# the map meanwhile
	mark "$s.cut=1"
	until_ok 60 carrier_is eth1 0
	mark "$s.carrier_off=$?"
	b=$(nic_bytes)
	t0=$(uptime_ms)
	mark "$s.cut_rw=$(dm_rw "$s" /tmp/data2)"
	mark "$s.cut_ms=$(($(uptime_ms) - t0))"
	a=$(nic_bytes)
	mark "$s.cut_io=$(nic_delta "$b" "$a")"
	mark "$s.cut_state=$(dm_path_state mpatha "$(dev_of "$d0")")$(dm_path_state mpatha "$(dev_of "$d1")")"
	mark "$s.cut_session1=$(session_state "$sid1")"
	multipath -ll >"/tmp/$s.ll2" 2>&1
	log_file "/tmp/$s.ll2"
	dmsetup status mpatha | sed 's/^/E2E-LOG: status: /'

	# the link comes back: iscsid logs p1's session in again
	mark "$s.restore=1"
	until_ok 60 carrier_is eth1 1
	mark "$s.carrier_on=$?"
	until_ok 120 session_is "$sid1" LOGGED_IN
	mark "$s.relogin=$(session_state "$sid1")"
	path_io "$s" p1again "$d1"

	multipath -F >"/tmp/$s.flush" 2>&1
	rm -rf /run/udev/data
	mark "$s.flush_rc=$?"
	log_file "/tmp/$s.flush"
	"$adm" -m node -T "$T" -p "$PORTAL" -u >"/tmp/$s.logout" 2>&1
	mark "$s.logout_rc=$?"
	log_file "/tmp/$s.logout"
	mark "$s.logout_ok=$(grep -c "^Logout of \[sid: [0-9]*, target: $T, portal: 10.0.2.100,3260\] successful.$" "/tmp/$s.logout")"
	mark "$s.sessions_after=$(sids | wc -l)"
	"$adm" -k 0 >/dev/null 2>&1
	until_ok 30 gone "$pid"
	log_file "/tmp/$s.iscsid"
}

iscsid_prepare
: >/etc/iscsi/iscsid.conf
# Debian's iscsid accepts requests only from a uid named root.
grep -q '^root:' /etc/passwd 2>/dev/null ||
	echo 'root:x:0:0:root:/root:/bin/sh' >>/etc/passwd
ip addr add 10.0.2.16/24 dev eth1
ip link set eth1 up
until_ok 10 carrier_is eth1 1
mark "mac1=$MAC1"
mkdir -p /etc/multipath
cat >/etc/multipath.conf <<'EOF'
defaults {
	find_multipaths no
	user_friendly_names yes
	uid_attribute ""
	path_grouping_policy multibus
	path_selector "round-robin 0"
	rr_min_io_rq 1
	no_path_retry fail
}
EOF
dd if=/dev/urandom of=/tmp/data1 bs=64k count=16 2>/dev/null
dd if=/dev/urandom of=/tmp/data2 bs=64k count=16 2>/dev/null

for s in $(echo "$E2E_SIDES" | tr , ' '); do
	side "$s"
done
mark "done=1"
