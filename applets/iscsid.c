/* SPDX-License-Identifier: MIT */
/* iscsid.c - the iscsid applet: open-iscsi's initiator daemon.
 * usage: iscsid [-c config] [-i iname-file] [-f] [-d N] [-u uid] [-g gid]
 *               [-n] [-p pidfile] [-h] [-v] */
#include "applets/applets.h"
#include "core/errors.h"
#include "core/log.h"

#include <getopt.h>
#include <stdio.h>

static void iscsid_usage(void)
{
	printf("Usage: iscsid [OPTION]\n"
	       "Open-iSCSI initiator daemon.\n"
	       "  -c, --config=[path]     Execute using the config file (/etc/iscsi/iscsid.conf).\n"
	       "  -i, --initiatorname=[path]     read initiatorname from file (/etc/iscsi/initiatorname.iscsi).\n"
	       "  -f, --foreground        Make the program run in the foreground\n"
	       "  -d, --debug debuglevel  Print debugging information\n"
	       "  -u, --uid=uid           Run as uid, default is current user\n"
	       "  -g, --gid=gid           Run as gid, default is current user group\n"
	       "  -n, --no-pid-file       Do not use a pid file\n"
	       "  -p, --pid=pidfile       Use pid file (default /run/iscsid.pid).\n"
	       "  -h, --help              Display this help and exit\n"
	       "  -v, --version           Display version and exit\n");
}

int iscsid_main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "initiatorname", required_argument, NULL, 'i' },
		{ "foreground", no_argument, NULL, 'f' },
		{ "debug", required_argument, NULL, 'd' },
		{ "uid", required_argument, NULL, 'u' },
		{ "gid", required_argument, NULL, 'g' },
		{ "no-pid-file", no_argument, NULL, 'n' },
		{ "pid", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'v' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	log_init("iscsid");
	while ((c = getopt_long(argc, argv, "c:i:fd:u:g:np:vh", longopts,
				NULL)) != -1) {
		switch (c) {
		case 'h':
			iscsid_usage();
			return ISCSI_SUCCESS;
		case 'v':
			printf("iscsid version %s\n", ISCSIBOX_COMPAT_VERSION);
			return ISCSI_SUCCESS;
		case '?':
			iscsid_usage();
			return ISCSI_ERR_INVAL;
		default:
			break;
		}
	}
	log_err("the daemon is not available in this build yet");
	return ISCSI_ERR_OP_NOT_SUPP;
}
