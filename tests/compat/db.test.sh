#!/bin/bash
# SPDX-License-Identifier: MIT
# db.test.sh - iscsiadm's database modes (node, iface, discovery,
# discoverydb) side by side with Debian's open-iscsi 2.1.8: every case runs
# the same command with both tools, each on its own copy of /etc/iscsi in
# a private mount namespace (tests/lib/iscsi-ns-run.sh), and checks exit
# code, stdout, stderr and then the whole resulting tree (names, modes,
# symlink targets, file bytes).  The state carries over from case to case,
# so later cases run on what earlier ones wrote.  Discovery cases use tgtd
# on 127.0.0.1 inside the test's own network namespace.
#
# Deliberate differences, checked for our behaviour only (end of file):
# - iscsid.conf is applied to new records even without iscsid; Debian's
#   iscsiadm then uses its compiled defaults.  (With the fake iscsid that
#   answers the config path, both apply it, so the cases above agree.)
# - record files are replaced atomically; no temp file is left behind.
# Not compared: "-m node -o new" without -T or -p (upstream rewrites every
# matching record in an order we did not pin down); the iser iface in
# discovery (Debian tries to load ib_iser and drops it); an IPv6 iface
# record (Debian 2.1.8 cannot read back the ifaces/ file it wrote:
# "Unknown parameter name iface.dup_addr_detect_cnt"; we can); getopt's
# own complaint, which names argv[0] (tests/cli covers it).  (The STATIC
# section of "-P 1" trees, in directory order, is in db_classes.test.sh.)

HERE=$(cd "$(dirname "$0")" && pwd)
LIB="$HERE/../lib"
. "$LIB/common.sh"
. "$LIB/debian-iscsiadm.sh"
. "$LIB/tgtd.sh"
iscsi_compare_begin "$@"

iscsi_compare_etcs

TGTD_PORT=3260
tgtd_start
tgtd_add_target 1 iqn.2024-01.org.iscsibox.db:one &&
	tgtd_add_target 2 iqn.2024-01.org.iscsibox.db:two ||
	t_die "cannot create targets"

T1=iqn.2024-01.org.iscsibox.db:one
T2=iqn.2024-01.org.iscsibox.db:two
S1=iqn.2024-01.org.iscsibox.db:static1
S2=iqn.2024-01.org.iscsibox.db:static2

# --- node mode on an empty database -----------------------------------------
bad node-list-empty -m node
bad node-P1-empty -m node -P 1
bad node-P2 -m node -P 2
bad node-bad-op -m node -o bogus
bad node-nonpersistent -m node -T "$S1" -o nonpersistent
bad node-apply -m node -T "$S1" -o apply
bad node-two-ops -m node -T "$S1" -o delete -o update -n node.startup -v manual
bad node-update-empty -m node -o update -n node.startup -v automatic
bad node-update-iface-key -m node -o update -n iface.ipaddress -v 10.0.0.9
bad node-update-iface-key2 -m node -o update -n iface.transport_name -v tcp -n iface.hwaddress -v 00:11:22:33:44:55
bad node-delete-empty -m node -o delete
bad node-show-missing -m node -T iqn.nosuch:x
bad node-option-not-allowed -m node -t st
bad node-update-no-value -m node -T "$S1" -o update -n node.startup
bad node-update-nothing -m node -T "$S1" -o update
bad node-stats-no-session -m node -T "$S1" -s

# --- node records ----------------------------------------------------------------
c node-new-tpgt -m node -o new -T "$S1" -p 127.0.0.1:3260,1
c node-new-legacy -m node -o new -T "$S2" -p 127.0.0.2
c node-new-ipv6 -m node -o new -T "$S2" -p "[::1]:3261,2"
c node-new-port -m node -o new -T "$S1" -p 127.0.0.3:3262,7
c node-new-params-ignored -m node -o new -T "$S1" -p 127.0.0.4,1 \
	-n node.startup -v automatic
