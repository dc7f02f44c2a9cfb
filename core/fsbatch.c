/* SPDX-License-Identifier: MIT */
/* fsbatch.c - crash-safe replacement of many files at once, in rounds
 * that reuse the replaced inodes as the next round's temp files (the
 * scheme and its guarantee: fsutil.h). */
#include "core/fsutil.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define FS_BATCH_FEW 8		/* up to this many files: fsync each */
#define FS_RENAME_EXCHANGE (1 << 1)	/* renameat2() flag (linux/fs.h) */

/* A queued write: its text, and the temp name it is staged under. */
struct fs_pending {
	char *path;
	char *data;
	size_t len;
	mode_t mode;
	char *tmp;
	int replaces;		/* path existed when queued */
};

static struct {
	int on;
	int all_replace;	/* FS_BATCH_REPLACE */
	int rounds;		/* rounds written so far */
	int err;		/* first failure; the batch is dead then */
	char *syncdir;		/* a directory on the batch's file system */
	size_t n, cap;
	size_t nrep;		/* queued files that replace one */
	struct fs_pending *v;
	size_t nc, ccap;	/* carriers: temp names holding old files */
	char **carrier;
} fs_batch;

int fs_batch_active(void)
{
	return fs_batch.on;
}

void fs_batch_begin(unsigned flags)
{
	fs_batch.on = 1;
	fs_batch.all_replace = !!(flags & FS_BATCH_REPLACE);
}

/* fsync the file at path, or with whole_fs syncfs the file system that
 * holds it. */
