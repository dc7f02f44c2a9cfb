/* SPDX-License-Identifier: MIT */
/* sysfs_session.c - read iSCSI sessions, connections and hosts from sysfs
 * (sysfs_session.h): the attributes scsi_transport_iscsi exports for each
 * session and connection and iscsi_tcp's host attributes. */
#include "transport/sysfs_session.h"
#include "transport/sysfs.h"
#include "core/fsdir.h"
#include "core/fspath.h"
#include "core/num.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *sysfs_session_root(const char *root)
{
	return root ? root : SYSFS_ROOT;
}

/* A string attribute: "" when absent or unset ("(null)", "<NULL>"). */
static void ss_str(const char *dir, const char *attr, char *out, size_t n)
{
	char path[PATH_MAX];

	out[0] = '\0';
	if (snprintf(path, sizeof(path), "%s/%s", dir, attr) >=
	    (int)sizeof(path))
		return;
	if (sysfs_read(path, out, n) < 0 || strcmp(out, "(null)") == 0 ||
	    strcmp(out, "<NULL>") == 0)
		out[0] = '\0';
}

/* A number attribute as open-iscsi reads it: leading blanks, a sign and
 * digits ("abc" is 0); -1 when absent or empty. */
static int ss_int(const char *dir, const char *attr)
{
	char buf[32];
	long v;

	ss_str(dir, attr, buf, sizeof(buf));
	if (!buf[0])
		return -1;
	v = num_strtol(buf, NULL, NULL);
	if (v > INT_MAX)
		return INT_MAX;
	if (v < INT_MIN)
		return INT_MIN;
	return (int)v;
}

/* Parse "<prefix><u32>" with nothing after the number. */
static int ss_name_num(const char *name, const char *prefix, uint32_t *out)
{
	size_t pl = strlen(prefix);

	if (strncmp(name, prefix, pl) != 0 || name[pl] < '0' ||
	    name[pl] > '9')
		return -EINVAL;
	return num_parse_u32(name + pl, 0, UINT32_MAX, out) < 0 ? -EINVAL : 0;
}

/* Numbers of <root>/class/<cls>/<prefix>N in alphasort order. */
static int ss_class_list(const char *root, const char *cls,
			 const char *prefix, uint32_t **out, size_t *n)
{
	char path[PATH_MAX];
	struct fs_dir d = { 0 };
	uint32_t *nums = NULL;
	size_t i, k = 0;
	int rc;

	*out = NULL;
	*n = 0;
	snprintf(path, sizeof(path), "%s/class/%s",
		 sysfs_session_root(root), cls);
	rc = fs_dir_read(path, &d);
	if (rc < 0)
		return rc == -ENOENT ? 0 : rc;
	if (d.n > 0) {
		nums = calloc(d.n, sizeof(*nums));
		if (!nums) {
			rc = -ENOMEM;
			goto out;
		}
	}
	for (i = 0; i < d.n; i++)
		if (ss_name_num(d.v[i].name, prefix, &nums[k]) == 0)
			k++;
	*out = nums;
	*n = k;
out:
	fs_dir_free(&d);
	return rc;
}

int sysfs_session_list(const char *root, uint32_t **sids, size_t *n)
{
	return ss_class_list(root, "iscsi_session", "session", sids, n);
}

int sysfs_host_list(const char *root, uint32_t **hosts, size_t *n)
{
	return ss_class_list(root, "iscsi_host", "host", hosts, n);
}

/* The SCSI host a session hangs off: the nearest parent of its device
 * directory named hostN. */
static int ss_find_host(const char *sess_dir, uint32_t *host_no)
{
	char real[PATH_MAX], *slash;
	int rc;

	rc = fs_realpath(sess_dir, real);
	if (rc < 0)
		return rc;
	while ((slash = strrchr(real, '/')) && slash != real) {
		if (ss_name_num(slash + 1, "host", host_no) == 0)
			return 0;
		*slash = '\0';
	}
	return -ENOENT;
}

static void ss_conn_read(const char *dir, struct sysfs_conn *c)
{
	ss_str(dir, "persistent_address", c->persistent_address,
	       sizeof(c->persistent_address));
	c->persistent_port = ss_int(dir, "persistent_port");
	ss_str(dir, "address", c->address, sizeof(c->address));
	c->port = ss_int(dir, "port");
	c->max_recv_dlength = ss_int(dir, "max_recv_dlength");
	c->max_xmit_dlength = ss_int(dir, "max_xmit_dlength");
	c->header_digest = ss_int(dir, "header_digest");
	c->data_digest = ss_int(dir, "data_digest");
}

