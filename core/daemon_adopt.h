/* SPDX-License-Identifier: MIT */
/* daemon_adopt.h - what iscsid learns about a kernel session it did not
 * create (iscsistart in the initramfs, an earlier iscsid): the kernel's
 * view of it (sysfs_session.h) and the node record it came from.  It
 * sends nothing and touches no daemon state: daemon.c inserts what it
 * finds. */
#ifndef ISCSIBOX_DAEMON_ADOPT_H
#define ISCSIBOX_DAEMON_ADOPT_H

#include <stdint.h>

#include "core/idbm.h"
#include "transport/sysfs_session.h"

struct daemon_adopt_src {
	const char *db_root;		/* node records */
	const char *config_file;	/* iscsid.conf, may be NULL */
	const char *initiatorname;	/* the host's, NULL if unknown */
};

/* Read session sid from sysfs and find its record: its node file (same
 * target, persistent portal and iface), else one built from iscsid.conf
 * and what sysfs shows.  0 with *ss filled and *node malloc'd (caller
 * owns); ISCSI_ERR_SESS_NOT_FOUND when sid is not a complete session
 * (sysfs_session_complete()); ISCSI_ERR_NOMEM. */
int daemon_adopt_read(const struct daemon_adopt_src *src, uint32_t sid,
		      struct sysfs_session *ss, struct idbm_node **node);

/* The node file ss came from (same target and iface; its persistent
 * portal, or the connection's address when a login never got that far):
 * 0 with *node malloc'd (caller owns), ISCSI_ERR_NO_OBJS_FOUND,
 * ISCSI_ERR_NOMEM.  No record is made up. */
int daemon_adopt_record(const struct daemon_adopt_src *src,
			const struct sysfs_session *ss,
			struct idbm_node **node);

#endif
