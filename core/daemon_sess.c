/* SPDX-License-Identifier: MIT */
/* daemon_sess.c - iscsid's sessions (daemon_sess.h): many logins and
 * logouts in flight at once, each a ksess driven by the one loop, the
 * host scan after a login beside it, kernel events routed by sid, and
 * sessions iscsid did not make adopted from sysfs. */
#include "core/daemon_sess.h"

#include "core/daemon_adopt.h"
#include "core/daemon_scan.h"
#include "core/daemon_sync.h"
#include "core/errors.h"
#include "core/errtext.h"
#include "core/idbm.h"
#include "core/ipc_server.h"
#include "core/ksession.h"
#include "core/log.h"
#include "core/loop.h"
#include "core/nodecfg.h"
#include "transport/netlink.h"
#include "transport/sysfs.h"
#include "transport/sysfs_session.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct dsess *daemon_find_sid(struct daemon *d, uint32_t sid)
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
		daemon_scan_cancel(s->scan);
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

int daemon_knl(struct daemon *d)
{
	uint64_t handle;
	int rc;

	if (d->knl)
		return 0;
	if (!d->cfg.load_transport ||
	    d->cfg.load_transport("tcp", &handle, &d->caps, NULL) < 0)
		return ISCSI_ERR_TRANS_NOT_FOUND;
	rc = knl_open(d->loop, handle, daemon_event, d, &d->knl);
	if (rc < 0) {
		log_err("can not create NETLINK_ISCSI socket [%s]",
			errtext(-rc));
		return ISCSI_ERR_INTERNAL;
	}
	return 0;
}

/* The node's transport when it is not tcp (iser): its handle and caps
 * for the session, which shares the daemon's netlink socket. */
static int daemon_transport(struct daemon *d, const struct idbm_node *n,
			    struct ksess_cfg *kc)
{
	const char *tr = n->iface.transport_name;

	if (!tr[0] || !strcmp(tr, "tcp"))
		return 0;
	if (d->cfg.load_transport(tr, &kc->handle, &kc->caps,
				 &kc->xport) < 0) {
		log_err("Could not load transport %s", tr);
		return ISCSI_ERR_TRANS_NOT_FOUND;
	}
	return 0;
}

void daemon_answer(struct ipc_client *c, int err, uint32_t sid)
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

/* The scan is over: now the login is answered, as open-iscsi answers
 * only once its scan child is done. */
static void dsess_scanned(int err, void *arg)
{
	struct dsess *s = arg;

	s->scan = NULL;
	if (s->waiter)
		daemon_answer(s->waiter, 0, ksess_sid(s->ks));
	s->waiter = NULL;
}

/* node.session.scan = auto: scan the host beside the loop (ksession is
 * told not to, so a relogin after recovery does not rescan either:
 * open-iscsi scans once per session).  1 when the answer waits for it. */
static int dsess_scan(struct dsess *s)
{
	uint32_t host = ksess_host_no(s->ks);
	int rc;

	if (s->node->session.scan != IDBM_SCAN_AUTO)
		return 0;
	rc = daemon_scan_start(s->d->loop, host, dsess_scanned, s, &s->scan);
	if (rc == 0)
		return 1;
	if (rc < 0 && (rc = sysfs_host_scan(host)) < 0)
		log_warn("could not scan host%u: %s", host, errtext(-rc));
	return 0;
}

static void dsess_login_done(struct ksess *ks, int err, void *arg)
{
	struct dsess *s = arg;

	if (!err && dsess_scan(s))
		return;
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

static int daemon_login_node(struct daemon *d, struct ipc_client *c,
			     struct idbm_node *n);

int daemon_login(struct daemon *d, struct ipc_client *c,
		 const struct ipc_msg *m)
{
	struct idbm_node *n = NULL;
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
	return daemon_login_node(d, c, n);
}

/* Log in the session of record n (owned from here on); c, if not NULL,
 * gets the answer. */
static int daemon_login_node(struct daemon *d, struct ipc_client *c,
			     struct idbm_node *n)
{
	struct ksess_cfg kc;
	struct dsess *s;
	int rc;

	rc = daemon_knl(d);
	if (!rc && nodecfg_ksess(&kc, n, d->caps) < 0)
		rc = ISCSI_ERR_INVAL;
	if (!rc)
		rc = daemon_transport(d, n, &kc);
	s = rc ? NULL : daemon_sess_add(d, n);
	if (!s) {
		free(n);
		return rc ? rc : ISCSI_ERR_NOMEM;
	}
	kc.scan = 0;	/* dsess_scan() does it beside the loop */
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

int daemon_adopt(struct daemon *d, uint32_t sid, struct dsess **out)
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
		    daemon_transport(d, n, &kc) ||
		    !(s = daemon_sess_add(d, n))))
		rc = ISCSI_ERR_INTERNAL;
	if (rc) {
		free(n);
		goto out;
	}
	kc.scan = 0;	/* open-iscsi does not rescan on recovery */
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

