/* SPDX-License-Identifier: MIT */
/* sysfs.h - small sysfs readers/writers the kernel sessions need: the
 * transport's handle and caps, connection attributes, the host scan.
 * Everything read is untrusted text: bounded and strictly parsed. */
#ifndef ISCSIBOX_SYSFS_H
#define ISCSIBOX_SYSFS_H

#include <stddef.h>
#include <stdint.h>

#define SYSFS_ROOT "/sys"

/* Read a whole attribute (trailing newline removed). 0 or -errno. */
int sysfs_read(const char *path, char *buf, size_t n);
int sysfs_write(const char *path, const char *value);
/* /sys/class/iscsi_transport/NAME/{handle,caps}; -ENOENT if absent. */
int sysfs_transport(const char *name, uint64_t *handle, uint32_t *caps);
/* How a kernel transport differs from iscsi_tcp. */
#define SYSFS_TR_EP 0x1		/* the kernel connects (endpoint verbs) */
#define SYSFS_TR_RDMA 0x2	/* iSER login keys (RFC 7145 §6) */

/* A kernel transport we drive ("tcp" or "iser"): its handle and caps,
 * running "modprobe -q MODULE" first when it is not registered yet
 * (open-iscsi loads it through libkmod; modprobe does the same lookup),
 * and *flags (if not NULL) SYSFS_TR_* bits.  0, -EPROTONOSUPPORT for
 * any other name, or -errno. */
int sysfs_transport_load(const char *name, uint64_t *handle, uint32_t *caps,
			 unsigned *flags);
/* 1 if connectionSID:CID has a ping_tmo attribute (the kernel does the
 * NOP-Outs itself), 0 if not. */
int sysfs_conn_has_ping_tmo(uint32_t sid, uint32_t cid);
/* The netdev under ROOT/class/net whose address is mac (compared
 * without regard to case; of several, the one with the lowest ifindex),
 * copied to out[n].  0 or -ENODEV. */
int sysfs_netdev_by_mac(const char *root, const char *mac, char *out,
			size_t n);
/* Ask the SCSI midlayer to scan every channel/target/LUN of hostN. */
int sysfs_host_scan(uint32_t host_no);

#endif
