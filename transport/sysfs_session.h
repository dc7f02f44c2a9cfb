/* SPDX-License-Identifier: MIT */
/* sysfs_session.h - readers for the objects scsi_transport_iscsi and the
 * SCSI midlayer publish for iSCSI sessions: iscsi_session, iscsi_connection,
 * iscsi_host, scsi_host and the disks attached under a session:
 *   <root>/class/iscsi_session/sessionS  -> .../hostH/sessionS/iscsi_session/
 *   <root>/class/iscsi_connection/connectionS:0
 *   <root>/class/iscsi_host/hostH, <root>/class/scsi_host/hostH
 *   <root>/devices/.../hostH/sessionS/targetH:C:T/H:C:T:L/{state,block/sdX}
 *   <root>/bus/scsi/devices/H:C:T:L
 *
 * Contracts:
 *  - `root` is where sysfs is mounted; NULL means SYSFS_ROOT ("/sys").
 *    Tests point it at a fake tree in a temp directory.
 *  - Every attribute is untrusted text: read bounded, "(null)" / "<NULL>"
 *    (what the kernel prints for an unset string) read as "".  Numbers are
 *    taken as open-iscsi takes them (leading digits, "abc" is 0); an
 *    absent or empty number attribute is -1.
 *  - Lists are malloc'd arrays the caller frees; nothing keeps pointers.
 *  - Functions return 0 or -errno and never print.
 */
#ifndef ISCSIBOX_SYSFS_SESSION_H
#define ISCSIBOX_SYSFS_SESSION_H

#include <stddef.h>
#include <stdint.h>

#include "transport/sysfs.h"

#define SYSFS_NAME_MAX 224	/* iSCSI names, RFC 7143 §4.2.7.1 */
#define SYSFS_ADDR_MAX 128
#define SYSFS_SHORT_MAX 64
#define SYSFS_SECRET_MAX 256

/* root, or SYSFS_ROOT when root is NULL. */
const char *sysfs_session_root(const char *root);

struct sysfs_conn {
	char persistent_address[SYSFS_ADDR_MAX];
	int persistent_port;
	char address[SYSFS_ADDR_MAX];
	int port;
	int max_recv_dlength;
	int max_xmit_dlength;
	int header_digest;		/* 0 None, else CRC32C, -1 absent */
	int data_digest;
};

struct sysfs_session {
	uint32_t sid;
	uint32_t host_no;
	int has_host;			/* a hostH parent was found */
	char targetname[SYSFS_NAME_MAX];
	int tpgt;
	char state[SYSFS_SHORT_MAX];	/* LOGGED_IN, FAILED, FREE; "" */
	int creator;			/* -1: made by the kernel (firmware) */
	char username[SYSFS_SECRET_MAX];
	char password[SYSFS_SECRET_MAX];
	char username_in[SYSFS_SECRET_MAX];
	char password_in[SYSFS_SECRET_MAX];
	int recovery_tmo;
	int abort_tmo;
	int lu_reset_tmo;
	int tgt_reset_tmo;
	char initiatorname[SYSFS_NAME_MAX];
	char ifacename[SYSFS_SHORT_MAX];
	int first_burst_len;
	int max_burst_len;
	int immediate_data;
	int initial_r2t;
	int max_outstanding_r2t;
	int has_conn;			/* connectionS:0 exists */
	struct sysfs_conn conn;		/* open-iscsi only ever uses cid 0 */
};

struct sysfs_host {
	uint32_t host_no;
	char proc_name[SYSFS_SHORT_MAX];	/* "iscsi_tcp" */
	char state[SYSFS_SHORT_MAX];		/* "running", ... */
	char netdev[SYSFS_SHORT_MAX];
	char hwaddress[SYSFS_SHORT_MAX];
	char ipaddress[SYSFS_ADDR_MAX];
	char initiatorname[SYSFS_NAME_MAX];
	int on_scsi_bus;		/* bus/scsi/devices/hostN exists (where
					 * open-iscsi looks for its ifaces) */
};

/* One LUN under a session's SCSI target. */
struct sysfs_lun {
	uint32_t host, channel, id, lun;
	char state[SYSFS_SHORT_MAX];	/* bus/scsi/devices/H:C:T:L/state */
	char disk[SYSFS_SHORT_MAX];	/* "sdb", "" when no block device */
};

/* The numbers of class/iscsi_session/sessionN (or class/iscsi_host/hostN)
 * in alphasort order of the names (session10 before session2), as
 * open-iscsi lists them.  No class directory: 0 and *n = 0. */
int sysfs_session_list(const char *root, uint32_t **sids, size_t *n);
int sysfs_host_list(const char *root, uint32_t **hosts, size_t *n);

/* Read session sid and its connection 0.  -ENOENT when the session or its
 * targetname attribute is missing (open-iscsi: "could not read session
 * targetname: 5"). */
int sysfs_session_read(const char *root, uint32_t sid,
		       struct sysfs_session *s);
/* 1 when s is complete enough for a session manager to act on (adopt it,
 * log it out, match it to a record): it hangs off a SCSI host and its
 * connection 0 has a persistent portal (address, port 1..65535); else 0. */
int sysfs_session_complete(const struct sysfs_session *s);
/* s's iface name, "default" when the kernel has none. */
const char *sysfs_session_iface(const struct sysfs_session *s);

/* Read scsi_host/hostN and iscsi_host/hostN; -ENOENT if not there. */
int sysfs_host_read(const char *root, uint32_t host_no, struct sysfs_host *h);

/* The LUNs of the session's SCSI target in alphasort order of their
 * names, each with its disk.  *target is set to 1 when the session has a
 * targetH:C:T directory (no target: 0 LUNs, *target = 0). */
int sysfs_session_luns(const char *root, const struct sysfs_session *s,
		       struct sysfs_lun **luns, size_t *n, int *target);

/* Rescan a session's devices: "1" to every LUN's rescan attribute, then
 * "- - -" to the host's scan attribute. */
int sysfs_session_rescan(const char *root, const struct sysfs_session *s);

/* module/scsi_transport_iscsi/version ("2.0-870"). */
int sysfs_transport_version(const char *root, char *out, size_t outsz);

/* Find the session a sysfs directory belongs to (iscsiadm -r PATH):
 * realpath(path) must lie under root with at least two components below
 * it (-ENODEV: "could not get dev"), and some component, searched from
 * the deepest up, must start with "session" (-ESRCH otherwise).  *sid is
 * the number after "session", 0 when it is not a plain number.  `rel`
 * receives the path shown in the -ENODEV message (the part below root,
 * "" for root itself, the whole path when outside root). */
int sysfs_sid_from_path(const char *root, const char *path, uint32_t *sid,
			char *rel, size_t relsz);

#endif
