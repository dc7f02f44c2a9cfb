#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# install.test.sh - the install that makes iscsibox the system's
# initiator, into a scratch DESTDIR and a scratch dpkg root (never the
# host's): `cmake --install` lays out the binary, its four links, the
# units with the installed sbin path, the initramfs-tools hook and
# script, iscsid.conf and a generated initiator name, and a second
# install keeps an edited iscsid.conf and the name. The installed iscsid
# started as its unit starts it returns only once its pid file names a
# live daemon, and fails when the daemon cannot start. The CPack package
# carries Provides/Conflicts/Replaces: open-iscsi and, installed with
# dpkg into a root holding a stand-in open-iscsi package, replaces it.
set -u
SRC=${ISCSIBOX_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$SRC/tests/lib/common.sh"
BUILD=${ISCSIBOX_BUILD:-$SRC/build/static}
[ -f "$BUILD/cmake_install.cmake" ] || t_die "no build tree at $BUILD"
t_require_root_tools cmake cpack dpkg dpkg-deb unshare
t_enter_netns "$0" "$@"
t_setup

d=$T_TMP/root
DESTDIR=$d cmake --install "$BUILD" --prefix /usr >"$T_TMP/install.log" 2>&1
t_check_rc "cmake --install into DESTDIR" $? 0
t_check_eq "the binary is installed" \
	"$(test -x "$d/usr/sbin/iscsibox" && echo yes)" yes
for a in iscsi-iname iscsiadm iscsid iscsistart; do
	t_check_eq "sbin/$a links to iscsibox" "$(readlink "$d/usr/sbin/$a")" \
		iscsibox
done
t_check_eq "units" "$(cd "$d/lib/systemd/system" && ls)" \
	"$(printf 'iscsi.service\niscsid.service\niscsid.socket')"
t_check_eq "iscsid.service runs the installed iscsid" \
	"$(grep -E '^(Type|PIDFile|ExecStart)=' "$d/lib/systemd/system/iscsid.service")" \
	"$(printf 'Type=forking\nPIDFile=/run/iscsid.pid\nExecStart=/usr/sbin/iscsid -p /run/iscsid.pid')"
t_check_eq "iscsi.service: automatic logins, 15 and 21 succeed" \
	"$(grep -E '^(SuccessExitStatus|ExecStart|ExecStop)=' "$d/lib/systemd/system/iscsi.service")" \
	"$(printf '%s\n' 'SuccessExitStatus=15 21' \
		'ExecStart=/usr/sbin/iscsiadm -m node --loginall=automatic' \
		'ExecStop=/bin/sync' \
		'ExecStop=/usr/sbin/iscsiadm -m node --logoutall=all')"
t_check_eq "iscsid.socket listens where iscsiadm connects" \
	"$(grep '^ListenStream=' "$d/lib/systemd/system/iscsid.socket")" \
	"ListenStream=@ISCSIADM_ABSTRACT_NAMESPACE"
it=$d/usr/share/initramfs-tools
t_check_eq "initramfs-tools hook copies the installed iscsistart" \
	"$(grep '^copy_exec' "$it/hooks/iscsibox")" \
	"copy_exec /usr/sbin/iscsistart /sbin"
t_check_eq "hook and boot script are executable" \
	"$(test -x "$it/hooks/iscsibox" && test -x "$it/scripts/local-top/iscsibox" && echo yes)" yes
sh -n "$it/hooks/iscsibox" && sh -n "$it/scripts/local-top/iscsibox"
t_check_rc "hook and boot script parse with sh -n" $? 0
name=$(sed -n 's/^InitiatorName=//p' "$d/etc/iscsi/initiatorname.iscsi")
t_check_eq "a generated initiator name" \
	"$(printf '%s\n' "$name" | grep -cE '^iqn\.2016-04\.com\.open-iscsi:[0-9a-f]{6,12}$')" 1
t_check_eq "iscsid.conf installed" \
	"$(grep -c '^node.startup = manual$' "$d/etc/iscsi/iscsid.conf")" 1
for x in nodes send_targets ifaces; do
	t_check_eq "/etc/iscsi/$x exists" "$(test -d "$d/etc/iscsi/$x" && echo yes)" yes
done

echo "node.session.timeo.replacement_timeout = 7" >>"$d/etc/iscsi/iscsid.conf"
cp "$d/etc/iscsi/iscsid.conf" "$T_TMP/edited.conf"
DESTDIR=$d cmake --install "$BUILD" --prefix /usr >"$T_TMP/install2.log" 2>&1
t_check_rc "second install" $? 0
t_check_file_eq "second install keeps the edited iscsid.conf" \
	"$d/etc/iscsi/iscsid.conf" "$T_TMP/edited.conf"
t_check_eq "second install keeps the initiator name" \
	"$(sed -n 's/^InitiatorName=//p' "$d/etc/iscsi/initiatorname.iscsi")" "$name"

# The unit's start: the starting process returns after the pid file is
# there and names the running daemon (this script has its own network
# namespace, so the abstract socket is private).
printf 'InitiatorName=%s\n' "$name" >"$T_TMP/iname"
"$d/usr/sbin/iscsid" -p "$T_TMP/iscsid.pid" -c "$d/etc/iscsi/iscsid.conf" \
	-i "$T_TMP/iname"
t_check_rc "iscsid starts" $? 0
pid=$(cat "$T_TMP/iscsid.pid" 2>/dev/null)
t_check_eq "pid file written before the start returned, daemon alive" \
	"$(kill -0 "${pid:-0}" 2>/dev/null && readlink "/proc/$pid/exe")" \
	"$(readlink -f "$d/usr/sbin/iscsibox")"
[ -n "$pid" ] && kill "$pid"
for _ in $(seq 100); do
	kill -0 "$pid" 2>/dev/null || break
	sleep 0.1
done
"$d/usr/sbin/iscsid" -p "$T_TMP/no/such/dir/iscsid.pid" \
	-c "$d/etc/iscsi/iscsid.conf" -i "$T_TMP/iname" 2>/dev/null
t_check_rc "a daemon that cannot start fails its start" $? 1

# The package.
(cd "$BUILD" && rm -f iscsibox_*.deb && cpack >"$T_TMP/cpack.log" 2>&1)
t_check_rc "cpack builds the package" $? 0
deb=$(ls "$BUILD"/iscsibox_*.deb 2>/dev/null | head -n 1)
[ -n "$deb" ] || t_die "no package: $(tail -5 "$T_TMP/cpack.log")"
for f in Provides Conflicts Replaces; do
	t_check_eq "package $f" "$(dpkg-deb -f "$deb" "$f")" open-iscsi
done
t_check_eq "iscsid.conf is a conffile" \
	"$(dpkg-deb --ctrl-tarfile "$deb" | tar -xOf - ./conffiles)" \
	/etc/iscsi/iscsid.conf
t_check_eq "no initiator name in the package" \
	"$(dpkg-deb -c "$deb" | grep -c initiatorname)" 0

# dpkg -i into a scratch root where a stand-in open-iscsi owns the same
# program path: ours replaces it, the name is generated once.
r=$T_TMP/dpkgroot
mkdir -p "$r/var/lib/dpkg/updates" "$r/var/lib/dpkg/info" "$T_TMP/fake/DEBIAN" \
	"$T_TMP/fake/usr/sbin"
: >"$r/var/lib/dpkg/status"
printf '%s\n' 'Package: open-iscsi' 'Version: 2.1.8-1' 'Architecture: all' \
	'Maintainer: test <test@localhost>' 'Description: stand-in' \
	>"$T_TMP/fake/DEBIAN/control"
echo stand-in >"$T_TMP/fake/usr/sbin/iscsiadm"
dpkg-deb -b "$T_TMP/fake" "$T_TMP/open-iscsi.deb" >/dev/null
dk() {
	dpkg --root="$r" --force-script-chrootless --force-not-root \
		--force-architecture --force-unsafe-io --no-triggers \
		--log=/dev/null "$@"
}
dk -i "$T_TMP/open-iscsi.deb" >"$T_TMP/dpkg1.log" 2>&1
t_check_rc "stand-in open-iscsi installed" $? 0
dk -i "$deb" >"$T_TMP/dpkg2.log" 2>&1
t_check_rc "dpkg -i iscsibox" $? 0 || cat "$T_TMP/dpkg2.log" >&2
t_check_eq "open-iscsi is gone, iscsibox installed" \
	"$(dk -l 2>/dev/null | awk '/^ii/ { print $2 }')" iscsibox
t_check_eq "iscsiadm is ours now" "$(readlink "$r/usr/sbin/iscsiadm")" iscsibox
t_check_eq "the postinst named the host once, with Debian's prefix" \
	"$(grep -cE '^InitiatorName=iqn\.1993-08\.org\.debian:01:[0-9a-f]{6,12}$' \
		"$r/etc/iscsi/initiatorname.iscsi")" 1
t_done
