/* SPDX-License-Identifier: MIT */
/* test_pdu.c - PDU codec against hand-assembled wire bytes: the
 * initiator builders must produce exactly these BHS bytes, and captured
 * target PDUs (login/text/logout responses, reject, async, NOP-In) must
 * parse field by field, whole and through incremental receive. */
#include "core/pdu.h"
#include "tap.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const uint8_t isid[6] = { 0x00, 0x02, 0x3d, 0x00, 0x00, 0x01 };

/* Login request, CSG 1 -> NSG 3 with T, "SessionType=Discovery". */
static const char login_req_hex[] =
	"43 87 00 00 00 000016 00023d000001 0000 12345678"
	"0000 0000 00000001 00000000 00000000000000000000000000000000"
	"53657373696f6e547970653d446973636f7665727900 0000";

/* Login response: T, CSG 1, NSG 3, TSIH 5, StatSN 42, ExpCmdSN 2,
 * MaxCmdSN 17, status 0/0, data "MaxConnections=1" + 3 pad. */
static const char login_rsp_hex[] =
	"23 87 00 00 00 000011 00023d000001 0005 12345678 00000000"
	"0000002a 00000002 00000011 00 00 00000000000000000000"
	"4d6178436f6e6e656374696f6e733d3100 000000";

/* Text response with C (more to come), TTT 0x77. */
static const char text_rsp_hex[] =
	"24 40 0000 00 000026 0000000000000000 00000009 00000077"
	"00000003 00000004 00000014 000000000000000000000000"
	"5461726765744e616d653d69716e2e323030332d30312e6f72672e6578616d706c65"
	"3a743100 0000";

/* Logout response: response 0, StatSN 8, Time2Wait 2, Time2Retain 20. */
static const char logout_rsp_hex[] =
	"26 80 00 00 00 000000 0000000000000000 0000abcd 00000000"
	"00000008 00000009 00000018 00000000 0002 0014 00000000";

/* Reject, reason 9 (invalid PDU field), data = the rejected BHS. */
static const char reject_hex[] =
	"3f 80 09 00 00 000030 0000000000000000 ffffffff 00000000"
	"00000005 00000006 00000016 00000000 0000000000000000"
	"04800000 00000010 0000000000000000 00000009 ffffffff"
	"00000003 00000004 00000000 000000000000000000000000";

/* Async message: event 1 (target requests logout), Param3 = 10 s. */
static const char async_hex[] =
	"32 80 0000 00 000000 0000000000000000 ffffffff 00000000"
	"00000007 00000008 00000010 01 00 0000 0000 000a 00000000";

/* NOP-In ping from the target: ITT reserved, TTT 0x55. */
static const char nop_in_hex[] =
	"20 80 0000 00 000000 0000000000000000 ffffffff 00000055"
	"0000000c 0000000d 0000001d 000000000000000000000000";

static size_t unhex(const char *hex, uint8_t *buf, size_t max)
{
	return tap_unhex(hex, buf, max);
}

static void test_helpers(void)
{
	uint8_t b[4] = { 0 };

	pdu_put32(b, 0x01020304);
	CHECK_INT(b[0], 1);
	CHECK_INT(b[3], 4);
	CHECK_INT(pdu_get32(b), 0x01020304);
	CHECK_INT(pdu_get24(b + 1), 0x020304);
	pdu_put24(b, 0xffffff);
	CHECK_INT(pdu_get24(b), 0xffffff);
	pdu_put16(b, 0xbeef);
	CHECK_INT(pdu_get16(b), 0xbeef);
	CHECK_STR(pdu_opcode_name(ISCSI_OP_LOGIN_RSP), "login response");
	CHECK_STR(pdu_opcode_name(ISCSI_OP_IMMEDIATE | ISCSI_OP_LOGIN),
		  "login request");
	CHECK_STR(pdu_opcode_name(ISCSI_OP_REJECT), "reject");
	CHECK_STR(pdu_opcode_name(0x1e), "unknown opcode");
}

