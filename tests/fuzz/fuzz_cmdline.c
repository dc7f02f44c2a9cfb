/* SPDX-License-Identifier: MIT */
/* fuzz_cmdline.c - libFuzzer harness for cmdline_parse(), which reads the
 * kernel command line (anyone who can edit the boot entry writes it).
 * Any input, NUL bytes included, must return -EINVAL or a target count
 * within bounds, read nothing outside the exact-size copy, and leave
 * every string in the result NUL-terminated with the documented
 * defaults (port 1..65535, a non-empty name and address). */
#include "firmware/cmdline.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fuzz_str(const char *s, size_t sz)
{
	if (!memchr(s, '\0', sz))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct cmdline_iscsi out;
	char *buf;
	int rc, i;

	if (size > 8192)
		return 0;
	buf = malloc(size ? size : 1);	/* not NUL-terminated on purpose */
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	rc = cmdline_parse(buf, size, &out);
	if (rc != -EINVAL && (rc < 0 || rc > CMDLINE_MAX_TGTS))
		abort();
	if (out.n_tgts < 0 || out.n_tgts > CMDLINE_MAX_TGTS ||
	    out.n_params < 0 || out.n_params > CMDLINE_MAX_PARAMS)
		abort();
	if (rc == -EINVAL && !out.why[0])
		abort();
	fuzz_str(out.initiator, sizeof(out.initiator));
	fuzz_str(out.why, sizeof(out.why));
	for (i = 0; i < out.n_params; i++)
		if (!memchr(out.param[i], '=', sizeof(out.param[i])))
			abort();
	for (i = 0; i < out.n_tgts; i++) {
		const struct cmdline_tgt *t = &out.tgt[i];

		fuzz_str(t->name, sizeof(t->name));
		fuzz_str(t->address, sizeof(t->address));
		fuzz_str(t->user, sizeof(t->user));
		fuzz_str(t->pass_in, sizeof(t->pass_in));
		if (!t->name[0] || !t->address[0] || t->port < 1 ||
		    t->port > 65535 || t->tpgt < -1 || t->tpgt > 65535)
			abort();
	}
	free(buf);
	return 0;
}
