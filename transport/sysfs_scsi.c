/* SPDX-License-Identifier: MIT */
/* sysfs_scsi.c - the SCSI side of an iSCSI session in sysfs
 * (sysfs_session.h): the LUNs and disks under a session's target, a
 * rescan, and finding the session a sysfs directory belongs to. */
#include "transport/sysfs_session.h"
#include "core/fsdir.h"
#include "core/fspath.h"
#include "core/num.h"
#include "transport/sysfs.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The first name in dir (alphasort) starting with prefix, or -ENOENT. */
static int scsi_first(const char *dir, const char *prefix, char *out,
		      size_t outsz)
{
	struct fs_dir d = { 0 };
	size_t i;
	int rc;

	rc = fs_dir_read(dir, &d);
	if (rc < 0)
		return rc;
	rc = -ENOENT;
	for (i = 0; i < d.n && rc == -ENOENT; i++) {
		const char *n = d.v[i].name;

		if (strncmp(n, prefix, strlen(prefix)) != 0)
			continue;
		rc = snprintf(out, outsz, "%s", n) < (int)outsz ? 0
								: -ENAMETOOLONG;
	}
	fs_dir_free(&d);
	return rc;
}

/* "H:C:T:L" with nothing else. */
static int scsi_parse_hctl(const char *name, struct sysfs_lun *l)
{
	uint32_t v[4];
	int i;

	for (i = 0; i < 4; i++) {
		if (num_scan_u32(&name, &v[i]) < 0)
			return -EINVAL;
		if (*name++ != (i < 3 ? ':' : '\0'))
			return -EINVAL;
	}
	l->host = v[0];
	l->channel = v[1];
	l->id = v[2];
	l->lun = v[3];
	return 0;
}

/* State and disk name of one LUN, from bus/scsi/devices/H:C:T:L: the
 * disk is a "block:sdX" link (old kernels) or the first entry of its
 * "block" directory. */
static void scsi_lun_read(const char *root, struct sysfs_lun *l)
{
	char dir[PATH_MAX], path[PATH_MAX + NAME_MAX + 2];
	char name[NAME_MAX + 1];

	snprintf(dir, sizeof(dir), "%s/bus/scsi/devices/%u:%u:%u:%u",
		 sysfs_session_root(root), l->host, l->channel, l->id, l->lun);
	snprintf(path, sizeof(path), "%s/state", dir);
	if (sysfs_read(path, l->state, sizeof(l->state)) < 0)
		l->state[0] = '\0';
	l->disk[0] = '\0';
	if (scsi_first(dir, "block", name, sizeof(name)) < 0)
		return;
	if (name[5] == ':') {
		snprintf(l->disk, sizeof(l->disk), "%.*s",
			 (int)sizeof(l->disk) - 1, name + 6);
		return;
	}
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (scsi_first(path, "", name, sizeof(name)) == 0)
		snprintf(l->disk, sizeof(l->disk), "%.*s",
			 (int)sizeof(l->disk) - 1, name);
}

int sysfs_session_luns(const char *root, const struct sysfs_session *s,
		       struct sysfs_lun **luns, size_t *n, int *target)
{
	char dir[PATH_MAX], real[PATH_MAX], tname[NAME_MAX + 1];
	struct fs_dir d = { 0 };
	struct sysfs_lun *out = NULL;
	size_t i, k = 0;
	int rc;

	*luns = NULL;
	*n = 0;
	*target = 0;
	snprintf(dir, sizeof(dir), "%s/class/iscsi_session/session%u/device",
		 sysfs_session_root(root), s->sid);
	rc = fs_realpath(dir, real);
	if (rc < 0)
		return rc;
	if (scsi_first(real, "target", tname, sizeof(tname)) < 0)
		return 0;
	*target = 1;
	if (snprintf(dir, sizeof(dir), "%s/%s", real, tname) >=
	    (int)sizeof(dir))
		return -ENAMETOOLONG;
	rc = fs_dir_read(dir, &d);
	if (rc < 0)
		return rc;
	if (d.n > 0 && !(out = calloc(d.n, sizeof(*out)))) {
		rc = -ENOMEM;
		goto out;
	}
	for (i = 0; i < d.n; i++) {
		if (scsi_parse_hctl(d.v[i].name, &out[k]) < 0)
			continue;
		scsi_lun_read(root, &out[k]);
		k++;
	}
	*luns = out;
	*n = k;
out:
	fs_dir_free(&d);
	return rc;
}

int sysfs_session_rescan(const char *root, const struct sysfs_session *s)
{
	struct sysfs_lun *luns = NULL;
	char path[PATH_MAX];
	size_t n = 0, i;
	int target, rc;

	if (!s->has_host)
		return -ENODEV;
	if (sysfs_session_luns(root, s, &luns, &n, &target) == 0) {
		for (i = 0; i < n; i++) {
			snprintf(path, sizeof(path),
				 "%s/bus/scsi/devices/%u:%u:%u:%u/rescan",
				 sysfs_session_root(root), luns[i].host,
				 luns[i].channel, luns[i].id, luns[i].lun);
			sysfs_write(path, "1");	/* best effort */
		}
	}
	free(luns);
	snprintf(path, sizeof(path), "%s/class/scsi_host/host%u/scan",
		 sysfs_session_root(root), s->host_no);
	rc = sysfs_write(path, "- - -");
	return rc;
}

int sysfs_sid_from_path(const char *root, const char *path, uint32_t *sid,
			char *rel, size_t relsz)
{
	char real[PATH_MAX], rroot[PATH_MAX], *r, *c;
	size_t rl;
	int parts = 0, rc;

	rc = fs_realpath(path, real);
	if (rc < 0)
		return rc;
	rc = fs_realpath(sysfs_session_root(root), rroot);
	if (rc < 0)
		return rc;
	rl = strlen(rroot);
	if (strcmp(rroot, "/") == 0)
		r = real;
	else if (strncmp(real, rroot, rl) == 0 &&
		 (real[rl] == '/' || real[rl] == '\0'))
		r = real + rl;
	else
		r = NULL;
	snprintf(rel, relsz, "%s", r ? r : real);
	if (!r)
		return -ENODEV;
	for (c = r; *c; c++)
		parts += *c == '/' && c[1] && c[1] != '/';
	if (parts < 2)
		return -ENODEV;
	/* Components from the deepest up. */
	while ((c = strrchr(r, '/'))) {
		if (strncmp(c + 1, "session", 7) == 0) {
			if (c[8] < '0' || c[8] > '9' ||
			    num_parse_u32(c + 8, 0, UINT32_MAX, sid) < 0)
				*sid = 0;
			return 0;
		}
		*c = '\0';
	}
	return -ESRCH;
}
