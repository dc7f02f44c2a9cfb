# SPDX-License-Identifier: MIT
# tgtd.sh - a private tgtd (Linux SCSI target daemon) for tests: portals on
# loopback only, a free TCP port, its own control port (-C), targets with
# small sparse file-backed LUNs, CHAP accounts, and a stop that works even
# though tgtd ignores SIGTERM (the sequence Debian's tgt.service uses:
# state offline, delete targets with --force, delete the system).
# Needs common.sh sourced and t_setup done. Sets TGTD_PORT, TGTD_CTL,
# TGTD_PID, TGTD_LOG.
# tgt authenticates with CHAP_A=5 (MD5) only. An "incoming" account on a
# target makes CHAP mandatory (one-way); adding an "outgoing" account makes
# the target answer the initiator's challenge (mutual).

TGTD_IQN=${TGTD_IQN:-iqn.2024-01.org.iscsibox.test}
TGTD_PORT=
TGTD_CTL=
TGTD_PID=
TGTD_LOG=

# tgtadm_c ARGS... - tgtadm on our control port, iSCSI driver.
tgtadm_c() { tgtadm -C "$TGTD_CTL" --lld iscsi "$@"; }

# tgtd_start [PORTAL...] - start tgtd on 127.0.0.1:$TGTD_PORT plus any
# extra portals (e.g. "[::1]:PORT", "127.0.0.2:PORT"); TGTD_DEBUG=1 adds -d 1.
# Fails if anything listens beyond the requested loopback portals.
# With TGTD_NS_PID set, tgtd runs in that process's network namespace (one
# the test made, see t_netns_new) and listens only on the PORTALs given
# there (e.g. "10.0.2.100:3260", the guest's view of the portal).
tgtd_start() {
	local portals= p args=() ns=()
	TGTD_CTL=$((2000 + RANDOM % 30000))	# tgtd accepts 0..32767
	TGTD_LOG="$T_TMP/tgtd.log"
	if [ -n "${TGTD_NS_PID:-}" ]; then
		[ $# -gt 0 ] || t_die "tgtd_start: a portal in the namespace"
		ns=(nsenter -t "$TGTD_NS_PID" -n)
	else
		TGTD_PORT=${TGTD_PORT:-$(t_free_port)} || t_die "no free port"
		portals="portal=127.0.0.1:$TGTD_PORT"
	fi
	for p in "$@"; do
		case $p in
		127.* | \[::1\]:*) ;;
		*) [ ${#ns[@]} -gt 0 ] ||
			t_die "tgtd_start: $p is not a loopback portal" ;;
		esac
		portals="${portals:+$portals,}portal=$p"
	done
	# In the test's own mount namespace the control socket directory is
	# private too, so parallel tests can never reach each other's tgtd.
	if [ -n "${ISCSITEST_NETNS:-}" ]; then
		mkdir -p /run/tgtd && mount -t tmpfs tgtd-test /run/tgtd ||
			t_die "cannot make a private /run/tgtd"
	fi
	[ "${TGTD_DEBUG:-0}" = 1 ] && args+=(-d 1)
	"${ns[@]}" tgtd -f -C "$TGTD_CTL" "${args[@]}" --iscsi "$portals" \
		>"$TGTD_LOG" 2>&1 &
	TGTD_PID=$!
	t_on_exit tgtd_stop
	for _ in $(seq 1 100); do
		if [ ${#ns[@]} -gt 0 ] &&
			tgtadm_c --mode sys --op show >/dev/null 2>&1 &&
			"${ns[@]}" ss -Hltn | grep -q .; then
			return 0
		fi
		if [ ${#ns[@]} = 0 ] &&
			tgtadm_c --mode sys --op show >/dev/null 2>&1 &&
			ss -Hltn "sport = :$TGTD_PORT" | grep -q .; then
			tgtd_check_loopback_only || t_die "tgtd listens off loopback"
			return 0
		fi
		kill -0 "$TGTD_PID" 2>/dev/null || break
		sleep 0.05
	done
	cat "$TGTD_LOG" >&2
	t_die "tgtd did not start"
}

# tgtd_check_loopback_only - every socket tgtd listens on is loopback.
tgtd_check_loopback_only() {
	local bad
	bad=$(ss -Hltnp | grep "pid=$TGTD_PID," | awk '{print $4}' |
		grep -Ev '^(127\.[0-9.]+|\[::1\]):[0-9]+$')
	[ -z "$bad" ] && return 0
	echo "tgtd listens on: $bad" >&2
	return 1
}

# tgtd_add_target TID NAME [IMAGE] - one target with LUN 1 that accepts
# every initiator address: IMAGE, or a new 1 MiB sparse file.
tgtd_add_target() {
	local tid=$1 name=$2 lun=${3:-"$T_TMP/lun$1.img"}
	{ [ -n "${3:-}" ] || truncate -s 1M "$lun"; } &&
		tgtadm_c --mode target --op new --tid "$tid" \
			--targetname "$name" &&
		tgtadm_c --mode logicalunit --op new --tid "$tid" --lun 1 \
			--backing-store "$lun" &&
		tgtadm_c --mode target --op bind --tid "$tid" \
			--initiator-address ALL
}

# tgtd_add_targets N - targets 1..N named $TGTD_IQN:tNNNN. tgtadm in a
# loop measured ~5 ms per target (300 targets in ~1.5 s), so no config
# file generation is needed.
tgtd_add_targets() {
	local i
	for ((i = 1; i <= $1; i++)); do
		tgtd_add_target "$i" "$(printf '%s:t%04d' "$TGTD_IQN" "$i")" ||
			return 1
	done
}

# tgtd_target_name TID - the name tgtd_add_targets gave target TID.
tgtd_target_name() { printf '%s:t%04d\n' "$TGTD_IQN" "$1"; }

# tgtd_account USER SECRET - create an account (idempotent for tests).
tgtd_account() {
	tgtadm_c --mode account --op new --user "$1" --password "$2"
}

# tgtd_chap_oneway TID USER SECRET - the initiator must prove USER/SECRET.
tgtd_chap_oneway() {
	tgtd_account "$2" "$3" &&
		tgtadm_c --mode account --op bind --tid "$1" --user "$2"
}

# tgtd_chap_mutual TID USER SECRET TUSER TSECRET - one-way as above, and
# the target answers the initiator's challenge as TUSER/TSECRET.
tgtd_chap_mutual() {
	tgtd_chap_oneway "$1" "$2" "$3" &&
		tgtd_account "$4" "$5" &&
		tgtadm_c --mode account --op bind --tid "$1" --user "$4" \
			--outgoing
}

# tgtd_discovery_chap USER SECRET [TUSER TSECRET] - CHAP for discovery
# sessions: tgt keeps discovery accounts on the global target id, which is
# what tgtadm binds to when --tid is omitted.
tgtd_discovery_chap() {
	tgtd_account "$1" "$2" &&
		tgtadm_c --mode account --op bind --user "$1" || return 1
	[ $# -ge 4 ] || return 0
	tgtd_account "$3" "$4" &&
		tgtadm_c --mode account --op bind --user "$3" --outgoing
}

# tgtd_nexus_count - number of I_T nexuses (sessions) tgtd still holds,
# over all targets.
tgtd_nexus_count() {
	tgtadm_c --mode target --op show | grep -c 'I_T nexus:'
}

# tgtd_wait_no_nexus [SECONDS] - wait until no session is left; tgtd tears
# a session down asynchronously after the initiator's logout or close.
tgtd_wait_no_nexus() {
	local n
	for _ in $(seq 1 $((${1:-3} * 20))); do
		n=$(tgtd_nexus_count)
		[ "$n" = 0 ] && return 0
		sleep 0.05
	done
	return 1
}

# tgtd_stop - the stop sequence of Debian's tgt.service, then wait; a
# tgtd that does not exit within 5 s is killed.
tgtd_stop() {
	local tid
	[ -n "$TGTD_PID" ] || return 0
	if kill -0 "$TGTD_PID" 2>/dev/null; then
		tgtadm -C "$TGTD_CTL" --op update --mode sys --name State \
			-v offline
		for tid in $(tgtadm_c --mode target --op show |
			sed -n 's/^Target \([0-9]*\):.*/\1/p'); do
			tgtadm_c --mode target --op delete --force --tid "$tid"
		done
		tgtadm -C "$TGTD_CTL" --op delete --mode system
		for _ in $(seq 1 100); do
			kill -0 "$TGTD_PID" 2>/dev/null || break
			sleep 0.05
		done
		kill -0 "$TGTD_PID" 2>/dev/null && kill -9 "$TGTD_PID"
	fi
	wait "$TGTD_PID" 2>/dev/null
	TGTD_PID=
}
