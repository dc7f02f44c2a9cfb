#!/bin/bash
# SPDX-License-Identifier: MIT
# fake-sysfs.sh - build a sysfs tree that looks like the one the kernel's
# scsi_transport_iscsi + iscsi_tcp expose for logged-in sessions, so that
# "iscsiadm -m session|host" (Debian's and ours) can be run against the
# same, known sessions without any kernel module:
#   devices/platform/hostH/{scsi_host,iscsi_host}/hostH/...
#   devices/platform/hostH/sessionS/iscsi_session/sessionS/...
#   devices/platform/hostH/sessionS/connectionS:0/iscsi_connection/...
#   devices/platform/hostH/sessionS/targetH:0:T/H:0:T:L/{state,block/sdX}
#   class/{iscsi_session,iscsi_connection,iscsi_host,scsi_host,
#          iscsi_transport}/... and bus/scsi/devices/H:0:T:L (symlinks)
#   module/scsi_transport_iscsi/version
# Usage:
#   fake-sysfs.sh build SCENARIO DIR      build the tree under DIR
#   fake-sysfs.sh run SCENARIO ETCDIR CMD [ARGS...]
#       run CMD in a private mount namespace where /sys is a tmpfs holding
#       the SCENARIO tree, /etc/iscsi is ETCDIR (bind) and /run/lock a
#       tmpfs; the host's /sys, /etc/iscsi and /run are never written.
#   fake-sysfs.sh list                    print the scenario names
# Scenarios: none (transport only), two (two sessions on hosts 2 and 3,
# the layout of a tgtd with two targets of LUN 0 + LUN 1), mixed (sessions
# 1, 2 and 10 with the same target twice, an IPv6 portal, a firmware
# session, CHAP names, digests, missing timeouts, a failed session and a
# host with netdev and hwaddress set), lone (one session whose host has no
# SCSI target yet).

# fs_w FILE VALUE - write an attribute as the kernel shows it (value + \n).
fs_w() {
	mkdir -p "$(dirname "$1")"
	printf '%s\n' "$2" >"$1"
}

# fs_base R - what exists as soon as scsi_transport_iscsi and iscsi_tcp
# are loaded: the tcp transport and the empty classes.
fs_base() {
	local r=$1 c
	mkdir -p "$r/devices/virtual/iscsi_transport/tcp" "$r/bus/scsi/devices" \
		"$r/devices/platform"
	fs_w "$r/module/scsi_transport_iscsi/version" "2.0-870"
	fs_w "$r/devices/virtual/iscsi_transport/tcp/handle" \
		"18446744072640841920"
	fs_w "$r/devices/virtual/iscsi_transport/tcp/caps" "0x39"
	for c in iscsi_transport iscsi_session iscsi_connection iscsi_host \
		scsi_host iscsi_iface iscsi_endpoint; do
		mkdir -p "$r/class/$c"
	done
	ln -s ../../devices/virtual/iscsi_transport/tcp \
		"$r/class/iscsi_transport/tcp"
}

# fs_host R H - an iscsi_tcp SCSI host. Overrides (environment):
# H_NETDEV H_HWADDR H_IP H_INAME (default "(null)", as iscsi_tcp shows
# unset strings; H_IP defaults to 127.0.0.1), H_STATE (running).
fs_host() {
	local r=$1 h=$2 d="$1/devices/platform/host$2"
	[ -d "$d/scsi_host" ] && return 0
	mkdir -p "$d"
	ln -sfn ../../../bus/scsi "$d/subsystem"
	fs_w "$d/scsi_host/host$h/proc_name" iscsi_tcp
	fs_w "$d/scsi_host/host$h/state" "${H_STATE:-running}"
	fs_w "$d/scsi_host/host$h/scan" ""
	ln -sfn "../../devices/platform/host$h/scsi_host/host$h" \
		"$r/class/scsi_host/host$h"
	fs_w "$d/iscsi_host/host$h/netdev" "${H_NETDEV:-(null)}"
	fs_w "$d/iscsi_host/host$h/hwaddress" "${H_HWADDR:-(null)}"
	fs_w "$d/iscsi_host/host$h/ipaddress" "${H_IP:-127.0.0.1}"
	fs_w "$d/iscsi_host/host$h/initiatorname" "${H_INAME:-(null)}"
	ln -sfn "../../devices/platform/host$h/iscsi_host/host$h" \
		"$r/class/iscsi_host/host$h"
}

