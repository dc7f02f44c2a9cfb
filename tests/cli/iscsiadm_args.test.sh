#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# iscsiadm_args.test.sh - command-line parsing of iscsiadm, side by side
# with Debian's open-iscsi 2.1.8: for each argument list both tools run
# with an empty /etc/iscsi in a private mount namespace, and stdout,
# stderr and the exit code must be identical. Only cases that fail or
# finish before any iscsid, sysfs or network access are listed here;
# the modes themselves have their own tests.
set -u
SRC=${ISCSIBOX_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
BIN=${ISCSIBOX:-$SRC/build/static/iscsibox}
[ -x /usr/sbin/iscsiadm ] || apt-get install -y open-iscsi >/dev/null 2>&1
[ -x /usr/sbin/iscsiadm ] || { echo "skip: no Debian iscsiadm" >&2; exit 77; }
[ -x "$BIN" ] || { echo "FATAL: no binary at $BIN" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/ours" "$tmp/deb"
ln -s "$BIN" "$tmp/ours/iscsiadm"
ln -s /usr/sbin/iscsiadm "$tmp/deb/iscsiadm"

# run DIR ARGS... - "iscsiadm ARGS" found through PATH (getopt names the
# program as invoked), with an empty /etc/iscsi.
run() {
	local dir=$1
	shift
	unshare -m sh -c 'mount -t tmpfs none /etc/iscsi &&
		PATH="$0:$PATH" exec iscsiadm "$@"' "$dir" "$@"
}

pass=0 fail=0
check() {
	local o_out o_err o_rc d_out d_err d_rc
	o_out=$(run "$tmp/ours" "$@" 2>"$tmp/o_err"); o_rc=$?
	d_out=$(run "$tmp/deb" "$@" 2>"$tmp/d_err"); d_rc=$?
	o_err=$(cat "$tmp/o_err"); d_err=$(cat "$tmp/d_err")
	if [ "$o_out" == "$d_out" ] && [ "$o_err" == "$d_err" ] &&
		[ "$o_rc" == "$d_rc" ]; then
		pass=$((pass + 1))
		return
	fi
	fail=$((fail + 1))
	echo "not ok - iscsiadm $*"
	echo "  ours   rc=$o_rc"; printf '%s\n%s\n' "$o_out" "$o_err" | sed 's/^/    /'
	echo "  debian rc=$d_rc"; printf '%s\n%s\n' "$d_out" "$d_err" | sed 's/^/    /'
}

check
check -h
check --help
check -V
check --version
check -V -m node
check -P 1 -V
check -h -P 1
check -P 1
check -d 1
check -m
check -m bogus
check -m bogus -h
check -m bogus -Z
check -Z -m bogus
check -m discoverydb -Z
check -Z -m node
check -Z -Y
check -Z -V
check -Z -h
check -Z -P 1
check --bogus -m node
check --bogus -V
check -Z -o bogus
check -Z -m
check -m node -m bogus
check -Z
check --bogus
check --mode
check -m node -Z
check -m node -V
check -m node -h
check -m node --bogus
check -m discovery -Z -T x
check -m discovery -T x -Z
check -m discovery -W
check -m discovery -h
check -m discovery -t st -p 127.0.0.1 -I
check -m discovery -t st -p 127.0.0.1 -o bogus
check -m discovery -t st
check --mode=discovery --type=st
check -m discovery -t isns
check -m discovery -t slp -p 127.0.0.1
check -m discovery -T foo -t st -p 127.0.0.1
check -m fw -P 1
check -m fw -T x
check -m iface -T x
check -m session -T x
check -m host -T x
check -m host -l
check -m session -L all
check -k 0 -m node
check -m iface -W
check -m discoverydb -W
# no boot firmware table on a test machine: open-iscsi's err 21
check -m fw
check -m fw -l
check -m discovery -t fw
# One word holding more options than there are words (found by
# fuzz_iscsiadm_args: each option letter is an event of its own).
check --mode 'sess)on' '-.1:3260[-IS'
check -m session -PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP1 -uuuuuuuuuuuuuuuuuuuuV
check -m node -SSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSS

# the option parser itself: long-option prefixes (unique, ambiguous),
# an argument given to an option that takes none, "--", and words that are
# no options between options (moved behind them)
check --log
check --targ
check --mo=node -V
check -m node --rescan=1
check -m node --lo=x
check -m fw -- -V
check -m fw extra -V
check -m session -P1 -V
check -mnode --print

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
