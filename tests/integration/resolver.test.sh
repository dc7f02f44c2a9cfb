#!/bin/bash
# SPDX-License-Identifier: MIT
# resolver.test.sh - host names for portals (core/resolv.c) against a fake
# DNS server (tests/lib/fake_dns.py), all inside the test's own network
# and mount namespace: the servers listen on loopback addresses there,
# and /etc/hosts and /etc/resolv.conf are bind-mounted over privately.
#   - /etc/hosts wins over DNS; A, AAAA, both (::1 first, RFC 6724), a
#     CNAME chain, the search list for a short name, NXDOMAIN, a name
#     without addresses;
#   - the first name server always says SERVFAIL: the second one answers;
#   - a reply with a wrong id and a truncated one are ignored;
#   - a name never answered fails after the resolv.conf timeout, with a
#     resend (attempts);
#   - the static binary resolves too: iscsiadm's discovery connects to the
#     address DNS gave.
# The resolver code runs through tests/tools/resolve_portal (portal.c)
# and through the binary under test.
HERE=$(cd "$(dirname "$0")" && pwd)
LIB="$HERE/../lib"
. "$LIB/common.sh"
t_enter_netns "$0" "$@"
t_require_root_tools python3 ip
t_setup
BIN=${ISCSIBOX:?}
TOOL=${ISCSIBOX_TOOLS:?}/resolve_portal
[ -x "$TOOL" ] || t_die "no $TOOL"

ip addr add 127.0.0.53/8 dev lo 2>/dev/null
printf '127.0.0.1 localhost\n::1 localhost\n127.0.0.9 hosted.test target.test\n' >"$T_TMP/hosts"
cat >"$T_TMP/resolv.conf" <<EOT
# a broken server first, a working one second
nameserver 127.0.0.53
nameserver 127.0.0.54
search lab.test
options timeout:2 attempts:2
EOT
mount --bind "$T_TMP/hosts" /etc/hosts &&
	mount --bind "$T_TMP/resolv.conf" /etc/resolv.conf ||
	t_die "cannot bind-mount hosts and resolv.conf"
t_spawn dns-broken python3 "$LIB/fake_dns.py" 127.0.0.53 "$T_TMP/q53" --servfail
t_spawn dns python3 "$LIB/fake_dns.py" 127.0.0.54 "$T_TMP/q54"

res() { "$TOOL" "$@" 2>&1; }

t_check_eq "hosts file first" "$(res target.test 3260)" "127.0.0.9 3260"
t_check_eq "hosts file, any case" "$(res HOSTED.test 3261)" "127.0.0.9 3261"
: >"$T_TMP/q54"
# the hosts entry is gone: now DNS answers target.test
printf '127.0.0.1 localhost\n' >"$T_TMP/hosts"
t_check_eq "A record" "$(res target.test 3260)" "127.0.0.7 3260"
grep -qx "target.test 1" "$T_TMP/q54" && grep -qx "target.test 28" "$T_TMP/q54" &&
	t_pass "A and AAAA asked" || t_fail "A and AAAA asked: $(cat "$T_TMP/q54")"
grep -q "target.test" "$T_TMP/q53" && t_pass "both servers asked" ||
	t_fail "both servers asked"
t_check_eq "AAAA record" "$(res v6only.test 3260)" "::1 3260"
t_check_eq "A and AAAA: ::1 first" "$(res both.test 3260)" "::1 3260"
t_check_eq "CNAME chain" "$(res alias.test 3260)" "127.0.0.7 3260"
t_check_eq "search list" "$(res short 3260)" "127.0.0.10 3260"
grep -qx "short.lab.test 1" "$T_TMP/q54" && t_pass "search domain asked" ||
	t_fail "search domain asked"
t_check_eq "a final dot: no search" "$(res short. 3260)" \
	"error: Name or service not known"
t_check_eq "NXDOMAIN" "$(res nosuch.test 3260)" "error: Name or service not known"
t_check_eq "no address" "$(res noaddr.test 3260)" "error: Name or service not known"
t_check_eq "spoofed and truncated replies ignored" "$(res spoof.test 3260)" \
	"127.0.0.11 3260"
t_check_eq "bad characters" "$(res 'a b.test' 3260)" "error: Name or service not known"
: >"$T_TMP/q54"
t_check_eq "never answered" "$(res drop.test 3260)" \
	"error: Temporary failure in name resolution"
n=$(grep -c "^drop.test 1$" "$T_TMP/q54")
[ "$n" -ge 2 ] && t_pass "resent ($n)" || t_fail "resent: $n questions"

# the static binary: discovery connects to what DNS said (127.0.0.7)
python3 -c '
import socket, sys
s = socket.socket()
s.bind(("127.0.0.7", 3260))
s.listen(8)
open(sys.argv[1], "w").close()
c, _ = s.accept()
open(sys.argv[2], "w").write("connected\n")
' "$T_TMP/listen.ready" "$T_TMP/listen.log" &
lpid=$!
t_on_exit "kill $lpid"
for _ in $(seq 1 100); do [ -e "$T_TMP/listen.ready" ] && break; sleep 0.05; done
mount -t tmpfs none /etc/iscsi || t_die "cannot mount a tmpfs on /etc/iscsi"
echo "InitiatorName=iqn.2024-01.org.iscsibox:resolver" \
	>/etc/iscsi/initiatorname.iscsi
timeout 60 "$BIN" iscsiadm -m discovery -t st -p target.test:3260 \
	>"$T_TMP/disc.out" 2>&1
grep -q connected "$T_TMP/listen.log" 2>/dev/null &&
	t_pass "iscsiadm reached the DNS address" ||
	t_fail "iscsiadm reached the DNS address: $(cat "$T_TMP/disc.out")"
t_done
