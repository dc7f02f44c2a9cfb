# SPDX-License-Identifier: MIT
# iser.sh - guest half of iser.test.sh: soft-RoCE (rdma_rxe) on eth0, LIO
# with its iSER portal (ib_isert) on the guest's own 10.0.2.15:3260, and
# the same run with Debian's iscsid/iscsiadm (/deb) and ours (/ours):
# discovery and login through the iser iface, I/O, the target dropping
# the connection (TPG disabled for 2 s) and the relogin, iscsid killed
# and restarted (it adopts the session; ours without its node record)
# and the same drop, logout.
. /iscsid_lib.sh
. /lib/lio_lib.sh

PORTAL=10.0.2.15
LIO_NP=$PORTAL:3260
TGT=$E2E_TGT:iser
TPG=$LIO_CFS/iscsi/$TGT/tpgt_1

# Debian's iscsid accepts requests only from a uid named root.
grep -q '^root:' /etc/passwd 2>/dev/null ||
	echo 'root:x:0:0:root:/root:/bin/sh' >>/etc/passwd

# conn_errors - kernel connection errors reported so far.
conn_errors() { dmesg | grep -c 'detected conn error'; }

logged_in() {
	[ "$(cat "/sys/class/iscsi_session/session$1/state")" = LOGGED_IN ] &&
		[ "$(cat "/sys/class/iscsi_connection/connection$1:0/state")" = up ]
}

# tcp_opens - TCP connections opened in the guest so far, either end
# (ActiveOpens + PassiveOpens).
tcp_opens() { awk '/^Tcp:/ && n++ { print $6 + $7 }' /proc/net/snmp; }

more_errors() { [ "$(conn_errors)" -gt "$1" ]; }
has_disk() { [ -n "$(disk_of "$1")" ]; }
no_iscsid() { ! pidof iscsid >/dev/null; }

iscsid_prepare
: >/etc/iscsi/iscsid.conf

# no_rdma W - before there is an RDMA device: a login through the iser
# iface (a record made with -o new, 2 x 3 s of retries) must fail as
# open-iscsi's does, leaving no session.
no_rdma() {
	local d=/$1 t="-m node -T $TGT -p $PORTAL -I iser"
	rm -rf /etc/iscsi/nodes
	setsid "$d/iscsid" -f >/dev/null 2>&1 &
	iscsid_wait_socket
	"$d/iscsiadm" $t -o new >/dev/null
	"$d/iscsiadm" $t -o update -n node.session.initial_login_retry_max \
		-v 2 >/dev/null
	"$d/iscsiadm" $t -o update -n 'node.conn[0].timeo.login_timeout' \
		-v 3 >/dev/null
	"$d/iscsiadm" $t -l >/tmp/n.$1 2>/tmp/n.$1.err
	mark "$1.nordma_rc=$?"
	log_file /tmp/n.$1.err
	mark "$1.nordma_sessions=$(sids | wc -l)"
	"$d/iscsiadm" -k 0
	until_ok 30 no_iscsid
	base64 /tmp/n.$1.err | sed "s/^/E2E-B64: nordma.$1.err /"
}
no_rdma deb
no_rdma ours

rdma link add rxe0 type rxe netdev eth0
mark "rxe_rc=$?"
rdma link show | sed "s/^/E2E-LOG: /"
mark "rxe_state=$(cat /sys/class/infiniband/rxe0/ports/1/state 2>/dev/null)"
mark "iser_caps=$(cat /sys/class/iscsi_transport/iser/caps 2>/dev/null)"
lio_init && lio_target "$TGT"
mark "lio=$?"
# the TCP portal stays; "iser" adds an RDMA listener on the same address
echo 1 >"$TPG/np/$LIO_NP/iser"
mark "iser_np=$?"

# drop NAME SID DISK - the target drops the connection (TPG disabled for
# 2 s); the initiator must log in again on the same sid, I/O goes on.
drop() {
	local e0
	e0=$(conn_errors)
	echo 0 >"$TPG/enable"
	sleep 2
	echo 1 >"$TPG/enable"
	until_ok 60 more_errors "$e0"
	mark "$1.conn_error=$?"
	until_ok 120 logged_in "$2"
	mark "$1.relogin=$?"
	mark "$1.same_sid=$(sids | grep -cx "$2")"
	mark "$1.io_after=$(io_check "$3" "$1-drop" 9)"
}

