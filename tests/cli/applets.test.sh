#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# applets.test.sh - build-time applet selection (ISCSIBOX_APPLETS): the
# binary lists, installs and dispatches exactly the applets it was built
# with and refuses the others like any unknown name; and the build
# configures only the selected applets' files (a configure run, no build).
# The expected set is $ISCSIBOX_APPLETS (space or ';' separated), else
# every applet of applets/applets.def.
set -u
SRC=${ISCSIBOX_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$SRC/tests/lib/common.sh"
t_cli_setup
tmp=$T_TMP

all=$(sed -n 's/^APPLET(\([^,]*\),.*/\1/p' "$SRC/applets/applets.def")
want_set=" $(echo "${ISCSIBOX_APPLETS:-$all}" | tr ';\n' '  ') "
want=""
for a in $all; do
	case "$want_set" in *" $a "*) want+="$a"$'\n' ;; esac
done
want=${want%$'\n'}
[ -n "$want" ] || t_die "ISCSIBOX_APPLETS names no known applet"

eq "--list" "$("$BIN" --list)" "$want"
"$BIN" --install "$tmp" && ok || no "--install exit status"
eq "--install links" "$(ls "$tmp")" "$(printf '%s\n' $want | LC_ALL=C sort)"
for a in $all; do
	if printf '%s\n' $want | grep -qx -- "$a"; then
		# the link runs the applet, not the multicall usage
		out=$("$tmp/$a" -h 2>&1)
		case "$out" in
		*"iscsibox APPLET"*|"") no "$a: not dispatched: $out" ;;
		*) ok ;;
		esac
	else
		ln -sf "$BIN" "$tmp/$a"
		"$BIN" "$a" >/dev/null 2>"$tmp/err"
		eq "iscsibox $a (not built in): exit" "$?" 7
		eq "iscsibox $a (not built in): message" "$(head -1 "$tmp/err")" \
			"iscsibox: applet not found: $a"
		"$tmp/$a" >/dev/null 2>&1	# the multicall usage, exit 7
		eq "link $a (not built in): exit" "$?" 7
	fi
done

# The configure step picks files per applet and rejects unknown names.
deps=${ISCSIBOX_DEPS_DIR:-$SRC/.deps}
if command -v cmake >/dev/null && command -v gcc >/dev/null &&
	ls "$deps"/mbedtls-*/library/md.c >/dev/null 2>&1; then
	b=$tmp/build
	if cmake -S "$SRC" -B "$b" -DCMAKE_C_COMPILER=gcc -DISCSIBOX_TESTS=OFF \
		-DISCSIBOX_DEPS_DIR="$deps" \
		"-DISCSIBOX_APPLETS=iscsistart;iscsi-iname" >"$tmp/log" 2>&1; then
		eq "selected.def" "$(grep '^APPLET' "$b/gen/applets/selected.def")" \
			"$(grep -E '^APPLET\((iscsi-iname|iscsistart),' \
				"$SRC/applets/applets.def")"
		srcs=$(grep -rho 'applets/[a-z_]*\.c' "$b/CMakeFiles/iscsibox.dir" \
			2>/dev/null | sort -u | tr '\n' ' ')
		case "$srcs" in
		*iscsistart.c*iscsi_iname.c*|*iscsi_iname.c*iscsistart.c*) ok ;;
		*) no "selected applets' files missing: $srcs" ;;
		esac
		case "$srcs" in
		*iscsiadm*|*iscsid.c*) no "unselected applets compiled: $srcs" ;;
		*) ok ;;
		esac
	else
		no "configure with two applets failed"; cat "$tmp/log" >&2
	fi
	cmake -S "$SRC" -B "$tmp/bad" -DCMAKE_C_COMPILER=gcc \
		-DISCSIBOX_TESTS=OFF -DISCSIBOX_DEPS_DIR="$deps" \
		-DISCSIBOX_APPLETS=iscsictl >"$tmp/log" 2>&1 &&
		no "unknown applet accepted" ||
		{ grep -q "unknown applet 'iscsictl'" "$tmp/log" && ok ||
			no "unknown applet: no clear error"; }
else
	t_log "cmake or the dependency sources missing: configure checks skipped"
fi

t_done
