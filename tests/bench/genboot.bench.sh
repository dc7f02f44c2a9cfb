#!/bin/bash
# SPDX-License-Identifier: MIT
# genboot.bench.sh - kernel start to root file system mounted, with the
# root on an iSCSI LUN, through each distribution generator's own image:
# iscsibox's files in it (as tests/e2e/gen_* build it) against
# open-iscsi's. The figure is the guest's uptime when the root's
# /sbin/init starts (the kernel's clock, so qemu's start-up is left out).
# GENBOOT_BOOTS boots per image (default 1), GENBOOT_GENERATORS
# (default "initramfs-tools"; add "dracut" for dracut 059 without
# systemd: its images take minutes to build). Prints medians (min..max)
# and the ratio; a benchmark: exit 0 whatever the numbers, 77 if it
# cannot run here.
#
# Measured 2026-11-26 on a shared 2-core machine (load average 12-16
# from other jobs), qemu TCG, Debian 12's kernel, boots alternating:
#   generator        iscsibox                open-iscsi              ratio
#   initramfs-tools  36.6 (earlier run)      41.9                    0.87
#   dracut           49.70 (48.67..59.48) n=3 60.19 (58.35..80.63) n=3 0.83
# (dracut 059 without systemd, GENBOOT_BOOTS=3 GENBOOT_GENERATORS=dracut)

SRC=${ISCSIBOX_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
export ISCSIBOX_SRC=$SRC
. "$SRC/tests/e2e/lib/genroot.sh"

BOOTS=${GENBOOT_BOOTS:-1}
GENS=${GENBOOT_GENERATORS:-initramfs-tools}
for c in mkinitramfs dracut unmkinitramfs; do
	command -v "$c" >/dev/null || { echo "skip: no $c" >&2; exit 77; }
done
gr_begin

target=$TGTD_IQN:bench-root
gr_rootfs "$T_TMP/root.img"
tgtd_add_target 1 "$target" "$T_TMP/root.img" || t_die "no target"
portal=${GR_PORTAL%:*}
res=$T_TMP/results
: >"$res"

# image GEN WHICH OUT - the generator's image with WHICH's files.
image() {
	GR_WHICH=$2
	case $1 in
	initramfs-tools) gr_mkinitramfs "$3" ;;
	dracut) gr_dracut "$3" base udev-rules kernel-modules rootfs-block \
		network-legacy network iscsi ;;
	esac
}

# params GEN - its kernel command line for the root target.
params() {
	case $1 in
	initramfs-tools)
		echo "root=iscsi:$portal::3260:1:$target ip=dhcp ro" \
			"iscsi_initiator=iqn.2024-01.org.iscsibox:bench" ;;
	dracut)
		echo "root=/dev/sda rd.neednet=1 ip=dhcp ro" \
			"netroot=iscsi:$portal::3260:1:$target" \
			"rd.iscsi.initiator=iqn.2024-01.org.iscsibox:bench" ;;
	esac
}

# mem GEN - the guest's memory: dracut's image unpacks to more than the
# default 256 MiB leaves room for (as in tests/e2e/gen_dracut.test.sh).
mem() {
	case $1 in
	dracut) echo 384M ;;
	*) echo "${VM_MEM:-256M}" ;;
	esac
}

# Both images first, then their boots in turn (ours, open-iscsi's, ours,
# ...), so that a change in the machine's load falls on both alike.
for gen in $GENS; do
	for which in ours debian; do
		image "$gen" "$which" "$T_TMP/$gen-$which.img" ||
			echo "# $gen/$which: no image" >&2
	done
	for ((i = 1; i <= BOOTS; i++)); do
		for which in ours debian; do
			img=$T_TMP/$gen-$which.img
			[ -s "$img" ] || continue
			VM_MEM=$(mem "$gen") vm_run "$img" x "$(params "$gen")" \
				>/dev/null 2>&1
			up=$(vm_marker root_uptime)
			if [ "$(vm_marker sessions)" = 1 ] && [ -n "$up" ]; then
				echo "$gen/$which $up" >>"$res"
			else
				echo "# $gen/$which boot $i: no root" >&2
				vm_show_console 30 >&2
			fi
		done
	done
done

# stat KIND - "median min max count" of the seconds of KIND.
stat() {
	awk -v k="$1" '$1 == k { v[n++] = $2 } END {
		if (!n) { print "- - - 0"; exit }
		for (i = 0; i < n; i++) for (j = i + 1; j < n; j++)
			if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
		m = n % 2 ? v[(n - 1) / 2] : (v[n / 2 - 1] + v[n / 2]) / 2
		printf "%.2f %.2f %.2f %d\n", m, v[0], v[n - 1], n }' "$res"
}

echo "kernel start to root mounted (s, guest uptime at the root's init;"
echo "median, min..max, good boots of $BOOTS)"
printf '%-16s %-22s %-22s %s\n' generator iscsibox open-iscsi ratio
for gen in $GENS; do
	read -r om omin omax on <<<"$(stat "$gen/ours")"
	read -r dm dmin dmax dn <<<"$(stat "$gen/debian")"
	ratio=-
	[ "$on" != 0 ] && [ "$dn" != 0 ] &&
		ratio=$(awk -v a="$om" -v b="$dm" 'BEGIN { printf "%.2f", a / b }')
	printf '%-16s %-22s %-22s %s\n' "$gen" \
		"$om ($omin..$omax) n=$on" "$dm ($dmin..$dmax) n=$dn" "$ratio"
done
exit 0
