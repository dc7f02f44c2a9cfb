#!/bin/bash
# SPDX-License-Identifier: MIT
# db_classes.test.sh - four database behaviours of open-iscsi 2.1.8, side
# by side with Debian's iscsiadm (exit code, stdout, stderr, and the
# /etc/iscsi tree where it can change):
#  1. discovering the same targets through another address of the same
#     portal (-p localhost:P after -p 127.0.0.1:P) moves each node's
#     send_targets link to the new discovery record, so deleting the first
#     discovery record later keeps the nodes;
#  2. node.session.nr_sessions = N logs in N sessions, each line
#     "(multiple)";
#  3. -L manual|automatic|onboot takes records whose node.startup or
#     node.conn[0].startup is that class, ignores -T/-p/-I, and goes in
#     directory order (as -l does, and as "-m discovery -P 1" lists the
#     STATIC section);
#  4. a discovery record with CHAP secrets but authmethod None still
#     offers CHAP (AuthMethod=CHAP,None on the wire); incoming credentials
#     without outgoing ones are refused before connecting (22).
# Logins go to fake iscsids that accept every request: open-iscsi's IPC
# for Debian, iscsibox's framing for ours (in a network namespace of its
# own: both listen on the same abstract socket name).  Discovery goes to
# tests/lib/fake_target.py on loopback, through tests/lib/pdu_tap.py.
HERE=$(cd "$(dirname "$0")" && pwd)
LIB="$HERE/../lib"
. "$LIB/common.sh"
. "$LIB/debian-iscsiadm.sh"

# ---- ours beside its own fake iscsid: --isbx ETC OUT ARGS... ----
if [ "${1:-}" = --isbx ]; then
	etc=$2 out=$3
	shift 3
	ip link set lo up
	python3 "$LIB/fake_iscsid.py" --proto isbx \
		--iname-file "$etc/initiatorname.iscsi" --log "$out.iscsid" \
		--ready "$out.ready" &
	pid=$!
	for _ in $(seq 1 100); do
		[ -e "$out.ready" ] && break
		sleep 0.05
	done
	bash "$LIB/iscsi-ns-run.sh" "$etc" "$ISCSIBOX" iscsiadm "$@" \
		>"$out.out" 2>"$out.err"
	echo $? >"$out.rc"
	kill "$pid"
	wait "$pid" 2>/dev/null
	exit 0
fi

t_enter_netns "$0" "$@"
t_require_root_tools unshare python3 ip ss "$DEBIAN_ISCSIADM"
[ -x "${ISCSIBOX:-}" ] || t_die "ISCSIBOX is not an executable: ${ISCSIBOX:-}"
t_setup
ISCSI_ETC_DEBIAN="$T_TMP/etc-debian"
ISCSI_ETC_OURS="$T_TMP/etc-ours"
iscsi_etc_new "$ISCSI_ETC_DEBIAN"
iscsi_etc_new "$ISCSI_ETC_OURS"
# Debian's fake iscsid accepts logins (1) and logouts (2)
t_spawn fake-iscsid python3 "$LIB/fake_iscsid.py" \
	--iname-file "$ISCSI_ETC_DEBIAN/initiatorname.iscsi" --err 1=0,2=0 \
	--log "$T_TMP/debian.iscsid"

# l NAME ARGS... - a login command: Debian beside its fake iscsid, ours
# beside the iscsibox-framed one; outputs compared, requests counted.
l() {
	local name=$1 d="$T_TMP/cmp"
	shift
	mkdir -p "$d"
	: >"$T_TMP/debian.iscsid"
	iscsi_run debian "$ISCSI_ETC_DEBIAN" "$d/$name.debian" "$@"
	rm -f "$d/$name.ours.ready" "$d/$name.ours.iscsid"
	unshare --net bash "$0" --isbx "$ISCSI_ETC_OURS" "$d/$name.ours" "$@"
	for f in rc out err; do
		t_check_file_eq "$name: $f" "$d/$name.ours.$f" \
			"$d/$name.debian.$f"
	done
	t_check_eq "$name: login requests" \
		"$(grep -c 'isbx cmd=1 ' "$d/$name.ours.iscsid" 2>/dev/null)" \
		"$(grep -c 'cmd=1 ' "$T_TMP/debian.iscsid")"
}

# sh CMD - the same shell change in both trees
sh_both() {
	(cd "$ISCSI_ETC_DEBIAN" && eval "$1") && (cd "$ISCSI_ETC_OURS" && eval "$1")
}

# ---- 1: a second address of the same discovery portal ----
printf '%s\n' TargetName=iqn.2024-01.org.iscsibox.cls:a \
	TargetAddress=127.0.0.1:3260,1 TargetName=iqn.2024-01.org.iscsibox.cls:b \
	TargetAddress=127.0.0.1:3260,1 >"$T_TMP/st"
