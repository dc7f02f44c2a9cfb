#!/bin/bash
# SPDX-License-Identifier: MIT
# crash.test.sh - the node database survives kill -9 of the writer.
# A 1,000-record tree; 30 rounds of "iscsiadm -m node -o update" of every
# record, each killed with SIGKILL after a random delay (0-250 ms).  After
# every kill:
#   - every record file is, byte for byte, the record it was before the
#     round or the record with the round's value (nothing torn, nothing
#     else changed);
#   - our parser reads all 1,000 records (-o show: no error, 1,000 dumps);
#   - the listing is unchanged: temp files a killed writer leaves
#     (".<name>.tmpXXXXXX") are never taken for records.
# Then the database lock: a writer killed while holding open-iscsi's lock
# (/run/lock/iscsi/lock.write) leaves its pid in the token; the next
# iscsibox writer sees the holder is gone and takes the lock at once
# instead of waiting 30 s.  A token without a pid (open-iscsi's own) is
# still honoured: the writer waits and times out as open-iscsi would.
# Finally one clean update removes every leftover temp file.
# Runs in a private mount namespace: a tmpfs on /run/lock, the database in
# a temp dir through ISCSI_DB_ROOT.  No network.
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/../lib/common.sh"
if [ "${1:-}" != --inside ]; then
	[ "$(id -u)" = 0 ] || t_die "needs root (mount namespace)"
	exec unshare --mount --propagation private bash "$0" --inside
fi
[ -x "${ISCSIBOX:-}" ] || t_die "ISCSIBOX is not an executable: ${ISCSIBOX:-}"
mount -t tmpfs crash-test-lock /run/lock || t_die "cannot mount /run/lock"
t_setup
export ISCSI_DB_ROOT=$T_TMP/db
N=${CRASH_RECORDS:-1000}
ROUNDS=${CRASH_ROUNDS:-30}
KEY=node.session.timeo.replacement_timeout
adm() { "$ISCSIBOX" iscsiadm "$@"; }

# The tree: one record made by our -o new, copied N times under new names.
mkdir -p "$ISCSI_DB_ROOT"
adm -m node -o new -T iqn.2024-01.crash:seed -p 127.0.0.1:3260,1 \
	>/dev/null || t_die "cannot make the seed record"
seed=$ISCSI_DB_ROOT/nodes/iqn.2024-01.crash:seed/127.0.0.1,3260,1/default
grep -q "^$KEY = 120\$" "$seed" || t_die "seed lacks $KEY = 120"
for ((i = 0; i < N; i++)); do
	t=$(printf 'iqn.2024-01.crash:t%05d' "$i")
	mkdir -p "$ISCSI_DB_ROOT/nodes/$t/127.0.0.1,3260,1"
	sed "s/^node.name = .*/node.name = $t/" "$seed" \
		>"$ISCSI_DB_ROOT/nodes/$t/127.0.0.1,3260,1/default"
done
chmod 600 "$ISCSI_DB_ROOT"/nodes/*/*/default
# the template: the seed with the two lines that vary blanked
sed -e 's/^node.name = .*/node.name = @/' -e "s/^$KEY = .*/$KEY = @/" \
	"$seed" >"$T_TMP/template" 2>/dev/null ||
	t_die "no template"
rm -rf "$ISCSI_DB_ROOT/nodes/iqn.2024-01.crash:seed" "$ISCSI_DB_ROOT/static"
adm -m node >"$T_TMP/list0" || t_die "cannot list the tree"
[ "$(wc -l <"$T_TMP/list0")" = "$N" ] || t_die "listing is not $N lines"
# state: "<file> <value>" per record, all 120 now
for f in "$ISCSI_DB_ROOT"/nodes/*/*/default; do
	echo "$f 120"
done >"$T_TMP/state"

# check_tree NEWVALUE - each file is its previous record or the new one;
# writes the new state, prints "old new" counts.
check_tree() {
	awk -v key="$KEY" -v newv="$1" -v tmpl="$T_TMP/template" \
		-v statef="$T_TMP/state" -v out="$T_TMP/state.next" '
	BEGIN {
		while ((getline l <tmpl) > 0)
			t = t l "\n"
		while ((getline l <statef) > 0) {
			split(l, a, " ")
			prev[a[1]] = a[2]
		}
	}
	function finish(   ok) {
		if (file == "")
			return
		ok = (body == t) && (val == prev[file] || val == newv) &&
			name == expname
		if (!ok) {
			printf "bad record %s (value %s)\n", file, val
			bad++
		}
		if (val == newv) nnew++; else nold++
		print file, val >out
	}
	FNR == 1 {
		finish()
		file = FILENAME; body = ""; val = "?"; name = "?"
		n = split(file, p, "/")
		expname = p[n - 2]
	}
	{
		line = $0
		if (line ~ "^node.name = ") {
			name = substr(line, 13); line = "node.name = @"
		} else if (index(line, key " = ") == 1) {
			val = substr(line, length(key) + 4)
			line = key " = @"
		}
		body = body line "\n"
	}
	END {
		finish()
		printf "%d %d %d\n", nold, nnew, bad
	}' "$ISCSI_DB_ROOT"/nodes/*/*/default
}

# one unkilled update sets the scale of the random delays
start=$(t_now)
adm -m node -o update -n "$KEY" -v 200 >/dev/null || t_die "update failed"
span_ms=$(awk -v t="$(t_elapsed "$start")" 'BEGIN{printf "%d", t * 1300 + 1}')
sed -i 's/ 120$/ 200/' "$T_TMP/state"
t_log "one update of $N records: $((span_ms * 10 / 13)) ms"

