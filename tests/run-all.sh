#!/usr/bin/env bash
# run-all.sh - the whole test suite on a fresh Debian 12 machine (root):
# installs what the build and tests need, builds the static binary, runs
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

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz
ctest --test-dir build/fuzz -L fuzz --output-on-failure

cmake --preset dev -DISCSIBOX_TEST_BIN="$src/build/static/iscsibox" >/dev/null
cmake --build --preset dev
# Benchmarks print tables (ours beside open-iscsi): show them in full.
ctest --test-dir build/dev -L bench --verbose
exec ctest --test-dir build/dev -LE 'fuzz|bench' --output-on-failure "$@"
