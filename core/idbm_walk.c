/* SPDX-License-Identifier: MIT */
/* idbm_walk.c - the one record selector: enumerate the node records that
 * -T/-p/-I select, in open-iscsi's order (alphasort of target
 * directories, then portal entries - "<ip>,<port>,<tpgt>" dirs or legacy
 * "<ip>,<port>" files - then iface files); temp files are not records.
 * With a target only nodes/<target> is read.  Iface records (ifaces/)
 * are listed in the same order. */
#include "core/idbm_db.h"
#include "core/fsutil.h"
#include "core/num.h"

#include <dirent.h>
#include <fcntl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Split "<ip>,<port>[,<tpgt>]" from the right; the address may contain
 * ':' but never ','. */
static int idbm_portal_decode(const char *name, int with_tpgt,
			      struct idbm_loc *loc)
{
	char buf[IDBM_ADDR_MAX + 32];
	long v[2];
	int n = with_tpgt ? 2 : 1;

	if (strlen(name) >= sizeof(buf))
		return -EINVAL;
	strcpy(buf, name);
	for (int i = n - 1; i >= 0; i--) {
		char *comma = strrchr(buf, ',');

		if (!comma || num_parse_long(comma + 1, -1, 65535, &v[i]))
			return -EINVAL;
		*comma = '\0';
	}
	if (!buf[0] || strlen(buf) >= sizeof(loc->address))
		return -EINVAL;
	strcpy(loc->address, buf);
	loc->port = (int)v[0];
	loc->tpgt = with_tpgt ? (int)v[1] : -1;
	return 0;
}

/* One directory's entries, sorted as alphasort() sorts them.  Read
 * through directory fds and d_type so a listing costs no stat() and no
 * full-path lookup per record: a listing never opens a record file. */
struct idbm_dir {
	size_t n;
	struct idbm_ent {
		unsigned char type;	/* DT_*, DT_UNKNOWN if the fs won't say */
		char *name;
	} *v;
};

static int idbm_ent_cmp(const void *a, const void *b)
{
	return strcoll(((const struct idbm_ent *)a)->name,
		       ((const struct idbm_ent *)b)->name);
}

static void idbm_dir_free(struct idbm_dir *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->v[i].name);
	free(d->v);
	d->v = NULL;
	d->n = 0;
}

/* Read dir `name` relative to dfd; "." and ".." and temp files skipped
 * (fsutil.h).  On success *fd is the open directory (caller closes). */
