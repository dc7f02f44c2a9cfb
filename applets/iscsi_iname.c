/* SPDX-License-Identifier: MIT */
/* iscsi_iname.c - the iscsi-iname applet: print a new initiator name,
 * PREFIX:RANDOM, for initiatorname.iscsi (RFC 3720 §3.2.6.3.1 iqn.).
 * usage: iscsi-iname [-p PREFIX] [-g]
 *   -p, --prefix=PREFIX            prefix (default iqn.2016-04.com.open-iscsi,
 *                                  at most 210 characters)
 *   -g, --generate-iname-prefix    print "InitiatorName=" before the name
 *
 * The random part has open-iscsi's shape: six random bytes, each printed
 * in lower-case hex without padding (so 6 to 12 digits).  The bytes come
 * from the kernel's generator; open-iscsi hashes /dev/urandom, the time
 * and its pid with MD5 to the same effect. */
#include "applets/applets.h"
#include "applets/optmsg.h"
#include "core/errors.h"
#include "core/errtext.h"
#include "core/rng.h"

#include <stdio.h>
#include <string.h>

#define INAME_PREFIX "iqn.2016-04.com.open-iscsi"
#define INAME_PREFIX_MAX 210

static void iname_usage(void)
{
	fprintf(stderr,
		"Usage: iscsi-iname [OPTIONS]\n"
		"Where OPTIONS are from:\n"
		"    -p/--prefix <prefix>          -- set IQN prefix [%s]\n"
		"    -g/--generate-iname-prefix    -- generate the "
		"InitiatorName= prefix\n"
		"where <prefix> has max length of %d\n",
		INAME_PREFIX, INAME_PREFIX_MAX);
}

int iscsi_iname_main(int argc, char **argv)
{
	static const struct optmsg_opt longopts[] = {
		{ "prefix", required_argument, 'p' },
		{ "generate-iname-prefix", no_argument, 'g' },
		{ "help", no_argument, 'h' },
		{ NULL, 0, 0 },
	};
	const char *prefix = INAME_PREFIX;
	unsigned char r[6];
	struct optmsg o = OPTMSG_INIT;
	int c, generate = 0;

	while ((c = optmsg_next(&o, argc, argv, "p:gh", longopts)) != -1) {
		switch (c) {
		case 'p': prefix = o.arg; break;
		case 'g': generate = 1; break;
		case 'h':
			iname_usage();
			return ISCSI_SUCCESS;
		default:
			fprintf(stderr, "%s\n", o.msg);
			iname_usage();
			return ISCSI_ERR;
		}
	}
	if (o.ind < argc) {
		fprintf(stderr, "unknown argument(s)\n");
		iname_usage();
		return ISCSI_ERR;
	}
	if (strlen(prefix) > INAME_PREFIX_MAX) {
		fprintf(stderr, "error: prefix too long\n");
		iname_usage();
		return ISCSI_ERR;
	}
	if ((c = rng_kernel(r, sizeof(r))) < 0) {
		/* perror()'s line, without linking perror */
		fprintf(stderr, "iscsi-iname: getrandom: %s\n", errtext(-c));
		return ISCSI_ERR;
	}
	printf("%s%s:%x%x%x%x%x%x\n", generate ? "InitiatorName=" : "",
	       prefix, r[0], r[1], r[2], r[3], r[4], r[5]);
	return ISCSI_SUCCESS;
}
