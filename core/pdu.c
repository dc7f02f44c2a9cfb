/* SPDX-License-Identifier: MIT */
/* pdu.c - iSCSI PDU codec: big-endian helpers, the initiator PDUs of
 * login, text, logout and NOP (RFC 7143 §11.10, §11.12, §11.14, §11.18),
 * iovecs with the 4-byte padding of §11.2.3, whole-buffer parsing and
 * bounded incremental receive.  Lengths announced by the peer are checked
 * before anything is allocated. */
#include "core/pdu.h"
#include "core/strlist.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const uint8_t pdu_zero_pad[4];

static size_t pdu_pad4(size_t n)
{
	return (4 - (n & 3)) & 3;
}

uint16_t pdu_get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

uint32_t pdu_get24(const uint8_t *p)
{
	return (uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2];
}

uint32_t pdu_get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | pdu_get24(p + 1);
}

void pdu_put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

void pdu_put24(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 16);
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)v;
}

void pdu_put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	pdu_put24(p + 1, v);
}

struct pdu *pdu_new(uint8_t opcode)
{
	struct pdu *pdu = calloc(1, sizeof(*pdu));

	if (pdu)
		pdu->bhs[0] = opcode;
	return pdu;
}

void pdu_delete(struct pdu *pdu)
{
	if (!pdu)
		return;
	free(pdu->ahs);
	free(pdu->data);
	free(pdu);
}

uint8_t pdu_opcode(const struct pdu *pdu)
{
	return pdu->bhs[0] & ISCSI_OPCODE_MASK;
}

uint32_t pdu_itt(const struct pdu *pdu)
{
	return pdu_get32(pdu->bhs + 16);
}

/* On error the caller keeps ownership of data. */
int pdu_take_data(struct pdu *pdu, uint8_t *data, size_t len)
{
	if (len > ISCSI_DLEN_MAX)
		return -EMSGSIZE;
	free(pdu->data);
	pdu->data = len ? data : NULL;
	pdu->data_len = len;
	pdu_put24(pdu->bhs + 5, (uint32_t)len);
	if (!len)
		free(data);
	return 0;
}

int pdu_set_data(struct pdu *pdu, const void *data, size_t len)
{
	uint8_t *copy = NULL;

	if (len > ISCSI_DLEN_MAX)
		return -EMSGSIZE;
	if (len) {
		copy = malloc(len);
		if (!copy)
			return -ENOMEM;
		memcpy(copy, data, len);
	}
	return pdu_take_data(pdu, copy, len);
}

int pdu_iov(const struct pdu *pdu, struct iovec iov[4], size_t *total)
{
	size_t pad = pdu_pad4(pdu->data_len);
	int n = 0;

	iov[n].iov_base = (void *)pdu->bhs;
	iov[n++].iov_len = ISCSI_BHS_LEN;
	if (pdu->ahs_len) {
		iov[n].iov_base = pdu->ahs;
		iov[n++].iov_len = pdu->ahs_len;
	}
	if (pdu->data_len) {
		iov[n].iov_base = pdu->data;
		iov[n++].iov_len = pdu->data_len;
	}
	if (pad) {
		iov[n].iov_base = (void *)pdu_zero_pad;
		iov[n++].iov_len = pad;
	}
	*total = ISCSI_BHS_LEN + pdu->ahs_len + pdu->data_len + pad;
	return n;
}

int pdu_serialize(const struct pdu *pdu, uint8_t **buf, size_t *len)
{
	struct iovec iov[4];
	size_t total, off = 0;
	uint8_t *out;
	int i, n;

	n = pdu_iov(pdu, iov, &total);
	out = malloc(total);
	if (!out)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		memcpy(out + off, iov[i].iov_base, iov[i].iov_len);
		off += iov[i].iov_len;
	}
	*buf = out;
	*len = total;
	return 0;
}

/* Build a PDU from a complete BHS plus the bytes that follow it (AHS,
 * data, optional padding).  ahs_len and data_len are already bounded. */
static int pdu_from_parts(const uint8_t *bhs, const uint8_t *rest,
			  size_t ahs_len, size_t data_len, struct pdu **out)
{
	struct pdu *pdu = pdu_new(bhs[0]);
	int rc = -ENOMEM;

	if (!pdu)
		goto out;
	memcpy(pdu->bhs, bhs, ISCSI_BHS_LEN);
	if (ahs_len) {
		pdu->ahs = malloc(ahs_len);
		if (!pdu->ahs)
			goto out;
		memcpy(pdu->ahs, rest, ahs_len);
		pdu->ahs_len = ahs_len;
	}
	if (data_len) {
		pdu->data = malloc(data_len);
		if (!pdu->data)
			goto out;
		memcpy(pdu->data, rest + ahs_len, data_len);
		pdu->data_len = data_len;
	}
	*out = pdu;
	pdu = NULL;
	rc = 0;
out:
	pdu_delete(pdu);
	return rc;
}