/* A session an earlier iscsid left half made: remove it from the
 * kernel and log its record in again (without a record, the next
 * "iscsiadm -L" makes it anew). */
static void daemon_redo(struct daemon *d, const struct sysfs_session *ss)
{
	struct daemon_adopt_src src = { d->cfg.db_root, d->cfg.config_file,
					 d->have_ini ? d->ini.name : NULL };
	struct idbm_node *n = NULL;
	int rc;

	if (daemon_knl(d))
		return;
	rc = daemon_sync_teardown(d->knl, ss);
	if (rc < 0) {
		log_err("cannot remove half-made session%u: %s", ss->sid,
			errtext(-rc));
		return;
	}
	rc = daemon_adopt_record(&src, ss, &n);
	log_warn("session%u [target: %s] was left half made by an earlier "
		 "iscsid: removed%s", ss->sid, ss->targetname,
		 rc ? "" : ", logging in again");
	if (!rc && daemon_login_node(d, NULL, n) > 0)
		log_err("cannot log in to %s again", ss->targetname);
}

/* Kick the recovery of a session whose connection failed while no
 * iscsid ran: the kernel reported that error to nobody. */
static void daemon_recover(struct dsess *s, uint32_t sid)
{
	struct nlmsg_event ev;

	log_warn("session%u failed while no iscsid ran: logging in again",
		 sid);
	memset(&ev, 0, sizeof(ev));
	ev.type = ISCSI_KEVENT_CONN_ERROR;
	ev.sid = sid;
	ev.error = ISCSI_KERR_CONN_FAILED;
	ksess_on_event(s->ks, &ev);
}

int daemon_adopt_all(struct daemon *d)
{
	struct sysfs_session *ss = malloc(sizeof(*ss));
	enum daemon_sync_verdict v;
	struct dsess *s;
	uint32_t *sids = NULL;
	size_t i, n = 0;
	int adopted = 0;

	if (!ss || sysfs_session_list(NULL, &sids, &n) < 0)
		n = 0;
	/* Listen to the kernel before reading the sessions' states: a
	 * connection error in between would otherwise reach nobody. */
	if (n)
		daemon_knl(d);
	for (i = 0; i < n; i++) {
		if (daemon_find_sid(d, sids[i]) ||
		    sysfs_session_read(NULL, sids[i], ss) < 0)
			continue;
		v = daemon_sync_verdict(ss);
		if (v == DSYNC_REDO)
			daemon_redo(d, ss);
		if (v == DSYNC_SKIP || v == DSYNC_REDO ||
		    daemon_adopt(d, sids[i], &s) != 0)
			continue;
		adopted++;
		if (v == DSYNC_RECOVER)
			daemon_recover(s, sids[i]);
		if (v == DSYNC_SCAN)
			dsess_scan(s);
	}
	free(sids);
	free(ss);
	return adopted;
}

int daemon_logout(struct daemon *d, struct ipc_client *c,
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

void daemon_sess_forget(struct daemon *d, struct ipc_client *c)
{
	struct dsess *s;

	for (s = d->sessions; s; s = s->next)
		if (s->waiter == c)
			s->waiter = NULL;
}

void daemon_sess_drop_all(struct daemon *d)
{
	struct dsess *s;

	for (s = d->sessions; s; s = s->next)
		s->dead = 1;
	loop_timer_cancel(d->loop, d->reaper);
	daemon_reap(d->loop, d);
}
