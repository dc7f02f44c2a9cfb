# SPDX-License-Identifier: MIT
# demo-guest.sh - the guest half of demo.sh, run by the initramfs /init:
# log in to the demo target with iscsibox's iscsistart, wait for the
# disk, mount it read-only and show what is on it.
say() { echo "DEMO: $*"; }

say "$(iscsibox --version 2>&1 | head -n 1)"
say "iscsistart -i $E2E_INITIATOR -t $E2E_TARGET -g 1 -a 10.0.2.100 -p 3260"
t0=$(uptime_ms)
iscsistart -i "$E2E_INITIATOR" -t "$E2E_TARGET" -g 1 -a 10.0.2.100 -p 3260 \
	2>&1 | sed 's/^/DEMO:   /'
if ! wait_for "/sys/block/sd*" 10; then
	say "no disk appeared"
	mark "demo=fail"
	exit 1
fi
for d in /sys/block/sd*; do disk=${d##*/}; done
wait_for "/dev/$disk" 2
say "disk /dev/$disk ready $(($(uptime_ms) - t0)) ms after iscsistart started"
for s in /sys/class/iscsi_session/session*; do
	say "session ${s##*/}: $(cat "$s/targetname") state $(cat "$s/state")"
done
mkdir -p /mnt
if ! mount -t ext4 -o ro "/dev/$disk" /mnt; then
	say "mount failed"
	mark "demo=fail"
	exit 1
fi
say "mounted /dev/$disk on /mnt:"
ls -l /mnt | sed 's/^/DEMO:   /'
say "/mnt/hello.txt says: $(cat /mnt/hello.txt)"
df -h /mnt | sed 's/^/DEMO:   /'
mark "hello=$(cat /mnt/hello.txt)"
umount /mnt
mark "demo=ok"
