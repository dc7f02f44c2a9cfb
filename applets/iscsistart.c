/* SPDX-License-Identifier: MIT */
/* iscsistart.c - the iscsistart applet: log in to a boot target without
 * a running iscsid and leave the session to the kernel.
 * usage: iscsistart -i INITIATOR -t TARGET -g TPGT -a ADDRESS [-p PORT]
 *        [-u USER -w PASS] [-U USER_IN -W PASS_IN] [-c CONFIG] [-d N]
 *        [-P NAME=VALUE]... | -b | -N | -f | -h | -v
 *        | --cmdline[=FILE]   (ours: targets from the kernel command
 *                              line, iscsistart_cmdline.c)
 *
 * The record is built as open-iscsi's iscsistart builds it: built-in
 * defaults, then the config file, then iscsistart's own overrides
 * (initial_login_retry_max 30, NOP-Outs off, scan auto), then -P.
 * Unlike open-iscsi there is no helper daemon and no fixed sleep: the
 * login starts at once and ends as soon as the target answers. */
#include "applets/applets.h"
#include "applets/iscsistart.h"
#include "core/config.h"
#include "core/errors.h"
#include "core/idbm.h"
#include "core/ksession.h"
#include "core/log.h"
#include "core/loop.h"
#include "core/nodecfg.h"
#include "core/num.h"
#include "core/rng.h"
#include "core/sess_find.h"
#include "transport/netlink.h"
#include "transport/sysfs.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

struct start_run {
	struct loop *loop;
	struct ksess *ks;
	int err;
};

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

static int start_apply_param(struct idbm_node *node, const char *nv)
{
	char name[256], msg[512];
	const char *eq = strchr(nv, '=');

	if (!eq || !eq[1]) {
		log_err("Invalid --param %s. Missing value.", nv);
		return ISCSI_ERR_INVAL;
	}
	if ((size_t)(eq - nv) >= sizeof(name)) {
		log_err("Invalid --param %s. Name too long.", nv);
		return ISCSI_ERR_INVAL;
	}
	memcpy(name, nv, (size_t)(eq - nv));
	name[eq - nv] = '\0';
	msg[0] = '\0';
	if (idbm_rec_set(IDBM_KIND_NODE, node, name, eq + 1, 0, msg,
			 sizeof(msg)) != 0)
		/* open-iscsi warns and goes on with the other settings. */
		log_err("Unknown parameter %s.", name);
	return 0;
}

int start_build_node(const struct start_opts *o, struct idbm_node *node)
{
	char msg[1024];
	int i, rc;

	idbm_node_init(node);
	msg[0] = '\0';
	if (access(o->config, R_OK) == 0 &&
	    config_apply_file(IDBM_KIND_NODE, node, o->config, msg,
			      sizeof(msg)) != 0)
		log_warn("%s", msg);
	node->session.initial_login_retry_max = 30;
	node->conn.noop_out_interval = 0;
	node->conn.noop_out_timeout = 0;
	node->session.scan = IDBM_SCAN_AUTO;
	snprintf(node->name, sizeof(node->name), "%s", o->target);
	snprintf(node->conn.address, sizeof(node->conn.address), "%s",
		 o->address);
	node->conn.port = (int)o->port;
	node->tpgt = (int)o->tpgt;
	snprintf(node->iface.initiatorname, sizeof(node->iface.initiatorname),
		 "%s", o->iname);
	if (o->user) {
		node->session.auth.authmethod = IDBM_AUTH_CHAP;
		snprintf(node->session.auth.username,
			 sizeof(node->session.auth.username), "%s", o->user);
	}
	if (o->pass)
		snprintf(node->session.auth.password,
			 sizeof(node->session.auth.password), "%s", o->pass);
	if (o->user_in)
		snprintf(node->session.auth.username_in,
			 sizeof(node->session.auth.username_in), "%s",
			 o->user_in);
	if (o->pass_in)
		snprintf(node->session.auth.password_in,
			 sizeof(node->session.auth.password_in), "%s",
			 o->pass_in);
	for (i = 0; i < o->n_params; i++) {
		rc = start_apply_param(node, o->params[i]);
		if (rc)
			return rc;
	}
	return 0;
}

static void start_done(struct ksess *s, int err, void *arg)
{
	struct start_run *run = arg;

	run->err = err;
	loop_stop(run->loop, 0);
}

static void start_event(struct knl *k, const struct nlmsg_event *ev,
			void *arg)
{
	struct start_run *run = arg;

	if (run->ks)
		ksess_on_event(run->ks, ev);
}

