#!/bin/bash
# SPDX-License-Identifier: MIT
# session_sysfs.test.sh - "iscsiadm -m session" and "-m host" side by side
# with Debian's open-iscsi 2.1.8: both tools run on the same fake sysfs
# trees (tests/lib/fake-sysfs.sh: sessions, connections, hosts, disks) in
# private mount + network namespaces, each with its own copy of the same
# /etc/iscsi; exit code, stdout and stderr must be identical byte for byte.
# No iscsid runs in the test's network namespace, so the cases also pin
# down what both print when iscsid is absent ("Unknown" states, rc 20).
#
# Deliberate filter: open-iscsi rescans sessions (-m session -R and
# -m node -R) in parallel child processes, so with several sessions its
# "Rescanning session" lines come in any order, and so do the errors of
# the ones that fail; it logs out several sessions the same way.  Those
# cases compare sorted stdout and stderr.
set -u
SRC=${ISCSIBOX_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
BIN=${ISCSIBOX:-$SRC/build/static/iscsibox}
LIB=$SRC/tests/lib
. "$LIB/common.sh"

[ -x /usr/sbin/iscsiadm ] || { echo "skip: no Debian iscsiadm" >&2; exit 77; }
[ -x "$BIN" ] || t_die "no binary at $BIN"
t_require_root_tools unshare mount
t_enter_netns "$0" "$@"
t_setup

# Both tools are called "iscsiadm" so getopt-style messages name the same
# program; ours through a multicall link.
mkdir -p "$T_TMP/ours" "$T_TMP/etc"
ln -s "$BIN" "$T_TMP/ours/iscsiadm"
OURS=$T_TMP/ours/iscsiadm
DEB=/usr/sbin/iscsiadm

# /etc/iscsi template: compiled defaults (no iscsid.startup), and node
# records made by Debian's iscsiadm for the sessions of the scenarios.
printf 'InitiatorName=iqn.2005-03.org.open-iscsi:session-test\n' \
	>"$T_TMP/etc/initiatorname.iscsi"
printf '# test configuration: compiled-in defaults only\n' \
	>"$T_TMP/etc/iscsid.conf"
mknode() {
	bash "$LIB/fake-sysfs.sh" run none "$T_TMP/etc" "$DEB" -m node \
		-o new "$@" >/dev/null 2>&1 || t_die "iscsiadm -m node -o new $*"
}
mknode -T iqn.2024-01.test.local:disk1 -p 127.0.0.1:3260,1
mknode -T iqn.2024-01.test.local:disk1 -p 127.0.0.2:3260,1
mknode -T iqn.2024-01.test.local:disk2 -p 127.0.0.1:3260

# run WHO SCENARIO ETC OUT ARGS... - one tool in the fake host.
run() {
	local who=$1 scen=$2 etc=$3 out=$4 tool=$DEB
	shift 4
	[ "$who" = ours ] && tool=$OURS
	timeout -k 2 30 bash "$LIB/fake-sysfs.sh" run "$scen" "$etc" \
		"$tool" "$@" >"$out.out" 2>"$out.err"
	echo $? >"$out.rc"
}

N=0
# check [--sorted] [--etc] [--conf TEXT] [--from DIR] SCENARIO ARGS... -
# compare one command; --etc also compares the /etc/iscsi trees
# afterwards; --from starts from DIR's /etc/iscsi, not the template.
check() {
	local sorted= etc= conf= from=$T_TMP/etc scen name d who f
	while :; do
		case $1 in
		--sorted) sorted=1; shift ;;
		--etc) etc=1; shift ;;
		--conf) conf=$2; shift 2 ;;
		--from) from=$2; shift 2 ;;
		*) break ;;
		esac
	done
	scen=$1
	shift
	N=$((N + 1))
	name="$scen: iscsiadm $*"
	d=$T_TMP/c$N
	for who in deb ours; do
		mkdir -p "$d/$who"
		cp -a "$from" "$d/$who/etc"
		[ -z "$conf" ] || printf '%s\n' "$conf" >"$d/$who/etc/iscsid.conf"
		run "$who" "$scen" "$d/$who/etc" "$d/$who/r" "$@"
		[ -z "$sorted" ] || for f in out err; do
			sort "$d/$who/r.$f" >"$d/$who/s" &&
				mv "$d/$who/s" "$d/$who/r.$f"
		done
	done
	t_check_file_eq "$name: exit code" "$d/ours/r.rc" "$d/deb/r.rc"
	t_check_file_eq "$name: stdout" "$d/ours/r.out" "$d/deb/r.out"
	t_check_file_eq "$name: stderr" "$d/ours/r.err" "$d/deb/r.err"
	if [ -n "$etc" ]; then
		for who in deb ours; do
			(cd "$d/$who/etc" && find . -type f | sort |
				xargs cat) >"$d/$who/tree"
		done
		t_check_file_eq "$name: /etc/iscsi" "$d/ours/tree" \
			"$d/deb/tree"
	fi
}

