/* SPDX-License-Identifier: MIT */
/* iscsiadm_args.c - iscsiadm's command line, parsed as open-iscsi 2.1.8
 * parses it, because scripts depend on its messages and exit codes:
 * options are handled in command-line order; when -m names a mode,
 * every option on the whole command line is checked against that mode's
 * allowed letters and the first one that is not allowed fails ("node
 * mode: option '-V' is not allowed/supported", exit 7); -V and -h act
 * when they are met; several -o combine.  Nothing here acts on the
 * system: the modes do, once adm_parse() has said to go on. */
#include "applets/iscsiadm.h"
#include "applets/optmsg.h"
#include "core/errors.h"
#include "core/idbm.h"
#include "core/log.h"
#include "core/num.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char adm_shortopts[] =
	":RlDVhm:a:b:c:C:p:P:T:H:i:I:U:k:L:d:r:n:v:o:sSt:ux:A:W";

static const struct optmsg_opt adm_longopts[] = {
	{ "mode", required_argument, 'm' },
	{ "portal", required_argument, 'p' },
	{ "targetname", required_argument, 'T' },
	{ "interface", required_argument, 'I' },
	{ "op", required_argument, 'o' },
	{ "type", required_argument, 't' },
	{ "name", required_argument, 'n' },
	{ "value", required_argument, 'v' },
	{ "host", required_argument, 'H' },
	{ "sid", required_argument, 'r' },
	{ "rescan", no_argument, 'R' },
	{ "print", required_argument, 'P' },
	{ "discover", no_argument, 'D' },
	{ "login", no_argument, 'l' },
	{ "loginall", required_argument, 'L' },
	{ "logout", no_argument, 'u' },
	{ "logoutall", required_argument, 'U' },
	{ "stats", no_argument, 's' },
	{ "killiscsid", required_argument, 'k' },
	{ "debug", required_argument, 'd' },
	{ "show", no_argument, 'S' },
	{ "version", no_argument, 'V' },
	{ "help", no_argument, 'h' },
	{ "submode", required_argument, 'C' },
	{ "ip", required_argument, 'a' },
	{ "packetsize", required_argument, 'b' },
	{ "count", required_argument, 'c' },
	{ "interval", required_argument, 'i' },
	{ "index", required_argument, 'x' },
	{ "portal_type", required_argument, 'A' },
	{ "no_wait", no_argument, 'W' },
	{ NULL, 0, 0 },
};

/* Mode names and the option letters each mode allows (open-iscsi). */
static const struct {
	const char *name;
	const char *label;	/* in messages: discoverydb says "discovery" */
	const char *allowed;
} adm_modes[] = {
	[ADM_MODE_DISCOVERY] = { "discovery", "discovery", "DSIPdmntplov" },
	[ADM_MODE_DISCOVERYDB] = { "discoverydb", "discovery",
				   "DSIPdmntplov" },
	[ADM_MODE_NODE] = { "node", "node", "RsPIdmlSonvupTULW" },
	[ADM_MODE_SESSION] = { "session", "session", "PiRdrmusonuSv" },
	[ADM_MODE_IFACE] = { "iface", "iface", "HIdnvmPoCabci" },
	[ADM_MODE_FW] = { "fw", "fw", "dmlWnv" },
	[ADM_MODE_HOST] = { "host", "host", "CHdmPotnvxA" },
};

/* One parsed command-line option; errors carry c = '?' (as getopt
 * reports them to open-iscsi) and the text getopt would print. */
struct adm_ev {
	int c;
	int optopt;
	const char *arg;
	char msg[160];
};

static void adm_usage(void)
{
	printf("iscsiadm -m discoverydb [-hV] [-d debug_level] [-P printlevel] [-t type -p ip:port -I ifaceN ... [-Dl]] | [[-p ip:port -t type] [-o operation] [-n name] [-v value] [-lD]] \n"
	       "iscsiadm -m discovery [-hV] [-d debug_level] [-P printlevel] [-t type -p ip:port -I ifaceN ... [-l]] | [[-p ip:port] [-l | -D]] [-W]\n"
	       "iscsiadm -m node [-hV] [-d debug_level] [-P printlevel] [-L all,manual,automatic,onboot] [-W] [-U all,manual,automatic,onboot] [-S] [[-T targetname -p ip:port -I ifaceN] [-l | -u | -R | -s]] [[-o operation ] [-n name] [-v value]]\n"
	       "iscsiadm -m session [-hV] [-d debug_level] [-P printlevel] [-r sessionid | sysfsdir [-R | -u | -s] [-o operation] [-n name] [-v value]]\n"
	       "iscsiadm -m iface [-hV] [-d debug_level] [-P printlevel] [-I ifacename | -H hostno|MAC] [[-o operation ] [-n name] [-v value]] [-C ping [-a ip] [-b packetsize] [-c count] [-i interval]]\n"
	       "iscsiadm -m fw [-d debug_level] [-l] [-W] [[-n name] [-v value]]\n"
	       "iscsiadm -m host [-P printlevel] [-H hostno|MAC] [[-C chap [-x chap_tbl_idx]] | [-C flashnode [-A portal_type] [-x flashnode_idx]] | [-C stats]] [[-o operation] [-n name] [-v value]] \n"
	       "iscsiadm -k priority\n");
}

