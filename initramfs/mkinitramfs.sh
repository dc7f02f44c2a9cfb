#!/bin/bash
# SPDX-License-Identifier: MIT
# mkinitramfs.sh - build the small initramfs the qemu tests boot: an
# uncompressed newc cpio holding busybox (static) with its applet links,
# kernel modules from an unpacked kernel tree in the order of a list, an
# /init, and extra programs. A dynamic program is copied with the shared
# libraries ldd names (so Debian's own iscsistart runs as a reference);
# static ones are copied alone. The archive is reproducible: sorted names,
# owner 0:0, every mtime 0, device-independent inode numbers.
#
# usage: mkinitramfs.sh -o OUT -k ROOT -V VERSION [-D MODULES.DEP]
#                       [-m LIST]... [-i INIT] [-b PROG[:DEST]]...
#                       [-f SRC:DEST]... [-l TARGET:LINK]...
#   -o OUT      archive to write
#   -k ROOT     unpacked kernel package (ROOT/lib/modules/VERSION/...)
#   -V VERSION  kernel release
#   -D FILE     modules.dep text; default: computed with depmod -n
#   -m LIST     module list (default: modules.list beside this script);
#               repeat to append lists; "-m none" loads no modules
#   -i INIT     the /init to use (default: init.sh beside this script)
#   -b PROG     program to copy to /bin/NAME or DEST
#   -f SRC:DEST extra file
#   -l T:LINK   symbolic link LINK -> T (e.g. /bin/iscsibox:/sbin/iscsistart
#               for a multicall binary; T is stored as given)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
out= root= kver= moddep= init="$here/init.sh"
lists=() progs=() files=() links=()

die() {
	echo "mkinitramfs: $*" >&2
	exit 1
}

while getopts o:k:V:D:m:i:b:f:l: opt; do
	case $opt in
	o) out=$OPTARG ;;
	k) root=$OPTARG ;;
	V) kver=$OPTARG ;;
	D) moddep=$OPTARG ;;
	m) lists+=("$OPTARG") ;;
	i) init=$OPTARG ;;
	b) progs+=("$OPTARG") ;;
	f) files+=("$OPTARG") ;;
	l) links+=("$OPTARG") ;;
	*) die "bad option (see the header of $0)" ;;
	esac
done
[ -n "$out" ] || die "-o OUT is required"
[ ${#lists[@]} -gt 0 ] || lists=("$here/modules.list")
# "-m none" alone: an image without modules
[ "${lists[*]}" = none ] && lists=()

stage=$(mktemp -d "${TMPDIR:-/tmp}/mkinitramfs.XXXXXX")
trap 'rm -rf -- "$stage"' EXIT

# put SRC DEST - copy one file into the image, dereferencing links.
put() {
	mkdir -p "$stage/$(dirname "$2")"
	cp -L "$1" "$stage/$2"
}

# put_prog PROG DEST - the program and, if dynamic, its loader and libs.
put_prog() {
	local prog=$1 dest=$2 lib libs
	[ -f "$prog" ] || die "no such program: $prog"
	put "$prog" "$dest"
	chmod 755 "$stage/$dest"
	# ldd prints "name => /path (addr)" for libraries and "/path (addr)"
	# for the loader; the vdso has no path and a static file no list.
	libs=$(ldd "$prog" 2>/dev/null |
		sed -n 's/^[^/]*\(\/[^ ]*\) (0x.*/\1/p') || libs=
	for lib in $libs; do
		[ -e "$stage/$lib" ] || put "$lib" "$lib"
	done
}

# norm NAME - module name as the kernel sees it ("-" -> "_").
norm() { echo "${1//-/_}"; }

# module_path NAME - its path in modules.dep (relative to the modules
# directory), matched on the normalised file name.
module_path() {
	awk -v n="$1" -F: '{
		b = $1; sub(/.*\//, "", b); sub(/\.ko.*/, "", b)
		gsub(/-/, "_", b)
		if (b == n) { print $1; exit } }' "$moddep"
}

# module_deps PATH - the normalised names PATH depends on.
module_deps() {
	local dep base
	for dep in $(grep -m1 "^$1:" "$moddep" | cut -d: -f2); do
		base=$(basename "$dep")
		norm "${base%%.ko*}"
	done
}

# add_modules - copy each listed module, in order, after checking that
# everything it depends on is already loaded by an earlier line.
add_modules() {
	local list name path dep loaded=" " n=0 file
	: >"$stage/lib/modules/load.list"
	[ ${#lists[@]} -gt 0 ] || return 0
	[ -n "$root" ] && [ -n "$kver" ] || die "-k ROOT and -V VERSION needed"
	if [ -z "$moddep" ]; then
		moddep="$stage/modules.dep"
		depmod -b "$root" -n "$kver" 2>/dev/null >"$moddep" ||
			die "depmod failed"
	fi
	for list in "${lists[@]}"; do
		for name in $(sed 's/#.*//' "$list"); do
			name=$(norm "$name")
			[[ $loaded == *" $name "* ]] && continue
			path=$(module_path "$name")
			[ -n "$path" ] || die "module $name not in modules.dep"
			[[ $path == *.ko ]] ||
				die "$path: busybox insmod needs a plain .ko"
			for dep in $(module_deps "$path"); do
				[[ $loaded == *" $dep "* ]] ||
					die "$name needs $dep loaded before it"
			done
			loaded="$loaded$name "
			n=$((n + 1))
			file="$(printf '%02d' $n)-$name.ko"
			put "$root/lib/modules/$kver/$path" "lib/modules/$file"
			echo "$file" >>"$stage/lib/modules/load.list"
		done
	done
}

mkdir -p "$stage"/{bin,dev,etc,lib/modules,proc,root,run,sys,tmp,usr}
for d in sbin usr/bin usr/sbin; do
	ln -s "$( [ "$d" = sbin ] && echo bin || echo ../bin)" "$stage/$d"
done
bb=$(command -v busybox) || die "busybox not found (busybox-static)"
ldd "$bb" >/dev/null 2>&1 && die "$bb is dynamic; install busybox-static"
put "$bb" bin/busybox
for a in $("$bb" --list); do
	[ -e "$stage/bin/$a" ] || ln -s busybox "$stage/bin/$a"
done
mknod -m 600 "$stage/dev/console" c 5 1
mknod -m 666 "$stage/dev/null" c 1 3

add_modules
rm -f "$stage/modules.dep"

put "$init" init
chmod 755 "$stage/init"
for p in "${progs[@]}"; do
	case $p in
	*:*) put_prog "${p%%:*}" "${p#*:}" ;;
	*) put_prog "$p" "bin/$(basename "$p")" ;;
	esac
done
for f in "${files[@]}"; do
	[[ $f == *:* ]] || die "-f wants SRC:DEST, got $f"
	put "${f%%:*}" "${f#*:}"
done
for l in "${links[@]}"; do
	[[ $l == *:* ]] || die "-l wants TARGET:LINK, got $l"
	mkdir -p "$stage/$(dirname "${l#*:}")"
	ln -sfn "${l%%:*}" "$stage/${l#*:}"
done

find "$stage" -mindepth 1 -exec touch -h -d @0 {} +
(cd "$stage" && find . -mindepth 1 | LC_ALL=C sort |
	cpio -o -H newc -R 0:0 --reproducible --quiet) >"$out.tmp"
mv "$out.tmp" "$out"
