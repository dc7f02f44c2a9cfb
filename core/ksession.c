/* SPDX-License-Identifier: MIT */
/* ksession.c - the dispatcher of a kernel session (ksession.h).  One
 * login, top to bottom: ksess_start -> ksess_attempt (tcp_connect_start,
 * or EP_CONNECT and EP_POLL for an endpoint transport) ->
 * ksess_connected (CREATE_[BOUND_]SESSION, CREATE_CONN, BIND_CONN,
 * pre-login params) -> login PDUs through the kernel (login.c,
 * SEND_PDU / KEVENT_RECV_PDU) -> ksess_logged_in (negotiated params,
 * START_CONN, scan).  Verbs: ksession_verbs.c; parameter lists:
 * ksession_params.c; when to retry: conn_retry.c; life after login:
 * ksession_life.c, whose verdicts are carried out here. */
#include "core/errtext.h"
#include "core/ksession.h"
#include "core/ksession_int.h"

#include "core/errors.h"
#include "core/log.h"
#include "core/loop.h"
#include "core/pdu.h"
#include "transport/netlink.h"
#include "transport/sysfs.h"
#include "transport/tcp.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A connection that failed or was never made: open-iscsi reports it
 * only when its reopen timer ends, as a connection time-out. */
#define KSESS_ERR_CONNECT ISCSI_ERR_TRANS_TIMEOUT

static void ksess_attempt(struct ksess *s);
static void ksess_verdict(struct ksess *s, enum ksess_verdict v);

/* Tear down the socket of a failed attempt.  Unless final, the kernel
 * session and connection stay for the next attempt: STOP_CONN_RECOVER
 * lets a new socket be bound to the same connection (as in recovery);
 * TERM and DESTROY_CONN are only for the end. */
static void ksess_drop_conn(struct ksess *s, int final)
{
	loop_timer_cancel(s->loop, s->timer);
	s->timer = NULL;
	loop_timer_cancel(s->loop, s->ep_timer);
	s->ep_timer = NULL;
	if (s->fd >= 0) {
		loop_fd_del(s->loop, s->fd);
		close(s->fd);
		s->fd = -1;
	}
	if (s->bound)
		ksv_stop_conn(s, final ? ISCSI_STOP_CONN_TERM :
					 ISCSI_STOP_CONN_RECOVER);
	ksv_ep_disconnect(s);	/* the next attempt makes a new one */
	login_delete(s->login);
	s->login = NULL;
	/* The next attempt logs in again on the same kernel connection. */
	if (final && s->have_conn)
		ksv_destroy_conn(s);
}

static void ksess_finish(struct ksess *s, int err)
{
	if (err) {
		ksess_drop_conn(s, 1);
		if (s->have_session)
			ksv_destroy_session(s);
	} else {
		login_delete(s->login);
		s->login = NULL;
		loop_timer_cancel(s->loop, s->timer);
		s->timer = NULL;
	}
	s->state = err ? KS_DONE : KS_UP;
	if (s->recovering) {
		ksess_life_recovered(s);
		return;
	}
	if (s->done)
		s->done(s, err, s->arg);
}

/* The pause is over: a first login may have run out of time. */
static void ksess_attempt_cb(struct loop *loop, void *arg)
{
	struct ksess *s = arg;
	int err = s->recovering ? 0 : conn_retry_resume(&s->retry, loop_now());

	s->timer = NULL;
	if (err)
		ksess_finish(s, err);
	else
		ksess_attempt(s);
}

static void ksess_retry_in(struct ksess *s, long delay)
{
	s->timer = loop_timer_in(s->loop, (uint64_t)delay, ksess_attempt_cb,
				 s);
	if (!s->timer)
		ksess_finish(s, ISCSI_ERR_NOMEM);
}

/* An attempt failed: a relogin waits DefaultTime2Wait and tries again
 * for ever; the first login asks the retry policy (conn_retry.h), as
 * open-iscsi's initial login does: a failure on an open connection
 * (KS_LOGIN: the login or a kernel step after it) pauses the negotiated
 * DefaultTime2Wait, one before it the doubling delay. */
static void ksess_failed(struct ksess *s, int err)
{
	unsigned pause = 0;
	long delay;

	s->last_err = err;
	conn_retry_failback(&s->retry);
	if (s->recovering) {
		ksess_drop_conn(s, 0);
		ksess_verdict(s, KSV_RELOGIN);
		return;
	}
	if (s->state == KS_LOGIN && s->login)
		pause = 1000u * neg_result_num(login_neg(s->login),
					       NEG_DEFAULT_TIME2WAIT);
	delay = conn_retry_next(&s->retry, err, pause, loop_now());
	if (delay < 0) {
		ksess_finish(s, err);
		return;
	}
	ksess_drop_conn(s, 0);
	log_debug("login attempt %d failed (%s), retrying in %ld ms",
		  s->retry.attempts, s->reason, delay);
	ksess_retry_in(s, delay);
}