bad node-new-no-target -m node -o new -p 127.0.0.9
c node-list -m node
c node-list-P1 -m node -P 1
c node-list-P0 -m node -P 0
c node-by-target -m node -T "$S1"
c node-by-portal -m node -p 127.0.0.1
c node-by-portal-port -m node -p 127.0.0.3:3262
c node-by-portal-tpgt-ignored -m node -p 127.0.0.1:3260,5
c node-by-both -m node -T "$S1" -p 127.0.0.1:3260
c node-show -m node -T "$S2" -p "[::1]:3261" -o show
c node-P1-with-target -m node -T "$S2" -P 1
c node-by-iface -m node -I default
bad node-no-such-iface -m node -I nosuch
bad node-portal-no-match -m node -T "$S1" -p 127.0.0.1:99
bad node-target-no-match -m node -T iqn.nosuch:x -p 127.0.0.1
c node-update-one -m node -T "$S1" -p 127.0.0.1:3260 -o update \
	-n node.startup -v automatic
c node-update-pairs -m node -T "$S1" -p 127.0.0.1 -o update \
	-n node.session.timeo.replacement_timeout -v 10 \
	-n node.conn[0].timeo.login_timeout -v 7 \
	-n node.session.iscsi.FirstBurstLength -v 65536
c node-update-chap -m node -T "$S1" -p 127.0.0.1 -o update \
	-n node.session.auth.authmethod -v CHAP \
	-n node.session.auth.username -v user1 \
	-n node.session.auth.password -v secret123
c node-show-masked -m node -T "$S1" -p 127.0.0.1
c node-show-secrets -m node -T "$S1" -p 127.0.0.1 -S
c node-update-digest -m node -T "$S1" -p 127.0.0.1 -o update \
	-n node.conn[0].iscsi.HeaderDigest -v CRC32C,None
c node-update-algs -m node -T "$S1" -p 127.0.0.1 -o update \
	-n node.session.auth.chap_algs -v SHA3-256,SHA256,SHA1,MD5
c node-update-algs-unknown -m node -T "$S1" -p 127.0.0.1 -o update \
	-n node.session.auth.chap_algs -v FOO,SHA1
c node-update-all -m node -o update -n node.session.nr_sessions -v 2
c node-update-legacy -m node -T "$S2" -p 127.0.0.2 -o update \
	-n node.startup -v onboot
c node-update-number-text -m node -T "$S2" -o update \
	-n node.session.cmds_max -v 12abc
bad node-update-bogus -m node -T "$S1" -o update -n node.bogus -v 1
bad node-update-name -m node -T "$S2" -o update -n node.name -v x
bad node-update-tpgt -m node -T "$S2" -o update -n node.tpgt -v 3
bad node-update-address -m node -T "$S1" -p 127.0.0.3:3262 -o update \
	-n node.conn[0].address -v 10.0.0.1 -n node.startup -v manual
bad node-update-iface-key -m node -T "$S1" -o update \
	-n iface.ipaddress -v 10.1.1.1
bad node-update-bad-enum -m node -T "$S1" -p 127.0.0.1 -o update \
	-n node.startup -v bogus
bad node-update-bad-yesno -m node -T "$S1" -p 127.0.0.1 -o update \
	-n node.session.iscsi.InitialR2T -v maybe
c node-list-after-updates -m node -P 1
c node-legacy-replaced -m node -o new -T "$S2" -p 127.0.0.2:3260,3
c node-delete-one -m node -T "$S1" -p 127.0.0.4 -o delete
bad node-delete-missing -m node -T iqn.nosuch:x -o delete
c node-list-after-delete -m node

# a hand-edited record and a record written by Debian are read back
sh_both 'echo "node.session.queue_depth = 64" >>"nodes/'"$S1"'/127.0.0.1,3260,1/default"'
c node-hand-edited -m node -T "$S1" -p 127.0.0.1

