# SPDX-License-Identifier: MIT
# common.sh - shared plumbing for the shell tests: a private network and
# mount namespace, one temp dir removed on exit, a cleanup stack run by a
# single EXIT trap, free-port lookup and result comparison with diffs.
# Source it first; it sets no shell options of its own except pipefail.

set -o pipefail

T_FAILS=0
T_PASSES=0
T_CLEANUPS=()
T_TMP=

# t_log MSG... - progress line on stderr (stdout may be compared).
t_log() { printf '# %s\n' "$*" >&2; }

t_fail() {
	printf 'not ok - %s\n' "$*" >&2
	T_FAILS=$((T_FAILS + 1))
}

t_pass() {
	printf 'ok - %s\n' "$*" >&2
	T_PASSES=$((T_PASSES + 1))
}

# t_die MSG - setup failure: the test cannot run, so it fails (exit 1).
t_die() {
	printf 'FATAL: %s\n' "$*" >&2
	exit 1
}

# t_on_exit CMD - push CMD (a string for eval) on the cleanup stack; the
# stack runs last-in first-out from the EXIT trap, also after a failure.
t_on_exit() { T_CLEANUPS+=("$1"); }

t_cleanup() {
	local i
	for ((i = ${#T_CLEANUPS[@]} - 1; i >= 0; i--)); do
		eval "${T_CLEANUPS[i]}" >/dev/null 2>&1 || true
	done
	T_CLEANUPS=()
	if [ -n "$T_TMP" ] && [ -d "$T_TMP" ]; then
		rm -rf -- "$T_TMP"
	fi
}

t_trap_signal() {
	exit 130
}

# t_setup - create $T_TMP and install the traps.
t_setup() {
	T_TMP=$(mktemp -d "${TMPDIR:-/tmp}/iscsibox-test.XXXXXX") ||
		t_die "mktemp failed"
	trap t_cleanup EXIT
	trap t_trap_signal INT TERM HUP
}

# t_cli_setup - the start of a tests/cli script: BIN is the binary under
# test ($ISCSIBOX, default the static build), T_TMP exists, and ok/no/eq
# are short names for t_pass/t_fail/t_check_eq.
t_cli_setup() {
	BIN=${ISCSIBOX:-$SRC/build/static/iscsibox}
	[ -x "$BIN" ] || t_die "no binary at $BIN"
	t_setup
	ok() { t_pass "$*"; }
	no() { t_fail "$*"; }
	eq() { t_check_eq "$@"; }
}

# t_done - print the summary and exit 0 only when every check passed.
t_done() {
	printf '# %d passed, %d failed\n' "$T_PASSES" "$T_FAILS" >&2
	[ "$T_FAILS" -eq 0 ] && exit 0
	exit 1
}

# t_require_root_tools CMD... - the tests need root (namespaces, tgtd) and
# these commands; a missing one is a setup failure, not a skip.
t_require_root_tools() {
	local c
	[ "$(id -u)" = 0 ] || t_die "must run as root (namespaces, tgtd)"
	for c in "$@"; do
		command -v "$c" >/dev/null 2>&1 ||
			t_die "$c not found (toolchain/setup.sh installs it)"
	done
}

# t_enter_netns "$0" "$@" - re-run the calling script in its own network
# and mount namespace, so every socket it opens (tgtd's portals, abstract
# unix sockets, the fake iscsid) exists only there and only on loopback.
t_enter_netns() {
	if [ -z "${ISCSITEST_NETNS:-}" ]; then
		ISCSITEST_NETNS=1 exec unshare --net --mount \
			--propagation private bash "$@"
	fi
	ip link set lo up || t_die "cannot bring up lo in the test netns"
}

# t_netns_new ADDR/PREFIX - a further network namespace inside the test's,
# held by a sleeping process whose pid goes to T_NETNS_PID; its loopback
# is up and carries ADDR (e.g. 10.0.2.100/32, an address the guest of a
# VM believes in). Nothing links it to any other namespace: only nsenter
# reaches it. Call it directly, not in $(...).
t_netns_new() {
	unshare --net sleep infinity </dev/null >/dev/null 2>&1 &
	T_NETNS_PID=$!
	t_on_exit "kill $T_NETNS_PID"
	for _ in $(seq 1 100); do
		[ "$(readlink "/proc/$T_NETNS_PID/ns/net")" != \
			"$(readlink /proc/self/ns/net)" ] && break
		sleep 0.02
	done
	nsenter -t "$T_NETNS_PID" -n ip link set lo up &&
		nsenter -t "$T_NETNS_PID" -n ip addr add "$1" dev lo
}

# t_free_port - print a TCP port no socket uses (in this netns).
t_free_port() {
	local p lo=32768 span
	# Below the ephemeral range, so that no outgoing connection (ours,
	# a previous case's) can hold the port between this check and the
	# bind; and no socket at all on it, listening or not.
	read -r lo _ </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null
	span=$((lo - 10000))
	[ "$span" -ge 1000 ] || span=20000
	for _ in $(seq 1 200); do
		p=$((10000 + RANDOM % span))
		if ! ss -Htan "sport = :$p" 2>/dev/null | grep -q .; then
			echo "$p"
			return 0
		fi
	done
	return 1
}

# t_now - monotonic-ish seconds with ms, for timings.
t_now() { date +%s.%N | cut -c1-14; }

# t_elapsed START - seconds since START with two decimals.
t_elapsed() { awk -v a="$1" -v b="$(t_now)" 'BEGIN{printf "%.2f", b - a}'; }

# t_check_eq NAME GOT WANT - compare two strings, show a diff on mismatch.
t_check_eq() {
	local name=$1 got=$2 want=$3
	if [ "$got" == "$want" ]; then
		t_pass "$name"
		return 0
	fi
	t_fail "$name"
	diff -u --label want --label got <(printf '%s\n' "$want") \
		<(printf '%s\n' "$got") | head -40 >&2
	return 1
}

# t_check_file_eq NAME GOTFILE WANTFILE - same for files.
t_check_file_eq() {
	if cmp -s "$2" "$3"; then
		t_pass "$1"
		return 0
	fi
	t_fail "$1"
	diff -u --label "want ($3)" --label "got ($2)" "$3" "$2" |
		head -40 >&2
	return 1
}

# t_check_rc NAME GOT WANT
t_check_rc() {
	if [ "$2" -eq "$3" ]; then
		t_pass "$1 (rc $2)"
		return 0
	fi
	t_fail "$1: exit code $2, want $3"
	return 1
}

# t_spawn NAME CMD... - start a helper that takes "--ready FILE" (created
# once it listens) in the background, stop it from the cleanup stack and
# wait until it is ready.
t_spawn() {
	local name=$1 ready="$T_TMP/$1.ready" pid
	shift
	rm -f "$ready"
	"$@" --ready "$ready" &
	pid=$!
	t_on_exit "kill $pid; wait $pid"
	for _ in $(seq 1 100); do
		[ -e "$ready" ] && return 0
		kill -0 "$pid" 2>/dev/null || t_die "$name exited at start"
		sleep 0.05
	done
	t_die "$name did not start"
}
