/* SPDX-License-Identifier: MIT */
/* fuzz_pdu.c - libFuzzer harness for the PDU receive paths (RFC 7143
 * §11): the same bytes go through pdu_parse() and through pdu_rx_feed()
 * in chunks sized by the first input byte.  Both must agree on the first
 * PDU, never read or allocate past what the BHS announces within
 * max_dlen, and a parsed PDU must survive pdu_serialize() -> pdu_parse()
 * unchanged. */
#include "core/pdu.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_MAX_DLEN 65536

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int fuzz_same(const struct pdu *a, const struct pdu *b)
{
	return memcmp(a->bhs, b->bhs, ISCSI_BHS_LEN) == 0 &&
	       a->ahs_len == b->ahs_len && a->data_len == b->data_len &&
	       (!a->ahs_len || memcmp(a->ahs, b->ahs, a->ahs_len) == 0) &&
	       (!a->data_len || memcmp(a->data, b->data, a->data_len) == 0);
}

static void fuzz_roundtrip(const struct pdu *pdu)
{
	struct pdu *again = NULL;
	uint8_t *buf = NULL;
	size_t len = 0;

	if (pdu_serialize(pdu, &buf, &len))
		return;
	if (len & 3 || pdu_parse(buf, len, FUZZ_MAX_DLEN, &again) != 0 ||
	    !fuzz_same(pdu, again))
		abort();
	(void)pdu_opcode_name(pdu->bhs[0]);
	pdu_delete(again);
	free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pdu *whole = NULL, *first = NULL, *pdu;
	struct pdu_rx rx;
	size_t chunk, off = 0, n;
	long used;
	int rc;

	if (size < 1)
		return 0;
	chunk = (size_t)data[0] + 1;
	data++;
	size--;

	rc = pdu_parse(data, size, FUZZ_MAX_DLEN, &whole);
	if (rc && rc != -EPROTO && rc != -EMSGSIZE && rc != -ENOMEM)
		abort();
	if (!rc)
		fuzz_roundtrip(whole);

	pdu_rx_init(&rx, FUZZ_MAX_DLEN);
	while (off < size) {
		n = size - off < chunk ? size - off : chunk;
		pdu = NULL;
		used = pdu_rx_feed(&rx, data + off, n, &pdu);
		if (used < 0) {
			if (used != -EMSGSIZE && used != -ENOMEM)
				abort();
			break;
		}
		if ((size_t)used > n || (!used && !pdu))
			abort();
		off += (size_t)used;
		if (pdu && !first)
			first = pdu;
		else
			pdu_delete(pdu);
	}
	/* A whole-buffer parse that succeeded is the stream's first PDU,
	 * once the stream also holds the padding pdu_parse() may go
	 * without. */
	if (whole && size >= ISCSI_BHS_LEN + whole->ahs_len +
				     ((whole->data_len + 3) & ~(size_t)3) &&
	    (!first || !fuzz_same(whole, first)))
		abort();
	pdu_rx_reset(&rx);
	pdu_delete(first);
	pdu_delete(whole);
	return 0;
}
