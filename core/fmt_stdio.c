/* SPDX-License-Identifier: MIT */
/* fmt_stdio.c - vfprintf(), vsnprintf(), snprintf() and vasprintf() on
 * top of fmt.h, replacing libc's in the static build
 * (ISCSIBOX_SMALL_PRINTF, on with musl).  musl's printf, fprintf, dprintf,
 * ... all call vfprintf(), and sprintf/asprintf the other two, so defining
 * them here keeps musl's vfprintf.o, with its floating-point and
 * wide-character code, out of the link, and its string FILE machinery
 * (vsnprintf.o, vasprintf.o); see fmt.h for what is supported.
 *
 * Output is gathered in a small buffer and handed to fwrite() in as few
 * pieces as possible: a log line on unbuffered stderr still leaves in one
 * write(), as with musl's own vfprintf. */
#include "core/fmt.h"

#if ISCSIBOX_SMALL_PRINTF
#include <stdio.h>
#include <stdlib.h>
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
/* A caller's buffer: what fits is kept, the rest only counted. */
struct fmt_str {
	char *p;
	size_t room;	/* bytes left before the final NUL */
};

static int fmt_str_out(void *ctx, const char *s, size_t n)
{
	struct fmt_str *b = ctx;
	size_t k = n < b->room ? n : b->room;

	memcpy(b->p, s, k);
	b->p += k;
	b->room -= k;
	return 0;
}

int vsnprintf(char *restrict s, size_t n, const char *restrict fmt,
	      va_list ap)
{
	char none;
	struct fmt_str b = { n ? s : &none, n ? n - 1 : 0 };
	int rc = fmt_vformat(fmt_str_out, &b, fmt, ap);

	if (n)
		*b.p = '\0';
	return rc;
}

int snprintf(char *restrict s, size_t n, const char *restrict fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = vsnprintf(s, n, fmt, ap);
	va_end(ap);
	return rc;
}

int vasprintf(char **s, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0 || !(*s = malloc((size_t)n + 1)))
		return -1;
	return vsnprintf(*s, (size_t)n + 1, fmt, ap);
}
#endif
