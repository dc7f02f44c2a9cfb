/* SPDX-License-Identifier: MIT */
/* ksession.c - bring-up of a kernel iscsi_tcp session (ksession.h):
 * the order of netlink verbs is the one the kernel's software iSCSI
 * transport expects (create session, create conn, bind socket, params,
 * login PDUs through the kernel, negotiated params, start conn). */
#include "core/ksession.h"
#include "core/ksession_int.h"

#include "core/errors.h"
#include "core/log.h"
#include "core/loop.h"
#include "core/pdu.h"
#include "transport/netlink.h"
#include "transport/sysfs.h"

#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

void ksess_why(struct ksess *s, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(s->reason, sizeof(s->reason), fmt, ap);
	va_end(ap);
}

int ksess_call(struct ksess *s, int len, uint32_t type,
		      struct nlmsg_reply *r)
{
	if (len < 0)
		return len;
	return knl_call(s->knl, s->msg, (size_t)len, type, r);
}

/* Tear down the socket of a failed attempt.  Unless final, the kernel
 * session and connection stay for the next attempt: STOP_CONN_RECOVER
 * lets a new socket be bound to the same connection (as in recovery);
 * after STOP_CONN_TERM the kernel refuses further login PDUs (EPERM), so
 * TERM and DESTROY_CONN are only for the end. */
static void ksess_drop_conn(struct ksess *s, int final)
{
	const struct nlmsg_sender *snd = knl_sender(s->knl);
	struct nlmsg_reply r;

	loop_timer_cancel(s->loop, s->timer);
	s->timer = NULL;
	if (s->fd >= 0) {
		loop_fd_del(s->loop, s->fd);
		close(s->fd);
		s->fd = -1;
	}
	if (s->bound)
		ksess_call(s, nlmsg_stop_conn(s->msg, KSESS_MSG_MAX, snd,
					      s->sid, s->cid,
					      final ? ISCSI_STOP_CONN_TERM :
						      ISCSI_STOP_CONN_RECOVER),
			   ISCSI_UEVENT_STOP_CONN, &r);
	s->bound = 0;
	login_delete(s->login);
	s->login = NULL;
	/* The next attempt logs in again on the same kernel connection. */
	if (!final)
		return;
	if (s->have_conn)
		ksess_call(s, nlmsg_destroy_conn(s->msg, KSESS_MSG_MAX, snd,
						 s->sid, s->cid),
			   ISCSI_UEVENT_DESTROY_CONN, &r);
	s->bound = 0;
	s->have_conn = 0;
	login_delete(s->login);
	s->login = NULL;
}

static void ksess_finish(struct ksess *s, int err)
{
	struct nlmsg_reply r;

	if (err) {
		ksess_drop_conn(s, 1);
		if (s->have_session)
			ksess_call(s, nlmsg_destroy_session(
					      s->msg, KSESS_MSG_MAX,
					      knl_sender(s->knl), s->sid),
				   ISCSI_UEVENT_DESTROY_SESSION, &r);
		s->have_session = 0;
	} else {
		login_delete(s->login);
		s->login = NULL;
		loop_timer_cancel(s->loop, s->timer);
		s->timer = NULL;
	}
	s->state = err ? KS_DONE : KS_UP;
	if (s->recovering) {
		ksess_recovered(s);
		return;
	}
	if (s->done)
		s->done(s, err, s->arg);
}

static void ksess_retry_cb(struct loop *loop, void *arg)
{
	struct ksess *s = arg;

	s->timer = NULL;
	ksess_attempt(s);
}

/* An attempt failed: final for authentication/initiator errors, else
 * retried with a short backoff until the attempts run out. */
static void ksess_failed(struct ksess *s, int err)
{
	s->last_err = err;
	if (s->recovering) {
		ksess_drop_conn(s, 0);
		ksess_recover_later(s);
		return;
	}
	/* Like open-iscsi's initial login, retry for login_retries x
	 * login_timeout seconds in all: a boot target may take minutes to
	 * come up, and refused connections fail fast. */
	if (err == ISCSI_ERR_LOGIN_AUTH_FAILED || err == ISCSI_ERR_FATAL_LOGIN ||
	    err == ISCSI_ERR_NOMEM || err == ISCSI_ERR_INTERNAL ||
	    loop_now() + s->retry_ms >= s->give_up_at) {
		ksess_finish(s, err);
		return;
	}
	ksess_drop_conn(s, 0);
	log_debug("login attempt %d to %s:%d failed (%s), retrying in %u ms",
		  s->attempts, s->cfg.addr, s->cfg.port, s->reason,
		  s->retry_ms);
	s->timer = loop_timer_in(s->loop, s->retry_ms, ksess_retry_cb, s);
	s->retry_ms = s->retry_ms ? s->retry_ms * 2 : KSESS_RETRY_MIN_MS;
	if (s->retry_ms > KSESS_RETRY_MAX_MS)
		s->retry_ms = KSESS_RETRY_MAX_MS;
	if (!s->timer)
		ksess_finish(s, ISCSI_ERR_NOMEM);
}

