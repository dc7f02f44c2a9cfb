/* SPDX-License-Identifier: MIT */
/* usession.c - connect, log in, one text exchange, log out: a whole
 * user-space session driven by the event loop (see usession.h).  The
 * socket is transport/tcp.c's, the login engine login.c's, the text
 * exchange text_xchg.c's, and when to try again or where a redirect goes
 * is conn_retry.c's; here are the timers and the decisions. */
#include "core/errtext.h"
#include "core/usession.h"

#include "core/conn_retry.h"
#include "core/errors.h"
#include "core/keys.h"
#include "core/log.h"
#include "core/loop.h"
#include "core/pdu.h"
#include "core/portal.h"
#include "core/rng.h"
#include "core/text_xchg.h"
#include "transport/sysfs.h"
#include "transport/tcp.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A gathered text response may be this large unless the caller says
 * otherwise: 100,000 targets with a portal each take about 8 MB. */
#define USESS_TEXT_MAX_DEFAULT (16u << 20)

enum usess_state { US_CONNECT, US_LOGIN, US_TEXT, US_LOGOUT, US_DONE };

struct usess {
	struct loop *loop;
	struct rng *rng;
	const struct usess_cfg *cfg;
	struct usess_result *res;
	struct tcp_conn *conn;
	struct login *login;
	struct loop_timer *timer;	/* each response */
	struct loop_timer *deadline;	/* the whole login / text exchange */
	struct loop_timer *retry;
	enum usess_state state;
	struct conn_retry retry_policy;
	unsigned login_s, text_s;	/* the deadlines, seconds */
	int login_rsps;			/* login responses this attempt */
	size_t max_text;
	struct text_xchg text;
	uint32_t itt;
	uint32_t cmdsn;
	uint32_t exp_statsn;
	int logged_in;
};

static void usess_attempt(struct usess *s);

static void usess_finish(struct usess *s, enum usess_fail fail, int err)
{
	s->state = US_DONE;
	s->res->err = err;
	if (err && s->res->fail == USESS_FAIL_NONE)
		s->res->fail = fail;
	loop_timer_cancel(s->loop, s->timer);
	s->timer = NULL;
	loop_timer_cancel(s->loop, s->deadline);
	s->deadline = NULL;
	tcp_conn_delete(s->conn);
	s->conn = NULL;
	loop_stop(s->loop, 0);
}

static void usess_teardown_attempt(struct usess *s)
{
	loop_timer_cancel(s->loop, s->timer);
	s->timer = NULL;
	loop_timer_cancel(s->loop, s->deadline);
	s->deadline = NULL;
	tcp_conn_delete(s->conn);
	s->conn = NULL;
	login_delete(s->login);
	s->login = NULL;
	text_xchg_free(&s->text);	/* a retry gathers anew */
}

static void usess_retry_cb(struct loop *loop, void *arg)
{
	struct usess *s = arg;

	s->retry = NULL;
	usess_attempt(s);
}

/* An attempt failed in a way open-iscsi tries again (the connection
 * refused or lost, a stalled or overlong exchange, a target error
 * status): after the retry policy's pause, up to reopen_max more times,
 * then give up with "PDU timed out" (ISCSI_ERR_PDU_TIMEOUT is what
 * open-iscsi 2.1.8 reports here).  why was logged by the caller. */
static void usess_attempt_failed(struct usess *s, int err)
{
	long delay;

	usess_teardown_attempt(s);
	delay = conn_retry_next(&s->retry_policy, err, 0, loop_now());
	if (delay < 0) {
		/* Already said above, in open-iscsi's words. */
		log_err("connection login retries (reopen_max) %d exceeded",
			s->cfg->reopen_max);
		usess_finish(s, USESS_FAIL_CONNECT, ISCSI_ERR_PDU_TIMEOUT);
		return;
	}
	s->retry = loop_timer_in(s->loop, (uint64_t)delay, usess_retry_cb, s);
	if (!s->retry)
		usess_finish(s, USESS_FAIL_NOMEM, ISCSI_ERR_NOMEM);
}

