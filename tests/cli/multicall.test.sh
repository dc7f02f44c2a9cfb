#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# multicall.test.sh - the binary dispatches on the name it is called by,
# on "iscsibox APPLET", installs its links, and each applet answers -h
# and -V/-v exactly as open-iscsi 2.1.8's tools do.
set -u
SRC=${ISCSIBOX_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
BIN=${ISCSIBOX:-$SRC/build/static/iscsibox}
[ -x "$BIN" ] || { echo "FATAL: no binary at $BIN" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "not ok - $*"; }
# eq WHAT GOT WANT
eq() {
	if [ "$2" == "$3" ]; then ok; else
		no "$1"
		diff <(printf '%s\n' "$3") <(printf '%s\n' "$2") | sed 's/^/    /'
	fi
}

# --list and --install
eq "--list" "$("$BIN" --list)" "$(printf 'iscsi-iname\niscsiadm\niscsid\niscsistart')"
"$BIN" --install "$tmp" && ok || no "--install exit status"
for a in iscsi-iname iscsiadm iscsid iscsistart; do
	[ "$(readlink "$tmp/$a")" == "$(readlink -f "$BIN")" ] && ok ||
		no "--install link $a -> $(readlink "$tmp/$a")"
done
"$BIN" --install "$tmp" && ok || no "--install again (links replaced)"
"$BIN" --install "$tmp/missing/dir" 2>/dev/null && no "--install into a missing dir" || ok
"$BIN" nosuchapplet >/dev/null 2>&1; eq "unknown applet exit" "$?" 7
"$BIN" >/dev/null 2>&1; eq "no arguments exit" "$?" 7

# Versions, by link name and by "iscsibox APPLET".
eq "iscsiadm -V" "$("$tmp/iscsiadm" -V)" "iscsiadm version 2.1.8"
eq "iscsibox iscsiadm --version" "$("$BIN" iscsiadm --version)" \
	"iscsiadm version 2.1.8"
eq "iscsid -v" "$("$tmp/iscsid" -v)" "iscsid version 2.1.8"
eq "iscsistart -v" "$("$tmp/iscsistart" -v)" "iscsistart version 2.1.8"
eq "iscsibox iscsistart --version" "$("$BIN" iscsistart --version)" \
	"iscsistart version 2.1.8"

# Help texts, side by side with Debian's where it is installed.
if [ -x /usr/sbin/iscsiadm ] && [ -x /usr/sbin/iscsid ] &&
	[ -x /usr/sbin/iscsistart ]; then
	eq "iscsiadm --help" "$("$tmp/iscsiadm" --help; echo "rc=$?")" \
		"$(/usr/sbin/iscsiadm --help; echo "rc=$?")"
	eq "iscsid -h" "$("$tmp/iscsid" -h; echo "rc=$?")" \
		"$(/usr/sbin/iscsid -h; echo "rc=$?")"
	eq "iscsistart -h" "$("$tmp/iscsistart" -h; echo "rc=$?")" \
		"$(/usr/sbin/iscsistart -h; echo "rc=$?")"
else
	echo "# Debian's open-iscsi not installed: help texts not compared"
fi

# The product binary is static (checked only on the static build).
case "$(file -L "$BIN")" in
*"statically linked"*)
	ldd "$BIN" >/dev/null 2>&1 && no "ldd accepts the static binary" || ok
	echo "# $(basename "$BIN"): $(stat -L -c %s "$BIN") bytes, static" ;;
*) echo "# $BIN is not the static build: static checks skipped" ;;
esac

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
