/* SPDX-License-Identifier: MIT */
/* iscsiadm_iscsid.h - iscsiadm's one way to iscsid (iscsiadm_iscsid.c):
 * a request on a connection of its own (a "job"), its answer awaited
 * later, so many logins or logouts can be in flight at once. */
#ifndef ISCSIBOX_ISCSIADM_ISCSID_H
#define ISCSIBOX_ISCSIADM_ISCSID_H

#include <stdint.h>

#include "core/idbm.h"
#include "core/ipc.h"

/* One request in flight; label names it in messages. */
struct adm_job {
	char label[IDBM_TARGET_MAX + IDBM_ADDR_MAX + 96];
	int fd;			/* -1 when no answer is awaited */
	int err;
};

/* What iscsid knows about a session that sysfs does not. */
struct adm_sess_state {
	char conn[32];		/* "LOGGED IN", ... or "Unknown" */
	char internal[32];	/* "NO CHANGE", ... or "Unknown" */
};

/* Connect to iscsid on its abstract socket, running iscsid.startup from
 * /etc/iscsi/iscsid.conf once if nobody listens, as open-iscsi does.
 * Prints open-iscsi's messages on failure.  Returns the connected fd
 * (caller closes) or -ISCSI_ERR_ISCSID_NOTCONN. */
int adm_iscsid_connect(void);

/* Send m on a new connection (startup: through adm_iscsid_connect, else
 * without starting iscsid).  0 with j->fd open, or the ISCSI_ERR_* after
 * printing why (j->fd -1). */
int adm_job_send(struct adm_job *j, const struct ipc_msg *m, int startup);

/* Await the answer to cmd (timeout_ms < 0: for ever) and close j->fd.
 * r (may be NULL) gets the answer without its record.  0, the error
 * iscsid answered, or ISCSI_ERR_ISCSID_COMM_ERR / _REQ_TIMEDOUT. */
int adm_job_wait(struct adm_job *j, uint16_t cmd, int timeout_ms,
		 struct ipc_msg *r);

/* "Could not <what> <label>." and the initiator's error, as open-iscsi. */
void adm_job_report(const char *what, const char *label, int err);

/* One request to iscsid and its answer (r->record is not kept).
 * Returns 0, the error iscsid answered, or ISCSI_ERR_ISCSID_NOTCONN /
 * _COMM_ERR / _REQ_TIMEDOUT (connect failures are printed). */
int adm_iscsid_request(const struct ipc_msg *m, struct ipc_msg *r);

/* Fill st from iscsid; "Unknown" for both when iscsid cannot be reached
 * (then the failure has been printed) or does not answer the query. */
void adm_iscsid_session_state(uint32_t sid, struct adm_sess_state *st);

#endif
