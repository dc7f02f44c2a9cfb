/* SPDX-License-Identifier: MIT */
/* fmt_stdio.c - vfprintf() on top of fmt.h, replacing libc's in the static
 * build (ISCSIBOX_SMALL_PRINTF, on with musl).  musl's printf, fprintf,
 * snprintf, vsnprintf, dprintf, ... all call vfprintf(), so defining it
 * here keeps musl's vfprintf.o, with its floating-point and wide-character
 * code, out of the link; see fmt.h for what is supported.
 *
 * Output is gathered in a small buffer and handed to fwrite() in as few
 * pieces as possible: a log line on unbuffered stderr still leaves in one
 * write(), as with musl's own vfprintf. */
#include "core/fmt.h"

#if ISCSIBOX_SMALL_PRINTF
#include <stdio.h>
#include <string.h>

struct fmt_file {
	FILE *f;
	size_t n;
	char buf[256];
};

static int fmt_file_flush(struct fmt_file *b)
{
	size_t n = b->n;

	b->n = 0;
	return n && fwrite(b->buf, 1, n, b->f) != n ? -1 : 0;
}

static int fmt_file_out(void *ctx, const char *s, size_t n)
{
	struct fmt_file *b = ctx;

	if (n > sizeof(b->buf) - b->n) {
		if (fmt_file_flush(b) < 0)
			return -1;
		if (n > sizeof(b->buf))
			return fwrite(s, 1, n, b->f) == n ? 0 : -1;
	}
	memcpy(b->buf + b->n, s, n);
	b->n += n;
	return 0;
}

int vfprintf(FILE *restrict f, const char *restrict fmt, va_list ap)
{
	struct fmt_file b;
	int rc;

	b.f = f;
	b.n = 0;
	rc = fmt_vformat(fmt_file_out, &b, fmt, ap);
	if (fmt_file_flush(&b) < 0)
		rc = -1;
	return rc;
}
#endif
