#!/bin/bash
# SPDX-License-Identifier: MIT
# bind.test.sh - ifaces as bindings: a connection through an iface goes
# out of that iface's NIC (SO_BINDTODEVICE), found by iface.net_ifacename
# or by iface.hwaddress, run with Debian's iscsiadm 2.1.8 and with ours
# side by side; user-space normal sessions (login_driver) the same way.
#
# Two network namespaces the test makes: this one (the initiator) and a
# target one running tgtd on 10.9.9.9 (its loopback), joined by two veth
# links, v1a-v1b (10.1.1.0/24) and v2a-v2b (10.1.2.0/24). The initiator
# reaches 10.9.9.9 over both links, v1 preferred by its route metric, so
# only a binding sends a connection over v2. Which link a run used is read
# on the target side: the packets each of v1b/v2b received.
#
# Facts measured with Debian 12's open-iscsi 2.1.8 here (the cases below
# hold us to them):
# - net_ifacename: the socket is bound to that name as written (case
#   counts); a name no NIC has: "Could not bind connection 0 to NAME" then
#   "cannot make connection to ADDR: No such device", per attempt.
# - hwaddress: the NIC with that MAC (any case), winning over
#   net_ifacename, which is then ignored, even when it names no NIC; no
#   NIC with the MAC: "Cannot match MAC to net/scsi interface." then
#   "cannot make connection to ADDR: Success", even beside a good name.
# - ipaddress: ignored beside net_ifacename or hwaddress (no bind() is
#   made: strace); alone: "Cannot bind IP to net/scsi interface. This is
#   not supported with software iSCSI (iscsi_tcp)." then "... Success".
# - "default" in any of the three means unset.
# - Every such failure is a failed connection attempt: 6 attempts
#   (reopen_max 5) a second apart, "connection login retries (reopen_max)
#   5 exceeded", "Could not perform SendTargets discovery: iSCSI PDU timed
#   out", exit 11.
# - Several ifaces (-I repeated, or the stored ifaces without -I): the
#   discovery runs through each in turn, each over its own NIC; the first
#   failure ends the run with nothing printed and no node record written.
# - A discovery socket gets no SO_RCVBUF/SO_SNDBUF (tcp.window_size is a
#   node setting; strace).

HERE=$(cd "$(dirname "$0")" && pwd)
LIB="$HERE/../lib"
. "$LIB/common.sh"
. "$LIB/debian-iscsiadm.sh"
. "$LIB/tgtd.sh"
DRIVER="${ISCSIBOX_TOOLS:-}/login_driver"
if [ ! -x "$DRIVER" ]; then
	echo "SKIP: $DRIVER not built" >&2
	exit 77
fi
iscsi_compare_begin "$@"

# --- the two links ---------------------------------------------------------
MAC1=02:00:5e:10:01:0a
MAC2=02:00:5e:10:02:0a
t_netns_new 10.9.9.9/32
TNS=$T_NETNS_PID
tns() { nsenter -t "$TNS" -n "$@"; }
for i in 1 2; do
	ip link add "v${i}a" type veth peer name "v${i}b" netns "$TNS" ||
		t_die "cannot make veth pair $i"
	# no IPv6 chatter: the counters below must count our connections
	sysctl -qw "net.ipv6.conf.v${i}a.disable_ipv6=1"
	tns sysctl -qw "net.ipv6.conf.v${i}b.disable_ipv6=1"
	ip addr add "10.1.$i.1/24" dev "v${i}a"
	tns ip addr add "10.1.$i.2/24" dev "v${i}b"
	ip link set "v${i}a" up && tns ip link set "v${i}b" up ||
		t_die "cannot bring up link $i"
done
ip link set v1a address "$MAC1" && ip link set v2a address "$MAC2" ||
	t_die "cannot set the MACs"
ip route add 10.9.9.9/32 via 10.1.1.2 dev v1a metric 10 &&
	ip route add 10.9.9.9/32 via 10.1.2.2 dev v2a metric 20 ||
	t_die "cannot add the routes"

TGTD_NS_PID=$TNS tgtd_start 10.9.9.9:3260
tgtd_add_targets 1 || t_die "cannot create the target"
TARGET=$(tgtd_target_name 1)
iscsi_compare_etcs

# rx LINK - packets the target side of LINK (1 or 2) has received.
rx() { tns sed 's/:/ /' /proc/net/dev | awk -v d="v$1b" '$1 == d {print $3}'; }

