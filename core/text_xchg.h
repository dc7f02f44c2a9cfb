/* SPDX-License-Identifier: MIT */
/* text_xchg.h - one text exchange (RFC 7143 §11.10-11.11), free of I/O
 * like login.h: text_xchg_request() makes the next Text Request,
 * text_xchg_response() judges each Text Response and gathers its data up
 * to a byte cap.  usession.c sends, times and decides what follows.
 *
 * Use: text_xchg_init(); send text_xchg_request(); for each response
 * text_xchg_response(): TEXT_MORE (the answer continues: send
 * text_xchg_request() again, an empty request echoing the target's TTT,
 * §11.10.4), TEXT_DONE (text_xchg_take() hands the answer over),
 * TEXT_FAILED (reason).  Ownership: the struct is the caller's, the
 * sequence counters are the session's and lent; text_xchg_free() frees
 * what was gathered and not taken. */
#ifndef ISCSIBOX_TEXT_XCHG_H
#define ISCSIBOX_TEXT_XCHG_H

#include <stddef.h>
#include <stdint.h>

#include "core/keys.h"

struct pdu;

enum text_status { TEXT_MORE, TEXT_DONE, TEXT_FAILED };

struct text_xchg {
	uint32_t itt;
	int any_itt;			/* the kernel sends it with its own */
	uint32_t ttt;			/* to echo in the next request */
	uint32_t *cmdsn, *exp_statsn;	/* the session's, lent */
	const char *text;		/* the request, lent; sent once */
	struct text_acc acc;
	char reason[120];
};

void text_xchg_init(struct text_xchg *x, uint32_t itt, uint32_t *cmdsn,
		    uint32_t *exp_statsn, const char *text, size_t max);
/* The next request (caller owns it); NULL on allocation failure. */
struct pdu *text_xchg_request(struct text_xchg *x);
enum text_status text_xchg_response(struct text_xchg *x,
				    const struct pdu *rsp);
/* After TEXT_DONE: the gathered answer (malloc'd, caller frees). */
uint8_t *text_xchg_take(struct text_xchg *x, size_t *len);
void text_xchg_free(struct text_xchg *x);

#endif
