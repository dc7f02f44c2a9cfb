#!/bin/bash
# SPDX-License-Identifier: MIT
# gen_dracut.test.sh - root on iSCSI through Debian's own dracut 059
# (module 95iscsi, which drives iscsid and iscsiadm) with iscsibox's
# programs and units in place of open-iscsi's and no open-iscsi file in
# the image, first without systemd, then with it (iscsid started by
# socket activation from our units). netroot=iscsi: with one-way CHAP
# through rd.iscsi.username/password, rd.iscsi.initiator=, ip=dhcp. Each
# booted root must be on the session's disk, with exactly one session,
# which the root's iscsid adopts and a clean shutdown logs out
# (tests/e2e/lib/genroot.sh).

SRC=${ISCSIBOX_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
export ISCSIBOX_SRC=$SRC
. "$SRC/tests/e2e/lib/genroot.sh"
gr_begin dracut

target=$TGTD_IQN:root-dracut
user=dracut-user-$RANDOM secret=Sec-$RANDOM-dracut
gr_rootfs "$T_TMP/root.img"
tgtd_add_target 1 "$target" "$T_TMP/root.img" &&
	tgtd_chap_oneway 1 "$user" "$secret" ||
	t_die "cannot configure tgtd"
base="base udev-rules kernel-modules rootfs-block network-legacy network iscsi"
params="root=/dev/sda rd.neednet=1 ip=dhcp"
params="$params netroot=iscsi:${GR_PORTAL%:*}::${GR_PORTAL#*:}:1:$target"
params="$params rd.iscsi.username=$user rd.iscsi.password=$secret ro"

for variant in plain systemd; do
	mods=$base
	[ $variant = systemd ] && mods="$mods systemd systemd-initrd dracut-systemd"
	name="dracut ($variant)"
	img=$T_TMP/initrd-$variant.img
	gr_dracut "$img" $mods || { t_fail "$name: dracut failed"; continue; }
	gr_check_image "$name" "$img" iscsiadm iscsid
	VM_MEM=384M gr_boot "$name" "$img" \
		"$params rd.iscsi.initiator=iqn.1994-05.com.example:$variant-$RANDOM" \
		"$target"
done
t_done
