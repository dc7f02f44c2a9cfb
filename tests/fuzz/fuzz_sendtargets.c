/* SPDX-License-Identifier: MIT */
/* fuzz_sendtargets.c - libFuzzer harness for the SendTargets answer
 * (RFC 7143 §11.11, Appendix C): the input is the gathered text of a
 * target's Text Responses.  sendtargets_parse() must either refuse it
 * with a reason and an empty list, or return targets that each have a
 * name and at least one portal with a port and tpgt in range, and whose
 * portals print. */
#include "core/sendtargets.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_portal(const struct portal *p)
{
	char buf[PORTAL_ADDR_MAX + 16];

	if (!memchr(p->addr, '\0', sizeof(p->addr)) || !p->addr[0])
		abort();
	if (p->port < 1 || p->port > 65535)
		abort();
	if (p->tpgt != PORTAL_TPGT_UNKNOWN &&
	    (p->tpgt < 0 || p->tpgt > 65535))
		abort();
	portal_format(p, buf, sizeof(buf));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct st_list l;
	const char *why = NULL;
	size_t i, j;
	int rc;

	rc = sendtargets_parse(data, size, "192.0.2.1", 3260, &l, &why);
	if (rc) {
		if (rc != -EINVAL && rc != -ENOMEM)
			abort();
		if ((rc == -EINVAL && !why) || l.n || l.targets)
			abort();
		return 0;
	}
	for (i = 0; i < l.n; i++) {
		const struct st_target *t = &l.targets[i];

		if (!t->name || !t->name[0] || !t->n_portals)
			abort();
		for (j = 0; j < t->n_portals; j++)
			check_portal(&t->portals[j]);
	}
	st_list_free(&l);
	return 0;
}
