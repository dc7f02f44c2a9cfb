#!/bin/bash
# SPDX-License-Identifier: MIT
# setup.sh - prepare a fresh Debian 12 machine to build and test iscsibox.
#
#   1. installs every Debian package the build and the test suites use;
#   2. fetches the mbedtls 2.28.3 source from Debian's own archive (a
#      deb-src view of the configured mirror, kept in a private apt state
#      directory so the system's apt configuration is never changed),
#      checks its pinned sha256 and unpacks it for toolchain/mbedtls.cmake.
#
# Run as root.  Idempotent: finished steps are detected and skipped, so a
# second run does no network traffic.  ISCSIBOX_DEPS_DIR overrides where
# fetched sources go (default: <repo>/.deps).
set -euo pipefail

# ---------------------------------------------------------------------------
# PACKAGES - the one list of Debian packages the project needs.  Add yours
# here with a comment saying what uses it.
# ---------------------------------------------------------------------------
PACKAGES=(
	# build
	build-essential		# gcc, make, glibc headers: dev preset
	cmake			# >= 3.25, presets
	musl-tools musl-dev	# musl-gcc, musl's libc.a: static preset
	linux-libc-dev		# kernel uapi headers (netlink, ...)
	clang libclang-rt-dev	# fuzz preset: -fsanitize=fuzzer runtime
	python3			# test vector generators, compat scripts
	file			# size/static checks of the built binary
	llvm			# llvm-objcopy --strip-sections: static preset
	# integration / compat tests
	tgt			# tgtd: iSCSI target on 127.0.0.1
	open-iscsi		# the reference implementation, side by side
	open-isns-server	# isnsd: iSNS server on loopback (isns.test)
	open-isns-utils		# isnsadm: registers its targets and domains
	socat			# loopback plumbing in shell tests
	iproute2		# ip netns for isolated test networks
	util-linux		# unshare, lsblk, flock
	# e2e tests (Debian's kernel under qemu)
	qemu-system-x86		# the VM
	busybox-static		# initramfs userland
	cpio			# initramfs archive
	kmod			# depmod -n for the extracted kernel
	xz-utils		# unpacking the kernel image for qemu
	e2fsprogs		# mkfs.ext4: the demo disk (initramfs/demo.sh)
	initramfs-tools-core	# mkinitramfs: tests/e2e/gen_initramfs_tools
	dracut-core dracut-network	# dracut 059 + 95iscsi: tests/e2e/gen_dracut
	multipath-tools		# multipath + dmsetup in the guest: tests/e2e/multipath
)

MBEDTLS_VERSION=2.28.3
MBEDTLS_DEBVER=2.28.3-1
MBEDTLS_ORIG=mbedtls_${MBEDTLS_VERSION}.orig.tar.gz
# sha256 of Debian's orig tarball; apt also checks it against the signed
# Sources index, this pin keeps a later rebuild from silently changing it.
MBEDTLS_SHA256=3b4953aa55a681e084d31892d9904cc5328d6b4958ea57b90ae4b4f94ae69a8d

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DEPS=${ISCSIBOX_DEPS_DIR:-$REPO/.deps}

