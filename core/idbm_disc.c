/* SPDX-License-Identifier: MIT */
/* idbm_disc.c - the discovery side of the node database (idbm_db.h):
 * discovery records (send_targets/<ip>,<port>, isns/<ip>,<port>) and the
 * links in them that name the node records each discovery made
 * ("<target>,<ip>,<port>,<tpgt>,<iface>"), read in directory order as
 * open-iscsi reads them; deleting the records a link names. */
#include "core/idbm_db.h"

#include <fcntl.h>
#include <limits.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/errors.h"
#include "core/fsdir.h"
#include "core/num.h"

/* Cut ",<number>" off the end of s into *v (strict, in [min, max]). */
static int idbm_cut_num(char *s, long min, long max, long *v)
{
	char *c = strrchr(s, ',');

	if (!c || num_parse_long(c + 1, min, max, v))
		return -EINVAL;
	*c = '\0';
	return 0;
}

int idbm_link_decode(const char *name, struct idbm_loc *loc)
{
	char buf[NAME_MAX + 1], *c;
	long port, tpgt;

	if (strlen(name) >= sizeof(buf))
		return -EINVAL;
	strcpy(buf, name);
	c = strrchr(buf, ',');
	if (!c || !c[1] || strlen(c + 1) >= sizeof(loc->iface))
		return -EINVAL;
	strcpy(loc->iface, c + 1);
	*c = '\0';
	if (idbm_cut_num(buf, -1, 65535, &tpgt) ||
	    idbm_cut_num(buf, 0, 65535, &port))
		return -EINVAL;
	c = strrchr(buf, ',');
	if (!c || !c[1] || c == buf || strlen(c + 1) >= sizeof(loc->address) ||
	    (size_t)(c - buf) >= sizeof(loc->target))
		return -EINVAL;
	strcpy(loc->address, c + 1);
	*c = '\0';
	strcpy(loc->target, buf);
	loc->port = (int)port;
	loc->tpgt = (int)tpgt;
	return 0;
}

/* Entries of dir in the order the file system returns them; names that
 * start with '.' (temp files included) are not records. */
static int idbm_dir_each(const char *dir, int (*cb)(const char *, void *),
			 void *arg)
{
	struct fs_dir d = { 0 };
	int n = 0;

	if (!fs_dir_read_flags(AT_FDCWD, dir, &d, NULL,
			       FS_DIR_UNSORTED | FS_DIR_NODOT))
		for (size_t i = 0; i < d.n; i++)
			n += cb(d.v[i].name, arg);
	fs_dir_free(&d);
	return n;
}

static const char *idbm_disc_subdir(enum idbm_disc_type type)
{
	return type == IDBM_DISC_ISNS ? "isns" : "send_targets";
}

struct idbm_disc_walk {
	const char *root;
	enum idbm_disc_type type;
	int (*cb)(const struct idbm_disc *d, const char *dir, void *arg);
	void *arg;
};

static int idbm_disc_one(const char *name, void *arg)
{
	struct idbm_disc_walk *w = arg;
	struct idbm_disc d;
	char buf[NAME_MAX + 1], dir[PATH_MAX];
	long port;

	if (strlen(name) >= sizeof(buf))
		return 0;
	strcpy(buf, name);
	if (idbm_cut_num(buf, 0, 65535, &port) || !buf[0] ||
	    strlen(buf) >= sizeof(d.address) ||
	    (size_t)snprintf(dir, sizeof(dir), "%s/%s/%s", w->root,
			     idbm_disc_subdir(w->type), name) >= sizeof(dir))
		return 0;
	idbm_disc_init(&d, w->type);
	strcpy(d.address, buf);
	d.port = (int)port;
	return w->cb(&d, dir, w->arg);
}

int idbm_disc_foreach(const char *root, enum idbm_disc_type type,
		      int (*cb)(const struct idbm_disc *d, const char *dir,
				void *arg),
		      void *arg)
{
	struct idbm_disc_walk w = { root, type, cb, arg };
	char dir[PATH_MAX];

	if ((size_t)snprintf(dir, sizeof(dir), "%s/%s", root,
			     idbm_disc_subdir(type)) >= sizeof(dir))
		return 0;
	return idbm_dir_each(dir, idbm_disc_one, &w);
}

struct idbm_link_walk {
	int (*cb)(const struct idbm_loc *loc, const char *name, void *arg);
	void *arg;
};

static int idbm_link_one(const char *name, void *arg)
{
	struct idbm_link_walk *w = arg;
	struct idbm_loc loc;

	if (!strcmp(name, "st_config") || !strcmp(name, "isns_config") ||
	    idbm_link_decode(name, &loc))
		return 0;
	return w->cb(&loc, name, w->arg);
}

int idbm_disc_links(const char *dir,
		    int (*cb)(const struct idbm_loc *loc, const char *name,
			      void *arg),
		    void *arg)
{
	struct idbm_link_walk w = { cb, arg };

	return idbm_dir_each(dir, idbm_link_one, &w);
}

int idbm_disc_dir(char *out, size_t outsz, const char *root,
		  const struct idbm_disc *disc)
{
	char *slash;
	int rc = idbm_path_disc(out, outsz, root, disc);

	if (rc)
		return rc;
	slash = strrchr(out, '/');
	*slash = '\0';
	return 0;
}

int idbm_node_delete_at(const char *root, const struct idbm_loc *at,
			char *msg, size_t msgsz)
{
	struct idbm_loc l = *at;
	struct idbm_node *n = malloc(sizeof(*n));
	char dir[PATH_MAX];
	int rc = ISCSI_ERR_NOMEM;

	if (!n)
		return rc;
	rc = ISCSI_ERR_IDBM;
	if (!idbm_path_portal_dir(dir, sizeof(dir), root, l.target, l.address,
				  l.port, l.tpgt) &&
	    (size_t)snprintf(l.path, sizeof(l.path), "%s/%s", dir, l.iface) <
		    sizeof(l.path) && !access(l.path, F_OK)) {
		rc = idbm_node_load(&l, n, msg, msgsz);
		if (!rc)
			rc = idbm_node_delete(root, n, msg, msgsz);
	}
	free(n);
	return rc;
}
