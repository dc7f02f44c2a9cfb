#!/bin/bash
# SPDX-License-Identifier: MIT
# disc_answers.test.sh - SendTargets answers of unusual shape, side by
# side with Debian's open-iscsi 2.1.8 (exit code, stdout, stderr and the
# whole /etc/iscsi tree after each case): a fake target on loopback gives
# each answer, and both programs store and print what they make of it.
HERE=$(cd "$(dirname "$0")" && pwd)
LIB="$HERE/../lib"
. "$LIB/common.sh"
. "$LIB/debian-iscsiadm.sh"
iscsi_compare_begin "$@"
iscsi_compare_etcs
[ -n "${COMPAT_KEEP:-}" ] && t_on_exit "cp -a $T_TMP/cmp $COMPAT_KEEP"

N=0
# answer NAME LINES... - a fake target giving LINES as its SendTargets
# answer; its port in $P
answer() {
	local name=$1
	shift
	printf '%s\n' "$@" >"$T_TMP/st.$name"
	P=$(t_free_port) || t_die "no free port"
	t_spawn "t-$name" python3 "$LIB/fake_target.py" --port "$P" \
		--mode sendtargets --st-file "$T_TMP/st.$name"
}
I=iqn.2024-01.org.iscsibox.ans

answer no-address "TargetName=$I:a"
c no-address -m discovery -t st -p "127.0.0.1:$P"
c no-address-P1 -m discovery -t st -p "127.0.0.1:$P" -P 1 -o nonpersistent
answer no-tpgt "TargetName=$I:b" "TargetAddress=127.0.0.1:3260"
c no-tpgt -m discovery -t st -p "127.0.0.1:$P"
answer no-port "TargetName=$I:c" "TargetAddress=127.0.0.5,7"
c no-port -m discovery -t st -p "127.0.0.1:$P"
answer ipv6 "TargetName=$I:d" "TargetAddress=[::1]:3260,1" \
	"TargetAddress=[fe80::1%lo]:3260,2"
c ipv6 -m discovery -t st -p "127.0.0.1:$P"
answer dup "TargetName=$I:e" "TargetAddress=127.0.0.1:3260,1" \
	"TargetName=$I:e" "TargetAddress=127.0.0.2:3260,1"
c dup -m discovery -t st -p "127.0.0.1:$P"
answer dup-portal "TargetName=$I:f" "TargetAddress=127.0.0.1:3260,1" \
	"TargetAddress=127.0.0.1:3260,1"
c dup-portal -m discovery -t st -p "127.0.0.1:$P"
answer upper "TargetName=iqn.2024-01.org.iscsibox.ans:UPPER" \
	"TargetAddress=127.0.0.1:3260,1"
c upper -m discovery -t st -p "127.0.0.1:$P"
answer hostname "TargetName=$I:g" "TargetAddress=localhost:3260,1"
c hostname -m discovery -t st -p "127.0.0.1:$P"
answer two-then-none "TargetName=$I:h" "TargetAddress=127.0.0.1:3260,1" \
	"TargetName=$I:i"
c two-then-none -m discovery -t st -p "127.0.0.1:$P"
LONG=$I:$(printf 'x%.0s' $(seq 1 240))
answer long-name "TargetName=$LONG" "TargetAddress=127.0.0.1:3260,1"
c long-name -m discovery -t st -p "127.0.0.1:$P" -o nonpersistent
answer long-name-middle "TargetName=$I:n" "TargetAddress=127.0.0.1:3260,1" \
	"TargetName=$LONG" "TargetName=$I:o"
c long-name-middle -m discovery -t st -p "127.0.0.1:$P" -o nonpersistent
answer orphan-address "TargetAddress=127.0.0.1:3260,1" "TargetName=$I:j" \
	"TargetAddress=127.0.0.1:3260,1"
c orphan-address -m discovery -t st -p "127.0.0.1:$P" -o nonpersistent
answer unknown-key "TargetName=$I:k" "X-Vendor=1" \
	"TargetAddress=127.0.0.1:3260,1"
c unknown-key -m discovery -t st -p "127.0.0.1:$P" -o nonpersistent
c nodes -m node
c nodes-P1 -m node -P 1
c disc-P1 -m discovery -P 1
c delete-legacy -m node -o delete -T "$I:b"
c nodes-after -m node
t_done
