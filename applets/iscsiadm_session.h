/* SPDX-License-Identifier: MIT */
/* iscsiadm_session.h - what the session and host modes of iscsiadm share:
 * the session tree printer (used by "-m session -P N" and, one tab deeper,
 * by "-m host -P N") and the one place that asks iscsid about a session. */
#ifndef ISCSIBOX_ISCSIADM_SESSION_H
#define ISCSIBOX_ISCSIADM_SESSION_H

#include "applets/iscsiadm.h"
#include "core/ipc.h"
#include "transport/sysfs_session.h"

#include <stddef.h>
#include <stdint.h>

/* Blocks of the session tree; open-iscsi's print levels pick sets:
 * session -P 1 IFACE, -P 2 +TIMEOUTS|CHAP|PARAMS, -P 3 +DISKS|HOSTLINE;
 * host -P 2 IFACE, -P 3 +PARAMS, -P 4 +DISKS. */
#define ADM_SP_IFACE 0x01
#define ADM_SP_TIMEOUTS 0x02
#define ADM_SP_CHAP 0x04
#define ADM_SP_PARAMS 0x08
#define ADM_SP_DISKS 0x10
#define ADM_SP_HOSTLINE 0x20	/* "Host Number: H\tState: S" in DISKS */
#define ADM_SP_SECRETS 0x40	/* -S: CHAP secrets in clear */

/* What iscsid knows about a session that sysfs does not. */
struct adm_sess_state {
	char conn[32];		/* "LOGGED IN", ... or "Unknown" */
	char internal[32];	/* "NO CHANGE", ... or "Unknown" */
};

/* A session as the printers need it: sysfs data, its host, iscsid's view. */
struct adm_sess {
	struct sysfs_session s;
	struct sysfs_host host;
	int has_host;
	struct adm_sess_state st;
};

/* Connect to iscsid on its abstract socket, running iscsid.startup from
 * /etc/iscsi/iscsid.conf once if nobody listens, as open-iscsi does.
 * Prints open-iscsi's messages on failure.  Returns the connected fd
 * (caller closes) or -ISCSI_ERR_ISCSID_NOTCONN. */
int adm_iscsid_connect(void);

/* One request to iscsid and its answer (r->record is not kept).
 * Returns 0, the error iscsid answered, or ISCSI_ERR_ISCSID_NOTCONN /
 * _COMM_ERR / _REQ_TIMEDOUT (connect failures are printed). */
int adm_iscsid_request(const struct ipc_msg *m, struct ipc_msg *r);

/* Fill st from iscsid; "Unknown" for both when iscsid cannot be reached
 * (then the failure has been printed) or does not answer the query. */
void adm_iscsid_session_state(uint32_t sid, struct adm_sess_state *st);

/* Read session sid, its host and (with query) iscsid's state.
 * 0, -ENOENT (no such session / no targetname) or -ENOTCONN (no
 * connection 0: the session is being torn down, lists skip it). */
int adm_sess_load(const char *root, uint32_t sid, int query,
		  struct adm_sess *a);

/* "tcp" from scsi_host proc_name "iscsi_tcp". */
const char *adm_transport_name(const struct sysfs_host *h, int has_host);

/* Print sessions as a tree, each level `indent` tabs deeper; a run of
 * sessions to the same target prints the Target line once, and the same
 * portal again prints an empty line instead of the portal lines. */
void adm_sess_tree(const char *root, const struct adm_sess *v, size_t n,
		   unsigned flags, int indent);

/* "iSCSI Transport Class version V" + "version 2.1.8" (-P 3 / host -P 4). */
void adm_print_versions(const char *root);

/* -m session -r SID without a tree: the node records the session was
 * made from (same target, persistent portal and iface): print them, or
 * with -o new log in again, -o delete refuse (the session uses them),
 * -o update apply -n/-v.  "No records found" (21) when none match. */
int adm_sess_records(const struct adm_opts *o, const struct adm_sess *a);

/* -r: a session number or a sysfs directory of (or below) a session.
 * Returns 0 with *sid or the exit code, after printing the reason. */
int adm_sess_parse_sid(const char *arg, uint32_t *sid);

/* Log in once more with each of nodes[0..n) even though sessions of
 * theirs exist (-m session -r SID -o new): "Logging in to ...
 * (multiple)" lines, then the results; the exit code of the first
 * failure.  Reaches iscsid as adm_iscsid_connect() does. */
struct idbm_node;
int adm_login_multiple(const struct adm_opts *o, struct idbm_node *nodes,
		       int n);

/* -r SID (other than a tree): a session bound to an iface other than
 * the built-in ones needs that iface's record.  0 (also when the session
 * cannot be read), or ISCSI_ERR_NOMEM (sic) after open-iscsi's message. */
int adm_sess_check_iface(uint32_t sid);

/* -m node -R / -s on the sessions matching -T/-p/-I. */
int adm_sess_node_op(const struct adm_opts *o);
int adm_session(const struct adm_opts *o);
int adm_host(const struct adm_opts *o);

#endif
