/* SPDX-License-Identifier: MIT */
/* daemon.c - iscsid's answers to iscsiadm (daemon.h): each request read
 * by the IPC server is dispatched here; logins, logouts and adoption are
 * the session verbs of daemon_sess.c, state, counters and config are
 * answered at once. */
#include "core/daemon_sess.h"

#include "core/daemon_stats.h"
#include "core/errors.h"
#include "core/errtext.h"
#include "core/ipc_server.h"
#include "core/ksession.h"
#include "core/log.h"
#include "core/loop.h"
#include "core/rng.h"
#include "transport/netlink.h"
#include "transport/sysfs_session.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* How long the kernel may take to multicast a session's counters. */
#define DAEMON_STATS_WAIT_MS 2000

/* Connection/session states as open-iscsi numbers them for
 * SESSION_INFO (see ipc_conn_state_str). */
static int daemon_info(struct daemon *d, struct ipc_client *c,
		       const struct ipc_msg *m)
{
	static const uint8_t conn[] = {
		[KSESS_PH_LOGIN] = IPC_CONN_IN_LOGIN,
		[KSESS_PH_UP] = IPC_CONN_LOGGED_IN,
		[KSESS_PH_RECOVERING] = IPC_CONN_XPT_WAIT,
		[KSESS_PH_LOGOUT] = IPC_CONN_IN_LOGOUT,
		[KSESS_PH_DOWN] = IPC_CONN_FREE,
	};
	struct ipc_msg r;
	struct dsess *s;
	enum ksess_phase ph;

	if (!(m->has & IPC_HAS_SID))
		return ISCSI_ERR_INVAL;
	s = daemon_find_sid(d, m->sid);
	if (!s && daemon_adopt(d, m->sid, &s) != 0)
		return ISCSI_ERR_SESS_NOT_FOUND;
	ph = ksess_phase(s->ks);
	memset(&r, 0, sizeof(r));
	r.has = IPC_HAS_STATE | IPC_HAS_SID;
	r.sid = m->sid;
	r.conn_state = conn[ph];
	r.sess_state = ph == KSESS_PH_RECOVERING ? IPC_SESS_REOPEN :
		       ph == KSESS_PH_LOGOUT	 ? IPC_SESS_CLEANUP :
						   IPC_SESS_NO_CHANGE;
	ipc_server_reply(c, &r);
	return -1;
}

/* The kernel's answer to SESSION_STATS, or its silence. */
static void daemon_stats_done(int err, const struct ipc_msg *r, void *arg)
{
	struct ipc_client *c = arg;
	struct ipc_msg *a;

	if (err) {
		log_err("can not get stats: %s", errtext(-err));
		daemon_answer(c, ISCSI_ERR_INTERNAL, 0);
		return;
	}
	a = malloc(sizeof(*a));
	if (!a) {
		daemon_answer(c, ISCSI_ERR_NOMEM, 0);
		return;
	}
	*a = *r;
	ipc_server_reply(c, a);
	free(a);
}

/* SESSION_STATS: the kernel's counters of the session's connection,
 * asked through the loop and bounded by DAEMON_STATS_WAIT_MS. */
static int daemon_stats(struct daemon *d, struct ipc_client *c,
			const struct ipc_msg *m)
{
	struct sysfs_session *ss;
	int rc;

	if (!(m->has & IPC_HAS_SID))
		return ISCSI_ERR_INVAL;
	ss = malloc(sizeof(*ss));
	rc = !ss ? ISCSI_ERR_NOMEM :
	     sysfs_session_read(NULL, m->sid, ss) < 0 ||
			     !sysfs_session_complete(ss) ?
		  ISCSI_ERR_SESS_NOT_FOUND :
		  daemon_knl(d);
	free(ss);
	if (rc)
		return rc;
	if (!d->stats && !(d->stats = daemon_stats_new(d->loop, d->knl)))
		return ISCSI_ERR_NOMEM;
	rc = daemon_stats_query(d->stats, m->sid, 0, DAEMON_STATS_WAIT_MS,
				daemon_stats_done, c);
	if (rc < 0) {
		log_err("can not get stats of session %u: %s", m->sid,
			errtext(-rc));
		return ISCSI_ERR_INTERNAL;
	}
	return -1;
}

