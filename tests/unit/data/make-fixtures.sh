#!/bin/sh
# SPDX-License-Identifier: MIT
# make-fixtures.sh - regenerate the node database fixtures in this directory
# by running Debian's own iscsiadm (open-iscsi 2.1.8) as root.
#
# Everything runs in a private mount namespace: tmpfs over /etc/iscsi,
# /run/lock and /sys (with just the tcp transport entry iscsiadm checks), so
# the host's database is never touched.  No network traffic is generated.
# usage: sudo sh make-fixtures.sh [outdir]   (default: this directory)
set -e
OUT=$(cd "${1:-$(dirname "$0")}" && pwd)
command -v iscsiadm >/dev/null || { echo "iscsiadm not installed" >&2; exit 1; }
cp /etc/iscsi/iscsid.conf "$OUT/iscsid.conf.debian"
exec unshare -m --propagation private sh -c '
set -e
OUT=$0
mount -t tmpfs none /etc/iscsi
mount -t tmpfs none /run/lock
mount -t tmpfs none /sys
T=/sys/devices/virtual/iscsi_transport/tcp
mkdir -p $T /sys/class/iscsi_transport
echo 18446744072640841920 > $T/handle
echo 0x39 > $T/caps
ln -s ../../devices/virtual/iscsi_transport/tcp /sys/class/iscsi_transport/tcp
A="iscsiadm"
D1=iqn.2024-01.test.local:disk1
D2=iqn.2024-01.test.local:disk2
D9=iqn.2024-01.test.local:disk9
N=/etc/iscsi/nodes
q() { "$@" >/dev/null 2>&1; }
# 1. default node record (built-in defaults, tpgt 1)
q $A -m node -o new -T $D1 -p 127.0.0.1:3260,1
$A -m node -T $D1 -p 127.0.0.1 > $OUT/node-default.dump
cp $N/$D1/127.0.0.1,3260,1/default $OUT/node-default.rec
# 2. the same record with CHAP and non-default enums
u() { q $A -m node -T $D1 -p 127.0.0.1 -o update -n "$1" -v "$2"; }
u node.startup automatic
u node.session.auth.authmethod CHAP
u node.session.auth.username user1
u node.session.auth.password secret123
u node.session.auth.username_in tgtuser
u node.session.auth.password_in tgtsecret12
u node.session.auth.chap_algs SHA3-256,SHA256,SHA1,MD5
u node.conn[0].iscsi.HeaderDigest CRC32C,None
u node.session.iscsi.FastAbort No
u node.session.scan manual
u node.session.xmit_thread_priority 0
$A -m node -T $D1 -p 127.0.0.1 > $OUT/node-chap.dump
$A -m node -T $D1 -p 127.0.0.1 -S > $OUT/node-chap-S.dump
cp $N/$D1/127.0.0.1,3260,1/default $OUT/node-chap.rec
# 3. open-iscsi messages for rejected updates
: > $OUT/set-errors.txt
for kv in node.bogus=1 node.name=x node.tpgt=2 node.conn[0].address=x \
	node.discovery_type=static iface.ipaddress=::1 node.startup=bogus \
	node.leading_login=yes node.session.auth.chap_algs=FOO,MD5; do
	echo "\$ -n ${kv%%=*} -v ${kv#*=}" >> $OUT/set-errors.txt
	$A -m node -T $D1 -p 127.0.0.1 -o update -n "${kv%%=*}" \
		-v "${kv#*=}" >> $OUT/set-errors.txt 2>&1 && rc=0 || rc=$?
	echo "[rc=$rc]" >> $OUT/set-errors.txt
done
# 4. legacy (tpgt-less) record and an IPv6 portal
q $A -m node -o new -T $D2 -p 127.0.0.1
cp $N/$D2/127.0.0.1,3260 $OUT/node-legacy.rec
$A -m node -T $D2 -p 127.0.0.1 > $OUT/node-legacy.dump
q $A -m node -o new -T $D9 -p [::1]:3261,5
cp $N/$D9/::1,3261,5/default $OUT/node-ipv6.rec
# 5. iface records (IPv4 and IPv6 key groups)
q $A -m iface -I t0 -o new
i() { q $A -m iface -I $1 -o update -n "$2" -v "$3"; }
i t0 iface.initiatorname iqn.2024-01.test.local:init0
i t0 iface.net_ifacename eth0
i t0 iface.ipaddress 192.168.1.5
i t0 iface.bootproto static
i t0 iface.vlan_id 70000
i t0 iface.mtu 9000
cp /etc/iscsi/ifaces/t0 $OUT/iface-t0.rec
$A -m iface -I t0 > $OUT/iface-t0.dump
$A -m iface > $OUT/iface-list.txt
q $A -m iface -I t6 -o new
i t6 iface.ipaddress fe80::1
i t6 iface.hop_limit 64
i t6 iface.ipv6_autocfg nd
cp /etc/iscsi/ifaces/t6 $OUT/iface-t6.rec
# 6. discovery records
q $A -m discoverydb -t st -p 127.0.0.2 -o new
q $A -m discoverydb -t st -p 127.0.0.2 -o update \
	-n discovery.sendtargets.auth.authmethod -v CHAP
q $A -m discoverydb -t st -p 127.0.0.2 -o update \
	-n discovery.sendtargets.auth.password -v pw
cp /etc/iscsi/send_targets/127.0.0.2,3260/st_config $OUT/st_config.rec
$A -m discoverydb -t st -p 127.0.0.2 > $OUT/st_config.dump
q $A -m discoverydb -t isns -p 127.0.0.1 -o new
cp /etc/iscsi/isns/127.0.0.1,3205/isns_config $OUT/isns_config.rec
$A -m discoverydb -t isns -p 127.0.0.1 > $OUT/isns_config.dump
# 7. the resulting tree: files, dirs and symlink targets
cd /etc/iscsi
find . | LC_ALL=C sort | while read p; do
	if [ -L "$p" ]; then echo "$p -> $(readlink "$p")"
	elif [ -d "$p" ]; then echo "$p/"; else echo "$p"; fi
done > $OUT/tree.txt
$A -m node > $OUT/node-list.txt
' "$OUT"
