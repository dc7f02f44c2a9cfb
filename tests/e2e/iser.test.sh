#!/bin/bash
# SPDX-License-Identifier: MIT
# iser.test.sh - iSCSI over RDMA (iSER) with the Debian kernel under qemu,
# Debian's open-iscsi and ours side by side in one boot.  First, before
# there is any RDMA device, a login through the iser iface (record made
# with -o new) fails with 8 and the same errors on both sides.  Soft-RoCE
# (rdma_rxe, made with iproute2's "rdma link add rxe0 type rxe netdev
# eth0") loops back to the guest's own 10.0.2.15, LIO serves one RAM-disk
# target there with its portal's "iser" attribute set (ib_isert).  Each
# side: "iscsiadm -m discovery -t st -p 10.0.2.15 -I iser", a login
# through the iser iface (node record with iface.transport_name = iser),
# I/O on the disk, the TPG disabled for 2 s (the target drops the
# connection; the kernel reports it) and the relogin on the same sid;
# iscsid killed and started again (it adopts the session: ours without
# the node record, rebuilt from sysfs with the host's transport) and the
# same drop; a logout by sid; "-m session -P 3" of the session compared.
# Then iscsistart -P iface.transport_name=iser (Debian's
# and ours) with I/O, logged out through our iscsid.  The session must sit on the iscsi_iser host behind a kernel
# endpoint, with no TCP connection to the portal left open.
#
# What open-iscsi 2.1.8 did in this guest (iscsid -d 8):
#  - discovery: iscsiadm itself ran SendTargets through the kernel over
#    iSER (a transient session 1 on the iser host; iscsid saw its
#    RECV_PDU/UNBIND events and dropped them); ours does the same
#    (core/kdisc.c).  Neither opens a TCP connection (counted in
#    /proc/net/snmp): LIO cannot drop the portal's TCP listener and keep
#    the iSER one (its "iser" listener is a child of the TCP portal), so
#    the count is what shows iSER carried the exchange.
#  - login: EP_CONNECT (non-blocking), EP_POLL, CREATE_BOUND_SESSION,
#    CREATE_CONN, BIND_CONN with the endpoint handle, the parameters,
#    then login PDUs through SEND_PDU; its keys: no HeaderDigest,
#    DataDigest or MaxRecvDataSegmentLength, but
#    InitiatorRecvDataSegmentLength=262144, TargetRecvDataSegmentLength=
#    8192, RDMAExtensions=Yes (LIO refuses a login without them).
#  - recovery: on the connection error STOP_CONN, EP_DISCONNECT, then a
#    new EP_CONNECT/EP_POLL and BIND_CONN to the same connection, login.
#  - logout: Logout PDU, STOP_CONN, EP_DISCONNECT, DESTROY_CONN,
#    DESTROY_SESSION.

