# SPDX-License-Identifier: MIT
# iscsistart.sh - host side shared by the iscsistart e2e tests and the
# login benchmark: which initiator goes into the guest image ("ours" =
# the static $ISCSIBOX linked as /bin/iscsistart, "debian" = Debian's
# iscsistart with its shared libraries), the guest plan with its helper
# library, a VM run in the background with waiting for one of its
# markers, per-target session counts of tgtd, and the start of a test
# (is_test_begin). Source it with ISCSIBOX_SRC set; it sources the
# libraries it needs.

. "$ISCSIBOX_SRC/tests/lib/common.sh"
. "$ISCSIBOX_SRC/tests/lib/tgtd.sh"
. "$ISCSIBOX_SRC/tests/e2e/lib/kernel.sh"
. "$ISCSIBOX_SRC/tests/e2e/lib/vm.sh"

IS_VM_PID=

# is_need_static - the VM tests need a static $ISCSIBOX (skip otherwise).
is_need_static() {
	[ -n "${ISCSIBOX:-}" ] && [ -x "$ISCSIBOX" ] ||
		{ echo "skip: ISCSIBOX is not set to a program" >&2; exit 77; }
	file -L "$ISCSIBOX" | grep -q 'statically linked' || {
		echo "skip: $ISCSIBOX is not statically linked; the guest" \
			"image holds no C library" >&2
		exit 77
	}
}

# is_need_debian - Debian's iscsistart, the reference, installed on the
# host (only copied into the guest image, never run on the host).
is_need_debian() {
	command -v iscsistart >/dev/null && return 0
	apt-get install -y open-iscsi >&2 || {
		echo "skip: open-iscsi (iscsistart) not installable" >&2
		exit 77
	}
}

# is_test_begin "$@" - static $ISCSIBOX and Debian's iscsistart or skip,
# the tools, the kernel (fetched before entering the network namespace,
# which has no route out), the namespace and the temp dir.
is_test_begin() {
	is_need_static
	t_require_root_tools qemu-system-x86_64 tgtd tgtadm socat cpio \
		depmod xz busybox ss unshare file
	is_need_debian
	kernel_prepare || t_die "cannot prepare the Debian kernel"
	t_enter_netns "$0" "$@"
	t_setup
}

# is_image OUT WHICH PLAN [mkinitramfs options...] - guest image with the
# initiator WHICH (ours|debian), the plan as /test.sh and the helpers.
is_image() {
	local out=$1 which=$2 plan=$3 init=()
	shift 3
	case $which in
	ours) init=(-b "$ISCSIBOX:/bin/iscsibox"
		-l /bin/iscsibox:/bin/iscsistart) ;;
	debian) init=(-b "$(command -v iscsistart)") ;;
	*) t_die "is_image: unknown initiator $which" ;;
	esac
	vm_initramfs "$out" "${init[@]}" \
		-f "$ISCSIBOX_SRC/tests/e2e/guest/iscsistart_lib.sh:lib/iscsistart_lib.sh" \
		-f "$ISCSIBOX_SRC/tests/e2e/guest/$plan:test.sh" "$@"
}

# is_vm_start INITRD PORT PARAMS - vm_run in the background.
is_vm_start() {
	VM_LOG="$T_TMP/console.log"
	: >"$VM_LOG"
	vm_run "$@" &
	IS_VM_PID=$!
	t_on_exit is_vm_kill
}

# is_vm_kill - stop a VM still running (timeout passes TERM to qemu).
is_vm_kill() {
	[ -n "$IS_VM_PID" ] || return 0
	pkill -TERM -P "$IS_VM_PID"
	wait "$IS_VM_PID"
	IS_VM_PID=
}

# is_vm_wait - wait for the background VM; its status (124 = timeout).
is_vm_wait() {
	local rc
	wait "$IS_VM_PID"
	rc=$?
	IS_VM_PID=
	return $rc
}

# is_vm_running - the background VM has not powered off yet.
is_vm_running() { [ -n "$IS_VM_PID" ] && kill -0 "$IS_VM_PID" 2>/dev/null; }

# is_wait_marker KEY SECONDS - wait until the running guest reported KEY;
# fails when the VM ends or the time is up first.
is_wait_marker() {
	local n=$(($2 * 20))
	while [ $n -gt 0 ]; do
		tr -d '\r' <"$VM_LOG" | grep -q "^E2E: $1=" && return 0
		is_vm_running || return 1
		sleep 0.05
		n=$((n - 1))
	done
	return 1
}

# is_check NAME KEY WANT - the guest's last KEY marker equals WANT.
is_check() { t_check_eq "$1: $2" "$(vm_marker "$2")" "$3"; }

# is_check_logged NAME TEXT - the guest's iscsistart output for login
# NAME contains TEXT.
is_check_logged() {
	local got
	got=$(tr -d '\r' <"$VM_LOG" | sed -n "s/^E2E-LOG: $2: //p")
	if printf '%s\n' "$got" | grep -qF -- "$3"; then
		t_pass "$1: $2 printed \"$3\""
		return 0
	fi
	t_fail "$1: $2 did not print \"$3\""
	printf '%s\n' "$got" | sed 's/^/#   /' >&2
	return 1
}

# is_tgt_nexus TID - sessions (I_T nexuses) tgtd holds for target TID.
is_tgt_nexus() {
	tgtadm_c --mode target --op show |
		awk -v t="Target $1:" '/^Target [0-9]+:/ { on = (($1 " " $2) == t) }
			on && /I_T nexus:/ { n++ } END { print n + 0 }'
}

# is_pattern - 32 random hex digits.
is_pattern() { od -An -tx1 -N16 /dev/urandom | tr -d ' \n'; }

# is_bench_begin "$@" - the start of a benchmark: skip (77) unless $ISCSIBOX
# is static and the tools, Debian's iscsistart and the kernel are there;
# then its own network namespace and temp dir.
is_bench_begin() {
	local c
	is_need_static
	for c in qemu-system-x86_64 tgtd tgtadm socat cpio depmod xz busybox \
		ss unshare file; do
		command -v "$c" >/dev/null ||
			{ echo "skip: $c not installed" >&2; exit 77; }
	done
	is_need_debian
	kernel_prepare || { echo "skip: no Debian kernel" >&2; exit 77; }
	t_enter_netns "$0" "$@"
	t_setup
}

# is_stat_of FILE KIND - "median min max count" of the values of the
# "KIND VALUE" lines of FILE ("- - - 0" if none).
is_stat_of() {
	awk -v k="$2" '$1 == k { print $2 }' "$1" | sort -n |
		awk '{ v[NR] = $1 } END {
			if (!NR) { print "- - - 0"; exit }
			m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
			print m, v[1], v[NR], NR }'
}
