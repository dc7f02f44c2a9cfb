/* SPDX-License-Identifier: MIT */
/* daemon.h - iscsid's session manager: every kernel session of this
 * host in one event loop, no threads.  It answers iscsiadm on the IPC
 * socket (ipc.h: login, logout, session state and counters, config,
 * stop; root only), logs sessions in concurrently, lets ksession recover
 * them after connection errors, and on start adopts the sessions already
 * in sysfs (iscsistart in the initramfs, an earlier iscsid) without
 * touching them.
 *
 * Ownership: daemon_new() -> caller; the daemon owns listen_fd from then
 * on.  daemon_delete() leaves every kernel session running, as iscsid's
 * shutdown does.  IPC_CMD_STOP makes the daemon call loop_stop(loop, 0). */
#ifndef ISCSIBOX_DAEMON_H
#define ISCSIBOX_DAEMON_H

#include <stddef.h>
#include <stdint.h>

#include "core/idbm.h"

struct loop;
struct daemon;

struct daemon_cfg {
	const char *config_file;	/* iscsid.conf */
	const char *iname_file;		/* initiatorname.iscsi */
	const char *db_root;		/* node records: /etc/iscsi */
	/* Find (loading the module if needed) the tcp transport:
	 * 0 or -errno.  Supplied by the applet, which may exec. */
	int (*load_transport)(uint64_t *handle, uint32_t *caps);
};

int daemon_new(struct loop *loop, const struct daemon_cfg *cfg,
	       int listen_fd, struct daemon **out);
void daemon_delete(struct daemon *d);
/* A kernel session as sysfs shows it. */
struct daemon_ksinfo {
	uint32_t sid, cid, host_no;
	char target[IDBM_TARGET_MAX];
	char addr[IDBM_ADDR_MAX];	/* persistent_address */
	int port;			/* persistent_port */
	int tpgt;			/* -1 if unreadable */
	char iface[IDBM_IFACE_NAME_MAX];	/* "default" if unset */
};

/* 0, or ISCSI_ERR_SESS_NOT_FOUND when sessionSID is absent or lacks
 * what is needed. */
int daemon_sysfs_session(uint32_t sid, struct daemon_ksinfo *k);
/* One session attribute (trailing newline removed); 0 or -errno. */
int daemon_sysfs_attr(uint32_t sid, const char *attr, char *out, size_t n);
/* The sids in sysfs, in open-iscsi's order (alphasort of the names);
 * returns how many (at most max). */
int daemon_sysfs_sids(uint32_t *sids, int max);
/* Adopt every session in sysfs that the daemon does not know yet;
 * returns how many were adopted. */
int daemon_adopt_all(struct daemon *d);

#endif