SRC=${ISCSIBOX_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
export ISCSIBOX_SRC=$SRC
. "$SRC/tests/e2e/lib/iscsid.sh"
iscsid_bench_begin "$@"
RDMA=$(command -v rdma) || { echo "skip: no rdma (iproute2)" >&2; exit 77; }

vm_initramfs "$T_TMP/initrd.cpio" -b "$ISCSIBOX:/bin/iscsibox" \
	-l /bin/iscsibox:/ours/iscsid -l /bin/iscsibox:/ours/iscsiadm \
	-l /bin/iscsibox:/ours/iscsistart \
	-b "$DEB_ISCSID:/deb/iscsid" -b "$DEB_ISCSIADM:/deb/iscsiadm" \
	-b "$DEB_ISCSISTART:/deb/iscsistart" \
	-b "$RDMA:/bin/rdma" \
	-f "$SRC/tests/e2e/guest/iscsid_lib.sh:iscsid_lib.sh" \
	-f "$SRC/tests/e2e/guest/lio_lib.sh:lib/lio_lib.sh" \
	-f "$SRC/tests/e2e/guest/iser.sh:test.sh" \
	-m "$SRC/initramfs/modules.list" -m "$SRC/initramfs/lio.modules.list" \
	-m "$SRC/initramfs/iser.modules.list" ||
	t_die "cannot build the initramfs"
VM_MEM=512M vm_run "$T_TMP/initrd.cpio" "" \
	"e2e.initiator=iqn.2024-01.org.iscsibox:guest e2e.tgt=iqn.2024-01.org.iscsibox.lio"
t_check_rc "qemu ran to power-off" $? 0

for w in deb ours; do
	t_check_eq "$w: no RDMA device: login -I iser fails as open-iscsi's" \
		"$(vm_marker $w.nordma_rc) $(vm_marker $w.nordma_sessions)" "8 0"
done
t_check_eq "no RDMA device: iscsiadm's errors equal to open-iscsi's" \
	"$(cat "$(vm_output nordma ours err)")" \
	"$(cat "$(vm_output nordma deb err)")"
t_check_eq "soft-RoCE device on eth0" "$(vm_marker rxe_rc)" 0
t_check_eq "rxe0 port active" "$(vm_marker rxe_state)" "4: ACTIVE"
t_check_eq "iser transport caps" "$(vm_marker iser_caps)" 0x89
t_check_eq "LIO configured" "$(vm_marker lio)" 0
t_check_eq "LIO iSER portal" "$(vm_marker iser_np)" 0
for w in deb ours; do
	t_check_eq "$w: iscsid up" "$(vm_marker $w.iscsid)" 0
	t_check_eq "$w: discovery -I iser" "$(vm_marker $w.disc_rc)" 0
	t_check_eq "$w: target found" "$(vm_marker $w.disc)" 1
	t_check_eq "$w: discovery opened no TCP connection" \
		"$(vm_marker $w.disc_tcp)" 0
	t_check_eq "$w: no discovery session left" \
		"$(vm_marker $w.disc_left)" 0
	t_check_eq "$w: record on the iser transport" \
		"$(vm_marker $w.rec_transport)" iser
	t_check_eq "$w: login -I iser" "$(vm_marker $w.login_rc)" 0
	t_check_eq "$w: disk" "$(vm_marker $w.disk)" yes
	t_check_eq "$w: iSER host" "$(vm_marker $w.host)" iscsi_iser
	t_check_eq "$w: one kernel endpoint" "$(vm_marker $w.endpoints)" 1
	t_check_eq "$w: no TCP connection to the portal" \
		"$(vm_marker $w.tcp_3260)" 0
	t_check_eq "$w: I/O" "$(vm_marker $w.io)" "$w-iser-io"
	for c in $w $w.adopted; do
		t_check_eq "$c: target dropped the connection" \
			"$(vm_marker $c.conn_error)" 0
		t_check_eq "$c: logged in again" "$(vm_marker $c.relogin)" 0
		t_check_eq "$c: on the same sid" "$(vm_marker $c.same_sid)" 1
		t_check_eq "$c: I/O after the relogin" \
			"$(vm_marker $c.io_after)" "$c-drop"
	done
	t_check_eq "$w: logout" "$(vm_marker $w.logout_rc)" 0
	t_check_eq "$w: no session left" "$(vm_marker $w.sessions_after)" 0
	t_check_eq "$w: no endpoint left" "$(vm_marker $w.endpoints_after)" 0
	t_check_eq "$w: iscsid stopped" "$(vm_marker $w.iscsid_gone)" 0
done
for f in d l u; do
	t_check_eq "$f: output equal to open-iscsi's" \
		"$(cat "$(vm_output "$f" ours out)")" \
		"$(cat "$(vm_output "$f" deb out)")"
done
t_check_eq "-m session -P 3 of the iser session equal to open-iscsi's" \
	"$(cat "$(vm_output p3 ours out)")" "$(cat "$(vm_output p3 deb out)")"
for w in deb ours; do
	t_check_eq "$w iscsistart -P iface.transport_name=iser" \
		"$(vm_marker start.$w.rc)" 0
	t_check_eq "$w iscsistart: iSER host" "$(vm_marker start.$w.host)" \
		iscsi_iser
	t_check_eq "$w iscsistart: I/O" "$(vm_marker start.$w.io)" "start-$w"
	t_check_eq "$w iscsistart: logged out by our iscsid" \
		"$(vm_marker start.$w.logout_rc) $(vm_marker start.$w.sessions_after)" \
		"0 0"
done
[ "$T_FAILS" -eq 0 ] || vm_show_console 120
t_done
