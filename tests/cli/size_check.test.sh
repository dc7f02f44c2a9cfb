#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# size_check.test.sh - the size check every static build runs
# (toolchain/size.cmake in script mode), on made-up binaries, baselines and
# link maps: within margin and budget it passes; past the margin, past
# the budget (even with a raised baseline), or with a forbidden musl
# member in the map it fails; recording rewrites only its own line.
set -u
SRC=${ISCSIBOX_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$SRC/tests/lib/common.sh"
command -v cmake >/dev/null || { echo "skip: no cmake" >&2; exit 77; }
t_setup
S=$SRC/toolchain/size.cmake

# check NAME WANT_RC SIZE BASELINE_BYTES BUDGET [MAP_MEMBER]
check() {
	local name=$1 want=$2 size=$3 base=$4 budget=$5 member=${6:-} rc
	head -c "$size" /dev/zero >"$T_TMP/bin"
	printf '# test\nall on %s\niscsistart off 1\n' "$base" >"$T_TMP/base"
	printf 'Linker script and memory map\n' >"$T_TMP/map"
	[ -n "$member" ] && printf ' .text 0x0 0x10 /x/libc.a(%s)\n' "$member" >>"$T_TMP/map"
	printf 'malloc.lo smallmalloc why\nstrstr.lo always why\n' >"$T_TMP/forbidden"
	cmake -DBIN="$T_TMP/bin" -DBASELINE="$T_TMP/base" "-DKEY=all on" \
		-DMAP="$T_TMP/map" -DFORBIDDEN="$T_TMP/forbidden" -DMARGIN=100 \
		-DBUDGET="$budget" -DRESOLVER=ON -DSMALL_PRINTF=ON \
		-DSMALL_MALLOC=OFF -P "$S" >"$T_TMP/out" 2>&1
	rc=$?
	if { [ "$want" = 0 ] && [ "$rc" = 0 ]; } ||
		{ [ "$want" != 0 ] && [ "$rc" != 0 ]; }; then
		t_pass "$name"
	else
		t_fail "$name (rc $rc)"
		sed 's/^/    /' "$T_TMP/out" >&2
	fi
}

check "smaller than the baseline" 0 900 1000 2000
check "growth within the margin" 0 1090 1000 2000
check "growth past the margin" 1 1200 1000 2000
check "over the budget" 1 2100 2100 2000
check "at the budget" 0 2000 2000 2000
check "no budget" 0 5000 5000 0
check "a forbidden member" 1 900 1000 2000 strstr.lo
check "forbidden only with its option" 0 900 1000 2000 malloc.lo
check "over the budget says so" 1 2100 2100 2000
grep -q "100 bytes over its budget of 2000" "$T_TMP/out" &&
	t_pass "budget message" || t_fail "budget message: $(cat "$T_TMP/out")"

# recording rewrites this build's line only
head -c 1234 /dev/zero >"$T_TMP/bin"
printf '# test\nall on 1\niscsistart off 7\n' >"$T_TMP/base"
cmake -DBIN="$T_TMP/bin" -DBASELINE="$T_TMP/base" "-DKEY=all on" -DRECORD=1 \
	-P "$S" >/dev/null 2>&1
t_check_eq "record" "$(cat "$T_TMP/base")" "$(printf '# test\nall on 1234\niscsistart off 7')"
t_done