static void ksess_timeout(struct loop *loop, void *arg)
{
	struct ksess *s = arg;

	s->timer = NULL;
	ksess_why(s, "%s to %s:%d timed out",
		  s->state == KS_CONNECT ? "connection" : "login", s->cfg.addr,
		  s->cfg.port);
	ksess_failed(s, s->state == KS_CONNECT ? ISCSI_ERR_TRANS_TIMEOUT :
						 ISCSI_ERR_PDU_TIMEOUT);
}

/* SET_PARAM with open-iscsi's rules: empty strings are not sent,
 * -ENOSYS (parameter unknown to this kernel) is not an error. */
static int ksess_set(struct ksess *s, enum iscsi_param p, const char *v)
{
	struct nlmsg_reply r;
	int rc;

	if (!v || !*v)
		return 0;
	rc = ksess_call(s, nlmsg_set_param(s->msg, KSESS_MSG_MAX,
					   knl_sender(s->knl), s->sid, s->cid,
					   p, v),
			ISCSI_UEVENT_SET_PARAM, &r);
	if (rc == -ENOSYS)
		return 0;
	if (rc < 0)
		ksess_why(s, "cannot set parameter %d: %s", (int)p,
			  strerror(-rc));
	return rc;
}

static int ksess_setn(struct ksess *s, enum iscsi_param p, long v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%ld", v);
	return ksess_set(s, p, buf);
}

static int ksess_prelogin_params(struct ksess *s)
{
	const struct ksess_cfg *c = &s->cfg;
	int rc = 0;

	rc |= ksess_set(s, ISCSI_PARAM_TARGET_NAME, c->login.target_name);
	rc |= ksess_set(s, ISCSI_PARAM_PERSISTENT_ADDRESS, c->addr);
	rc |= ksess_setn(s, ISCSI_PARAM_PERSISTENT_PORT, c->port);
	rc |= ksess_setn(s, ISCSI_PARAM_SESS_RECOVERY_TMO,
			 c->replacement_timeout);
	rc |= ksess_set(s, ISCSI_PARAM_USERNAME, c->login.username);
	rc |= ksess_set(s, ISCSI_PARAM_USERNAME_IN, c->login.username_in);
	rc |= ksess_set(s, ISCSI_PARAM_PASSWORD, c->login.password);
	rc |= ksess_set(s, ISCSI_PARAM_PASSWORD_IN, c->login.password_in);
	rc |= ksess_setn(s, ISCSI_PARAM_FAST_ABORT, c->fast_abort);
	rc |= ksess_setn(s, ISCSI_PARAM_ABORT_TMO, c->abort_timeout);
	rc |= ksess_setn(s, ISCSI_PARAM_LU_RESET_TMO, c->lu_reset_timeout);
	rc |= ksess_setn(s, ISCSI_PARAM_TGT_RESET_TMO, c->tgt_reset_timeout);
	/* NOPs are the kernel's job when it has the attribute; 0 turns
	 * them off (iscsistart in an initramfs). */
	if (sysfs_conn_has_ping_tmo(s->sid, s->cid)) {
		rc |= ksess_setn(s, ISCSI_PARAM_PING_TMO, c->noop_out_timeout);
		rc |= ksess_setn(s, ISCSI_PARAM_RECV_TMO,
				 c->noop_out_interval);
	}
	rc |= ksess_set(s, ISCSI_PARAM_IFACE_NAME, c->iface_name);
	rc |= ksess_set(s, ISCSI_PARAM_INITIATOR_NAME,
			c->login.initiator_name);
	rc |= ksess_setn(s, ISCSI_PARAM_DISCOVERY_SESS, 0);
	return rc ? -EIO : 0;
}

