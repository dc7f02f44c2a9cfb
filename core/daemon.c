/* SPDX-License-Identifier: MIT */
/* daemon.c - iscsid's sessions and the requests iscsiadm sends
 * (daemon.h): many logins and logouts in flight at once, each a ksess
 * driven by the one loop; kernel events routed by sid. */
#include "core/daemon.h"

#include "core/config.h"
#include "core/daemon_adopt.h"
#include "core/daemon_stats.h"
#include "core/errors.h"
#include "core/ipc_server.h"
#include "core/ksession.h"
#include "core/log.h"
#include "core/loop.h"
#include "core/nodecfg.h"
#include "core/rng.h"
#include "transport/netlink.h"

#include <errno.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

struct dsess {
	struct daemon *d;
	struct ksess *ks;
	struct idbm_node *node;		/* owned; ks's cfg points into it */
	struct ipc_client *waiter;	/* login or logout reply goes here */
	int dead;			/* reaped from the loop */
	struct dsess *next;
};

struct daemon {
	struct loop *loop;
	struct daemon_cfg cfg;
	struct ipc_server *ipc;
	struct knl *knl;
	struct rng *rng;
	uint32_t caps;
	struct config_initiator ini;
	int have_ini;
	struct dsess *sessions;
	struct loop_timer *reaper;
};

static struct dsess *daemon_find_sid(struct daemon *d, uint32_t sid)
{
	struct dsess *s;

	for (s = d->sessions; s; s = s->next)
		if (!s->dead && s->ks && ksess_sid(s->ks) == sid)
			return s;
	return NULL;
}

static struct dsess *daemon_sess_add(struct daemon *d, struct idbm_node *node)
{
	struct dsess *s = calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	s->d = d;
	s->node = node;
	s->next = d->sessions;
	d->sessions = s;
	return s;
}

static void daemon_reap(struct loop *loop, void *arg)
{
	struct daemon *d = arg;
	struct dsess **pp = &d->sessions, *s;

	d->reaper = NULL;
	while ((s = *pp)) {
		if (!s->dead) {
			pp = &s->next;
			continue;
		}
		*pp = s->next;
		ksess_delete(s->ks);
		free(s->node);
		free(s);
	}
}

/* Sessions are freed from the loop, never inside their own callback. */
static void daemon_reap_soon(struct daemon *d)
{
	if (!d->reaper)
		d->reaper = loop_timer_in(d->loop, 0, daemon_reap, d);
}

static void daemon_event(struct knl *k, const struct nlmsg_event *ev,
			 void *arg)
{
	struct daemon *d = arg;
	struct dsess *s = daemon_find_sid(d, ev->sid);

	if (s)
		ksess_on_event(s->ks, ev);
	else if (ev->type == ISCSI_KEVENT_CONN_ERROR)
		log_warn("connection %u:%u error %u on a session this daemon "
			 "does not know", ev->sid, ev->cid, ev->error);
}

static int daemon_knl(struct daemon *d)
{
	uint64_t handle;
	int rc;

	if (d->knl)
		return 0;
	if (!d->cfg.load_transport ||
	    d->cfg.load_transport(&handle, &d->caps) < 0)
		return ISCSI_ERR_TRANS_NOT_FOUND;
	rc = knl_open(d->loop, handle, daemon_event, d, &d->knl);
	if (rc < 0) {
		log_err("can not create NETLINK_ISCSI socket [%s]",
			strerror(-rc));
		return ISCSI_ERR_INTERNAL;
	}
	return 0;
}

static void daemon_answer(struct ipc_client *c, int err, uint32_t sid)
{
	struct ipc_msg r;

	memset(&r, 0, sizeof(r));
	r.err = err;
	if (sid) {
		r.sid = sid;
		r.has = IPC_HAS_SID;
	}
	ipc_server_reply(c, &r);
}

static void dsess_login_done(struct ksess *ks, int err, void *arg)
{
	struct dsess *s = arg;

	if (err) {
		log_err("Could not login to [iface: %s, target: %s, portal: "
			"%s,%d]: %s", s->node->iface.name, s->node->name,
			s->node->conn.address, s->node->conn.port,
			ksess_reason(ks));
		s->dead = 1;
		daemon_reap_soon(s->d);
	}
	if (s->waiter)
		daemon_answer(s->waiter, err, err ? 0 : ksess_sid(ks));
	s->waiter = NULL;
}