static void ksess_timeout(struct loop *loop, void *arg)
{
	struct ksess *s = arg;

	s->timer = NULL;
	ksess_why(s, "%s to %s:%d timed out",
		  s->state == KS_CONNECT ? "connection" : "login",
		  s->retry.addr, s->retry.port);
	ksess_failed(s, s->state == KS_CONNECT ? ISCSI_ERR_TRANS_TIMEOUT :
						 ISCSI_ERR_PDU_TIMEOUT);
}

static void ksess_send_login(struct ksess *s)
{
	struct pdu *pdu = login_next_pdu(s->login);
	int rc;

	if (!pdu) {
		ksess_why(s, "cannot build a login PDU");
		ksess_failed(s, ISCSI_ERR_NOMEM);
		return;
	}
	rc = ksv_send_pdu(s, pdu);
	pdu_delete(pdu);
	if (rc < 0) {
		ksess_why(s, "kernel refused the login PDU: %s",
			  errtext(-rc));
		ksess_failed(s, ISCSI_ERR_LOGIN);
	}
}

static void ksess_logged_in(struct ksess *s)
{
	int rc;

	s->t2w_s = (unsigned)neg_result_num(login_neg(s->login),
					    NEG_DEFAULT_TIME2WAIT);
	if ((rc = ksess_postlogin_params(s))) {
		ksess_failed(s, rc);
		return;
	}
	/* A refusal is a failed attempt, retried as open-iscsi does
	 * (and 9 if the retry time is spent); -EEXIST (an offload card
	 * runs this session already) ends the login at once. */
	rc = ksv_start_conn(s);
	if (rc < 0) {
		ksess_why(s, "cannot start the connection: %s", errtext(-rc));
		ksess_failed(s, rc == -EEXIST ? ISCSI_ERR_SESS_EXISTS :
						ISCSI_ERR_INTERNAL);
		return;
	}
	/* open-iscsi logs this at warning level: it is on every boot
	 * console and in iscsid's log without -d (not for discovery). */
	if (!s->cfg.login.discovery)
		log_warn("Connection%u:%u to [target: %s, portal: %s,%d] through "
			 "[iface: %s] is operational now", s->sid, s->cid,
			 s->cfg.login.target_name, s->cfg.addr, s->cfg.port,
			 s->cfg.iface_name);
	if (s->cfg.scan && (rc = sysfs_host_scan(s->host_no)) < 0)
		log_warn("could not scan host%u: %s", s->host_no,
			 errtext(-rc));
	ksess_finish(s, ISCSI_SUCCESS);
}

static void ksess_redirect(struct ksess *s)
{
	int permanent;
	const char *to = login_redirect(s->login, &permanent);

	if (conn_retry_redirect(&s->retry, to, permanent) < 0) {
		ksess_why(s, "bad or looping redirect to %.60s", to);
		ksess_failed(s, ISCSI_ERR_LOGIN);
		return;
	}
	log_info("login redirected to %s:%d", s->retry.addr, s->retry.port);
	/* RFC 7143 §11.13.5: go there at once (no pause, no retry time
	 * check, as open-iscsi); conn_retry bounds the redirects. */
	ksess_drop_conn(s, 0);
	ksess_retry_in(s, 0);
}

static void ksess_login_event(struct ksess *s, const struct nlmsg_event *ev)
{
	size_t max = login_max_recv_dsl(&s->cfg.neg);
	struct pdu *pdu = NULL;

	/* open-iscsi ignores this during login and lets its login timer
	 * end the attempt (11); we end it now, with the timer's error. */
	if (ev->type == ISCSI_KEVENT_CONN_ERROR) {
		ksess_why(s, "kernel reported connection error %u (%s)",
			  ev->error, nlmsg_kerr_str(ev->error));
		ksess_failed(s, ISCSI_ERR_PDU_TIMEOUT);
		return;
	}
	if (ev->type != ISCSI_KEVENT_RECV_PDU)
		return;
	if (pdu_parse(ev->pdu, ev->pdu_len, max, &pdu) < 0) {
		ksess_why(s, "malformed PDU, or data over the %zu bytes we "
			  "declared", max);
		ksess_failed(s, ISCSI_ERR_LOGIN);
		return;
	}
	switch (login_handle_pdu(s->login, pdu)) {
	case LOGIN_MORE:
		ksess_send_login(s);
		break;
	case LOGIN_DONE:
		loop_timer_cancel(s->loop, s->timer);
		s->timer = NULL;
		ksess_logged_in(s);
		break;
	case LOGIN_REDIRECT:
		ksess_redirect(s);
		break;
	case LOGIN_FAILED:
		ksess_why(s, "%s", login_reason(s->login));
		ksess_failed(s, login_error(s->login));
		break;
	}
	pdu_delete(pdu);
}

