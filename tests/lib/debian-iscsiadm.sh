# SPDX-License-Identifier: MIT
# debian-iscsiadm.sh - run Debian's open-iscsi iscsiadm and ours side by side
# in identical throw-away environments (iscsi-ns-run.sh: fake /sys with the
# tcp transport, a temp dir on /etc/iscsi) and compare what they print.
# Debian's iscsiadm asks iscsid for the initiator name and the iscsid.conf
# path over the abstract socket; fake_iscsid.py answers from the temp dir.
# Ours reads /etc/iscsi/initiatorname.iscsi itself.
# Needs common.sh sourced first and, for the responder, a private network
# namespace (t_enter_netns): abstract unix sockets are per network
# namespace, so the fake never meets a real iscsid.

ISCSI_LIB=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
DEBIAN_ISCSIADM=${DEBIAN_ISCSIADM:-/usr/sbin/iscsiadm}
ISCSI_TEST_INAME=${ISCSI_TEST_INAME:-iqn.2005-03.org.open-iscsi:iscsibox-test}

# iscsi_etc_new DIR [INAME] - make DIR a minimal /etc/iscsi: the initiator
# name file plus an iscsid.conf holding only comments (compiled defaults).
iscsi_etc_new() {
	local dir=$1 iname=${2:-$ISCSI_TEST_INAME}
	mkdir -p "$dir" || return 1
	printf 'InitiatorName=%s\n' "$iname" >"$dir/initiatorname.iscsi"
	chmod 600 "$dir/initiatorname.iscsi"
	printf '# test configuration: compiled-in defaults only\n' \
		>"$dir/iscsid.conf"
}

# iscsi_responder_start ETCDIR - start the fake iscsid (initiator name from
# ETCDIR) for Debian's iscsiadm; stopped by the cleanup stack.
iscsi_responder_start() {
	[ -n "${ISCSITEST_NETNS:-}" ] ||
		t_die "fake iscsid needs the private netns (t_enter_netns)"
	t_spawn fake-iscsid python3 "$ISCSI_LIB/fake_iscsid.py" \
		--iname-file "$1/initiatorname.iscsi" \
		--config /etc/iscsi/iscsid.conf --log "$T_TMP/fake-iscsid.log"
}

# debian_iscsiadm ETCDIR ARGS... - Debian's iscsiadm in the fake host.
debian_iscsiadm() {
	local etc=$1
	shift
	bash "$ISCSI_LIB/iscsi-ns-run.sh" "$etc" "$DEBIAN_ISCSIADM" "$@"
}

# our_iscsiadm ETCDIR ARGS... - $ISCSIBOX iscsiadm in the same fake host.
our_iscsiadm() {
	local etc=$1
	shift
	bash "$ISCSI_LIB/iscsi-ns-run.sh" "$etc" "$ISCSIBOX" iscsiadm "$@"
}

# iscsi_run WHO ETCDIR OUTPREFIX ARGS... - run debian_iscsiadm/our_iscsiadm
# (WHO = debian|our) and keep OUTPREFIX.out, .err, .rc and .time. A run
# longer than ISCSI_RUN_TIMEOUT seconds (default 120; Debian's slowest
# case here takes 5 s, and a busy machine must not turn slow into failed)
# is killed and recorded as rc 124, so a hanging tool cannot stall the
# whole test.
iscsi_run() {
	local who=$1 etc=$2 out=$3 start rc
	shift 3
	start=$(t_now)
	timeout -k 2 "${ISCSI_RUN_TIMEOUT:-120}" \
		bash -c '. "$0"; "$@"' "$ISCSI_LIB/debian-iscsiadm.sh" \
		"${who}_iscsiadm" "$etc" "$@" >"$out.out" 2>"$out.err"
	rc=$?
	t_elapsed "$start" >"$out.time"
	echo "$rc" >"$out.rc"
	return 0
}

