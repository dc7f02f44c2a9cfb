/* SPDX-License-Identifier: MIT */
/* ipc_oi.h - open-iscsi 2.1.8's own iscsiadm <-> iscsid frames (x86_64,
 * native byte order), spoken beside ours (ipc.h) on the same socket so
 * Debian's iscsiadm can ask our iscsid and ours can ask Debian's:
 *
 *   request  IPC_OI_REQ_LEN bytes: u32 command, u32 payload_len, then a
 *            union whose first member is { int sid; node_rec_t rec };
 *            payload_len (<= IPC_OI_PAYLOAD_MAX) more bytes follow.
 *   response IPC_OI_RSP_LEN bytes: u32 command, int err, then a union:
 *            char var[IPC_OI_VAR_LEN] for CONFIG_*, or
 *            { int session_state; int conn_state } for SESSION_INFO.
 *
 * Only requests that need no node_rec_t are mapped onto struct ipc_msg
 * (LOGOUT, CONFIG_*, STOP, SESSION_INFO); every other command decodes
 * as cmd 0, which the daemon answers ISCSI_ERR_INVALID_MGMT_REQ.  An ISBX
 * frame never starts like an open-iscsi one: commands are < 0x100. */
#ifndef ISCSIBOX_IPC_OI_H
#define ISCSIBOX_IPC_OI_H

#include "core/ipc.h"

#define IPC_OI_REQ_LEN 16104u
#define IPC_OI_RSP_LEN 2464u
#define IPC_OI_VAR_LEN 255u
#define IPC_OI_PAYLOAD_MAX (64u * 1024u)

/* 1 when the first 4 bytes are not our magic (an open-iscsi request). */
int ipc_oi_is(const uint8_t *hdr);
/* Whole length of the open-iscsi request whose first 8 bytes are in
 * hdr, or -EBADMSG when its payload is too long. */
long ipc_oi_req_len(const uint8_t *hdr);
/* Request (at least 16 bytes) -> m; *cmd gets the command as sent. */
void ipc_oi_req_decode(const uint8_t *buf, struct ipc_msg *m, uint32_t *cmd);
/* Request for cmd about sid into out[IPC_OI_REQ_LEN]. */
void ipc_oi_req_encode(uint32_t cmd, uint32_t sid, uint8_t *out);
/* Reply r to command cmd into out[IPC_OI_RSP_LEN]. */
void ipc_oi_rsp_encode(uint32_t cmd, const struct ipc_msg *r, uint8_t *out);
/* in[IPC_OI_RSP_LEN] -> r: cmd, err and SESSION_INFO's states. */
void ipc_oi_rsp_decode(const uint8_t *buf, struct ipc_msg *r);

#endif