log() { printf 'setup: %s\n' "$*" >&2; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

# packages_missing - print the listed packages dpkg does not have installed
packages_missing() {
	local p
	for p in "${PACKAGES[@]}"; do
		dpkg-query -W -f='${db:Status-Status}\n' "$p" 2>/dev/null |
			grep -qx installed || printf '%s\n' "$p"
	done
}

install_packages() {
	local missing
	mapfile -t missing < <(packages_missing)
	if [ "${#missing[@]}" = 0 ]; then
		log "packages: all ${#PACKAGES[@]} installed"
		return 0
	fi
	[ "$(id -u)" = 0 ] ||
		die "packages missing, run as root: ${missing[*]}"
	log "packages: installing ${missing[*]}"
	DEBIAN_FRONTEND=noninteractive apt-get install -y \
		--no-install-recommends "${missing[@]}"
}

# mbedtls_ok DIR - true when DIR holds the unpacked, verified source
mbedtls_ok() {
	[ -f "$1/.iscsibox-sha256" ] &&
		[ "$(cat "$1/.iscsibox-sha256")" = "$MBEDTLS_SHA256" ] &&
		[ -f "$1/include/mbedtls/version.h" ]
}

# sha_ok FILE - true when FILE has the pinned hash
sha_ok() {
	[ -f "$1" ] &&
		[ "$(sha256sum "$1" | cut -d' ' -f1)" = "$MBEDTLS_SHA256" ]
}

# fetch_orig DLDIR - download the orig tarball with apt-get source.  The
# deb-src entry is derived from debian.sources and lives, together with the
# package lists it pulls, in a temporary directory passed to apt via -o, so
# /etc/apt and /var/lib/apt/lists are left exactly as they were.
fetch_orig() {
	local dl=$1 tmp src=/etc/apt/sources.list.d/debian.sources rc=0
	[ -r "$src" ] || die "$src not found: cannot derive a deb-src entry"
	tmp=$(mktemp -d)
	mkdir -p "$tmp/lists/partial" "$tmp/parts" "$tmp/src"
	sed 's/^Types:.*/Types: deb-src/' "$src" >"$tmp/parts/deb-src.sources"
	# _apt drops privileges for downloads: let it write there
	chown -R _apt "$tmp" 2>/dev/null || true
	chmod 755 "$tmp"
	local apt_opts=(
		-o "Dir::Etc::SourceList=/dev/null"
		-o "Dir::Etc::SourceParts=$tmp/parts"
		-o "Dir::State::Lists=$tmp/lists"
		-o "Dir::Cache::pkgcache=" -o "Dir::Cache::srcpkgcache="
	)
	log "mbedtls: fetching source package $MBEDTLS_DEBVER from Debian"
	# apt checks the files against the signed Sources index it fetched
	if apt-get -q "${apt_opts[@]}" update >&2 &&
		(cd "$tmp/src" && apt-get -q "${apt_opts[@]}" source \
			--download-only "mbedtls=$MBEDTLS_DEBVER" >&2) &&
		mv "$tmp/src/$MBEDTLS_ORIG" "$dl/"; then
		rc=0
	else
		rc=1
	fi
	rm -rf "$tmp"
	return $rc
}

fetch_mbedtls() {
	local dest=$DEPS/mbedtls-$MBEDTLS_VERSION dl=$DEPS/dl tmp
	if mbedtls_ok "$dest"; then
		log "mbedtls: $dest ready"
		return 0
	fi
	mkdir -p "$dl"
	if ! sha_ok "$dl/$MBEDTLS_ORIG"; then
		rm -f "$dl/$MBEDTLS_ORIG"
		fetch_orig "$dl" || die "mbedtls: apt-get source failed"
	fi
	sha_ok "$dl/$MBEDTLS_ORIG" ||
		die "mbedtls: $MBEDTLS_ORIG: sha256 is not $MBEDTLS_SHA256"
	# the tarball's top directory is GitHub's (Mbed-TLS-mbedtls-<commit>)
	tmp=$(mktemp -d "$DEPS/.unpack.XXXXXX")
	tar -xzf "$dl/$MBEDTLS_ORIG" -C "$tmp" --strip-components=1
	grep -q "MBEDTLS_VERSION_STRING *\"$MBEDTLS_VERSION\"" \
		"$tmp/include/mbedtls/version.h" 2>/dev/null ||
		{ rm -rf "$tmp"; die "mbedtls: not version $MBEDTLS_VERSION"; }
	printf '%s\n' "$MBEDTLS_SHA256" >"$tmp/.iscsibox-sha256"
	rm -rf "$dest"
	chmod 755 "$tmp"
	mv "$tmp" "$dest"
	log "mbedtls: unpacked to $dest"
}

install_packages
fetch_mbedtls
log "done"
