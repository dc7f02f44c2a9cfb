# SPDX-License-Identifier: MIT
# iscsistart_lio.sh - guest half of iscsistart_lio.test.sh: the second
# target implementation. iscsistart (Debian's or ours) logs in to the
# kernel's own target (LIO) on the guest's loopback:
#   1. "late": started while nothing listens on 127.0.0.1:3260 (every
#      connect is refused), LIO comes up 2 s later;
#   2. no authentication; one-way CHAP with only MD5, SHA1, SHA256 or
#      SHA3-256 allowed (which CHAP_A LIO offers); SHA3-256 once more
#      with sha3_generic unloaded, which must fail; mutual CHAP with the
#      default algorithms and with SHA3-256; a wrong secret.
. /lib/iscsistart_lib.sh
. /lib/lio_lib.sh

p=iqn.2003-01.org.linux-iscsi.e2e
u=$E2E_USER s=$E2E_SECRET tu=$E2E_TUSER ts=$E2E_TSECRET

lio_init || { mark "lio=no configfs"; exit 1; }
is_login late "$p:late" &
late=$!
usleep 2000000
mark "late.target_up_ms=$(uptime_ms)"
lio_target "$p:late" || { mark "lio=late target failed"; exit 1; }
wait $late
mark "late_done=1"

for t in none md5 sha1 sha256 sha3 wrong; do
	if [ $t = none ]; then
		lio_target "$p:$t"
	else
		lio_target "$p:$t" "$u" "$s"
	fi || { mark "lio=target $t failed"; exit 1; }
done
lio_target "$p:mutual" "$u" "$s" "$tu" "$ts" &&
	lio_target "$p:mutual3" "$u" "$s" "$tu" "$ts" ||
	{ mark "lio=mutual target failed"; exit 1; }
mark "lio=up"

is_login none "$p:none"
is_login md5 "$p:md5" -u "$u" -w "$s" -P node.session.auth.chap_algs=MD5
is_login sha1 "$p:sha1" -u "$u" -w "$s" -P node.session.auth.chap_algs=SHA1
is_login sha256 "$p:sha256" -u "$u" -w "$s" \
	-P node.session.auth.chap_algs=SHA256

sha3=$(grep sha3_generic /lib/modules/load.list)
rmmod sha3_generic
mark "nosha3.module=$(grep -c '^sha3_generic ' /proc/modules)"
is_login nosha3 "$p:sha3" -u "$u" -w "$s" \
	-P node.session.auth.chap_algs=SHA3-256
insmod "/lib/modules/$sha3"
is_login sha3 "$p:sha3" -u "$u" -w "$s" \
	-P node.session.auth.chap_algs=SHA3-256

is_login mutual "$p:mutual" -u "$u" -w "$s" -U "$tu" -W "$ts"
is_login mutual3 "$p:mutual3" -u "$u" -w "$s" -U "$tu" -W "$ts" \
	-P node.session.auth.chap_algs=SHA3-256
is_login bad "$p:wrong" -u "$u" -w "x$s"
mark "bad.error=$(is_logged_error bad)"

disk=$(is_disk_of "$(is_session_of "$p:sha3")" 1) &&
	is_write "$disk" 8 "$E2E_GUESTPAT" &&
	echo 3 >/proc/sys/vm/drop_caches &&
	mark "sha3.readback=$(is_read "$disk" 8)"
mark "sessions=$(is_sessions)"
mark "disks=$(ls /sys/block | grep -c '^sd')"
