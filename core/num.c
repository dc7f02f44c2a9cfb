/* SPDX-License-Identifier: MIT */
/* num.c - strict number parsing (see num.h).  No strtol(): it accepts
 * leading spaces, a '+' sign and partial strings, all of which are
 * refused here.  The wire form follows RFC 7143 §6.1 (decimal-constant,
 * hex-constant). */
#include "core/num.h"

#include <errno.h>
#include <limits.h>

static int num_digit(char c, unsigned base)
{
	int d;

	if (c >= '0' && c <= '9')
		d = c - '0';
	else if (c >= 'a' && c <= 'f')
		d = c - 'a' + 10;
	else if (c >= 'A' && c <= 'F')
		d = c - 'A' + 10;
	else
		return -1;
	return d < (int)base ? d : -1;
}

/* Digits only, at least one, to the end of s.  A syntax error wins over
 * an overflow so "99999999999999999999x" is -EINVAL, not -ERANGE. */
static int num_digits(const char *s, unsigned base, uint64_t *out)
{
	uint64_t v = 0;
	int overflow = 0;
	int d;

	if (!s || !*s)
		return -EINVAL;
	for (; *s; s++) {
		d = num_digit(*s, base);
		if (d < 0)
			return -EINVAL;
		if (v > (UINT64_MAX - (uint64_t)d) / base)
			overflow = 1;
		else
			v = v * base + (uint64_t)d;
	}
	if (overflow)
		return -ERANGE;
	*out = v;
	return 0;
}

int num_parse_long(const char *s, long min, long max, long *out)
{
	uint64_t mag;
	long v;
	int neg = 0;
	int rc;

	if (s && *s == '-') {
		neg = 1;
		s++;
	}
	rc = num_digits(s, 10, &mag);
	if (rc)
		return rc;
	if (neg) {
		if (mag > (uint64_t)LONG_MAX + 1)
			return -ERANGE;
		v = mag == (uint64_t)LONG_MAX + 1 ? LONG_MIN : -(long)mag;
	} else {
		if (mag > (uint64_t)LONG_MAX)
			return -ERANGE;
		v = (long)mag;
	}
	if (v < min || v > max)
		return -ERANGE;
	*out = v;
	return 0;
}

/* Digits in base plus the range check shared by the unsigned parsers. */
static int num_unsigned(const char *s, unsigned base, uint64_t min,
			uint64_t max, uint64_t *out)
{
	uint64_t v;
	int rc;

	rc = num_digits(s, base, &v);
	if (rc)
		return rc;
	if (v < min || v > max)
		return -ERANGE;
	*out = v;
	return 0;
}

int num_parse_u32(const char *s, uint32_t min, uint32_t max, uint32_t *out)
{
	uint64_t v;
	int rc;

	rc = num_unsigned(s, 10, min, max, &v);
	if (!rc)
		*out = (uint32_t)v;
	return rc;
}

int num_parse_u64(const char *s, uint64_t min, uint64_t max, uint64_t *out)
{
	return num_unsigned(s, 10, min, max, out);
}

long num_strtol(const char *s, char **end, int *erange)
{
	const char *p = s;
	uint64_t mag = 0, lim;
	int neg = 0, over = 0;

	if (erange)
		*erange = 0;
	while (*p == ' ' || (*p >= '\t' && *p <= '\r'))
		p++;
	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	lim = neg ? (uint64_t)LONG_MAX + 1 : (uint64_t)LONG_MAX;
	if (*p < '0' || *p > '9') {
		if (end)
			*end = (char *)s;
		return 0;
	}
	for (; *p >= '0' && *p <= '9'; p++) {
		if (mag > (lim - (uint64_t)(*p - '0')) / 10)
			over = 1;
		else
			mag = mag * 10 + (uint64_t)(*p - '0');
	}
	if (end)
		*end = (char *)p;
	if (erange)
		*erange = over;
	if (over)
		return neg ? LONG_MIN : LONG_MAX;
	return neg ? (mag == (uint64_t)LONG_MAX + 1 ? LONG_MIN : -(long)mag)
		   : (long)mag;
}

int num_scan_u32(const char **s, uint32_t *out)
{
	const char *p = *s;
	uint64_t v = 0;

	if (*p < '0' || *p > '9')
		return -EINVAL;
	for (; *p >= '0' && *p <= '9'; p++) {
		v = v * 10 + (uint64_t)(*p - '0');
		if (v > UINT32_MAX)
			return -ERANGE;
	}
	*out = (uint32_t)v;
	*s = p;
	return 0;
}

/* RFC 7143 §6.1: decimal-constant is "0" or digits not starting with 0;
 * hex-constant is "0x"/"0X" and at least one hex digit. */
int num_parse_iscsi(const char *s, uint64_t min, uint64_t max, uint64_t *out)
{
	if (!s || !*s)
		return -EINVAL;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		return num_unsigned(s + 2, 16, min, max, out);
	if (s[0] == '0' && s[1] != '\0')
		return -EINVAL;
	return num_unsigned(s, 10, min, max, out);
}
