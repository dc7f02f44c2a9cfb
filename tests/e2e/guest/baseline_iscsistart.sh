# SPDX-License-Identifier: MIT
# baseline_iscsistart.sh - guest half of baseline_iscsistart.test.sh, run
# by the initramfs /init (mark, uptime_ms, wait_for come from there).
# Logs in with Debian's iscsistart to $E2E_TARGET behind 10.0.2.100:3260,
# waits for the disk, reads the host's pattern from block 0, writes
# $E2E_GUESTPAT to block 128 and reads it back past the page cache.

t0=$(uptime_ms)
iscsistart -i "$E2E_INITIATOR" -t "$E2E_TARGET" -g 1 -a 10.0.2.100 \
	-p 3260 >/tmp/iscsistart.log 2>&1
mark "login_rc=$?"
sed 's/^/E2E-LOG: /' /tmp/iscsistart.log

if ! wait_for "/sys/block/sd*" 60; then
	mark "disk=none"
	exit 1
fi
disk=
for d in /sys/block/sd*; do
	disk=${d##*/}
done
wait_for "/dev/$disk" 20
t1=$(uptime_ms)
mark "disk=$disk"
mark "login_to_disk_ms=$((t1 - t0))"
mark "size_sectors=$(cat "/sys/block/$disk/size")"

mark "read=$(dd if="/dev/$disk" bs=512 count=1 2>/dev/null | head -c 32)"

printf '%s' "$E2E_GUESTPAT" |
	dd of="/dev/$disk" bs=512 seek=128 count=1 conv=sync,fsync 2>/dev/null
mark "write_rc=$?"
blockdev --flushbufs "/dev/$disk"
echo 3 >/proc/sys/vm/drop_caches
mark "readback=$(dd if="/dev/$disk" bs=512 skip=128 count=1 2>/dev/null |
	head -c 32)"
t2=$(uptime_ms)
mark "io_ms=$((t2 - t1))"
