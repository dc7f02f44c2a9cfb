# SPDX-License-Identifier: MIT
# kernel.sh - the Debian 12 kernel for the e2e tests, fetched and unpacked
# once into a cache and never installed: the distribution's
# linux-image-<version>-amd64 package (apt-get download + dpkg-deb -x),
# the ELF vmlinux taken out of its bzImage (qemu boots it through PVH,
# which saves the in-guest decompression), and modules.dep computed with
# depmod -n because the package ships none.
# Sets KERNEL_VERSION, KERNEL_ROOT (unpacked package), KERNEL_VMLINUX,
# KERNEL_MODDEP (modules.dep text: "path: dep dep ...").

KERNEL_VERSION=
KERNEL_ROOT=
KERNEL_VMLINUX=
KERNEL_MODDEP=

# kernel_version - the version the linux-image-amd64 metapackage points at
# (e.g. 6.1.0-28-amd64), or $ISCSIBOX_KERNEL_VERSION when set.
kernel_version() {
	if [ -n "${ISCSIBOX_KERNEL_VERSION:-}" ]; then
		echo "$ISCSIBOX_KERNEL_VERSION"
		return 0
	fi
	apt-cache depends linux-image-amd64 2>/dev/null |
		sed -n 's/^ *Depends: linux-image-\([0-9].*-amd64\)$/\1/p' |
		head -n 1 | grep .
}

# kernel_extract_vmlinux BZIMAGE OUT - write the ELF kernel packed inside
# a bzImage. The payload is an xz stream (Debian builds with
# CONFIG_KERNEL_XZ); its magic FD '7zXZ' 00 is searched for and the first
# offset that decompresses to an ELF file wins. --single-stream stops at
# the end of the stream, ignoring the bzImage trailer behind it.
kernel_extract_vmlinux() {
	local bz=$1 out=$2 off
	for off in $(LC_ALL=C grep -obUaP '\xfd7zXZ\x00' "$bz" |
		cut -d: -f1); do
		tail -c +"$((off + 1))" "$bz" |
			xz -dc --single-stream >"$out.tmp" 2>/dev/null
		# tail dies of SIGPIPE when xz stops at the end of the stream:
		# only xz's status counts (callers may run with pipefail).
		[ "${PIPESTATUS[1]}" -eq 0 ] || continue
		if [ "$(od -An -tx1 -N4 "$out.tmp" | tr -d ' ')" = 7f454c46 ]
		then
			mv "$out.tmp" "$out"
			return 0
		fi
	done
	rm -f "$out.tmp"
	echo "kernel: no xz-compressed ELF found in $bz" >&2
	return 1
}

# kernel_fetch DIR VERSION - download and unpack the package into DIR/root.
kernel_fetch() {
	local dir=$1 ver=$2 deb
	mkdir -p "$dir/dl" || return 1
	(cd "$dir/dl" && apt-get download -q "linux-image-$ver" >&2) ||
		{ echo "kernel: apt-get download linux-image-$ver failed" >&2
		  return 1; }
	deb=$(ls "$dir"/dl/linux-image-"$ver"_*.deb | head -n 1)
	rm -rf "$dir/root.tmp"
	dpkg-deb -x "$deb" "$dir/root.tmp" || return 1
	mv "$dir/root.tmp" "$dir/root" && rm -f "$deb"
}

# kernel_prepare - make sure the cache holds everything and set the
# KERNEL_* variables. Safe to call from parallel tests (flock).
kernel_prepare() {
	local base ver dir
	base=${ISCSIBOX_DEPS_DIR:-${ISCSIBOX_SRC:?}/.deps}/kernel
	ver=$(kernel_version) || { echo "kernel: no version" >&2; return 1; }
	dir="$base/$ver"
	mkdir -p "$dir" || return 1
	(
		flock 9 || exit 1
		if [ ! -d "$dir/root" ]; then
			kernel_fetch "$dir" "$ver" || exit 1
		fi
		if [ ! -s "$dir/vmlinux" ]; then
			kernel_extract_vmlinux "$dir/root/boot/vmlinuz-$ver" \
				"$dir/vmlinux" || exit 1
		fi
		if [ ! -s "$dir/modules.dep" ]; then
			depmod -b "$dir/root" -n "$ver" 2>/dev/null |
				sed -n '/^[^#].*\.ko[^:]*:/p' >"$dir/dep.tmp" &&
				[ -s "$dir/dep.tmp" ] &&
				mv "$dir/dep.tmp" "$dir/modules.dep" || exit 1
		fi
	) 9>"$dir/.lock" || return 1
	KERNEL_VERSION=$ver
	KERNEL_ROOT="$dir/root"
	KERNEL_VMLINUX="$dir/vmlinux"
	KERNEL_MODDEP="$dir/modules.dep"
}
