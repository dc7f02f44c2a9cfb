#!/bin/bash
# SPDX-License-Identifier: MIT
# gen_initramfs_tools.test.sh - root on iSCSI through Debian's own
# mkinitramfs with iscsibox's initramfs-tools hook and boot script (as
# cmake --install puts them) and no open-iscsi file in the image: the
# kernel command line open-iscsi's script reads, root=iscsi: with mutual
# CHAP, iscsi_initiator= and ip=dhcp; then the same image with iscsi_auto
# and an iBFT (qemu -acpitable) naming the target with the same secrets:
# iscsistart -N, -f, -b. Each booted root must be on the session's disk,
# with exactly one session, which the root's iscsid adopts and a clean
# shutdown logs out (tests/e2e/lib/genroot.sh).

SRC=${ISCSIBOX_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
export ISCSIBOX_SRC=$SRC
. "$SRC/tests/e2e/lib/genroot.sh"
gr_begin mkinitramfs

target=$TGTD_IQN:root-it
ini=iqn.2005-03.org.example.boot:it-$RANDOM
user=boot-user-$RANDOM secret=Sec-$RANDOM-initiator
tuser=target-$RANDOM tsecret=Sec-$RANDOM-target
gr_rootfs "$T_TMP/root.img"
tgtd_add_target 1 "$target" "$T_TMP/root.img" &&
	tgtd_chap_mutual 1 "$user" "$secret" "$tuser" "$tsecret" ||
	t_die "cannot configure tgtd"

gr_mkinitramfs "$T_TMP/initrd.img" || t_die "mkinitramfs failed"
gr_check_image initramfs-tools "$T_TMP/initrd.img" iscsistart
t_check_eq "initramfs-tools: our boot script is in the image" \
	"$(test -x "$T_TMP/unpacked/scripts/local-top/iscsibox" -o \
		-x "$T_TMP/unpacked/main/scripts/local-top/iscsibox" && echo yes)" yes

gr_boot initramfs-tools "$T_TMP/initrd.img" \
	"root=iscsi:$user:$secret:$tuser:$tsecret@${GR_PORTAL%:*}::${GR_PORTAL#*:}:1:$target iscsi_initiator=$ini ip=dhcp ro" \
	"$target"

MKTABLE=${ISCSIBOX_TOOLS:-$SRC/build/dev/tests/tools}/ibft_mktable
if [ -x "$MKTABLE" ]; then
	# virtio-net is the first PCI device after the chipset: 00:02.0
	"$MKTABLE" "$T_TMP/ibft.bin" ini="$ini" mac=52:54:00:12:34:56 \
		ip=10.0.2.15 prefix=24 gw=10.0.2.2 bdf=00:02.0 \
		"tgt=3,${GR_PORTAL%:*},${GR_PORTAL#*:},1,$target,$user,$secret,$tuser,$tsecret" ||
		t_die "cannot write the iBFT"
	VM_QEMU_ARGS=(-acpitable "file=$T_TMP/ibft.bin")
	gr_boot "initramfs-tools iBFT" "$T_TMP/initrd.img" \
		"iscsi_auto root=/dev/sda ro" "$target"
	VM_QEMU_ARGS=()
else
	t_fail "no $MKTABLE: the iBFT boot was not tried"
fi
t_done
