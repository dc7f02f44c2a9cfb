#!/bin/bash
# SPDX-License-Identifier: MIT
# db.bench.sh - node database speed, ours vs Debian's iscsiadm 2.1.8, on
# identical trees of N records, on a real disk (the tree is not put on a
# tmpfs: a warning line says so when no disk-backed directory is found).
# Operations: "-m node" listing, "-P 1", showing one record, updating one
# record, updating all, deleting all, and creating N records by
# SendTargets discovery (a loopback target answering N targets).
#
# Both programs run through the same runner in one private mount
# namespace (the tree bind-mounted on /etc/iscsi, a fake /sys, a tmpfs
# /run/lock), alternating Debian/ours, DB_BENCH_RUNS times each (default
# 3); the tree is restored and the disk synced before every run, outside
# the timing.  Each cell is the median and the min-max of the runs; the
# ratio is Debian's median over ours.  First runs are checked: exit code
# and stdout identical, and after update-all, delete-all and discovery
# the two trees identical.  Never fails on speed.
# Knobs: DB_BENCH_SIZES (default "1000 10000"), DB_BENCH_RUNS (default 3),
# DB_BENCH_DIR (where the trees go; default a disk-backed temp dir).
HERE=$(cd "$(dirname "$0")" && pwd)
LIB="$HERE/../lib"
. "$LIB/common.sh"
. "$LIB/debian-iscsiadm.sh"

SIZES=${DB_BENCH_SIZES:-1000 10000}
RUNS=${DB_BENCH_RUNS:-3}
KEY=node.session.timeo.replacement_timeout

# ---- inside the mount namespace: bench.sh --inside WORKDIR ----
if [ "${1:-}" = --inside ]; then
	W=$2
	TIMEFORMAT=%3R
	# one timed run: run WHO TREE OUT ARGS... -> OUT.{out,err,rc,t}
	run() {
		local who=$1 tree=$2 out=$3 rc
		shift 3
		mount --bind "$tree" /etc/iscsi || exit 125
		sync
		if [ "$who" = debian ]; then
			set -- "$DEBIAN_ISCSIADM" "$@"
		else
			set -- "$ISCSIBOX" iscsiadm "$@"
		fi
		{ time "$@" >"$out.out" 2>"$out.err"; } 2>"$out.t"
		rc=$?
		# `time` reports the command's status
		echo "$rc" >"$out.rc"
		umount /etc/iscsi
	}
	# the command lines come from the outer script, one per line:
	# WHO TREE OUT ARGS...
	while read -r -a cmd; do
		run "${cmd[@]}"
		echo done
	done
	exit 0
fi

t_enter_netns "$0" "$@"
t_require_root_tools unshare python3 mount ss "$DEBIAN_ISCSIADM"
[ -x "${ISCSIBOX:-}" ] || t_die "ISCSIBOX is not an executable: ${ISCSIBOX:-}"

# A disk-backed place for the trees: DB_BENCH_DIR, else TMPDIR or /tmp,
# else /var/tmp.
is_tmpfs() { [ "$(stat -f -c %T "$1" 2>/dev/null)" = tmpfs ]; }
base=${DB_BENCH_DIR:-}
if [ -z "$base" ]; then
	base=${TMPDIR:-/tmp}
	is_tmpfs "$base" && base=/var/tmp
fi
TMPDIR=$base t_setup
is_tmpfs "$T_TMP" &&
	t_log "WARNING: $T_TMP is a tmpfs: these figures are not a disk's"
fs_type=$(stat -f -c %T "$T_TMP")

# The runner: a coprocess inside one private mount namespace.
stage="$T_TMP/stage"
iscsi_etc_new "$stage"
coproc RUNNER { bash "$LIB/iscsi-ns-run.sh" "$stage" bash "$0" --inside \
	"$T_TMP" 2>&1; }
t_on_exit "kill $RUNNER_PID"
# timed WHO TREE OUT ARGS... - one run through the runner
timed() {
	local line
	echo "$*" >&"${RUNNER[1]}"
	read -r line <&"${RUNNER[0]}" || t_die "the runner died"
	[ "$line" = done ] || t_die "runner: $line"
}

