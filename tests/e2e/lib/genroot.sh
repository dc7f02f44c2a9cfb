# SPDX-License-Identifier: MIT
# genroot.sh - host side of the tests that boot the distribution's own
# initramfs generators with the VM's ROOT file system on an iSCSI LUN and
# iscsibox as the only initiator:
#  - the root file system: a small ext4 image with static busybox and
#    iscsibox, whose /sbin/init is guest/genroot_init.sh (it reports the
#    root disk and the sessions, starts iscsid, which must adopt the root
#    session, and logs out at a clean shutdown);
#  - the target: tgtd in a network namespace of the test listening on the
#    guest's view of the portal, 10.0.2.100:3260, reached by one
#    "nsenter ... socat" per guest connection (a tgtd on 127.0.0.1 would
#    announce 127.0.0.1 in SendTargets and dracut would look the node up
#    under that portal);
#  - the generators, mkinitramfs and dracut, run in a private mount
#    namespace where /boot is the extracted Debian kernel's, /usr/lib has
#    a throw-away upper layer with its modules (depmod'ed there), and
#    iscsibox's installed files (cmake --install into a scratch DESTDIR)
#    are bind-mounted over open-iscsi's programs, units and iscsid.conf;
#    open-iscsi's initramfs-tools hook and scripts are left out. The
#    host's /boot, /lib/modules and /etc/initramfs-tools are never
#    written;
#  - gr_check_image: no file of the open-iscsi packages is in the image
#    unless it is byte for byte ours.
# Source it with ISCSIBOX_SRC set, after nothing else.

. "$ISCSIBOX_SRC/tests/e2e/lib/iscsistart.sh"

GR_PORTAL=10.0.2.100:3260
GR_INST=		# scratch DESTDIR of cmake --install
GR_MODULES="sd_mod crc32c_generic virtio_rng virtio_net virtio_pci ext4"
GR_WHICH=ours		# debian: open-iscsi's own files in the image (bench)
GR_AWK=			# an awk to put in the image in place of the host's

# gr_begin "$@" - static $ISCSIBOX, the tools, the kernel, the namespace,
# the install, the target namespace with tgtd on the guest's portal.
gr_begin() {
	is_need_static
	t_require_root_tools qemu-system-x86_64 tgtd tgtadm socat nsenter \
		unshare mkfs.ext4 busybox cmake unmkinitramfs "$@"
	is_need_debian
	kernel_prepare || t_die "cannot prepare the Debian kernel"
	t_enter_netns "$0"
	t_setup
	gr_install
	t_netns_new 10.0.2.100/32 || t_die "cannot make the target namespace"
	TGTD_NS_PID=$T_NETNS_PID tgtd_start "$GR_PORTAL"
	VM_FWD="cmd:nsenter -t $T_NETNS_PID -n socat STDIO TCP:$GR_PORTAL,,nodelay"
}

# gr_install - cmake --install into a scratch root, with the static
# binary in place of the build tree's.
gr_install() {
	local build=${ISCSIBOX_BUILD:-$ISCSIBOX_SRC/build/static}
	GR_INST=$T_TMP/inst
	DESTDIR=$GR_INST cmake --install "$build" --prefix /usr \
		>"$T_TMP/install.log" 2>&1 || {
		cat "$T_TMP/install.log" >&2
		t_die "cmake --install failed"
	}
	cp "$ISCSIBOX" "$GR_INST/usr/sbin/iscsibox"
}

# gr_rootfs OUT - the root file system image (24 MiB ext4).
gr_rootfs() {
	local d=$T_TMP/rootdir a
	rm -rf "$d"
	mkdir -p "$d"/{bin,sbin,etc/iscsi,proc,sys,dev,run,tmp}
	cp "$(command -v busybox)" "$d/bin/busybox"
	for a in $(busybox --list); do
		[ -e "$d/bin/$a" ] || ln -s busybox "$d/bin/$a"
	done
	cp "$ISCSIBOX" "$d/sbin/iscsibox"
	ln -s iscsibox "$d/sbin/iscsid"
	ln -s iscsibox "$d/sbin/iscsiadm"
	cp "$GR_INST/etc/iscsi/iscsid.conf" "$d/etc/iscsi/"
	install -m 755 "$ISCSIBOX_SRC/tests/e2e/guest/genroot_init.sh" \
		"$d/sbin/init"
	# systemd's switch-root wants to see an OS there
	printf 'ID=iscsibox-test\nNAME="iscsibox e2e root"\n' >"$d/etc/os-release"
	mkfs.ext4 -q -F -L gr-root -d "$d" "$1" 24M ||
		t_die "mkfs.ext4 failed"
}

