# SPDX-License-Identifier: MIT
# iscsistart_late.sh - guest half of iscsistart_late.test.sh: iscsistart
# (Debian's or ours) starts while nothing listens behind 10.0.2.100:3260
# yet; the host starts tgtd after it saw "late_start" and iscsistart has
# to keep trying on its own until the login succeeds.
. /lib/iscsistart_lib.sh

mark "late_start=$(uptime_ms)"
is_login late "$E2E_IQN:late"
mark "sessions=$(is_sessions)"
