#!/bin/bash
# SPDX-License-Identifier: MIT
# login_storm.bench.sh - "iscsiadm -m node -L all" of many targets at
# once, through our iscsid + iscsiadm (the static $ISCSIBOX) and through
# Debian's, in the same VM run: the Debian kernel under qemu, one tgtd on
# the host's loopback with the largest of $STORM_SIZES targets (default
# "16,64"), $RUNS runs of each side per size (default 3), alternating.
# Timed from the start of iscsiadm until every session is LOGGED_IN and
# its disk attached.  Two boots: the target as close as loopback, and
# the target $STORM_DELAY_MS (default 5) further away in each direction
# through a delaying relay (tests/lib/delay_relay.py) on the host side of
# qemu's guestfwd.  Prints medians (min..max) and Debian/ours.  A
# benchmark: exit 0 whatever the numbers, 77 if it cannot run here.

SRC=${ISCSIBOX_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
export ISCSIBOX_SRC=$SRC
. "$SRC/tests/e2e/lib/iscsid.sh"

RUNS=${RUNS:-3}
SIZES=${STORM_SIZES:-16,64}
DELAY=${STORM_DELAY_MS:-5}
iscsid_bench_begin "$@"

MAX=$(echo "$SIZES" | tr , '\n' | sort -n | tail -n 1)
vm_initramfs "$T_TMP/storm.cpio" -b "$ISCSIBOX:/bin/iscsibox" \
	-l /bin/iscsibox:/ours/iscsid -l /bin/iscsibox:/ours/iscsiadm \
	-b "$DEB_ISCSID:/deb/iscsid" -b "$DEB_ISCSIADM:/deb/iscsiadm" \
	-f "$SRC/tests/e2e/guest/iscsid_lib.sh:iscsid_lib.sh" \
	-f "$SRC/tests/e2e/guest/login_storm.sh:test.sh" ||
	{ echo "skip: cannot build the guest image" >&2; exit 77; }
tgtd_start
tgtd_add_targets "$MAX" ||
	{ echo "skip: cannot create $MAX targets" >&2; exit 77; }

PARAMS="e2e.initiator=iqn.2024-01.org.iscsibox:guest e2e.iqn=$TGTD_IQN"
PARAMS="$PARAMS e2e.sizes=$SIZES e2e.runs=$RUNS"
# a generous bound: 64 logins of one side take ~10-40 s under TCG
TOTAL=0
for s in ${SIZES//,/ }; do TOTAL=$((TOTAL + s)); done
VM_TIMEOUT=$((120 + RUNS * 2 * TOTAL * 3))
VM_QEMU_ARGS=(-m 512M)

# boot NAME PORT - one VM run; its markers stay in NAME.markers.
boot() {
	VM_TIMEOUT=$VM_TIMEOUT vm_run "$T_TMP/storm.cpio" "$2" "$PARAMS" ||
		echo "# $1: the VM did not power off cleanly" >&2
	vm_markers >"$T_TMP/$1.markers"
	[ "$(vm_marker storm_done)" = 1 ] || vm_show_console 30
	echo "# $1: qemu run $VM_SECONDS s" >&2
}

boot near "$TGTD_PORT"
if relay_start "$DELAY"; then
	boot far "$RELAY_PORT"
else
	: >"$T_TMP/far.markers"
fi
relay_stop

# stat NAME WHICH SIZE - "median min max good/all" of the runs.
stat() {
	awk -F'[=. ]' -v w="$2" -v s="$3" '
		$1 == "t" && $2 == w && $3 == s { all++; if ($5 == "0") print $6 }
		END { print "all", all + 0 }' "$T_TMP/$1.markers" |
		sort -n | awk '
		$1 == "all" { all = $2; next }
		{ v[++n] = $1 }
		END {
			if (!n) { print "- - - 0/" all; exit }
			m = n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
			print m, v[1], v[n], n "/" all }'
}

printf 'iscsiadm -m node -L all until every session is up with its disk,'
printf ' ms: median (min..max) of good runs / runs\n'
printf '%-26s %-26s %-26s %8s\n' case iscsibox "Debian 2.1.8" Debian/ours
for name in near far; do
	for size in $(echo "$SIZES" | tr , ' '); do
		read -r om omin omax on <<<"$(stat $name ours "$size")"
		read -r dm dmin dmax dn <<<"$(stat $name deb "$size")"
		label="$size targets"
		[ $name = far ] && label="$label, +${DELAY} ms each way"
		ratio=$(awk -v a="$dm" -v b="$om" 'BEGIN {
			if (a + 0 > 0 && b + 0 > 0) printf "%.2fx", a / b
			else print "-" }')
		printf '%-26s %-26s %-26s %8s\n' "$label" \
			"$om ($omin..$omax) $on" "$dm ($dmin..$dmax) $dn" "$ratio"
	done
done
awk -F'[= ]' '/^t\./ && $2 != "0" { print "# failed run: " $0 }' \
	"$T_TMP/near.markers" "$T_TMP/far.markers" >&2
exit 0
