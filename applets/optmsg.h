/* SPDX-License-Identifier: MIT */
/* optmsg.h - getopt_long for the applets with the complaint worded as
 * glibc words it (open-iscsi is built with glibc and users compare the
 * text; musl's getopt says it differently). */
#ifndef ISCSIBOX_OPTMSG_H
#define ISCSIBOX_OPTMSG_H

#include <getopt.h>
#include <stddef.h>

/* getopt_long with getopt's own printing off.  On an unknown option or a
 * missing argument returns '?' with glibc's line (no newline) in msg;
 * otherwise what getopt_long returns, msg untouched. */
int optmsg_getopt(int argc, char **argv, const char *shortopts,
		  const struct option *longopts, char *msg, size_t msgsz);

#endif