static int ksess_postlogin_params(struct ksess *s)
{
	const struct neg_state *n = login_neg(s->login);
	uint32_t xmit = n->max_xmit_dsl;
	int rc = 0;
	char buf[16];

	if (s->cfg.max_xmit_dsl && s->cfg.max_xmit_dsl < xmit)
		xmit = s->cfg.max_xmit_dsl;
	rc |= ksess_setn(s, ISCSI_PARAM_MAX_RECV_DLENGTH,
			 neg_result_num(n, NEG_MAX_RECV_DSL));
	rc |= ksess_setn(s, ISCSI_PARAM_MAX_XMIT_DLENGTH, xmit);
	if (s->cfg.caps & ISCSI_CAP_HDRDGST)
		rc |= ksess_setn(s, ISCSI_PARAM_HDRDGST_EN,
				 strcmp(neg_result_str(n, NEG_HEADER_DIGEST),
					"CRC32C") == 0);
	if (s->cfg.caps & ISCSI_CAP_DATADGST)
		rc |= ksess_setn(s, ISCSI_PARAM_DATADGST_EN,
				 strcmp(neg_result_str(n, NEG_DATA_DIGEST),
					"CRC32C") == 0);
	rc |= ksess_setn(s, ISCSI_PARAM_INITIAL_R2T_EN,
			 neg_result_num(n, NEG_INITIAL_R2T));
	if (s->cfg.caps & ISCSI_CAP_MULTI_R2T)
		rc |= ksess_setn(s, ISCSI_PARAM_MAX_R2T,
				 neg_result_num(n, NEG_MAX_OUTSTANDING_R2T));
	rc |= ksess_setn(s, ISCSI_PARAM_IMM_DATA_EN,
			 neg_result_num(n, NEG_IMMEDIATE_DATA));
	rc |= ksess_setn(s, ISCSI_PARAM_FIRST_BURST,
			 neg_result_num(n, NEG_FIRST_BURST));
	rc |= ksess_setn(s, ISCSI_PARAM_MAX_BURST,
			 neg_result_num(n, NEG_MAX_BURST));
	rc |= ksess_setn(s, ISCSI_PARAM_PDU_INORDER_EN,
			 neg_result_num(n, NEG_DATA_PDU_IN_ORDER));
	rc |= ksess_setn(s, ISCSI_PARAM_DATASEQ_INORDER_EN,
			 neg_result_num(n, NEG_DATA_SEQUENCE_IN_ORDER));
	rc |= ksess_setn(s, ISCSI_PARAM_ERL, 0);
	if (s->cfg.caps & ISCSI_CAP_MARKERS) {
		rc |= ksess_setn(s, ISCSI_PARAM_IFMARKER_EN, 0);
		rc |= ksess_setn(s, ISCSI_PARAM_OFMARKER_EN, 0);
	}
	snprintf(buf, sizeof(buf), "%u", login_statsn(s->login) + 1);
	rc |= ksess_set(s, ISCSI_PARAM_EXP_STATSN, buf);
	rc |= ksess_setn(s, ISCSI_PARAM_TPGT,
			 login_tpgt(s->login, NULL) ? login_tpgt(s->login, NULL)
						    : s->cfg.tpgt);
	return rc ? -EIO : 0;
}

static void ksess_send_login(struct ksess *s)
{
	struct pdu *pdu = login_next_pdu(s->login);
	struct nlmsg_reply r;
	int rc;

	if (!pdu) {
		ksess_why(s, "cannot build a login PDU");
		ksess_failed(s, ISCSI_ERR_NOMEM);
		return;
	}
	rc = ksess_call(s, nlmsg_send_pdu(s->msg, KSESS_MSG_MAX,
					  knl_sender(s->knl), s->sid, s->cid,
					  pdu->bhs, ISCSI_BHS_LEN, pdu->data,
					  pdu->data_len),
			ISCSI_UEVENT_SEND_PDU, &r);
	pdu_delete(pdu);
	if (rc < 0) {
		ksess_why(s, "kernel refused the login PDU: %s",
			  strerror(-rc));
		ksess_failed(s, ISCSI_ERR_TRANS);
	}
}

