/* SPDX-License-Identifier: MIT */
/* daemon_adopt.c - take over sessions iscsid did not create: read what
 * the kernel knows of them from sysfs (target, portal, iface, host,
 * connection), find the node record they came from (else rebuild one
 * from iscsid.conf and sysfs), and hand them to ksess_adopt(), which
 * sends nothing: the session keeps running untouched until it fails
 * (then it is recovered) or is logged out. */
#include "core/daemon_int.h"

#include "core/errors.h"
#include "core/idbm_db.h"
#include "core/ksession.h"
#include "core/log.h"
#include "core/nodecfg.h"
#include "core/num.h"
#include "transport/sysfs.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ADOPT_SESS_DIR SYSFS_ROOT "/class/iscsi_session"
#define ADOPT_CONN_DIR SYSFS_ROOT "/class/iscsi_connection"

struct adopt_info {
	uint32_t sid, cid, host_no;
	char target[IDBM_TARGET_MAX];
	char addr[IDBM_ADDR_MAX];
	int port, tpgt;
	char iface[IDBM_IFACE_NAME_MAX];
	struct idbm_node *node;		/* filled by the record walk */
};

static int adopt_attr(const char *dir, const char *name, const char *attr,
		      char *out, size_t n)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s/%s", dir, name, attr);
	return sysfs_read(path, out, n);
}

static int adopt_num(const char *dir, const char *name, const char *attr,
		     long min, long max, long *v)
{
	char buf[32];

	if (adopt_attr(dir, name, attr, buf, sizeof(buf)) < 0)
		return -1;
	return num_parse_long(buf, min, max, v);
}

/* connection<sid>:<cid> of this session (iscsi_tcp has one). */
static int adopt_conn(struct adopt_info *a, char *name, size_t n)
{
	DIR *dir = opendir(ADOPT_CONN_DIR);
	struct dirent *de;
	unsigned sid, cid;
	int rc = -1;

	if (!dir)
		return -1;
	while ((de = readdir(dir))) {
		if (sscanf(de->d_name, "connection%u:%u", &sid, &cid) == 2 &&
		    sid == a->sid) {
			a->cid = cid;
			snprintf(name, n, "%s", de->d_name);
			rc = 0;
			break;
		}
	}
	closedir(dir);
	return rc;
}

/* The host number is the "hostN" directory above the session device. */
static int adopt_host(struct adopt_info *a, const char *sname)
{
	char path[PATH_MAX], real[PATH_MAX];
	const char *p;

	snprintf(path, sizeof(path), "%s/%s", ADOPT_SESS_DIR, sname);
	if (!realpath(path, real))
		return -1;
	for (p = strstr(real, "/host"); p; p = strstr(p + 1, "/host"))
		if (sscanf(p, "/host%u/", &a->host_no) == 1)
			return 0;
	return -1;
}

static int adopt_read(struct adopt_info *a)
{
	char sname[32], cname[64];
	long v;

	snprintf(sname, sizeof(sname), "session%u", a->sid);
	if (adopt_attr(ADOPT_SESS_DIR, sname, "targetname", a->target,
		       sizeof(a->target)) < 0 ||
	    adopt_conn(a, cname, sizeof(cname)) < 0 ||
	    adopt_host(a, sname) < 0 ||
	    adopt_attr(ADOPT_CONN_DIR, cname, "persistent_address", a->addr,
		       sizeof(a->addr)) < 0 ||
	    adopt_num(ADOPT_CONN_DIR, cname, "persistent_port", 1, 65535,
		      &v) < 0)
		return ISCSI_ERR_SESS_NOT_FOUND;
	a->port = (int)v;
	a->tpgt = adopt_num(ADOPT_SESS_DIR, sname, "tpgt", 0, 65535, &v) < 0 ?
			  -1 : (int)v;
	if (adopt_attr(ADOPT_SESS_DIR, sname, "ifacename", a->iface,
		       sizeof(a->iface)) < 0 || !a->iface[0] ||
	    strcmp(a->iface, "<NULL>") == 0)
		snprintf(a->iface, sizeof(a->iface), "default");
	return 0;
}

