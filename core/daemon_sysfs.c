/* SPDX-License-Identifier: MIT */
/* daemon_sysfs.c - the kernel's view of its iSCSI sessions (daemon.h):
 * /sys/class/iscsi_session/sessionS and its connectionS:C, as iscsid
 * needs them to adopt a session and iscsiadm to pick what to log out.
 * Every value is sysfs text: bounded and strictly parsed. */
#include "core/daemon.h"

#include "core/errors.h"
#include "core/num.h"
#include "transport/sysfs.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DSYS_SESS_DIR SYSFS_ROOT "/class/iscsi_session"
#define DSYS_CONN_DIR SYSFS_ROOT "/class/iscsi_connection"

static int dsys_attr(const char *dir, const char *name, const char *attr,
		     char *out, size_t n)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s/%s", dir, name, attr);
	return sysfs_read(path, out, n);
}

static int dsys_num(const char *dir, const char *name, const char *attr,
		    long min, long max, long *v)
{
	char buf[32];

	if (dsys_attr(dir, name, attr, buf, sizeof(buf)) < 0)
		return -1;
	return num_parse_long(buf, min, max, v);
}

int daemon_sysfs_attr(uint32_t sid, const char *attr, char *out, size_t n)
{
	char sname[32];

	snprintf(sname, sizeof(sname), "session%u", sid);
	return dsys_attr(DSYS_SESS_DIR, sname, attr, out, n);
}

/* connection<sid>:<cid> of this session (iscsi_tcp has one). */
static int dsys_conn(struct daemon_ksinfo *k, char *name, size_t n)
{
	DIR *dir = opendir(DSYS_CONN_DIR);
	struct dirent *de;
	unsigned sid, cid;
	int rc = -1;

	if (!dir)
		return -1;
	while ((de = readdir(dir))) {
		if (sscanf(de->d_name, "connection%u:%u", &sid, &cid) == 2 &&
		    sid == k->sid) {
			k->cid = cid;
			snprintf(name, n, "%s", de->d_name);
			rc = 0;
			break;
		}
	}
	closedir(dir);
	return rc;
}

/* The host number is the "hostN" directory above the session device. */
static int dsys_host(struct daemon_ksinfo *k, const char *sname)
{
	char path[PATH_MAX], real[PATH_MAX];
	const char *p;

	snprintf(path, sizeof(path), "%s/%s", DSYS_SESS_DIR, sname);
	if (!realpath(path, real))
		return -1;
	for (p = strstr(real, "/host"); p; p = strstr(p + 1, "/host"))
		if (sscanf(p, "/host%u/", &k->host_no) == 1)
			return 0;
	return -1;
}

int daemon_sysfs_session(uint32_t sid, struct daemon_ksinfo *k)
{
	char sname[32], cname[256];
	long v;

	memset(k, 0, sizeof(*k));
	k->sid = sid;
	snprintf(sname, sizeof(sname), "session%u", sid);
	if (dsys_attr(DSYS_SESS_DIR, sname, "targetname", k->target,
		      sizeof(k->target)) < 0 ||
	    dsys_conn(k, cname, sizeof(cname)) < 0 ||
	    dsys_host(k, sname) < 0 ||
	    dsys_attr(DSYS_CONN_DIR, cname, "persistent_address", k->addr,
		      sizeof(k->addr)) < 0 ||
	    dsys_num(DSYS_CONN_DIR, cname, "persistent_port", 1, 65535,
		     &v) < 0)
		return ISCSI_ERR_SESS_NOT_FOUND;
	k->port = (int)v;
	k->tpgt = dsys_num(DSYS_SESS_DIR, sname, "tpgt", 0, 65535, &v) < 0 ?
			  -1 : (int)v;
	if (dsys_attr(DSYS_SESS_DIR, sname, "ifacename", k->iface,
		      sizeof(k->iface)) < 0 || !k->iface[0] ||
	    strcmp(k->iface, "<NULL>") == 0)
		snprintf(k->iface, sizeof(k->iface), "default");
	return 0;
}

static int dsys_cmp(const void *a, const void *b)
{
	char x[16], y[16];

	/* open-iscsi walks sessions in alphasort order of their names:
	 * session10 comes before session2. */
	snprintf(x, sizeof(x), "%u", *(const uint32_t *)a);
	snprintf(y, sizeof(y), "%u", *(const uint32_t *)b);
	return strcmp(x, y);
}

int daemon_sysfs_sids(uint32_t *sids, int max)
{
	DIR *dir = opendir(DSYS_SESS_DIR);
	struct dirent *de;
	unsigned sid;
	int n = 0;

	if (!dir)
		return 0;
	while ((de = readdir(dir)) && n < max)
		if (sscanf(de->d_name, "session%u", &sid) == 1)
			sids[n++] = sid;
	closedir(dir);
	qsort(sids, (size_t)n, sizeof(*sids), dsys_cmp);
	return n;
}