void ksess_on_event(struct ksess *s, const struct nlmsg_event *ev)
{
	if (ev->sid != s->sid)
		return;
	/* Between two login attempts (the pause after a failed one) there
	 * is no login: an event still queued from the dropped connection
	 * (a late PDU, its CONN_ERROR) is stale.  Taken as the next
	 * attempt's failure it cut the pause short. */
	if (s->state == KS_LOGIN) {
		if (s->login)
			ksess_login_event(s, ev);
	} else if (s->state == KS_UP && s->cfg.on_pdu &&
		 ev->type == ISCSI_KEVENT_RECV_PDU)
		s->cfg.on_pdu(s->cfg.pdu_arg, ev->pdu, ev->pdu_len);
	else
		ksess_verdict(s, ksess_life_event(s, ev));
}

/* The socket is connected: make the kernel objects and start login. */
static void ksess_connected(struct ksess *s)
{
	struct login_params lp = s->cfg.login;
	int rc;

	if (s->fd >= 0)
		loop_fd_del(s->loop, s->fd);
	/* The kernel will not make the objects: open-iscsi ends the
	 * login at once (9); later refusals are failed attempts (5). */
	if (!s->have_session && (rc = ksv_create_session(s)) < 0) {
		ksess_why(s, "cannot create a session: %s", errtext(-rc));
		ksess_finish(s, ISCSI_ERR_INTERNAL);
		return;
	}
	if (!s->have_conn && (rc = ksv_create_conn(s)) < 0) {
		ksess_why(s, "cannot create a connection: %s", errtext(-rc));
		ksess_finish(s, ISCSI_ERR_INTERNAL);
		return;
	}
	rc = ksv_bind_conn(s, KSESS_EP(s) ? s->ep : (uint64_t)s->fd);
	if (rc < 0) {
		ksess_why(s, "kernel could not take the connection: %s",
			  errtext(-rc));
		ksess_failed(s, ISCSI_ERR_LOGIN);
		return;
	}
	/* The kernel holds its own reference to the socket now. */
	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
	if ((rc = ksess_prelogin_params(s))) {
		ksess_failed(s, rc);
		return;
	}
	login_isid(lp.isid, s->sid);
	lp.cmdsn = s->cfg.initial_cmdsn;
	lp.any_itt = 1;
	s->login = login_new(&lp, &s->cfg.neg, s->rng);
	if (!s->login) {
		ksess_failed(s, ISCSI_ERR_NOMEM);
		return;
	}
	s->state = KS_LOGIN;
	ksess_send_login(s);
}

static void ksess_writable(struct loop *loop, int fd, short revents,
			   void *arg)
{
	struct ksess *s = arg;
	int rc = tcp_connect_result(fd);

	if (rc < 0) {
		ksess_why(s, "cannot make connection to %s: %s", s->retry.addr,
			  errtext(-rc));
		ksess_failed(s, KSESS_ERR_CONNECT);
		return;
	}
	ksess_connected(s);
}

/* Endpoint transports: ask the kernel whether the connection is up,
 * every KSESS_EP_POLL_MS until it is, it fails or login_timeout ends the
 * attempt. */
static void ksess_ep_tick(struct loop *loop, void *arg)
{
	struct ksess *s = arg;
	int rc = ksv_ep_poll(s);

	s->ep_timer = NULL;
	if (rc < 0) {
		ksess_why(s, "cannot make connection to %s: %s", s->retry.addr,
			  errtext(-rc));
		ksess_failed(s, KSESS_ERR_CONNECT);
	} else if (rc > 0) {
		ksess_connected(s);
	} else {
		s->ep_timer = loop_timer_in(loop, KSESS_EP_POLL_MS,
					    ksess_ep_tick, s);
		if (!s->ep_timer)
			ksess_failed(s, ISCSI_ERR_NOMEM);
	}
}

