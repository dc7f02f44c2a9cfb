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

/* Entries of dp, sorted; closes dp.  0 or -errno (d empty then). */
static int fs_dir_fill(DIR *dp, struct fs_dir *d)
{
	size_t cap = 0;
	struct dirent *e;
	int rc = 0;

	while ((e = readdir(dp))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") ||
		    fs_is_temp_name(e->d_name))
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
	else
		fs_dir_sort(d);
	return rc;
}

int fs_dir_read(const char *path, struct fs_dir *d)
{
	DIR *dp;

	memset(d, 0, sizeof(*d));
	dp = opendir(path);
	return dp ? fs_dir_fill(dp, d) : -errno;
}

int fs_dir_read_at(int dfd, const char *name, struct fs_dir *d, int *fd)
{
	DIR *dp;
	int rc;

	memset(d, 0, sizeof(*d));
	*fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (*fd < 0)
		return -errno;
	dp = fdopendir(dup(*fd));
	rc = dp ? fs_dir_fill(dp, d) : -errno;
	if (rc) {
		close(*fd);
		*fd = -1;
	}
	return rc;
}