# --- session list and trees ---
for scen in two mixed; do
	for p in "" "-P 0" "-P 1" "-P 2" "-P 3" "-P 3 -S" "-P 4"; do
		# shellcheck disable=SC2086
		check "$scen" -m session $p
	done
done
check lone -m session -P 3
check none -m session
check none -m session -P 3
check two -m session -P -1
check two -m session -P 1 -P 0

# --- one session: -r by id or path ---
check two -m session -r 1
check two -m session -r 2 -S
check two -m session -r 1 -o show -P 1
check two -m session -r 1 -P 0
check two -m session -r 2 -P 3
check mixed -m session -r 10 -P 2 -S
check mixed -m session -r 2 -P 1
check two -m session -r 1 -P 4
check two -m session -r 9
check two -m session -r 9 -P 1
check two -m session -r 99999999999
check two -m session -r abc
check two -m session -r 0
check two -m session -r -1
check two -m session -r 1x
check two -m session -r +1 -P 1
check two -m session -r /sys/devices/platform/host2/session1 -P 0
check two -m session -r /sys/devices/platform/host2/session1/target2:0:0/2:0:0:1 -P 1
check two -m session -r /sys/class/iscsi_session/session2/ -P 1
check two -m session -r /sys/devices/platform/host2 -P 1
check mixed -m session -r /sys/class/iscsi_session -P 1
check two -m session -r /sys/devices -P 1
check two -m session -r /sys -P 1
check two -m session -r /etc/iscsi
check two -m session -r /nonexistent/session5
check two -m session -r /sys/devices/platform/host2/session1/iscsi_session/session1/targetname
check mixed -m session -r 2

# --- operations ---
check --sorted two -m session -R
check --sorted mixed -m session -R
check two -m session -r 1 -R
check two -m session -r 1 -u -R
check two -m session -r 9 -R
check none -m session -R
check two -m session -s
check two -m session -r 2 -s
check two -m session -r 9 -s
check none -m session -s
check mixed -m session -s
check lone -m session -s
# a session bound to an iface without a record: -r refuses (3) except
# for the tree
check mixed -m session -r 3
check mixed -m session -r 3 -P 0
check mixed -m session -r 3 -P 1
check mixed -m session -r 3 -R
check mixed -m session -r 3 -s
check two -m session -o new
check two -m session -r 1 -o new
check --etc two -m session -r 1 -o delete
check --etc two -m session -r 1 -o update -n node.startup -v automatic
check --etc two -m session -r 1 -o update -n node.bogus -v 1
check --conf 'iscsid.startup = /bin/echo started' two -m session -r 1 -P 1
# --- node delete refuses each record a session is using (rc 15, its
# message), and deletes the others ---
check --etc two -m node -o delete
check --etc two -m node -T iqn.2024-01.test.local:disk1 -p 127.0.0.1 -o delete
check --etc two -m node -T iqn.2024-01.test.local:disk1 -p 127.0.0.2 -o delete
check --etc mixed -m node -o delete
check --etc none -m node -o delete

# --- logout without iscsid: every request fails to connect, so both end
# in "No matching sessions found" (21); the portal shown is the persistent
# address with the current port; firmware sessions are left alone ---
for scen in none two mixed lone; do
	check --sorted "$scen" -m session -u
