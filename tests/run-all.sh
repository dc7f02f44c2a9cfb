#!/usr/bin/env bash
# run-all.sh - the whole test suite on a fresh Debian 12 machine (root):
# installs what the build and tests need, builds the static binary (and
# the iscsistart-only one, with its applet and VM tests), runs
# the libFuzzer harnesses for a bounded time (clang build), the
# benchmarks with their tables shown, then every other ctest label (unit,
# cli, integration, compat, e2e) in the ASan+UBSan build, with the shell
# tests driving the static binary. ctest's summary of that last run is
# the last thing printed.
# Extra arguments go to the last ctest (e.g. -L unit).
set -euo pipefail
cd "$(dirname "$0")/.."
src=$PWD

bash toolchain/setup.sh

cmake --preset static >/dev/null
cmake --build --preset static

# What an initramfs ships: iscsistart alone (ISCSIBOX_APPLETS).  Its build
# runs its own size check; its applet set and the iscsistart VM tests run
# against it here (77 = skipped where qemu or the kernel is missing).
mini=$src/build/static-iscsistart
cmake --preset static -B "$mini" -DISCSIBOX_APPLETS=iscsistart \
	-DISCSIBOX_TESTS=OFF >/dev/null
cmake --build "$mini"
for t in cli/applets e2e/iscsistart_tgt e2e/iscsistart_lio; do
	echo "== $t against the iscsistart-only build"
	rc=0
	ISCSIBOX=$mini/iscsibox ISCSIBOX_APPLETS=iscsistart ISCSIBOX_SRC=$src \
		bash "tests/$t.test.sh" || rc=$?
	[ "$rc" -eq 0 ] || [ "$rc" -eq 77 ] ||
		{ echo "FAILED: $t against the iscsistart-only build"; exit 1; }
done

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz
ctest --test-dir build/fuzz -L fuzz --output-on-failure

cmake --preset dev -DISCSIBOX_TEST_BIN="$src/build/static/iscsibox" >/dev/null
cmake --build --preset dev
# Benchmarks print tables (ours beside open-iscsi): show them in full.
# The suite runs their light profile (the node database at 1,000 records,
# the login storm at 16 targets, each with and without added latency,
# still 3 alternating runs of each program) so that the whole run stays
# well inside an hour on two cores; run a bench by itself for the full
# tables (its header lists the knobs, e.g. DB_BENCH_SIZES="1000 10000",
# STORM_SIZES=16,64). A knob already set in the environment wins.
DB_BENCH_SIZES=${DB_BENCH_SIZES:-1000} STORM_SIZES=${STORM_SIZES:-16} \
	ctest --test-dir build/dev -L bench --verbose
exec ctest --test-dir build/dev -LE 'fuzz|bench' --output-on-failure "$@"
