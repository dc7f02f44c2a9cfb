/* SPDX-License-Identifier: MIT */
/* fsdir.c - sorted directory listings (see fsdir.h). */
#include "core/fsdir.h"
#include "core/fsutil.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void fs_dir_free(struct fs_dir *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->v[i].name);
	free(d->v);
	d->v = NULL;
	d->n = 0;
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

/* Entries of dp, sorted unless FS_DIR_UNSORTED; closes dp.  0 or -errno
 * (d empty then). */
static int fs_dir_fill(DIR *dp, struct fs_dir *d, unsigned flags)
{
	size_t cap = 0;
	struct dirent *e;
	int rc = 0;

	while ((e = readdir(dp))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (fs_is_temp_name(e->d_name)) {
			if (flags & FS_DIR_SWEEP)
				unlinkat(dirfd(dp), e->d_name, 0);
			continue;
		}
		if ((flags & FS_DIR_NODOT) && e->d_name[0] == '.')
			continue;
		if (d->n == cap) {
			struct fs_dirent *v;

			cap = cap ? cap * 2 : 8;
			v = realloc(d->v, cap * sizeof(*v));
			if (!v) {
				rc = -ENOMEM;
				break;
			}
			d->v = v;
		}
		d->v[d->n].type = e->d_type;
		d->v[d->n].name = strdup(e->d_name);
		if (!d->v[d->n].name) {
			rc = -ENOMEM;
			break;
		}
		d->n++;
	}
	closedir(dp);
	if (rc)
		fs_dir_free(d);
	else if (!(flags & FS_DIR_UNSORTED))
		fs_dir_sort(d);
	return rc;
}

int fs_dir_read(const char *path, struct fs_dir *d)
{
	DIR *dp;

	memset(d, 0, sizeof(*d));
	dp = opendir(path);
	return dp ? fs_dir_fill(dp, d, 0) : -errno;
}

int fs_dir_read_flags(int dfd, const char *name, struct fs_dir *d, int *fd,
		      unsigned flags)
{
	DIR *dp;
	int rc, dirfd_;

	memset(d, 0, sizeof(*d));
	dirfd_ = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dirfd_ < 0) {
		if (fd)
			*fd = -1;
		return -errno;
	}
	dp = fdopendir(dup(dirfd_));
	rc = dp ? fs_dir_fill(dp, d, flags) : -errno;
	if (rc || !fd)
		close(dirfd_);
	if (fd)
		*fd = rc ? -1 : dirfd_;
	return rc;
}

int fs_dir_read_at(int dfd, const char *name, struct fs_dir *d, int *fd)
{
	return fs_dir_read_flags(dfd, name, d, fd, 0);
}