static void usess_conn_failed(struct usess *s, int err)
{
	if (err == -EMSGSIZE)
		log_err("%s:%d sent a data segment larger than the %zu bytes "
			"we declared", s->retry_policy.addr,
			s->retry_policy.port,
			login_max_recv_dsl(&s->cfg->neg));
	else if (err == -EPROTO)
		log_err("%s:%d sent a malformed PDU header",
			s->retry_policy.addr, s->retry_policy.port);
	else
		log_err("cannot make connection to %s: %s",
			s->retry_policy.addr, err ? errtext(-err) : "Success");
	usess_attempt_failed(s, ISCSI_ERR_TRANS);
}

/* The whole login, or the whole text exchange, took too long: however
 * busy the target kept us, each exchange ends (a target that answers
 * every request without ever finishing). */
static void usess_deadline(struct loop *loop, void *arg)
{
	struct usess *s = arg;

	s->deadline = NULL;
	/* Before the first login response the per-response timer speaks
	 * (a silent target is open-iscsi's fatal 19, not a retry). */
	if ((s->state != US_LOGIN && s->state != US_TEXT) ||
	    (s->state == US_LOGIN && !s->login_rsps))
		return;
	log_err("%s to %s:%d did not finish in %u seconds",
		s->state == US_TEXT ? "text exchange" : "login",
		s->retry_policy.addr, s->retry_policy.port,
		s->state == US_TEXT ? s->text_s : s->login_s);
	usess_attempt_failed(s, ISCSI_ERR_PDU_TIMEOUT);
}

static void usess_arm_deadline(struct usess *s, unsigned seconds)
{
	loop_timer_cancel(s->loop, s->deadline);
	s->deadline = loop_timer_in(s->loop, (uint64_t)seconds * 1000u,
				    usess_deadline, s);
}

static void usess_timeout(struct loop *loop, void *arg)
{
	struct usess *s = arg;

	s->timer = NULL;
	switch (s->state) {
	case US_CONNECT:
		usess_conn_failed(s, -ETIMEDOUT);
		break;
	case US_LOGIN:
		if (tcp_conn_rx_partial(s->conn)) {
			/* Part of a response, then nothing: a broken
			 * stream, retried like a lost connection. */
			log_err("login response from %s:%d stalled",
				s->retry_policy.addr, s->retry_policy.port);
			usess_attempt_failed(s, ISCSI_ERR_PDU_TIMEOUT);
			break;
		}
		/* A target that takes the connection but never answers is
		 * not retried: open-iscsi gives up with a fatal error. */
		snprintf(s->res->reason, sizeof(s->res->reason),
			 "no login response in %u seconds",
			 s->cfg->login_rsp_timeout);
		usess_finish(s, USESS_FAIL_LOGIN_TIMEOUT,
			     ISCSI_ERR_FATAL_LOGIN);
		break;
	case US_TEXT:
		/* open-iscsi reconnects when the discovery session times
		 * out waiting for the answer. */
		log_err("no text response from %s:%d in %u seconds",
			s->retry_policy.addr, s->retry_policy.port,
			s->cfg->active_timeout);
		usess_attempt_failed(s, ISCSI_ERR_PDU_TIMEOUT);
		break;
	case US_LOGOUT:
		/* The work is done; a target that does not answer the
		 * logout only delays us. */
		usess_finish(s, USESS_FAIL_NONE, ISCSI_SUCCESS);
		break;
	case US_DONE:
		break;
	}
}

static void usess_arm(struct usess *s, unsigned seconds)
{
	loop_timer_cancel(s->loop, s->timer);
	s->timer = loop_timer_in(s->loop, (uint64_t)seconds * 1000u,
				 usess_timeout, s);
}