static enum adm_mode adm_mode_from_str(const char *s)
{
	size_t i;

	for (i = 0; i < sizeof(adm_modes) / sizeof(adm_modes[0]); i++)
		if (strcmp(s, adm_modes[i].name) == 0)
			return (enum adm_mode)i;
	return ADM_MODE_NONE;
}

static int adm_op_from_str(const char *s)
{
	static const struct {
		const char *name;
		int op;
	} ops[] = {
		{ "new", ADM_OP_NEW },
		{ "delete", ADM_OP_DELETE },
		{ "update", ADM_OP_UPDATE },
		{ "show", ADM_OP_SHOW },
		{ "nonpersistent", ADM_OP_NONPERSISTENT },
		{ "apply", ADM_OP_APPLY },
		{ "applyall", ADM_OP_APPLY_ALL },
		{ "login", ADM_OP_LOGIN },
		{ "logout", ADM_OP_LOGOUT },
	};
	size_t i;

	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (strcmp(s, ops[i].name) == 0)
			return ops[i].op;
	return -1;
}

static enum adm_disc_type adm_type_from_str(const char *s)
{
	if (strcmp(s, "sendtargets") == 0 || strcmp(s, "st") == 0)
		return ADM_DISC_ST;
	if (strcmp(s, "isns") == 0)
		return ADM_DISC_ISNS;
	if (strcmp(s, "slp") == 0)
		return ADM_DISC_SLP;
	if (strcmp(s, "fw") == 0)
		return ADM_DISC_FW;
	return ADM_DISC_NONE;
}

/* Pass 1: the whole command line into events, no side effects.  One
 * word can hold many options ("-SSSS", "-lu"), so the array grows. */
static struct adm_ev *adm_scan(int argc, char **argv, int *n_out)
{
	size_t cap = (size_t)argc + 1;
	struct adm_ev *evs = calloc(cap, sizeof(*evs)), *more;
	struct optmsg o = OPTMSG_INIT;
	int n = 0, c;

	if (!evs)
		return NULL;
	for (;;) {
		c = optmsg_next(&o, argc, argv, adm_shortopts, adm_longopts);
		if (c == -1)
			break;
		if ((size_t)n == cap) {
			more = realloc(evs, 2 * cap * sizeof(*evs));
			if (!more) {
				free(evs);
				return NULL;
			}
			evs = more;
			cap *= 2;
		}
		memset(&evs[n], 0, sizeof(evs[n]));
		evs[n].c = c;
		evs[n].arg = o.arg;
		evs[n].optopt = o.opt;
		if (c == '?')
			memcpy(evs[n].msg, o.msg, sizeof(o.msg));
		n++;
	}
	*n_out = n;
	return evs;
}

/* The check open-iscsi runs when it meets -m: every option of the whole
 * command line must be allowed in the mode. Returns 0 or 7. */
static int adm_check_mode(const struct adm_ev *evs, int n, enum adm_mode mode)
{
	int i;

	for (i = 0; i < n; i++) {
		if (evs[i].c == '?')
			fprintf(stderr, "%s\n", evs[i].msg);
		if (!strchr(adm_modes[mode].allowed, evs[i].c) ||
		    evs[i].c == '?') {
			log_err("%s mode: option '-%c' is not allowed/supported",
				adm_modes[mode].label, evs[i].c);
			return ISCSI_ERR_INVAL;
		}
	}
	return 0;
}

static int adm_add_param(struct adm_opts *o, const char **name,
			 const char *value)
{
	if (!*name)
		return 0;	/* -v without -n: open-iscsi ignores it */
	if (o->n_params == ADM_MAX_PARAMS) {
		log_err("too many -n/-v pairs (at most %d)", ADM_MAX_PARAMS);
		return ISCSI_ERR_INVAL;
	}
	o->params[o->n_params].name = *name;
	o->params[o->n_params].value = value;
	o->n_params++;
	*name = NULL;
	return 0;
}

/* Pass 2: act on the events in order. Returns -1 to go on to the mode,
 * or an exit code. */