# delete takes the discovery link's place from the record (its
# node.discovery_type, _address, _port), not from the links on disk: a
# record that says send_targets keeps the static link it was made with
L=iqn.2024-01.org.iscsibox.db:linkcase
c node-new-linkcase -m node -o new -T "$L" -p 127.0.0.9:3260,1
sh_both 'sed -i "s/^node.discovery_type = static/node.discovery_type = send_targets/" "nodes/'"$L"'/127.0.0.9,3260,1/default"'
c node-delete-link-elsewhere -m node -T "$L" -o delete
sh_both 'rm "static/'"$L"',127.0.0.9,3260,1,default"'

# --- iface mode --------------------------------------------------------------------
c iface-list-builtin -m iface
c iface-show-default -m iface -I default
c iface-show-iser -m iface -I iser
bad iface-show-missing -m iface -I nosuch
c iface-new -m iface -I t0 -o new
c iface-new-again -m iface -I t0 -o new
bad iface-new-no-name -m iface -o new
bad iface-new-default -m iface -I default -o new
c iface-update -m iface -I t0 -o update -n iface.net_ifacename -v eth0
c iface-update-ip -m iface -I t0 -o update -n iface.ipaddress -v 10.0.0.1
c iface-update-initiator -m iface -I t0 -o update \
	-n iface.initiatorname -v iqn.2024-01.org.iscsibox:init0
bad iface-update-missing -m iface -I t9 -o update \
	-n iface.net_ifacename -v eth1
bad iface-update-bogus -m iface -I t0 -o update -n iface.bogus -v 1
bad iface-update-name -m iface -I t0 -o update -n iface.iscsi_ifacename \
	-v t8
bad iface-update-no-value -m iface -I t0 -o update
c iface-list -m iface
c iface-show -m iface -I t0
c iface-show-op -m iface -I t0 -o show
c node-bind-iface -m node -o new -T "$S1" -p 127.0.0.1:3260,1 -I t0
c node-bind-iface-legacy -m node -o new -T "$S2" -p 127.0.0.5 -I t0
c iface-update-propagates -m iface -I t0 -o update -n iface.mtu -v 9000
c node-show-bound -m node -T "$S1" -p 127.0.0.1 -I t0
c iface-tree -m iface -P 1
c iface-tree-one -m iface -I t0 -P 1
bad node-two-ifaces -m node -I t0 -I default -P 1
c iface-delete -m iface -I t0 -o delete
bad iface-delete-again -m iface -I t0 -o delete
bad iface-delete-iser -m iface -I iser -o delete
c node-list-after-iface-delete -m node -P 1

# --- discoverydb records and discovery -------------------------------------------
bad disc-list-empty -m discovery
bad discdb-list-empty -m discoverydb
bad discdb-show-missing -m discoverydb -t st -p 127.0.0.1:3260
bad discdb-no-portal -m discoverydb -t st
bad discdb-no-type -m discoverydb -p 127.0.0.1
bad discdb-op-no-type -m discoverydb -o delete
bad disc-op-no-type -m discovery -o new
bad disc-portal-no-type -m discovery -p 127.0.0.1
c discdb-new -m discoverydb -t st -p 127.0.0.1:3260 -o new
c discdb-show -m discoverydb -t st -p 127.0.0.1
c discdb-update -m discoverydb -t st -p 127.0.0.1 -o update \
	-n discovery.sendtargets.auth.authmethod -v CHAP \
	-n discovery.sendtargets.auth.username -v duser \
	-n discovery.sendtargets.auth.password -v dsecret
c discdb-show-secrets -m discoverydb -t st -p 127.0.0.1 -S
bad discdb-update-bogus -m discoverydb -t st -p 127.0.0.1 -o update \
	-n discovery.bogus -v 1
bad discdb-update-enum -m discoverydb -t st -p 127.0.0.1 -o update \
	-n discovery.startup -v bogus
bad discdb-update-port -m discoverydb -t st -p 127.0.0.1 -o update \
	-n discovery.sendtargets.port -v 1
bad discdb-update-missing -m discoverydb -t st -p 127.0.0.9 -o update \
	-n discovery.startup -v automatic
