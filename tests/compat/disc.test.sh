#!/bin/bash
# SPDX-License-Identifier: MIT
# disc.test.sh - discovery and discoverydb modes with every -o, -I, -P and
# discovery.* key we could try, side by side with Debian's open-iscsi
# 2.1.8 (exit code, stdout, stderr, then the whole /etc/iscsi tree after
# every case; the state carries over).  SendTargets cases use tgtd on
# 127.0.0.1 inside the test's own network namespace.
#
# Facts these cases hold us to, measured with Debian's iscsiadm:
# - without -I, a discovery binds the records to every stored iface
#   (sorted), and to "default" only when there is none;
# - "-m discovery -p P" (no -t) shows, deletes or reruns P's SendTargets
#   record; -o new/update there point to discoverydb mode;
# - "-P 2" (any level but 0 and 1) prints no discovery results at all;
# - with several ifaces each iface's records follow its own SendTargets
#   answer: an iface with its own iface.initiatorname sees the targets
#   that name may see (tgtd hides the others), and gets records for them
#   only;
# - an unknown -I is dropped with "Could not read iface info for X. Make
#   sure an iface config ..." and, when none is left, exit 21 before any
#   connection is made or any discovery record is written.

HERE=$(cd "$(dirname "$0")" && pwd)
LIB="$HERE/../lib"
. "$LIB/common.sh"
. "$LIB/debian-iscsiadm.sh"
. "$LIB/tgtd.sh"
iscsi_compare_begin "$@"
iscsi_compare_etcs
[ -n "${COMPAT_KEEP:-}" ] && t_on_exit "cp -a $T_TMP/cmp $COMPAT_KEEP"

TGTD_PORT=3260
tgtd_start
tgtd_add_target 1 iqn.2024-01.org.iscsibox.disc:one &&
	tgtd_add_target 2 iqn.2024-01.org.iscsibox.disc:two ||
	t_die "cannot create targets"
T1=iqn.2024-01.org.iscsibox.disc:one
# target three answers SendTargets only for one initiator name
INI3=iqn.2024-01.org.iscsibox.disc:ini3
truncate -s 1M "$T_TMP/lun3.img" &&
	tgtadm_c --mode target --op new --tid 3 \
		--targetname iqn.2024-01.org.iscsibox.disc:three &&
	tgtadm_c --mode logicalunit --op new --tid 3 --lun 1 \
		--backing-store "$T_TMP/lun3.img" &&
	tgtadm_c --mode target --op bind --tid 3 --initiator-name "$INI3" ||
	t_die "cannot create target three"

# --- discovery mode, nothing stored ---------------------------------------
bad disc-list-empty -m discovery
bad disc-P1-empty -m discovery -P 1
bad disc-no-type-portal -m discovery -p 127.0.0.1
bad disc-st-no-portal -m discovery -t st
bad disc-st-refused -m discovery -t st -p 127.0.0.1:3999 -o nonpersistent
bad disc-slp -m discovery -t slp -p 127.0.0.1
bad disc-bad-type -m discovery -t bogus -p 127.0.0.1
bad disc-bad-op -m discovery -t st -p 127.0.0.1 -o bogus
bad disc-op-new -m discovery -p 127.0.0.1 -o new
bad disc-option-T -m discovery -t st -p 127.0.0.1 -T "$T1"
bad disc-option-u -m discovery -t st -p 127.0.0.1 -u
bad disc-option-L -m discovery -L all
bad disc-unknown-iface -m discovery -t st -p 127.0.0.1 -I nosuch
# --- SendTargets runs ------------------------------------------------------
c disc-st-nonpersistent -m discovery -t st -p 127.0.0.1 -o nonpersistent
c disc-st-P1-nonpersistent -m discovery -t st -p 127.0.0.1 -P 1 \
	-o nonpersistent
