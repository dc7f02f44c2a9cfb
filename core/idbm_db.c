/* SPDX-License-Identifier: MIT */
/* idbm_db.c - read, write and delete node, iface and discovery record
 * files in open-iscsi's layout (idbm_db.h).  Unlike open-iscsi, which
 * truncates and rewrites in place, files are replaced atomically. */
#include "core/errtext.h"
#include "core/idbm_db.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/errors.h"
#include "core/fsutil.h"
#include "core/idbm.h"
#include "core/idbm_util.h"

#define DIR_MODE 0700
#define FILE_MODE 0600

static int idbm_read_rec(const char *path, enum idbm_kind kind, void *rec,
			 char *msg, size_t msgsz)
{
	char *text = NULL;
	size_t len = 0;
	int rc;

	rc = fs_read_file(path, IDBM_RECORD_MAX, &text, &len);
	if (rc) {
		idbm_msg_add(msg, msgsz, "Could not read %s: %s", path,
			     rc == -EFBIG ? "record too large" : errtext(-rc));
		return ISCSI_ERR_IDBM;
	}
	rc = idbm_rec_parse(kind, rec, text, len, path, 0, msg, msgsz);
	free(text);
	return rc;
}

int idbm_node_read(const char *path, struct idbm_node *node, char *msg,
		   size_t msgsz)
{
	idbm_node_init(node);
	return idbm_read_rec(path, IDBM_KIND_NODE, node, msg, msgsz);
}

int idbm_node_load(const struct idbm_loc *loc, struct idbm_node *node,
		   char *msg, size_t msgsz)
{
	int rc = idbm_node_read(loc->path, node, msg, msgsz);

	if (rc)
		return rc;
	idbm_str_set(node->name, sizeof(node->name), loc->target);
	idbm_str_set(node->conn.address, sizeof(node->conn.address),
		     loc->address);
	node->conn.port = loc->port;
	node->tpgt = loc->tpgt;
	if (loc->iface[0])
		idbm_str_set(node->iface.name, sizeof(node->iface.name),
			     loc->iface);
	return 0;
}

int idbm_iface_read(const char *path, struct idbm_iface *iface, char *msg,
		    size_t msgsz)
{
	idbm_iface_init(iface, "default");
	return idbm_read_rec(path, IDBM_KIND_IFACE, iface, msg, msgsz);
}

int idbm_disc_read(const char *path, enum idbm_disc_type type,
		   struct idbm_disc *disc, char *msg, size_t msgsz)
{
	idbm_disc_init(disc, type);
	return idbm_read_rec(path, IDBM_KIND_DISC, disc, msg, msgsz);
}

static int idbm_path_err(int rc, const char *what, char *msg, size_t msgsz)
{
	idbm_msg_add(msg, msgsz, "Invalid %s for a record path: %s", what,
		     errtext(-rc));
	return rc == -EINVAL ? ISCSI_ERR_INVAL : ISCSI_ERR_IDBM;
}

/* mkdir -p the parent of path (unless the record exists: mkdirs 0), then
 * replace path with the record text. */
static int idbm_write_rec(const char *path, enum idbm_kind kind,
			  const void *rec, int mkdirs, char *msg,
			  size_t msgsz)
{
	char dir[PATH_MAX];
	char *text = NULL, *slash;
	size_t len;
	int rc;

	snprintf(dir, sizeof(dir), "%s", path);
	slash = strrchr(dir, '/');
	if (mkdirs && slash && slash != dir) {
		*slash = '\0';
		rc = fs_mkdirs(dir, DIR_MODE);
		if (rc)
			goto fail;
	}
	text = idbm_rec_format(kind, rec, 0, &len);
	if (!text) {
		idbm_msg_add(msg, msgsz, "Could not write %s: out of memory",
			     path);
		return ISCSI_ERR_NOMEM;
	}
	rc = fs_write_atomic(path, text, len, FILE_MODE);
	free(text);
	if (!rc)
		return 0;
fail:
	idbm_msg_add(msg, msgsz, "Could not write %s: %s", path,
		     errtext(-rc));
	return ISCSI_ERR_IDBM;
}

int idbm_node_write(const char *root, const struct idbm_node *node,
		    char *msg, size_t msgsz)
{
	char path[PATH_MAX], link[PATH_MAX], dir[PATH_MAX], flat[PATH_MAX];
	char *slash;
	int rc;

	rc = idbm_path_node(path, sizeof(path), root, node);
	if (rc)
		return idbm_path_err(rc, "node", msg, msgsz);
	rc = idbm_write_rec(path, IDBM_KIND_NODE, node, 1, msg, msgsz);
	if (rc || node->tpgt < 0)
		return rc;
	/* the discovery link points at the portal directory */
	rc = idbm_path_disc_link(link, sizeof(link), root, node);
	if (rc == -ENOENT)
		return 0;
	if (rc)
		return idbm_path_err(rc, "discovery link", msg, msgsz);
	idbm_path_portal_dir(dir, sizeof(dir), root, node->name,
			     node->conn.address, node->conn.port, node->tpgt);
	snprintf(path, sizeof(path), "%s", link);
	slash = strrchr(path, '/');
	*slash = '\0';
	rc = fs_mkdirs(path, DIR_MODE);
	/* an iSNS node found again through a discoverydb record: its flat
	 * link (plain -m discovery) moves into the record's directory */
	if (!rc && node->disc_type == IDBM_DISC_ISNS &&
	    strcmp(path + strlen(root), "/isns") &&
	    (size_t)snprintf(flat, sizeof(flat), "%s/isns/%s", root,
			     slash + 1) < sizeof(flat))
		unlink(flat);
	if (!rc && symlink(dir, link) && errno != EEXIST)
		rc = -errno;
	if (rc) {
		idbm_msg_add(msg, msgsz, "Could not link %s: %s", link,
			     errtext(-rc));
		return ISCSI_ERR_IDBM;
	}
	return 0;
}

