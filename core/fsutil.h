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
 * records sweeps them once, idbm_db.h), so callers must hold the
 * database lock. */
int fs_write_atomic(const char *path, const void *data, size_t len,
		    mode_t mode);

/* Length of the ".tmpXXXXXX" suffix of temp files. */
#define FS_TMP_SUFFIX_LEN 10

/* True for a name fs_write_atomic uses for its temp files. */
int fs_is_temp_name(const char *name);

/* Batched replacement, for commands that rewrite many records
 * (fsbatch.c).  Between fs_batch_begin() and fs_batch_end(),
 * fs_write_atomic queues the text (a copy) and returns; the queue is
 * written in rounds of up to FS_BATCH_ROUND files that replace one (new
 * files free nothing, so they do not end a round: a round ends at
 * FS_BATCH_MAX files in all, the memory the queued texts may take):
 *   1. each text goes into a temp file (".<base>.tmpXXXXXX"): a "carrier"
 *      left by the last round when there is one, else a new temp file
 *      beside its path;
 *   2. one syncfs (for a batch of a few files: fsync of each);
 *   3. each temp file is swapped with its path (renameat2
 *      RENAME_EXCHANGE): the path now names the new record, and the temp
 *      name the old one, which becomes a carrier for the next round; a
 *      path that does not exist yet is simply renamed to;
 *   4. before a carrier is overwritten, one syncfs makes the swaps that
 *      freed it durable.
 * The last round renames over its paths, fs_batch_end(1) unlinks the
 * carriers left and syncs once more; fs_batch_end(0) drops the queue and
 * the carriers.
 *
 * Why carriers: replacing a file frees the old file's blocks, and on an
 * ext4 without a journal mounted with -o discard every freed block is a
 * synchronous discard in the caller (~0.3-1 ms: most of an update of
 * 10,000 records).  Reusing the replaced inodes as the next round's temp
 * files frees at most FS_BATCH_ROUND of them whatever the batch's size.
 * The round's size trades those frees against syncs (two a round): each
 * made file is one free, so 1,000 records in rounds of 512 paid 512
 * discards (1.0-2.0 s there, slower than open-iscsi's unsynced rewrite)
 * and in rounds of 128 pay 128 (0.4-0.6 s); at 10,000 records, and on a
 * journalled ext4 without discard, 128 is as fast as 512 or faster.
 *
 * The guarantee is unchanged: a path only ever names the old inode or a
 * temp file whose data was synced before the swap, and a carrier is only
 * written under its temp name, once no path can name it even after a
 * power loss; after a kill -9 or a power loss each record is the old or
 * the new one, and the leftovers are dot-named temp files the next write
 * removes.  syncfs also flushes unrelated dirty data on that file system.
 * Returns 0 or the first -errno (a write's errors may surface at a later
 * fs_write_atomic of the batch or at fs_batch_end); process-wide, not
 * thread-safe. */
#define FS_BATCH_ROUND 128
#define FS_BATCH_MAX 1024
/* flags: FS_BATCH_REPLACE when every path exists (an update): each is
 * then counted as replacing one without asking the file system. */
#define FS_BATCH_REPLACE 0x1
void fs_batch_begin(unsigned flags);
int fs_batch_end(int commit);

/* For fsutil.c and fsbatch.c only. */
int fs_batch_active(void);
int fs_batch_queue(const char *path, const void *data, size_t len,
		   mode_t mode);
/* Write data to a new temp file beside path (its name into tmp), with
 * mode, fsync'd when sync; on error nothing is left. */
int fs_temp_write(const char *path, const void *data, size_t len,
		  mode_t mode, int sync, char *tmp, size_t tmpsz);
int fs_write_all(int fd, const char *p, size_t len);
/* Split path into its directory (dir, "." when none) and base name. */
const char *fs_split(const char *path, char *dir, size_t dirsz);
void fs_fsync_dir(const char *dir);
/* The test hook's verdict on committing tmp over path (0: go on). */
int fs_commit_check(const char *tmp, const char *path);

/* Test hook: called between the temp file's fsync and the rename; a
 * non-zero return aborts the write with that value (a negative errno).
 * Process-wide; tests only.  NULL restores normal behaviour. */
void fs_set_commit_hook(int (*hook)(const char *tmp, const char *path));

#endif
