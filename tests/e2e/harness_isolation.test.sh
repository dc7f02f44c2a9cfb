#!/bin/bash
# SPDX-License-Identifier: MIT
# harness_isolation.test.sh - the VM's network is what vm.sh promises:
# a guest connection to 10.0.2.100:3260 reaches the host's loopback port
# behind it, while connections to qemu's gateway (10.0.2.2, the host) or
# to other ports are dropped. A listener on the host counts anything that
# leaks through.

SRC=${ISCSIBOX_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
export ISCSIBOX_SRC=$SRC
. "$SRC/tests/lib/common.sh"
. "$SRC/tests/e2e/lib/kernel.sh"
. "$SRC/tests/e2e/lib/vm.sh"

t_require_root_tools qemu-system-x86_64 socat cpio depmod xz busybox \
	ss unshare
kernel_prepare || t_die "cannot prepare the Debian kernel"
t_enter_netns "$0" "$@"
t_setup

greet="hello-$(od -An -tx1 -N8 /dev/urandom | tr -d ' \n')"
fwd_port=$(t_free_port) || t_die "no free port"
socat "TCP-LISTEN:$fwd_port,bind=127.0.0.1,reuseaddr,fork" \
	"SYSTEM:echo $greet" 2>/dev/null &
t_on_exit "kill $!"
leak_port=$(t_free_port) || t_die "no free port"
# restrict=on must drop the packets, so this listener never sees them
socat -u "TCP-LISTEN:$leak_port,reuseaddr,fork" \
	"OPEN:$T_TMP/leak,creat,append" 2>/dev/null &
t_on_exit "kill $!"
for _ in $(seq 1 50); do
	ss -Hltn "sport = :$leak_port" | grep -q . &&
		ss -Hltn "sport = :$fwd_port" | grep -q . && break
	sleep 0.05
done

vm_initramfs "$T_TMP/initrd.cpio" \
	-f "$SRC/tests/e2e/guest/harness_isolation.sh:test.sh" ||
	t_die "cannot build the initramfs"
vm_run "$T_TMP/initrd.cpio" "$fwd_port" "e2e.port=$leak_port"
t_check_rc "qemu ran to power-off" $? 0

t_check_eq "guest reached the forwarded portal" "$(vm_marker fwd)" "$greet"
t_check_eq "gateway connection failed in the guest" \
	"$(vm_marker gw_rc | grep -cv '^0$')" 1
t_check_eq "other port connection failed in the guest" \
	"$(vm_marker other_port_rc | grep -cv '^0$')" 1
t_check_eq "nothing reached the host listener" \
	"$(cat "$T_TMP/leak" 2>/dev/null)" ""
[ "$T_FAILS" -eq 0 ] && [ -z "${E2E_VERBOSE:-}" ] || vm_show_console
t_done
