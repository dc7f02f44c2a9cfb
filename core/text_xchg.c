/* SPDX-License-Identifier: MIT */
/* text_xchg.c - one text exchange, request and gathered answer (see
 * text_xchg.h; RFC 7143 §11.10-11.11). */
#include "core/text_xchg.h"

#include "core/pdu.h"

#include <stdio.h>
#include <string.h>

void text_xchg_init(struct text_xchg *x, uint32_t itt, uint32_t *cmdsn,
		    uint32_t *exp_statsn, const char *text, size_t max)
{
	memset(x, 0, sizeof(*x));
	x->itt = itt;
	x->ttt = ISCSI_RSVD_TAG;
	x->cmdsn = cmdsn;
	x->exp_statsn = exp_statsn;
	x->text = text;
	text_acc_init(&x->acc, max);
}

struct pdu *text_xchg_request(struct text_xchg *x)
{
	struct pdu *pdu = pdu_text_req(x->itt, x->ttt, *x->cmdsn,
				       *x->exp_statsn, 1);

	/* Text requests are non-immediate: each advances CmdSN
	 * (RFC 7143 §11.10). */
	(*x->cmdsn)++;
	if (pdu && x->text &&
	    pdu_set_data(pdu, x->text, strlen(x->text) + 1) < 0) {
		pdu_delete(pdu);
		pdu = NULL;
	}
	x->text = NULL;
	return pdu;
}

static enum text_status text_xchg_fail(struct text_xchg *x, const char *why)
{
	snprintf(x->reason, sizeof(x->reason), "%s", why);
	return TEXT_FAILED;
}

enum text_status text_xchg_response(struct text_xchg *x,
				    const struct pdu *rsp)
{
	const struct iscsi_text_hdr *h = (const void *)rsp->bhs;

	if (pdu_opcode(rsp) != ISCSI_OP_TEXT_RSP ||
	    (!x->any_itt && pdu_itt(rsp) != x->itt)) {
		snprintf(x->reason, sizeof(x->reason),
			 "unexpected %s during text exchange",
			 pdu_opcode_name(pdu_opcode(rsp)));
		return TEXT_FAILED;
	}
	*x->exp_statsn = pdu_get32(h->sn) + 1;
	if (text_acc_add(&x->acc, rsp->data, rsp->data_len) < 0) {
		snprintf(x->reason, sizeof(x->reason),
			 "text response larger than %zu bytes (the cap on a "
			 "gathered answer)", x->acc.max);
		return TEXT_FAILED;
	}
	if (h->flags & ISCSI_FLAG_FINAL)
		return h->flags & ISCSI_FLAG_CONTINUE ?
			       text_xchg_fail(x, "text response with both F "
						 "and C set") :
			       TEXT_DONE;
	x->ttt = pdu_get32(h->ttt);
	if (x->ttt == ISCSI_RSVD_TAG)
		return text_xchg_fail(x, "partial text response without a "
					 "target tag");
	return TEXT_MORE;
}

uint8_t *text_xchg_take(struct text_xchg *x, size_t *len)
{
	uint8_t *buf = x->acc.buf;

	*len = x->acc.len;
	text_acc_init(&x->acc, x->acc.max);
	return buf;
}

void text_xchg_free(struct text_xchg *x)
{
	text_acc_free(&x->acc);
}
