/* SPDX-License-Identifier: MIT */
/* test_num.c - strict number parsing: accepted forms, every refused
 * form, range edges, and that *out is untouched on error. */
#include "core/num.h"
#include "tap.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>

static void test_long(void)
{
	long v = 1234;

	CHECK_INT(num_parse_long("0", -5, 5, &v), 0);
	CHECK_INT(v, 0);
	CHECK_INT(num_parse_long("-1", -1, 65535, &v), 0);
	CHECK_INT(v, -1);
	CHECK_INT(num_parse_long("-20", -20, 19, &v), 0);
	CHECK_INT(v, -20);
	CHECK_INT(num_parse_long("007", 0, 10, &v), 0);
	CHECK_INT(v, 7);
	CHECK_INT(num_parse_long("9223372036854775807", LONG_MIN, LONG_MAX,
				 &v), 0);
	CHECK_INT(v, LONG_MAX);
	CHECK_INT(num_parse_long("-9223372036854775808", LONG_MIN, LONG_MAX,
				 &v), 0);
	CHECK_INT(v, LONG_MIN);

	v = 42;
	CHECK_INT(num_parse_long("9223372036854775808", LONG_MIN, LONG_MAX,
				 &v), -ERANGE);
	CHECK_INT(num_parse_long("-9223372036854775809", LONG_MIN, LONG_MAX,
				 &v), -ERANGE);
	CHECK_INT(num_parse_long("99999999999999999999999", 0, 1, &v),
		  -ERANGE);
	CHECK_INT(num_parse_long("-21", -20, 19, &v), -ERANGE);
	CHECK_INT(num_parse_long("20", -20, 19, &v), -ERANGE);
	CHECK_INT(num_parse_long("", 0, 10, &v), -EINVAL);
	CHECK_INT(num_parse_long(NULL, 0, 10, &v), -EINVAL);
	CHECK_INT(num_parse_long("-", 0, 10, &v), -EINVAL);
	CHECK_INT(num_parse_long("+1", 0, 10, &v), -EINVAL);
	CHECK_INT(num_parse_long(" 1", 0, 10, &v), -EINVAL);
	CHECK_INT(num_parse_long("1 ", 0, 10, &v), -EINVAL);
	CHECK_INT(num_parse_long("--1", -10, 10, &v), -EINVAL);
	CHECK_INT(num_parse_long("1x", 0, 10, &v), -EINVAL);
	CHECK_INT(num_parse_long("0x10", 0, 100, &v), -EINVAL);
	CHECK_INT(num_parse_long("99999999999999999999999x", 0, 1, &v),
		  -EINVAL);
	CHECK_INT(v, 42);
}

static void test_u32(void)
{
	uint32_t v = 7;

	CHECK_INT(num_parse_u32("4294967295", 0, UINT32_MAX, &v), 0);
	CHECK_INT(v, 4294967295u);
	CHECK_INT(num_parse_u32("512", 512, 16777215, &v), 0);
	CHECK_INT(v, 512);
	v = 7;
	CHECK_INT(num_parse_u32("4294967296", 0, UINT32_MAX, &v), -ERANGE);
	CHECK_INT(num_parse_u32("511", 512, 16777215, &v), -ERANGE);
	CHECK_INT(num_parse_u32("16777216", 512, 16777215, &v), -ERANGE);
	CHECK_INT(num_parse_u32("-1", 0, 10, &v), -EINVAL);
	CHECK_INT(num_parse_u32("+1", 0, 10, &v), -EINVAL);
	CHECK_INT(num_parse_u32("\t1", 0, 10, &v), -EINVAL);
	CHECK_INT(num_parse_u32("", 0, 10, &v), -EINVAL);
	CHECK_INT(num_parse_u32("1.0", 0, 10, &v), -EINVAL);
	CHECK_INT(num_parse_u32("a", 0, 10, &v), -EINVAL);
	CHECK_INT(v, 7);
}