static void test_login_req(void)
{
	static const char data[] = "SessionType=Discovery";
	uint8_t want[128], *buf = NULL;
	size_t wlen = unhex(login_req_hex, want, sizeof(want));
	struct pdu *pdu;
	struct iovec iov[4];
	size_t total = 0, len = 0;

	CHECK_INT(wlen, 72);
	pdu = pdu_login_req(isid, 0, 0x12345678, 0, 1, 0, 1, 3, 1);
	CHECK(pdu != NULL);
	CHECK_INT(pdu_set_data(pdu, data, sizeof(data)), 0);
	CHECK_INT(pdu_iov(pdu, iov, &total), 3);
	CHECK_INT(total, 72);
	CHECK_INT(iov[2].iov_len, 2);
	CHECK_INT(pdu_serialize(pdu, &buf, &len), 0);
	CHECK_MEM(buf, len, want, wlen);
	CHECK_INT(pdu_opcode(pdu), ISCSI_OP_LOGIN);
	CHECK_INT(pdu_itt(pdu), 0x12345678);
	free(buf);
	pdu_delete(pdu);

	/* Without T, NSG is reserved and stays 0 (RFC 7143 §11.12.3). */
	pdu = pdu_login_req(isid, 7, 1, 2, 3, 4, 0, 1, 0);
	CHECK_INT(pdu->bhs[0], 0x43);
	CHECK_INT(pdu->bhs[1], 0x00);
	CHECK_INT(pdu->bhs[2], 0);
	CHECK_INT(pdu->bhs[3], 0);
	CHECK_INT(pdu_get16(pdu->bhs + 14), 7);
	CHECK_INT(pdu_get16(pdu->bhs + 20), 2);
	CHECK_INT(pdu_iov(pdu, iov, &total), 1);
	CHECK_INT(total, 48);
	pdu_delete(pdu);
	pdu = pdu_login_req(isid, 0, 1, 0, 0, 0, 0, 1, 1);
	CHECK_INT(pdu->bhs[1], 0x81);
	pdu_delete(pdu);
}

static void test_other_reqs(void)
{
	struct pdu *pdu;

	pdu = pdu_text_req(9, ISCSI_RSVD_TAG, 3, 4, 1);
	CHECK_INT(pdu->bhs[0], 0x04);
	CHECK_INT(pdu->bhs[1], 0x80);
	CHECK_INT(pdu_get32(pdu->bhs + 16), 9);
	CHECK_INT(pdu_get32(pdu->bhs + 20), ISCSI_RSVD_TAG);
	CHECK_INT(pdu_get32(pdu->bhs + 24), 3);
	CHECK_INT(pdu_get32(pdu->bhs + 28), 4);
	CHECK_INT(pdu_get24(pdu->bhs + 5), 0);
	pdu_delete(pdu);
	pdu = pdu_text_req(9, 0x77, 3, 4, 0);
	CHECK_INT(pdu->bhs[1], 0x00);
	CHECK_INT(pdu_get32(pdu->bhs + 20), 0x77);
	pdu_delete(pdu);

	pdu = pdu_logout_req(1, 0xabcd, 0x0102, 5, 6);
	CHECK_INT(pdu->bhs[0], 0x46);
	CHECK_INT(pdu->bhs[1], 0x81);
	CHECK_INT(pdu_get32(pdu->bhs + 16), 0xabcd);
	CHECK_INT(pdu_get16(pdu->bhs + 20), 0x0102);
	CHECK_INT(pdu_get32(pdu->bhs + 24), 5);
	CHECK_INT(pdu_get32(pdu->bhs + 28), 6);
	pdu_delete(pdu);

	pdu = pdu_nop_out(ISCSI_RSVD_TAG, 0x55, 12, 13);
	CHECK_INT(pdu->bhs[0], 0x40);
	CHECK_INT(pdu->bhs[1], 0x80);
	CHECK_INT(pdu_itt(pdu), ISCSI_RSVD_TAG);
	CHECK_INT(pdu_get32(pdu->bhs + 20), 0x55);
	CHECK_INT(pdu_get32(pdu->bhs + 24), 12);
	CHECK_INT(pdu_get32(pdu->bhs + 28), 13);
	pdu_delete(pdu);
}

static struct pdu *parse_hex(const char *hex)
{
	uint8_t buf[256];
	size_t len = unhex(hex, buf, sizeof(buf));
	struct pdu *pdu = NULL;

	CHECK_INT(pdu_parse(buf, len, 8192, &pdu), 0);
	return pdu;
}