# side deb|ours - the whole run with one side's programs.
side() {
	local w=$1 d=/$1 sid disk rec host
	rm -rf /etc/iscsi/nodes /etc/iscsi/send_targets
	setsid "$d/iscsid" -f >/tmp/iscsid.$w.log 2>&1 &
	iscsid_wait_socket
	mark "$w.iscsid=$?"

	# SendTargets through the kernel over iSER: no TCP connection is
	# opened (the TCP listener LIO keeps beside the iSER one stays
	# unused) and the transient kernel session is gone afterwards
	opens=$(tcp_opens)
	"$d/iscsiadm" -m discovery -t st -p $PORTAL -I iser >/tmp/d.$w 2>&1
	mark "$w.disc_rc=$?"
	mark "$w.disc_tcp=$(($(tcp_opens) - opens))"
	mark "$w.disc_left=$( (ls /sys/class/iscsi_session; ls /sys/class/iscsi_endpoint) | grep -c .)"
	log_file /tmp/d.$w
	mark "$w.disc=$(grep -c "^$PORTAL:3260,1 $TGT\$" /tmp/d.$w)"
	rec=/etc/iscsi/nodes/$TGT/$PORTAL,3260,1/iser
	mark "$w.rec_transport=$(sed -n 's/^iface.transport_name = //p' "$rec")"

	"$d/iscsiadm" -m node -T "$TGT" -p $PORTAL -I iser -l >/tmp/l.$w 2>&1
	mark "$w.login_rc=$?"
	log_file /tmp/l.$w
	sid=$(sids | tail -n 1)
	until_ok 60 has_disk "$sid"
	disk=$(disk_of "$sid")
	mark "$w.disk=${disk:+yes}"
	# the session runs on the iSER host, through a kernel endpoint, and
	# no TCP connection to the portal is left open
	host=$(readlink -f "/sys/class/iscsi_session/session$sid/device")
	host=${host%/session*}
	mark "$w.host=$(cat "/sys/class/scsi_host/${host##*/}/proc_name")"
	mark "$w.endpoints=$(ls /sys/class/iscsi_endpoint | wc -l)"
	mark "$w.tcp_3260=$(awk '$4 == "01" && ($2 ~ /:0CBC$/ || $3 ~ /:0CBC$/)' /proc/net/tcp | wc -l)"
	mark "$w.io=$(io_check "$disk" "$w-iser-io" 8)"

	# the session as this side's iscsiadm prints it, numbers taken out
	"$d/iscsiadm" -m session -P 3 2>&1 |
		sed "s/SID: $sid\$/SID: N/; s/Host Number: [0-9]*/Host Number: N/
			s/scsi[0-9]* Channel/scsiN Channel/" |
		base64 | sed "s/^/E2E-B64: p3.$w.out /"
	drop "$w" "$sid" "$disk"

	# iscsid killed: a new one adopts the session and recovers it
	kill -9 "$(pidof iscsid)"
	until_ok 30 no_iscsid
	[ "$w" = ours ] && mv /etc/iscsi/nodes /tmp/nodes.$w	# no record
	setsid "$d/iscsid" -f >>/tmp/iscsid.$w.log 2>&1 &
	iscsid_wait_socket
	drop "$w.adopted" "$sid" "$disk"

	"$d/iscsiadm" -m session -r "$sid" -u >/tmp/u.$w 2>&1
	mark "$w.logout_rc=$?"
	log_file /tmp/u.$w
	mark "$w.sessions_after=$(sids | wc -l)"
	mark "$w.endpoints_after=$(ls /sys/class/iscsi_endpoint | wc -l)"
	"$d/iscsiadm" -k 0
	until_ok 30 no_iscsid
	mark "$w.iscsid_gone=$?"
	log_file /tmp/iscsid.$w.log
	# outputs with the sid taken out, for the host to compare
	for f in d l u; do
		sed "s/sid: $sid,/sid: N,/" /tmp/$f.$w | base64 |
			sed "s/^/E2E-B64: $f.$w.out /"
	done
}

side deb
side ours

# iscsistart through the iser transport (-P iface.transport_name=iser):
# Debian's, then ours; each session logged out by our iscsid.
for w in deb ours; do
	"/$w/iscsistart" -i "$E2E_INITIATOR" -t "$TGT" -g 1 -a $PORTAL \
		-P iface.transport_name=iser >/tmp/s.$w 2>&1
	mark "start.$w.rc=$?"
	log_file /tmp/s.$w
	sid=$(sids | tail -n 1)
	until_ok 60 has_disk "$sid"
	host=$(readlink -f "/sys/class/iscsi_session/session$sid/device")
	host=${host%/session*}
	mark "start.$w.host=$(cat "/sys/class/scsi_host/${host##*/}/proc_name")"
	mark "start.$w.io=$(io_check "$(disk_of "$sid")" "start-$w" 10)"
	setsid /ours/iscsid -f >/tmp/iscsid.start.log 2>&1 &
	iscsid_wait_socket
	/ours/iscsiadm -m session -u >/tmp/u.start 2>&1
	mark "start.$w.logout_rc=$?"
	mark "start.$w.sessions_after=$(sids | wc -l)"
	/ours/iscsiadm -k 0
	until_ok 30 no_iscsid
done
