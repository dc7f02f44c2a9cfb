#!/bin/bash
# SPDX-License-Identifier: MIT
# fw_boot.bench.sh - firmware boot: "iscsistart -b" from its start until
# the first block of the firmware target's disk has been read, in the
# Debian kernel under qemu with an iBFT injected by -acpitable (one-way
# CHAP target on a tgtd on the host's loopback), $RUNS times each (default
# 5, one boot): ours from the raw ACPI table without iscsi_ibft, Debian's
# and ours with iscsi_ibft.  Prints medians (min..max) and the ratio.  A
# benchmark: exit 0 whatever the numbers, 77 if it cannot run here.
SRC=${ISCSIBOX_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
export ISCSIBOX_SRC=$SRC
. "$SRC/tests/e2e/lib/iscsistart.sh"

. "$SRC/tests/e2e/lib/fw.sh"

RUNS=${RUNS:-5}
fw_need_mktable
is_bench_begin "$@"

INI=iqn.2021-06.bench.fw:node-9
tgtd_start
tgtd_add_target 1 "$TGTD_IQN:fwboot" &&
	tgtd_chap_oneway 1 bench-fw 'BenchFwSecret9' ||
	{ echo "skip: cannot configure tgtd" >&2; exit 77; }
fw_table "$T_TMP/ibft.bin" $INI \
	"3,10.0.2.100,3260,1,$TGTD_IQN:fwboot,bench-fw,BenchFwSecret9" ||
	{ echo "skip: cannot write the table" >&2; exit 77; }
fw_initramfs "$T_TMP/initrd.cpio" "$SRC/tests/e2e/guest/fw_bench.sh" \
	iscsistart || { echo "skip: cannot build the guest image" >&2; exit 77; }
VM_TIMEOUT=$((60 + RUNS * 30)) vm_run "$T_TMP/initrd.cpio" "$TGTD_PORT" \
	"e2e.initiator=$INI e2e.iqn=$TGTD_IQN e2e.runs=$RUNS" ||
	echo "# the VM did not power off cleanly" >&2
vm_markers | sed -n 's/^time\.\([a-z_]*\)\.[0-9]*=0 /\1 /p' >"$T_TMP/times"
vm_markers | grep '^time\.' | grep -v '=0 ' | sed 's/^/# failed: /' >&2

stat_of() { is_stat_of "$T_TMP/times" "$1"; }

read -r dm dmin dmax dn <<<"$(stat_of sys_debian)"
echo "iscsistart -b to a readable disk (ms; median (min..max) of runs; TCG)"
printf '%-34s %8s %14s %5s %7s\n' initiator median range runs "vs deb"
for k in sys_debian sys_ours raw_ours; do
	read -r m mn mx n <<<"$(stat_of $k)"
	case $k in
	sys_debian) label="Debian open-iscsi 2.1.8 (sysfs)" ;;
	sys_ours) label="iscsibox (sysfs)" ;;
	raw_ours) label="iscsibox (raw ACPI, no iscsi_ibft)" ;;
	esac
	ratio=-
	[ "$m" != - ] && [ "$dm" != - ] &&
		ratio=$(awk -v a="$m" -v b="$dm" 'BEGIN { printf "%.2f", a / b }')
	printf '%-34s %8s %14s %5s %7s\n' "$label" "$m" "$mn..$mx" "$n" "$ratio"
done
echo "qemu run: $VM_SECONDS s"
exit 0