static void dsess_logout_done(struct ksess *ks, int err, void *arg)
{
	struct dsess *s = arg;

	log_info("session%u logged out", ksess_sid(ks) ? ksess_sid(ks) : 0);
	s->dead = 1;
	daemon_reap_soon(s->d);
	if (s->waiter)
		daemon_answer(s->waiter, err, 0);
	s->waiter = NULL;
}

/* The same target, portal and iface already has a live session. */
static int daemon_exists(struct daemon *d, const struct idbm_node *n)
{
	struct dsess *s;

	for (s = d->sessions; s; s = s->next)
		if (!s->dead && strcmp(s->node->name, n->name) == 0 &&
		    strcmp(s->node->conn.address, n->conn.address) == 0 &&
		    s->node->conn.port == n->conn.port &&
		    strcmp(s->node->iface.name, n->iface.name) == 0)
			return 1;
	return 0;
}

/* A record as iscsid would have it: what iscsiadm sent, with the host's
 * initiator name when the iface has none. */
static int daemon_node(struct daemon *d, const struct ipc_msg *m,
		       struct idbm_node **out)
{
	struct idbm_node *n = malloc(sizeof(*n));
	char msg[512];

	if (!n)
		return ISCSI_ERR_NOMEM;
	idbm_node_init(n);
	msg[0] = '\0';
	if (idbm_rec_parse(IDBM_KIND_NODE, n, m->record, m->record_len,
			   "iscsiadm request", 0, msg, sizeof(msg)) != 0) {
		log_err("bad record in login request: %s", msg);
		free(n);
		return ISCSI_ERR_INVAL;
	}
	if (!n->iface.initiatorname[0] && d->have_ini)
		memcpy(n->iface.initiatorname, d->ini.name,
		       sizeof(n->iface.initiatorname));
	if (!n->iface.initiatorname[0]) {
		log_err("no initiator name: set one in %s",
			d->cfg.iname_file);
		free(n);
		return ISCSI_ERR_INVAL;
	}
	*out = n;
	return 0;
}

static int daemon_login(struct daemon *d, struct ipc_client *c,
			const struct ipc_msg *m)
{
	struct idbm_node *n = NULL;
	struct ksess_cfg kc;
	struct dsess *s;
	int rc;

	if (!(m->has & IPC_HAS_RECORD))
		return ISCSI_ERR_INVAL;
	rc = daemon_node(d, m, &n);
	if (rc)
		return rc;
	if (!(m->flags & IPC_F_MULTIPLE) && daemon_exists(d, n)) {
		free(n);
		return ISCSI_ERR_SESS_EXISTS;
	}
	rc = daemon_knl(d);
	if (!rc && nodecfg_ksess(&kc, n, d->caps) < 0)
		rc = ISCSI_ERR_INVAL;
	s = rc ? NULL : daemon_sess_add(d, n);
	if (!s) {
		free(n);
		return rc ? rc : ISCSI_ERR_NOMEM;
	}
	kc.login.initiator_alias = d->ini.alias[0] ? d->ini.alias : NULL;
	kc.logout_timeout = n->conn.logout_timeout > 0 ?
				    (unsigned)n->conn.logout_timeout : 15;
	s->ks = ksess_new(d->loop, d->knl, d->rng, &kc, dsess_login_done, s);
	if (!s->ks) {
		s->dead = 1;
		daemon_reap_soon(d);
		return ISCSI_ERR_NOMEM;
	}
	s->waiter = c;
	ksess_start(s->ks);
	return -1;
}

