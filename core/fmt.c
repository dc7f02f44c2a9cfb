/* SPDX-License-Identifier: MIT */
/* fmt.c - the printf engine of fmt.h: one pass over the format, each
 * conversion laid out as [spaces][prefix][zeros][body][spaces]
 * (C11 7.21.6.1). */
#include "core/errtext.h"
#include "core/fmt.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <string.h>

enum {
	F_LEFT = 1,	/* '-' */
	F_PLUS = 2,	/* '+' */
	F_SPACE = 4,	/* ' ' */
	F_ALT = 8,	/* '#' */
	F_ZERO = 16,	/* '0' */
};

enum { L_INT, L_CHAR, L_SHORT, L_LONG, L_LLONG, L_MAX, L_SIZE, L_PTRDIFF };

struct fmt_sink {
	fmt_out_fn out;
	void *ctx;
	size_t total;
	int failed;
};

static void sink_put(struct fmt_sink *k, const char *s, size_t n)
{
	if (!n)
		return;
	if (!k->failed && k->out(k->ctx, s, n) < 0)
		k->failed = 1;
	k->total += n;
}

static void sink_pad(struct fmt_sink *k, char c, size_t n)
{
	char b[16];
	size_t m;

	memset(b, c, sizeof(b));
	for (; n; n -= m) {
		m = n < sizeof(b) ? n : sizeof(b);
		sink_put(k, b, m);
	}
}

/* One field: width counts prefix, zeros and body. */
static void fmt_field(struct fmt_sink *k, unsigned fl, size_t width,
		      const char *pre, size_t zeros, const char *body,
		      size_t len)
{
	size_t pl = strlen(pre), n = pl + zeros + len;
	size_t pad = width > n ? width - n : 0;

	if (!(fl & (F_LEFT | F_ZERO)))
		sink_pad(k, ' ', pad);
	sink_put(k, pre, pl);
	if ((fl & (F_LEFT | F_ZERO)) == F_ZERO)
		sink_pad(k, '0', pad);
	sink_pad(k, '0', zeros);
	sink_put(k, body, len);
	if (fl & F_LEFT)
		sink_pad(k, ' ', pad);
}

/* d i u o x X p; u is the magnitude, neg the sign of d/i */
static void fmt_int(struct fmt_sink *k, char conv, unsigned fl, size_t width,
		    int prec, uintmax_t u, int neg)
{
	static const char hex[] = "0123456789abcdef0123456789ABCDEF";
	const char *digits = hex + (conv == 'X' ? 16 : 0);
	unsigned base = conv == 'o' ? 8 : (conv == 'u' || conv == 'd' ||
					   conv == 'i') ? 10 : 16;
	char buf[3 * sizeof(uintmax_t)], *p = buf + sizeof(buf);
	const char *pre = "";
	size_t len, zeros = 0;

	if (prec != 0 || u != 0)
		do
			*--p = digits[u % base];
		while ((u /= base) != 0);
	len = (size_t)(buf + sizeof(buf) - p);
	if (prec >= 0) {
		fl &= ~(unsigned)F_ZERO;
		zeros = (size_t)prec > len ? (size_t)prec - len : 0;
	}
	if (conv == 'd' || conv == 'i')
		pre = neg ? "-" : (fl & F_PLUS) ? "+" : (fl & F_SPACE) ? " " : "";
	else if ((fl & F_ALT) && conv == 'o' && !zeros && (!len || *p != '0'))
		zeros = 1;
	else if ((fl & F_ALT) && base == 16 && len && *p != '0')
		pre = conv == 'X' ? "0X" : "0x";
	fmt_field(k, fl, width, pre, zeros, p, len);
}

static uintmax_t fmt_uarg(va_list *ap, int lm)
{
	switch (lm) {
	case L_CHAR: return (unsigned char)va_arg(*ap, unsigned);
	case L_SHORT: return (unsigned short)va_arg(*ap, unsigned);
	case L_LONG: return va_arg(*ap, unsigned long);
	case L_LLONG: return va_arg(*ap, unsigned long long);
	case L_MAX: return va_arg(*ap, uintmax_t);
	case L_SIZE: return va_arg(*ap, size_t);
	case L_PTRDIFF: return (uintmax_t)va_arg(*ap, ptrdiff_t);
	default: return va_arg(*ap, unsigned);
	}
}

static intmax_t fmt_sarg(va_list *ap, int lm)
{
	switch (lm) {
	case L_CHAR: return (signed char)va_arg(*ap, int);
	case L_SHORT: return (short)va_arg(*ap, int);
	case L_LONG: return va_arg(*ap, long);
	case L_LLONG: return va_arg(*ap, long long);
	case L_MAX: return va_arg(*ap, intmax_t);
	case L_SIZE: return (intmax_t)va_arg(*ap, size_t);
	case L_PTRDIFF: return va_arg(*ap, ptrdiff_t);
	default: return va_arg(*ap, int);
	}
}