static void usess_send(struct usess *s, struct pdu *pdu)
{
	if (!pdu || tcp_conn_send(s->conn, pdu) < 0)
		usess_finish(s, USESS_FAIL_NOMEM, ISCSI_ERR_NOMEM);
}

static void usess_logout(struct usess *s)
{
	loop_timer_cancel(s->loop, s->deadline);
	s->deadline = NULL;
	s->state = US_LOGOUT;
	s->itt++;
	usess_arm(s, s->cfg->logout_timeout);
	/* Logout is immediate: CmdSN is carried but not advanced. */
	usess_send(s, pdu_logout_req(0, s->itt, s->cfg->login.cid, s->cmdsn,
				     s->exp_statsn));
}

static void usess_logged_in(struct usess *s)
{
	const struct neg_state *neg = login_neg(s->login);
	struct usess_result *r = s->res;
	int known;

	s->logged_in = 1;
	r->neg = *neg;
	r->chap_alg = login_chap_alg(s->login);
	r->tsih = login_tsih(s->login);
	r->tpgt = login_tpgt(s->login, &known);
	if (!known)
		r->tpgt = -1;
	s->cmdsn = login_exp_cmdsn(s->login);
	s->exp_statsn = login_statsn(s->login) + 1;
	/* Data beyond our MaxRecvDataSegmentLength is a protocol error
	 * from now on (RFC 7143 §13.12). */
	tcp_conn_set_max_recv(s->conn, login_max_recv_dsl(neg), 0);
	if (s->cfg->text) {
		s->state = US_TEXT;
		s->itt++;
		usess_arm(s, s->cfg->active_timeout);
		usess_arm_deadline(s, s->text_s);
		text_xchg_init(&s->text, s->itt, &s->cmdsn, &s->exp_statsn,
			       s->cfg->text, s->max_text);
		usess_send(s, text_xchg_request(&s->text));
	} else {
		usess_logout(s);
	}
}

static void usess_redirect(struct usess *s)
{
	int permanent;
	const char *to = login_redirect(s->login, &permanent);

	if (conn_retry_redirect(&s->retry_policy, to, permanent) < 0) {
		snprintf(s->res->reason, sizeof(s->res->reason),
			 "bad or looping redirect to %.60s", to);
		usess_teardown_attempt(s);
		usess_finish(s, USESS_FAIL_PROTO, ISCSI_ERR_LOGIN);
		return;
	}
	log_info("target redirected %s login to %s:%d",
		 permanent ? "permanently" : "temporarily",
		 s->retry_policy.addr, s->retry_policy.port);
	usess_teardown_attempt(s);
	usess_attempt(s);
}

static void usess_on_login_pdu(struct usess *s, struct pdu *pdu)
{
	s->login_rsps++;
	switch (login_handle_pdu(s->login, pdu)) {
	case LOGIN_MORE:
		usess_arm(s, s->cfg->login_rsp_timeout ?
				     s->cfg->login_rsp_timeout :
				     s->cfg->login_timeout);
		usess_send(s, login_next_pdu(s->login));
		break;
	case LOGIN_DONE:
		usess_logged_in(s);
		break;
	case LOGIN_REDIRECT:
		usess_redirect(s);
		break;
	case LOGIN_FAILED:
		if (login_fail_kind(s->login) == LOGIN_FAIL_STATUS &&
		    login_status_class(s->login) >= ISCSI_STATUS_CLS_TARGET_ERR) {
			/* RFC 7143 §11.13.5: a target error is worth
			 * another try later, as open-iscsi does (also for
			 * classes the RFC does not define). */
			log_err("login to %s:%d: %s", s->retry_policy.addr,
				s->retry_policy.port, login_reason(s->login));
			usess_attempt_failed(s, ISCSI_ERR_LOGIN);
			break;
		}
		snprintf(s->res->reason, sizeof(s->res->reason), "%s",
			 login_reason(s->login));
		s->res->login_kind = login_fail_kind(s->login);
		s->res->status_class = login_status_class(s->login);
		s->res->status_detail = login_status_detail(s->login);
		usess_finish(s, USESS_FAIL_LOGIN, login_error(s->login));
		break;
	}
}

