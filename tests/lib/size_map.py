#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# size_map.py - where the bytes of a static iscsibox go, from a GNU ld link
# map (-Wl,-Map) of a build WITHOUT LTO (LTO merges every file into a few
# partitions and hides the origin of each function).
#
#   size_map.py MAP SRCDIR [TOP]
#
# Prints the bytes each component loads (text, rodata, data; not bss) -
# musl, mbedtls, applets/, core/, transport/, firmware/, other (crt,
# libgcc) - then the TOP (default 25) largest functions/objects with their
# component, then the largest musl members and what pulled each in.
import collections
import os
import re
import sys

LOADED = ('.text', '.rodata', '.data', '.data.rel.ro', '.init', '.fini',
          '.init_array', '.fini_array', '.tdata', '.eh_frame', '.got')
SECTION = re.compile(r'^ (\.\S+|COMMON)?\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S.*)$')
ALONE = re.compile(r'^ (\.\S+|COMMON)$')
MEMBER = re.compile(r'^(\S+)\((\S+)\)$')


def source_dirs(srcdir):
    """basename of each .c in the product's directories -> directory"""
    dirs = {}
    for d in ('applets', 'core', 'transport', 'firmware'):
        for name in os.listdir(os.path.join(srcdir, d)):
            if name.endswith('.c'):
                dirs[name] = d + '/'
    return dirs


def component(obj, dirs):
    m = MEMBER.match(obj)
    lib, member = (m.group(1), m.group(2)) if m else (obj, '')
    base = os.path.basename(lib)
    if base == 'libc.a':
        return 'musl', member
    if base.startswith('libmbedcrypto'):
        return 'mbedtls', member
    if base.startswith('libiscsicore'):
        return dirs.get(member[:-2] if member.endswith('.o') else member,
                        'core/'), member
    for d in ('applets/', 'core/', 'transport/', 'firmware/'):
        if '/' + d in obj:
            return d, os.path.basename(obj)
    return 'other', os.path.basename(obj)


def parse(path):
    """(output section, input section, size, object) of each loaded piece"""
    lines = open(path, encoding='utf-8', errors='replace').read().split('\n')
    start = next(i for i, l in enumerate(lines)
                 if l.startswith('Linker script and memory map'))
    pulled = {}
    for i in range(start):
        m = MEMBER.match(lines[i].strip())
        if m and i + 1 < len(lines) and lines[i + 1].startswith(' '):
            why = lines[i + 1].split()
            pulled[m.group(2)] = (os.path.basename(why[0].split('(')[-1]
                                  .rstrip(')')) if why else '?',
                                  why[-1] if why else '?')
    out, sec, pend = [], None, None
    for line in lines[start:]:
        if line and not line.startswith(' '):
            sec = line.split()[0]
            continue
        m = SECTION.match(line)
        if m:
            name = m.group(1) or pend
            pend = None
            size = int(m.group(3), 16)
            if size and sec in LOADED:
                out.append((sec, name, size, m.group(4)))
            continue
        m = ALONE.match(line)
        if m:
            pend = m.group(1)
    return out, pulled


def main():
    path, srcdir = sys.argv[1], sys.argv[2]
    top = int(sys.argv[3]) if len(sys.argv) > 3 else 25
    dirs = source_dirs(srcdir)
    pieces, pulled = parse(path)
    comp = collections.Counter()
    syms = collections.Counter()
    members = collections.Counter()
    for sec, name, size, obj in pieces:
        c, member = component(obj, dirs)
        comp[c] += size
        sym = name
        for p in ('.text.', '.rodata.', '.data.rel.ro.', '.data.'):
            if name and name.startswith(p):
                sym = name[len(p):]
                break
        syms[(sym, c, member)] += size
        if c == 'musl':
            members[member] += size
    total = sum(comp.values())
    print('%-12s %9s %6s' % ('component', 'bytes', 'share'))
    for c in ('musl', 'mbedtls', 'applets/', 'core/', 'transport/',
              'firmware/', 'other'):
        print('%-12s %9d %5.1f%%' % (c, comp[c], 100.0 * comp[c] / total))
    print('%-12s %9d' % ('sections', total))
    print()
    print('largest %d functions and objects' % top)
    print('%9s  %-40s %s' % ('bytes', 'symbol', 'where'))
    for (sym, c, member), size in syms.most_common(top):
        print('%9d  %-40s %s %s' % (size, sym[:40], c, member))
    print()
    print('largest musl members, and what pulled each in')
    for member, size in members.most_common(top):
        who, sym = pulled.get(member, ('?', '?'))
        print('%9d  %-22s %s %s' % (size, member, who, sym))


if __name__ == '__main__':
    main()
