/* SPDX-License-Identifier: MIT */
/* fsutil.c - bounded reads, mkdir -p and atomic replacement of database
 * files (see fsutil.h). */
#include "core/fsutil.h"

#include "core/rng.h"

#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int (*fs_commit_hook)(const char *tmp, const char *path);

void fs_set_commit_hook(int (*hook)(const char *tmp, const char *path))
{
	fs_commit_hook = hook;
}

int fs_mkdirs(const char *path, mode_t mode)
{
	char buf[PATH_MAX];
	size_t len = strlen(path), have = 0;

	if (!len || len >= sizeof(buf))
		return -ENAMETOOLONG;
	/* the common case, a directory that exists: one call */
	if (!mkdir(path, mode) || errno == EEXIST)
		return 0;
	if (errno != ENOENT)
		return -errno;
	memcpy(buf, path, len + 1);
	/* back up to the deepest parent that exists (or can be made), so
	 * that a new record's nodes/<target>/<portal> costs three calls, not
	 * one for every component from the root */
	for (size_t i = len; i > 1; ) {
		int err;

		while (i > 1 && buf[i - 1] == '/')
			i--;
		while (i > 1 && buf[i - 1] != '/')
			i--;
		if (i <= 1)
			break;
		buf[i - 1] = '\0';
		err = mkdir(buf, mode) ? errno : 0;
		buf[i - 1] = '/';
		if (!err || err == EEXIST) {
			have = i;
			break;
		}
		if (err != ENOENT)
			return -err;
	}
	for (char *p = buf + (have ? have : 1); ; p++) {
		if (*p != '/' && *p)
			continue;
		char c = *p;

		*p = '\0';
		if (mkdir(buf, mode) && errno != EEXIST)
			return -errno;
		*p = c;
		if (!c)
			break;
	}
	return 0;
}

/* Files are opened with openat(AT_FDCWD, ...): musl's open() follows an
 * O_CLOEXEC open with an fcntl(F_SETFD) for kernels that ignore the flag,
 * one more system call per record read or written. */
int fs_read_into(const char *path, size_t max, char **buf, size_t *cap,
		 size_t *len)
{
	size_t used = 0;
	int fd, rc = 0;

	fd = openat(AT_FDCWD, path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	/* grown by doubling as the reads come; no fstat() size hint: in
	 * iscsistart it would be musl's only fstat/fstatat (~0.6 KB), and
	 * sysfs and /proc report sizes that are not the content's anyway */
	for (;;) {
		ssize_t n;

		if (used + 1 >= *cap) {
			size_t c = *cap ? *cap * 2 : 4096;
			char *b;

			if (c > max + 2)
				c = max + 2;
			if (used + 1 >= c) {
				rc = -EFBIG;
				goto out;
			}
			b = realloc(*buf, c);
			if (!b) {
				rc = -ENOMEM;
				goto out;
			}
			*buf = b;
			*cap = c;
		}
		n = read(fd, *buf + used, *cap - 1 - used);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = -errno;
			goto out;
		}
		if (n == 0)
			break;
		used += (size_t)n;
		if (used > max) {
			rc = -EFBIG;
			goto out;
		}
	}
	(*buf)[used] = '\0';
	*len = used;
out:
	close(fd);
	return rc;
}

int fs_read_file(const char *path, size_t max, char **data, size_t *len)
{
	char *buf = NULL;
	size_t cap = 0;
	int rc = fs_read_into(path, max, &buf, &cap, len);

	if (rc)
		free(buf);
	else
		*data = buf;
	return rc;
}