static void usess_on_text_pdu(struct usess *s, struct pdu *pdu)
{
	switch (text_xchg_response(&s->text, pdu)) {
	case TEXT_MORE:
		usess_arm(s, s->cfg->active_timeout);
		usess_send(s, text_xchg_request(&s->text));
		break;
	case TEXT_DONE:
		s->res->text = text_xchg_take(&s->text, &s->res->text_len);
		usess_logout(s);
		break;
	case TEXT_FAILED:
		snprintf(s->res->reason, sizeof(s->res->reason), "%s",
			 s->text.reason);
		usess_finish(s, USESS_FAIL_PROTO, ISCSI_ERR_PDU_TIMEOUT);
		break;
	}
}

static void usess_on_pdu(struct usess *s, struct pdu *pdu)
{
	uint8_t op = pdu_opcode(pdu);

	if (op == ISCSI_OP_NOOP_IN || op == ISCSI_OP_ASYNC) {
		/* Nothing to answer in a discovery/test session: a NOP-In
		 * ping (TTT != ffffffff) gets its NOP-Out echo. */
		const struct iscsi_nop_hdr *h = (const void *)pdu->bhs;
		uint32_t ttt = pdu_get32(h->ttt);

		if (op == ISCSI_OP_NOOP_IN && ttt != ISCSI_RSVD_TAG)
			usess_send(s, pdu_nop_out(ISCSI_RSVD_TAG, ttt,
						  s->cmdsn, s->exp_statsn));
		return;
	}
	if (op == ISCSI_OP_REJECT) {
		const struct iscsi_reject_hdr *h = (const void *)pdu->bhs;

		snprintf(s->res->reason, sizeof(s->res->reason),
			 "target rejected our PDU (reason 0x%02x)", h->reason);
		usess_finish(s, USESS_FAIL_PROTO,
			     s->state == US_LOGIN ? ISCSI_ERR_FATAL_LOGIN :
						    ISCSI_ERR_PDU_TIMEOUT);
		return;
	}
	switch (s->state) {
	case US_LOGIN:
		usess_on_login_pdu(s, pdu);
		break;
	case US_TEXT:
		usess_on_text_pdu(s, pdu);
		break;
	case US_LOGOUT:
		if (op == ISCSI_OP_LOGOUT_RSP)
			usess_finish(s, USESS_FAIL_NONE, ISCSI_SUCCESS);
		break;
	default:
		break;
	}
}

static void usess_conn_cb(struct tcp_conn *c, enum tcp_event ev,
			  struct pdu *pdu, int err, void *arg)
{
	struct usess *s = arg;

	switch (ev) {
	case TCP_UP:
		s->state = US_LOGIN;
		/* Declared limits hold from the first byte (RFC 7143
		 * §13.12); no login, text or NOP PDU carries an AHS. */
		tcp_conn_set_max_recv(c, login_max_recv_dsl(&s->cfg->neg), 0);
		usess_arm_deadline(s, s->login_s);
		usess_arm(s, s->cfg->login_rsp_timeout ?
				     s->cfg->login_rsp_timeout :
				     s->cfg->login_timeout);
		usess_send(s, login_next_pdu(s->login));
		break;
	case TCP_PDU:
		usess_on_pdu(s, pdu);
		pdu_delete(pdu);
		break;
	case TCP_ERROR:
		if (err == -EMSGSIZE || err == -EPROTO) {
			/* Over our declared limits: refused on the header. */
			usess_conn_failed(s, err);
		} else if (s->state == US_LOGOUT) {
			/* Targets may just close after a logout. */
			usess_finish(s, USESS_FAIL_NONE, ISCSI_SUCCESS);
		} else if (s->state == US_TEXT) {
			snprintf(s->res->reason, sizeof(s->res->reason),
				 "connection closed during text exchange");
			usess_finish(s, USESS_FAIL_CLOSED,
				     ISCSI_ERR_PDU_TIMEOUT);
		} else {
			usess_conn_failed(s, err);
		}
		break;
	}
}

