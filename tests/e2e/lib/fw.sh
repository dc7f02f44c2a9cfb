# SPDX-License-Identifier: MIT
# fw.sh - host side shared by the firmware boot VM test and benchmark:
# the iBFT table for qemu's -acpitable (tests/tools/ibft_mktable) and the
# guest image with ours under every applet name, Debian's tools, the
# iscsi_ibft modules kept aside in /lib/extra (not loaded at boot) and the
# guest helpers.  Source after iscsistart.sh.

FW_MKTABLE=${ISCSIBOX_TOOLS:-$ISCSIBOX_SRC/build/dev/tests/tools}/ibft_mktable

# fw_need_mktable - skip (77) without the table tool.
fw_need_mktable() {
	[ -x "$FW_MKTABLE" ] || { echo "skip: no $FW_MKTABLE" >&2; exit 77; }
}

# fw_table OUT INITIATOR TGT... - a table for eth0 (qemu's first NIC:
# 52:54:00:12:34:56 at PCI 00:02.0) as 10.0.2.15/24, gateway 10.0.2.2,
# address origin $FW_ORIGIN (default 1, manual; 3 is DHCP), with targets
# as ibft_mktable takes them; sets VM_QEMU_ARGS.
fw_table() {
	local out=$1 ini=$2 t args=()
	shift 2
	for t in "$@"; do
		args+=("tgt=$t")
	done
	"$FW_MKTABLE" "$out" "ini=$ini" mac=52:54:00:12:34:56 ip=10.0.2.15 \
		prefix=24 gw=10.0.2.2 bdf=00:02.0 "origin=${FW_ORIGIN:-1}" \
		"${args[@]}" || return 1
	VM_QEMU_ARGS=(-acpitable "file=$out")
}

# fw_initramfs OUT GUEST_SCRIPT [DEBIAN_TOOL...] - the guest image.
fw_initramfs() {
	local out=$1 guest=$2 t deb=() mods
	shift 2
	for t in "$@"; do
		deb+=(-b "$(command -v "$t"):/debian/$t")
	done
	mods=$KERNEL_ROOT/lib/modules/$KERNEL_VERSION/kernel/drivers
	vm_initramfs "$out" -b "$ISCSIBOX:/bin/iscsibox" \
		-l /bin/iscsibox:/bin/iscsiadm \
		-l /bin/iscsibox:/bin/iscsistart -l /bin/iscsibox:/bin/iscsid \
		"${deb[@]}" \
		-f "$mods/scsi/iscsi_boot_sysfs.ko:lib/extra/iscsi_boot_sysfs.ko" \
		-f "$mods/firmware/iscsi_ibft.ko:lib/extra/iscsi_ibft.ko" \
		-f "$ISCSIBOX_SRC/tests/e2e/guest/iscsistart_lib.sh:lib/iscsistart_lib.sh" \
		-f "$ISCSIBOX_SRC/tests/e2e/guest/iscsid_lib.sh:lib/iscsid_lib.sh" \
		-f "$guest:test.sh"
}
