/* SPDX-License-Identifier: MIT */
/* test_fmt.c - the printf engine (core/fmt.h): every supported flag,
 * width, precision and length against the C library's snprintf (glibc in
 * the dev build: a second implementation), the few places where the
 * answer is musl's own (%p), the returned count and %n, and refusal of
 * what it does not support. */
#include "core/fmt.h"
#include "tap.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

/* The odd flag mixes below are deliberate: both sides must agree. */
#pragma GCC diagnostic ignored "-Wformat"

struct buf {
	char s[512];
	size_t n;
};

static int buf_out(void *ctx, const char *s, size_t n)
{
	struct buf *b = ctx;

	if (n >= sizeof(b->s) - b->n)
		return -1;
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = '\0';
	return 0;
}

static int ours_rc;

static const char *ours(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	b->n = 0;
	b->s[0] = '\0';
	va_start(ap, fmt);
	ours_rc = fmt_vformat(buf_out, b, fmt, ap);
	va_end(ap);
	return b->s;
}

/* Same format and arguments through both; same text and count. */
#define SAME(...)                                                            \
	do {                                                                 \
		char want_[512];                                             \
		struct buf b_;                                               \
		int n_ = snprintf(want_, sizeof(want_), __VA_ARGS__);        \
		CHECK_STR(ours(&b_, __VA_ARGS__), want_);                    \
		CHECK_INT(ours_rc, n_);                                      \
	} while (0)

static void test_ints(void)
{
	SAME("%d %i %u %x %X %o", 0, -1, 0u, 0u, 0u, 0u);
	SAME("%d|%d|%d", INT_MAX, INT_MIN, -42);
	SAME("%u|%x|%X|%o", UINT_MAX, 0xdeadbeefu, 0xdeadbeefu, 0777u);
	SAME("%ld|%lu|%lx", LONG_MIN, ULONG_MAX, 0x123456789abcdefUL);
	SAME("%lld|%llu", LLONG_MIN, ULLONG_MAX);
	SAME("%jd|%ju|%zu|%zd|%td", INTMAX_MIN, UINTMAX_MAX, (size_t)SIZE_MAX,
	     (ssize_t)-5, (ptrdiff_t)-7);
	SAME("%hhd|%hhu|%hhx|%hd|%hu", 300, 300, 511, 70000, 70000);
	SAME("[%5d][%-5d][%05d][%+d][% d][%+ d][%-+5d]", 42, 42, 42, 42, 42,
	     42, 42);
	SAME("[%05d][%5.3d][%-5.3d][%05.3d][%.0d][%.0x][%5.0d]", -42, 7, 7,
	     7, 0, 0u, 0);
	SAME("[%#x][%#X][%#o][%#x][%#o][%#.0o][%#5x][%#05x][%#.3o]", 255u,
	     255u, 8u, 0u, 0u, 0u, 1u, 1u, 8u);
	SAME("[%02x%02x][%02u][%08X]", 0xau, 0xbcu, 5u, 0xfeedu);
	SAME("[%*d][%-*d][%*d][%.*d][%.*d]", 6, 1, 6, 1, -6, 1, 4, 1, -4, 1);
	SAME("[%+.0d][% .0d][%+u]", 0, 0, 5u);
}

static void test_text(void)
{
	const char *null = NULL;

	SAME("%s|%10s|%-10s|%.2s|%10.2s|%-10.2s|%.0s", "abc", "abc", "abc",
	     "abc", "abc", "abc", "abc");
	SAME("%.*s|%*s|%-*s|%.*s", 3, "abcdef", 5, "x", 5, "x", -1, "all");
	SAME("%c|%3c|%-3c|%c", 'x', 'y', 'z', 0x141);
	SAME("%%|100%%");
	SAME("no conversion at all");
	SAME("%s", "");
	SAME("%.100s", "a string shorter than the precision");
	SAME("[%s]", null);	/* "(null)" in glibc and musl alike */
	errno = ENOENT;
	SAME("%m: [%s]", "x");
}

static void test_musl_forms(void)
{
	struct buf b;
	int n = -1;
	signed char hh = 0;
	size_t z = 0;

	/* musl: %p is %#lx, so NULL is "0" (glibc says "(nil)") */
	CHECK_STR(ours(&b, "%p", (void *)0), "0");
	CHECK_STR(ours(&b, "%p", (void *)0x1234), "0x1234");
	CHECK_STR(ours(&b, "[%10p][%-8p]", (void *)0xabc, (void *)0xabc),
		  "[     0xabc][0xabc   ]");
	CHECK_STR(ours(&b, "ab%ncd%hhn%zn", &n, &hh, &z), "abcd");
	CHECK_INT(n, 2);
	CHECK_INT(hh, 4);
	CHECK_INT(z, 4);
	CHECK_INT(ours_rc, 4);
}

static void test_refused(void)
{
	struct buf b;

	errno = 0;
	CHECK_STR(ours(&b, "x=%f!", 1.5), "x=");
	CHECK_INT(ours_rc, -1);
	CHECK_INT(errno, EINVAL);
	ours(&b, "%Lf", (long double)1);
	CHECK_INT(ours_rc, -1);
	ours(&b, "%ls", L"w");
	CHECK_INT(ours_rc, -1);
	ours(&b, "%1$d", 1);
	CHECK_INT(ours_rc, -1);
	ours(&b, "trailing %");
	CHECK_INT(ours_rc, -1);
	ours(&b, "%q", 1);
	CHECK_INT(ours_rc, -1);

	/* the sink's error stops the output and is returned */
	ours(&b, "%600s|more", "x");
	CHECK_INT(ours_rc, -1);
}

/* The string functions (core/fmt_stdio.c's in the static build): the
 * count is the whole text, what is stored is cut to fit and ended. */
static void test_strings(void)
{
	char b[8], *a = NULL;
	volatile size_t four = 4, one = 1;	/* cut on purpose */

	memset(b, 'x', sizeof(b));
	CHECK_INT(snprintf(b, four, "%s-%d", "abc", 12), 6);
	CHECK_STR(b, "abc");
	CHECK_INT(b[4], 'x');
	CHECK_INT(snprintf(b, one, "%d", 5), 1);
	CHECK_STR(b, "");
	CHECK_INT(snprintf(NULL, 0, "%05d", 7), 5);
	CHECK_INT(snprintf(b, sizeof(b), "%s", "1234567"), 7);
	CHECK_STR(b, "1234567");
	CHECK_INT(asprintf(&a, "%s=%u", "key", 42u), 6);
	CHECK_STR(a ? a : "", "key=42");
	free(a);
}

int main(void)
{
	test_strings();
	test_ints();
	test_text();
	test_musl_forms();
	test_refused();
	return tap_done();
}