static void test_parse_login_rsp(void)
{
	struct pdu *pdu = parse_hex(login_rsp_hex);
	const struct iscsi_login_rsp *r;

	if (!pdu)
		return;
	r = (const struct iscsi_login_rsp *)pdu->bhs;
	CHECK_INT(pdu_opcode(pdu), ISCSI_OP_LOGIN_RSP);
	CHECK(r->flags & ISCSI_FLAG_LOGIN_TRANSIT);
	CHECK(!(r->flags & ISCSI_FLAG_CONTINUE));
	CHECK_INT((r->flags & ISCSI_LOGIN_CSG_MASK) >> ISCSI_LOGIN_CSG_SHIFT,
		  1);
	CHECK_INT(r->flags & ISCSI_LOGIN_NSG_MASK, 3);
	CHECK_INT(r->max_version, 0);
	CHECK_INT(r->active_version, 0);
	CHECK_MEM(r->isid, 6, isid, 6);
	CHECK_INT(pdu_get16(r->tsih), 5);
	CHECK_INT(pdu_itt(pdu), 0x12345678);
	CHECK_INT(pdu_get32(r->statsn), 42);
	CHECK_INT(pdu_get32(r->exp_cmdsn), 2);
	CHECK_INT(pdu_get32(r->max_cmdsn), 17);
	CHECK_INT(r->status_class, ISCSI_STATUS_CLS_SUCCESS);
	CHECK_INT(r->status_detail, 0);
	CHECK_INT(pdu->ahs_len, 0);
	CHECK_MEM(pdu->data, pdu->data_len, "MaxConnections=1", 17);
	pdu_delete(pdu);
}

static void test_parse_others(void)
{
	struct pdu *pdu;
	const struct iscsi_text_hdr *t;
	const struct iscsi_logout_hdr *l;
	const struct iscsi_reject_hdr *rj;
	const struct iscsi_async_hdr *a;
	const struct iscsi_nop_hdr *n;

	pdu = parse_hex(text_rsp_hex);
	t = (const struct iscsi_text_hdr *)pdu->bhs;
	CHECK_INT(pdu_opcode(pdu), ISCSI_OP_TEXT_RSP);
	CHECK(t->flags & ISCSI_FLAG_CONTINUE);
	CHECK(!(t->flags & ISCSI_FLAG_FINAL));
	CHECK_INT(pdu_itt(pdu), 9);
	CHECK_INT(pdu_get32(t->ttt), 0x77);
	CHECK_INT(pdu_get32(t->sn), 3);
	CHECK_INT(pdu_get32(t->exp_sn), 4);
	CHECK_INT(pdu_get32(t->max_cmdsn), 20);
	CHECK_INT(pdu->data_len, 38);
	CHECK(memcmp(pdu->data, "TargetName=iqn.2003-01.org.example:t1",
		     38) == 0);
	pdu_delete(pdu);

	pdu = parse_hex(logout_rsp_hex);
	l = (const struct iscsi_logout_hdr *)pdu->bhs;
	CHECK_INT(pdu_opcode(pdu), ISCSI_OP_LOGOUT_RSP);
	CHECK_INT(l->response, 0);
	CHECK_INT(pdu_itt(pdu), 0xabcd);
	CHECK_INT(pdu_get32(l->sn), 8);
	CHECK_INT(pdu_get32(l->exp_sn), 9);
	CHECK_INT(pdu_get32(l->max_cmdsn), 24);
	CHECK_INT(pdu_get16(l->time2wait), 2);
	CHECK_INT(pdu_get16(l->time2retain), 20);
	CHECK(pdu->data == NULL);
	pdu_delete(pdu);

	pdu = parse_hex(reject_hex);
	rj = (const struct iscsi_reject_hdr *)pdu->bhs;
	CHECK_INT(pdu_opcode(pdu), ISCSI_OP_REJECT);
	CHECK_INT(rj->reason, 9);
	CHECK_INT(pdu_get32(rj->ffffffff), 0xffffffff);
	CHECK_INT(pdu_get32(rj->statsn), 5);
	CHECK_INT(pdu_get32(rj->exp_cmdsn), 6);
	CHECK_INT(pdu_get32(rj->max_cmdsn), 22);
	CHECK_INT(pdu->data_len, ISCSI_BHS_LEN);
	CHECK_INT(pdu->data[0], 0x04);
	CHECK_INT(pdu_get32(pdu->data + 16), 9);
	pdu_delete(pdu);

	pdu = parse_hex(async_hex);
	a = (const struct iscsi_async_hdr *)pdu->bhs;
	CHECK_INT(pdu_opcode(pdu), ISCSI_OP_ASYNC);
	CHECK_INT(pdu_get32(a->statsn), 7);
	CHECK_INT(a->async_event, 1);
	CHECK_INT(a->async_vcode, 0);
	CHECK_INT(pdu_get16(a->param3), 10);
	pdu_delete(pdu);

	pdu = parse_hex(nop_in_hex);
	n = (const struct iscsi_nop_hdr *)pdu->bhs;
	CHECK_INT(pdu_opcode(pdu), ISCSI_OP_NOOP_IN);
	CHECK_INT(pdu_itt(pdu), ISCSI_RSVD_TAG);
	CHECK_INT(pdu_get32(n->ttt), 0x55);
	CHECK_INT(pdu_get32(n->sn), 12);
	CHECK_INT(pdu_get32(n->max_cmdsn), 29);
	pdu_delete(pdu);
}