bad discdb-show-update -m discoverydb -t st -p 127.0.0.1 -o show -o update \
	-n discovery.startup -v automatic
bad discdb-nonpersistent -m discoverydb -t st -p 127.0.0.1 -o nonpersistent
c discdb-update-back -m discoverydb -t st -p 127.0.0.1 -o update \
	-n discovery.sendtargets.auth.authmethod -v None
c discdb-new-isns -m discoverydb -t isns -p 127.0.0.5 -o new
c disc-list -m discovery
c discdb-list -m discoverydb
c disc-st -m discovery -t st -p 127.0.0.1
c disc-st-list-nodes -m node
c disc-node-update -m node -T "$T1" -o update -n node.startup -v automatic
tgtadm_c --mode target --op delete --force --tid 2
tgtd_add_target 3 iqn.2024-01.org.iscsibox.db:three
c disc-st-new-keeps -m discovery -t st -p 127.0.0.1 -o new
c disc-st-new-list -m node
c disc-st-update -m discovery -t st -p 127.0.0.1 -o update
c disc-st-delete-stale -m discovery -t st -p 127.0.0.1 -o delete
c disc-st-after-delete -m node -P 1
tgtd_add_target 2 iqn.2024-01.org.iscsibox.db:two
c disc-st-default-op -m discovery -t st -p 127.0.0.1
c disc-st-P1 -m discovery -t st -p 127.0.0.1 -P 1 -o nonpersistent
c disc-st-iface -m discovery -t st -p 127.0.0.1 -I default
c discdb-D -m discoverydb -t st -p 127.0.0.1 -D
c discdb-new-D -m discoverydb -t st -p 127.0.0.1 -o new -D
c discdb-list-after -m discovery
c discdb-delete -m discoverydb -t st -p 127.0.0.1 -o delete
c discdb-node-after-delete -m node
bad discdb-delete-missing -m discoverydb -t st -p 127.0.0.9 -o delete
c iface-delete-default -m iface -I default -o delete
bad node-list-after-default-delete -m node

t_log "$CASES cases, $BAD of them bad input"
[ "$CASES" -ge 80 ] || t_fail "only $CASES cases (want >= 80)"
[ $((BAD * 3)) -ge "$CASES" ] || t_fail "bad input is under a third"

# --- deliberate differences -----------------------------------------------------
# 1. iscsid.conf without iscsid: Debian's iscsiadm (no daemon reachable in
#    a fresh network namespace) writes its compiled default (120), ours
#    writes the configured value.
for d in "$ISCSI_ETC_DEBIAN" "$ISCSI_ETC_OURS"; do
	echo "node.session.timeo.replacement_timeout = 7" >>"$d/iscsid.conf"
done
unshare --net bash "$LIB/iscsi-ns-run.sh" "$ISCSI_ETC_DEBIAN" \
	"$DEBIAN_ISCSIADM" -m node -o new -T "$S1" -p 127.0.0.8:3260,1 \
	>/dev/null 2>&1
unshare --net bash "$LIB/iscsi-ns-run.sh" "$ISCSI_ETC_OURS" \
	"$ISCSIBOX" iscsiadm -m node -o new -T "$S1" -p 127.0.0.8:3260,1 \
	>/dev/null 2>&1
rec="nodes/$S1/127.0.0.8,3260,1/default"
t_check_eq "no daemon: Debian uses compiled defaults" \
	"$(grep replacement_timeout "$ISCSI_ETC_DEBIAN/$rec")" \
	"node.session.timeo.replacement_timeout = 120"
t_check_eq "no daemon: ours applies iscsid.conf" \
	"$(grep replacement_timeout "$ISCSI_ETC_OURS/$rec")" \
	"node.session.timeo.replacement_timeout = 7"
# 2. atomic writes leave no temporary files next to the records.
t_check_eq "no temp files left" \
	"$(find "$ISCSI_ETC_OURS" -name '*.tmp*' | wc -l)" 0

t_done
