# SPDX-License-Identifier: MIT
# iscsid.sh - host side shared by the iscsid e2e tests: the common
# libraries, the start of a test (iscsid_test_begin), the guest image
# with the static iscsibox under every applet name, and waiting for a
# marker while the VM runs (for tests that act on the target meanwhile).
# Source it with ISCSIBOX_SRC set.

. "$ISCSIBOX_SRC/tests/lib/common.sh"
. "$ISCSIBOX_SRC/tests/lib/tgtd.sh"
. "$ISCSIBOX_SRC/tests/e2e/lib/kernel.sh"
. "$ISCSIBOX_SRC/tests/e2e/lib/vm.sh"

# iscsid_test_begin "$@" - skip unless $ISCSIBOX is static, require the
# tools, fetch the kernel, re-run the test in its own network namespace
# and make its temp dir.
iscsid_test_begin() {
	iscsid_static_or_skip
	t_require_root_tools qemu-system-x86_64 tgtd tgtadm socat cpio \
		depmod xz busybox ss unshare file
	kernel_prepare || t_die "cannot prepare the Debian kernel"
	t_enter_netns "$0" "$@"
	t_setup
}

# iscsid_bench_begin "$@" - the start of a benchmark beside Debian's
# iscsid: skip (77) unless $ISCSIBOX is static and the tools, Debian's
# open-iscsi (installed if missing: DEB_ISCSID, DEB_ISCSIADM,
# DEB_ISCSISTART) and the kernel are there; then its own network
# namespace and temp dir.
iscsid_bench_begin() {
	local c
	iscsid_static_or_skip
	for c in qemu-system-x86_64 tgtd tgtadm socat cpio depmod xz busybox \
		ss unshare file ldd python3; do
		command -v "$c" >/dev/null ||
			{ echo "skip: $c not installed" >&2; exit 77; }
	done
	if ! command -v iscsid >/dev/null ||
		! command -v iscsiadm >/dev/null; then
		apt-get install -y open-iscsi >&2 ||
			{ echo "skip: open-iscsi not installable" >&2; exit 77; }
	fi
	DEB_ISCSID=$(command -v iscsid)
	DEB_ISCSIADM=$(command -v iscsiadm)
	DEB_ISCSISTART=$(command -v iscsistart)
	kernel_prepare || { echo "skip: no Debian kernel" >&2; exit 77; }
	t_enter_netns "$0" "$@"
	t_setup
}

# iscsid_static_or_skip - VM tests need a static $ISCSIBOX.
iscsid_static_or_skip() {
	[ -n "${ISCSIBOX:-}" ] && [ -x "$ISCSIBOX" ] ||
		{ echo "skip: ISCSIBOX not set" >&2; exit 77; }
	file -L "$ISCSIBOX" | grep -q 'statically linked' ||
		{ echo "skip: $ISCSIBOX is not static" >&2; exit 77; }
}

# iscsid_initramfs OUT GUEST_SCRIPT [mkinitramfs options...] - image with
# iscsibox, its links, the guest script as /test.sh and the shared guest
# helpers (extra options: more module lists, files).
iscsid_initramfs() {
	vm_initramfs "$1" -b "$ISCSIBOX:/bin/iscsibox" \
		-l /bin/iscsibox:/bin/iscsid -l /bin/iscsibox:/bin/iscsiadm \
		-l /bin/iscsibox:/bin/iscsistart \
		-f "$ISCSIBOX_SRC/tests/e2e/guest/iscsid_lib.sh:iscsid_lib.sh" \
		-f "$2:test.sh" "${@:3}"
}

# iscsid_wait_marker KEY SECONDS - wait until the running guest printed
# "E2E: KEY=..." on its console; prints the value.
iscsid_wait_marker() {
	local i
	for ((i = 0; i < $2 * 10; i++)); do
		if [ -f "$T_TMP/console.log" ] &&
			tr -d '\r' <"$T_TMP/console.log" | grep -q "^E2E: $1="; then
			tr -d '\r' <"$T_TMP/console.log" |
				sed -n "s/^E2E: $1=//p" | tail -n 1
			return 0
		fi
		sleep 0.1
	done
	return 1
}

# relay_start DELAY_MS - a relay on loopback in front of tgtd that holds
# every byte DELAY_MS in each direction (a target that far away); its
# port in RELAY_PORT, to give vm_run instead of TGTD_PORT.  Stopped at
# exit or by relay_stop.
RELAY_PID=
relay_start() {
	RELAY_PORT=$(t_free_port) || return 1
	python3 "$ISCSIBOX_SRC/tests/lib/delay_relay.py" "$RELAY_PORT" \
		"$TGTD_PORT" "$1" >"$T_TMP/relay.out" 2>&1 &
	RELAY_PID=$!
	t_on_exit relay_stop
	for _ in $(seq 1 100); do
		grep -q ready "$T_TMP/relay.out" && return 0
		sleep 0.1
	done
	echo "# the delaying relay did not start" >&2
	return 1
}

relay_stop() {
	[ -n "$RELAY_PID" ] && kill "$RELAY_PID" 2>/dev/null
	RELAY_PID=
}