static int adm_apply(struct adm_opts *o, const struct adm_ev *evs, int n)
{
	const struct adm_ev *bad = NULL;
	const char *name = NULL;
	int i, rc, op;

	for (i = 0; i < n; i++) {
		const struct adm_ev *e = &evs[i];

		switch (e->c) {
		case 'm':
			o->mode = adm_mode_from_str(e->arg);
			if (o->mode == ADM_MODE_NONE) {
				log_err("mode -1 is not yet supported");
				return ISCSI_ERR_INVAL;
			}
			rc = adm_check_mode(evs, n, o->mode);
			if (rc)
				return rc;
			break;
		case 'V':
			printf("iscsiadm version %s\n",
			       ISCSIBOX_COMPAT_VERSION);
			return ISCSI_SUCCESS;
		case 'h':
			adm_usage();
			return ISCSI_SUCCESS;
		case 'o':
			op = adm_op_from_str(e->arg);
			if (op < 0) {
				log_err("can not recognize operation: '%s'",
					e->arg);
				return ISCSI_ERR_INVAL;
			}
			o->op |= op;
			break;
		case 't':
			o->type = adm_type_from_str(e->arg);
			o->type_given = 1;
			break;
		case 'p': o->portal = e->arg; break;
		case 'T': o->target = e->arg; break;
		case 'I':
			/* said on stdout, at once, as open-iscsi does */
			if (!e->arg[0] ||
			    strlen(e->arg) >= IDBM_IFACE_NAME_MAX) {
				printf("Invalid iface name %s. Must be from 1 "
				       "to %d characters.\n", e->arg,
				       IDBM_IFACE_NAME_MAX - 1);
				return ISCSI_ERR_INVAL;
			}
			if (o->n_ifaces == ADM_MAX_IFACES) {
				log_err("too many -I options (at most %d)",
					ADM_MAX_IFACES);
				return ISCSI_ERR_INVAL;
			}
			o->ifaces[o->n_ifaces++] = e->arg;
			break;
		case 'n':
			name = e->arg;
			break;
		case 'v':
			rc = adm_add_param(o, &name, e->arg);
			if (rc)
				return rc;
			break;
		/* Numbers are taken as atoi() takes them, as open-iscsi
		 * does: "-d x" is 0. */
		case 'P':
			o->print_level = (int)num_strtol(e->arg, NULL, NULL);
			break;
		case 'd':
			o->debug = (int)num_strtol(e->arg, NULL, NULL);
			break;
		case 'S': o->show_secrets = 1; break;
		case 'l': o->login = 1; break;
		case 'u': o->logout = 1; break;
		case 'D': o->discover = 1; break;
		case 'R': o->rescan = 1; break;
		case 's': o->stats = 1; break;
		case 'W': o->no_wait = 1; break;
		/* -L and -U share one value, the last given (open-iscsi) */
		case 'L': o->login_all = o->all_mode = e->arg; break;
		case 'U': o->logout_all = o->all_mode = e->arg; break;
		case 'r': o->sid = e->arg; break;
		case 'H': o->host = e->arg; break;
		case 'C': o->submode = e->arg; break;
		case 'k': o->kill = e->arg; break;
		case 'a': o->ip = e->arg; break;
		case 'b': o->packetsize = e->arg; break;
		case 'c': o->count = e->arg; break;
		case 'i': o->interval = e->arg; break;
		case 'x': o->index = e->arg; break;
		case 'A': o->portal_type = e->arg; break;
		default:
			/* getopt complains at once; the verdict waits for the
			 * end of the command line (a later -V still wins). */
			fprintf(stderr, "%s\n", e->msg);
			bad = e;
			break;
		}
	}
	if (bad) {
		/* An unknown long option has no character to name. */
		if (bad->optopt)
			log_err("unrecognized character '%c'", bad->optopt);
		else
			fprintf(stderr, "Try `iscsiadm --help' for more "
					"information.\n");
		return ISCSI_ERR_INVAL;
	}
	return -1;
}

int adm_parse(int argc, char **argv, struct adm_opts *o, int *mode_given)
{
	struct adm_ev *evs;
	int n, rc, i;

	memset(o, 0, sizeof(*o));
	o->mode = ADM_MODE_NONE;
	o->type = ADM_DISC_NONE;
	o->print_level = -1;
	*mode_given = 0;
	evs = adm_scan(argc, argv, &n);
	if (!evs) {
		log_err("out of memory");
		return ISCSI_ERR_NOMEM;
	}
	for (i = 0; i < n; i++)
		*mode_given |= evs[i].c == 'm';
	rc = adm_apply(o, evs, n);
	free(evs);
	return rc;
}
