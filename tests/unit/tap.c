/* SPDX-License-Identifier: MIT */
/* tap.c - assertion helpers for the unit tests (see tap.h). */
#include "tap.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static int tap_pass, tap_fail;

void tap_check(int ok, const char *file, int line, const char *expr)
{
	if (ok) {
		tap_pass++;
		return;
	}
	tap_fail++;
	fprintf(stderr, "FAIL %s:%d: %s\n", file, line, expr);
}

void tap_check_int(long long got, long long want, const char *file, int line,
		   const char *expr)
{
	tap_check(got == want, file, line, expr);
	if (got != want)
		fprintf(stderr, "     got %lld, want %lld\n", got, want);
}

void tap_check_str(const char *got, const char *want, const char *file,
		   int line, const char *expr)
{
	int ok = (got == NULL && want == NULL) ||
		 (got && want && strcmp(got, want) == 0);

	tap_check(ok, file, line, expr);
	if (!ok)
		fprintf(stderr, "     got \"%s\", want \"%s\"\n",
			got ? got : "(null)", want ? want : "(null)");
}

void tap_check_mem(const void *got, size_t got_len, const void *want,
		   size_t want_len, const char *file, int line,
		   const char *expr)
{
	int ok = got_len == want_len &&
		 (got_len == 0 || memcmp(got, want, got_len) == 0);

	tap_check(ok, file, line, expr);
	if (!ok)
		fprintf(stderr, "     length %zu vs %zu or contents differ\n",
			got_len, want_len);
}

size_t tap_unhex(const char *hex, uint8_t *buf, size_t max)
{
	size_t n = 0;
	int hi = -1;

	for (; *hex; hex++) {
		int v;

		if (isspace((unsigned char)*hex))
			continue;
		if (!isxdigit((unsigned char)*hex))
			break;
		v = isdigit((unsigned char)*hex) ? *hex - '0' :
						   (tolower(*hex) - 'a' + 10);
		if (hi < 0) {
			hi = v;
			continue;
		}
		if (n < max)
			buf[n++] = (uint8_t)(hi << 4 | v);
		hi = -1;
	}
	return n;
}

int tap_done(void)
{
	printf("%d passed, %d failed\n", tap_pass, tap_fail);
	return tap_fail ? 1 : 0;
}
