#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# demo.sh - the main job on its built-in default: build the static
# iscsibox, serve an ext4 demo disk from tgtd on 127.0.0.1, boot Debian's
# kernel under qemu with an initramfs holding only iscsibox and busybox,
# log in with `iscsistart`, mount the iSCSI disk and show it.
# Nothing of the host's root file system is touched: tgtd and qemu run in
# a private network namespace, files live in a temp dir.
# usage: bash initramfs/demo.sh   (as root on Debian 12)
set -euo pipefail
SRC=$(cd "$(dirname "$0")/.." && pwd)
export ISCSIBOX_SRC=$SRC

if [ -z "${ISCSITEST_NETNS:-}" ]; then
	bash "$SRC/toolchain/setup.sh"
	(cd "$SRC" && cmake --preset static >/dev/null &&
		cmake --build --preset static)
fi
export ISCSIBOX=$SRC/build/static/iscsibox

set +e
. "$SRC/tests/lib/common.sh"
. "$SRC/tests/lib/tgtd.sh"
. "$SRC/tests/e2e/lib/kernel.sh"
. "$SRC/tests/e2e/lib/vm.sh"
set -e

kernel_prepare || t_die "cannot prepare the Debian kernel"
t_enter_netns "$0" "$@"
t_setup

target="iqn.2024-01.org.iscsibox:demo"
initiator="iqn.2024-01.org.iscsibox:guest"
echo "== demo disk: 16 MiB ext4 with hello.txt"
mkdir "$T_TMP/fs"
echo "Hello from an iSCSI disk, logged in by iscsibox." >"$T_TMP/fs/hello.txt"
mkfs.ext4 -q -F -L iscsidemo -d "$T_TMP/fs" "$T_TMP/demo.img" 16M >/dev/null

echo "== tgtd on 127.0.0.1 (private network namespace)"
tgtd_start
tgtadm_c --mode target --op new --tid 1 --targetname "$target"
tgtadm_c --mode logicalunit --op new --tid 1 --lun 1 \
	--backing-store "$T_TMP/demo.img"
tgtadm_c --mode target --op bind --tid 1 --initiator-address ALL
ss -Hltn | sed 's/^/   listening: /'

echo "== initramfs: busybox + iscsibox ($(stat -c %s "$ISCSIBOX") bytes)"
vm_initramfs "$T_TMP/initrd.cpio" -m "$SRC/initramfs/modules.list" \
	-m "$SRC/initramfs/demo.modules.list" \
	-b "$ISCSIBOX:/bin/iscsibox" -l /bin/iscsibox:/bin/iscsistart \
	-l /bin/iscsibox:/bin/iscsiadm \
	-f "$SRC/initramfs/demo-guest.sh:test.sh"

echo "== booting Debian $KERNEL_VERSION under qemu (TCG)"
rc=0
vm_run "$T_TMP/initrd.cpio" "$TGTD_PORT" \
	"e2e.initiator=$initiator e2e.target=$target" || rc=$?
tr -d '\r' <"$VM_LOG" | sed -n 's/^DEMO: //p'
echo "== qemu ran ${VM_SECONDS}s"
if [ "$rc" -ne 0 ] || [ "$(vm_marker demo)" != ok ]; then
	echo "demo FAILED; guest console:" >&2
	vm_show_console 40
	exit 1
fi
echo "demo OK"