# gr_ns_prepare - inside the generator's mount namespace: the kernel's
# /boot and modules, iscsibox over open-iscsi's programs and files.
# Exported as a function so "unshare ... bash -c" can call it.
gr_ns_prepare() {
	local u=$T_TMP/usrlib f
	mkdir -p "$u/up" "$u/work" &&
		mount --bind "$KERNEL_ROOT/boot" /boot &&
		mount -t overlay gr-usrlib -o "lowerdir=/usr/lib:$KERNEL_ROOT/lib,upperdir=$u/up,workdir=$u/work" /usr/lib &&
		depmod "$KERNEL_VERSION" || return 1
	if [ -n "$GR_AWK" ]; then
		mount --bind "$GR_AWK" "$(readlink -f /usr/bin/awk)" || return 1
	fi
	[ "$GR_WHICH" = debian ] && return 0
	for f in iscsistart iscsiadm iscsid iscsi-iname; do
		[ -e "/usr/sbin/$f" ] || continue
		mount --bind "$ISCSIBOX" "/usr/sbin/$f" || return 1
	done
	for f in iscsid.service iscsid.socket; do
		[ -e "/usr/lib/systemd/system/$f" ] || continue
		mount --bind "$GR_INST/lib/systemd/system/$f" \
			"/usr/lib/systemd/system/$f" || return 1
	done
	if [ -e /etc/iscsi/iscsid.conf ]; then
		mount --bind "$GR_INST/etc/iscsi/iscsid.conf" /etc/iscsi/iscsid.conf
	fi
}

# gr_in_ns CMD... - run CMD in a private mount namespace prepared by
# gr_ns_prepare.
gr_in_ns() {
	export T_TMP KERNEL_ROOT KERNEL_VERSION ISCSIBOX GR_INST GR_WHICH GR_AWK
	export -f gr_ns_prepare
	unshare --mount --propagation private bash -c \
		'gr_ns_prepare || exit 90; "$@"' gr "$@"
}

# gr_mkinitramfs OUT - Debian's mkinitramfs with iscsibox's hook and boot
# script in place of open-iscsi's (GR_WHICH=debian: open-iscsi's own).
gr_mkinitramfs() {
	local conf=$T_TMP/itconf it=$T_TMP/itools
	rm -rf "$conf" "$it"
	mkdir -p "$conf/conf.d" "$conf/hooks" "$conf/scripts"
	printf '%s\n' MODULES=netboot BUSYBOX=y COMPRESS=gzip RUNSIZE=10% \
		FSTYPE=auto >"$conf/initramfs.conf"
	printf '%s\n' $GR_MODULES >"$conf/modules"
	cp -a /usr/share/initramfs-tools "$it"
	if [ "$GR_WHICH" = ours ]; then
		rm -f "$it/hooks/iscsi" "$it/scripts/local-top/iscsi" \
			"$it/scripts/local-bottom/iscsi"
		cp -a "$GR_INST/usr/share/initramfs-tools/." "$it/"
	fi
	gr_in_ns bash -c 'mount --bind "$1" /usr/share/initramfs-tools &&
		mkinitramfs -d "$2" -o "$3" "$KERNEL_VERSION"' gr \
		"$it" "$conf" "$1" >"$T_TMP/mkinitramfs.log" 2>&1 || {
		tail -20 "$T_TMP/mkinitramfs.log" >&2
		return 1
	}
}

# gr_dracut OUT MODULES... - dracut 059 without host-only probing, with
# our programs and units (GR_WHICH=debian: open-iscsi's).
gr_dracut() {
	local out=$1
	shift
	gr_in_ns dracut --force --no-hostonly --no-hostonly-cmdline \
		--no-early-microcode --gzip -m "$*" --add-drivers "$GR_MODULES" \
		--kver "$KERNEL_VERSION" "$out" >"$T_TMP/dracut.log" 2>&1 || {
		tail -20 "$T_TMP/dracut.log" >&2
		return 1
	}
}

