/* SPDX-License-Identifier: MIT */
/* fuzz_ibft.c - libFuzzer harness for the raw iBFT parser
 * (firmware/ibft_acpi.c) and what is built on it: open-iscsi's target
 * choice and the printed record (core/fwboot.c).  The input is copied to
 * a buffer of exactly its size so ASan catches any read past the table.
 * When the first byte is even the checksum byte is fixed up first, so
 * the fuzzer gets past the checksum and into the structures. */
#include "core/fwboot.h"
#include "firmware/ibft.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fix_checksum(uint8_t *b, size_t size)
{
	size_t len = size, i;
	uint8_t sum = 0;

	if (size < 10)
		return;
	len = (size_t)b[4] | (size_t)b[5] << 8 | (size_t)b[6] << 16 |
	      (size_t)b[7] << 24;
	if (len > size)
		return;
	b[9] = 0;
	for (i = 0; i < len; i++)
		sum = (uint8_t)(sum + b[i]);
	b[9] = (uint8_t)(0x100 - sum);
}

static void check_str(const char *s, size_t n)
{
	if (!memchr(s, '\0', n))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct ibft t;
	struct fw_entry e[IBFT_MAX_TGTS], be;
	uint8_t *b;
	char out[4096];
	int i, n, rc;

	if (size < 1)
		return 0;
	b = malloc(size - 1 ? size - 1 : 1);
	if (!b)
		return 0;
	memcpy(b, data + 1, size - 1);
	if (!(data[0] & 1))
		fix_checksum(b, size - 1);
	rc = ibft_parse(b, size - 1, &t);
	if (rc && (t.n_nics || t.n_tgts || t.ini.present || !t.why[0]))
		abort();
	if (t.n_nics > IBFT_MAX_NICS || t.n_tgts > IBFT_MAX_TGTS)
		abort();
	for (i = 0; i < t.n_tgts; i++) {
		check_str(t.tgts[i].name, sizeof(t.tgts[i].name));
		check_str(t.tgts[i].chap_secret, sizeof(t.tgts[i].chap_secret));
	}
	n = fwboot_targets(&t, e, IBFT_MAX_TGTS, out, sizeof(out));
	for (i = 0; i < n; i++)
		if (fwboot_format(&e[i], out, sizeof(out)) < 0)
			abort();
	if (fwboot_boot_entry(&t, &be) == 0 &&
	    fwboot_format(&be, out, sizeof(out)) < 0)
		abort();
	free(b);
	return 0;
}
