#!/bin/bash
# SPDX-License-Identifier: MIT
# login.bench.sh - how long a boot waits for its iSCSI disk: the time
# from starting iscsistart until the first block of the new disk has
# been read, in the Debian kernel under qemu against a tgtd on the host's
# loopback, for our static iscsistart and Debian's, without
# authentication and with mutual CHAP, $RUNS logins each (default 5, one
# boot per initiator, a fresh target per login). Prints a table of
# medians (min..max) and the ratio, then the size of our static binary
# next to Debian's iscsistart plus the shared libraries it loads. A
# benchmark: exit 0 whatever the numbers, 77 if it cannot run here.

SRC=${ISCSIBOX_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
export ISCSIBOX_SRC=$SRC
. "$SRC/tests/e2e/lib/iscsistart.sh"

RUNS=${RUNS:-5}
is_bench_begin "$@"

user=initiator-user secret=InitiatorSecret1
tuser=target-user tsecret=TargetSecret123

# targets - noneNN and mutualNN for every run, fresh for each boot.
targets() {
	local n tid=1
	tgtd_start
	tgtd_account "$user" "$secret" && tgtd_account "$tuser" "$tsecret" ||
		return 1
	for ((n = 1; n <= RUNS; n++)); do
		tgtd_add_target $tid "$(printf '%s:none%02d' "$TGTD_IQN" $n)" &&
			tgtd_add_target $((tid + 1)) \
				"$(printf '%s:mutual%02d' "$TGTD_IQN" $n)" &&
			tgtadm_c --mode account --op bind --tid $((tid + 1)) \
				--user "$user" &&
			tgtadm_c --mode account --op bind --tid $((tid + 1)) \
				--user "$tuser" --outgoing || return 1
		tid=$((tid + 2))
	done
}

params="e2e.initiator=iqn.2024-01.org.iscsibox:guest e2e.runs=$RUNS"
params="$params e2e.user=$user e2e.secret=$secret"
params="$params e2e.tuser=$tuser e2e.tsecret=$tsecret"

# boot WHICH - one boot; leaves "KIND MS" lines of good runs in WHICH.times
boot() {
	local which=$1
	targets || { echo "skip: cannot configure tgtd" >&2; exit 77; }
	is_image "$T_TMP/$which.cpio" "$which" login_bench.sh ||
		{ echo "skip: cannot build the guest image" >&2; exit 77; }
	VM_TIMEOUT=$((60 + RUNS * 20)) vm_run "$T_TMP/$which.cpio" \
		"$TGTD_PORT" "$params e2e.iqn=$TGTD_IQN" ||
		echo "# $which: the VM did not power off cleanly" >&2
	vm_markers | sed -n 's/^time\.\([a-z]*\)\.[0-9]*=0 /\1 /p' \
		>"$T_TMP/$which.times"
	vm_markers | grep '^time\.' | grep -v '=0 ' |
		sed "s/^/# $which: failed login: /" >&2
	tgtd_stop
	TGTD_PORT=
}

# stat_of WHICH KIND - "median min max count" of the good runs.
stat_of() { is_stat_of "$T_TMP/$1.times" "$2"; }

boot ours
boot debian

echo "login to readable disk, ms (median, min..max, good runs of $RUNS)"
printf '%-8s %-22s %-22s %s\n' auth "iscsibox" "Debian 2.1.8" \
	"Debian/ours"
for kind in none mutual; do
	read -r om omin omax on <<<"$(stat_of ours $kind)"
	read -r dm dmin dmax dn <<<"$(stat_of debian $kind)"
	ratio=$(awk -v a="$dm" -v b="$om" 'BEGIN {
		if (a + 0 > 0 && b + 0 > 0) printf "%.1fx", a / b; else print "-" }')
	printf '%-8s %-22s %-22s %s\n' "$kind" \
		"$om ($omin..$omax, $on)" "$dm ($dmin..$dmax, $dn)" "$ratio"
done

deb=$(command -v iscsistart)
echo
echo "size on disk, bytes"
printf '%-52s %10s\n' "iscsibox (static, all applets)" \
	"$(stat -Lc %s "$ISCSIBOX")"
total=$(stat -Lc %s "$deb")
printf '%-52s %10s\n' "$deb" "$total"
for lib in $(ldd "$deb" | sed -n 's/^[^/]*\(\/[^ ]*\) (0x.*/\1/p'); do
	sz=$(stat -Lc %s "$lib")
	total=$((total + sz))
	printf '%-52s %10s\n' "  + $lib" "$sz"
done
printf '%-52s %10s\n' "Debian's iscsistart with its libraries" "$total"
awk -v a="$total" -v b="$(stat -Lc %s "$ISCSIBOX")" \
	'BEGIN { printf "ratio %.1fx\n", a / b }'
exit 0
