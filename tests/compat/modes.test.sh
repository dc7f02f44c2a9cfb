#!/bin/bash
# SPDX-License-Identifier: MIT
# modes.test.sh - the modes and options outside the record database, side
# by side with Debian's open-iscsi 2.1.8 on a host with the tcp transport
# and no session or offload host (tests/lib/iscsi-ns-run.sh): exit code,
# stdout, stderr, then the /etc/iscsi tree after every case.
# Facts these cases hold us to, measured with Debian's iscsiadm:
# - "-m host -C chap|flashnode|stats" look the host's transport up first
#   ("Could not read proc_name for hostN rc 5.", "Could not match hostno
#   N to transport.", 12); chap without -o: "CHAP mode requires host no
#   and valid operation" (7); "-C ping" there: "Invalid Sub Mode", exit
#   0; any other -C name is ignored;
# - "-m iface -o apply" needs -I, then says "Nothing to configure." and
#   "X applied." (0); "-o applyall" reports hostN (-H, else 0).
# Not compared: "-d N" debug lines (ours log differently, on purpose).

HERE=$(cd "$(dirname "$0")" && pwd)
LIB="$HERE/../lib"
. "$LIB/common.sh"
. "$LIB/debian-iscsiadm.sh"
iscsi_compare_begin "$@"
iscsi_compare_etcs

# --- general ----------------------------------------------------------------
c version -V
bad no-mode -P 1
bad bad-mode -m bogus
bad bad-op -m node -o bogus
bad iface-bad-op -m iface -o bogus
bad node-option-x -m node -x 1
bad session-option-T -m session -T iqn.x:y
bad iface-option-H -m iface -H 1 -I default -o bogus
c discovery-debug -m discovery -d 1
# --- host ---------------------------------------------------------------------
bad host-none -m host
bad host-P1 -m host -P 1
bad host-H -m host -H 1
bad host-H-P1 -m host -H 1 -P 1
bad host-chap-no-op -m host -C chap
bad host-chap-H-no-op -m host -C chap -H 1
bad host-chap-show -m host -C chap -o show
bad host-chap-H0-show -m host -C chap -H 0 -o show
bad host-chap-delete -m host -C chap -o delete -H 2 -x 1
bad host-flashnode -m host -C flashnode
bad host-flashnode-H -m host -C flashnode -H 1 -o show
bad host-stats -m host -C stats -H 1
c host-ping -m host -C ping
bad host-other-submode -m host -C bogus -H 1
# --- session and fw without sessions or firmware ----------------------------
bad session-none -m session
bad session-P1 -m session -P 1
bad session-P3 -m session -P 3
bad session-r -m session -r 1
bad session-r-bad -m session -r bogus
bad session-stats -m session -s
bad session-rescan -m session -R
bad session-new -m session -o new
bad session-logout -m session -u
bad fw-none -m fw
bad fw-login -m fw -l
bad fw-P1 -m fw -P 1
# --- iface apply ----------------------------------------------------------------
c iface-new -m iface -I zz -o new
bad iface-apply-none -m iface -o apply
bad iface-apply-unknown -m iface -o apply -I nosuch
c iface-apply -m iface -o apply -I zz
c iface-apply-default -m iface -o apply -I default
c iface-applyall -m iface -o applyall
c iface-applyall-H -m iface -o applyall -H 3
c iface-applyall-I -m iface -o applyall -I default

t_log "$CASES cases, $BAD of them bad input"
t_done
