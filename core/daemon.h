/* SPDX-License-Identifier: MIT */
/* daemon.h - iscsid's session manager: every kernel session of this
 * host in one event loop, no threads.  It answers iscsiadm on the IPC
 * socket (ipc.h: login, logout, session state and counters, config,
 * stop; root only), logs sessions in concurrently, lets ksession recover
 * them after connection errors, and on start takes over the sessions
 * already in sysfs (iscsistart in the initramfs, an earlier iscsid):
 * those up untouched, failed ones recovered, half-made ones redone
 * (daemon_sync.h).
 *
 * Ownership: daemon_new() -> caller; the daemon owns listen_fd from then
 * on (closed on failure too).  daemon_delete() leaves every kernel
 * session running, as iscsid's shutdown does.  IPC_CMD_STOP makes the
 * daemon call loop_stop(loop, 0).  Errors are ISCSI_ERR_* values. */
#ifndef ISCSIBOX_DAEMON_H
#define ISCSIBOX_DAEMON_H

#include <stdint.h>

struct loop;
struct daemon;

struct daemon_cfg {
	const char *config_file;	/* iscsid.conf */
	const char *iname_file;		/* initiatorname.iscsi */
	const char *db_root;		/* node records: /etc/iscsi */
	/* Find (loading the module if needed) a kernel transport by name,
	 * as sysfs_transport_load(): 0 or -errno.  Supplied by the
	 * applet, which may exec. */
	int (*load_transport)(const char *name, uint64_t *handle,
			      uint32_t *caps, unsigned *flags);
};

int daemon_new(struct loop *loop, const struct daemon_cfg *cfg,
	       int listen_fd, struct daemon **out);
void daemon_delete(struct daemon *d);
/* Take over every session in sysfs that the daemon does not know yet
 * (daemon_sync.h); returns how many were adopted. */
int daemon_adopt_all(struct daemon *d);

#endif
