/* SPDX-License-Identifier: MIT */
/* sysfs.c - sysfs attribute access for kernel sessions and the netdev
 * lookups of iface binding and iBFT NICs (sysfs.h). */
#include "transport/sysfs.h"
#include "core/proc.h"
#include "core/num.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

int sysfs_read(const char *path, char *buf, size_t n)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t r;

	if (fd < 0)
		return -errno;
	r = read(fd, buf, n - 1);
	close(fd);
	if (r < 0)
		return -errno;
	buf[r] = '\0';
	while (r > 0 && (buf[r - 1] == '\n' || buf[r - 1] == ' '))
		buf[--r] = '\0';
	return 0;
}

int sysfs_write(const char *path, const char *value)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	size_t len = strlen(value);
	ssize_t w;

	if (fd < 0)
		return -errno;
	w = write(fd, value, len);
	close(fd);
	if (w < 0)
		return -errno;
	return (size_t)w == len ? 0 : -EIO;
}

int sysfs_transport(const char *name, uint64_t *handle, uint32_t *caps)
{
	char path[256], buf[64];
	uint64_t h, c;
	int rc;

	snprintf(path, sizeof(path),
		 SYSFS_ROOT "/class/iscsi_transport/%s/handle", name);
	rc = sysfs_read(path, buf, sizeof(buf));
	if (rc < 0)
		return rc;
	if (num_parse_u64(buf, 0, UINT64_MAX, &h) < 0)
		return -EINVAL;
	snprintf(path, sizeof(path),
		 SYSFS_ROOT "/class/iscsi_transport/%s/caps", name);
	rc = sysfs_read(path, buf, sizeof(buf));
	if (rc < 0)
		return rc;
	if (num_parse_iscsi(buf, 0, UINT32_MAX, &c) < 0) /* printed as 0x%x */
		return -EINVAL;
	*handle = h;
	*caps = (uint32_t)c;
	return 0;
}

/* The one place the transports differ: which module registers each
 * and who makes its connections. */
static const struct {
	const char *name, *module;
	unsigned flags;
} sysfs_transports[] = {
	{ "tcp", "iscsi_tcp", 0 },
	{ "iser", "ib_iser", SYSFS_TR_EP | SYSFS_TR_RDMA },
};

int sysfs_transport_load(const char *name, uint64_t *handle, uint32_t *caps,
			 unsigned *flags)
{
	char *modprobe[] = { "modprobe", "-q", NULL, NULL };
	size_t i;

	for (i = 0; i < sizeof(sysfs_transports) / sizeof(sysfs_transports[0]);
	     i++)
		if (!strcmp(name, sysfs_transports[i].name))
			break;
	if (i == sizeof(sysfs_transports) / sizeof(sysfs_transports[0]))
		return -EPROTONOSUPPORT;
	if (flags)
		*flags = sysfs_transports[i].flags;
	if (sysfs_transport(name, handle, caps) == 0)
		return 0;
	modprobe[2] = (char *)sysfs_transports[i].module;
	proc_run(modprobe);
	return sysfs_transport(name, handle, caps);
}

int sysfs_conn_has_ping_tmo(uint32_t sid, uint32_t cid)
{
	char path[256];

	snprintf(path, sizeof(path),
		 SYSFS_ROOT "/class/iscsi_connection/connection%u:%u/ping_tmo",
		 sid, cid);
	return access(path, F_OK) == 0;
}

int sysfs_host_scan(uint32_t host_no)
{
	char path[128];

	snprintf(path, sizeof(path), SYSFS_ROOT "/class/scsi_host/host%u/scan",
		 host_no);
	return sysfs_write(path, "- - -");
}

int sysfs_netdev_by_mac(const char *root, const char *mac, char *out,
			size_t n)
{
	char path[512], val[64];
	struct dirent *de;
	uint32_t idx, best = UINT32_MAX;
	DIR *d;

	snprintf(path, sizeof(path), "%s/class/net", root);
	d = opendir(path);
	if (!d)
		return -ENODEV;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.' || strlen(de->d_name) >= n)
			continue;
		snprintf(path, sizeof(path), "%s/class/net/%s/address", root,
			 de->d_name);
		if (sysfs_read(path, val, sizeof(val)) || strcasecmp(val, mac))
			continue;
		/* Ethernet devices only (ARPHRD_ETHER, type 1), as open-iscsi:
		 * lo and tunnels carry all-zero or borrowed addresses. */
		snprintf(path, sizeof(path), "%s/class/net/%s/type", root,
			 de->d_name);
		if (sysfs_read(path, val, sizeof(val)) || strcmp(val, "1"))
			continue;
		/* VLANs and bonds share their NIC's MAC: the oldest device
		 * (lowest ifindex) is the NIC, as open-iscsi's walk in
		 * ifindex order finds it first. */
		snprintf(path, sizeof(path), "%s/class/net/%s/ifindex", root,
			 de->d_name);
		if (sysfs_read(path, val, sizeof(val)) ||
		    num_parse_u32(val, 0, UINT32_MAX - 1, &idx) < 0)
			idx = UINT32_MAX - 1;
		if (idx < best) {
			best = idx;
			snprintf(out, n, "%s", de->d_name);
		}
	}
	closedir(d);
	return best == UINT32_MAX ? -ENODEV : 0;
}
