/* SPDX-License-Identifier: MIT */
/* daemon_sync.c - sorting the kernel sessions a starting iscsid finds
 * (daemon_sync.h) and removing the half-made ones. */
#include "core/daemon_sync.h"

#include "transport/netlink.h"
#include "transport/nlmsg.h"
#include "transport/sysfs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

/* The creator attribute is the netlink port of the process that made
 * the session: its pid for the first socket it opened.  -1: made by the
 * kernel (offload firmware).  A killed creator may linger as a zombie
 * until its parent reaps it: that one is dead too. */
static int dsync_creator_alive(int creator)
{
	char path[40], buf[256];
	const char *st;

	if (creator <= 0 || (pid_t)creator == getpid())
		return 0;
	snprintf(path, sizeof(path), "/proc/%d/stat", creator);
	if (sysfs_read(path, buf, sizeof(buf)) < 0)
		return 0;
	/* "pid (comm) S ...": the state follows the last ')'. */
	st = strrchr(buf, ')');
	return st && st[1] == ' ' && st[2] != 'Z' && st[2] != 'X';
}

/* 1 when the session got as far as its SCSI target (a login completed
 * and the host was scanned). */
static int dsync_has_target(const struct sysfs_session *ss)
{
	struct sysfs_lun *luns = NULL;
	size_t n = 0;
	int target = 0;

	if (sysfs_session_luns(NULL, ss, &luns, &n, &target) < 0)
		target = 0;
	free(luns);
	return target;
}

enum daemon_sync_verdict daemon_sync_verdict(const struct sysfs_session *ss)
{
	if (strcmp(ss->state, "LOGGED_IN") == 0) {
		if (!sysfs_session_complete(ss))
			return DSYNC_SKIP;
		/* Its creator died between START_CONN and the scan. */
		if (!dsync_has_target(ss) && ss->creator != -1 &&
		    !dsync_creator_alive(ss->creator))
			return DSYNC_SCAN;
		return DSYNC_ADOPT;
	}
	/* FAILED after it had been up: its disk waits for a relogin. */
	if (strcmp(ss->state, "FAILED") == 0 && sysfs_session_complete(ss) &&
	    dsync_has_target(ss))
		return DSYNC_RECOVER;
	/* FREE, or FAILED before its first login completed (the target
	 * gave up on the login its killed creator left hanging). */
	if (ss->creator == -1 || dsync_creator_alive(ss->creator))
		return DSYNC_SKIP;
	return DSYNC_REDO;
}

int daemon_sync_teardown(struct knl *knl, const struct sysfs_session *ss)
{
	const struct nlmsg_sender *snd = knl_sender(knl);
	uint8_t msg[NLMSG_ISCSI_HDR_LEN];
	struct nlmsg_reply r;
	int rc = 0, len;

	if (ss->has_conn) {
		len = nlmsg_stop_conn(msg, sizeof(msg), snd, ss->sid, 0,
				      ISCSI_STOP_CONN_TERM);
		if (len > 0)
			knl_call(knl, msg, (size_t)len,
				 ISCSI_UEVENT_STOP_CONN, &r);
		len = nlmsg_destroy_conn(msg, sizeof(msg), snd, ss->sid, 0);
		rc = len < 0 ? len :
			       knl_call(knl, msg, (size_t)len,
					ISCSI_UEVENT_DESTROY_CONN, &r);
	}
	if (rc == 0) {
		len = nlmsg_destroy_session(msg, sizeof(msg), snd, ss->sid);
		rc = len < 0 ? len :
			       knl_call(knl, msg, (size_t)len,
					ISCSI_UEVENT_DESTROY_SESSION, &r);
	}
	return rc;
}
