# SPDX-License-Identifier: MIT
# login_bench.sh - guest half of tests/bench/login.bench.sh: for run
# 1..$E2E_RUNS, log in with "iscsistart" (whichever the image holds) to
# $E2E_IQN:noneNN (no authentication) and $E2E_IQN:mutualNN (mutual
# CHAP) and time each from the start of iscsistart until the first block
# of the new disk has been read. Reports "time.KIND.N=RC MS".
. /lib/iscsistart_lib.sh

# bench_one KIND N [ARGS...] - one timed login.
bench_one() {
	local kind=$1 n=$2 t t0 rc s disk
	shift 2
	t=$(printf '%s:%s%02d' "$E2E_IQN" "$kind" "$n")
	t0=$(uptime_ms)
	iscsistart -i "$E2E_INITIATOR" -t "$t" -g 1 -a "$IS_ADDR" \
		-p "$IS_PORT" "$@" >/dev/null 2>&1
	rc=$?
	s=$(is_session_of "$t") && disk=$(is_disk_of "$s" 60) &&
		dd if="/dev/$disk" of=/dev/null bs=512 count=1 iflag=direct \
			2>/dev/null || rc=${rc}-nodisk
	mark "time.$kind.$n=$rc $(($(uptime_ms) - t0))"
}

n=1
while [ $n -le "$E2E_RUNS" ]; do
	bench_one none $n
	bench_one mutual $n -u "$E2E_USER" -w "$E2E_SECRET" \
		-U "$E2E_TUSER" -W "$E2E_TSECRET"
	n=$((n + 1))
done
