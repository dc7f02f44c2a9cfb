/* SPDX-License-Identifier: MIT */
/* test_ipc.c - the iscsiadm <-> iscsid message codec (core/ipc.h) from
 * byte arrays: exact encodings, round trips, and every way a frame from
 * a peer can be malformed. */
#include "core/ipc.h"
#include "tap.h"

#include <errno.h>
#include <string.h>

/* LOGOUT request for sid 7: header + one SID item. */
static const uint8_t logout_req[] = {
	0x49, 0x53, 0x42, 0x58,	/* "ISBX" */
	0x00, 0x02,		/* command 2 */
	0x00, 0x00,		/* flags */
	0x00, 0x00, 0x00, 0x00,	/* err */
	0x00, 0x00, 0x00, 0x08,	/* payload 8 */
	0x00, 0x01, 0x00, 0x04, 0x00, 0x00, 0x00, 0x07,
};

/* SESSION_INFO reply, err 0, text "x", conn LOGGED IN, session REOPEN,
 * plus an unknown tag 99 that must be skipped. */
static const uint8_t info_rsp[] = {
	0x49, 0x53, 0x42, 0x58, 0x00, 0x0d, 0x00, 0x01,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x1b,
	0x00, 0x63, 0x00, 0x02, 0xaa, 0xbb,
	0x00, 0x03, 0x00, 0x01, 'x',
	0x00, 0x04, 0x00, 0x04, 0x00, 0x00, 0x00, 0x03,
	0x00, 0x05, 0x00, 0x04, 0x00, 0x00, 0x00, 0x02,
};

static void test_encode_exact(void)
{
	struct ipc_msg m;
	uint8_t buf[64];

	memset(&m, 0, sizeof(m));
	m.cmd = IPC_CMD_LOGOUT;
	m.has = IPC_HAS_SID;
	m.sid = 7;
	CHECK_INT(ipc_encode(&m, buf, sizeof(buf)), sizeof(logout_req));
	CHECK_MEM(buf, sizeof(logout_req), logout_req, sizeof(logout_req));
	CHECK_INT(ipc_encode(&m, buf, sizeof(logout_req) - 1), -ENOSPC);
	CHECK_INT(ipc_encode(&m, buf, 8), -ENOSPC);
}

static void test_decode(void)
{
	struct ipc_msg m;

	CHECK_INT(ipc_frame_len(logout_req, 3), 0);
	CHECK_INT(ipc_frame_len(logout_req, sizeof(logout_req)),
		  sizeof(logout_req));
	CHECK_INT(ipc_decode(logout_req, sizeof(logout_req), &m), 0);
	CHECK_INT(m.cmd, IPC_CMD_LOGOUT);
	CHECK_INT(m.has, IPC_HAS_SID);
	CHECK_INT(m.sid, 7);

	CHECK_INT(ipc_decode(info_rsp, sizeof(info_rsp), &m), 0);
	CHECK_INT(m.cmd, IPC_CMD_SESSION_INFO);
	CHECK_INT(m.flags, IPC_F_REPLY);
	CHECK_INT(m.has, IPC_HAS_TEXT | IPC_HAS_STATE);
	CHECK_STR(m.text, "x");
	CHECK_STR(ipc_conn_state_str(m.conn_state), "LOGGED IN");
	CHECK_STR(ipc_sess_state_str(m.sess_state), "REOPEN");
	CHECK_STR(ipc_conn_state_str(99), "Unknown");
}