int sysfs_session_read(const char *root, uint32_t sid,
		       struct sysfs_session *s)
{
	char dir[PATH_MAX], cdir[PATH_MAX];
	const char *r = sysfs_session_root(root);

	memset(s, 0, sizeof(*s));
	s->sid = sid;
	snprintf(dir, sizeof(dir), "%s/class/iscsi_session/session%u", r,
		 sid);
	ss_str(dir, "targetname", s->targetname, sizeof(s->targetname));
	if (!s->targetname[0])
		return -ENOENT;
	s->has_host = ss_find_host(dir, &s->host_no) == 0;
	s->tpgt = ss_int(dir, "tpgt");
	ss_str(dir, "state", s->state, sizeof(s->state));
	s->creator = ss_int(dir, "creator");
	ss_str(dir, "username", s->username, sizeof(s->username));
	ss_str(dir, "password", s->password, sizeof(s->password));
	ss_str(dir, "username_in", s->username_in, sizeof(s->username_in));
	ss_str(dir, "password_in", s->password_in, sizeof(s->password_in));
	s->recovery_tmo = ss_int(dir, "recovery_tmo");
	s->abort_tmo = ss_int(dir, "abort_tmo");
	s->lu_reset_tmo = ss_int(dir, "lu_reset_tmo");
	s->tgt_reset_tmo = ss_int(dir, "tgt_reset_tmo");
	ss_str(dir, "initiatorname", s->initiatorname,
	       sizeof(s->initiatorname));
	ss_str(dir, "ifacename", s->ifacename, sizeof(s->ifacename));
	s->first_burst_len = ss_int(dir, "first_burst_len");
	s->max_burst_len = ss_int(dir, "max_burst_len");
	s->immediate_data = ss_int(dir, "immediate_data");
	s->initial_r2t = ss_int(dir, "initial_r2t");
	s->max_outstanding_r2t = ss_int(dir, "max_outstanding_r2t");
	snprintf(cdir, sizeof(cdir),
		 "%s/class/iscsi_connection/connection%u:0", r, sid);
	s->has_conn = access(cdir, F_OK) == 0;
	if (s->has_conn)
		ss_conn_read(cdir, &s->conn);
	return 0;
}

int sysfs_session_complete(const struct sysfs_session *s)
{
	return s->has_host && s->has_conn && s->conn.persistent_address[0] &&
	       s->conn.persistent_port >= 1 && s->conn.persistent_port <= 65535;
}

const char *sysfs_session_iface(const struct sysfs_session *s)
{
	return s->ifacename[0] ? s->ifacename : "default";
}

int sysfs_host_read(const char *root, uint32_t host_no, struct sysfs_host *h)
{
	char dir[PATH_MAX];
	const char *r = sysfs_session_root(root);

	memset(h, 0, sizeof(*h));
	h->host_no = host_no;
	snprintf(dir, sizeof(dir), "%s/class/iscsi_host/host%u", r, host_no);
	if (access(dir, F_OK) != 0)
		return -ENOENT;
	ss_str(dir, "netdev", h->netdev, sizeof(h->netdev));
	ss_str(dir, "hwaddress", h->hwaddress, sizeof(h->hwaddress));
	ss_str(dir, "ipaddress", h->ipaddress, sizeof(h->ipaddress));
	ss_str(dir, "initiatorname", h->initiatorname,
	       sizeof(h->initiatorname));
	/* open-iscsi finds a host's ifaces through the SCSI bus; a host
	 * without iscsi_iface entries (software tcp) is normal and silent. */
	snprintf(dir, sizeof(dir), "%s/bus/scsi/devices/host%u", r, host_no);
	h->on_scsi_bus = access(dir, F_OK) == 0;
	snprintf(dir, sizeof(dir), "%s/class/scsi_host/host%u", r, host_no);
	ss_str(dir, "proc_name", h->proc_name, sizeof(h->proc_name));
	ss_str(dir, "state", h->state, sizeof(h->state));
	return 0;
}

int sysfs_transport_version(const char *root, char *out, size_t outsz)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/module/scsi_transport_iscsi/version",
		 sysfs_session_root(root));
	return sysfs_read(path, out, outsz);
}