# gr_resolve ROOT PATH - PATH (inside ROOT) with its symlinks followed
# inside ROOT: an absolute link target means ROOT/target, never the
# host's file.
gr_resolve() {
	local root=$1 p=$2 t i
	for i in 1 2 3 4 5 6 7 8; do
		[ -L "$p" ] || break
		t=$(readlink "$p")
		case $t in
		/*) p=$root$t ;;
		*) p=${p%/*}/$t ;;
		esac
	done
	echo "$p"
}

# gr_check_image NAME IMAGE PROGRAM... - unpack IMAGE: each PROGRAM must
# be there and be iscsibox; no other file may carry the name of a file of
# the open-iscsi packages unless it is byte for byte ours.
gr_check_image() {
	local name=$1 img=$2 x=$T_TMP/unpacked p f base ours bad=
	shift 2
	rm -rf "$x"
	unmkinitramfs "$img" "$x" || { t_fail "$name: cannot unpack"; return 1; }
	[ -d "$x/main" ] && x=$x/main
	for p in "$@"; do
		f=$(find "$x" -name "$p" \( -type f -o -type l \) | head -n 1)
		if [ -n "$f" ] && cmp -s "$(gr_resolve "$x" "$f")" "$ISCSIBOX"; then
			t_pass "$name: $p in the image is iscsibox"
		else
			t_fail "$name: $p in the image is not iscsibox (${f:-absent})"
		fi
	done
	for base in $(dpkg -L open-iscsi libopeniscsiusr 2>/dev/null |
		while read -r f; do [ -f "$f" ] && basename "$f"; done | sort -u); do
		case $base in
		copyright | changelog* | README* | NEWS* | THANKS) continue ;;
		esac
		while IFS= read -r f; do
			[ -n "$f" ] || continue
			f=$(gr_resolve "$x" "$f")
			ours=$(find "$GR_INST" -name "$base" -type f | head -n 1)
			cmp -s "$f" "$ISCSIBOX" && continue
			[ -n "$ours" ] && cmp -s "$f" "$ours" && continue
			bad="$bad ${f#$x}"
		done <<-EOF
			$(find "$x" -name "$base" \( -type f -o -type l \))
		EOF
	done
	t_check_eq "$name: no open-iscsi file in the image" "${bad# }" ""
}

# gr_boot NAME IMAGE PARAMS TARGET - boot, then check what the root's init saw:
# / on the disk of the one session (to TARGET), iscsid started and
# adopted it, the clean shutdown logged it out.
gr_boot() {
	local name=$1 img=$2 params=$3 target=$4 sid disk fails=$T_FAILS
	vm_run "$img" x "$params"
	t_check_rc "$name: qemu ran to power-off" $? 0
	[ "${E2E_VERBOSE:-0}" = 1 ] && vm_show_console 200
	t_check_eq "$name: one session" "$(vm_marker sessions)" 1
	sid=$(vm_markers | sed -n 's/^session\.\([0-9]*\)\.target=.*/\1/p' |
		head -n 1)
	t_check_eq "$name: the session is the root target's" \
		"$(vm_marker "session.$sid.target")" "$target"
	disk=$(vm_marker "session.$sid.disk")
	t_check_eq "$name: / is on the session's disk" \
		"$(vm_marker root_disk)" "${disk:-no disk}"
	t_check_eq "$name: iscsid started in the booted root" \
		"$(vm_marker iscsid_rc)/$(vm_marker iscsid_pidfile)" "0/live"
	t_check_eq "$name: iscsiadm -m session" \
		"$(tr -d '\r' <"$VM_LOG" | sed -n 's/^E2E-LOG: session: //p')" \
		"tcp: [$sid] $GR_PORTAL,1 $target (non-flash)"
	t_check_eq "$name: logout through iscsid at shutdown" \
		"$(vm_marker logout_rc)" 0
	t_check_eq "$name: its words" \
		"$(tr -d '\r' <"$VM_LOG" | sed -n 's/^E2E-LOG: logout: //p')" \
		"$(printf '%s\n' "Logging out of session [sid: $sid, target: $target, portal: ${GR_PORTAL%:*},${GR_PORTAL#*:}]" \
			"Logout of [sid: $sid, target: $target, portal: ${GR_PORTAL%:*},${GR_PORTAL#*:}] successful.")"
	t_check_eq "$name: no session after the logout" \
		"$(vm_marker sessions_after_logout)" 0
	[ "$T_FAILS" = "$fails" ] || vm_show_console 80
	return 0
}
