/* SPDX-License-Identifier: MIT */
/* fsdir.c - sorted directory listings (see fsdir.h): getdents64 straight
 * into a stack buffer, names packed into one reused arena. */
#include "core/fsdir.h"
#include "core/fsutil.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FS_DIR_CHUNK 8192	/* getdents64 buffer: ~150 typical entries */

void fs_dir_free(struct fs_dir *d)
{
	free(d->v);
	free(d->names);
	memset(d, 0, sizeof(*d));
}

/* Shell sort by name (gaps n/2, n/4, ... 1): a few lines instead of
 * qsort; directories hold at most some thousands of entries. */
static void fs_dir_sort(struct fs_dir *d)
{
	struct fs_dirent t;
	size_t gap, i, j;

	for (gap = d->n / 2; gap; gap /= 2)
		for (i = gap; i < d->n; i++) {
			t = d->v[i];
			for (j = i; j >= gap &&
				    strcmp(d->v[j - gap].name, t.name) > 0;
			     j -= gap)
				d->v[j] = d->v[j - gap];
			d->v[j] = t;
		}
}

/* Append one entry: its name goes into the arena, and v[n].name holds
 * the name's offset until fs_dir_fill turns offsets into pointers (the
 * arena may move while it grows). */
static int fs_dir_add(struct fs_dir *d, const char *name, size_t len,
		      unsigned char type)
{
	if (d->n == d->vcap) {
		size_t cap = d->vcap ? d->vcap * 2 : 16;
		struct fs_dirent *v = realloc(d->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		d->v = v;
		d->vcap = cap;
	}
	if (d->nused + len + 1 > d->ncap) {
		size_t cap = d->ncap ? d->ncap * 2 : 1024;
		char *b;

		while (cap < d->nused + len + 1)
			cap *= 2;
		b = realloc(d->names, cap);
		if (!b)
			return -ENOMEM;
		d->names = b;
		d->ncap = cap;
	}
	memcpy(d->names + d->nused, name, len + 1);
	d->v[d->n].type = type;
	d->v[d->n].name = (char *)(uintptr_t)d->nused;
	d->nused += len + 1;
	d->n++;
	return 0;
}

/* Take the getdents64 records in buf[0..got): each is bounded before
 * use.  0, -EIO for a malformed record, or -ENOMEM. */
static int fs_dir_take(int fd, struct fs_dir *d, const char *buf,
		       size_t got, unsigned flags)
{
	const size_t hdr = offsetof(struct dirent, d_name);
	size_t off = 0;
	int rc = 0;

	while (!rc && off < got) {
		const struct dirent *e = (const struct dirent *)(buf + off);
		size_t room, len;

		if (got - off <= hdr || e->d_reclen <= hdr ||
		    e->d_reclen > got - off)
			return -EIO;
		room = e->d_reclen - hdr;
		len = strnlen(e->d_name, room);
		off += e->d_reclen;
		if (len == room || !strcmp(e->d_name, ".") ||
		    !strcmp(e->d_name, ".."))
			continue;
		if (fs_is_temp_name(e->d_name)) {
			if (flags & FS_DIR_SWEEP)
				unlinkat(fd, e->d_name, 0);
			continue;
		}
		if ((flags & FS_DIR_NODOT) && e->d_name[0] == '.')
			continue;
		rc = fs_dir_add(d, e->d_name, len, e->d_type);
	}
	return rc;
}

/* The entries of the open directory fd, sorted unless FS_DIR_UNSORTED.
 * 0 or -errno (d emptied and its storage freed then). */
static int fs_dir_fill(int fd, struct fs_dir *d, unsigned flags)
{
	char buf[FS_DIR_CHUNK] __attribute__((aligned(8)));
	ssize_t got;
	int rc = 0;

	d->n = 0;
	d->nused = 0;
	while (!rc) {
		got = getdents64(fd, (struct dirent *)buf, sizeof(buf));
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) {
			rc = got < 0 ? -errno : 0;
			break;
		}
		rc = fs_dir_take(fd, d, buf, (size_t)got, flags);
	}
	if (rc) {
		fs_dir_free(d);
		return rc;
	}
	for (size_t i = 0; i < d->n; i++)
		d->v[i].name = d->names + (uintptr_t)d->v[i].name;
	if (!(flags & FS_DIR_UNSORTED))
		fs_dir_sort(d);
	return 0;
}

int fs_dir_read_flags(int dfd, const char *name, struct fs_dir *d, int *fd,
		      unsigned flags)
{
	int rc, dirfd_;

	d->n = 0;
	dirfd_ = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dirfd_ < 0) {
		if (fd)
			*fd = -1;
		return -errno;
	}
	rc = fs_dir_fill(dirfd_, d, flags);
	if (rc || !fd)
		close(dirfd_);
	if (fd)
		*fd = rc ? -1 : dirfd_;
	return rc;
}

int fs_dir_read(const char *path, struct fs_dir *d)
{
	return fs_dir_read_flags(AT_FDCWD, path, d, NULL, 0);
}

int fs_dir_read_at(int dfd, const char *name, struct fs_dir *d, int *fd)
{
	return fs_dir_read_flags(dfd, name, d, fd, 0);
}