done
check two -m session -r 1 -u
check two -m session -r 9 -u
check two -m session -r abc -u
check mixed -m session -r 2 -u
check mixed -m session -r 3 -u
check mixed -m session -r 10 -u
check lone -m session -r 7 -u
check --sorted two -m node -u
check two -m node -T iqn.2024-01.test.local:disk2 -u
check --sorted mixed -m node -U all
# node mode -R / -s act on the sessions of the matching records
check --sorted two -m node -R
check two -m node -T iqn.2024-01.test.local:disk2 -R
check two -m node -T iqn.2024-01.test.local:disk2 -p 127.0.0.1:3260 -R
check two -m node -T iqn.2024-01.test.local:nosuch -R
check none -m node -R
check two -m node -s
check two -m node -T iqn.2024-01.test.local:nosuch -s
check --sorted two -m node -U manual

# -U never logs out a session whose record has node.startup = onboot (the
# boot disk), "all" included, and -U CLASS also matches the legacy
# node.conn[0].startup: disk1's record is onboot, disk2's manual with an
# automatic node.conn[0].startup; records changed by Debian's iscsiadm.
cp -a "$T_TMP/etc" "$T_TMP/etc-onboot"
for upd in "iqn.2024-01.test.local:disk1 node.startup onboot" \
	"iqn.2024-01.test.local:disk2 node.conn[0].startup automatic"; do
	set -- $upd
	bash "$LIB/fake-sysfs.sh" run none "$T_TMP/etc-onboot" "$DEB" -m node \
		-T "$1" -p 127.0.0.1:3260 -o update -n "$2" -v "$3" \
		>/dev/null 2>&1 || t_die "iscsiadm -o update $upd"
done
for class in all automatic manual; do
	check --sorted --from "$T_TMP/etc-onboot" two -m node -U "$class"
done
check --sorted --from "$T_TMP/etc-onboot" two -m node --logoutall=all

# --- hosts ---
for scen in two mixed; do
	for p in "" "-P 1" "-P 2" "-P 3" "-P 4" "-P 5" "-H 2"; do
		# shellcheck disable=SC2086
		check "$scen" -m host $p
	done
done
check mixed -m host -H 3 -P 4
check lone -m host -P 4
check none -m host
check none -m host -P 4

# --- with an iscsid to ask: the -P 3 state lines come from its
# SESSION_INFO answer, in open-iscsi's own request/reply frames.
# Debian's iscsid needs the kernel; fake_iscsid.py answers in its format
# (LOGGED IN / NO CHANGE): ours must ask in that format to show them.
python3 "$LIB/fake_iscsid.py" --iname-file "$T_TMP/etc/initiatorname.iscsi" \
	--log "$T_TMP/fake.log" --ready "$T_TMP/fake.ready" &
FAKE=$!
for _ in $(seq 1 1200); do
	[ -e "$T_TMP/fake.ready" ] && break
	sleep 0.05
done
check two -m session -P 3
grep -q 'iSCSI Connection State: LOGGED IN' "$T_TMP/c$N/ours/r.out" &&
	t_pass "ours shows an open-iscsi iscsid's session states" ||
	t_fail "ours shows no session state from an open-iscsi iscsid"
kill "$FAKE"
wait "$FAKE"
# Our iscsid (no kernel here: it cannot adopt the sessions, "Unknown") must
# answer Debian's requests, an unknown one (-s) with an error code, never
# by dropping the connection ("read error (-1/104), daemon died?").
ln -s "$BIN" "$T_TMP/ours/iscsid"
bash "$LIB/fake-sysfs.sh" run two "$T_TMP/etc" "$T_TMP/ours/iscsid" -f -n \
	-c "$T_TMP/etc/iscsid.conf" -i "$T_TMP/etc/initiatorname.iscsi" \
	2>"$T_TMP/our-iscsid.log" &
t_on_exit "kill $!; wait $!"
for _ in $(seq 1 100); do
	grep -q '@ISCSIADM_ABSTRACT_NAMESPACE$' /proc/net/unix && break
	sleep 0.05
done
check two -m session -P 3
check two -m session -r 2 -P 3
run deb two "$T_TMP/etc" "$T_TMP/deb-s" -m session -s
grep -q 'daemon died' "$T_TMP/deb-s.err" &&
	t_fail "our iscsid dropped Debian's stats request" ||
	t_pass "our iscsid answers a request it cannot serve"

t_done