# iscsi_compare NAME ARGS... - run both tools with ARGS, each with its own
# copy of $ISCSI_ETC_DEBIAN / $ISCSI_ETC_OURS, and check that exit code,
# stdout and stderr are identical. The outputs stay in $T_TMP/NAME.*.
# If the function iscsi_filter exists, both outputs are passed through it
# first (for deliberate, documented differences only).
iscsi_compare() {
	local name=$1 d="$T_TMP/cmp" f
	shift
	mkdir -p "$d"
	iscsi_run debian "$ISCSI_ETC_DEBIAN" "$d/$name.debian" "$@"
	iscsi_run our "$ISCSI_ETC_OURS" "$d/$name.ours" "$@"
	if declare -F iscsi_filter >/dev/null; then
		for f in "$d/$name".{debian,ours}.{out,err}; do
			iscsi_filter <"$f" >"$f.f" && mv "$f.f" "$f"
		done
	fi
	t_check_file_eq "$name: exit code" "$d/$name.ours.rc" "$d/$name.debian.rc"
	t_check_file_eq "$name: stdout" "$d/$name.ours.out" "$d/$name.debian.out"
	t_check_file_eq "$name: stderr" "$d/$name.ours.err" "$d/$name.debian.err"
}

# iscsi_compare_begin "$@" - the start of a side-by-side test: its own
# network and mount namespace, the tools, $ISCSIBOX, the temp dir.
iscsi_compare_begin() {
	t_enter_netns "$0" "$@"
	t_require_root_tools tgtd tgtadm unshare python3 ip ss \
		"$DEBIAN_ISCSIADM"
	[ -x "${ISCSIBOX:-}" ] ||
		t_die "ISCSIBOX is not an executable: ${ISCSIBOX:-}"
	t_setup
}

# iscsi_compare_etcs - a fresh /etc/iscsi for each tool
# ($ISCSI_ETC_DEBIAN, $ISCSI_ETC_OURS) and the fake iscsid Debian's
# iscsiadm asks for its initiator name.
iscsi_compare_etcs() {
	ISCSI_ETC_DEBIAN="$T_TMP/etc-debian"
	ISCSI_ETC_OURS="$T_TMP/etc-ours"
	iscsi_etc_new "$ISCSI_ETC_DEBIAN"
	iscsi_etc_new "$ISCSI_ETC_OURS"
	iscsi_responder_start "$ISCSI_ETC_DEBIAN"
}

# --- case helpers for side-by-side suites -----------------------------------
# c/bad count into CASES and BAD; the state carries over from case to
# case (later cases run on what earlier ones wrote).
CASES=0
BAD=0

# tree_of DIR - every entry with its mode and symlink target, then the
# bytes of every regular file.
tree_of() {
	(cd "$1" && find . -printf '%p %M %l\n' | LC_ALL=C sort &&
		find . -type f | LC_ALL=C sort | xargs -r -d '\n' md5sum)
}

# c NAME ARGS... - one case: both tools, then the trees.
c() {
	local name=$1
	shift
	CASES=$((CASES + 1))
	iscsi_compare "$name" "$@"
	tree_of "$ISCSI_ETC_DEBIAN" >"$T_TMP/tree.debian"
	tree_of "$ISCSI_ETC_OURS" >"$T_TMP/tree.ours"
	t_check_file_eq "$name: /etc/iscsi tree" "$T_TMP/tree.ours" \
		"$T_TMP/tree.debian"
}

# bad NAME ARGS... - a case of bad input; Debian must reject it.
bad() {
	local name=$1
	BAD=$((BAD + 1))
	c "$@"
	[ "$(cat "$T_TMP/cmp/$name.debian.rc")" != 0 ] ||
		[ -s "$T_TMP/cmp/$name.debian.err" ] ||
		t_fail "$name: Debian accepted the bad input; fix the case"
}

# sh CMD - the same shell change in both trees (e.g. a hand edit).
sh_both() {
	local d
	for d in "$ISCSI_ETC_DEBIAN" "$ISCSI_ETC_OURS"; do
		(cd "$d" && eval "$1")
	done
}
