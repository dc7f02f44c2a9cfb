/* SPDX-License-Identifier: MIT */
/* test_text_xchg.c - one text exchange: the ITT check (and its absence
 * when the kernel tags the PDUs), a two-PDU answer gathered, bad flags. */
#include "core/pdu.h"
#include "core/text_xchg.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>

/* A Text Response: ITT, TTT, final flag, data. */
static struct pdu *rsp(uint32_t itt, uint32_t ttt, int final, const char *d)
{
	struct pdu *p = pdu_new(ISCSI_OP_TEXT_RSP);

	if (!p)
		return NULL;
	p->bhs[1] = final ? ISCSI_FLAG_FINAL : ISCSI_FLAG_CONTINUE;
	pdu_put32(p->bhs + 16, itt);
	pdu_put32(p->bhs + 20, ttt);
	if (pdu_set_data(p, d, strlen(d) + 1) < 0) {
		pdu_delete(p);
		return NULL;
	}
	return p;
}

static enum text_status step(struct text_xchg *x, struct pdu *r)
{
	enum text_status st = r ? text_xchg_response(x, r) : TEXT_FAILED;

	pdu_delete(r);
	return st;
}

int main(void)
{
	struct text_xchg x;
	uint32_t cmdsn = 1, statsn = 0;
	uint8_t *buf;
	size_t len;

	/* Our own ITT is checked. */
	text_xchg_init(&x, 7, &cmdsn, &statsn, "SendTargets=All", 1024);
	pdu_delete(text_xchg_request(&x));
	CHECK_INT(step(&x, rsp(9, ISCSI_RSVD_TAG, 1, "TargetName=a")),
		  TEXT_FAILED);
	text_xchg_free(&x);

	/* The kernel's ITT is not ours: taken as it comes; two PDUs. */
	text_xchg_init(&x, 0, &cmdsn, &statsn, "SendTargets=All", 1024);
	x.any_itt = 1;
	pdu_delete(text_xchg_request(&x));
	CHECK_INT(step(&x, rsp(0x4001, 5, 0, "TargetName=a")), TEXT_MORE);
	CHECK_INT(x.ttt, 5);
	CHECK_INT(step(&x, rsp(0x4001, ISCSI_RSVD_TAG, 1, "TargetName=b")),
		  TEXT_DONE);
	buf = text_xchg_take(&x, &len);
	CHECK_MEM(buf, len, "TargetName=a\0TargetName=b", 26);
	free(buf);
	text_xchg_free(&x);

	/* A partial answer without a target tag. */
	text_xchg_init(&x, 0, &cmdsn, &statsn, "SendTargets=All", 1024);
	x.any_itt = 1;
	CHECK_INT(step(&x, rsp(3, ISCSI_RSVD_TAG, 0, "TargetName=a")),
		  TEXT_FAILED);
	text_xchg_free(&x);
	return tap_done();
}
