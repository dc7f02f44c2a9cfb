#!/bin/sh
# SPDX-License-Identifier: MIT
# genroot_init.sh - /sbin/init of the root file system that lives on the
# iSCSI LUN in the generator tests (tests/e2e/lib/genroot.sh). It runs
# after the distribution's initramfs switched to it and reports, as
# "E2E: key=value" console lines: which disk / is, the iSCSI sessions the
# kernel holds, then it starts iscsid (which must adopt the running root
# session), and shuts down cleanly: / read-only, the session logged out
# through iscsid, power off, all from a copy of the tools in /run because
# the root disk goes away with the logout.
export PATH=/bin:/sbin
mark() { echo "E2E: $*" >/dev/console; }

mount -t proc proc /proc 2>/dev/null
mount -t sysfs sysfs /sys 2>/dev/null
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mount -t tmpfs run /run
read -r up _ </proc/uptime
mark "root_init=$$"
mark "root_uptime=$up"

# / as MAJ:MIN and as a block device name
rootnum=$(awk '$5 == "/" { n = $3 } END { print n }' /proc/self/mountinfo)
rootdisk=none
for b in /sys/class/block/*; do
	[ "$(cat "$b/dev")" = "$rootnum" ] && rootdisk=${b##*/}
done
mark "root_disk=$rootdisk"
mark "root_mode=$(awk '$2 == "/" { split($4, o, ","); m = o[1] } END { print m }' /proc/mounts)"

n=0
for s in /sys/class/iscsi_session/session*; do
	[ -e "$s/targetname" ] || continue
	n=$((n + 1))
	sid=${s##*session}
	mark "session.$sid.target=$(cat "$s/targetname")"
	for d in "$s"/device/target*/*/block/*; do
		[ -e "$d" ] && mark "session.$sid.disk=${d##*/}"
	done
	iname=$(cat "$s/initiatorname")
done
mark "sessions=$n"

# An initramfs may leave its own iscsid running (dracut without systemd
# does); a distribution's iscsid unit replaces it, so this init does too.
for p in /proc/[0-9]*; do
	[ "$(cat "$p/comm" 2>/dev/null)" = iscsid ] || continue
	mark "initramfs_iscsid=running"
	kill "${p##*/}"
	while [ -e "$p" ]; do usleep 20000; done
done

mkdir -p /run/iscsi
echo "InitiatorName=$iname" >/run/initiatorname.iscsi
export ISCSI_DB_ROOT=/run/iscsi
iscsid -p /run/iscsid.pid -c /etc/iscsi/iscsid.conf \
	-i /run/initiatorname.iscsi
mark "iscsid_rc=$?"
mark "iscsid_pidfile=$( [ -s /run/iscsid.pid ] && kill -0 "$(cat /run/iscsid.pid)" && echo live)"
iscsiadm -m session >/run/session.out 2>&1
mark "iscsiadm_session_rc=$?"
sed 's/^/E2E-LOG: session: /' /run/session.out >/dev/console

# Shut down from /run: / goes away with the logout.
mkdir /run/bin
cp /bin/busybox /run/bin/busybox
for a in sh sync mount sed cat poweroff; do
	ln -s busybox "/run/bin/$a"
done
cp /sbin/iscsibox /run/bin/iscsiadm
cat >/run/shutdown.sh <<'EOS'
export PATH=/run/bin
mark() { echo "E2E: $*" >/dev/console; }
sync
mount -o remount,ro /
iscsiadm -m session -u >/run/logout.out 2>&1
mark "logout_rc=$?"
sed 's/^/E2E-LOG: logout: /' /run/logout.out >/dev/console
n=0
for s in /sys/class/iscsi_session/session*; do
	[ -e "$s" ] && n=$((n + 1))
done
mark "sessions_after_logout=$n"
mark "end"
poweroff -f
EOS
exec /run/bin/sh /run/shutdown.sh