static void ksess_logged_in(struct ksess *s)
{
	struct nlmsg_reply r;
	int rc;

	s->t2w_s = (unsigned)neg_result_num(login_neg(s->login),
					    NEG_DEFAULT_TIME2WAIT);
	if (ksess_postlogin_params(s) < 0) {
		ksess_failed(s, ISCSI_ERR_INTERNAL);
		return;
	}
	rc = ksess_call(s, nlmsg_start_conn(s->msg, KSESS_MSG_MAX,
					    knl_sender(s->knl), s->sid, s->cid),
			ISCSI_UEVENT_START_CONN, &r);
	if (rc < 0) {
		ksess_why(s, "cannot start the connection: %s", strerror(-rc));
		ksess_failed(s, rc == -EEXIST ? ISCSI_ERR_SESS_EXISTS :
						ISCSI_ERR_INTERNAL);
		return;
	}
	/* open-iscsi logs this at warning level: it is on every boot
	 * console and in iscsid's log without -d. */
	log_warn("Connection%u:%u to [target: %s, portal: %s,%d] through "
		 "[iface: %s] is operational now", s->sid, s->cid,
		 s->cfg.login.target_name, s->cfg.addr, s->cfg.port,
		 s->cfg.iface_name);
	if (s->cfg.scan && (rc = sysfs_host_scan(s->host_no)) < 0)
		log_warn("could not scan host%u: %s", s->host_no,
			 strerror(-rc));
	ksess_finish(s, ISCSI_SUCCESS);
}

void ksess_on_event(struct ksess *s, const struct nlmsg_event *ev)
{
	struct pdu *pdu = NULL;

	if (ev->sid != s->sid)
		return;
	if (s->state != KS_LOGIN) {
		ksess_life_event(s, ev);
		return;
	}
	if (ev->type == ISCSI_KEVENT_CONN_ERROR) {
		ksess_why(s, "kernel reported connection error %u (%s)",
			  ev->error, nlmsg_kerr_str(ev->error));
		ksess_failed(s, ISCSI_ERR_TRANS);
		return;
	}
	if (ev->type != ISCSI_KEVENT_RECV_PDU)
		return;
	if (pdu_parse(ev->pdu, ev->pdu_len, 1u << 24, &pdu) < 0) {
		ksess_why(s, "malformed PDU from the target");
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
	case LOGIN_REDIRECT: {
		struct portal p;

		if (portal_parse(login_redirect(s->login, NULL), 3260, &p) < 0) {
			ksess_why(s, "bad redirect address");
			ksess_failed(s, ISCSI_ERR_LOGIN);
			break;
		}
		log_info("login redirected to %s:%d", p.addr, p.port);
		snprintf(s->cfg.addr, sizeof(s->cfg.addr), "%s", p.addr);
		s->cfg.port = p.port;
		s->retry_ms = 0;
		ksess_failed(s, ISCSI_ERR_LOGIN);
		break;
	}
	case LOGIN_FAILED:
		ksess_why(s, "%s", login_reason(s->login));
		ksess_failed(s, login_error(s->login));
		break;
	}
	pdu_delete(pdu);
}

/* The socket is connected: make the kernel objects and start login. */
static void ksess_connected(struct ksess *s)
{
	const struct nlmsg_sender *snd = knl_sender(s->knl);
	struct login_params lp = s->cfg.login;
	struct nlmsg_reply r;
	int rc;

	loop_fd_del(s->loop, s->fd);
	if (!s->have_session) {
		rc = ksess_call(s, nlmsg_create_session(s->msg, KSESS_MSG_MAX,
							snd,
							s->cfg.initial_cmdsn,
							s->cfg.cmds_max,
							s->cfg.queue_depth),
				ISCSI_UEVENT_CREATE_SESSION, &r);
		if (rc < 0) {
			ksess_why(s, "cannot create a session: %s",
				  strerror(-rc));
			ksess_failed(s, ISCSI_ERR_INTERNAL);
			return;
		}
		s->sid = r.sid;
		s->host_no = r.host_no;
		s->have_session = 1;
	}
	if (!s->have_conn) {
		rc = ksess_call(s, nlmsg_create_conn(s->msg, KSESS_MSG_MAX,
						     snd, s->sid, 0),
				ISCSI_UEVENT_CREATE_CONN, &r);
		if (rc < 0) {
			ksess_why(s, "cannot create a connection: %s",
				  strerror(-rc));
			ksess_failed(s, ISCSI_ERR_INTERNAL);
			return;
		}
		s->cid = r.cid;
		s->have_conn = 1;
	}
	rc = ksess_call(s, nlmsg_bind_conn(s->msg, KSESS_MSG_MAX, snd, s->sid,
					   s->cid, s->fd, 1),
			ISCSI_UEVENT_BIND_CONN, &r);
	if (rc < 0) {
		ksess_why(s, "kernel could not take the socket: %s",
			  strerror(-rc));
		ksess_failed(s, ISCSI_ERR_TRANS);
		return;
	}
	s->bound = 1;
	/* The kernel holds its own reference to the socket now. */
	close(s->fd);
	s->fd = -1;
	if (ksess_prelogin_params(s) < 0) {
		ksess_failed(s, ISCSI_ERR_INTERNAL);
		return;
	}
	/* ISID: open-iscsi's OUI format, 00 02 3D + 24 bits of sid. */
	lp.isid[0] = 0x00;
	lp.isid[1] = 0x02;
	lp.isid[2] = 0x3d;
	lp.isid[3] = (uint8_t)(s->sid >> 16);
	lp.isid[4] = (uint8_t)(s->sid >> 8);
	lp.isid[5] = (uint8_t)s->sid;
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
	int soerr = 0;
	socklen_t l = sizeof(soerr);

	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &l) < 0)
		soerr = errno;
	if (soerr) {
		ksess_why(s, "cannot make connection to %s: %s", s->cfg.addr,
			  strerror(soerr));
		ksess_failed(s, ISCSI_ERR_TRANS);
		return;
	}
	ksess_connected(s);
}