c disc-P2 -m discovery -t st -p 127.0.0.1 -P 2 -o nonpersistent
c disc-st -m discovery -t st -p 127.0.0.1
c disc-st-port -m discovery -t st -p 127.0.0.1:3260
c disc-st-new -m discovery -t st -p 127.0.0.1 -o new
c disc-st-update -m discovery -t st -p 127.0.0.1 -o update
c disc-st-delete-op -m discovery -t st -p 127.0.0.1 -o delete
c disc-list -m discovery
c disc-list-P0 -m discovery -P 0
c disc-list-P1 -m discovery -P 1
c disc-show-portal -m discovery -p 127.0.0.1
c disc-show-portal-o -m discovery -p 127.0.0.1 -o show
bad disc-show-missing -m discovery -p 127.0.0.9
c disc-show-portal-S -m discovery -p 127.0.0.1 -S
bad disc-portal-update -m discovery -p 127.0.0.1 -o update \
	-n discovery.startup -v manual
bad disc-portal-new -m discovery -p 127.0.0.1 -o new
bad disc-portal-nonpersistent -m discovery -p 127.0.0.1 -o nonpersistent
c disc-portal-D -m discovery -p 127.0.0.1 -D
c disc-nodes -m node
# --- ifaces in a discovery ------------------------------------------------
c disc-iface-new -m iface -I second -o new
c disc-st-iface -m discovery -t st -p 127.0.0.1 -I second
c disc-st-two-ifaces -m discovery -t st -p 127.0.0.1 -I default \
	-I second
c disc-st-stored-ifaces -m discovery -t st -p 127.0.0.1
c disc-nodes-ifaces -m node
bad disc-st-unknown-iface -m discovery -t st -p 127.0.0.1 -I nosuch
c disc-st-some-unknown -m discovery -t st -p 127.0.0.1 -I nosuch \
	-I second
c disc-iface-delete -m iface -I second -o delete
c disc-nodes-after-iface-delete -m node
c disc-iface3-new -m iface -I third -o new
c disc-iface3-ini -m iface -I third -o update -n iface.initiatorname \
	-v "$INI3"
c disc-st-per-iface -m discovery -t st -p 127.0.0.1 -I default -I third
c disc-st-per-iface-P1 -m discovery -t st -p 127.0.0.1 -I third -I default \
	-P 1
# one target, two portals, one of them twice (two tpgts): the -P 1 tree
# names a target and a portal again only when they change, also from
# one iface's answer to the next
printf '%s\n' TargetName=iqn.2024-01.org.iscsibox.disc:solo \
	TargetAddress=127.0.0.1:3260,1 TargetAddress=127.0.0.1:3260,2 \
	TargetAddress=127.0.0.2:3260,1 >"$T_TMP/st-solo"
SOLO=$(t_free_port) || t_die "no free port"
t_spawn solo python3 "$LIB/fake_target.py" --port "$SOLO" \
	--mode sendtargets --st-file "$T_TMP/st-solo"
c disc-solo-P1 -m discovery -t st -p "127.0.0.1:$SOLO" -I default -I third \
	-P 1 -o nonpersistent
c disc-solo-P0 -m discovery -t st -p "127.0.0.1:$SOLO" -I default -I third \
	-o nonpersistent
# a target that answers SendTargets with nothing
: >"$T_TMP/st-none"
NONE=$(t_free_port) || t_die "no free port"
t_spawn none python3 "$LIB/fake_target.py" --port "$NONE" \
	--mode sendtargets --st-file "$T_TMP/st-none"
bad disc-none -m discovery -t st -p "127.0.0.1:$NONE"
bad disc-none-two-ifaces -m discovery -t st -p "127.0.0.1:$NONE" \
	-I default -I third -o nonpersistent
c disc-nodes-per-iface -m node
c disc-list-P1-per-iface -m discovery -P 1
c disc-static-default -m node -o new -T iqn.2024-01.org.iscsibox.disc:st \
	-p 127.0.0.3:3260,1
c disc-static-third -m node -o new -T iqn.2024-01.org.iscsibox.disc:st \
	-p 127.0.0.3:3260,1 -I third
c disc-list-P1-static -m discovery -P 1
c disc-static-delete -m node -o delete -T iqn.2024-01.org.iscsibox.disc:st
c disc-nodes-P1-per-iface -m node -P 1
c disc-st-per-iface-stored -m discovery -t st -p 127.0.0.1
c disc-st-per-iface-delete-op -m discovery -t st -p 127.0.0.1 -I default \
	-o delete
c disc-nodes-per-iface-delete-op -m node
c disc-st-per-iface-new-op -m discovery -t st -p 127.0.0.1 -I third -o new
c disc-st-per-iface-update-op -m discovery -t st -p 127.0.0.1 -I third \
	-I default -o update
