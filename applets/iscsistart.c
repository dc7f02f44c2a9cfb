/* SPDX-License-Identifier: MIT */
/* iscsistart.c - the iscsistart applet: log in to a boot target without
 * a running iscsid, then leave the session to the kernel.
 * usage: see iscsistart_usage() (open-iscsi's iscsistart(8)). */
#include "applets/applets.h"
#include "core/errors.h"
#include "core/log.h"

#include <getopt.h>
#include <stdio.h>

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

int iscsistart_main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "initiatorname", required_argument, NULL, 'i' },
		{ "targetname", required_argument, NULL, 't' },
		{ "tgpt", required_argument, NULL, 'g' },
		{ "address", required_argument, NULL, 'a' },
		{ "port", required_argument, NULL, 'p' },
		{ "username", required_argument, NULL, 'u' },
		{ "password", required_argument, NULL, 'w' },
		{ "username_in", required_argument, NULL, 'U' },
		{ "password_in", required_argument, NULL, 'W' },
		{ "debug", required_argument, NULL, 'd' },
		{ "fwparam_connect", no_argument, NULL, 'b' },
		{ "fwparam_network", no_argument, NULL, 'N' },
		{ "fwparam_print", no_argument, NULL, 'f' },
		{ "param", required_argument, NULL, 'P' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'v' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	log_init("iscsistart");
	while ((c = getopt_long(argc, argv, "P:i:t:g:a:p:d:u:w:U:W:bNfvh",
				longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			iscsistart_usage();
			return ISCSI_SUCCESS;
		case 'v':
			printf("iscsistart version %s\n",
			       ISCSIBOX_COMPAT_VERSION);
			return ISCSI_SUCCESS;
		case '?':
			iscsistart_usage();
			return ISCSI_ERR_INVAL;
		default:
			break;
		}
	}
	log_err("kernel sessions are not available in this build yet");
	return ISCSI_ERR_OP_NOT_SUPP;
}