# on_link NAME LINK CMD... - run CMD and check that its packets reached the
# target over LINK only (at least 5: a TCP handshake and a login; the
# other link may see at most 2, an ARP refresh).
on_link() {
	local name=$1 link=$2 other=$((3 - $2)) a0 b0 a b
	shift 2
	a0=$(rx "$link")
	b0=$(rx "$other")
	"$@"
	a=$(($(rx "$link") - a0))
	b=$(($(rx "$other") - b0))
	if [ "$a" -ge 5 ] && [ "$b" -le 2 ]; then
		t_pass "$name: over v$link ($a packets, v$other $b)"
	else
		t_fail "$name: want v$link: v$link got $a packets, v$other $b"
	fi
}

# both NAME ARGS... - one side-by-side case whose connections must use
# link LINK (global) in each tool's run.
both() {
	local name=$1 d="$T_TMP/cmp"
	shift
	CASES=$((CASES + 1))
	mkdir -p "$d"
	on_link "$name (Debian)" "$LINK" \
		iscsi_run debian "$ISCSI_ETC_DEBIAN" "$d/$name.debian" "$@"
	on_link "$name (ours)" "$LINK" \
		iscsi_run our "$ISCSI_ETC_OURS" "$d/$name.ours" "$@"
	for f in rc out err; do
		t_check_file_eq "$name: $f" "$d/$name.ours.$f" \
			"$d/$name.debian.$f"
	done
	[ "$(cat "$d/$name.debian.rc")" = 0 ] ||
		t_fail "$name: Debian failed; fix the setup"
}

# iface NAME KEY=VALUE... - the same iface record made in both trees
# through iscsiadm itself.
iface() {
	local name=$1 kv
	shift
	c "iface-new-$name" -m iface -I "$name" -o new
	for kv in "$@"; do
		c "iface-$name-${kv%%=*}" -m iface -I "$name" -o update \
			-n "${kv%%=*}" -v "${kv#*=}"
	done
}

iface if1 iface.net_ifacename=v1a
iface if2 iface.net_ifacename=v2a
iface mac2 iface.hwaddress="${MAC2^^}"
# a MAC binding cannot become a name binding or back (refused, exit 0)
iface macwins iface.hwaddress="$MAC2" iface.net_ifacename=v1a
t_check_eq "macwins: name refused" "$(grep -c net_ifacename \
	"$ISCSI_ETC_OURS/ifaces/macwins")" 0
iface rebind iface.net_ifacename=v1a iface.hwaddress="$MAC2"
iface ipdev iface.ipaddress=10.1.1.1 iface.net_ifacename=v2a

ST=(-m discovery -t st -p 10.9.9.9)
# the built-in "default" binds nothing: the route's choice, v1
LINK=1 both unbound "${ST[@]}" -I default
LINK=2 both by-name "${ST[@]}" -I if2
LINK=2 both by-mac-uppercase "${ST[@]}" -I mac2
sh_both "echo 'iface.net_ifacename = v1a' >>ifaces/macwins"
LINK=2 both mac-wins-over-name "${ST[@]}" -I macwins
LINK=2 both ip-beside-name-ignored "${ST[@]}" -I ipdev
LINK=1 both by-name-v1 "${ST[@]}" -I if1 -P 1

# several ifaces: one run through each, each over its own link
two_links() {
	local name=$1 d0 e0 d e
	shift
	d0=$(rx 1) e0=$(rx 2)
	c "$name" "$@"
	d=$(($(rx 1) - d0)) e=$(($(rx 2) - e0))
	# two tools x one discovery per link: at least 2 x 5 packets each
	if [ "$d" -ge 10 ] && [ "$e" -ge 10 ]; then
		t_pass "$name: both links used (v1 $d, v2 $e packets)"
	else
		t_fail "$name: v1 got $d packets, v2 $e; want both used"
	fi
}
two_links two-ifaces "${ST[@]}" -I if1 -I if2
# without -I: through every stored iface
two_links stored-ifaces "${ST[@]}"
c node-list -m node
c node-if2 -m node -T "$TARGET" -p 10.9.9.9 -I if2