static int fs_sync_path(const char *path, int whole_fs)
{
	int rc = 0, fd = openat(AT_FDCWD, path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	if (whole_fs ? syncfs(fd) : fsync(fd))
		rc = -errno;
	close(fd);
	return rc;
}

/* syncfs of the batch's file system (every file of a batch is on the
 * database's). */
static int fs_batch_syncfs(void)
{
	return fs_sync_path(fs_batch.syncdir, 1);
}

/* Put p's text under a temp name: the last carrier, overwritten in
 * place (its blocks are kept), or a new temp file beside p->path. */
static int fs_batch_stage(struct fs_pending *p)
{
	char tmp[PATH_MAX];
	int fd, rc;

	if (fs_batch.nc) {
		p->tmp = fs_batch.carrier[--fs_batch.nc];
		fd = openat(AT_FDCWD, p->tmp, O_WRONLY | O_NOFOLLOW |
			    O_CLOEXEC);
		if (fd < 0)
			return -errno;
		rc = fchmod(fd, p->mode) ? -errno : 0;
		if (!rc)
			rc = fs_write_all(fd, p->data, p->len);
		if (!rc && ftruncate(fd, (off_t)p->len))
			rc = -errno;
		if (close(fd) && !rc)
			rc = -errno;
		return rc;
	}
	rc = fs_temp_write(p->path, p->data, p->len, p->mode, 0, tmp,
			   sizeof(tmp));
	if (!rc && !(p->tmp = strdup(tmp))) {
		unlink(tmp);
		rc = -ENOMEM;
	}
	return rc;
}

static int fs_batch_carrier_add(char *tmp)
{
	if (fs_batch.nc == fs_batch.ccap) {
		size_t cap = fs_batch.ccap ? fs_batch.ccap * 2 : 64;
		char **v = realloc(fs_batch.carrier, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		fs_batch.carrier = v;
		fs_batch.ccap = cap;
	}
	fs_batch.carrier[fs_batch.nc++] = tmp;
	return 0;
}

/* Move p's staged temp file to p->path.  Not last: swap them, and the
 * temp name (now the old file) becomes a carrier; a path that is not
 * there yet, or a file system without the swap, takes a plain rename. */
static int fs_batch_commit(struct fs_pending *p, int last)
{
	int rc = fs_commit_check(p->tmp, p->path);

	if (rc)
		return rc;
	if (!last && p->replaces &&
	    !syscall(SYS_renameat2, AT_FDCWD, p->tmp, AT_FDCWD, p->path,
		     FS_RENAME_EXCHANGE)) {
		rc = fs_batch_carrier_add(p->tmp);
		if (rc)
			return rc;	/* the old file stays as a temp */
		p->tmp = NULL;
		return 0;
	}
	if (!last && p->replaces && errno != ENOENT && errno != EINVAL &&
	    errno != ENOSYS)
		return -errno;
	if (rename(p->tmp, p->path))
		return -errno;
	free(p->tmp);
	p->tmp = NULL;
	return 0;
}

static void fs_pending_drop(struct fs_pending *p)
{
	if (p->tmp) {
		unlink(p->tmp);
		free(p->tmp);
	}
	free(p->path);
	free(p->data);
}

/* Write the queue: stage, sync, commit (fsutil.h steps 1-4). */
static int fs_batch_round(int last)
{
	char dir[PATH_MAX];
	int few = last && !fs_batch.rounds && fs_batch.n <= FS_BATCH_FEW;
	int rc = 0;

	/* the swaps that made the carriers must be on disk first */
	if (fs_batch.nc)
		rc = fs_batch_syncfs();
	for (size_t i = 0; i < fs_batch.n && !rc; i++)
		rc = fs_batch_stage(&fs_batch.v[i]);
	for (size_t i = 0; few && i < fs_batch.n && !rc; i++)
		rc = fs_sync_path(fs_batch.v[i].tmp, 0);
	if (!few && !rc)
		rc = fs_batch_syncfs();
	for (size_t i = 0; i < fs_batch.n; i++) {
		struct fs_pending *p = &fs_batch.v[i];

		if (!rc)
			rc = fs_batch_commit(p, last);
		if (!rc && few) {
			fs_split(p->path, dir, sizeof(dir));
			fs_fsync_dir(dir);
		}
		fs_pending_drop(p);
	}
	fs_batch.n = 0;
	fs_batch.nrep = 0;
	fs_batch.rounds++;
	return rc;
}

int fs_batch_queue(const char *path, const void *data, size_t len,
		   mode_t mode)
{
	struct fs_pending *p;
	char dir[PATH_MAX];

	if (fs_batch.err)
		return fs_batch.err;
	if (!fs_batch.syncdir) {
		fs_split(path, dir, sizeof(dir));
		if (!(fs_batch.syncdir = strdup(dir)))
			return -ENOMEM;
	}
	if (fs_batch.n == fs_batch.cap) {
		size_t cap = fs_batch.cap ? fs_batch.cap * 2 : 64;

		p = realloc(fs_batch.v, cap * sizeof(*p));
		if (!p)
			return -ENOMEM;
		fs_batch.v = p;
		fs_batch.cap = cap;
	}
	p = &fs_batch.v[fs_batch.n];
	memset(p, 0, sizeof(*p));
	p->path = strdup(path);
	p->data = malloc(len ? len : 1);
	if (!p->path || !p->data) {
		fs_pending_drop(p);
		return -ENOMEM;
	}
	memcpy(p->data, data, len);
	p->len = len;
	p->mode = mode;
	/* under the database lock: the answer holds until the commit (and
	 * a wrong one only costs a swap or a free, never the guarantee) */
	p->replaces = fs_batch.all_replace || !access(path, F_OK);
	fs_batch.nrep += (size_t)p->replaces;
	fs_batch.n++;
	if (fs_batch.nrep == FS_BATCH_ROUND || fs_batch.n == FS_BATCH_MAX)
		fs_batch.err = fs_batch_round(0);
	return fs_batch.err;
}

int fs_batch_end(int commit)
{
	int rc = fs_batch.err, synced = 0;

	if (commit && !rc && fs_batch.n) {
		synced = !fs_batch.rounds && fs_batch.n <= FS_BATCH_FEW;
		rc = fs_batch_round(1);
	}
	for (size_t i = 0; i < fs_batch.n; i++)
		fs_pending_drop(&fs_batch.v[i]);
	for (size_t i = 0; i < fs_batch.nc; i++) {
		unlink(fs_batch.carrier[i]);
		free(fs_batch.carrier[i]);
	}
	/* the renames (or swaps) and unlinks durable */
	if (commit && !rc && fs_batch.rounds && !synced)
		rc = fs_batch_syncfs();
	free(fs_batch.v);
	free(fs_batch.carrier);
	free(fs_batch.syncdir);
	memset(&fs_batch, 0, sizeof(fs_batch));
	return commit ? rc : 0;
}
