# SPDX-License-Identifier: MIT
# iscsistart_bind.sh - guest half of iscsistart_bind.test.sh: "iscsistart"
# (Debian's or ours) through iface bindings given with -P: a netdev that
# does not exist, a MAC no NIC has, an address alone, then eth0 by its
# MAC in upper case. A failing one tries initial_login_retry_max (2)
# times login_timeout (1 s).
. /lib/iscsistart_lib.sh

t=$E2E_IQN:bound
mac=$(tr a-f A-F </sys/class/net/eth0/address)
mark "mac=$mac"
for c in nodev:iface.net_ifacename=nosuch0 \
	nomac:iface.hwaddress=02:00:5E:99:99:99 \
	iponly:iface.ipaddress=10.0.2.15; do
	is_login "${c%%:*}" "$t" -P "${c#*:}" \
		-P "node.conn[0].timeo.login_timeout=1" \
		-P node.session.initial_login_retry_max=2
	mark "${c%%:*}.error=$(is_logged_error "${c%%:*}")"
done
is_login bymac "$t" -P "iface.hwaddress=$mac"
for h in /sys/class/iscsi_host/host*; do
	[ -e "$h" ] && mark "bymac.netdev=$(cat "$h/netdev")" &&
		mark "bymac.hwaddress=$(cat "$h/hwaddress")"
done
