#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# size.bench.sh - where the bytes of the static iscsibox go: the binary
# under test ($ISCSIBOX), then a second build of the same tree with the
# static preset's flags minus LTO and with a link map (LTO hides which
# file each function came from), split per component - musl, mbedtls,
# applets/, core/, transport/, firmware/ - with the largest symbols and
# the largest musl members with what pulled each in (tests/lib/
# size_map.py); last, Debian's open-iscsi programs with the libraries
# they load.  SIZE_APPLETS=iscsistart (a ;-list) measures a trimmed build.
# A benchmark: prints, never fails on the numbers; 77 if it cannot run.
set -u
SRC=${ISCSIBOX_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
BIN=${ISCSIBOX:-$SRC/build/static/iscsibox}
. "$SRC/tests/lib/common.sh"
. "$SRC/tests/lib/debsize.sh"
for c in cmake musl-gcc python3 ldd; do
	command -v "$c" >/dev/null || { echo "skip: $c not installed" >&2; exit 77; }
done
[ -x "$BIN" ] || { echo "skip: no binary at $BIN" >&2; exit 77; }
t_setup

# The static preset's flags without -flto, read from CMakePresets.json.
preset() {
	python3 -c 'import json, sys
p = next(p for p in json.load(open(sys.argv[1]))["configurePresets"]
         if p["name"] == "static")
print(" ".join(w for w in p["cacheVariables"][sys.argv[2]].split()
               if w != "-flto"))' "$SRC/CMakePresets.json" "$1"
}
b=$T_TMP/build
map=$b/iscsibox.map
applets=${SIZE_APPLETS:-}
if ! cmake --preset static -S "$SRC" -B "$b" -DISCSIBOX_TESTS=OFF \
	-DISCSIBOX_SIZE_REPORT=OFF \
	${applets:+"-DISCSIBOX_APPLETS=$applets"} \
	"-DCMAKE_C_FLAGS_RELEASE=$(preset CMAKE_C_FLAGS_RELEASE)" \
	"-DCMAKE_EXE_LINKER_FLAGS_RELEASE=$(preset CMAKE_EXE_LINKER_FLAGS_RELEASE)" \
	"-DCMAKE_EXE_LINKER_FLAGS=-static -Wl,-Map=$map" >"$T_TMP/log" 2>&1 ||
	! cmake --build "$b" -j2 --target iscsibox >>"$T_TMP/log" 2>&1; then
	tail -20 "$T_TMP/log" >&2
	echo "skip: the measuring build failed" >&2
	exit 77
fi

ours=$(stat -Lc %s "$BIN")
echo "iscsibox under test ($BIN): $ours bytes"
echo "same tree without LTO (${applets:-all applets}): $(stat -Lc %s "$b/iscsibox") bytes, split below"
echo
python3 "$SRC/tests/lib/size_map.py" "$map" "$SRC" 25

echo
echo "size on disk, bytes"
printf '%-52s %10s\n' "iscsibox (static, the binary under test)" "$ours"
progs=()
for p in iscsiadm iscsid iscsistart; do
	p=$(command -v "$p" || ls "/usr/sbin/$p" 2>/dev/null) &&
		[ -n "$p" ] && [ "$(readlink -f "$p")" != "$(readlink -f "$BIN")" ] &&
		progs+=("$p")
done
if [ ${#progs[@]} -eq 3 ]; then
	deb_size_table "Debian's three programs with their libraries" \
		"${progs[@]}"
	awk -v a="$DEB_SIZE_TOTAL" -v b="$ours" \
		'BEGIN { printf "ratio %.1fx\n", a / b }'
else
	echo "(Debian's open-iscsi not installed: no comparison)"
fi
exit 0
