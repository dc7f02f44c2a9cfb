# SPDX-License-Identifier: MIT
# debsize.sh - size on disk of Debian's programs with the shared libraries
# they load, for the benchmarks' "beside open-iscsi" tables.

# deb_size_table LABEL PROG... - one line per program and per library any
# of them loads (each counted once), then "LABEL" with the total; sets
# DEB_SIZE_TOTAL.
deb_size_table() {
	local label=$1 p lib sz
	shift
	DEB_SIZE_TOTAL=0
	for p in "$@"; do
		sz=$(stat -Lc %s "$p")
		DEB_SIZE_TOTAL=$((DEB_SIZE_TOTAL + sz))
		printf '%-52s %10s\n' "$p" "$sz"
	done
	for lib in $(ldd "$@" | sed -n 's/^[^/]*\(\/[^ ]*\) (0x.*/\1/p' |
		sort -u); do
		sz=$(stat -Lc %s "$lib")
		DEB_SIZE_TOTAL=$((DEB_SIZE_TOTAL + sz))
		printf '%-52s %10s\n' "  + $lib" "$sz"
	done
	printf '%-52s %10s\n' "$label" "$DEB_SIZE_TOTAL"
}
