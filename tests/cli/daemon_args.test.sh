#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# daemon_args.test.sh - iscsistart's and iscsid's answers to options that
# end before anything starts (help, version, unknown or incomplete
# options): with Debian's programs installed, each argument set gives the
# same status, standard output and standard error, both called by their
# bare names as a shell calls them.
set -u
SRC=${ISCSIBOX_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$SRC/tests/lib/common.sh"
t_cli_setup
tmp=$T_TMP
mkdir "$tmp/ours" "$tmp/debian"

# run DIR PROG ARGS... - status, stdout and stderr of PROG found in DIR.
run() {
	local dir=$1 prog=$2
	shift 2
	PATH="$dir:$PATH" "$prog" "$@" >"$tmp/out" 2>"$tmp/err"
	echo "rc=$?"
	cat "$tmp/out"
	sed 's/^/err: /' "$tmp/err"
}

for prog in iscsistart iscsid; do
	if ! "$BIN" --list | grep -qx "$prog"; then
		echo "# $prog not built in: not compared"
		continue
	fi
	if [ ! -x "/usr/sbin/$prog" ]; then
		echo "# Debian's $prog not installed: not compared"
		continue
	fi
	ln -s "$(readlink -f "$BIN")" "$tmp/ours/$prog"
	ln -s "/usr/sbin/$prog" "$tmp/debian/$prog"
	while IFS= read -r args; do
		eval "set -- $args"
		eq "$prog $args" "$(run "$tmp/ours" "$prog" "$@")" \
			"$(run "$tmp/debian" "$prog" "$@")"
	done <<-EOA
		--bogus
		-Z
		--bogus -h
		-h
		--help
		-v
		--version
		-d
		-c
	EOA
done
t_done
