/* SPDX-License-Identifier: MIT */
/* fsutil.h - file helpers for the node database: bounded whole-file reads,
 * mkdir -p, and crash-safe replacement (temp file in the same directory,
 * fsync, rename, fsync of the directory) so a reader sees either the old
 * or the new record, never a torn one.  All return 0 or -errno. */
#ifndef ISCSIBOX_FSUTIL_H
#define ISCSIBOX_FSUTIL_H

#include <stddef.h>
#include <sys/types.h>

/* Create path and missing parents with mode (existing dirs are fine). */
int fs_mkdirs(const char *path, mode_t mode);

/* Read all of path into a malloc'd buffer (caller frees *data), NUL
 * terminated for convenience.  Files larger than max give -EFBIG. */
int fs_read_file(const char *path, size_t max, char **data, size_t *len);

/* Replace path with data: write "<path>.tmpXXXXXX" with mode, fsync, rename
 * over path, fsync the directory.  On error the temp file is removed and
 * path is untouched. */
int fs_write_atomic(const char *path, const void *data, size_t len,
		    mode_t mode);

/* Test hook: called between the temp file's fsync and the rename; a
 * non-zero return aborts the write with that value (a negative errno).
 * Process-wide; tests only.  NULL restores normal behaviour. */
void fs_set_commit_hook(int (*hook)(const char *tmp, const char *path));

#endif