# --- a legacy record (made without a tpgt: no iface in its path) answers
# -I with the iface written inside it. Logging in needs iscsid, and the fake
# one here speaks only Debian's IPC, so stdout (the "Logging in" lines) and
# the first error line are compared, not the exit code.
LEG="$TARGET-legacy"
c legacy-new -m node -o new -T "$LEG" -p 10.9.9.9:3260 -I if2
c legacy-login-default -m node -T "$LEG" -I default -l
d="$T_TMP/cmp"
iscsi_run debian "$ISCSI_ETC_DEBIAN" "$d/legacy-if2.debian" \
	-m node -T "$LEG" -I if2 -l
iscsi_run our "$ISCSI_ETC_OURS" "$d/legacy-if2.ours" -m node -T "$LEG" -I if2 -l
t_check_file_eq "legacy -I if2: stdout" "$d/legacy-if2.ours.out" \
	"$d/legacy-if2.debian.out"
t_check_eq "legacy -I if2: first error line" \
	"$(head -n 1 "$d/legacy-if2.ours.err")" \
	"$(head -n 1 "$d/legacy-if2.debian.err")"
grep -q "^Logging in to \[iface: if2, target: $LEG," "$d/legacy-if2.debian.out" ||
	t_fail "legacy -I if2: Debian did not select the record; fix the case"

# --- binding errors: messages, retries, exit code ----------------------------
iface nodev iface.net_ifacename=nosuch0
iface upper iface.net_ifacename=V2A
iface nomac iface.hwaddress=02:00:5e:99:99:99
# (a MAC beside a name: written by hand, iscsiadm will not)
iface nomacdev iface.hwaddress=02:00:5e:99:99:99
sh_both "echo 'iface.net_ifacename = v1a' >>ifaces/nomacdev"
iface iponly iface.ipaddress=10.1.2.1
iface ipdefault iface.ipaddress=10.1.2.1 iface.net_ifacename=default
for i in nodev upper nomac nomacdev iponly ipdefault; do
	bad "err-$i" "${ST[@]}" -I "$i"
	t_check_eq "err-$i: exit code" "$(cat "$T_TMP/cmp/err-$i.ours.rc")" 11
done
# the first failing iface ends the run: nothing printed or stored
bad err-second-fails "${ST[@]}" -I if1 -I nodev

# --- user-space normal sessions (login_driver) over each link ---------------
# The driver runs here, not under iscsi-ns-run.sh: a sysfs of this network
# namespace (in the test's own mount namespace) lets it find the MACs.
mount -t sysfs iscsi-test-sys /sys || t_die "cannot mount a sysfs"
drv() {
	timeout -k 2 120 "$DRIVER" -a 10.9.9.9 -p 3260 -i "$ISCSI_TEST_INAME" \
		-t "$TARGET" -T 5 -r 1 "$@" >"$T_TMP/drv.out" 2>"$T_TMP/drv.err"
	echo $? >"$T_TMP/drv.rc"
}
on_link "login unbound" 1 drv
t_check_eq "login unbound: rc" "$(cat "$T_TMP/drv.rc")" 0
on_link "login by name" 2 drv -N v2a
t_check_eq "login by name: rc" "$(cat "$T_TMP/drv.rc")" 0
on_link "login by MAC" 2 drv -H "${MAC2^^}" -N v1a
t_check_eq "login by MAC: rc" "$(cat "$T_TMP/drv.rc")" 0
on_link "login by MAC, v1" 1 drv -H "$MAC1"
t_check_eq "login by MAC v1: rc" "$(cat "$T_TMP/drv.rc")" 0
tgtd_wait_no_nexus || t_fail "tgtd still holds a session after logout"

drv -N nosuch0
t_check_eq "login bad netdev: rc" "$(cat "$T_TMP/drv.rc")" 11
t_check_eq "login bad netdev: messages" \
	"$(grep -c '^login_driver: Could not bind connection 0 to nosuch0$' \
		"$T_TMP/drv.err")/$(grep -c 'cannot make connection to 10.9.9.9: No such device$' \
		"$T_TMP/drv.err")" "2/2"
drv -I 10.1.2.1
t_check_eq "login address only: rc" "$(cat "$T_TMP/drv.rc")" 11
t_check_eq "login address only: messages" \
	"$(grep -c 'Cannot bind 10.1.2.1 to net/scsi interface. This is not supported with software iSCSI (iscsi_tcp).$' \
		"$T_TMP/drv.err")/$(grep -c 'cannot make connection to 10.9.9.9: Success$' \
		"$T_TMP/drv.err")" "2/2"

t_log "$CASES side-by-side cases, $BAD of bad input"
t_done