static void test_iscsi(void)
{
	uint64_t v = 99;

	CHECK_INT(num_parse_iscsi("0", 0, 10, &v), 0);
	CHECK_INT(v, 0);
	CHECK_INT(num_parse_iscsi("262144", 512, 16777215, &v), 0);
	CHECK_INT(v, 262144);
	CHECK_INT(num_parse_iscsi("0x10", 0, 100, &v), 0);
	CHECK_INT(v, 16);
	CHECK_INT(num_parse_iscsi("0XfF", 0, 1000, &v), 0);
	CHECK_INT(v, 255);
	CHECK_INT(num_parse_iscsi("0x0000ff", 0, 1000, &v), 0);
	CHECK_INT(v, 255);
	CHECK_INT(num_parse_iscsi("0xffffffffffffffff", 0, UINT64_MAX, &v),
		  0);
	CHECK_INT(v == UINT64_MAX, 1);
	CHECK_INT(num_parse_iscsi("18446744073709551615", 0, UINT64_MAX, &v),
		  0);
	CHECK_INT(v == UINT64_MAX, 1);

	v = 99;
	CHECK_INT(num_parse_iscsi("0x10000000000000000", 0, UINT64_MAX, &v),
		  -ERANGE);
	CHECK_INT(num_parse_iscsi("18446744073709551616", 0, UINT64_MAX,
				  &v), -ERANGE);
	CHECK_INT(num_parse_iscsi("3601", 0, 3600, &v), -ERANGE);
	CHECK_INT(num_parse_iscsi("0x1000000", 512, 0xffffff, &v), -ERANGE);
	CHECK_INT(num_parse_iscsi("0x", 0, 10, &v), -EINVAL);
	CHECK_INT(num_parse_iscsi("0xg", 0, 10, &v), -EINVAL);
	CHECK_INT(num_parse_iscsi("x10", 0, 100, &v), -EINVAL);
	CHECK_INT(num_parse_iscsi("0b/w==", 0, UINT64_MAX, &v), -EINVAL);
	CHECK_INT(num_parse_iscsi("0B10", 0, UINT64_MAX, &v), -EINVAL);
	CHECK_INT(num_parse_iscsi("010", 0, 100, &v), -EINVAL);
	CHECK_INT(num_parse_iscsi("00", 0, 100, &v), -EINVAL);
	CHECK_INT(num_parse_iscsi("-1", 0, 100, &v), -EINVAL);
	CHECK_INT(num_parse_iscsi("+1", 0, 100, &v), -EINVAL);
	CHECK_INT(num_parse_iscsi(" 1", 0, 100, &v), -EINVAL);
	CHECK_INT(num_parse_iscsi("1 ", 0, 100, &v), -EINVAL);
	CHECK_INT(num_parse_iscsi("", 0, 100, &v), -EINVAL);
	CHECK_INT(num_parse_iscsi("1e3", 0, 10000, &v), -EINVAL);
	CHECK_INT(num_parse_iscsi("0x 1", 0, 100, &v), -EINVAL);
	CHECK_INT(v, 99);
}

/* Leading digits only; the rest is the caller's, nothing moves on error */
static void test_scan(void)
{
	const char *s = "12:0:3:4294967295";
	const char *p = s;
	uint32_t v = 7;

	CHECK_INT(num_scan_u32(&p, &v), 0);
	CHECK_INT(v, 12);
	CHECK_STR(p, ":0:3:4294967295");
	p += 1;
	CHECK_INT(num_scan_u32(&p, &v), 0);
	CHECK_INT(v, 0);
	p = s + 7;
	CHECK_INT(num_scan_u32(&p, &v), 0);
	CHECK_INT(v, 4294967295u);
	CHECK_STR(p, "");

	v = 7;
	p = "4294967296";
	CHECK_INT(num_scan_u32(&p, &v), -ERANGE);
	CHECK_STR(p, "4294967296");
	p = "99999999999999999999999";
	CHECK_INT(num_scan_u32(&p, &v), -ERANGE);
	p = ":1";
	CHECK_INT(num_scan_u32(&p, &v), -EINVAL);
	CHECK_STR(p, ":1");
	p = "";
	CHECK_INT(num_scan_u32(&p, &v), -EINVAL);
	p = "+1";
	CHECK_INT(num_scan_u32(&p, &v), -EINVAL);
	p = " 1";
	CHECK_INT(num_scan_u32(&p, &v), -EINVAL);
	CHECK_INT(v, 7);
}

/* num_strtol against the C library's strtol, end pointer included */
static void test_strtol(void)
{
	static const char *const in[] = {
		"0", "42", "-42", "+7", "  \t\n12x", "007", "-0", "", "x",
		"-", "+", " -", "9223372036854775807", "9223372036854775808",
		"-9223372036854775808", "-9223372036854775809",
		"99999999999999999999999", "12 34", "0x10", "1e3",
	};
	char *e1, *e2;
	long a, b;
	int over, i;
	uint64_t u = 9;

	for (i = 0; i < (int)(sizeof(in) / sizeof(in[0])); i++) {
		errno = 0;
		a = strtol(in[i], &e1, 10);
		b = num_strtol(in[i], &e2, &over);
		CHECK_INT(b, a);
		CHECK_INT(e2 - in[i], e1 - in[i]);
		CHECK_INT(over, errno == ERANGE);
	}
	CHECK_INT(num_strtol("-3", NULL, NULL), -3);
	CHECK_INT((int)num_strtol("x", NULL, NULL), atoi("x"));

	CHECK_INT(num_parse_u64("18446744073709551615", 0, UINT64_MAX, &u), 0);
	CHECK(u == UINT64_MAX);
	CHECK_INT(num_parse_u64("18446744073709551616", 0, UINT64_MAX, &u),
		  -ERANGE);
	CHECK_INT(num_parse_u64("-1", 0, UINT64_MAX, &u), -EINVAL);
	CHECK_INT(num_parse_u64("1\n", 0, UINT64_MAX, &u), -EINVAL);
	CHECK(u == UINT64_MAX);
}

int main(void)
{
	test_long();
	test_u32();
	test_iscsi();
	test_scan();
	test_strtol();
	return tap_done();
}
