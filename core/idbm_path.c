/* SPDX-License-Identifier: MIT */
/* idbm_path.c - file names of the node database layout described in
 * idbm_db.h.  Target names and addresses may come from a SendTargets
 * response, so every component is checked before it becomes a path. */
#include "core/idbm_db.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const char *idbm_root(void)
{
	const char *env = getenv(IDBM_ROOT_ENV);

	return env && env[0] == '/' ? env : IDBM_ROOT_DEFAULT;
}

static int idbm_name_ok(const char *s)
{
	return *s && strcmp(s, ".") && strcmp(s, "..") && !strchr(s, '/');
}

static int idbm_fmt(char *out, size_t outsz, int n)
{
	if (n < 0 || (size_t)n >= outsz)
		return -ENAMETOOLONG;
	return 0;
}

int idbm_path_portal_dir(char *out, size_t outsz, const char *root,
			 const char *target, const char *addr, int port,
			 int tpgt)
{
	if (!idbm_name_ok(target) || !idbm_name_ok(addr))
		return -EINVAL;
	if (tpgt < 0)
		return idbm_fmt(out, outsz, snprintf(out, outsz,
			"%s/nodes/%s/%s,%d", root, target, addr, port));
	return idbm_fmt(out, outsz, snprintf(out, outsz, "%s/nodes/%s/%s,%d,%d",
					     root, target, addr, port, tpgt));
}

int idbm_path_node(char *out, size_t outsz, const char *root,
		   const struct idbm_node *node)
{
	size_t len;
	int rc;

	rc = idbm_path_portal_dir(out, outsz, root, node->name,
				  node->conn.address, node->conn.port,
				  node->tpgt);
	if (rc || node->tpgt < 0)
		return rc;
	if (!idbm_name_ok(node->iface.name))
		return -EINVAL;
	len = strlen(out);
	return idbm_fmt(out + len, outsz - len, snprintf(out + len,
			outsz - len, "/%s", node->iface.name));
}

int idbm_path_iface(char *out, size_t outsz, const char *root,
		    const char *name)
{
	if (!idbm_name_ok(name))
		return -EINVAL;
	return idbm_fmt(out, outsz, snprintf(out, outsz, "%s/ifaces/%s", root,
					     name));
}

int idbm_path_disc(char *out, size_t outsz, const char *root,
		   const struct idbm_disc *disc)
{
	int isns = disc->type == IDBM_DISC_ISNS;

	if (!idbm_name_ok(disc->address))
		return -EINVAL;
	return idbm_fmt(out, outsz, snprintf(out, outsz, "%s/%s/%s,%d/%s",
		root, isns ? "isns" : "send_targets", disc->address,
		disc->port, isns ? "isns_config" : "st_config"));
}

int idbm_path_disc_link(char *out, size_t outsz, const char *root,
			const struct idbm_node *node)
{
	char dir[PATH_MAX];
	struct stat st;
	int rc;

	switch (node->disc_type) {
	case IDBM_DISC_STATIC:
		rc = idbm_fmt(dir, sizeof(dir),
			      snprintf(dir, sizeof(dir), "%s/static", root));
		break;
	case IDBM_DISC_FW:
		rc = idbm_fmt(dir, sizeof(dir),
			      snprintf(dir, sizeof(dir), "%s/fw", root));
		break;
	case IDBM_DISC_SENDTARGETS:
	case IDBM_DISC_ISNS:
		if (!idbm_name_ok(node->disc_address))
			return -EINVAL;
		rc = idbm_fmt(dir, sizeof(dir), snprintf(dir, sizeof(dir),
			"%s/%s/%s,%d", root,
			node->disc_type == IDBM_DISC_ISNS ? "isns" :
							    "send_targets",
			node->disc_address, node->disc_port));
		/* iSNS nodes found without a discoverydb record (plain
		 * -m discovery -t isns) are linked flat in isns/, as
		 * open-iscsi does. */
		if (!rc && node->disc_type == IDBM_DISC_ISNS &&
		    (stat(dir, &st) || !S_ISDIR(st.st_mode)))
			rc = idbm_fmt(dir, sizeof(dir), snprintf(dir,
				sizeof(dir), "%s/isns", root));
		break;
	default:
		return -ENOENT;
	}
	if (rc)
		return rc;
	if (!idbm_name_ok(node->name) || !idbm_name_ok(node->conn.address) ||
	    !idbm_name_ok(node->iface.name))
		return -EINVAL;
	return idbm_fmt(out, outsz, snprintf(out, outsz, "%s/%s,%s,%d,%d,%s",
		dir, node->name, node->conn.address, node->conn.port,
		node->tpgt, node->iface.name));
}
