/* SPDX-License-Identifier: MIT */
/* neg_check.h - what test_negotiate.c and test_negotiate_answers.c share:
 * a key segment from a string literal, and the check that a refusal's
 * reason names what was wrong. */
#ifndef ISCSIBOX_NEG_CHECK_H
#define ISCSIBOX_NEG_CHECK_H

#include <string.h>

#include "tap.h"

#define SEG(s) (s), sizeof(s) - 1

static inline void check_why(const char *why, const char *part)
{
	CHECK(why != NULL && strstr(why, part) != NULL);
	if (why && !strstr(why, part))
		CHECK_STR(why, part);
}

#endif