/* Padding after the data segment may be present or not (netlink hands
 * the segment without it), nothing else may follow. */
int pdu_parse(const uint8_t *buf, size_t len, size_t max_dlen,
	      struct pdu **out)
{
	size_t ahs_len, data_len, body;

	if (len < ISCSI_BHS_LEN)
		return -EPROTO;
	ahs_len = (size_t)buf[4] * 4;
	data_len = pdu_get24(buf + 5);
	if (data_len > max_dlen)
		return -EMSGSIZE;
	body = len - ISCSI_BHS_LEN;
	if (body < ahs_len + data_len ||
	    body > ahs_len + data_len + pdu_pad4(data_len))
		return -EPROTO;
	return pdu_from_parts(buf, buf + ISCSI_BHS_LEN, ahs_len, data_len,
			      out);
}

void pdu_rx_init(struct pdu_rx *rx, size_t max_dlen)
{
	memset(rx, 0, sizeof(*rx));
	rx->max_dlen = max_dlen;
	rx->max_ahs = PDU_AHS_MAX;
}

void pdu_rx_reset(struct pdu_rx *rx)
{
	free(rx->buf);
	rx->buf = NULL;
	rx->hdr_pos = 0;
	rx->need = 0;
	rx->pos = 0;
}

/* The BHS is complete: bound what it announces, then allocate. */
static int pdu_rx_start_body(struct pdu_rx *rx)
{
	size_t data_len = pdu_get24(rx->bhs + 5);

	if (data_len > rx->max_dlen)
		return -EMSGSIZE;
	if ((size_t)rx->bhs[4] * 4 > rx->max_ahs)
		return -EPROTO;
	rx->need = (size_t)rx->bhs[4] * 4 + data_len + pdu_pad4(data_len);
	rx->pos = 0;
	if (!rx->need)
		return 0;
	rx->buf = malloc(rx->need);
	return rx->buf ? 0 : -ENOMEM;
}

long pdu_rx_feed(struct pdu_rx *rx, const uint8_t *buf, size_t len,
		 struct pdu **out)
{
	size_t used = 0, n;
	int rc;

	*out = NULL;
	if (rx->hdr_pos < ISCSI_BHS_LEN) {
		n = ISCSI_BHS_LEN - rx->hdr_pos;
		if (n > len)
			n = len;
		memcpy(rx->bhs + rx->hdr_pos, buf, n);
		rx->hdr_pos += n;
		used = n;
		if (rx->hdr_pos < ISCSI_BHS_LEN)
			return (long)used;
		rc = pdu_rx_start_body(rx);
		if (rc)
			goto fail;
	}
	n = rx->need - rx->pos;
	if (n > len - used)
		n = len - used;
	if (n)
		memcpy(rx->buf + rx->pos, buf + used, n);
	rx->pos += n;
	used += n;
	if (rx->pos < rx->need)
		return (long)used;
	rc = pdu_from_parts(rx->bhs, rx->buf, (size_t)rx->bhs[4] * 4,
			    pdu_get24(rx->bhs + 5), out);
	if (rc)
		goto fail;
	pdu_rx_reset(rx);
	return (long)used;
fail:
	pdu_rx_reset(rx);
	return rc;
}

/* Login Request, RFC 7143 §11.12: always immediate; NSG is reserved
 * (zero) unless T is set; Version-max/min 0x00. */
struct pdu *pdu_login_req(const uint8_t isid[6], uint16_t tsih, uint32_t itt,
			  uint16_t cid, uint32_t cmdsn, uint32_t exp_statsn,
			  int csg, int nsg, int transit)
{
	struct pdu *pdu = pdu_new(ISCSI_OP_IMMEDIATE | ISCSI_OP_LOGIN);
	struct iscsi_login_req *h;

	if (!pdu)
		return NULL;
	h = (struct iscsi_login_req *)pdu->bhs;
	h->flags = (uint8_t)((csg << ISCSI_LOGIN_CSG_SHIFT) &
			     ISCSI_LOGIN_CSG_MASK);
	if (transit)
		h->flags |= ISCSI_FLAG_LOGIN_TRANSIT |
			    (uint8_t)(nsg & ISCSI_LOGIN_NSG_MASK);
	memcpy(h->isid, isid, sizeof(h->isid));
	pdu_put16(h->tsih, tsih);
	pdu_put32(h->itt, itt);
	pdu_put16(h->cid, cid);
	pdu_put32(h->cmdsn, cmdsn);
	pdu_put32(h->exp_statsn, exp_statsn);
	return pdu;
}

