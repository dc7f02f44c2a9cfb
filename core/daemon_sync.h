/* SPDX-License-Identifier: MIT */
/* daemon_sync.h - what a starting iscsid does with each kernel session
 * it finds in sysfs, as open-iscsi's session sync does: a session that
 * is up is adopted untouched (and its host scanned if its creator died
 * before doing it); one whose connection failed after it had
 * its disk is adopted and logged in again; one an earlier iscsid left
 * half made (killed in the middle of its first login: FREE, or FAILED
 * without a SCSI target, its creator gone) is torn down and, when its
 * node record is found, logged in afresh, scan included. */
#ifndef ISCSIBOX_DAEMON_SYNC_H
#define ISCSIBOX_DAEMON_SYNC_H

#include "transport/sysfs_session.h"

struct knl;

enum daemon_sync_verdict {
	DSYNC_SKIP,	/* not ours to touch (firmware, a live creator) */
	DSYNC_ADOPT,	/* up: take it over untouched */
	DSYNC_SCAN,	/* up, never scanned: take it over, scan the host */
	DSYNC_RECOVER,	/* failed: take it over and relogin */
	DSYNC_REDO,	/* half made: tear down, log in again */
};

enum daemon_sync_verdict daemon_sync_verdict(const struct sysfs_session *ss);
/* STOP_CONN (terminate) and DESTROY_CONN when it has a connection, then
 * DESTROY_SESSION; each a knl_call (bounded, see netlink.h).  0 or
 * -errno of the first refusal. */
int daemon_sync_teardown(struct knl *knl, const struct sysfs_session *ss);

#endif
