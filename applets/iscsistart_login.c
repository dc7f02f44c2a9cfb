/* SPDX-License-Identifier: MIT */
/* iscsistart_login.c - iscsistart's one login path, shared by the plain,
 * firmware (-b) and kernel command line modes: the record built as
 * open-iscsi's iscsistart builds it (built-in defaults, the config file,
 * iscsistart's own overrides: initial_login_retry_max 30, NOP-Outs off,
 * scan auto; then -P), a refusal when the session already exists, and the
 * login through core/ksession.c that leaves the session to the kernel. */
#include "applets/iscsistart.h"
#include "core/config.h"
#include "core/errors.h"
#include "core/errtext.h"
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
	const char *tr = node->iface.transport_name[0] ?
				 node->iface.transport_name : "tcp";
	uint64_t handle;
	uint32_t caps;
	unsigned xport = 0;
	int rc;

	if (!loop || !rng) {
		rc = ISCSI_ERR_NOMEM;
		goto out;
	}
	if (sysfs_transport_load(tr, &handle, &caps, &xport) < 0) {
		log_err("iSCSI driver %s is not loaded. Load the module then "
			"retry the command.", tr);
		rc = ISCSI_ERR_TRANS_NOT_FOUND;
		goto out;
	}
	rc = knl_open(loop, handle, start_event, &run, &knl);
	if (rc < 0) {
		log_err("can not create NETLINK_ISCSI socket [%s]",
			errtext(-rc));
		rc = ISCSI_ERR;
		goto out;
	}
	if (nodecfg_ksess(&cfg, node, caps) < 0) {
		rc = ISCSI_ERR_INVAL;
		goto out;
	}
	cfg.xport = xport;
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