static void test_parse_bad(void)
{
	uint8_t buf[256];
	size_t len = unhex(login_rsp_hex, buf, sizeof(buf));
	struct pdu *pdu = NULL;

	CHECK_INT(pdu_parse(buf, 47, 8192, &pdu), -EPROTO);
	/* without padding (netlink form) is fine, short data is not */
	CHECK_INT(pdu_parse(buf, len - 3, 8192, &pdu), 0);
	pdu_delete(pdu);
	pdu = NULL;
	CHECK_INT(pdu_parse(buf, len - 4, 8192, &pdu), -EPROTO);
	CHECK_INT(pdu_parse(buf, len, 16, &pdu), -EMSGSIZE);
	buf[len] = 0;
	CHECK_INT(pdu_parse(buf, len + 1, 8192, &pdu), -EPROTO);
	/* AHS announced but absent */
	buf[4] = 2;
	CHECK_INT(pdu_parse(buf, len, 8192, &pdu), -EPROTO);
	buf[4] = 0;
	pdu_put24(buf + 5, ISCSI_DLEN_MAX);
	CHECK_INT(pdu_parse(buf, len, ISCSI_DLEN_MAX, &pdu), -EPROTO);
	CHECK(pdu == NULL);
}

/* A stream of three PDUs fed in the given chunk size. */
static void test_rx_chunks(size_t chunk)
{
	uint8_t stream[512];
	size_t len = 0, off = 0, got = 0;
	struct pdu_rx rx;
	static const uint8_t want_ops[3] = { ISCSI_OP_LOGIN_RSP,
					     ISCSI_OP_NOOP_IN,
					     ISCSI_OP_TEXT_RSP };
	int ok = 1;

	len += unhex(login_rsp_hex, stream + len, sizeof(stream) - len);
	len += unhex(nop_in_hex, stream + len, sizeof(stream) - len);
	len += unhex(text_rsp_hex, stream + len, sizeof(stream) - len);
	pdu_rx_init(&rx, 8192);
	while (off < len) {
		size_t n = len - off < chunk ? len - off : chunk;
		struct pdu *pdu = NULL;
		long used = pdu_rx_feed(&rx, stream + off, n, &pdu);

		if (used < 0 || (size_t)used > n || (!used && !pdu)) {
			ok = 0;
			break;
		}
		off += (size_t)used;
		if (!pdu)
			continue;
		if (got < 3 && pdu_opcode(pdu) != want_ops[got])
			ok = 0;
		if (pdu_opcode(pdu) == ISCSI_OP_LOGIN_RSP &&
		    (pdu->data_len != 17 ||
		     memcmp(pdu->data, "MaxConnections=1", 17) != 0))
			ok = 0;
		if (pdu_opcode(pdu) == ISCSI_OP_TEXT_RSP &&
		    (pdu->data_len != 38 || pdu_itt(pdu) != 9))
			ok = 0;
		got++;
		pdu_delete(pdu);
	}
	CHECK(ok);
	CHECK_INT(got, 3);
	CHECK_INT(rx.hdr_pos, 0);
	CHECK(rx.buf == NULL);
	pdu_rx_reset(&rx);
}