/* %n: store the count so far */
static void fmt_store(va_list *ap, int lm, size_t n)
{
	switch (lm) {
	case L_CHAR: *va_arg(*ap, signed char *) = (signed char)n; break;
	case L_SHORT: *va_arg(*ap, short *) = (short)n; break;
	case L_LONG: *va_arg(*ap, long *) = (long)n; break;
	case L_LLONG: *va_arg(*ap, long long *) = (long long)n; break;
	case L_MAX: *va_arg(*ap, intmax_t *) = (intmax_t)n; break;
	case L_SIZE: *va_arg(*ap, size_t *) = n; break;
	case L_PTRDIFF: *va_arg(*ap, ptrdiff_t *) = (ptrdiff_t)n; break;
	default: *va_arg(*ap, int *) = (int)n; break;
	}
}

/* Digits of a width or precision; '*' takes an int argument. */
static int fmt_num(const char **f, va_list *ap)
{
	long v = 0;

	if (**f == '*') {
		(*f)++;
		return va_arg(*ap, int);
	}
	while (**f >= '0' && **f <= '9') {
		if (v < INT_MAX)
			v = v * 10 + (**f - '0');
		(*f)++;
	}
	return v > INT_MAX ? INT_MAX : (int)v;
}

/* The flags, width, precision and length of one conversion, then the
 * conversion itself; f points after the '%'.  0, or -1 if unsupported. */
static int fmt_conv(struct fmt_sink *k, const char **f, va_list *ap,
		    int saved_errno)
{
	static const char flags[] = "-+ #0";
	const char *fp, *s;
	unsigned fl = 0;
	int width, prec = -1, lm = L_INT;
	intmax_t v;
	char c;

	while ((fp = strchr(flags, **f)) && **f) {
		fl |= 1u << (fp - flags);
		(*f)++;
	}
	width = fmt_num(f, ap);
	if (width < 0) {
		fl |= F_LEFT;
		width = width == INT_MIN ? INT_MAX : -width;
	}
	if (**f == '.') {
		(*f)++;
		prec = fmt_num(f, ap);
		if (prec < 0)
			prec = -1;
	}
	for (;; (*f)++) {
		c = **f;
		if (c == 'h')
			lm = lm == L_SHORT ? L_CHAR : L_SHORT;
		else if (c == 'l')
			lm = lm == L_LONG ? L_LLONG : L_LONG;
		else if (c == 'j' || c == 'z' || c == 't')
			lm = c == 'j' ? L_MAX : c == 'z' ? L_SIZE : L_PTRDIFF;
		else
			break;
	}
	c = **f;
	if (!c)
		return -1;	/* a lone '%' at the end */
	(*f)++;
	switch (c) {
	case 'd': case 'i':
		v = fmt_sarg(ap, lm);
		fmt_int(k, c, fl, (size_t)width, prec,
			v < 0 ? -(uintmax_t)v : (uintmax_t)v, v < 0);
		return 0;
	case 'u': case 'o': case 'x': case 'X':
		fmt_int(k, c, fl, (size_t)width, prec, fmt_uarg(ap, lm), 0);
		return 0;
	case 'p':
		fmt_int(k, 'x', fl | F_ALT, (size_t)width, prec,
			(uintptr_t)va_arg(*ap, void *), 0);
		return 0;
	case 'c':
		if (lm != L_INT)
			break;
		c = (char)va_arg(*ap, int);
		fmt_field(k, fl & ~(unsigned)F_ZERO, (size_t)width, "", 0, &c,
			  1);
		return 0;
	case 's': case 'm':
		if (lm != L_INT)
			break;
		s = c == 'm' ? errtext(saved_errno) : va_arg(*ap, const char *);
		if (!s)
			s = "(null)";
		fmt_field(k, fl & ~(unsigned)F_ZERO, (size_t)width, "", 0, s,
			  prec < 0 ? strlen(s) : strnlen(s, (size_t)prec));
		return 0;
	case 'n':
		fmt_store(ap, lm, k->total);
		return 0;
	case '%':
		sink_put(k, "%", 1);
		return 0;
	}
	return -1;
}

int fmt_vformat(fmt_out_fn out, void *ctx, const char *fmt, va_list ap)
{
	struct fmt_sink k = { out, ctx, 0, 0 };
	int saved_errno = errno;
	const char *pct;
	va_list aq;
	int rc = 0;

	va_copy(aq, ap);
	while (*fmt && !k.failed) {
		pct = strchr(fmt, '%');
		if (!pct) {
			sink_put(&k, fmt, strlen(fmt));
			break;
		}
		sink_put(&k, fmt, (size_t)(pct - fmt));
		fmt = pct + 1;
		if (fmt_conv(&k, &fmt, &aq, saved_errno) < 0) {
			errno = EINVAL;
			rc = -1;
			break;
		}
	}
	va_end(aq);
	if (rc == 0 && k.failed)
		rc = -1;
	if (rc == 0 && k.total > INT_MAX) {
		errno = EOVERFLOW;
		rc = -1;
	}
	return rc < 0 ? -1 : (int)k.total;
}
