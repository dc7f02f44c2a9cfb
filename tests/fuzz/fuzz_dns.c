/* SPDX-License-Identifier: MIT */
/* fuzz_dns.c - libFuzzer harness for what the resolver reads: a DNS reply
 * (core/dns.c dns_reply, for A and for AAAA, the id taken from the
 * packet so the header check passes), and the same bytes as resolv.conf
 * and hosts-file text (core/resolv_conf.c).  A reply yields at most max
 * addresses; the settings stay in their documented ranges; a query built
 * for a name from the input, marked as a response, parses as an answer
 * without addresses. */
#include "core/dns.h"
#include "core/resolv.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t addr[4][16], q[DNS_MSG_MAX];
	struct resolv_addr ra[RESOLV_MAXADDR];
	struct resolv_conf rc;
	uint16_t id = size >= 2 ? (uint16_t)(data[0] << 8 | data[1]) : 0;
	char *s;
	int r, i;

	for (i = 0; i < 2; i++) {
		r = dns_reply(data, size, id, i ? DNS_TYPE_AAAA : DNS_TYPE_A,
			      addr, 3);
		if (r > 3 || (r < 0 && r != -ENOENT && r != -EAGAIN &&
			      r != -EBADMSG))
			abort();
	}
	s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	resolv_conf_parse(s, &rc);
	if (rc.n_ns > RESOLV_MAXNS || rc.timeout < 1 || rc.timeout > 60 ||
	    rc.attempts < 1 || rc.attempts > 10 || rc.ndots < 0 ||
	    rc.ndots > 15 || strlen(rc.search) >= sizeof(rc.search))
		abort();
	if (resolv_hosts_find(s, "target", ra, RESOLV_MAXADDR) >
	    RESOLV_MAXADDR)
		abort();
	/* the input's first line as a name */
	s[strcspn(s, "\n")] = '\0';
	r = dns_query(q, sizeof(q), 0x4242, s, DNS_TYPE_AAAA);
	if (r >= 0) {
		q[2] |= 0x80;
		if (dns_reply(q, (size_t)r, 0x4242, DNS_TYPE_AAAA, addr, 3) != 0)
			abort();
	}
	free(s);
	return 0;
}
