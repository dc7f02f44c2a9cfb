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

/* fs_read_file into a caller's buffer *buf of *cap bytes, grown (realloc)
 * when the file needs more, so one buffer serves many reads. */
int fs_read_into(const char *path, size_t max, char **buf, size_t *cap,
		 size_t *len);

/* Replace path with data: write "<dir>/.<base>.tmpXXXXXX" with mode,
 * fsync, rename over path, fsync the directory.  On error the temp file is
 * removed and path is untouched.  The leading '.' keeps a temp file that a
 * killed writer left from ever looking like a record (open-iscsi never
 * makes dot files, and the node walk skips them); such leftovers beside
 * path are removed first (not in a batch: a command that rewrites many
 * records sweeps them once, idbm_dir.h), so callers must hold the
 * database lock. */
int fs_write_atomic(const char *path, const void *data, size_t len,
		    mode_t mode);

/* Length of the ".tmpXXXXXX" suffix of temp files. */
#define FS_TMP_SUFFIX_LEN 10

/* True for a name fs_write_atomic uses for its temp files. */
int fs_is_temp_name(const char *name);

/* Batched replacement, for commands that rewrite many records.  Between
 * fs_batch_begin() and fs_batch_end(), fs_write_atomic writes each temp
 * file without fsync and queues its rename.  fs_batch_end(1) syncs the
 * file system once (syncfs), renames every temp over its path in order,
 * and syncs once more (for a few files it fsyncs each temp, renames it
 * and fsyncs its directory instead); fs_batch_end(0) removes the temps.
 *
 * The guarantee is unchanged: a rename still happens only after its data
 * is on disk, so after a kill -9 or a power loss each record is the old
 * or the new one (a crash before the renames leaves only dot-named temp
 * files, cleaned by the next write).  What it trades is the size of the
 * step: a command is no longer "some records done, the rest not" per
 * fsync but two syncs for all, and syncfs also flushes unrelated dirty
 * data on that file system.  One fsync per file made updating 10,000
 * records take minutes; two syncs take well under a second.
 * Returns 0 or the first -errno; process-wide, not thread-safe. */
void fs_batch_begin(void);
int fs_batch_end(int commit);

/* Test hook: called between the temp file's fsync and the rename; a
 * non-zero return aborts the write with that value (a negative errno).
 * Process-wide; tests only.  NULL restores normal behaviour. */
void fs_set_commit_hook(int (*hook)(const char *tmp, const char *path));

#endif
