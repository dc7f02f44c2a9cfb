# SPDX-License-Identifier: MIT
# session_print.sh - guest half of session_print.test.sh: the session
# and host modes of our iscsiadm (/bin/iscsiadm) and Debian's
# (/debian/iscsiadm) run on the same kernel state, without iscsid, at
# three points: no session yet ("none"), one session made by our
# iscsistart ("one"), and a second one made by Debian's iscsistart
# ("two"). The image has no /etc/iscsi: until "two" both programs find
# no iscsid.conf; for "two" an empty one (no iscsid.startup) is made, so
# both paths of the "iscsid is not running" report are compared. Every
# run reports "CASE.SIDE.rc=N" and its stdout and stderr
# base64-encoded as "E2E-B64: CASE.SIDE.out|err TEXT" lines, which the
# host decodes and compares byte for byte.
. /lib/iscsistart_lib.sh

# run_side CASE SIDE PROGRAM ARGS... - one run, reported.
run_side() {
	local c=$1 side=$2 prog=$3 rc
	shift 3
	"$prog" "$@" >/tmp/out 2>/tmp/err
	rc=$?
	mark "$c.$side.rc=$rc"
	base64 /tmp/out | sed "s/^/E2E-B64: $c.$side.out /"
	base64 /tmp/err | sed "s/^/E2E-B64: $c.$side.err /"
}

# run_case CASE ARGS... - the same iscsiadm command with both programs.
run_case() {
	local c=$1
	shift
	mark "case=$c $*"
	run_side "$c" ours /bin/iscsiadm "$@"
	run_side "$c" debian /debian/iscsiadm "$@"
}

# run_all STAGE - the commands compared at each point.
run_all() {
	run_case "$1.session" -m session
	run_case "$1.session_p0" -m session -P 0
	run_case "$1.session_p1" -m session -P 1
	run_case "$1.session_p2" -m session -P 2
	run_case "$1.session_p3" -m session -P 3
	run_case "$1.host" -m host
	run_case "$1.host_p1" -m host -P 1
}

# login NAME PROGRAM TARGET - an iscsistart session and its disk.
login() {
	"$2" -i "$E2E_INITIATOR" -t "$3" -g 1 -a "$IS_ADDR" -p "$IS_PORT" \
		>"/tmp/$1.log" 2>&1
	mark "$1.rc=$?"
	sed "s/^/E2E-LOG: $1: /" "/tmp/$1.log"
	s=$(is_session_of "$3") || { mark "$1.session=none"; return 1; }
	mark "$1.session=$s"
	mark "$1.disk=$(is_disk_of "$s" 20 || echo none)"
}

# The sessions are numbered in the order they are made: sid 1 is ours,
# sid 2 Debian's.
run_all none
run_case none.sid1_p3 -m session -r 1 -P 3

login ours /bin/iscsistart "$E2E_IQN:ours"
run_all one
run_case one.sid1 -m session -r 1
run_case one.sid1_p3 -m session -r 1 -P 3
run_case one.sid_sysfs_p1 -m session -r /sys/class/iscsi_session/session1 \
	-P 1
run_case one.sid9_p3 -m session -r 9 -P 3

login debian /debian/iscsistart "$E2E_IQN:debian"
mkdir -p /etc/iscsi && : >/etc/iscsi/iscsid.conf
run_all two
run_case two.sid1_p3 -m session -r 1 -P 3
run_case two.sid2_p3 -m session -r 2 -P 3
run_case two.sid2_stats -m session -r 2 -s
