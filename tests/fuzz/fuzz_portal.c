/* SPDX-License-Identifier: MIT */
/* fuzz_portal.c - libFuzzer harness for portal strings: "-p" on the
 * command line and TargetAddress values (RFC 7143 §13.8), both parsed
 * by portal_parse().  The input is one string (cut at its first NUL).
 * An accepted portal must have a non-empty address that fits, a port
 * and tpgt in range, and print; what it prints must parse again to the
 * same port.  No name is resolved here: portal_resolve() would ask DNS. */
#include "core/portal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	char buf[PORTAL_ADDR_MAX + 16];
	struct portal p, q;

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (portal_parse(s, 3260, &p) == 0) {
		if (!p.addr[0] || strlen(p.addr) >= sizeof(p.addr))
			abort();
		if (p.port < 1 || p.port > 65535)
			abort();
		if (p.tpgt != PORTAL_TPGT_UNKNOWN &&
		    (p.tpgt < 0 || p.tpgt > 65535))
			abort();
		portal_is_ipv6(p.addr);
		if (portal_format(&p, buf, sizeof(buf)) >= 0 &&
		    !strchr(p.addr, '.') && !strchr(p.addr, ']') &&
		    !strchr(p.addr, ',') &&
		    (portal_parse(buf, 1, &q) || q.port != p.port ||
		     strcmp(q.addr, p.addr)))
			abort();
	}
	free(s);
	return 0;
}
