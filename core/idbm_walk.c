/* SPDX-License-Identifier: MIT */
/* idbm_walk.c - enumerate node records in open-iscsi's order: alphasort of
 * target directories, then portal entries ("<ip>,<port>,<tpgt>" dirs or
 * legacy "<ip>,<port>" files), then iface files; temp files are not
 * records. */
#include "core/idbm_db.h"
#include "core/fsutil.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Skips ".", ".." and temp files a killed writer left (fsutil.h). */
static int idbm_not_dot(const struct dirent *d)
{
	return strcmp(d->d_name, ".") && strcmp(d->d_name, "..") &&
	       !fs_is_temp_name(d->d_name);
}

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
		char *comma = strrchr(buf, ','), *end;

		if (!comma || !comma[1])
			return -EINVAL;
		errno = 0;
		v[i] = strtol(comma + 1, &end, 10);
		if (*end || errno || v[i] < -1 || v[i] > 65535)
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

static int idbm_walk_portal(const char *tdir, const char *pname,
			    struct idbm_loc *loc,
			    int (*cb)(const struct idbm_loc *, void *),
			    void *arg)
{
	char pdir[PATH_MAX];
	struct dirent **ents = NULL;
	struct stat st;
	int n, rc = 0;

	if ((size_t)snprintf(pdir, sizeof(pdir), "%s/%s", tdir, pname) >=
	    sizeof(pdir) || lstat(pdir, &st))
		return 0;
	if (S_ISREG(st.st_mode)) {
		if (idbm_portal_decode(pname, 0, loc))
			return 0;
		loc->iface[0] = '\0';
		snprintf(loc->path, sizeof(loc->path), "%s", pdir);
		return cb(loc, arg);
	}
	if (!S_ISDIR(st.st_mode) || idbm_portal_decode(pname, 1, loc))
		return 0;
	n = scandir(pdir, &ents, idbm_not_dot, alphasort);
	for (int i = 0; i < n; i++) {
		if (!rc && strlen(ents[i]->d_name) < sizeof(loc->iface) &&
		    (size_t)snprintf(loc->path, sizeof(loc->path), "%s/%s",
				     pdir, ents[i]->d_name) <
			    sizeof(loc->path)) {
			strcpy(loc->iface, ents[i]->d_name);
			rc = cb(loc, arg);
		}
		free(ents[i]);
	}
	free(ents);
	return rc;
}

int idbm_node_foreach(const char *root,
		      int (*cb)(const struct idbm_loc *loc, void *arg),
		      void *arg)
{
	char ndir[PATH_MAX], tdir[PATH_MAX];
	struct dirent **targets = NULL;
	struct idbm_loc loc;
	int nt, rc = 0;

	if ((size_t)snprintf(ndir, sizeof(ndir), "%s/nodes", root) >=
	    sizeof(ndir))
		return -ENAMETOOLONG;
	nt = scandir(ndir, &targets, idbm_not_dot, alphasort);
	if (nt < 0)
		return errno == ENOENT ? 0 : -errno;
	for (int t = 0; t < nt; t++) {
		struct dirent **portals = NULL;
		int np = -1;

		if (!rc && strlen(targets[t]->d_name) < sizeof(loc.target) &&
		    (size_t)snprintf(tdir, sizeof(tdir), "%s/%s", ndir,
				     targets[t]->d_name) < sizeof(tdir)) {
			strcpy(loc.target, targets[t]->d_name);
			np = scandir(tdir, &portals, idbm_not_dot, alphasort);
		}
		for (int p = 0; p < np; p++) {
			if (!rc)
				rc = idbm_walk_portal(tdir, portals[p]->d_name,
						      &loc, cb, arg);
			free(portals[p]);
		}
		free(portals);
		free(targets[t]);
	}
	free(targets);
	return rc;
}
