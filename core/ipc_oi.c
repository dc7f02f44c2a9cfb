/* SPDX-License-Identifier: MIT */
/* ipc_oi.c - open-iscsi's iscsiadm <-> iscsid frames (ipc_oi.h). */
#include "core/ipc_oi.h"

#include <errno.h>
#include <string.h>

static uint32_t ipc_oi_u32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static void ipc_oi_put(uint8_t *p, uint32_t v)
{
	memcpy(p, &v, sizeof(v));
}

int ipc_oi_is(const uint8_t *hdr)
{
	return ((uint32_t)hdr[0] << 24 | (uint32_t)hdr[1] << 16 |
		(uint32_t)hdr[2] << 8 | hdr[3]) != IPC_MAGIC;
}

long ipc_oi_req_len(const uint8_t *hdr)
{
	uint32_t n = ipc_oi_u32(hdr + 4);

	return n > IPC_OI_PAYLOAD_MAX ? -EBADMSG : (long)(IPC_OI_REQ_LEN + n);
}

void ipc_oi_req_decode(const uint8_t *buf, struct ipc_msg *m, uint32_t *cmd)
{
	*cmd = ipc_oi_u32(buf);
	memset(m, 0, sizeof(*m));
	switch (*cmd) {
	case IPC_CMD_LOGOUT:
	case IPC_CMD_SESSION_INFO:
		m->has = IPC_HAS_SID;
		m->sid = ipc_oi_u32(buf + 8);
		/* fall through */
	case IPC_CMD_CONFIG_INAME:
	case IPC_CMD_CONFIG_IALIAS:
	case IPC_CMD_CONFIG_FILE:
	case IPC_CMD_STOP:
		m->cmd = (uint16_t)*cmd;
		break;
	}
}

void ipc_oi_req_encode(uint32_t cmd, uint32_t sid, uint8_t *out)
{
	memset(out, 0, IPC_OI_REQ_LEN);
	ipc_oi_put(out, cmd);
	ipc_oi_put(out + 8, sid);
}

void ipc_oi_rsp_encode(uint32_t cmd, const struct ipc_msg *r, uint8_t *out)
{
	memset(out, 0, IPC_OI_RSP_LEN);
	ipc_oi_put(out, cmd);
	ipc_oi_put(out + 4, (uint32_t)r->err);
	if (r->has & IPC_HAS_TEXT)
		memcpy(out + 8, r->text,
		       strnlen(r->text, IPC_OI_VAR_LEN - 1));
	if (r->has & IPC_HAS_STATE) {
		ipc_oi_put(out + 8, r->sess_state);
		ipc_oi_put(out + 12, r->conn_state);
	}
}

void ipc_oi_rsp_decode(const uint8_t *buf, struct ipc_msg *r)
{
	uint32_t cmd = ipc_oi_u32(buf);

	memset(r, 0, sizeof(*r));
	r->cmd = cmd > 0xffff ? 0 : (uint16_t)cmd;
	r->err = (int32_t)ipc_oi_u32(buf + 4);
	if (r->err)
		return;
	if (cmd == IPC_CMD_SESSION_INFO) {
		r->has = IPC_HAS_STATE;
		r->sess_state = ipc_oi_u32(buf + 8);
		r->conn_state = ipc_oi_u32(buf + 12);
	}
}