int idbm_node_rewrite(const char *root, const struct idbm_node *node,
		      char *msg, size_t msgsz)
{
	char path[PATH_MAX];
	int rc = idbm_path_node(path, sizeof(path), root, node);

	return rc ? idbm_path_err(rc, "node", msg, msgsz) :
		    idbm_write_rec(path, IDBM_KIND_NODE, node, 0, msg, msgsz);
}

int idbm_iface_write(const char *root, const struct idbm_iface *iface,
		     char *msg, size_t msgsz)
{
	char path[PATH_MAX];
	int rc = idbm_path_iface(path, sizeof(path), root, iface->name);

	return rc ? idbm_path_err(rc, "iface name", msg, msgsz) :
		    idbm_write_rec(path, IDBM_KIND_IFACE, iface, 1, msg,
				   msgsz);
}

int idbm_disc_write(const char *root, const struct idbm_disc *disc,
		    char *msg, size_t msgsz)
{
	char path[PATH_MAX];
	int rc = idbm_path_disc(path, sizeof(path), root, disc);

	return rc ? idbm_path_err(rc, "discovery address", msg, msgsz) :
		    idbm_write_rec(path, IDBM_KIND_DISC, disc, 1, msg,
				   msgsz);
}

int idbm_node_delete(const char *root, const struct idbm_node *node,
		     char *msg, size_t msgsz)
{
	char path[PATH_MAX];
	int rc;

	rc = idbm_path_node(path, sizeof(path), root, node);
	if (rc)
		return idbm_path_err(rc, "node", msg, msgsz);
	if (unlink(path)) {
		idbm_msg_add(msg, msgsz, "Could not remove %s: %s", path,
			     errtext(errno));
		return ISCSI_ERR_IDBM;
	}
	/* the link is per iface; empty portal and target dirs go too */
	if (node->tpgt >= 0) {
		if (!idbm_path_disc_link(path, sizeof(path), root, node))
			unlink(path);
		idbm_path_portal_dir(path, sizeof(path), root, node->name,
				     node->conn.address, node->conn.port,
				     node->tpgt);
		rmdir(path);
	}
	snprintf(path, sizeof(path), "%s/nodes/%s", root, node->name);
	rmdir(path);
	return 0;
}

/* Onto n (initialised): the keys of the record file at path that say
 * where its discovery link is, without a full parse. */
static int idbm_node_peek_disc(const char *path, struct idbm_node *n,
			       char *msg, size_t msgsz)
{
	static const char *const keys[] = { "node.discovery_address",
		"node.discovery_port", "node.discovery_type", NULL };
	char *text = NULL;
	size_t len = 0;
	int rc = fs_read_file(path, IDBM_RECORD_MAX, &text, &len);

	if (rc) {
		idbm_msg_add(msg, msgsz, "Could not read %s: %s", path,
			     rc == -EFBIG ? "record too large" : errtext(-rc));
		return ISCSI_ERR_IDBM;
	}
	idbm_rec_peek(IDBM_KIND_NODE, n, text, len, keys);
	free(text);
	return 0;
}

int idbm_node_peek(const struct idbm_loc *loc, struct idbm_node *n,
		   char *msg, size_t msgsz)
{
	int rc = 0;

	idbm_node_init(n);
	rc = idbm_node_peek_disc(loc->path, n, msg, msgsz);
	idbm_str_set(n->name, sizeof(n->name), loc->target);
	idbm_str_set(n->conn.address, sizeof(n->conn.address), loc->address);
	n->conn.port = loc->port;
	n->tpgt = loc->tpgt;
	if (loc->iface[0])
		idbm_str_set(n->iface.name, sizeof(n->iface.name), loc->iface);
	return rc;
}

int idbm_node_delete_loc(const char *root, const struct idbm_loc *loc,
			 char *msg, size_t msgsz)
{
	struct idbm_node *n = malloc(sizeof(*n));
	int rc;

	if (!n)
		return ISCSI_ERR_NOMEM;
	rc = idbm_node_peek(loc, n, msg, msgsz);
	if (!rc)
		rc = idbm_node_delete(root, n, msg, msgsz);
	free(n);
	return rc;
}

int idbm_node_write_relink(const char *root, const struct idbm_node *node,
			   char *msg, size_t msgsz)
{
	struct idbm_node *old = malloc(sizeof(*old));
	char path[PATH_MAX], was[PATH_MAX], now[PATH_MAX];
	int rc, relink = 0;

	if (!old)
		return ISCSI_ERR_NOMEM;
	/* where the record on disk is linked from now */
	if (node->tpgt >= 0 &&
	    !idbm_path_node(path, sizeof(path), root, node) &&
	    !access(path, F_OK)) {
		*old = *node;
		if (!idbm_node_peek_disc(path, old, NULL, 0) &&
		    !idbm_path_disc_link(was, sizeof(was), root, old) &&
		    (idbm_path_disc_link(now, sizeof(now), root, node) ||
		     strcmp(was, now)))
			relink = 1;
	}
	rc = idbm_node_write(root, node, msg, msgsz);
	if (!rc && relink)
		unlink(was);
	free(old);
	return rc;
}