static int daemon_config(struct daemon *d, struct ipc_client *c, uint16_t cmd)
{
	struct ipc_msg r;
	const char *v = cmd == IPC_CMD_CONFIG_FILE  ? d->cfg.config_file :
			cmd == IPC_CMD_CONFIG_INAME ? d->ini.name :
						      d->ini.alias;

	if (cmd != IPC_CMD_CONFIG_FILE && !d->have_ini)
		return ISCSI_ERR_INVAL;
	memset(&r, 0, sizeof(r));
	r.has = IPC_HAS_TEXT;
	snprintf(r.text, sizeof(r.text), "%s", v);
	ipc_server_reply(c, &r);
	return -1;
}

/* Every request gets exactly one reply: here, or from a callback when
 * the handler returned -1. */
static void daemon_request(struct ipc_client *c, const struct ipc_msg *m,
			   void *arg)
{
	struct daemon *d = arg;
	int rc;

	switch (m->cmd) {
	case IPC_CMD_LOGIN:
		rc = daemon_login(d, c, m);
		break;
	case IPC_CMD_LOGOUT:
		rc = daemon_logout(d, c, m);
		break;
	case IPC_CMD_SESSION_INFO:
		rc = daemon_info(d, c, m);
		break;
	case IPC_CMD_SESSION_STATS:
		rc = daemon_stats(d, c, m);
		break;
	case IPC_CMD_CONFIG_FILE:
	case IPC_CMD_CONFIG_INAME:
	case IPC_CMD_CONFIG_IALIAS:
		rc = daemon_config(d, c, m->cmd);
		break;
	case IPC_CMD_STOP:
		log_info("iscsid stopping on request");
		daemon_answer(c, 0, 0);
		loop_stop(d->loop, 0);
		return;
	default:
		rc = ISCSI_ERR_INVALID_MGMT_REQ;
		break;
	}
	if (rc >= 0)
		daemon_answer(c, rc, 0);
}

/* An iscsiadm connection closed before its answer. */
static void daemon_client_gone(struct ipc_client *c, void *arg)
{
	struct daemon *d = arg;

	daemon_sess_forget(d, c);
	daemon_stats_forget(d->stats, c);
}

int daemon_new(struct loop *loop, const struct daemon_cfg *cfg,
	       int listen_fd, struct daemon **out)
{
	static const struct ipc_server_ops ops = { daemon_request,
						   daemon_client_gone };
	struct daemon *d = calloc(1, sizeof(*d));
	char msg[512];
	int rc;

	if (!d) {
		close(listen_fd);
		return ISCSI_ERR_NOMEM;
	}
	d->loop = loop;
	d->cfg = *cfg;
	d->rng = rng_new();
	if (!d->rng) {
		close(listen_fd);
		rc = ISCSI_ERR_NOMEM;
		goto fail;
	}
	msg[0] = '\0';
	d->have_ini = config_initiator_read(cfg->iname_file, &d->ini, msg,
					    sizeof(msg)) == 0;
	if (!d->have_ini)
		log_warn("%s", msg);
	rc = ipc_server_new(loop, listen_fd, &ops, d, &d->ipc);
	if (rc < 0) {
		log_err("cannot serve the IPC socket: %s", errtext(-rc));
		rc = rc == -ENOMEM ? ISCSI_ERR_NOMEM : ISCSI_ERR_INTERNAL;
		goto fail;
	}
	*out = d;
	return 0;
fail:
	daemon_delete(d);
	return rc;
}

void daemon_delete(struct daemon *d)
{
	if (!d)
		return;
	ipc_server_delete(d->ipc);
	daemon_stats_delete(d->stats);
	daemon_sess_drop_all(d);
	knl_close(d->knl);
	rng_delete(d->rng);
	free(d);
}
