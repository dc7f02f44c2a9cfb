#!/bin/bash
# SPDX-License-Identifier: MIT
# iscsid_rss.bench.sh - what iscsid costs in memory with 16 sessions up:
# in the Debian kernel under qemu, against 16 targets of a tgtd on the
# host's loopback, our iscsid + iscsiadm (the static $ISCSIBOX) and
# Debian's iscsid + iscsiadm (copied with their shared libraries) each
# log in to all 16 targets with "iscsiadm -m node -L all" in a boot of
# their own; then VmRSS, VmHWM, VmLck and Pss of the daemon are read from
# /proc. Prints a table ours vs Debian's with the ratio, then the size of
# the static binary next to Debian's iscsid + iscsiadm + iscsistart plus
# the shared libraries they load. A benchmark: exit 0 whatever the
# numbers, 77 if it cannot run here, 1 if no figure could be measured.

SRC=${ISCSIBOX_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
export ISCSIBOX_SRC=$SRC
. "$SRC/tests/e2e/lib/iscsid.sh"

N=${SESSIONS:-16}
iscsid_bench_begin "$@"

GUEST="$SRC/tests/e2e/guest/iscsid_rss.sh"
PARAMS="e2e.initiator=iqn.2024-01.org.iscsibox:guest e2e.iqn=$TGTD_IQN"
PARAMS="$PARAMS e2e.n=$N"

# image WHICH - the guest image for ours|debian.
image() {
	case $1 in
	ours) iscsid_initramfs "$T_TMP/ours.cpio" "$GUEST" ;;
	debian) vm_initramfs "$T_TMP/debian.cpio" \
		-b "$DEB_ISCSID:/bin/iscsid" -b "$DEB_ISCSIADM:/bin/iscsiadm" \
		-f "$SRC/tests/e2e/guest/iscsid_lib.sh:iscsid_lib.sh" \
		-f "$GUEST:test.sh" ;;
	esac
}

# boot WHICH - one boot with fresh targets; the console stays in
# WHICH.log. Returns non-zero if the daemon's memory was not reported.
boot() {
	local which=$1 main
	: >"$T_TMP/$which.log"
	tgtd_start
	tgtd_add_targets "$N" || { echo "# cannot create $N targets" >&2
		return 1; }
	image "$which" || { echo "# cannot build the $which image" >&2
		return 1; }
	VM_TIMEOUT=${VM_TIMEOUT:-110} vm_run "$T_TMP/$which.cpio" \
		"$TGTD_PORT" "$PARAMS" ||
		echo "# $which: the VM did not power off cleanly" >&2
	cp "$VM_LOG" "$T_TMP/$which.log"
	tgtd_stop
	TGTD_PORT=
	main=$(vm_marker main_pid)
	if [ "$(vm_marker sessions)" != "$N" ] || [ -z "$main" ] ||
		[ -z "$(vm_marker "mem.$main.VmRSS")" ]; then
		echo "# $which: $(vm_marker sessions) of $N sessions, login" \
			"rc $(vm_marker login_rc), daemon pid '$main'" >&2
		vm_show_console 40
		return 1
	fi
	echo "# $which: -L all of $N targets took $(vm_marker login_ms) ms," \
		"qemu run $VM_SECONDS s" >&2
}

# fig WHICH KEY [all] - kB of the daemon named by the pid file, or the
# sum over every iscsid process ("all"); "-" if not reported.
fig() {
	local log="$T_TMP/$1.log" main
	VM_LOG=$log
	main=$(vm_marker main_pid)
	vm_markers | awk -F= -v k="$2" -v m="$main" -v all="${3:-}" '
		{ split($1, p, ".") }
		p[1] == "mem" && p[3] == k && (all != "" || p[2] == m) {
			s += $2; n++ }
		END { if (n) print s; else print "-" }'
}

ok=0
boot ours && ok=$((ok + 1))
boot debian && ok=$((ok + 1))
[ "$ok" -gt 0 ] || { echo "iscsid_rss: no daemon could be measured" >&2
	exit 1; }

printf 'iscsid memory with %d sessions logged in, kB (guest /proc)\n' "$N"
printf '%-34s %10s %14s %12s\n' figure iscsibox "Debian 2.1.8" "Debian/ours"
for row in "VmRSS:daemon VmRSS" "VmHWM:daemon VmHWM (peak)" \
	"VmLck:daemon VmLck (locked)" "RssAnon:daemon RssAnon" \
	"Pss:daemon Pss" "VmRSS:all iscsid processes VmRSS:all" \
	"Pss:all iscsid processes Pss:all"; do
	key=${row%%:*} rest=${row#*:} all=
	case $rest in *:all) all=all rest=${rest%:all} ;; esac
	o=$(fig ours "$key" $all) d=$(fig debian "$key" $all)
	ratio=$(awk -v a="$d" -v b="$o" 'BEGIN {
		if (a + 0 > 0 && b + 0 > 0) printf "%.1fx", a / b
		else print "-" }')
	printf '%-34s %10s %14s %12s\n' "$rest" "$o" "$d" "$ratio"
done
for which in ours debian; do
	VM_LOG="$T_TMP/$which.log"
	printf '%s: processes %s (pid file: %s)\n' "$which" \
		"$(vm_marker pids)" "$(vm_marker main_pid)"
done

echo
echo "size on disk, bytes"
ours=$(stat -Lc %s "$ISCSIBOX")
printf '%-52s %10s\n' "iscsibox (static, all applets)" "$ours"
total=0
for p in "$DEB_ISCSID" "$DEB_ISCSIADM" "$DEB_ISCSISTART"; do
	sz=$(stat -Lc %s "$p")
	total=$((total + sz))
	printf '%-52s %10s\n' "$p" "$sz"
done
# every library any of the three loads, counted once
for lib in $(ldd "$DEB_ISCSID" "$DEB_ISCSIADM" "$DEB_ISCSISTART" |
	sed -n 's/^[^/]*\(\/[^ ]*\) (0x.*/\1/p' | sort -u); do
	sz=$(stat -Lc %s "$lib")
	total=$((total + sz))
	printf '%-52s %10s\n' "  + $lib" "$sz"
done
printf '%-52s %10s\n' "Debian's three programs with their libraries" "$total"
awk -v a="$total" -v b="$ours" 'BEGIN { printf "ratio %.1fx\n", a / b }'
exit 0