static void test_round_trip(void)
{
	static const char rec[] = "# BEGIN RECORD 2.1.8\nnode.name = "
				  "iqn.x:y\n# END RECORD\n";
	struct ipc_msg m, d;
	uint8_t buf[512];
	int len;

	memset(&m, 0, sizeof(m));
	m.cmd = IPC_CMD_LOGIN;
	m.flags = IPC_F_REPLY;
	m.err = -5;
	m.has = IPC_HAS_RECORD | IPC_HAS_PRIORITY | IPC_HAS_SID;
	m.record = rec;
	m.record_len = strlen(rec);
	m.priority = 3;
	m.sid = 0xfffffffe;
	len = ipc_encode(&m, buf, sizeof(buf));
	CHECK(len > 0);
	CHECK_INT(ipc_decode(buf, (size_t)len, &d), 0);
	CHECK_INT(d.err, -5);
	CHECK_INT(d.sid, 0xfffffffe);
	CHECK_INT(d.priority, 3);
	CHECK_INT(d.record_len, strlen(rec));
	CHECK_MEM(d.record, d.record_len, rec, strlen(rec));
	/* A record with a NUL in it cannot be sent. */
	m.record_len = sizeof(rec);
	CHECK_INT(ipc_encode(&m, buf, sizeof(buf)), -EINVAL);
}

static void test_malformed(void)
{
	uint8_t b[sizeof(info_rsp) + 8];
	struct ipc_msg m;

	/* bad magic */
	memcpy(b, logout_req, sizeof(logout_req));
	b[0] = 'X';
	CHECK_INT(ipc_frame_len(b, sizeof(logout_req)), -EBADMSG);
	/* payload over the limit */
	memcpy(b, logout_req, sizeof(logout_req));
	b[12] = 0x7f;
	CHECK_INT(ipc_frame_len(b, sizeof(logout_req)), -EBADMSG);
	/* length says more than we have / less than we have */
	CHECK_INT(ipc_decode(logout_req, sizeof(logout_req) - 1, &m),
		  -EBADMSG);
	memcpy(b, logout_req, sizeof(logout_req));
	b[sizeof(logout_req)] = 0;
	CHECK_INT(ipc_decode(b, sizeof(logout_req) + 1, &m), -EBADMSG);
	/* item length past the end */
	memcpy(b, logout_req, sizeof(logout_req));
	b[19] = 5;
	CHECK_INT(ipc_decode(b, sizeof(logout_req), &m), -EBADMSG);
	/* SID of the wrong size */
	memcpy(b, logout_req, sizeof(logout_req));
	b[15] = 7;
	b[19] = 3;
	CHECK_INT(ipc_decode(b, sizeof(logout_req) - 1, &m), -EBADMSG);
	/* truncated item header */
	memcpy(b, logout_req, sizeof(logout_req));
	b[15] = 10;
	b[24] = 0;
	b[25] = 1;
	CHECK_INT(ipc_decode(b, sizeof(logout_req) + 2, &m), -EBADMSG);
	/* the same tag twice */
	memcpy(b, logout_req, sizeof(logout_req));
	memcpy(b + sizeof(logout_req), logout_req + 16, 8);
	b[15] = 16;
	CHECK_INT(ipc_decode(b, sizeof(logout_req) + 8, &m), -EBADMSG);
	/* NUL inside a text item; text as long as the buffer */
	memcpy(b, info_rsp, sizeof(info_rsp));
	b[26] = 0;
	CHECK_INT(ipc_decode(b, sizeof(info_rsp), &m), -EBADMSG);
	/* session state without connection state */
	memcpy(b, info_rsp, sizeof(info_rsp));
	b[28] = 0x09;	/* conn-state tag becomes an unknown tag */
	CHECK_INT(ipc_decode(b, sizeof(info_rsp), &m), -EBADMSG);
}

static void test_text_limit(void)
{
	uint8_t buf[IPC_HDR_LEN + 4 + IPC_TEXT_MAX];
	struct ipc_msg m;

	memcpy(buf, logout_req, IPC_HDR_LEN);
	buf[14] = (uint8_t)((4 + IPC_TEXT_MAX) >> 8);
	buf[15] = (uint8_t)(4 + IPC_TEXT_MAX);
	buf[16] = 0;
	buf[17] = IPC_T_TEXT;
	buf[18] = (uint8_t)(IPC_TEXT_MAX >> 8);
	buf[19] = (uint8_t)IPC_TEXT_MAX;
	memset(buf + 20, 'a', IPC_TEXT_MAX);
	CHECK_INT(ipc_decode(buf, sizeof(buf), &m), -EBADMSG);
	buf[15] = (uint8_t)(4 + IPC_TEXT_MAX - 1);
	buf[18] = (uint8_t)((IPC_TEXT_MAX - 1) >> 8);
	buf[19] = (uint8_t)(IPC_TEXT_MAX - 1);
	CHECK_INT(ipc_decode(buf, sizeof(buf) - 1, &m), 0);
	CHECK_INT(strlen(m.text), IPC_TEXT_MAX - 1);
}