# fs_session R SID H TARGET ADDR PORT TPGT - session SID on host H with
# its connection SID:0. Overrides (environment): S_STATE (LOGGED_IN),
# S_CREATOR (4242; -1 = made by firmware), S_USER S_PASS S_USER_IN
# S_PASS_IN (default "(null)"), S_TMO=none (no timeout attributes),
# S_IFACE (default), S_INAME, S_CUR_ADDR / S_CUR_PORT (current portal
# when it differs from the persistent one), S_HDGST S_DDGST (0|1),
# S_MRDSL S_MXDSL, S_FBL S_MBL, S_IMM S_R2T, S_LUNS ("0 1": LUN 0 has no
# disk, the others get S_DISK, then the next letters), S_DISK (sdb),
# S_TID (target id, 0), S_LUN_STATE (running).
fs_session() {
	local r=$1 sid=$2 h=$3 tn=$4 ip=$5 port=$6 tpgt=$7
	local d="$1/devices/platform/host$3" s ss c t lun disk luns
	fs_host "$r" "$h"
	s=$d/session$sid
	ss=$s/iscsi_session/session$sid
	fs_w "$ss/targetname" "$tn"
	fs_w "$ss/tpgt" "$tpgt"
	fs_w "$ss/state" "${S_STATE:-LOGGED_IN}"
	fs_w "$ss/creator" "${S_CREATOR:-4242}"
	if [ "${S_TMO:-}" != none ]; then
		fs_w "$ss/recovery_tmo" "${S_RECOVERY_TMO:-120}"
		fs_w "$ss/abort_tmo" 15
		fs_w "$ss/lu_reset_tmo" 30
		fs_w "$ss/tgt_reset_tmo" 30
	fi
	fs_w "$ss/username" "${S_USER:-(null)}"
	fs_w "$ss/password" "${S_PASS:-(null)}"
	fs_w "$ss/username_in" "${S_USER_IN:-(null)}"
	fs_w "$ss/password_in" "${S_PASS_IN:-(null)}"
	fs_w "$ss/initiatorname" \
		"${S_INAME:-iqn.1993-08.org.debian:01:c3123f82cd50}"
	fs_w "$ss/ifacename" "${S_IFACE:-default}"
	fs_w "$ss/first_burst_len" "${S_FBL:-65536}"
	fs_w "$ss/max_burst_len" "${S_MBL:-262144}"
	fs_w "$ss/immediate_data" "${S_IMM:-1}"
	fs_w "$ss/initial_r2t" "${S_R2T:-0}"
	fs_w "$ss/max_outstanding_r2t" 1
	fs_w "$ss/erl" 0
	fs_w "$ss/data_pdu_in_order" 1
	fs_w "$ss/data_seq_in_order" 1
	fs_w "$ss/fast_abort" 1
	fs_w "$ss/target_id" "${S_TID:-0}"
	fs_w "$ss/isid" 00023d000001
	ln -sfn "../../../session$sid" "$ss/device"
	ln -sfn "../../devices/platform/host$h/session$sid/iscsi_session/session$sid" \
		"$r/class/iscsi_session/session$sid"

	c=$s/connection$sid:0/iscsi_connection/connection$sid:0
	fs_w "$c/persistent_address" "$ip"
	fs_w "$c/persistent_port" "$port"
	fs_w "$c/address" "${S_CUR_ADDR:-$ip}"
	fs_w "$c/port" "${S_CUR_PORT:-$port}"
	fs_w "$c/max_recv_dlength" "${S_MRDSL:-262144}"
	fs_w "$c/max_xmit_dlength" "${S_MXDSL:-262144}"
	fs_w "$c/header_digest" "${S_HDGST:-0}"
	fs_w "$c/data_digest" "${S_DDGST:-0}"
	fs_w "$c/exp_statsn" 7
	fs_w "$c/ping_tmo" 5
	fs_w "$c/recv_tmo" 5
	fs_w "$c/state" up
	ln -sfn "../../devices/platform/host$h/session$sid/connection$sid:0/iscsi_connection/connection$sid:0" \
		"$r/class/iscsi_connection/connection$sid:0"

	luns=${S_LUNS-0 1}
	[ -n "$luns" ] || return 0
	t=$s/target$h:0:${S_TID:-0}
	disk=${S_DISK:-sdb}
	for lun in $luns; do
		local dev=$t/$h:0:${S_TID:-0}:$lun
		fs_w "$dev/state" "${S_LUN_STATE:-running}"
		ln -sfn ../../../../../../bus/scsi "$dev/subsystem"
		ln -sfn "../../../devices/platform/host$h/session$sid/target$h:0:${S_TID:-0}/$h:0:${S_TID:-0}:$lun" \
			"$r/bus/scsi/devices/$h:0:${S_TID:-0}:$lun"
		[ "$lun" = 0 ] && continue
		mkdir -p "$dev/block/$disk"
		disk=$(fs_next_disk "$disk")
	done
}