/* Text, NOP-Out and Logout share ITT at 16, CmdSN at 24, ExpStatSN at
 * 28 (RFC 7143 §11.10.1, §11.14.1, §11.18.1). */
static struct pdu *pdu_seq_req(uint8_t opcode, uint8_t flags, uint32_t itt,
			       uint32_t cmdsn, uint32_t exp_statsn)
{
	struct pdu *pdu = pdu_new(opcode);

	if (!pdu)
		return NULL;
	pdu->bhs[1] = flags;
	pdu_put32(pdu->bhs + 16, itt);
	pdu_put32(pdu->bhs + 24, cmdsn);
	pdu_put32(pdu->bhs + 28, exp_statsn);
	return pdu;
}

/* Text Request, RFC 7143 §11.10: the I bit is optional; like open-iscsi's
 * discovery it is sent non-immediate, so CmdSN advances. */
struct pdu *pdu_text_req(uint32_t itt, uint32_t ttt, uint32_t cmdsn,
			 uint32_t exp_statsn, int final)
{
	struct pdu *pdu = pdu_seq_req(ISCSI_OP_TEXT,
				      final ? ISCSI_FLAG_FINAL : 0, itt,
				      cmdsn, exp_statsn);

	if (pdu)
		pdu_put32(pdu->bhs + 20, ttt);
	return pdu;
}

/* Logout Request, RFC 7143 §11.14: immediate, F set, reason in bits
 * 0-6 of byte 1. */
struct pdu *pdu_logout_req(int reason, uint32_t itt, uint16_t cid,
			   uint32_t cmdsn, uint32_t exp_statsn)
{
	struct pdu *pdu = pdu_seq_req(ISCSI_OP_IMMEDIATE | ISCSI_OP_LOGOUT,
				      ISCSI_FLAG_FINAL |
					      (uint8_t)(reason & 0x7f),
				      itt, cmdsn, exp_statsn);

	if (pdu)
		pdu_put16(pdu->bhs + 20, cid);
	return pdu;
}

/* NOP-Out, RFC 7143 §11.18: immediate, F set, LUN 0. */
struct pdu *pdu_nop_out(uint32_t itt, uint32_t ttt, uint32_t cmdsn,
			uint32_t exp_statsn)
{
	struct pdu *pdu = pdu_seq_req(ISCSI_OP_IMMEDIATE | ISCSI_OP_NOOP_OUT,
				      ISCSI_FLAG_FINAL, itt, cmdsn,
				      exp_statsn);

	if (pdu)
		pdu_put32(pdu->bhs + 20, ttt);
	return pdu;
}

/* The opcodes with a name, and their names in the same order (strlist.h). */
static const uint8_t pdu_ops[] = {
	ISCSI_OP_NOOP_OUT, ISCSI_OP_SCSI_CMD,	ISCSI_OP_TMF,
	ISCSI_OP_LOGIN,	   ISCSI_OP_TEXT,	ISCSI_OP_DATA_OUT,
	ISCSI_OP_LOGOUT,   ISCSI_OP_SNACK,	ISCSI_OP_NOOP_IN,
	ISCSI_OP_SCSI_RSP, ISCSI_OP_TMF_RSP,	ISCSI_OP_LOGIN_RSP,
	ISCSI_OP_TEXT_RSP, ISCSI_OP_DATA_IN,	ISCSI_OP_LOGOUT_RSP,
	ISCSI_OP_R2T,	   ISCSI_OP_ASYNC,	ISCSI_OP_REJECT,
};
static const char pdu_names[] =
	"nop-out\0scsi command\0task management request\0"
	"login request\0text request\0data-out\0"
	"logout request\0snack request\0nop-in\0"
	"scsi response\0task management response\0login response\0"
	"text response\0data-in\0logout response\0"
	"r2t\0async message\0reject\0";

const char *pdu_opcode_name(uint8_t opcode)
{
	opcode &= ISCSI_OPCODE_MASK;
	for (unsigned i = 0; i < sizeof(pdu_ops); i++)
		if (pdu_ops[i] == opcode)
			return strlist_nth(pdu_names, i);
	return "unknown opcode";
}
