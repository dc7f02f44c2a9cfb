#!/bin/bash
# SPDX-License-Identifier: MIT
# db.bench.sh - node database speed, ours vs Debian's iscsiadm 2.1.8, on
# identical trees of N records (N = 1000 and 10000): "-m node" listing,
# one "-o update" on all records, "-o delete" of all records.  Prints a
# table with the ratio Debian/ours; never fails on speed (only when a
# tool fails or the listings differ).
HERE=$(cd "$(dirname "$0")" && pwd)
LIB="$HERE/../lib"
. "$LIB/common.sh"
. "$LIB/debian-iscsiadm.sh"
t_enter_netns "$0" "$@"
t_require_root_tools unshare python3 "$DEBIAN_ISCSIADM"
[ -x "${ISCSIBOX:-}" ] || t_die "ISCSIBOX is not an executable: ${ISCSIBOX:-}"
t_setup
SIZES=${DB_BENCH_SIZES:-1000 10000}

# make_tree DIR N - N records made by copying one record Debian wrote.
make_tree() {
	local dir=$1 n=$2 i t
	iscsi_etc_new "$dir"
	unshare --net bash "$LIB/iscsi-ns-run.sh" "$dir" "$DEBIAN_ISCSIADM" \
		-m node -o new -T iqn.2024-01.bench:seed -p 127.0.0.1:3260,1 \
		>/dev/null 2>&1 || t_die "Debian iscsiadm cannot make a record"
	local seed="$dir/nodes/iqn.2024-01.bench:seed/127.0.0.1,3260,1/default"
	for ((i = 0; i < n; i++)); do
		t=$(printf 'iqn.2024-01.bench:t%05d' "$i")
		mkdir -p "$dir/nodes/$t/127.0.0.1,3260,1"
		sed "s/^node.name = .*/node.name = $t/" "$seed" \
			>"$dir/nodes/$t/127.0.0.1,3260,1/default"
	done
	rm -rf "$dir/nodes/iqn.2024-01.bench:seed" "$dir/static"
}

# timed WHO DIR ARGS... - seconds for one run (outputs in $T_TMP/WHO.*)
timed() {
	local who=$1 dir=$2 s
	shift 2
	s=$(t_now)
	if [ "$who" = debian ]; then
		bash "$LIB/iscsi-ns-run.sh" "$dir" "$DEBIAN_ISCSIADM" "$@"
	else
		bash "$LIB/iscsi-ns-run.sh" "$dir" "$ISCSIBOX" iscsiadm "$@"
	fi >"$T_TMP/$who.out" 2>"$T_TMP/$who.err"
	echo "$? $(t_elapsed "$s")"
}

printf '%-28s %8s %10s %10s %8s\n' operation records debian_s ours_s ratio
for n in $SIZES; do
	make_tree "$T_TMP/d$n" "$n"
	cp -a "$T_TMP/d$n" "$T_TMP/o$n"
	for op in list update delete; do
		case $op in
		list) args=(-m node) ;;
		update) args=(-m node -o update -n node.startup -v automatic) ;;
		delete) args=(-m node -o delete) ;;
		esac
		read -r drc dt < <(timed debian "$T_TMP/d$n" "${args[@]}")
		read -r orc ot < <(timed ours "$T_TMP/o$n" "${args[@]}")
		[ "$drc" = "$orc" ] || t_fail "$op $n: rc $orc, Debian $drc"
		cmp -s "$T_TMP/debian.out" "$T_TMP/ours.out" ||
			t_fail "$op $n: output differs"
		printf '%-28s %8d %10s %10s %8s\n' "${args[*]:0:4}" "$n" "$dt" \
			"$ot" "$(awk -v a="$dt" -v b="$ot" \
			'BEGIN{printf "%.1fx", (b > 0) ? a / b : 0}')"
	done
done
t_done
