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

static int idbm_walk_portal(int tfd, const char *tdir,
			    const struct fs_dirent *pe, struct idbm_loc *loc,
			    const struct idbm_sel *sel,
			    int (*cb)(const struct idbm_loc *, void *),
			    void *arg)
{
	unsigned char type = idbm_ent_type(tfd, pe);
	struct fs_dir ifaces;
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
	    fs_dir_read_at(tfd, pe->name, &ifaces, &pfd))
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
	fs_dir_free(&ifaces);
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
	struct fs_dir portals;
	struct idbm_loc loc;
	int tfd, rc = 0;

	if (strlen(name) >= sizeof(loc.target) ||
	    (size_t)snprintf(tdir, sizeof(tdir), "%s/%s", ndir, name) >=
		    sizeof(tdir) ||
	    fs_dir_read_at(nfd, name, &portals, &tfd))
		return 0;
	strcpy(loc.target, name);
	for (size_t p = 0; p < portals.n && !rc; p++)
		rc = idbm_walk_portal(tfd, tdir, &portals.v[p], &loc, sel, cb,
				      arg);
	fs_dir_free(&portals);
	close(tfd);
	return rc;
}

int idbm_node_select(const char *root, const struct idbm_sel *sel,
		     int (*cb)(const struct idbm_loc *loc, void *arg),
		     void *arg)
{
	char ndir[PATH_MAX];
	struct fs_dir targets;
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
	rc = fs_dir_read_at(AT_FDCWD, ndir, &targets, &nfd);
	if (rc)
		return rc == -ENOENT ? 0 : rc;
	for (size_t t = 0; t < targets.n && !rc; t++)
		rc = idbm_walk_target(nfd, ndir, targets.v[t].name, sel, cb,
				      arg);
	fs_dir_free(&targets);
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
	struct fs_dir names;
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