static int adopt_match(const struct idbm_loc *loc, void *arg)
{
	struct adopt_info *a = arg;
	char msg[256];

	if (strcmp(loc->target, a->target) || strcmp(loc->address, a->addr) ||
	    loc->port != a->port ||
	    (loc->iface[0] && strcmp(loc->iface, a->iface)))
		return 0;
	if (idbm_node_read(loc->path, a->node, msg, sizeof(msg)) != 0)
		return 0;
	return 1;
}

/* The session's record: its node file, or iscsid.conf + sysfs. */
static void adopt_node(struct daemon *d, struct adopt_info *a)
{
	struct idbm_node *n = a->node;
	char sname[32], msg[256];
	long v;

	if (idbm_node_foreach(d->cfg.db_root, adopt_match, a) == 1)
		return;
	idbm_node_init(n);
	if (d->cfg.config_file)
		config_apply_file(IDBM_KIND_NODE, n, d->cfg.config_file, msg,
				  sizeof(msg));
	snprintf(n->name, sizeof(n->name), "%s", a->target);
	snprintf(n->conn.address, sizeof(n->conn.address), "%s", a->addr);
	n->conn.port = a->port;
	n->tpgt = a->tpgt;
	snprintf(n->iface.name, sizeof(n->iface.name), "%s", a->iface);
	snprintf(sname, sizeof(sname), "session%u", a->sid);
	adopt_attr(ADOPT_SESS_DIR, sname, "initiatorname",
		   n->iface.initiatorname, sizeof(n->iface.initiatorname));
	if (adopt_attr(ADOPT_SESS_DIR, sname, "username",
		       n->session.auth.username,
		       sizeof(n->session.auth.username)) == 0 &&
	    n->session.auth.username[0] &&
	    strcmp(n->session.auth.username, "(null)") != 0) {
		n->session.auth.authmethod = IDBM_AUTH_CHAP;
		adopt_attr(ADOPT_SESS_DIR, sname, "password",
			   n->session.auth.password,
			   sizeof(n->session.auth.password));
	} else {
		n->session.auth.username[0] = '\0';
	}
	if (adopt_num(ADOPT_SESS_DIR, sname, "recovery_tmo", -1, 1 << 30,
		      &v) == 0)
		n->session.replacement_timeout = (int)v;
}

int daemon_adopt(struct daemon *d, uint32_t sid, struct dsess **out)
{
	struct adopt_info a;
	struct ksess_cfg kc;
	struct dsess *s;
	int rc;

	memset(&a, 0, sizeof(a));
	a.sid = sid;
	rc = adopt_read(&a);
	if (rc)
		return rc;
	rc = daemon_knl(d);
	if (rc)
		return rc;
	a.node = malloc(sizeof(*a.node));
	if (!a.node)
		return ISCSI_ERR_NOMEM;
	adopt_node(d, &a);
	if (!a.node->iface.initiatorname[0] && d->have_ini)
		memcpy(a.node->iface.initiatorname, d->ini.name,
		       sizeof(a.node->iface.initiatorname));
	s = nodecfg_ksess(&kc, a.node, d->caps) < 0 ? NULL :
						      daemon_sess_add(d, a.node);
	if (!s) {
		free(a.node);
		return ISCSI_ERR_INTERNAL;
	}
	kc.logout_timeout = a.node->conn.logout_timeout > 0 ?
				    (unsigned)a.node->conn.logout_timeout : 15;
	s->ks = ksess_adopt(d->loop, d->knl, d->rng, &kc, sid, a.cid,
			    a.host_no);
	if (!s->ks) {
		s->dead = 1;
		daemon_reap_soon(d);
		return ISCSI_ERR_NOMEM;
	}
	log_info("adopted session%u [target: %s, portal: %s,%d] on host%u",
		 sid, a.target, a.addr, a.port, a.host_no);
	*out = s;
	return 0;
}

int daemon_adopt_all(struct daemon *d)
{
	DIR *dir = opendir(ADOPT_SESS_DIR);
	struct dirent *de;
	struct dsess *s;
	unsigned sid;
	int n = 0;

	if (!dir)
		return 0;
	while ((de = readdir(dir)))
		if (sscanf(de->d_name, "session%u", &sid) == 1 &&
		    !daemon_find_sid(d, sid) && daemon_adopt(d, sid, &s) == 0)
			n++;
	closedir(dir);
	return n;
}
