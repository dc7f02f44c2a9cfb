# SPDX-License-Identifier: MIT
# iscsid_bind.sh - guest half of iscsid_bind.test.sh: iface records bound
# to eth0 by name and by MAC (upper case), one kernel session through
# each to the host's target, what "-m session -P 3" shows of them, and a
# login through an iface whose netdev does not exist.
. /iscsid_lib.sh

iscsid_prepare
iscsid
mark "iscsid_rc=$?"
iscsid_wait_socket
mac=$(tr a-f A-F </sys/class/net/eth0/address)
mark "mac=$mac"
P=10.0.2.100:3260,1	# a tpgt: records in the portal,tpgt/iface layout
for kv in byname:iface.net_ifacename=eth0 bymac:iface.hwaddress=$mac \
	nodev:iface.net_ifacename=nosuch0; do
	i=${kv%%:*} nv=${kv#*:}
	iscsiadm -m iface -I "$i" -o new >/dev/null &&
		iscsiadm -m iface -I "$i" -o update -n "${nv%%=*}" \
			-v "${nv#*=}" >/dev/null &&
		iscsiadm -m node -o new -T "$E2E_TGT" -p "$P" -I "$i" >/dev/null
	mark "rec_$i=$?"
done
# the bad one: one attempt of two seconds
iscsiadm -m node -T "$E2E_TGT" -p "$P" -I nodev -o update \
	-n node.session.initial_login_retry_max -v 1 &&
	iscsiadm -m node -T "$E2E_TGT" -p "$P" -I nodev -o update \
		-n node.conn[0].timeo.login_timeout -v 2
mark "nodev_upd=$?"

for i in byname bymac; do
	iscsiadm -m node -T "$E2E_TGT" -p "$P" -I "$i" -l >/tmp/l.out 2>&1
	mark "login_${i}_rc=$?"
	log_file /tmp/l.out
done
mark "sessions=$(sids | wc -l)"
iscsiadm -m session -P 3 >/tmp/p3 2>&1
mark "p3_rc=$?"
log_file /tmp/p3
mark "p3_netdev_eth0=$(grep -c '^[[:space:]]*Iface Netdev: eth0$' /tmp/p3)"
mark "p3_netdev_default=$(grep -c '^[[:space:]]*Iface Netdev: default$' /tmp/p3)"
mark "p3_name_byname=$(grep -c '^[[:space:]]*Iface Name: byname$' /tmp/p3)"
mark "p3_name_mac=$(grep -c "^[[:space:]]*Iface Name: tcp.$mac.ipv4.0$" /tmp/p3)"
mark "p3_hw_mac=$(grep -c "^[[:space:]]*Iface HWaddress: $mac$" /tmp/p3)"
mark "p3_ip=$(grep -c '^[[:space:]]*Iface IPaddress: 10.0.2.15$' /tmp/p3)"

iscsiadm -m node -T "$E2E_TGT" -p "$P" -I nodev -l >/tmp/bad.out 2>&1
mark "bad_rc=$?"
log_file /tmp/bad.out
mark "bad_msg=$(grep -c "^iscsiadm: Could not login to \[iface: nodev, target: $E2E_TGT, portal: 10.0.2.100,3260].$" /tmp/bad.out)"
mark "sessions_bad=$(sids | wc -l)"

iscsiadm -m node -U all >/tmp/u.out 2>&1
mark "logout_rc=$?"
mark "sessions_after=$(sids | wc -l)"
iscsiadm -k 0
