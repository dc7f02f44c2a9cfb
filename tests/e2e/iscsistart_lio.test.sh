#!/bin/bash
# SPDX-License-Identifier: MIT
# iscsistart_lio.test.sh - the second target implementation: the Debian
# kernel's own iSCSI target (LIO), configured through configfs inside the
# guest and listening on the guest's 127.0.0.1 only (the VM has no
# network to the host at all). Same guest plan (guest/iscsistart_lio.sh)
# for our iscsistart and Debian's: a target that comes up while
# iscsistart is already trying (connections refused), no auth, one-way
# CHAP restricted to each of MD5, SHA1, SHA256, SHA3-256 (which CHAP_A
# LIO offers; SHA3-256 must fail while sha3_generic is unloaded), mutual
# CHAP, a wrong secret, data through the SHA3-256 session.

SRC=${ISCSIBOX_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
export ISCSIBOX_SRC=$SRC
. "$SRC/tests/e2e/lib/iscsistart.sh"
is_test_begin "$@"

params="e2e.initiator=iqn.2024-01.org.iscsibox:guest"
params="$params e2e.addr=127.0.0.1 e2e.port=3260"
params="$params e2e.user=initiator-user e2e.secret=InitiatorSecret1"
params="$params e2e.tuser=target-user e2e.tsecret=TargetSecret123"
offers=

# lio NAME WHICH - one boot of the plan with initiator WHICH.
lio() {
	local name=$1 which=$2 fails=$T_FAILS pat a ok
	pat=$(is_pattern)
	is_image "$T_TMP/$which.cpio" "$which" iscsistart_lio.sh \
		-m "$SRC/initramfs/modules.list" \
		-m "$SRC/initramfs/lio.modules.list" \
		-f "$SRC/tests/e2e/guest/lio_lib.sh:lib/lio_lib.sh" ||
		t_die "cannot build the $which image"
	vm_run "$T_TMP/$which.cpio" "" "$params e2e.guestpat=$pat"
	t_check_rc "$name: qemu ran to power-off" $? 0
	is_check "$name" lio up
	is_check "$name" late.rc 0
	is_check "$name" late.size_sectors 2048
	is_check "$name" none.rc 0
	is_check "$name" none.size_sectors 2048
	ok=
	for a in md5 sha1 sha256; do
		is_check "$name" $a.rc 0
		is_check "$name" $a.size_sectors 2048
		[ "$(vm_marker $a.rc)" = 0 ] && ok="$ok $a"
	done
	is_check "$name" nosha3.module 0
	is_check "$name" nosha3.rc 1
	is_check "$name" nosha3.session none
	t_check_eq "$name: LIO refused CHAP_A 8 without sha3_generic" \
		"$(grep -c 'failed to allocate sha3-256 algo' "$VM_LOG")" 1
	is_check "$name" sha3.rc 0
	is_check "$name" sha3.size_sectors 2048
	[ "$(vm_marker sha3.rc)" = 0 ] && ok="$ok sha3"
	is_check "$name" sha3.readback "$pat"
	is_check "$name" mutual.rc 0
	is_check "$name" mutual.size_sectors 2048
	is_check "$name" mutual3.rc 0
	is_check "$name" mutual3.size_sectors 2048
	is_check "$name" bad.rc 1
	is_check "$name" bad.error 24
	is_check "$name" bad.session none
	is_check "$name" sessions 8
	is_check "$name" disks 8
	is_check "$name" test_rc 0
	[ "$T_FAILS" -eq "$fails" ] && [ -z "${E2E_VERBOSE:-}" ] ||
		vm_show_console 150
	t_log "$name: LIO accepted CHAP with:$ok; late target: up at" \
		"$(vm_marker late.target_up_ms) ms, iscsistart took" \
		"$(vm_marker late.ms) ms; login->disk none" \
		"$(vm_marker none.login_to_disk_ms) ms, sha3" \
		"$(vm_marker sha3.login_to_disk_ms) ms, mutual" \
		"$(vm_marker mutual.login_to_disk_ms) ms"
}

lio ours ours
lio debian debian
t_done
