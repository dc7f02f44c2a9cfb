/* SPDX-License-Identifier: MIT */
/* fuzz_isns.c - libFuzzer harness for the iSNS response path (RFC 4171
 * §5): the input is what a server sends back.  It is gathered by
 * isns_rx_feed() in chunks whose size the first byte chooses; a gathered
 * response is then parsed as a DevAttrQryRsp.  Gathering must stay
 * within the input and ISNS_RSP_MAX, and every portal group kept must
 * have a non-empty NUL-terminated name and a printable address. */
#include "core/isns.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct isns_pg_list l;
	struct isns_rx rx;
	size_t off = 1, chunk, i;
	uint32_t status;
	long r;

	if (size < 1)
		return 0;
	chunk = (size_t)data[0] % 64 + 1;
	isns_rx_init(&rx, 1);
	while (off < size && !rx.done) {
		size_t k = size - off < chunk ? size - off : chunk;

		r = isns_rx_feed(&rx, data + off, k);
		if (r < 0)
			break;
		if ((size_t)r > k || rx.len > ISNS_RSP_MAX)
			abort();
		off += (size_t)r;
	}
	if (rx.done && !isns_rsp_status(rx.payload, rx.len, &status) &&
	    !isns_parse_query_rsp(rx.payload, rx.len, &l)) {
		for (i = 0; i < l.n; i++)
			if (!memchr(l.pg[i].name, 0, sizeof(l.pg[i].name)) ||
			    !l.pg[i].name[0] || !l.pg[i].addr[0] ||
			    !memchr(l.pg[i].addr, 0, sizeof(l.pg[i].addr)))
				abort();
		isns_pg_list_free(&l);
	}
	isns_rx_reset(&rx);
	return 0;
}