stale_locks=0 mixed=0 torn=0
for ((r = 1; r <= ROUNDS; r++)); do
	v=$((200 + r))
	ms=$((RANDOM % span_ms))
	delay=$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))
	# the binary itself in the background (not a function: $! would
	# be a subshell and the kill would miss the writer)
	"$ISCSIBOX" iscsiadm -m node -o update -n "$KEY" -v "$v" \
		>/dev/null 2>&1 &
	pid=$!
	sleep "$delay"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	[ -e /run/lock/iscsi/lock.write ] && stale_locks=$((stale_locks + 1))
	read -r nold nnew nbad < <(check_tree "$v" 2>&1 | tee "$T_TMP/check" |
		tail -n 1)
	if [ "${nbad:-1}" != 0 ] ||
		[ $((nold + nnew)) != "$N" ]; then
		t_fail "round $r: torn or foreign records: $(head -3 \
			"$T_TMP/check")"
		torn=$((torn + 1))
	fi
	[ "$nold" != 0 ] && [ "$nnew" != 0 ] && mixed=$((mixed + 1))
	mv "$T_TMP/state.next" "$T_TMP/state"
	adm -m node >"$T_TMP/list" 2>"$T_TMP/list.err"
	cmp -s "$T_TMP/list0" "$T_TMP/list" && ! [ -s "$T_TMP/list.err" ] ||
		t_fail "round $r: listing changed: $(diff "$T_TMP/list0" \
			"$T_TMP/list" | head -3) $(head -2 "$T_TMP/list.err")"
	adm -m node -o show >"$T_TMP/show" 2>"$T_TMP/show.err"
	src=$?
	dumps=$(grep -c '^# BEGIN RECORD' "$T_TMP/show")
	[ "$src" = 0 ] && [ "$dumps" = "$N" ] && ! [ -s "$T_TMP/show.err" ] ||
		t_fail "round $r: -o show rc $src, $dumps records," \
			"$(head -2 "$T_TMP/show.err")"
	# the next round starts only when a writer can get the lock (the
	# guard only catches a hang: a busy machine may be slow here)
	timeout 300 "$ISCSIBOX" iscsiadm -m node -T iqn.2024-01.crash:t00000 \
		-p 127.0.0.1:3260 -o update -n node.session.nr_sessions -v 1 \
		>/dev/null 2>&1 || t_fail "round $r: next writer cannot write"
done
temps=$(find "$ISCSI_DB_ROOT" -name '.*.tmp*' | wc -l)
[ "$torn" = 0 ] && t_pass "$ROUNDS kills of -o update on $N records:" \
	"no torn record ($mixed rounds left old and new records mixed," \
	"$stale_locks left the lock held, $temps temp files left)"
[ "$mixed" -gt 0 ] || t_log "no round was killed mid-commit this time"

# A dead holder's token is broken, not waited out.  Nobody else removes
# the token here, so a writer that waited would give up after its 3,000
# tries (30 s or more) with "Timeout on acquiring lock" and rc 6; the
# hang guard is far above that, so the outcome, not the clock, tells the
# two apart.  A live holder's pid is honoured: the break is the pid check.
lockdir=/run/lock/iscsi
rm -f "$lockdir/lock.write"
mkdir -p "$lockdir" && : >"$lockdir/lock"
ln "$lockdir/lock" "$lockdir/lock.write"
sleep 600 &
live=$!
echo "$live" >"$lockdir/lock.write"
timeout 2 "$ISCSIBOX" iscsiadm -m node -o update -n "$KEY" -v 299 \
	>/dev/null 2>&1
t_check_rc "writer waits for a live holder's token" $? 124
t_check_eq "live holder's token kept" "$(cat "$lockdir/lock.write")" "$live"
kill "$live"
wait "$live" 2>/dev/null
sleep 0 &
dead=$!
wait "$dead"
echo "$dead" >"$lockdir/lock.write"
timeout 300 "$ISCSIBOX" iscsiadm -m node -o update -n "$KEY" -v 300 \
	>/dev/null 2>"$T_TMP/break.err"
t_check_rc "update after a killed lock holder" $? 0
grep -q 'Timeout on acquiring lock' "$T_TMP/break.err" &&
	t_fail "dead holder's lock was waited out, not broken"
[ -e "$lockdir/lock.write" ] && t_fail "lock still held after the update"
[ -s "$lockdir/lock" ] && t_fail "lock file still names a holder"

# An empty token (open-iscsi's) is honoured.
ln "$lockdir/lock" "$lockdir/lock.write"
timeout 2 "$ISCSIBOX" iscsiadm -m node -o update -n "$KEY" -v 301 \
	>/dev/null 2>&1
t_check_rc "writer waits for open-iscsi's token" $? 124
rm -f "$lockdir/lock.write"

# The update that got through cleaned every temp file and set every record.
left=$(find "$ISCSI_DB_ROOT" -name '.*' | wc -l)
t_check_eq "temp files left after a clean update" "$left" 0
n300=$(grep -l "^$KEY = 300\$" "$ISCSI_DB_ROOT"/nodes/*/*/default | wc -l)
t_check_eq "records with the final value" "$n300" "$N"
adm -m node >"$T_TMP/list"
t_check_file_eq "listing after the crashes" "$T_TMP/list" "$T_TMP/list0"
t_done
