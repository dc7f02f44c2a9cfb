/* SPDX-License-Identifier: MIT */
/* optmsg.c - getopt_long with glibc's complaints (optmsg.h). */
#include "applets/optmsg.h"

#include <stdio.h>

int optmsg_getopt(int argc, char **argv, const char *shortopts,
		  const struct option *longopts, char *msg, size_t msgsz)
{
	int prev = optind ? optind : 1, c, is_long;
	const char *word;

	opterr = 0;
	c = getopt_long(argc, argv, shortopts, longopts, NULL);
	if (c != '?' && c != ':')
		return c;
	word = prev < argc ? argv[prev] : NULL;
	is_long = word && word[0] == '-' && word[1] == '-';
	if (c == ':' && is_long)
		snprintf(msg, msgsz, "%s: option '%s' requires an argument",
			 argv[0], word);
	else if (c == ':')
		snprintf(msg, msgsz, "%s: option requires an argument -- '%c'",
			 argv[0], optopt);
	else if (is_long)
		snprintf(msg, msgsz, "%s: unrecognized option '%.100s'",
			 argv[0], word);
	else
		snprintf(msg, msgsz, "%s: invalid option -- '%c'", argv[0],
			 optopt);
	return '?';
}
