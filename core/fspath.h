/* SPDX-License-Identifier: MIT */
/* fspath.h - realpath() without the C library's: the sysfs readers
 * resolve links of the session and device tree, and musl's realpath
 * (with getcwd) is ~1.6 KB for what a short loop over readlink() does. */
#ifndef ISCSIBOX_FSPATH_H
#define ISCSIBOX_FSPATH_H

/* What realpath(path, out) does: out (PATH_MAX bytes) gets the absolute
 * path with every symbolic link, "." and ".." resolved; every component
 * must exist.  0 or -errno (ENOENT, ENOTDIR, ELOOP, ENAMETOOLONG, ...). */
int fs_realpath(const char *path, char *out);

#endif
