# SPDX-License-Identifier: MIT
# iscsistart_lib.sh - guest helpers shared by the iscsistart e2e plans
# (sourced by their guest halves; mark, uptime_ms and wait_for come from
# /init). They only call "iscsistart" by name, so the same plan runs with
# Debian's iscsistart or with iscsibox linked as /bin/iscsistart: the host
# decides which one the image holds.
#
# Results use NAME.key=value markers: NAME.rc (exit status), NAME.ms
# (iscsistart's run time), NAME.sessions (sessions in sysfs afterwards),
# NAME.session (sysfs name of the session with that target), NAME.disk,
# NAME.size_sectors; iscsistart's output goes to the console as
# "E2E-LOG: NAME: ..." lines.

IS_ADDR=${E2E_ADDR:-10.0.2.100}
IS_PORT=${E2E_PORT:-3260}

# is_sessions - number of iSCSI sessions the kernel holds.
is_sessions() {
	local n=0 s
	for s in /sys/class/iscsi_session/session*; do
		[ -e "$s" ] && n=$((n + 1))
	done
	echo $n
}

# is_session_of TARGET - sysfs name (sessionN) of TARGET's session.
is_session_of() {
	local s
	for s in /sys/class/iscsi_session/session*; do
		[ -e "$s/targetname" ] || continue
		[ "$(cat "$s/targetname")" = "$1" ] && { echo "${s##*/}"; return 0; }
	done
	return 1
}

# is_disk_of SESSION SECONDS - wait for the sd disk behind SESSION and
# print its name.
is_disk_of() {
	local g="/sys/class/iscsi_session/$1/device/target*/*/block/sd*" d
	wait_for "$g" "$2" || return 1
	for d in $g; do
		wait_for "/dev/${d##*/}" 20 || return 1
		echo "${d##*/}"
		return 0
	done
}

# is_login NAME TARGET [ISCSISTART ARGS...] - log in to TARGET (tpgt 1)
# at $IS_ADDR:$IS_PORT as $E2E_INITIATOR and report the outcome; on
# success wait for the disk ($IS_DISK_WAIT seconds, default 60). Returns
# iscsistart's status.
is_login() {
	local name=$1 target=$2 t0 t1 rc s disk
	shift 2
	t0=$(uptime_ms)
	iscsistart -i "$E2E_INITIATOR" -t "$target" -g 1 -a "$IS_ADDR" \
		-p "$IS_PORT" "$@" >"/tmp/$name.log" 2>&1
	rc=$?
	t1=$(uptime_ms)
	mark "$name.rc=$rc"
	mark "$name.ms=$((t1 - t0))"
	sed "s/^/E2E-LOG: $name: /" "/tmp/$name.log"
	mark "$name.sessions=$(is_sessions)"
	s=$(is_session_of "$target") || { mark "$name.session=none"; return $rc; }
	mark "$name.session=$s"
	disk=$(is_disk_of "$s" "${IS_DISK_WAIT:-60}") || { mark "$name.disk=none"; return $rc; }
	mark "$name.disk=$disk"
	mark "$name.login_to_disk_ms=$(($(uptime_ms) - t0))"
	mark "$name.size_sectors=$(cat "/sys/block/$disk/size")"
	return $rc
}

# is_logged_error NAME - the "(N - text)" error number iscsistart printed.
is_logged_error() {
	sed -n 's/.*initiator reported error (\([0-9]*\) - .*/\1/p' \
		"/tmp/$1.log" | head -n 1
}

# is_sysfs NAME SESSION - session and connection attributes as markers.
is_sysfs() {
	local s=/sys/class/iscsi_session/$2 c a
	c=/sys/class/iscsi_connection/connection${2#session}:0
	for a in recovery_tmo tpgt username username_in initiatorname; do
		[ -r "$s/$a" ] && mark "$1.$a=$(cat "$s/$a" 2>/dev/null)"
	done
	for a in ping_tmo recv_tmo max_recv_dlength header_digest; do
		[ -r "$c/$a" ] && mark "$1.$a=$(cat "$c/$a" 2>/dev/null)"
	done
}

# is_read DISK BLOCK - the first 32 bytes of a 512-byte block, past the
# page cache.
is_read() {
	dd if="/dev/$1" bs=512 skip="$2" count=1 iflag=direct 2>/dev/null |
		head -c 32
}

# is_write DISK BLOCK TEXT - write TEXT into a block and flush it.
is_write() {
	printf '%s' "$3" |
		dd of="/dev/$1" bs=512 seek="$2" count=1 conv=sync,fsync \
			2>/dev/null && blockdev --flushbufs "/dev/$1"
}
