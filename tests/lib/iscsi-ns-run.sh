#!/bin/bash
# SPDX-License-Identifier: MIT
# iscsi-ns-run.sh - run one command in a private mount namespace that looks
# like a host with iscsi_tcp loaded, without touching the real host:
#   /sys        a tmpfs holding only /sys/class/iscsi_transport/tcp (handle,
#               caps 0x39), empty iscsi_session/host/connection classes
#               and this network namespace's own class/net (iface
#               binding looks NICs up by MAC there)
#   /etc/iscsi  ETCDIR bind-mounted (initiatorname.iscsi, nodes/, ...)
#   /run/lock   a tmpfs (iscsiadm's database lock lives there)
# Usage: iscsi-ns-run.sh ETCDIR CMD [ARGS...]
# Only mounts inside the new namespace change; the host's /sys and
# /etc/iscsi are never written. The network namespace is inherited.

if [ "${1:-}" != "--inside" ]; then
	[ $# -ge 2 ] || {
		echo "usage: $0 ETCDIR CMD [ARGS...]" >&2
		exit 2
	}
	[ -d "$1" ] || {
		echo "$0: $1: not a directory" >&2
		exit 2
	}
	exec unshare --mount --propagation private bash "$0" --inside "$@"
fi
shift
etc=$1
shift

fake_sysfs() {
	local s=/sys t=/sys/devices/virtual/iscsi_transport/tcp c real
	# A sysfs mounted here shows the NICs of this network namespace.
	real=$(mktemp -d /tmp/iscsi-ns-sys.XXXXXX) || return 1
	mount -t sysfs iscsi-test-realsys "$real" || return 1
	mount -t tmpfs -o mode=0755 iscsi-test-sys "$s" || return 1
	mkdir -p "$s/class/net" "$s/devices/virtual/net"
	mount --bind "$real/class/net" "$s/class/net" &&
		mount --bind "$real/devices/virtual/net" \
			"$s/devices/virtual/net" || return 1
	umount "$real" && rmdir "$real"
	mkdir -p "$t" "$s/class/iscsi_transport" "$s/module/scsi_transport_iscsi"
	# handle: the kernel's transport pointer as decimal u64 (any value
	# works without the module); caps 0x39 = iscsi_tcp's capabilities.
	echo 18446744072640841920 >"$t/handle"
	echo 0x39 >"$t/caps"
	echo 2.0-870 >"$s/module/scsi_transport_iscsi/version"
	ln -s ../../devices/virtual/iscsi_transport/tcp \
		"$s/class/iscsi_transport/tcp"
	for c in iscsi_session iscsi_connection iscsi_host scsi_host \
		iscsi_iface iscsi_endpoint; do
		mkdir -p "$s/class/$c"
	done
	mkdir -p "$s/bus/scsi/devices" "$s/devices/platform"
}

[ -d /etc/iscsi ] || {
	echo "iscsi-ns-run: /etc/iscsi missing (install open-iscsi)" >&2
	exit 125
}
fake_sysfs || {
	echo "iscsi-ns-run: cannot mount the fake /sys" >&2
	exit 125
}
mount --bind "$etc" /etc/iscsi || exit 125
if [ -d /run/lock ]; then
	mount -t tmpfs iscsi-test-lock /run/lock || exit 125
fi
exec "$@"
