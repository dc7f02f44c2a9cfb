#!/bin/bash
# SPDX-License-Identifier: MIT
# db.bench.sh - node database speed, ours vs Debian's iscsiadm 2.1.8, on
# identical trees of N records, on real disks (the trees are not put on a
# tmpfs: a warning line says so when no disk-backed directory is found).
# Operations: "-m node" listing, "-P 1", showing one record, updating one
# record, updating all, deleting all, and creating N records by
# SendTargets discovery (a loopback target answering N targets).
#
# Two file systems, one table each (DB_BENCH_FS chooses, default both):
#   host     the disk-backed temp dir as this machine mounts it (the
#            header shows its type, mount options and whether it has a
#            journal: e.g. an ext4 without journal mounted with -o discard
#            discards every freed block synchronously, in the caller);
#   ext4img  a fresh ext4 made by mkfs.ext4 with Debian's defaults
#            (journal, no discard mount option), in an image file in the
#            test's temp dir on the same disk, loop-mounted in the test's
#            private mount namespace: what a typical installed machine
#            has.  Its inode tables and journal are zeroed by mkfs
#            (lazy_itable_init=0, lazy_journal_init=0: the on-disk format
#            is the default one) so that no background initialisation runs
#            while the programs are timed.
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
# DB_BENCH_FS (default "host ext4img"), DB_BENCH_OPS (default all seven:
# "list p1 show1 update1 updateall deleteall discovery"), DB_BENCH_DIR
# (where the host trees and the image go; default a disk-backed temp dir).
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

# fs_describe DIR - "type, mount options, journal or not" of DIR's fs
fs_describe() {
	local src fstype opts dev j=
	read -r src fstype opts < <(findmnt -n -o SOURCE,FSTYPE,OPTIONS -T "$1")
	dev=$(basename "$(readlink -f "$src" 2>/dev/null || echo "$src")")
	case $fstype in
	ext3 | ext4)
		if compgen -G "/proc/fs/jbd2/$dev-*" >/dev/null; then
			j=", journal"
		else
			j=", no journal"
		fi ;;
	esac
	echo "$fstype$j, mounted $opts"
}

# ext4img_make DIR - a fresh ext4 (mkfs.ext4 defaults) loop-mounted on
# DIR, sized for three trees of the largest N (pristine, Debian's, ours)
ext4img_make() {
	local dir=$1 img="$T_TMP/ext4.img" max=0 n
	for n in $SIZES; do ((n > max)) && max=$n; done
	# ~4 inodes and ~12 KB a record, three trees, mkfs's 16 KB an inode
	truncate -s $((512 + max * 4 * 3 * 16 / 1024 * 3 / 2))M "$img" &&
		mkfs.ext4 -q -F -E lazy_itable_init=0,lazy_journal_init=0 \
			"$img" && mkdir -p "$dir" &&
		mount -o loop "$img" "$dir" || return 1
	# the test's own mount namespace: it goes with the test; unmounted
	# after the runner (registered first, so run last)
	t_on_exit "umount -l '$dir'"
}

FSLIST=${DB_BENCH_FS:-host ext4img}
fsdirs=()
for fs in $FSLIST; do
	case $fs in
	host)
		d="$T_TMP/host"
		mkdir -p "$d" ;;
	ext4img)
		t_require_root_tools mkfs.ext4 findmnt
		d="$T_TMP/ext4img"
		ext4img_make "$d" || t_die "cannot make and mount an ext4 image" ;;
	*) t_die "DB_BENCH_FS: unknown file system '$fs' (host, ext4img)" ;;
	esac
	fsdirs+=("$fs=$d")
	printf '# %-7s %s: %s\n' "$fs" "$d" "$(fs_describe "$d")"
done
printf '# %s runs each, alternating\n' "$RUNS"

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

iscsi_responder_start "$stage"
table="$T_TMP/table"
printf '%-8s %-12s %7s %22s %22s %7s\n' fs operation records \
	"debian_s med (min-max)" "ours_s med (min-max)" ratio >"$table"
for fe in "${fsdirs[@]}"; do
	fs=${fe%%=*} D=${fe#*=}
	for n in $SIZES; do
		pristine="$D/pristine$n"
		make_tree "$pristine" "$n"
		st_answer "$n" >"$T_TMP/st$n"
		port=$(t_free_port) || t_die "no free port"
		t_spawn "target-$fs$n" python3 "$LIB/fake_target.py" --port "$port" \
			--mode sendtargets --st-file "$T_TMP/st$n"
		one=$(printf 'iqn.2024-01.bench:t%05d' $((n / 2)))
		for op in ${DB_BENCH_OPS:-list p1 show1 update1 updateall deleteall discovery}; do
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
					tree="$D/$who"
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
							t_fail "$fs $op $n: $f differs"
					done
					case $op in
					updateall | deleteall | discovery)
						diff -r --no-dereference "$D/debian" "$D/ours" \
							>"$T_TMP/diff.$op" ||
							t_fail "$fs $op $n: trees differ: $(head -3 "$T_TMP/diff.$op")" ;;
					esac
				fi
			done
			read -r dm dr < <(stats "$T_TMP"/r.debian.*.t)
			read -r om or < <(stats "$T_TMP"/r.ours.*.t)
			printf '%-8s %-12s %7d %8s %13s %8s %13s %6sx\n' "$fs" "$op" "$n" \
				"$dm" "($dr)" "$om" "($or)" "$(awk -v a="$dm" \
				-v b="$om" 'BEGIN{printf "%.1f", (b > 0) ? a / b : 0}')" \
				>>"$table"
			case $op in
			show1 | update1 | updateall | deleteall | discovery)
				rm -rf "$D/debian" "$D/ours" ;;
			esac
		done
		rm -rf "$D/debian" "$D/ours" "$pristine"
	done
done
cat "$table"
t_pass "database benchmark ran (${FSLIST// /, }; ${SIZES// /, } records, $RUNS runs each)"
t_done
