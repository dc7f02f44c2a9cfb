/* SPDX-License-Identifier: MIT */
/* test_ipc_oi.c - open-iscsi's iscsiadm <-> iscsid frames (core/ipc_oi.h)
 * at the offsets open-iscsi 2.1.8 uses on x86_64: what a request maps
 * to, what a reply carries where, and the bounds on a peer's lengths. */
#include "core/errors.h"
#include "core/ipc_oi.h"
#include "tap.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static void put32(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); }

static uint32_t get32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

static void test_request(void)
{
	uint8_t *req = calloc(1, IPC_OI_REQ_LEN);
	struct ipc_msg m;
	uint32_t cmd;

	/* SESSION_INFO for sid 5, as Debian's iscsiadm -P 3 sends it. */
	ipc_oi_req_encode(IPC_CMD_SESSION_INFO, 5, req);
	CHECK_INT(get32(req), 13);
	CHECK_INT(get32(req + 4), 0);
	CHECK_INT(get32(req + 8), 5);
	CHECK(ipc_oi_is(req));
	CHECK_INT(ipc_oi_req_len(req), IPC_OI_REQ_LEN);
	ipc_oi_req_decode(req, &m, &cmd);
	CHECK_INT(cmd, 13);
	CHECK_INT(m.cmd, IPC_CMD_SESSION_INFO);
	CHECK_INT(m.has, IPC_HAS_SID);
	CHECK_INT(m.sid, 5);
	/* CONFIG_FILE carries nothing. */
	ipc_oi_req_encode(IPC_CMD_CONFIG_FILE, 0, req);
	ipc_oi_req_decode(req, &m, &cmd);
	CHECK_INT(m.cmd, IPC_CMD_CONFIG_FILE);
	CHECK_INT(m.has, 0);
	/* LOGIN needs open-iscsi's node_rec_t; stats and unknown commands
	 * have no mapping: cmd 0, answered "unknown request". */
	ipc_oi_req_encode(1, 0, req);
	ipc_oi_req_decode(req, &m, &cmd);
	CHECK_INT(m.cmd, 0);
	ipc_oi_req_encode(0x12345678u, 3, req);
	ipc_oi_req_decode(req, &m, &cmd);
	CHECK_INT(cmd, 0x12345678u);
	CHECK_INT(m.cmd, 0);
	/* A payload is read too, up to 64 KiB. */
	put32(req + 4, 64 * 1024);
	CHECK_INT(ipc_oi_req_len(req), IPC_OI_REQ_LEN + 64 * 1024);
	put32(req + 4, 64 * 1024 + 1);
	CHECK_INT(ipc_oi_req_len(req), -EBADMSG);
	put32(req + 4, 0xffffffffu);
	CHECK_INT(ipc_oi_req_len(req), -EBADMSG);
	/* Our own frames are told apart by their magic. */
	memcpy(req, "ISBX", 4);
	CHECK(!ipc_oi_is(req));
	free(req);
}

static void test_reply(void)
{
	uint8_t rsp[IPC_OI_RSP_LEN];
	struct ipc_msg r, back;

	memset(&r, 0, sizeof(r));
	r.has = IPC_HAS_STATE;
	r.conn_state = IPC_CONN_LOGGED_IN;
	r.sess_state = IPC_SESS_REOPEN;
	ipc_oi_rsp_encode(IPC_CMD_SESSION_INFO, &r, rsp);
	CHECK_INT(get32(rsp), 13);
	CHECK_INT(get32(rsp + 4), 0);
	CHECK_INT(get32(rsp + 8), IPC_SESS_REOPEN);	/* session first */
	CHECK_INT(get32(rsp + 12), IPC_CONN_LOGGED_IN);
	ipc_oi_rsp_decode(rsp, &back);
	CHECK_INT(back.cmd, IPC_CMD_SESSION_INFO);
	CHECK_INT(back.has, IPC_HAS_STATE);
	CHECK_INT(back.conn_state, IPC_CONN_LOGGED_IN);
	CHECK_INT(back.sess_state, IPC_SESS_REOPEN);
	/* An error reply has no states, whatever the bytes after it. */
	put32(rsp + 4, ISCSI_ERR_SESS_NOT_FOUND);
	ipc_oi_rsp_decode(rsp, &back);
	CHECK_INT(back.err, ISCSI_ERR_SESS_NOT_FOUND);
	CHECK_INT(back.has, 0);
	/* CONFIG_*: var[255], NUL-terminated even when the text is longer. */
	memset(&r, 0, sizeof(r));
	r.has = IPC_HAS_TEXT;
	memset(r.text, 'a', sizeof(r.text) - 1);
	ipc_oi_rsp_encode(IPC_CMD_CONFIG_INAME, &r, rsp);
	CHECK_INT(strlen((char *)rsp + 8), IPC_OI_VAR_LEN - 1);
	CHECK_INT(rsp[8 + IPC_OI_VAR_LEN], 0);
	/* Unknown command: its own number back, with the error. */
	memset(&r, 0, sizeof(r));
	r.err = ISCSI_ERR_INVALID_MGMT_REQ;
	ipc_oi_rsp_encode(7, &r, rsp);
	CHECK_INT(get32(rsp), 7);
	CHECK_INT(get32(rsp + 4), 16);
}

int main(void)
{
	test_request();
	test_reply();
	return tap_done();
}
