# SPDX-License-Identifier: MIT
# vm.sh - boot the Debian kernel under qemu for one e2e test. The guest is
# driven by "e2e.KEY=VALUE" words on the kernel command line and answers
# with "E2E: key=value" lines on its serial console (see
# initramfs/init.sh). Networking is qemu's user mode with restrict=on:
# the guest can reach nothing but 10.0.2.100:3260, and every connection
# it opens there gets its own socat to the host's 127.0.0.1:PORT (a tgtd
# on loopback). KVM is not used: TCG works everywhere.
# Needs tests/lib/common.sh (T_TMP) and kernel.sh (kernel_prepare done).

VM_LOG=
VM_PORTAL=10.0.2.100:3260
VM_SECONDS=
VM_QEMU_ARGS=()		# extra qemu options, e.g. (-acpitable file=ibft.bin)
VM_FWD=			# guestfwd command instead of socat to 127.0.0.1:PORT
VM_MEM=256M

# vm_initramfs OUT [mkinitramfs options...] - build the guest's image for
# the prepared kernel.
vm_initramfs() {
	local out=$1
	shift
	bash "$ISCSIBOX_SRC/initramfs/mkinitramfs.sh" -o "$out" \
		-k "$KERNEL_ROOT" -V "$KERNEL_VERSION" -D "$KERNEL_MODDEP" "$@"
}

# vm_run INITRD PORT "e2e.k=v ..." - boot, wait for power-off (at most
# $VM_TIMEOUT s, default 400: a hang guard, not a speed bound), leave the
# console in $VM_LOG and the run time in $VM_SECONDS. PORT is the host
# port behind 10.0.2.100:3260, or "" for no network; VM_FWD replaces the
# forwarder (a target inside a namespace, see tests/e2e/lib/genroot.sh).
# Returns qemu's status (124 = timed out).
vm_run() {
	local initrd=$1 port=$2 params=$3 net t0 rc fwd
	VM_LOG="$T_TMP/console.log"
	net="user,id=n0,restrict=on"
	# ",," is a literal comma inside the -netdev option string
	fwd=${VM_FWD:-"cmd:socat STDIO TCP:127.0.0.1:$port,,nodelay"}
	[ -n "$port" ] && net="$net,guestfwd=tcp:$VM_PORTAL-$fwd"
	t0=$(t_now)
	timeout -k 5 "${VM_TIMEOUT:-400}" qemu-system-x86_64 \
		-accel tcg -m "$VM_MEM" -smp 1 -no-reboot \
		-nodefaults -display none -monitor none \
		-serial "file:$VM_LOG" \
		-kernel "$KERNEL_VMLINUX" -initrd "$initrd" \
		-append "console=ttyS0 quiet panic=-1 $params" \
		-netdev "$net" -device virtio-net-pci,netdev=n0,romfile= \
		-device virtio-rng-pci "${VM_QEMU_ARGS[@]}" \
		</dev/null >"$T_TMP/qemu.err" 2>&1
	rc=$?
	VM_SECONDS=$(t_elapsed "$t0")
	[ $rc -eq 0 ] || cat "$T_TMP/qemu.err" >&2
	return $rc
}

# vm_markers - every "key=value" the guest reported, in order.
vm_markers() {
	tr -d '\r' <"$VM_LOG" | sed -n 's/^E2E: //p'
}

# vm_marker KEY - the last value reported for KEY (empty if none).
vm_marker() {
	vm_markers | sed -n "s/^$1=//p" | tail -n 1
}

# vm_output CASE SIDE STREAM - the guest's "E2E-B64: CASE.SIDE.STREAM"
# lines decoded into a file under $T_TMP; prints its name (a line garbled
# on the console is marked there, so a compare fails).
vm_output() {
	local f="$T_TMP/$1.$2.$3"
	tr -d '\r' <"$VM_LOG" | sed -n "s/^E2E-B64: $1\.$2\.$3 //p" |
		base64 -d >"$f" 2>/dev/null ||
		echo "<<$2: console text not base64>>" >>"$f"
	echo "$f"
}

# vm_show_console [LINES] - the end of the console, for a failed test.
vm_show_console() {
	echo "--- guest console (last ${1:-60} lines) ---" >&2
	tr -d '\r' <"$VM_LOG" | tail -n "${1:-60}" >&2
	echo "---" >&2
}
