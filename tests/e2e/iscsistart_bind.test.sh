#!/bin/bash
# SPDX-License-Identifier: MIT
# iscsistart_bind.test.sh - iface bindings in a kernel session made by
# iscsistart, ours and Debian's side by side in the Debian kernel under
# qemu (the same guest plan boots with each): a missing netdev, a MAC no
# NIC has and an address-only binding fail with the same exit status and
# error (measured: exit 1, error 8, as for a refused connection), leaving
# no session; eth0 by its MAC logs in and the SCSI host shows what
# Debian's shows: that MAC, and no netdev ("(null)": open-iscsi sends the
# record's net_ifacename, not the NIC the MAC resolved to).

SRC=${ISCSIBOX_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
export ISCSIBOX_SRC=$SRC
. "$SRC/tests/e2e/lib/iscsistart.sh"
is_test_begin "$@"

tgtd_start
tgtd_add_target 1 "$TGTD_IQN:bound" || t_die "cannot configure tgtd"
params="e2e.initiator=iqn.2024-01.org.iscsibox:guest e2e.iqn=$TGTD_IQN"

# boot WHICH - the plan with initiator WHICH; markers go to $T_TMP/WHICH.
boot() {
	is_image "$T_TMP/$1.cpio" "$1" iscsistart_bind.sh ||
		t_die "cannot build the $1 image"
	is_vm_start "$T_TMP/$1.cpio" "$TGTD_PORT" "$params"
	is_vm_wait
	t_check_rc "$1: qemu ran to power-off" $? 0
	tr -d '\r' <"$T_TMP/console.log" | sed -n 's/^E2E: //p' >"$T_TMP/$1.m"
	[ -z "${E2E_VERBOSE:-}" ] || vm_show_console 80
}
m() { sed -n "s/^$2=//p" "$T_TMP/$1.m" | tail -n 1; }

boot debian
boot ours
for c in nodev nomac iponly; do
	t_check_eq "$c: exit status as Debian's" "$(m ours "$c.rc")" \
		"$(m debian "$c.rc")"
	t_check_eq "$c: error as Debian's" "$(m ours "$c.error")" \
		"$(m debian "$c.error")"
	t_check_eq "$c: fails" "$([ "$(m ours "$c.rc")" != 0 ] && echo yes)" yes
	t_check_eq "$c: no session" "$(m ours "$c.sessions")" 0
	t_log "$c: rc $(m ours "$c.rc"), error $(m ours "$c.error")" \
		"(Debian: $(m debian "$c.rc"), $(m debian "$c.error"))"
done
t_check_eq "by MAC: logged in" "$(m ours bymac.rc)" 0
t_check_eq "by MAC: as Debian" "$(m debian bymac.rc)" 0
t_check_eq "by MAC: host netdev" "$(m ours bymac.netdev)" \
	"$(m debian bymac.netdev)"
t_check_eq "by MAC: host hwaddress" "$(m ours bymac.hwaddress)" \
	"$(m debian bymac.hwaddress)"
t_check_eq "by MAC: the host has the MAC" \
	"$(m ours bymac.hwaddress | tr a-f A-F)" "$(m ours mac)"
t_check_eq "guest script finished" "$(m ours test_rc)" 0
t_done
