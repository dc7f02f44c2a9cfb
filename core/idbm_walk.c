/* SPDX-License-Identifier: MIT */
/* idbm_walk.c - the one record selector: enumerate the node records that
 * -T/-p/-I select, in open-iscsi's order (alphasort of target
 * directories, then portal entries - "<ip>,<port>,<tpgt>" dirs or legacy
 * "<ip>,<port>" files - then iface files); temp files are not records.
 * With a target only nodes/<target> is read.  Iface records (ifaces/)
 * are listed in the same order. */
#include "core/idbm_db.h"
#include "core/fsdir.h"
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

/* Does sel take the portal (address, port, tpgt)? */
/* DT_DIR/DT_REG from readdir, or from fstatat when the fs leaves it out. */
static unsigned char idbm_ent_type(int dfd, const struct fs_dirent *e)
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

/* One walk: what it selects, whom it tells, and the directory listings
 * whose storage is reused from target to target. */
struct idbm_walk {
	const struct idbm_sel *sel;
	int (*cb)(const struct idbm_loc *, void *);
	void *arg;
	unsigned flags;			/* FS_DIR_* for every read */
	struct fs_dir portals, ifaces;
	struct idbm_loc loc;
};

static int idbm_walk_portal(struct idbm_walk *w, int tfd, const char *tdir,
			    const struct fs_dirent *pe)
{
	const struct idbm_sel *sel = w->sel;
	unsigned char type = idbm_ent_type(tfd, pe);
	struct idbm_loc *loc = &w->loc;
	int pfd, rc = 0;

	if (type == DT_REG) {
		if (idbm_portal_decode(pe->name, 0, loc) ||
		    !idbm_sel_portal(sel, loc->address, loc->port, loc->tpgt) ||
		    !idbm_sel_iface(sel, NULL) ||
		    (size_t)snprintf(loc->path, sizeof(loc->path), "%s/%s",
				     tdir, pe->name) >= sizeof(loc->path))
			return 0;
		loc->iface[0] = '\0';
		return w->cb(loc, w->arg);
	}
	if (type != DT_DIR || idbm_portal_decode(pe->name, 1, loc) ||
	    !idbm_sel_portal(sel, loc->address, loc->port, loc->tpgt) ||
	    fs_dir_read_flags(tfd, pe->name, &w->ifaces, &pfd,
			  w->flags))
		return 0;
	for (size_t i = 0; i < w->ifaces.n && !rc; i++) {
		const char *iface = w->ifaces.v[i].name;

		if (strlen(iface) >= sizeof(loc->iface) ||
		    !idbm_sel_iface(sel, iface) ||
		    (size_t)snprintf(loc->path, sizeof(loc->path), "%s/%s/%s",
				     tdir, pe->name, iface) >=
			    sizeof(loc->path))
			continue;
		strcpy(loc->iface, iface);
		rc = w->cb(loc, w->arg);
	}
	close(pfd);
	return rc;
}

/* Every record of target directory `name` (under the open nodes dir). */
static int idbm_walk_target(struct idbm_walk *w, int nfd, const char *ndir,
			    const char *name)
{
	char tdir[PATH_MAX];
	int tfd, rc = 0;

	if (strlen(name) >= sizeof(w->loc.target) ||
	    (size_t)snprintf(tdir, sizeof(tdir), "%s/%s", ndir, name) >=
		    sizeof(tdir) ||
	    fs_dir_read_flags(nfd, name, &w->portals, &tfd,
			  w->flags))
		return 0;
	strcpy(w->loc.target, name);
	for (size_t p = 0; p < w->portals.n && !rc; p++)
		rc = idbm_walk_portal(w, tfd, tdir, &w->portals.v[p]);
	close(tfd);
	return rc;
}

int idbm_node_select(const char *root, const struct idbm_sel *sel,
		     int (*cb)(const struct idbm_loc *loc, void *arg),
		     void *arg)
{
	struct idbm_walk *w = calloc(1, sizeof(*w));
	struct fs_dir targets = { 0 };
	char ndir[PATH_MAX];
	int nfd, rc = 0;

	if (!w)
		return -ENOMEM;
	w->sel = sel;
	w->cb = cb;
	w->arg = arg;
	w->flags = sel && sel->sweep ? FS_DIR_SWEEP : 0;
	if (sel && sel->dir_order)
		w->flags |= FS_DIR_UNSORTED;
	if ((size_t)snprintf(ndir, sizeof(ndir), "%s/nodes", root) >=
	    sizeof(ndir)) {
		rc = -ENAMETOOLONG;
		goto out;
	}
	if (sel && sel->target) {
		/* straight to nodes/<target>: a name that cannot be a
		 * directory entry selects nothing */
		if (!sel->target[0] || strchr(sel->target, '/') ||
		    !strcmp(sel->target, ".") || !strcmp(sel->target, ".."))
			goto out;
		nfd = openat(AT_FDCWD, ndir, O_RDONLY | O_DIRECTORY |
			     O_CLOEXEC);
		if (nfd < 0) {
			rc = errno == ENOENT ? 0 : -errno;
			goto out;
		}
		rc = idbm_walk_target(w, nfd, ndir, sel->target);
		close(nfd);
		goto out;
	}
	rc = fs_dir_read_flags(AT_FDCWD, ndir, &targets, &nfd,
			   w->flags);
	if (rc) {
		rc = rc == -ENOENT ? 0 : rc;
		goto out;
	}
	for (size_t t = 0; t < targets.n && !rc; t++)
		rc = idbm_walk_target(w, nfd, ndir, targets.v[t].name);
	close(nfd);
out:
	fs_dir_free(&targets);
	fs_dir_free(&w->portals);
	fs_dir_free(&w->ifaces);
	free(w);
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
	struct fs_dir names = { 0 };
	int rc;

	if ((size_t)snprintf(dir, sizeof(dir), "%s/ifaces", root) >=
	    sizeof(dir))
		return -ENAMETOOLONG;
	rc = fs_dir_read(dir, &names);
	if (rc)
		return rc == -ENOENT ? 0 : rc;
	for (size_t i = 0; i < names.n && !rc; i++)
		rc = cb(names.v[i].name, arg);
	fs_dir_free(&names);
	return rc;
}
