/* SPDX-License-Identifier: MIT */
/* optmsg.c - getopt_long with glibc's rules and complaints (optmsg.h). */
#include "applets/optmsg.h"

#include <stdio.h>
#include <string.h>

/* Move argv[from] back to argv[to] (to <= from), the words between one
 * place on: how a passed-over non-option ends up behind the options. */
static void optmsg_move(char **argv, int from, int to)
{
	char *w = argv[from];

	memmove(&argv[to + 1], &argv[to], (size_t)(from - to) * sizeof(*argv));
	argv[to] = w;
}

/* The word at argv[at], or NULL past the end, taken as an argument. */
static char *optmsg_take(struct optmsg *o, int argc, char **argv, int at)
{
	if (at >= argc)
		return NULL;
	optmsg_move(argv, at, o->ind);
	return argv[o->ind++];
}

static int optmsg_fail(struct optmsg *o, int opt)
{
	o->opt = opt;
	return '?';
}

/* "--name[=value]" in word (at argv[o->ind - 1]); next is the word after
 * it. */
static int optmsg_long(struct optmsg *o, int argc, char **argv, int next,
		       const char *word, const struct optmsg_opt *lo)
{
	const char *name = word + 2, *eq = strchr(name, '=');
	size_t len = eq ? (size_t)(eq - name) : strlen(name);
	const struct optmsg_opt *hit = NULL, *p;
	int n = 0;

	for (p = lo; p && p->name; p++) {
		if (strncmp(p->name, name, len) != 0)
			continue;
		if (p->name[len] == '\0') {
			hit = p;
			n = 1;
			break;
		}
		hit = p;
		n++;
	}
	if (n == 0) {
		snprintf(o->msg, sizeof(o->msg),
			 "%s: unrecognized option '%.100s'", argv[0], word);
		return optmsg_fail(o, 0);
	}
	if (n > 1) {
		size_t w = (size_t)snprintf(o->msg, sizeof(o->msg),
			"%s: option '%.100s' is ambiguous; possibilities:",
			argv[0], word);

		for (p = lo; p->name && w < sizeof(o->msg); p++)
			if (strncmp(p->name, name, len) == 0)
				w += (size_t)snprintf(o->msg + w,
						      sizeof(o->msg) - w,
						      " '--%s'", p->name);
		return optmsg_fail(o, 0);
	}
	if (eq && hit->has_arg == no_argument) {
		snprintf(o->msg, sizeof(o->msg),
			 "%s: option '--%s' doesn't allow an argument",
			 argv[0], hit->name);
		return optmsg_fail(o, hit->val);
	}
	if (eq)
		o->arg = (char *)eq + 1;
	else if (hit->has_arg == required_argument &&
		 !(o->arg = optmsg_take(o, argc, argv, next))) {
		snprintf(o->msg, sizeof(o->msg),
			 "%s: option '--%s' requires an argument", argv[0],
			 hit->name);
		return optmsg_fail(o, hit->val);
	}
	return hit->val;
}

int optmsg_next(struct optmsg *o, int argc, char **argv,
		const char *shortopts, const struct optmsg_opt *longopts)
{
	const char *word, *spec;
	int c, j;

	o->arg = NULL;
	if (!o->pos) {
		/* the next option word, passing over non-options */
		for (j = o->ind; j < argc; j++)
			if (argv[j][0] == '-' && argv[j][1])
				break;
		if (j >= argc)
			return -1;
		optmsg_move(argv, j, o->ind);
		word = argv[o->ind++];
		if (word[1] == '-')
			return word[2] ? optmsg_long(o, argc, argv, j + 1,
						     word, longopts)
				       : -1;	/* "--" */
		o->pos = 1;
		o->next = j + 1;
	}
	word = argv[o->ind - 1];
	c = (unsigned char)word[o->pos++];
	if (!word[o->pos])
		o->pos = 0;
	while (*shortopts == '+' || *shortopts == '-' || *shortopts == ':')
		shortopts++;
	spec = c != ':' ? strchr(shortopts, c) : NULL;
	if (!spec) {
		snprintf(o->msg, sizeof(o->msg), "%s: invalid option -- '%c'",
			 argv[0], c);
		return optmsg_fail(o, c);
	}
	if (spec[1] != ':')
		return c;
	if (o->pos) {
		o->arg = (char *)word + o->pos;	/* "-ovalue" */
		o->pos = 0;
	} else if (spec[2] != ':' &&
		   !(o->arg = optmsg_take(o, argc, argv, o->next))) {
		snprintf(o->msg, sizeof(o->msg),
			 "%s: option requires an argument -- '%c'", argv[0], c);
		return optmsg_fail(o, c);
	}
	return c;
}