# make_tree DIR N - N records made by copying one record Debian wrote
# (-o new: a static record), each with its static/ link as -o new makes.
make_tree() {
	local dir=$1 n=$2 i t p
	iscsi_etc_new "$dir"
	bash "$LIB/iscsi-ns-run.sh" "$dir" "$DEBIAN_ISCSIADM" \
		-m node -o new -T iqn.2024-01.bench:seed -p 127.0.0.1:3260,1 \
		>/dev/null 2>&1 || t_die "Debian iscsiadm cannot make a record"
	local seed="$dir/nodes/iqn.2024-01.bench:seed/127.0.0.1,3260,1/default"
	rm -f "$dir"/static/*
	for ((i = 0; i < n; i++)); do
		t=$(printf 'iqn.2024-01.bench:t%05d' "$i")
		p=/etc/iscsi/nodes/$t/127.0.0.1,3260,1
		mkdir -p "$dir/nodes/$t/127.0.0.1,3260,1"
		sed "s/^node.name = .*/node.name = $t/" "$seed" \
			>"$dir/nodes/$t/127.0.0.1,3260,1/default"
		ln -s "$p" "$dir/static/$t,127.0.0.1,3260,1,default"
	done
	chmod 600 "$dir"/nodes/*/*/default
	rm -rf "$dir/nodes/iqn.2024-01.bench:seed"
}

# restore SRC DST - DST becomes a copy of SRC
restore() {
	rm -rf "$2"
	cp -a "$1" "$2"
}

# stats FILE... - "median min-max" of the times in FILEs
stats() {
	cat "$@" | sort -n | awk '{v[NR] = $1}
		END {m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		printf "%.3f %.3f-%.3f\n", m, v[1], v[NR]}'
}

# the SendTargets answer for N targets, and a target that gives it
st_answer() {
	local n=$1 i
	for ((i = 0; i < n; i++)); do
		printf 'TargetName=iqn.2024-01.bench:t%05d\n' "$i"
		printf 'TargetAddress=127.0.0.1:3260,1\n'
	done
}

printf '# database on %s (%s), %s runs each, alternating\n' "$T_TMP" \
	"$fs_type" "$RUNS"
iscsi_responder_start "$stage"
table="$T_TMP/table"
printf '%-24s %7s %22s %22s %7s\n' operation records \
	"debian_s med (min-max)" "ours_s med (min-max)" ratio >"$table"
for n in $SIZES; do
	pristine="$T_TMP/pristine$n"
	make_tree "$pristine" "$n"
	st_answer "$n" >"$T_TMP/st$n"
	port=$(t_free_port) || t_die "no free port"
	t_spawn "target$n" python3 "$LIB/fake_target.py" --port "$port" \
		--mode sendtargets --st-file "$T_TMP/st$n"
	one=$(printf 'iqn.2024-01.bench:t%05d' $((n / 2)))
	for op in list p1 show1 update1 updateall deleteall discovery; do
		case $op in
		list) args=(-m node) ;;
		p1) args=(-m node -P 1) ;;
		show1) args=(-m node -T "$one" -p 127.0.0.1:3260) ;;
		update1) args=(-m node -T "$one" -p 127.0.0.1:3260 -o update
			-n "$KEY" -v @) ;;
		updateall) args=(-m node -o update -n "$KEY" -v @) ;;
		deleteall) args=(-m node -o delete) ;;
		discovery) args=(-m discovery -t st -p "127.0.0.1:$port") ;;
		esac
		rm -f "$T_TMP"/r.*
		for ((r = 1; r <= RUNS; r++)); do
			for who in debian ours; do
				tree="$T_TMP/$who"
				# every run changes the records it updates
				a=("${args[@]/@/$((100 + r))}")
				case $op in
				list | p1 | show1)
					[ -d "$tree" ] ||
						restore "$pristine" "$tree" ;;
				discovery)
					rm -rf "$tree"
					iscsi_etc_new "$tree" ;;
				*) restore "$pristine" "$tree" ;;
				esac
				timed "$who" "$tree" "$T_TMP/r.$who.$r" "${a[@]}"
			done
			if [ "$r" = 1 ]; then
				for f in rc out; do
					cmp -s "$T_TMP/r.debian.1.$f" \
						"$T_TMP/r.ours.1.$f" ||
						t_fail "$op $n: $f differs"
				done
				case $op in
				updateall | deleteall | discovery)
					diff -r --no-dereference "$T_TMP/debian" "$T_TMP/ours" \
						>"$T_TMP/diff.$op" ||
						t_fail "$op $n: trees differ: $(head -3 "$T_TMP/diff.$op")" ;;
				esac
			fi
		done
		read -r dm dr < <(stats "$T_TMP"/r.debian.*.t)
		read -r om or < <(stats "$T_TMP"/r.ours.*.t)
		printf '%-24s %7d %8s %13s %8s %13s %6sx\n' "$op" "$n" "$dm" \
			"($dr)" "$om" "($or)" "$(awk -v a="$dm" -v b="$om" \
			'BEGIN{printf "%.1f", (b > 0) ? a / b : 0}')" >>"$table"
		case $op in
		show1 | update1 | updateall | deleteall | discovery)
			rm -rf "$T_TMP/debian" "$T_TMP/ours" ;;
		esac
	done
	rm -rf "$T_TMP/debian" "$T_TMP/ours" "$pristine"
done
cat "$table"
t_pass "database benchmark ran (${SIZES// /, } records, $RUNS runs each)"
t_done