void ksess_attempt(struct ksess *s)
{
	struct sockaddr_storage ss;
	socklen_t sslen;
	int one = 1, rc, gai;

	s->attempts++;
	s->state = KS_CONNECT;
	rc = portal_resolve(s->cfg.addr, s->cfg.port, &ss, &sslen, NULL, 0,
			    &gai);
	if (rc < 0) {
		ksess_why(s, "cannot resolve %s: %s", s->cfg.addr,
			  portal_strerror(gai));
		ksess_failed(s, ISCSI_ERR_TRANS);
		return;
	}
	s->fd = socket(ss.ss_family, SOCK_STREAM | SOCK_NONBLOCK, IPPROTO_TCP);
	if (s->fd < 0) {
		ksess_why(s, "cannot create a socket: %s", strerror(errno));
		ksess_failed(s, ISCSI_ERR_TRANS);
		return;
	}
	setsockopt(s->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	if (s->cfg.tcp_window > 0) {
		setsockopt(s->fd, SOL_SOCKET, SO_SNDBUF, &s->cfg.tcp_window,
			   sizeof(s->cfg.tcp_window));
		setsockopt(s->fd, SOL_SOCKET, SO_RCVBUF, &s->cfg.tcp_window,
			   sizeof(s->cfg.tcp_window));
	}
	s->timer = loop_timer_in(s->loop, (uint64_t)s->cfg.login_timeout *
						  1000u, ksess_timeout, s);
	if (connect(s->fd, (struct sockaddr *)&ss, sslen) < 0 &&
	    errno != EINPROGRESS) {
		ksess_why(s, "cannot make connection to %s: %s", s->cfg.addr,
			  strerror(errno));
		ksess_failed(s, ISCSI_ERR_TRANS);
		return;
	}
	if (loop_fd_add(s->loop, s->fd, POLLOUT, ksess_writable, s) < 0)
		ksess_failed(s, ISCSI_ERR_NOMEM);
}

struct ksess *ksess_new(struct loop *loop, struct knl *knl, struct rng *rng,
			const struct ksess_cfg *cfg, ksess_done_cb done,
			void *arg)
{
	struct ksess *s = calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	s->msg = malloc(KSESS_MSG_MAX);
	if (!s->msg) {
		free(s);
		return NULL;
	}
	s->loop = loop;
	s->knl = knl;
	s->rng = rng;
	s->cfg = *cfg;
	if (s->cfg.login_retries < 1)
		s->cfg.login_retries = 1;
	if (!s->cfg.logout_timeout)
		s->cfg.logout_timeout = 15;
	s->done = done;
	s->arg = arg;
	s->fd = -1;
	s->retry_ms = KSESS_RETRY_MIN_MS;
	return s;
}

void ksess_start(struct ksess *s)
{
	s->give_up_at = loop_now() + (uint64_t)s->cfg.login_retries *
					     s->cfg.login_timeout * 1000u;
	ksess_attempt(s);
}

void ksess_delete(struct ksess *s)
{
	if (!s)
		return;
	loop_timer_cancel(s->loop, s->timer);
	if (s->fd >= 0) {
		loop_fd_del(s->loop, s->fd);
		close(s->fd);
	}
	login_delete(s->login);
	free(s->msg);
	free(s);
}

uint32_t ksess_sid(const struct ksess *s)
{
	return s->have_session ? s->sid : 0;
}

uint32_t ksess_host_no(const struct ksess *s)
{
	return s->host_no;
}

const char *ksess_reason(const struct ksess *s)
{
	return s->reason;
}
