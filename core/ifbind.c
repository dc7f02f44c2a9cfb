/* SPDX-License-Identifier: MIT */
/* ifbind.c - from an iface record's binding to a netdev (ifbind.h). */
#include "core/ifbind.h"

#include "core/log.h"
#include "transport/sysfs.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

int ifbind_is_set(const char *v)
{
	return v && v[0] && strcmp(v, "default");
}

int ifbind_netdev(const struct ifbind *b, const char *sysroot, char *out,
		  size_t n)
{
	out[0] = '\0';
	if (ifbind_is_set(b->hwaddress)) {
		if (sysfs_netdev_by_mac(sysroot, b->hwaddress, out, n) == 0)
			return 0;
		log_err("Cannot match %s to net/scsi interface.",
			b->hwaddress);
		return -ENODEV;
	}
	if (ifbind_is_set(b->netdev)) {
		snprintf(out, n, "%s", b->netdev);
		return 0;
	}
	if (ifbind_is_set(b->ipaddress)) {
		log_err("Cannot bind %s to net/scsi interface. This is not "
			"supported with software iSCSI (iscsi_tcp).",
			b->ipaddress);
		return -ENODEV;
	}
	return 0;
}