int fs_write_all(int fd, const char *p, size_t len)
{
	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Split path into its directory (dir, "." when none) and base name. */
const char *fs_split(const char *path, char *dir, size_t dirsz)
{
	const char *slash = strrchr(path, '/');

	if (!slash) {
		snprintf(dir, dirsz, ".");
		return path;
	}
	snprintf(dir, dirsz, "%.*s", slash == path ? 1 : (int)(slash - path),
		 path);
	return slash + 1;
}

void fs_fsync_dir(const char *dir)
{
	int fd = openat(AT_FDCWD, dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		return;
	fsync(fd);
	close(fd);
}

int fs_is_temp_name(const char *name)
{
	size_t len = strlen(name);

	return len > FS_TMP_SUFFIX_LEN + 1 && name[0] == '.' &&
	       !strncmp(name + len - FS_TMP_SUFFIX_LEN, ".tmp", 4);
}

/* Remove ".<base>.tmpXXXXXX" files a killed writer left beside path.  The
 * caller holds the database lock, so no live writer owns them. */
static void fs_clean_stale(const char *path)
{
	char dir[PATH_MAX], victim[PATH_MAX];
	const char *base = fs_split(path, dir, sizeof(dir));
	size_t blen = strlen(base);
	struct dirent *d;
	DIR *dp = opendir(dir);

	if (!dp)
		return;
	while ((d = readdir(dp))) {
		if (d->d_name[0] != '.' || strncmp(d->d_name + 1, base, blen) ||
		    strlen(d->d_name) != blen + 1 + FS_TMP_SUFFIX_LEN ||
		    !fs_is_temp_name(d->d_name))
			continue;
		if ((size_t)snprintf(victim, sizeof(victim), "%s/%s", dir,
				     d->d_name) < sizeof(victim))
			unlink(victim);
	}
	closedir(dp);
}

int fs_commit_check(const char *tmp, const char *path)
{
	return fs_commit_hook ? fs_commit_hook(tmp, path) : 0;
}

/* mkostemp(tmp, O_CLOEXEC) with the kernel's random bytes for the final
 * "XXXXXX": musl's names them from the clock, which links its vDSO
 * lookup (~1.3 KB in all).  An fd, or -errno. */
static int fs_mktemp(char *tmp)
{
	static const char set[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				  "abcdefghijklmnopqrstuvwxyz0123456789";
	char *x = tmp + strlen(tmp) - 6;
	unsigned char r[6];
	int i, tries, fd = -EEXIST;

	for (tries = 0; tries < 100 && fd == -EEXIST; tries++) {
		if (rng_kernel(r, sizeof(r)) < 0)
			return -EIO;
		for (i = 0; i < 6; i++)
			x[i] = set[r[i] % (sizeof(set) - 1)];
		fd = openat(AT_FDCWD, tmp, O_RDWR | O_CREAT | O_EXCL |
			    O_CLOEXEC, 0600);
		if (fd < 0)
			fd = -errno;
	}
	return fd;
}

int fs_temp_write(const char *path, const void *data, size_t len,
		  mode_t mode, int sync, char *tmp, size_t tmpsz)
{
	char dir[PATH_MAX];
	const char *base = fs_split(path, dir, sizeof(dir));
	int fd, rc;

	if ((size_t)snprintf(tmp, tmpsz, "%s/.%s.tmpXXXXXX", dir, base) >=
	    tmpsz)
		return -ENAMETOOLONG;
	fd = fs_mktemp(tmp);
	if (fd < 0)
		return fd;
	rc = fchmod(fd, mode) ? -errno : 0;
	if (!rc)
		rc = fs_write_all(fd, data, len);
	if (!rc && sync && fsync(fd))
		rc = -errno;
	if (close(fd) && !rc)
		rc = -errno;
	if (rc)
		unlink(tmp);
	return rc;
}

int fs_write_atomic(const char *path, const void *data, size_t len,
		    mode_t mode)
{
	char tmp[PATH_MAX], dir[PATH_MAX];
	int rc;

	if (fs_batch_active())
		return fs_batch_queue(path, data, len, mode);
	fs_clean_stale(path);
	rc = fs_temp_write(path, data, len, mode, 1, tmp, sizeof(tmp));
	if (rc)
		return rc;
	rc = fs_commit_check(tmp, path);
	if (!rc && rename(tmp, path))
		rc = -errno;
	if (rc) {
		unlink(tmp);
		return rc;
	}
	fs_split(path, dir, sizeof(dir));
	fs_fsync_dir(dir);
	return 0;
}
