# SPDX-License-Identifier: MIT
# iscsistart_tgt.sh - guest half of iscsistart_tgt.test.sh: logins with
# "iscsistart" (Debian's or ours, whichever the image holds) to the host's
# tgtd behind 10.0.2.100:3260. Targets $E2E_IQN:none, :chap (one-way
# CHAP), :mutual and :wrong (one-way, used with a wrong secret only).
#   1. wrong initiator secret, then wrong target secret (mutual): both
#      must fail and leave no session behind;
#   2. no authentication with -P replacement_timeout=33: sysfs shows the
#      parameter and NOP-Outs off; the disk's block 128 holds what the
#      previous boot wrote ($E2E_GUESTPAT replaces it);
#   3. one-way and mutual CHAP while the first session stays: three
#      sessions and three disks at once.
. /lib/iscsistart_lib.sh

t=$E2E_IQN

is_login bad "$t:wrong" -u "$E2E_USER" -w "x$E2E_SECRET"
mark "bad.error=$(is_logged_error bad)"
mark "bad.hosts=$(ls /sys/class/iscsi_host | wc -l)"
mark "bad_done=1"
is_login badmutual "$t:mutual" -u "$E2E_USER" -w "$E2E_SECRET" \
	-U "$E2E_TUSER" -W "x$E2E_TSECRET"
mark "badmutual.error=$(is_logged_error badmutual)"

is_login none "$t:none" -P node.session.timeo.replacement_timeout=33
s=$(is_session_of "$t:none") && is_sysfs none "$s"
disk=$(is_disk_of "$s" 1) || exit 1
mark "none.hostpat=$(is_read "$disk" 0)"
mark "none.prev=$(is_read "$disk" 128)"
is_write "$disk" 128 "$E2E_GUESTPAT"
mark "none.write_rc=$?"
echo 3 >/proc/sys/vm/drop_caches
mark "none.readback=$(is_read "$disk" 128)"

is_login chap "$t:chap" -u "$E2E_USER" -w "$E2E_SECRET"
s=$(is_session_of "$t:chap") && is_sysfs chap "$s"
is_login mutual "$t:mutual" -u "$E2E_USER" -w "$E2E_SECRET" \
	-U "$E2E_TUSER" -W "$E2E_TSECRET"
s=$(is_session_of "$t:mutual") && is_sysfs mutual "$s"

mark "sessions=$(is_sessions)"
mark "disks=$(ls /sys/block | grep '^sd' | sort | tr '\n' ' ')"
