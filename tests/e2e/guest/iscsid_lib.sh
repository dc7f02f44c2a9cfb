# SPDX-License-Identifier: MIT
# iscsid_lib.sh - guest helpers shared by the iscsid tests (sourced by
# their guest halves; mark/wait_for/uptime_ms come from /init).

# iscsid_prepare - the initiator name iscsid reads, the DB lock dir.
iscsid_prepare() {
	mkdir -p /etc/iscsi /run/lock/iscsi
	echo "InitiatorName=$E2E_INITIATOR" >/etc/iscsi/initiatorname.iscsi
}

# iscsid_wait_socket - until iscsid listens on its abstract socket.
iscsid_wait_socket() {
	local n=6000
	while [ $n -gt 0 ]; do
		grep -q '@ISCSIADM_ABSTRACT_NAMESPACE' /proc/net/unix && return 0
		usleep 10000
		n=$((n - 1))
	done
	return 1
}

# node_record TARGET ADDR PORT TPGT RTMO - a node record as iscsiadm
# keeps it (the keys that matter here; the rest take their defaults).
# The guest reaches the target only as 10.0.2.100:3260, while tgtd on
# the host announces its loopback portal in SendTargets, so records are
# made for the portal the guest can use.
node_record() {
	local d="/etc/iscsi/nodes/$1/$2,$3,$4"
	mkdir -p "$d"
	cat >"$d/default" <<REC
# BEGIN RECORD 2.1.8
node.name = $1
node.tpgt = $4
node.startup = automatic
iface.iscsi_ifacename = default
iface.transport_name = tcp
node.session.timeo.replacement_timeout = $5
node.conn[0].address = $2
node.conn[0].port = $3
node.conn[0].timeo.noop_out_interval = 2
node.conn[0].timeo.noop_out_timeout = 2
# END RECORD
REC
}

# records_from_discovery FILE RTMO - one record per discovered target.
records_from_discovery() {
	local portal target
	while read -r portal target; do
		[ -n "$target" ] && node_record "$target" 10.0.2.100 3260 \
			"${portal##*,}" "$2"
	done <"$1"
}

# disk_of SID - the sdX of session SID (empty if none).
disk_of() {
	local b
	for b in /sys/block/sd*; do
		[ -e "$b/device" ] || continue
		case $(readlink -f "$b/device") in
		*/session$1/*) echo "${b##*/}"; return 0 ;;
		esac
	done
}

# sids - the sids of every session in sysfs.
sids() {
	local s
	for s in /sys/class/iscsi_session/session*; do
		[ -e "$s" ] && echo "${s##*session}"
	done
}

# until_ok SECONDS CMD... - retry CMD every 100 ms (a hang guard).
until_ok() {
	local n=$(($1 * 10))
	shift
	while [ $n -gt 0 ]; do
		"$@" && return 0
		usleep 100000
		n=$((n - 1))
	done
	return 1
}

# log_file FILE - show FILE on the console for the host's log.
log_file() { sed "s/^/E2E-LOG: /" "$1"; }

# io_check DISK PATTERN BLOCK - write PATTERN at BLOCK, read it back past
# the page cache; prints what was read.
io_check() {
	printf '%s' "$2" | dd of="/dev/$1" bs=512 seek="$3" count=1 \
		conv=sync,fsync 2>/dev/null || return 1
	blockdev --flushbufs "/dev/$1"
	echo 3 >/proc/sys/vm/drop_caches
	dd if="/dev/$1" bs=512 skip="$3" count=1 2>/dev/null | head -c 32
}
