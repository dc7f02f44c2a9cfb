#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# iscsi_iname.test.sh - the iscsi-iname applet: names have open-iscsi's
# shape (PREFIX: then six bytes in unpadded hex), differ from run to run,
# and with Debian's iscsi-iname installed every argument set below gives
# the same status, the same standard error and the same standard output
# once the random part is masked.
set -u
SRC=${ISCSIBOX_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$SRC/tests/lib/common.sh"
t_cli_setup
tmp=$T_TMP
ln -s "$(readlink -f "$BIN")" "$tmp/iscsi-iname"

shape='^iqn\.2016-04\.com\.open-iscsi:([0-9a-f]|[1-9a-f][0-9a-f]){6}$'
names=
for i in 1 2 3 4 5 6 7 8; do
	n=$("$tmp/iscsi-iname") || no "run $i: exit status"
	if printf '%s\n' "$n" | grep -Eq "$shape"; then ok "run $i: shape"; else
		no "run $i: shape of $n"
	fi
	names="$names$n
"
done
eq "eight runs, eight different names" \
	"$(printf '%s' "$names" | sort -u | wc -l)" 8
eq "-g -p" "$("$tmp/iscsi-iname" -g -p iqn.2005-03.org.example:01 |
	sed -E 's/:[0-9a-f]+$/:R/')" "InitiatorName=iqn.2005-03.org.example:01:R"
long=$(printf 'p%.0s' $(seq 211))
"$tmp/iscsi-iname" -p "$long" >/dev/null 2>&1
eq "211-character prefix refused" "$?" 1

# run DIR ARGS... - status, stderr and masked stdout of the iscsi-iname
# in DIR, called by its bare name as a shell calls it.
run() {
	local dir=$1
	shift
	PATH="$dir:$PATH" iscsi-iname "$@" >"$tmp/out" 2>"$tmp/err"
	echo "rc=$?"
	sed -E 's/:[0-9a-f]{1,12}$/:RANDOM/' "$tmp/out"
	sed 's/^/err: /' "$tmp/err"
}

if [ -x /usr/sbin/iscsi-iname ]; then
	mkdir "$tmp/debian"
	ln -s /usr/sbin/iscsi-iname "$tmp/debian/iscsi-iname"
	while IFS= read -r args; do
		eval "set -- $args"
		eq "iscsi-iname $args" "$(run "$tmp" "$@")" \
			"$(run "$tmp/debian" "$@")"
	done <<-EOA

		-g
		-p iqn.2001-04.com.example:storage
		--prefix=eui.02004567A425678D -g
		-pq
		-p ''
		-p a -p b
		-g -g
		--generate-iname-prefix
		--gen
		-p $(printf 'a%.0s' $(seq 210))
		-p $(printf 'a%.0s' $(seq 211))
		-h
		--help
		-x
		-p
		--prefix
		--bogus
		extra
		-g extra
	EOA
else
	echo "# Debian's iscsi-iname not installed: not compared"
fi
t_done
