/* SPDX-License-Identifier: MIT */
/* test_sendtargets.c - SendTargets response parsing. */
#include "core/sendtargets.h"
#include "tap.h"

#include <stdio.h>
#include <string.h>

#define TXT(s) (const uint8_t *)(s), sizeof(s) - 1

int main(void)
{
	struct st_list l;
	const char *why = NULL;

	/* Two targets, one with two portals (one IPv6), one without. */
	CHECK_INT(sendtargets_parse(
			  TXT("TargetName=iqn.2024-01.t:a\0"
			      "TargetAddress=127.0.0.1:3260,1\0"
			      "TargetAddress=[::1]:3261,2\0"
			      "TargetName=iqn.2024-01.t:b\0"),
			  "10.9.8.7", 3270, &l, &why),
		  0);
	CHECK_INT(l.n, 2);
	if (l.n == 2) {
		CHECK_STR(l.targets[0].name, "iqn.2024-01.t:a");
		CHECK_INT(l.targets[0].n_portals, 2);
		CHECK_STR(l.targets[0].portals[0].addr, "127.0.0.1");
		CHECK_INT(l.targets[0].portals[0].port, 3260);
		CHECK_INT(l.targets[0].portals[0].tpgt, 1);
		CHECK_STR(l.targets[0].portals[1].addr, "::1");
		CHECK_INT(l.targets[0].portals[1].port, 3261);
		CHECK_INT(l.targets[0].portals[1].tpgt, 2);
		CHECK_STR(l.targets[1].name, "iqn.2024-01.t:b");
		CHECK_INT(l.targets[1].n_portals, 1);
		CHECK_STR(l.targets[1].portals[0].addr, "10.9.8.7");
		CHECK_INT(l.targets[1].portals[0].port, 3270);
		CHECK_INT(l.targets[1].portals[0].tpgt, -1);
	}
	st_list_free(&l);

	/* Empty response: no targets. */
	CHECK_INT(sendtargets_parse(NULL, 0, "1.2.3.4", 3260, &l, &why), 0);
	CHECK_INT(l.n, 0);
	st_list_free(&l);

	/* As open-iscsi: data before the first name is nobody's, another
	 * key of a target is skipped (and logged). */
	CHECK_INT(sendtargets_parse(TXT("TargetAddress=1.2.3.4:3261,1\0"
					"X-Vendor=1\0TargetName=x\0"
					"X-Vendor=2\0"
					"TargetAddress=5.6.7.8:3262,3\0"),
				    "1.2.3.4", 3260, &l, &why), 0);
	CHECK_INT(l.n, 1);
	if (l.n == 1) {
		CHECK_STR(l.targets[0].name, "x");
		CHECK_INT(l.targets[0].n_portals, 1);
		CHECK_STR(l.targets[0].portals[0].addr, "5.6.7.8");
		CHECK_INT(l.targets[0].portals[0].port, 3262);
	}
	st_list_free(&l);

	/* A name over 223 bytes ends the answer; the targets before stay. */
	{
		char buf[512];
		size_t n = 0;

		n += (size_t)snprintf(buf, sizeof(buf), "TargetName=a") + 1;
		n += (size_t)snprintf(buf + n, sizeof(buf) - n,
				      "TargetName=%0224d", 0) + 1;
		n += (size_t)snprintf(buf + n, sizeof(buf) - n,
				      "TargetName=c") + 1;
		CHECK_INT(sendtargets_parse((const uint8_t *)buf, n, "1.2.3.4",
					    3260, &l, &why), 0);
		CHECK_INT(l.n, 1);
		if (l.n == 1)
			CHECK_STR(l.targets[0].name, "a");
		st_list_free(&l);
		/* 223 bytes is a name */
		n = (size_t)snprintf(buf, sizeof(buf), "TargetName=%0223d",
				     0) + 1;
		CHECK_INT(sendtargets_parse((const uint8_t *)buf, n, "1.2.3.4",
					    3260, &l, &why), 0);
		CHECK_INT(l.n, 1);
		st_list_free(&l);
	}

	/* Bad address, empty name, no NUL. */
	CHECK(sendtargets_parse(TXT("TargetName=x\0TargetAddress=[::1\0"),
				"1.2.3.4", 3260, &l, &why) < 0);
	CHECK(why != NULL);
	CHECK(sendtargets_parse(TXT("TargetName=\0"), "1.2.3.4", 3260, &l,
				&why) < 0);
	CHECK(sendtargets_parse(TXT("TargetName=x"), "1.2.3.4", 3260, &l,
				&why) < 0);
	CHECK_INT(l.n, 0);
	return tap_done();
}