/* The kernel connects (iser): EP_CONNECT now, EP_POLL from the loop. */
static void ksess_ep_start(struct ksess *s, const struct sockaddr *sa,
			   socklen_t salen)
{
	int rc = ksv_ep_connect(s, sa, salen);

	if (rc < 0) {
		ksess_why(s, "cannot make connection to %s: %s", s->retry.addr,
			  errtext(-rc));
		ksess_failed(s, KSESS_ERR_CONNECT);
		return;
	}
	ksess_ep_tick(s->loop, s);
}

/* One connect+login attempt (first login or relogin), bounded as a
 * whole by login_timeout. */
static void ksess_attempt(struct ksess *s)
{
	struct sockaddr_storage ss;
	socklen_t sslen;
	int rc, gai;

	conn_retry_attempt(&s->retry);
	s->state = KS_CONNECT;
	rc = portal_resolve(s->retry.addr, s->retry.port, &ss, &sslen, NULL, 0,
			    &gai);
	if (rc < 0) {
		ksess_why(s, "cannot resolve %s: %s", s->retry.addr,
			  portal_strerror(gai));
		ksess_failed(s, KSESS_ERR_CONNECT);
		return;
	}
	s->timer = loop_timer_in(s->loop, (uint64_t)s->cfg.login_timeout *
						  1000u, ksess_timeout, s);
	if (KSESS_EP(s)) {
		ksess_ep_start(s, (struct sockaddr *)&ss, sslen);
		return;
	}
	s->fd = ifbind_netdev(&s->cfg.bind, SYSFS_ROOT, s->netdev,
			      sizeof(s->netdev));
	if (!s->fd)
		s->fd = tcp_connect_start((struct sockaddr *)&ss, sslen,
					  s->cfg.tcp_window, s->netdev);
	if (s->fd < 0) {
		ksess_why(s, "cannot make connection to %s: %s", s->retry.addr,
			  errtext(-s->fd));
		s->fd = -1;
		ksess_failed(s, KSESS_ERR_CONNECT);
		return;
	}
	if (loop_fd_add(s->loop, s->fd, POLLOUT, ksess_writable, s) < 0)
		ksess_failed(s, ISCSI_ERR_NOMEM);
}

static void ksess_down(struct ksess *s)
{
	int err;

	loop_timer_cancel(s->loop, s->timer);
	s->timer = NULL;
	err = ksess_life_teardown(s, 0);
	if (s->logout_done)
		s->logout_done(s, err, s->logout_arg);
}

static void ksess_logout_timeout(struct loop *loop, void *arg)
{
	struct ksess *s = arg;

	s->timer = NULL;
	log_warn("session%u: no logout response within %u s, closing", s->sid,
		 s->cfg.logout_timeout);
	ksess_down(s);
}

/* Carry out what ksession_life.c decided. */
static void ksess_verdict(struct ksess *s, enum ksess_verdict v)
{
	uint64_t ms;

	switch (v) {
	case KSV_NONE:
		return;
	case KSV_RELOGIN:
		ms = ksess_life_delay_ms(s);
		s->timer = loop_timer_in(s->loop, ms, ksess_attempt_cb, s);
		if (!s->timer)
			log_err("session%u: out of memory, recovery stopped",
				s->sid);
		return;
	case KSV_WAIT_LOGOUT:
		s->timer = loop_timer_in(s->loop,
					 (uint64_t)s->cfg.logout_timeout *
						 1000u,
					 ksess_logout_timeout, s);
		if (!s->timer)
			ksess_down(s);
		return;
	case KSV_DOWN:
		ksess_down(s);
		return;
	}
}

int ksess_send(struct ksess *s, const struct pdu *pdu)
{
	return s->state == KS_UP ? ksv_send_pdu(s, pdu) : -ENOTCONN;
}

int ksess_logout(struct ksess *s, ksess_done_cb done, void *arg)
{
	enum ksess_verdict v = KSV_NONE;
	int rc = ksess_life_logout(s, &v);

	if (rc < 0)
		return rc;
	loop_timer_cancel(s->loop, s->timer);
	s->timer = NULL;
	s->logout_done = done;
	s->logout_arg = arg;
	ksess_verdict(s, v);
	return 0;
}

/* Like open-iscsi's initial login, retry for login_retries x
 * login_timeout seconds in all: a boot target may take minutes to come
 * up, and refused connections fail fast. */
void ksess_start(struct ksess *s)
{
	s->retry.give_up_at = loop_now() +
			      (uint64_t)s->cfg.login_retries *
				      s->cfg.login_timeout * 1000u;
	ksess_attempt(s);
}
