/* SPDX-License-Identifier: MIT */
/* iscsiadm_session.h - what the session and host modes of iscsiadm share:
 * the session tree printer (used by "-m session -P N" and, one tab deeper,
 * by "-m host -P N"), loading a session, and the node records a session
 * was made from. */
#ifndef ISCSIBOX_ISCSIADM_SESSION_H
#define ISCSIBOX_ISCSIADM_SESSION_H

#include "applets/iscsiadm.h"
#include "applets/iscsiadm_iscsid.h"
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

/* A session as the printers need it: sysfs data, its host, iscsid's view. */
struct adm_sess {
	struct sysfs_session s;
	struct sysfs_host host;
	int has_host;
	struct adm_sess_state st;
};

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

/* -m node -R / -s on the sessions matching -T/-p/-I. */
int adm_sess_node_op(const struct adm_opts *o);
int adm_session(const struct adm_opts *o);
int adm_host(const struct adm_opts *o);

#endif