/* Take over session sid, found in sysfs and not ours yet. */
static int daemon_adopt(struct daemon *d, uint32_t sid, struct dsess **out)
{
	struct daemon_adopt_src src = { d->cfg.db_root, d->cfg.config_file,
					 d->have_ini ? d->ini.name : NULL };
	struct sysfs_session *ss = malloc(sizeof(*ss));
	struct idbm_node *n = NULL;
	struct ksess_cfg kc;
	struct dsess *s = NULL;
	int rc;

	if (!ss)
		return ISCSI_ERR_NOMEM;
	rc = daemon_adopt_read(&src, sid, ss, &n);
	if (!rc)
		rc = daemon_knl(d);
	if (!rc && (nodecfg_ksess(&kc, n, d->caps) < 0 ||
		    !(s = daemon_sess_add(d, n))))
		rc = ISCSI_ERR_INTERNAL;
	if (rc) {
		free(n);
		goto out;
	}
	kc.logout_timeout = n->conn.logout_timeout > 0 ?
				    (unsigned)n->conn.logout_timeout : 15;
	s->ks = ksess_adopt(d->loop, d->knl, d->rng, &kc, sid, 0,
			    ss->host_no);
	if (!s->ks) {
		s->dead = 1;
		daemon_reap_soon(d);
		rc = ISCSI_ERR_NOMEM;
		goto out;
	}
	log_info("adopted session%u [target: %s, portal: %s,%d] on host%u",
		 sid, ss->targetname, ss->conn.persistent_address,
		 ss->conn.persistent_port, ss->host_no);
	*out = s;
out:
	free(ss);
	return rc;
}

int daemon_adopt_all(struct daemon *d)
{
	struct dsess *s;
	uint32_t *sids;
	size_t i, n;
	int adopted = 0;

	if (sysfs_session_list(NULL, &sids, &n) < 0)
		return 0;
	for (i = 0; i < n; i++)
		if (!daemon_find_sid(d, sids[i]) &&
		    daemon_adopt(d, sids[i], &s) == 0)
			adopted++;
	free(sids);
	return adopted;
}

static int daemon_logout(struct daemon *d, struct ipc_client *c,
			 const struct ipc_msg *m)
{
	struct dsess *s;
	int rc;

	if (!(m->has & IPC_HAS_SID))
		return ISCSI_ERR_INVAL;
	s = daemon_find_sid(d, m->sid);
	if (!s) {
		rc = daemon_adopt(d, m->sid, &s);
		if (rc)
			return rc;
	}
	if (s->waiter)
		return ISCSI_ERR_BUSY;
	s->waiter = c;
	rc = ksess_logout(s->ks, dsess_logout_done, s);
	if (rc == 0)
		return -1;
	s->waiter = NULL;
	return rc == -EBUSY ? ISCSI_ERR_BUSY : ISCSI_ERR_SESS_NOT_FOUND;
}

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

/* SESSION_STATS: the kernel's counters of the session's connection. */
static int daemon_stats(struct daemon *d, struct ipc_client *c,
			const struct ipc_msg *m)
{
	struct sysfs_session *ss;
	struct ipc_msg *r;
	int rc;

	if (!(m->has & IPC_HAS_SID))
		return ISCSI_ERR_INVAL;
	ss = malloc(sizeof(*ss));
	r = calloc(1, sizeof(*r));
	rc = !ss || !r ? ISCSI_ERR_NOMEM :
	     sysfs_session_read(NULL, m->sid, ss) < 0 ||
			     !sysfs_session_complete(ss) ?
			  ISCSI_ERR_SESS_NOT_FOUND :
			  daemon_knl(d);
	if (rc)
		goto out;
	rc = daemon_stats_query(knl_sender(d->knl)->handle, m->sid, 0, r);
	if (rc < 0) {
		log_err("can not get stats of session %u: %s", m->sid,
			strerror(-rc));
		rc = ISCSI_ERR_INTERNAL;
		goto out;
	}
	r->sid = m->sid;
	r->has |= IPC_HAS_SID;
	ipc_server_reply(c, r);
	rc = -1;
out:
	free(ss);
	free(r);
	return rc;
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
	struct dsess *s;

	for (s = d->sessions; s; s = s->next)
		if (s->waiter == c)
			s->waiter = NULL;
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
		log_err("cannot serve the IPC socket: %s", strerror(-rc));
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
	struct dsess *s;

	if (!d)
		return;
	ipc_server_delete(d->ipc);
	for (s = d->sessions; s; s = s->next)
		s->dead = 1;
	loop_timer_cancel(d->loop, d->reaper);
	daemon_reap(d->loop, d);
	knl_close(d->knl);
	rng_delete(d->rng);
	free(d);
}
