#!/bin/bash
# SPDX-License-Identifier: MIT
# iscsistart_hostile.test.sh - a subset of the hostile target's
# misbehaviours (tests/integration/hostile.test.sh has them all in user
# space) on the kernel login path: iscsistart in the Debian kernel under
# qemu, the login PDUs through NETLINK_ISCSI, against
# tests/lib/fake_target.py on the host. Each login has login_timeout 2 s
# and initial_login_retry_max 2 (4 s in all), so the boot is bounded by
# the VM timeout many times over. Asserted for ours: the error code,
# that a failed login leaves no kernel session behind (a half-made
# session would still count in sysfs), that a redirect's failure names
# the redirect target, and that a slow but correct target (one byte per
# 2 ms) is logged in. Debian's iscsistart runs the same plan; its error
# codes are printed beside ours, not compared.
#
# The end code follows open-iscsi's retry rule (core/conn_retry.h): the
# check that finds the 4 s spent gives it. A failure on an open
# connection pauses DefaultTime2Wait (2 s) and the check at the end of a
# pause is a connection time-out (8); a failure that is itself past the
# 4 s ends with its own code (11 for the login timer, 5 for a target
# error, 9 for a kernel refusal after login). Measured with Debian 12's
# iscsistart -d 4 in this VM:
#   mode                  ours  Debian
#   status-0201             24  24    not retried (auth failure)
#   status-0203,
#   wrong-opcode            19  19    not retried (initiator error)
#   status-0301              8   8    0x0301 at 0 s, pause, again at
#                                     2 s, pause ends at 4 s: 8
#   stall-mid-header         8   8    login timer at 2 s (11), pause,
#                                     its end at 4 s: 8
#   login-huge-dlen          8   8    the kernel refuses the 16 MB
#                                     segment (over 8192); as 0x0301
#   redirect-unreachable     8   8    127.0.0.2:9 refused: retried, 8
#   no-transit               8  11    Debian: one attempt, whose 2 s
#                                     login timer fired only after
#                                     5.5 s of Login Responses, past
#                                     the 4 s: 11. Ours ends the
#                                     exchange after 32 responses and
#                                     retries by the rule above: 8

SRC=${ISCSIBOX_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
export ISCSIBOX_SRC=$SRC
. "$SRC/tests/e2e/lib/iscsistart.sh"
is_test_begin "$@"

TGTD_IQN=iqn.2026-01.org.iscsibox:hostile
port=$(t_free_port) || t_die "no free port"
ready="$T_TMP/target.ready"
python3 "$SRC/tests/lib/fake_target.py" --port "$port" --mode by-name \
	--ready "$ready" &
tpid=$!
t_on_exit "kill $tpid; wait $tpid"
for _ in $(seq 1 100); do
	[ -e "$ready" ] && break
	sleep 0.05
done
[ -e "$ready" ] || t_die "the fake target did not start"
params="e2e.initiator=iqn.2024-01.org.iscsibox:hostile e2e.iqn=$TGTD_IQN"

# mode want-error: ours, in the kernel path.
WANT="status-0201 24
status-0203 19
wrong-opcode 19
status-0301 8
no-transit 8
login-huge-dlen 8
stall-mid-header 8
redirect-unreachable 8"

for which in ours debian; do
	is_image "$T_TMP/$which.cpio" "$which" iscsistart_hostile.sh ||
		t_die "cannot build the $which image"
	vm_run "$T_TMP/$which.cpio" "$port" "$params"
	t_check_rc "$which: qemu ran to power-off" $? 0
	while read -r m err; do
		got=$(vm_marker "$m.err")
		t_log "$which: $m: error ${got:-none}, $(vm_marker "$m.ms") ms"
		[ "$which" = ours ] || continue
		t_check_eq "$which: $m: error" "$got" "$err"
		is_check "$which" "$m.sessions" 0
	done <<<"$WANT"
	t_log "$which: slow-drip: rc $(vm_marker slow-drip.rc)"
	[ "$which" = ours ] || continue
	is_check_logged "$which" redirect-unreachable 127.0.0.2
	is_check "$which" slow-drip.rc 0
	is_check "$which" slow-drip.sessions 1
	is_check "$which" sessions 1
	[ -z "${E2E_VERBOSE:-}" ] || vm_show_console 120
done
t_done
