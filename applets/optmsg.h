/* SPDX-License-Identifier: MIT */
/* optmsg.h - the applets' command-line option parser: getopt_long as glibc
 * does it (open-iscsi is built with glibc), with its complaints worded as
 * glibc words them, and its state in the caller's struct instead of
 * optind/optarg.  Our own so that musl's getopt and getopt_long (~3 KB
 * with their multibyte and stdio pieces) stay out of the static binary.
 *
 * What it takes: short options from shortopts ("a", "b:" with an argument
 * attached or in the next word, "c::" optional and attached only; leading
 * '+', '-', ':' ignored), clusters ("-lu"), long options from longopts
 * ("--name", "--name=value", "--name value" when required, a unique
 * prefix of a name), "--" ending the options.  Words that are no options
 * are passed over and, as glibc does, moved behind the options (argv is
 * permuted), so at the end o->ind is the first of them. */
#ifndef ISCSIBOX_OPTMSG_H
#define ISCSIBOX_OPTMSG_H

#include <getopt.h>	/* no_argument, required_argument, optional_argument */
#include <stddef.h>

/* A long option: getopt_long's struct option without its flag pointer
 * (16 bytes instead of 32); a list ends with a NULL name. */
struct optmsg_opt {
	const char *name;
	char has_arg;	/* no_argument, required_argument, optional_argument */
	char val;	/* what optmsg_next returns for it */
};

struct optmsg {
	int ind;	/* next word of argv; after -1 the first non-option */
	int pos;	/* inside a cluster: offset of its next letter */
	int next;	/* inside a cluster: the word after it */
	int opt;	/* on '?': the option letter (or a long option's val),
			 * 0 for an unknown long option (getopt's optopt) */
	char *arg;	/* the returned option's argument, NULL if none */
	char msg[160];	/* on '?': glibc's complaint, no newline */
};

#define OPTMSG_INIT { 1, 0, 0, 0, NULL, "" }

/* The next option: its letter (or a long option's val), '?' for an
 * unknown option or a missing or unwanted argument (o->msg says which), -1
 * at the end. */
int optmsg_next(struct optmsg *o, int argc, char **argv,
		const char *shortopts, const struct optmsg_opt *longopts);

#endif
