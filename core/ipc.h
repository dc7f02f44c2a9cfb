/* SPDX-License-Identifier: MIT */
/* ipc.h - the iscsiadm <-> iscsid protocol of iscsibox.  open-iscsi's
 * request embeds its private node_rec_t, so it only works between
 * identical builds; we only need our own iscsiadm and iscsid to agree and
 * use our own framing on the same abstract socket name:
 *
 *   header (16 bytes, big-endian)
 *     0  u32 magic "ISBX"
 *     4  u16 command (IPC_CMD_*, numbered as open-iscsi's commands)
 *     6  u16 flags   (IPC_F_REPLY)
 *     8  i32 err     (replies: ISCSI_ERR_*, 0 in requests)
 *    12  u32 payload length (<= IPC_PAYLOAD_MAX)
 *   payload: items { u16 tag, u16 length, bytes }, each tag at most once;
 *   unknown tags are skipped so either side may grow.
 *
 * Decoding trusts nothing: lengths are bounded, strings must be
 * NUL-free and are returned NUL-terminated.  Nothing here does I/O. */
#ifndef ISCSIBOX_IPC_H
#define ISCSIBOX_IPC_H

#include <stddef.h>
#include <stdint.h>

#define IPC_SOCKET_NAME "ISCSIADM_ABSTRACT_NAMESPACE"
#define IPC_MAGIC 0x49534258u		/* "ISBX" */
#define IPC_HDR_LEN 16u
#define IPC_PAYLOAD_MAX (80u * 1024u)	/* a node record is <= 64 KiB */
#define IPC_MSG_MAX (IPC_HDR_LEN + IPC_PAYLOAD_MAX)
#define IPC_F_REPLY 0x0001u
#define IPC_F_MULTIPLE 0x0002u		/* LOGIN: another session even if
					 * the record has one already */
#define IPC_TEXT_MAX 256

enum ipc_cmd {
	IPC_CMD_LOGIN = 1,		/* record -> sid */
	IPC_CMD_LOGOUT = 2,		/* sid */
	IPC_CMD_CONFIG_INAME = 8,	/* -> text */
	IPC_CMD_CONFIG_IALIAS = 9,	/* -> text */
	IPC_CMD_CONFIG_FILE = 10,	/* -> text */
	IPC_CMD_SESSION_STATS = 7,	/* sid -> counters */
	IPC_CMD_STOP = 11,		/* iscsiadm -k */
	IPC_CMD_SESSION_INFO = 13,	/* sid -> conn/session state */
};

enum ipc_tag {
	IPC_T_SID = 1,			/* u32 */
	IPC_T_RECORD = 2,		/* node record text (idbm file format) */
	IPC_T_TEXT = 3,			/* string, < IPC_TEXT_MAX */
	IPC_T_CONN_STATE = 4,		/* u32 */
	IPC_T_SESS_STATE = 5,		/* u32 */
	IPC_T_PRIORITY = 6,		/* u32, -k N */
	IPC_T_STATS = 7,		/* IPC_STATS_N x u64 */
	IPC_T_STATS_CUSTOM = 8,		/* n x { char[64] NUL-padded, u64 } */
};

/* Which optional items a message carries. */
#define IPC_HAS_SID 0x01u
#define IPC_HAS_RECORD 0x02u
#define IPC_HAS_TEXT 0x04u
#define IPC_HAS_STATE 0x08u
#define IPC_HAS_PRIORITY 0x10u
#define IPC_HAS_STATS 0x20u

/* SESSION_STATS: the kernel's struct iscsi_stats counters in its order
 * (txdata_octets ... timeout_err; names from ipc_stats_name), then up to
 * IPC_CUSTOM_MAX driver-specific counters, as open-iscsi passes them. */
#define IPC_STATS_N 21
#define IPC_CUSTOM_MAX 32
#define IPC_CUSTOM_DESC 64

struct ipc_stat_custom {
	char desc[IPC_CUSTOM_DESC];	/* NUL-terminated */
	uint64_t value;
};

struct ipc_msg {
	uint16_t cmd;
	uint16_t flags;
	int32_t err;
	unsigned has;			/* IPC_HAS_* */
	uint32_t sid;
	const char *record;		/* lent: into the decoded buffer */
	size_t record_len;		/* no NUL counted */
	char text[IPC_TEXT_MAX];
	uint32_t conn_state, sess_state;
	uint32_t priority;
	uint64_t stats[IPC_STATS_N];
	uint32_t n_custom;
	struct ipc_stat_custom custom[IPC_CUSTOM_MAX];
};

/* SESSION_INFO values: open-iscsi's connection states and iscsid
 * session stages, so "iscsiadm -m session -P 1" prints its words. */
enum ipc_conn_state {
	IPC_CONN_FREE,
	IPC_CONN_XPT_WAIT,
	IPC_CONN_IN_LOGIN,
	IPC_CONN_LOGGED_IN,
	IPC_CONN_IN_LOGOUT,
	IPC_CONN_LOGOUT_REQUESTED,
	IPC_CONN_CLEANUP_WAIT,
};

enum ipc_sess_state {
	IPC_SESS_NO_CHANGE,
	IPC_SESS_CLEANUP,
	IPC_SESS_REOPEN,
	IPC_SESS_REDIRECT,
};

/* "LOGGED IN", "NO CHANGE", ...; "Unknown" when out of range. */
const char *ipc_conn_state_str(uint32_t state);
const char *ipc_sess_state_str(uint32_t state);
/* "txdata_octets", ... for stats[i]; NULL when i >= IPC_STATS_N. */
const char *ipc_stats_name(unsigned i);

/* Build msg into buf. Returns the length or -ENOSPC / -EINVAL. */
int ipc_encode(const struct ipc_msg *m, uint8_t *buf, size_t cap);
/* Total length of the frame starting at buf: 0 when fewer than
 * IPC_HDR_LEN bytes are there yet, -EBADMSG for a bad header. */
long ipc_frame_len(const uint8_t *buf, size_t len);
/* Decode one whole frame (len from ipc_frame_len). 0 or -EBADMSG. */
int ipc_decode(const uint8_t *buf, size_t len, struct ipc_msg *m);

#endif