c disc-nodes-per-iface-ops -m node
c disc-iface3-ini-back -m iface -I third -o update -n iface.initiatorname \
	-v ""
c disc-st-per-iface-stale -m discovery -t st -p 127.0.0.1 -I third
c disc-nodes-per-iface-stale -m node
c disc-iface3-delete -m iface -I third -o delete
c disc-nodes-after-iface3-delete -m node
# --- discoverydb ------------------------------------------------------------
c discdb-new -m discoverydb -t st -p 127.0.0.2 -o new
c discdb-show -m discoverydb -t st -p 127.0.0.2 -o show
c discdb-show-default -m discoverydb -t st -p 127.0.0.2
c discdb-show-secrets -m discoverydb -t st -p 127.0.0.2 -S
c discdb-update-chap -m discoverydb -t st -p 127.0.0.2 -o update \
	-n discovery.sendtargets.auth.authmethod -v CHAP \
	-n discovery.sendtargets.auth.username -v u1 \
	-n discovery.sendtargets.auth.password -v p1
c discdb-show-masked -m discoverydb -t st -p 127.0.0.2
c discdb-update-timeo -m discoverydb -t st -p 127.0.0.2 -o update \
	-n discovery.sendtargets.timeo.login_timeout -v 3 \
	-n discovery.sendtargets.reopen_max -v 1
c discdb-update-startup -m discoverydb -t st -p 127.0.0.2 -o update \
	-n discovery.startup -v automatic
c discdb-update-digest -m discoverydb -t st -p 127.0.0.2 -o update \
	-n discovery.sendtargets.iscsi.MaxRecvDataSegmentLength -v 65536
bad discdb-update-bogus -m discoverydb -t st -p 127.0.0.2 -o update \
	-n discovery.sendtargets.bogus -v 1
bad discdb-update-node-key -m discoverydb -t st -p 127.0.0.2 -o update \
	-n node.startup -v manual
bad discdb-update-no-value -m discoverydb -t st -p 127.0.0.2 -o update \
	-n discovery.startup
bad discdb-update-bad-enum -m discoverydb -t st -p 127.0.0.2 -o update \
	-n discovery.startup -v bogus
c discdb-show-after -m discoverydb -t st -p 127.0.0.2 -o show
bad discdb-missing -m discoverydb -t st -p 127.0.0.9 -o show
bad discdb-update-missing -m discoverydb -t st -p 127.0.0.9 -o update \
	-n discovery.startup -v manual
bad discdb-two-ops -m discoverydb -t st -p 127.0.0.2 -o update -o delete
bad discdb-nonpersistent -m discoverydb -t st -p 127.0.0.2 \
	-o nonpersistent
bad discdb-no-portal -m discoverydb -t st -o new
bad discdb-no-type -m discoverydb -p 127.0.0.2 -o new
bad discdb-no-type-no-op -m discoverydb -p 127.0.0.2
bad discdb-no-type-no-portal -m discoverydb -o new
c discdb-list -m discoverydb
c discdb-list-P1 -m discoverydb -P 1
bad discdb-option-T -m discoverydb -t st -p 127.0.0.2 -T "$T1"
c discdb-D -m discoverydb -t st -p 127.0.0.1 -D
c discdb-D-P1 -m discoverydb -t st -p 127.0.0.1 -D -P 1
c discdb-D-new -m discoverydb -t st -p 127.0.0.1 -D -o new
c discdb-D-update -m discoverydb -t st -p 127.0.0.1 -D -o update
c discdb-delete -m discoverydb -t st -p 127.0.0.2 -o delete
c discdb-delete-D-rec -m discoverydb -t st -p 127.0.0.1 -o delete
c discdb-after-deletes -m discovery -P 1
c disc-st-again -m discovery -t st -p 127.0.0.1 -o new
c disc-portal-delete -m discovery -p 127.0.0.1 -o delete
bad disc-portal-deleted -m discovery -p 127.0.0.1
bad discdb-update-deleted -m discoverydb -t st -p 127.0.0.1 -o update \
	-n discovery.startup
c disc-nodes-end -m node

t_log "$CASES cases, $BAD of them bad input"
t_done