static int idbm_dir_read(int dfd, const char *name, struct idbm_dir *d,
			 int *fd)
{
	size_t cap = 0;
	struct dirent *e;
	DIR *dp;
	int rc = 0;

	memset(d, 0, sizeof(*d));
	*fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (*fd < 0)
		return -errno;
	dp = fdopendir(dup(*fd));
	if (!dp) {
		rc = -errno;
		goto out;
	}
	while ((e = readdir(dp))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") ||
		    fs_is_temp_name(e->d_name))
			continue;
		if (d->n == cap) {
			struct idbm_ent *v;

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
	if (!rc && d->n > 1)
		qsort(d->v, d->n, sizeof(*d->v), idbm_ent_cmp);
out:
	if (rc) {
		idbm_dir_free(d);
		close(*fd);
		*fd = -1;
	}
	return rc;
}

/* DT_DIR/DT_REG from readdir, or from fstatat when the fs leaves it out. */
static unsigned char idbm_ent_type(int dfd, const struct idbm_ent *e)
{
	struct stat st;

	if (e->type != DT_UNKNOWN)
		return e->type;
	if (fstatat(dfd, e->name, &st, AT_SYMLINK_NOFOLLOW))
		return DT_UNKNOWN;
	return S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG :
								    DT_UNKNOWN;
}

/* Does sel take the portal (address, port, tpgt)? */
static int idbm_sel_portal(const struct idbm_sel *sel, const char *addr,
			   int port, int tpgt)
{
	if (!sel || !sel->addr)
		return 1;
	return !strcmp(sel->addr, addr) && sel->port == port &&
	       (sel->tpgt == IDBM_SEL_ANY || sel->tpgt == tpgt);
}

/* Does sel take iface (NULL: a legacy file, which names none)? */
static int idbm_sel_iface(const struct idbm_sel *sel, const char *iface)
{
	if (!sel || !sel->n_ifaces)
		return 1;
	if (!iface) {
		if (!sel->legacy_iface)
			return 1;	/* the caller reads the record's own */
		iface = sel->legacy_iface;
	}
	for (int i = 0; i < sel->n_ifaces; i++)
		if (!strcmp(sel->ifaces[i], iface))
			return 1;
	return 0;
}

int idbm_sel_match(const struct idbm_sel *sel, const char *target,
		   const char *addr, int port, int tpgt, const char *iface)
{
	return (!sel || !sel->target || !strcmp(sel->target, target)) &&
	       idbm_sel_portal(sel, addr, port, tpgt) &&
	       idbm_sel_iface(sel, iface);
}

static int idbm_walk_portal(int tfd, const char *tdir,
			    const struct idbm_ent *pe, struct idbm_loc *loc,
			    const struct idbm_sel *sel,
			    int (*cb)(const struct idbm_loc *, void *),
			    void *arg)
{
	unsigned char type = idbm_ent_type(tfd, pe);
	struct idbm_dir ifaces;
	int pfd, rc = 0;

	if (type == DT_REG) {
		if (idbm_portal_decode(pe->name, 0, loc) ||
		    !idbm_sel_portal(sel, loc->address, loc->port, loc->tpgt) || !idbm_sel_iface(sel, NULL) ||
		    (size_t)snprintf(loc->path, sizeof(loc->path), "%s/%s",
				     tdir, pe->name) >= sizeof(loc->path))
			return 0;
		loc->iface[0] = '\0';
		return cb(loc, arg);
	}
	if (type != DT_DIR || idbm_portal_decode(pe->name, 1, loc) ||
	    !idbm_sel_portal(sel, loc->address, loc->port, loc->tpgt) ||
	    idbm_dir_read(tfd, pe->name, &ifaces, &pfd))
		return 0;
	for (size_t i = 0; i < ifaces.n && !rc; i++) {
		const char *iface = ifaces.v[i].name;

		if (strlen(iface) >= sizeof(loc->iface) ||
		    !idbm_sel_iface(sel, iface) ||
		    (size_t)snprintf(loc->path, sizeof(loc->path), "%s/%s/%s",
				     tdir, pe->name, iface) >=
			    sizeof(loc->path))
			continue;
		strcpy(loc->iface, iface);
		rc = cb(loc, arg);
	}
	idbm_dir_free(&ifaces);
	close(pfd);
	return rc;
}

/* Every record of target directory `name` (under the open nodes dir). */
static int idbm_walk_target(int nfd, const char *ndir, const char *name,
			    const struct idbm_sel *sel,
			    int (*cb)(const struct idbm_loc *, void *),
			    void *arg)
{
	char tdir[PATH_MAX];
	struct idbm_dir portals;
	struct idbm_loc loc;
	int tfd, rc = 0;

	if (strlen(name) >= sizeof(loc.target) ||
	    (size_t)snprintf(tdir, sizeof(tdir), "%s/%s", ndir, name) >=
		    sizeof(tdir) ||
	    idbm_dir_read(nfd, name, &portals, &tfd))
		return 0;
	strcpy(loc.target, name);
	for (size_t p = 0; p < portals.n && !rc; p++)
		rc = idbm_walk_portal(tfd, tdir, &portals.v[p], &loc, sel, cb,
				      arg);
	idbm_dir_free(&portals);
	close(tfd);
	return rc;
}

int idbm_node_select(const char *root, const struct idbm_sel *sel,
		     int (*cb)(const struct idbm_loc *loc, void *arg),
		     void *arg)
{
	char ndir[PATH_MAX];
	struct idbm_dir targets;
	int nfd, rc;

	if ((size_t)snprintf(ndir, sizeof(ndir), "%s/nodes", root) >=
	    sizeof(ndir))
		return -ENAMETOOLONG;
	if (sel && sel->target) {
		/* straight to nodes/<target>: a name that cannot be a
		 * directory entry selects nothing */
		if (!sel->target[0] || strchr(sel->target, '/') ||
		    !strcmp(sel->target, ".") || !strcmp(sel->target, ".."))
			return 0;
		nfd = openat(AT_FDCWD, ndir, O_RDONLY | O_DIRECTORY |
			     O_CLOEXEC);
		if (nfd < 0)
			return errno == ENOENT ? 0 : -errno;
		rc = idbm_walk_target(nfd, ndir, sel->target, sel, cb, arg);
		close(nfd);
		return rc;
	}
	rc = idbm_dir_read(AT_FDCWD, ndir, &targets, &nfd);
	if (rc)
		return rc == -ENOENT ? 0 : rc;
	for (size_t t = 0; t < targets.n && !rc; t++)
		rc = idbm_walk_target(nfd, ndir, targets.v[t].name, sel, cb,
				      arg);
	idbm_dir_free(&targets);
	close(nfd);
	return rc;
}

int idbm_node_foreach(const char *root,
		      int (*cb)(const struct idbm_loc *loc, void *arg),
		      void *arg)
{
	return idbm_node_select(root, NULL, cb, arg);
}

int idbm_iface_foreach(const char *root,
		       int (*cb)(const char *name, void *arg), void *arg)
{
	char dir[PATH_MAX];
	struct idbm_dir names;
	int fd, rc;

	if ((size_t)snprintf(dir, sizeof(dir), "%s/ifaces", root) >=
	    sizeof(dir))
		return -ENAMETOOLONG;
	rc = idbm_dir_read(AT_FDCWD, dir, &names, &fd);
	if (rc)
		return rc == -ENOENT ? 0 : rc;
	for (size_t i = 0; i < names.n && !rc; i++)
		rc = cb(names.v[i].name, arg);
	idbm_dir_free(&names);
	close(fd);
	return rc;
}