/* SESSION_STATS reply: the 21 counters as big-endian u64 in the
 * kernel's order, then custom entries of 64 description bytes + u64. */
static void test_stats(void)
{
	static uint8_t buf[IPC_HDR_LEN + 4 + IPC_STATS_N * 8 + 4 + 2 * 72];
	struct ipc_msg m, r;
	unsigned i;
	int len;

	memset(&m, 0, sizeof(m));
	m.cmd = IPC_CMD_SESSION_STATS;
	m.flags = IPC_F_REPLY;
	m.has = IPC_HAS_STATS;
	for (i = 0; i < IPC_STATS_N; i++)
		m.stats[i] = 0x0102030405060700ull + i;
	m.n_custom = 2;
	strcpy(m.custom[0].desc, "tx_sendpage_failures");
	m.custom[0].value = 5;
	memset(m.custom[1].desc, 'z', IPC_CUSTOM_DESC);	/* no NUL */
	m.custom[1].value = UINT64_MAX;
	len = ipc_encode(&m, buf, sizeof(buf));
	CHECK_INT(len, sizeof(buf));
	CHECK_INT(buf[5], 7);
	/* first item: tag 7, 168 bytes, txdata_octets big-endian */
	CHECK_INT(buf[17], 7);
	CHECK_INT(buf[18] << 8 | buf[19], IPC_STATS_N * 8);
	CHECK_INT(buf[20], 0x01);
	CHECK_INT(buf[27], 0x00);
	CHECK_INT(buf[20 + 8 * 20 + 7], 20);	/* timeout_err */
	/* second item: tag 8, two entries */
	CHECK_INT(buf[188 + 1], 8);
	CHECK_INT(buf[188 + 2] << 8 | buf[188 + 3], 144);
	CHECK_INT(buf[192 + 72 + 62], 'z');	/* cut to 63 + NUL */
	CHECK_INT(buf[192 + 72 + 63], 0);
	CHECK_INT(ipc_decode(buf, (size_t)len, &r), 0);
	CHECK_INT(r.has, IPC_HAS_STATS);
	CHECK(r.stats[0] == 0x0102030405060700ull);
	CHECK(r.stats[20] == 0x0102030405060714ull);
	CHECK_INT(r.n_custom, 2);
	CHECK_STR(r.custom[0].desc, "tx_sendpage_failures");
	CHECK(r.custom[0].value == 5);
	CHECK_INT(strlen(r.custom[1].desc), IPC_CUSTOM_DESC - 1);
	CHECK(r.custom[1].value == UINT64_MAX);
	CHECK_STR(ipc_stats_name(0), "txdata_octets");
	CHECK_STR(ipc_stats_name(3), "scsicmd_pdus");
	CHECK_STR(ipc_stats_name(20), "timeout_err");
	CHECK(ipc_stats_name(21) == NULL);

	/* custom entries without counters, a torn entry, too many */
	m.n_custom = IPC_CUSTOM_MAX + 1;
	CHECK_INT(ipc_encode(&m, buf, sizeof(buf)), -EINVAL);
	buf[17] = 99;	/* counters become an unknown item */
	CHECK_INT(ipc_decode(buf, (size_t)len, &r), -EBADMSG);
	buf[17] = 7;
	buf[19] -= 1;	/* 167 bytes of counters */
	CHECK_INT(ipc_decode(buf, (size_t)len, &r), -EBADMSG);
	buf[19] += 1;
	buf[191] -= 1;	/* 143 bytes of entries */
	CHECK_INT(ipc_decode(buf, (size_t)len, &r), -EBADMSG);
}

int main(void)
{
	test_stats();
	test_encode_exact();
	test_decode();
	test_round_trip();
	test_malformed();
	test_text_limit();
	return tap_done();
}
