/* SPDX-License-Identifier: MIT */
/* test_errtext.c - errno texts worded as glibc words them: every value
 * against glibc's own strerror() where the test runs on glibc, and the
 * texts open-iscsi's connection messages show most, which musl words
 * differently, everywhere. */
#include "core/errtext.h"
#include "tap.h"

#include <errno.h>
#include <string.h>

int main(void)
{
	CHECK_STR(errtext(0), "Success");
	CHECK_STR(errtext(ETIMEDOUT), "Connection timed out");
	CHECK_STR(errtext(EHOSTUNREACH), "No route to host");
	CHECK_STR(errtext(ENETUNREACH), "Network is unreachable");
	CHECK_STR(errtext(ECONNREFUSED), "Connection refused");
	CHECK_STR(errtext(EIO), "Input/output error");
	CHECK_STR(errtext(ENOMEM), "Cannot allocate memory");
	CHECK_STR(errtext(EHWPOISON), "Memory page has hardware error");
	CHECK_STR(errtext(EHWPOISON + 1), "Unknown error");
	CHECK_STR(errtext(-1), "Unknown error");
#ifdef __GLIBC__
	for (int e = 0; e <= EHWPOISON; e++)
		CHECK_STR(errtext(e), strerror(e));
#endif
	return tap_done();
}
