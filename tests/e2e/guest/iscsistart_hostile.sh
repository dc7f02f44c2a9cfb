# SPDX-License-Identifier: MIT
# iscsistart_hostile.sh - guest half of iscsistart_hostile.test.sh: the
# kernel login path against the host's misbehaving target
# (tests/lib/fake_target.py --mode by-name: the last part of the target
# name picks the misbehaviour). Each login gets login_timeout 2 s and
# 2 attempts' worth of time; after each the kernel must hold no session
# that the failed login left behind. The fake target answers no SCSI
# command (it closes the connection), so after slow-drip's login the
# host scan ends only when the session's replacement_timeout (2 s here)
# fails its commands, and no disk is waited for.
. /lib/iscsistart_lib.sh

for m in status-0201 status-0203 wrong-opcode status-0301 no-transit \
	login-huge-dlen stall-mid-header redirect-unreachable; do
	is_login "$m" "$E2E_IQN:$m" \
		-P node.conn[0].timeo.login_timeout=2 \
		-P node.session.initial_login_retry_max=2
	mark "$m.err=$(is_logged_error "$m")"
done
IS_DISK_WAIT=1 is_login slow-drip "$E2E_IQN:slow-drip" \
	-P node.session.timeo.replacement_timeout=2
mark "sessions=$(is_sessions)"
