# SPDX-License-Identifier: MIT
# iscsistart_dup.sh - guest half of iscsistart_dup.test.sh: the calls
# Debian's initramfs-tools boot script makes in manual mode, the same
# iscsistart twice (first with every portal address unquoted, then once
# per address), and a run naming a second target after the first.
# Standard output and standard error are reported apart, as
# "E2E-OUT: NAME: ..." and "E2E-ERR: NAME: ...", so the host can compare
# each stream with open-iscsi's.
. /lib/iscsistart_lib.sh

# run NAME ARGS... - one iscsistart, its status and both streams.
run() {
	local name=$1 rc
	shift
	iscsistart "$@" >"/tmp/$name.out" 2>"/tmp/$name.err"
	rc=$?
	mark "$name.rc=$rc"
	sed "s/^/E2E-OUT: $name: /" "/tmp/$name.out"
	sed "s/^/E2E-ERR: $name: /" "/tmp/$name.err"
	mark "$name.sessions=$(is_sessions)"
}

set -- -i "$E2E_INITIATOR" -t "$E2E_IQN:one" -g 1 -p 3260
run first "$@" -a "$IS_ADDR"
run again "$@" -a "$IS_ADDR"
run other -i "$E2E_INITIATOR" -t "$E2E_IQN:two" -g 1 -a "$IS_ADDR"
run otheragain -i "$E2E_INITIATOR" -t "$E2E_IQN:two" -g 1 -a "$IS_ADDR"
s=$(is_session_of "$E2E_IQN:one") && disk=$(is_disk_of "$s" 60)
mark "one.disk=${disk:-none}"

# Ours only (the host sets e2e.cmdline=1): the targets of this very
# kernel command line, with iscsistart --cmdline; the second run finds
# every session there already.
if [ -n "${E2E_CMDLINE:-}" ]; then
	run cmdline iscsistart --cmdline
	s=$(is_session_of "$E2E_IQN:three") &&
		mark "cmdline.recovery_tmo=$(cat "/sys/class/iscsi_session/$s/recovery_tmo")"
	run cmdlineagain iscsistart --cmdline
fi
