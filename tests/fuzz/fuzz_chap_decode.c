/* SPDX-License-Identifier: MIT */
/* fuzz_chap_decode.c - libFuzzer harness for chap_decode(), which parses
 * CHAP_C/CHAP_R values straight from the target (RFC 7143 §6.1 binary
 * values).  Any input must return 0, -EINVAL or -EMSGSIZE without
 * touching memory outside the output buffer; a successful decode must
 * fit an exact-size buffer, overflow one byte less, and round-trip
 * through chap_encode_hex(). */
#include "core/chap.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Longer than any challenge we accept, so the size limit is exercised
 * as well as the syntax. */
#define FUZZ_MAX_INPUT (4 * CHAP_CHALLENGE_MAX)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Decode again into a heap buffer of exactly `room` bytes, so ASan sees
 * any write past it. */
static void fuzz_exact(const char *s, const uint8_t *want, size_t len,
		       size_t room)
{
	uint8_t *buf = malloc(room ? room : 1);
	size_t got = 0;
	int rc;

	if (!buf)
		return;
	rc = chap_decode(s, buf, room, &got);
	if (room >= len && (rc != 0 || got != len ||
			    memcmp(buf, want, len) != 0))
		abort();
	if (room < len && rc != -EMSGSIZE)
		abort();
	free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t out[CHAP_CHALLENGE_MAX], back[CHAP_CHALLENGE_MAX];
	static char hex[3 + 2 * CHAP_CHALLENGE_MAX];
	size_t len = 0, blen = 0;
	char *s;
	int rc;

	if (size > FUZZ_MAX_INPUT)
		return 0;
	/* exact-size NUL-terminated copy: a read past the end is caught */
	s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	rc = chap_decode(s, out, sizeof(out), &len);
	if (rc != 0 && rc != -EINVAL && rc != -EMSGSIZE)
		abort();
	if (rc == 0) {
		if (len == 0 || len > sizeof(out))
			abort();
		fuzz_exact(s, out, len, len);
		fuzz_exact(s, out, len, len - 1);
		if (chap_encode_hex(out, len, hex, sizeof(hex)) != 0 ||
		    chap_decode(hex, back, sizeof(back), &blen) != 0 ||
		    blen != len || memcmp(out, back, len) != 0)
			abort();
	}
	free(s);
	return 0;
}
