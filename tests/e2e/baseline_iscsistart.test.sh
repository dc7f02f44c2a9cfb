#!/bin/bash
# SPDX-License-Identifier: MIT
# baseline_iscsistart.test.sh - proves the qemu harness with the reference
# initiator: Debian's own iscsistart (dynamic, copied with its libraries)
# boots in the Debian kernel, logs in without authentication to a tgtd on
# the host's loopback, and uses the disk. The data is checked on both
# sides: the guest reads a pattern the host put in the LUN file, and the
# host finds the guest's pattern in the LUN file after the VM is gone.
# Prints the guest's login->disk time: the number iscsibox is measured
# against.

SRC=${ISCSIBOX_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
export ISCSIBOX_SRC=$SRC
. "$SRC/tests/lib/common.sh"
. "$SRC/tests/lib/tgtd.sh"
. "$SRC/tests/e2e/lib/kernel.sh"
. "$SRC/tests/e2e/lib/vm.sh"

t_require_root_tools qemu-system-x86_64 tgtd tgtadm socat cpio depmod \
	xz busybox ss unshare
if ! command -v iscsistart >/dev/null; then
	apt-get install -y open-iscsi >&2 || {
		echo "skip: open-iscsi (iscsistart) not installable" >&2
		exit 77
	}
fi
# Fetch before entering the network namespace, which has no route out.
kernel_prepare || t_die "cannot prepare the Debian kernel"
t_enter_netns "$0" "$@"
t_setup

tgtd_start
target="$TGTD_IQN:baseline"
tgtd_add_target 1 "$target" || t_die "cannot create the target"
lun="$T_TMP/lun1.img"

hostpat=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')
guestpat=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')
printf '%s' "$hostpat" | dd of="$lun" conv=notrunc 2>/dev/null

vm_initramfs "$T_TMP/initrd.cpio" -b "$(command -v iscsistart)" \
	-f "$SRC/tests/e2e/guest/baseline_iscsistart.sh:test.sh" ||
	t_die "cannot build the initramfs"

params="e2e.initiator=iqn.2024-01.org.iscsibox:guest e2e.target=$target"
vm_run "$T_TMP/initrd.cpio" "$TGTD_PORT" "$params e2e.guestpat=$guestpat"
t_check_rc "qemu ran to power-off" $? 0

t_check_eq "iscsistart exit code" "$(vm_marker login_rc)" 0
t_check_eq "disk appeared" "$(vm_marker disk | grep -c '^sd[a-z]')" 1
t_check_eq "disk size (1 MiB LUN)" "$(vm_marker size_sectors)" 2048
t_check_eq "guest read the host's pattern" "$(vm_marker read)" "$hostpat"
t_check_eq "guest read back its own pattern" "$(vm_marker readback)" \
	"$guestpat"
t_check_eq "guest's pattern reached the target's LUN file" \
	"$(dd if="$lun" bs=512 skip=128 count=1 2>/dev/null | head -c 32)" \
	"$guestpat"
t_check_eq "guest script finished" "$(vm_marker test_rc)" 0
[ "$T_FAILS" -eq 0 ] && [ -z "${E2E_VERBOSE:-}" ] || vm_show_console

printf '# baseline iscsistart: login->disk %s ms, I/O %s ms, %s\n' \
	"$(vm_marker login_to_disk_ms)" "$(vm_marker io_ms)" \
	"boot->init $(vm_marker init_ms) ms, qemu run $VM_SECONDS s" >&2
t_done