static void test_rx_limits(void)
{
	uint8_t bhs[ISCSI_BHS_LEN] = { ISCSI_OP_TEXT_RSP, 0x80 };
	struct pdu_rx rx;
	struct pdu *pdu = NULL;

	/* 16 MiB announced: refused as soon as the BHS is complete, before
	 * any buffer exists. */
	pdu_put24(bhs + 5, ISCSI_DLEN_MAX);
	pdu_rx_init(&rx, 65536);
	CHECK_INT(pdu_rx_feed(&rx, bhs, 47, &pdu), 47);
	CHECK(rx.buf == NULL);
	CHECK_INT(pdu_rx_feed(&rx, bhs + 47, 1, &pdu), -EMSGSIZE);
	CHECK(rx.buf == NULL);
	CHECK(pdu == NULL);

	/* the limit itself is accepted; partial PDU freed by reset */
	pdu_put24(bhs + 5, 65536);
	CHECK_INT(pdu_rx_feed(&rx, bhs, sizeof(bhs), &pdu), 48);
	CHECK(rx.buf != NULL);
	CHECK_INT(rx.need, 65536);
	pdu_rx_reset(&rx);
	CHECK(rx.buf == NULL);
	CHECK_INT(rx.hdr_pos, 0);

	/* AHS (2 words) lands in pdu->ahs, data after it */
	{
		uint8_t s[48 + 8 + 4] = { ISCSI_OP_NOOP_IN, 0x80, 0, 0, 2 };

		pdu_put24(s + 5, 3);
		memcpy(s + 48, "AHSAHSAH", 8);
		memcpy(s + 56, "abc", 3);
		CHECK_INT(pdu_rx_feed(&rx, s, sizeof(s), &pdu), sizeof(s));
		CHECK(pdu != NULL);
		if (pdu) {
			CHECK_MEM(pdu->ahs, pdu->ahs_len, "AHSAHSAH", 8);
			CHECK_MEM(pdu->data, pdu->data_len, "abc", 3);
		}
		pdu_delete(pdu);
		/* a stream that must carry no AHS refuses it on the BHS */
		rx.max_ahs = 0;
		CHECK_INT(pdu_rx_feed(&rx, s, sizeof(s), &pdu), -EPROTO);
		CHECK(rx.buf == NULL);
		CHECK(pdu == NULL);
		rx.max_ahs = PDU_AHS_MAX;
	}
	CHECK_INT(pdu_rx_feed(&rx, bhs, 0, &pdu), 0);
	CHECK(pdu == NULL);
}

static void test_data(void)
{
	struct pdu *pdu = pdu_new(ISCSI_OP_TEXT);
	struct iovec iov[4];
	size_t total;
	uint8_t *big;

	CHECK_INT(pdu_set_data(pdu, "abcde", 5), 0);
	CHECK_INT(pdu_get24(pdu->bhs + 5), 5);
	CHECK_INT(pdu_iov(pdu, iov, &total), 3);
	CHECK_INT(total, 56);
	CHECK_MEM(iov[2].iov_base, iov[2].iov_len, "\0\0\0", 3);
	CHECK_INT(pdu_set_data(pdu, "abcd", 4), 0);
	CHECK_INT(pdu_iov(pdu, iov, &total), 2);
	CHECK_INT(total, 52);
	CHECK_INT(pdu_set_data(pdu, NULL, ISCSI_DLEN_MAX + 1), -EMSGSIZE);
	CHECK_INT(pdu->data_len, 4);
	big = malloc(8);
	CHECK_INT(pdu_take_data(pdu, big, (size_t)ISCSI_DLEN_MAX + 1),
		  -EMSGSIZE);
	CHECK_INT(pdu_take_data(pdu, big, 8), 0);
	CHECK(pdu->data == big);
	CHECK_INT(pdu_set_data(pdu, NULL, 0), 0);
	CHECK(pdu->data == NULL);
	CHECK_INT(pdu_get24(pdu->bhs + 5), 0);
	pdu_delete(pdu);
	pdu_delete(NULL);
}

int main(void)
{
	static const size_t chunks[] = { 1, 2, 3, 7, 47, 48, 49, 61, 500 };
	size_t i;

	test_helpers();
	test_login_req();
	test_other_reqs();
	test_parse_login_rsp();
	test_parse_others();
	test_parse_bad();
	for (i = 0; i < sizeof(chunks) / sizeof(chunks[0]); i++)
		test_rx_chunks(chunks[i]);
	test_rx_limits();
	test_data();
	return tap_done();
}