PORT=$(t_free_port) || t_die "no free port"
TAP=$(t_free_port) || t_die "no free port"
t_spawn target python3 "$LIB/fake_target.py" --port "$PORT" \
	--mode sendtargets --st-file "$T_TMP/st"
t_spawn tap python3 "$LIB/pdu_tap.py" --listen "$TAP" --to "$PORT" \
	--log "$T_TMP/tap"
c disc-first -m discovery -t st -p "127.0.0.1:$PORT"
c disc-second-address -m discovery -t st -p "localhost:$PORT"
c disc-second-list -m discovery -P 1
c disc-first-stale -m discovery -t st -p "127.0.0.1:$PORT" -o delete
c disc-first-delete -m discoverydb -t st -p "127.0.0.1:$PORT" -o delete
c disc-nodes-kept -m node
c disc-second-delete -m discoverydb -t st -p "localhost:$PORT" -o delete
c disc-nodes-gone -m node

# ---- 4: CHAP secrets with authmethod None ----
D="-m discoverydb -t st -p 127.0.0.1:$TAP"
K=discovery.sendtargets.auth
c chap-new $D -o new
c chap-user $D -o update -n $K.username -v joe
c chap-pass $D -o update -n $K.password -v secretsecret12
for who in debian ours; do
	: >"$T_TMP/tap"
	if [ $who = debian ]; then
		iscsi_run debian "$ISCSI_ETC_DEBIAN" "$T_TMP/chap.$who" $D -D
	else
		iscsi_run our "$ISCSI_ETC_OURS" "$T_TMP/chap.$who" $D -D
	fi
	grep -m1 'AuthMethod=' "$T_TMP/tap" >"$T_TMP/chap.$who.offer"
done
t_check_file_eq "chap-none-offers: stdout" "$T_TMP/chap.ours.out" \
	"$T_TMP/chap.debian.out"
t_check_file_eq "chap-none-offers: rc" "$T_TMP/chap.ours.rc" \
	"$T_TMP/chap.debian.rc"
t_check_eq "chap-none-offers: AuthMethod offered (Debian)" \
	"$(cat "$T_TMP/chap.debian.offer")" "$(printf '\tAuthMethod=CHAP,None')"
t_check_file_eq "chap-none-offers: AuthMethod offered" \
	"$T_TMP/chap.ours.offer" "$T_TMP/chap.debian.offer"
c chap-no-out $D -o update -n $K.password -v ""
c chap-in $D -o update -n $K.password_in -v secretsecret34
: >"$T_TMP/tap"
c chap-in-only $D -D
t_check_eq "chap-in-only: no connection" "$(grep -c Login "$T_TMP/tap")" 0
c chap-delete $D -o delete
sh_both 'rm -rf nodes send_targets'

# ---- 2 and 3: logins ----
N=iqn.2024-01.org.iscsibox.cls
for t in a b c d; do
	c "new-$t" -m node -o new -T "$N:$t" -p 127.0.0.1:3260,1
done
c new-e -m node -o new -T "$N:e" -p 127.0.0.2:3260,1
c startup-a -m node -T "$N:a" -o update -n node.startup -v automatic
c startup-b -m node -T "$N:b" -o update -n 'node.conn[0].startup' \
	-v automatic
c startup-c -m node -T "$N:c" -o update -n node.startup -v onboot
c startup-d -m node -T "$N:d" -p 127.0.0.1 -o update \
	-n 'node.conn[0].startup' -v onboot
c startup-e -m node -T "$N:e" -o update -n node.startup -v automatic
c static-tree -m discovery -P 1
l login-all -m node -l
l login-one -m node -T "$N:b" -l
l loginall-all -m node -L all
l loginall-automatic -m node -L automatic
l loginall-automatic-T -m node -L automatic -T "$N:a"
l loginall-automatic-p -m node -L automatic -p 127.0.0.2
l loginall-automatic-I -m node -L automatic -I nosuch
l loginall-onboot -m node -L onboot
l loginall-manual -m node -L manual
c nr-sessions -m node -T "$N:a" -o update -n node.session.nr_sessions -v 3
l login-nr-sessions -m node -T "$N:a" -l
t_check_eq "login-nr-sessions: requests marked multiple" \
	"$(grep -c 'isbx cmd=1 flags=2 ' "$T_TMP/cmp/login-nr-sessions.ours.iscsid")" 3
l loginall-nr-sessions -m node -L automatic
c nr-sessions-1 -m node -T "$N:a" -o update -n node.session.nr_sessions -v 1
l login-nr-sessions-1 -m node -T "$N:a" -l
t_done
