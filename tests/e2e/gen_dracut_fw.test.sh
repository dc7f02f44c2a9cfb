#!/bin/bash
# SPDX-License-Identifier: MIT
# gen_dracut_fw.test.sh - root on iSCSI through Debian's own dracut 059
# from firmware: an iBFT (qemu -acpitable) names the initiator, the NIC
# and the root target with one-way CHAP; the command line only says
# rd.iscsi.firmware=1 ip=ibft. dracut's 95iscsi then runs iscsiadm -m fw
# and iscsiadm -m fw -l -W, which need a running iscsid: its firmware
# path starts none itself, so the image is built with the systemd
# modules and iscsid comes up by socket activation from our units (the
# same holds for open-iscsi). iscsibox's programs and units only, no
# open-iscsi file in the image; the booted root must be on the session's
# disk with exactly one session, which the root's iscsid adopts and a
# clean shutdown logs out (tests/e2e/lib/genroot.sh).

SRC=${ISCSIBOX_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
export ISCSIBOX_SRC=$SRC
. "$SRC/tests/e2e/lib/genroot.sh"
. "$SRC/tests/e2e/lib/fw.sh"
fw_need_mktable
gr_begin dracut

target=$TGTD_IQN:root-dracut-fw
ini=iqn.2009-11.org.example.fw:dracut-$RANDOM
user=fw-user-$RANDOM secret=Sec-$RANDOM-dracutfw
gr_rootfs "$T_TMP/root.img"
tgtd_add_target 1 "$target" "$T_TMP/root.img" &&
	tgtd_chap_oneway 1 "$user" "$secret" ||
	t_die "cannot configure tgtd"
fw_table "$T_TMP/ibft.bin" "$ini" \
	"3,${GR_PORTAL%:*},${GR_PORTAL#*:},1,$target,$user,$secret" ||
	t_die "cannot write the iBFT"

mods="base udev-rules kernel-modules rootfs-block network-legacy network"
mods="$mods iscsi systemd systemd-initrd dracut-systemd"
img=$T_TMP/initrd-fw.img
# ip=ibft: dracut turns the iBFT NIC into ip= with awk's and(), which
# Debian's default awk (mawk) lacks: every NIC is skipped and the network
# never comes up (for open-iscsi too). A system booting this way needs
# gawk; here busybox's awk, which has and(), goes into the image.
GR_AWK=$(command -v busybox)
gr_dracut "$img" $mods || t_die "dracut failed"
gr_check_image "dracut iBFT" "$img" iscsiadm iscsid
VM_MEM=384M gr_boot "dracut iBFT" "$img" \
	"rd.iscsi.firmware=1 ip=ibft root=/dev/sda ro" "$target"
VM_QEMU_ARGS=()
t_done
