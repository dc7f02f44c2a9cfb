/* SPDX-License-Identifier: MIT */
/* fsdir.h - a directory's entries sorted as alphasort() sorts them (the
 * order open-iscsi walks records and sysfs in), read through directory
 * fds and d_type so that a listing costs no stat() or path lookup per
 * entry, and without scandir()/qsort() (~2.5 KB of musl).  A listing is
 * openat, getdents64 until it is empty, close; the names live in one
 * arena the struct owns and reuses from one read to the next. */
#ifndef ISCSIBOX_FSDIR_H
#define ISCSIBOX_FSDIR_H

#include <stddef.h>

/* Zero it before the first read ({ 0 }); each read replaces the entries
 * and reuses the storage; names are lent until the next read or
 * fs_dir_free. */
struct fs_dir {
	size_t n;
	struct fs_dirent {
		unsigned char type;	/* DT_*, DT_UNKNOWN if the fs won't say */
		char *name;
	} *v;
	size_t vcap;		/* storage: v's room, the names' arena */
	char *names;
	size_t ncap, nused;
};

/* Read the directory at path, sorted by strcmp (alphasort in the C
 * locale); ".", ".." and fs_write_atomic's temp files (fsutil.h) are left
 * out.  0 or -errno; on error d is empty.  fs_dir_free releases the
 * storage (and zeroes d: a no-op on a zeroed one). */
int fs_dir_read(const char *path, struct fs_dir *d);
/* The same for directory `name` relative to dfd; *fd is then the open
 * directory (caller closes), -1 on error. */
int fs_dir_read_at(int dfd, const char *name, struct fs_dir *d, int *fd);
/* fs_dir_read_at with flags; fd may be NULL (the directory is closed). */
#define FS_DIR_UNSORTED 0x1	/* the order the file system gives */
#define FS_DIR_SWEEP 0x2	/* unlink the temp files met (lock held) */
#define FS_DIR_NODOT 0x4	/* leave out every name starting with '.' */
int fs_dir_read_flags(int dfd, const char *name, struct fs_dir *d, int *fd,
		      unsigned flags);
void fs_dir_free(struct fs_dir *d);

#endif