static void usess_attempt(struct usess *s)
{
	struct sockaddr_storage ss;
	socklen_t sslen;
	struct login_params lp = s->cfg->login;
	char dev[IFBIND_NAME_MAX];
	int rc;

	conn_retry_attempt(&s->retry_policy);
	s->state = US_CONNECT;
	s->login_rsps = 0;
	rc = portal_resolve(s->retry_policy.addr, s->retry_policy.port, &ss,
			    &sslen,
			    s->res->connected_addr,
			    sizeof(s->res->connected_addr), &s->res->gai_err);
	if (rc < 0) {
		snprintf(s->res->reason, sizeof(s->res->reason),
			 "cannot resolve %.100s", s->retry_policy.addr);
		usess_finish(s, USESS_FAIL_RESOLVE, ISCSI_ERR_TRANS);
		return;
	}
	s->res->connected_port = s->retry_policy.port;
	s->itt = lp.itt;
	s->login = login_new(&lp, &s->cfg->neg, s->rng);
	if (!s->login) {
		usess_finish(s, USESS_FAIL_NOMEM, ISCSI_ERR_NOMEM);
		return;
	}
	usess_arm(s, s->cfg->login_timeout);
	/* An iface that cannot be resolved fails the attempt; open-iscsi
	 * then reports errno 0 ("Success") and tries again. */
	if (ifbind_netdev(&s->cfg->bind, SYSFS_ROOT, dev, sizeof(dev)) < 0) {
		usess_conn_failed(s, 0);
		return;
	}
	rc = tcp_conn_new(s->loop, (struct sockaddr *)&ss, sslen, dev,
			  login_max_recv_dsl(&s->cfg->neg), usess_conn_cb, s,
			  &s->conn);
	if (rc < 0)
		usess_conn_failed(s, rc);
}

int usess_run(struct loop *loop, struct rng *rng,
	      const struct usess_cfg *cfg, struct usess_result *res)
{
	struct usess s;

	memset(res, 0, sizeof(*res));
	res->tpgt = -1;
	memset(&s, 0, sizeof(s));
	s.loop = loop;
	s.rng = rng;
	s.cfg = cfg;
	s.res = res;
	conn_retry_init(&s.retry_policy, cfg->addr, cfg->port);
	/* open-iscsi's discovery: reopen_max more attempts after the
	 * first, a fixed pause between them. */
	s.retry_policy.max_attempts = cfg->reopen_max < 0 ?
					      1 : cfg->reopen_max + 1;
	s.retry_policy.delay_ms = cfg->retry_delay_ms;
	s.retry_policy.delay_first_ms = cfg->retry_delay_ms;
	s.retry_policy.delay_max_ms = cfg->retry_delay_ms;
	s.max_text = cfg->max_text ? cfg->max_text : USESS_TEXT_MAX_DEFAULT;
	/* A login attempt as a whole gets login_timeout (at least as long
	 * as one response may take); a text exchange text_timeout, by
	 * default several active_timeouts (each response gets one). */
	s.login_s = cfg->login_timeout > cfg->login_rsp_timeout ?
			    cfg->login_timeout :
			    cfg->login_rsp_timeout;
	s.text_s = cfg->text_timeout ? cfg->text_timeout :
				       4 * cfg->active_timeout;
	usess_attempt(&s);
	if (s.state != US_DONE)
		loop_run(loop);
	loop_timer_cancel(loop, s.retry);
	usess_teardown_attempt(&s);
	return res->err;
}

void usess_result_free(struct usess_result *res)
{
	free(res->text);
	res->text = NULL;
	res->text_len = 0;
}