int start_login(const struct idbm_node *node)
{
	struct ksess_cfg cfg;
	struct loop *loop = loop_new();
	struct start_run run = { loop, NULL, -1 };
	struct rng *rng = rng_new();
	struct knl *knl = NULL;
	struct utsname un;
	uint64_t handle;
	uint32_t caps;
	int rc;

	if (!loop || !rng) {
		rc = ISCSI_ERR_NOMEM;
		goto out;
	}
	if (sysfs_transport_tcp(&handle, &caps) < 0) {
		log_err("iSCSI driver tcp is not loaded. Load the module then "
			"retry the command.");
		rc = ISCSI_ERR_TRANS_NOT_FOUND;
		goto out;
	}
	rc = knl_open(loop, handle, start_event, &run, &knl);
	if (rc < 0) {
		log_err("can not create NETLINK_ISCSI socket [%s]",
			strerror(-rc));
		rc = ISCSI_ERR;
		goto out;
	}
	if (nodecfg_ksess(&cfg, node, caps) < 0) {
		rc = ISCSI_ERR_INVAL;
		goto out;
	}
	if (uname(&un) == 0)
		cfg.login.initiator_alias = un.nodename;
	printf("%s: Logging into %s %s:%d,%d\n", log_prog(), node->name,
	       node->conn.address, node->conn.port, node->tpgt);
	fflush(stdout);
	rc = sess_find_refuse(NULL, node);
	if (rc) {
		/* open-iscsi's words; Debian's boot script counts on it. */
		log_err("initiator reported error (%d - %s)", rc,
			iscsi_err_str(rc));
		rc = ISCSI_ERR;
		goto out;
	}
	run.ks = ksess_new(loop, knl, rng, &cfg, start_done, &run);
	if (!run.ks) {
		rc = ISCSI_ERR_NOMEM;
		goto out;
	}
	ksess_start(run.ks);
	if (loop_run(loop) < 0 || run.err < 0) {
		log_err("event loop failed");
		rc = ISCSI_ERR_INTERNAL;
		goto out;
	}
	rc = run.err;
	if (rc) {
		log_err("Could not login to [iface: default, target: %s, "
			"portal: %s,%d]: %s", node->name, node->conn.address,
			node->conn.port, ksess_reason(run.ks));
		log_err("initiator reported error (%d - %s)", rc,
			iscsi_err_str(rc));
		/* open-iscsi's iscsistart reports any failure as 1. */
		rc = ISCSI_ERR;
	}
out:
	ksess_delete(run.ks);
	knl_close(knl);
	rng_delete(rng);
	loop_delete(loop);
	return rc;
}

static int start_parse(int argc, char **argv, struct start_opts *o)
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
		/* ours, long only: open-iscsi's -h text stays as it is */
		{ "cmdline", optional_argument, NULL, 'K' },
		{ "version", no_argument, NULL, 'v' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	while ((c = getopt_long(argc, argv, "P:c:i:t:g:a:p:d:u:w:U:W:bNfvh",
				longopts, NULL)) != -1) {
		switch (c) {
		case 'c': o->config = optarg; break;
		case 'i': o->iname = optarg; break;
		case 't': o->target = optarg; break;
		case 'a': o->address = optarg; break;
		case 'u': o->user = optarg; break;
		case 'w': o->pass = optarg; break;
		case 'U': o->user_in = optarg; break;
		case 'W': o->pass_in = optarg; break;
		case 'b': o->fw_connect = 1; break;
		case 'N': o->fw_network = 1; break;
		case 'f': o->fw_print = 1; break;
		case 'g':
			if (num_parse_long(optarg, -1, 65535, &o->tpgt) < 0) {
				log_err("invalid target portal group tag %s",
					optarg);
				return ISCSI_ERR_INVAL;
			}
			break;
		case 'p':
			if (num_parse_long(optarg, 1, 65535, &o->port) < 0) {
				log_err("invalid port %s", optarg);
				return ISCSI_ERR_INVAL;
			}
			break;
		case 'd':
			log_set_debug((int)num_strtol(optarg, NULL, NULL));
			break;
		case 'K':
			o->cmdline = optarg ? optarg : "/proc/cmdline";
			break;
		case 'P':
			if (o->n_params == START_MAX_PARAMS) {
				log_err("too many --param options");
				return ISCSI_ERR_INVAL;
			}
			o->params[o->n_params++] = optarg;
			break;
		case 'h':
			iscsistart_usage();
			return ISCSI_SUCCESS;
		case 'v':
			printf("iscsistart version %s\n",
			       ISCSIBOX_COMPAT_VERSION);
			return ISCSI_SUCCESS;
		default:
			iscsistart_usage();
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

int start_login_opts(const struct start_opts *o)
{
	struct idbm_node *node = malloc(sizeof(*node));
	int rc;

	if (!node)
		return ISCSI_ERR_NOMEM;
	rc = start_build_node(o, node);
	if (!rc)
		rc = start_login(node);
	free(node);
	return rc;
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
