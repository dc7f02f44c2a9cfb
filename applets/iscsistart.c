/* SPDX-License-Identifier: MIT */
/* iscsistart.c - the iscsistart applet: log in to a boot target without
 * a running iscsid and leave the session to the kernel.
 * usage: iscsistart -i INITIATOR -t TARGET -g TPGT -a ADDRESS [-p PORT]
 *        [-u USER -w PASS] [-U USER_IN -W PASS_IN] [-c CONFIG] [-d N]
 *        [-P NAME=VALUE]... | -b | -N | -f | -h | -v
 *        | --cmdline[=FILE]   (ours: targets from the kernel command
 *                              line, iscsistart_cmdline.c)
 *
 * This file parses the options and dispatches; the record and the login
 * are iscsistart_login.c's.  Unlike open-iscsi there is no helper daemon
 * and no fixed sleep: the login starts at once and ends as soon as the
 * target answers. */
#include "applets/applets.h"
#include "applets/iscsistart.h"
#include "applets/optmsg.h"
#include "core/config.h"
#include "core/errors.h"
#include "core/log.h"
#include "core/num.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void iscsistart_usage(void)
{
	printf("Usage: iscsistart [OPTION]\n"
	       "Open-iSCSI initiator.\n"
	       "  -c, --config=[path]      set config file (default /etc/iscsi/iscsid.conf).\n"
	       "  -i, --initiatorname=name set InitiatorName to name (Required)\n"
	       "  -t, --targetname=name    set TargetName to name (Required)\n"
	       "  -g, --tgpt=N             set target portal group tag to N (Required)\n"
	       "  -a, --address=A.B.C.D    set IP address to A.B.C.D (Required)\n"
	       "  -p, --port=N             set port to N (Default 3260)\n"
	       "  -u, --username=N         set username to N (optional)\n"
	       "  -w, --password=N         set password to N (optional\n"
	       "  -U, --username_in=N      set incoming username to N (optional)\n"
	       "  -W, --password_in=N      set incoming password to N (optional)\n"
	       "  -d, --debug=debuglevel   print debugging information \n"
	       "  -b, --fwparam_connect    create a session to the target using iBFT or OF\n"
	       "  -N, --fwparam_network    bring up the network as specified by iBFT or OF\n"
	       "  -f, --fwparam_print      print the iBFT or OF info to STDOUT \n"
	       "  -P, --param=NAME=VALUE   set parameter with the name NAME to VALUE\n"
	       "  -h, --help               display this help and exit\n"
	       "  -v, --version            display version and exit\n");
}

static int start_parse(int argc, char **argv, struct start_opts *o)
{
	static const struct optmsg_opt longopts[] = {
		{ "config", required_argument, 'c' },
		{ "initiatorname", required_argument, 'i' },
		{ "targetname", required_argument, 't' },
		{ "tgpt", required_argument, 'g' },
		{ "address", required_argument, 'a' },
		{ "port", required_argument, 'p' },
		{ "username", required_argument, 'u' },
		{ "password", required_argument, 'w' },
		{ "username_in", required_argument, 'U' },
		{ "password_in", required_argument, 'W' },
		{ "debug", required_argument, 'd' },
		{ "fwparam_connect", no_argument, 'b' },
		{ "fwparam_network", no_argument, 'N' },
		{ "fwparam_print", no_argument, 'f' },
		{ "param", required_argument, 'P' },
		{ "help", no_argument, 'h' },
		/* ours, long only: open-iscsi's -h text stays as it is */
		{ "cmdline", optional_argument, 'K' },
		{ "version", no_argument, 'v' },
		{ NULL, 0, 0 },
	};
	struct optmsg g = OPTMSG_INIT;
	int c;

	while ((c = optmsg_next(&g, argc, argv,
				"P:c:i:t:g:a:p:d:u:w:U:W:bNfvh", longopts)) != -1) {
		switch (c) {
		case 'c': o->config = g.arg; break;
		case 'i': o->iname = g.arg; break;
		case 't': o->target = g.arg; break;
		case 'a': o->address = g.arg; break;
		case 'u': o->user = g.arg; break;
		case 'w': o->pass = g.arg; break;
		case 'U': o->user_in = g.arg; break;
		case 'W': o->pass_in = g.arg; break;
		case 'b': o->fw_connect = 1; break;
		case 'N': o->fw_network = 1; break;
		case 'f': o->fw_print = 1; break;
		case 'g':
			if (num_parse_long(g.arg, -1, 65535, &o->tpgt) < 0) {
				log_err("invalid target portal group tag %s",
					g.arg);
				return ISCSI_ERR_INVAL;
			}
			break;
		case 'p':
			if (num_parse_long(g.arg, 1, 65535, &o->port) < 0) {
				log_err("invalid port %s", g.arg);
				return ISCSI_ERR_INVAL;
			}
			break;
		case 'd':
			log_set_debug((int)num_strtol(g.arg, NULL, NULL));
			break;
		case 'K':
			o->cmdline = g.arg ? g.arg : "/proc/cmdline";
			break;
		case 'P':
			if (o->n_params == START_MAX_PARAMS) {
				log_err("too many --param options");
				return ISCSI_ERR_INVAL;
			}
			o->params[o->n_params++] = g.arg;
			break;
		case 'h':
			iscsistart_usage();
			return ISCSI_SUCCESS;
		case 'v':
			printf("iscsistart version %s\n",
			       ISCSIBOX_COMPAT_VERSION);
			return ISCSI_SUCCESS;
		default:	/* as open-iscsi: the complaint and a hint */
			fprintf(stderr, "%s\nTry `iscsistart --help' for more "
				"information.\n", g.msg);
			return ISCSI_ERR_INVAL;
		}
	}
	return -1;
}

/* Checks in open-iscsi's order and words. */
static int start_check(const struct start_opts *o)
{
	const char *missing = NULL;

	if (!o->iname)
		missing = "InitiatorName";
	else if (o->tpgt < 0)
		missing = "Portal Group";
	else if (!o->target)
		missing = "TargetName";
	else if (!o->address)
		missing = "IP Address";
	if (missing) {
		log_err("%s not set. Exiting iscsistart", missing);
		return ISCSI_ERR_INVAL;
	}
	if (strlen(o->target) > 255) {
		printf("%s: invalid targetname %s. Max targetname length is "
		       "255.\n", log_prog(), o->target);
		return ISCSI_ERR_INVAL;
	}
	return 0;
}

int iscsistart_main(int argc, char **argv)
{
	struct start_opts o;
	int rc;

	log_init("iscsistart");
	memset(&o, 0, sizeof(o));
	o.config = CONFIG_ISCSID_CONF;
	o.tpgt = -1;
	o.port = 3260;
	rc = start_parse(argc, argv, &o);
	if (rc >= 0)
		return rc;
	if (o.cmdline)
		return start_cmdline(&o);
	if (o.fw_print || o.fw_connect || o.fw_network)
		return start_fw(&o);
	rc = start_check(&o);
	if (rc)
		return rc;
	/* The first line open-iscsi's iscsistart prints on a boot console. */
	log_warn("version %s", ISCSIBOX_COMPAT_VERSION);
	return start_login_opts(&o);
}