# fs_next_disk sdX - the name the kernel gives the next disk (sdb -> sdc).
fs_next_disk() {
	local last=${1: -1} abc=abcdefghijklmnopqrstuvwxyz
	local i=${abc%%"$last"*}
	printf '%s%s\n' "${1%?}" "${abc:$((${#i} + 1)):1}"
}

fs_scenario_none() { fs_base "$1"; }

fs_scenario_two() {
	fs_base "$1"
	fs_session "$1" 1 2 iqn.2024-01.test.local:disk1 127.0.0.1 3260 1
	S_DISK=sdc fs_session "$1" 2 3 iqn.2024-01.test.local:disk2 \
		127.0.0.1 3260 1
}

fs_scenario_mixed() {
	local r=$1
	fs_base "$r"
	# sid 10 sorts before sid 2 (alphasort), and repeats sid 1's target
	# and portal on the same host.
	fs_session "$r" 1 2 iqn.2024-01.test.local:disk1 127.0.0.1 3260 1
	S_DISK=sde S_TID=1 S_LUNS="0 1 2" \
		fs_session "$r" 10 2 iqn.2024-01.test.local:disk1 \
		127.0.0.1 3260 1
	H_NETDEV=eth0 H_HWADDR=52:54:00:12:34:56 H_IP=::1 \
		H_INAME=iqn.2024-01.test.local:host3 S_DISK=sdc \
		S_USER=alice S_PASS=s3cret S_USER_IN=tgt S_PASS_IN=back \
		S_HDGST=1 S_DDGST=1 S_IMM=0 S_R2T=1 S_CUR_PORT=3261 \
		fs_session "$r" 2 3 iqn.2024-01.test.local:disk2 ::1 3260 2
	S_CREATOR=-1 S_TMO=none S_STATE=FAILED S_LUNS="0" S_IFACE=bnx2i.00 \
		fs_session "$r" 3 4 iqn.2024-01.test.local:fw \
		192.168.0.10 3260 1
}

fs_scenario_lone() {
	fs_base "$1"
	S_LUNS="" fs_session "$1" 7 5 iqn.2024-01.test.local:lone \
		127.0.0.1 3260 1
}

fs_build() {
	local scen=$1 dir=$2
	declare -F "fs_scenario_$scen" >/dev/null || {
		echo "fake-sysfs: unknown scenario '$scen'" >&2
		return 2
	}
	mkdir -p "$dir"
	"fs_scenario_$scen" "$dir"
}

fs_main() {
	local cmd=${1:-}
	case $cmd in
	list)
		declare -F | sed -n 's/^declare -f fs_scenario_//p'
		;;
	build)
		[ $# -eq 3 ] || { echo "usage: $0 build SCENARIO DIR" >&2; exit 2; }
		fs_build "$2" "$3"
		;;
	run)
		[ $# -ge 4 ] || {
			echo "usage: $0 run SCENARIO ETCDIR CMD [ARGS...]" >&2
			exit 2
		}
		[ -d "$3" ] || { echo "$0: $3: not a directory" >&2; exit 2; }
		shift
		exec unshare --mount --propagation private \
			bash "${BASH_SOURCE[0]}" --inside "$@"
		;;
	--inside)
		local scen=$2 etc=$3
		shift 3
		mount -t tmpfs -o mode=0755 fake-sysfs /sys || exit 125
		fs_build "$scen" /sys || exit 125
		mount --bind "$etc" /etc/iscsi || exit 125
		if [ -d /run/lock ]; then
			mount -t tmpfs fake-sysfs-lock /run/lock || exit 125
		fi
		set +e
		exec "$@"
		;;
	*)
		echo "usage: $0 build|run|list ..." >&2
		exit 2
		;;
	esac
}

# Sourced: only define the functions.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
	set -e
	fs_main "$@"
fi
