/* SPDX-License-Identifier: MIT */
/* ksession_life.c - a kernel session after its login (ksession.h):
 * adopting a session someone else logged in, recovery from a kernel
 * connection error (RFC 7143 §7.1, error recovery level 0: drop the
 * connection, wait DefaultTime2Wait, log in again with the same ISID on
 * the same kernel session) and logout (RFC 7143 §11.14: Logout Request
 * "close the session" through the kernel, then teardown). */
#include "core/ksession_int.h"

#include "core/errors.h"
#include "core/log.h"
#include "core/login.h"
#include "core/loop.h"
#include "core/pdu.h"
#include "transport/netlink.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct ksess *ksess_adopt(struct loop *loop, struct knl *knl, struct rng *rng,
			  const struct ksess_cfg *cfg, uint32_t sid,
			  uint32_t cid, uint32_t host_no)
{
	struct ksess *s = ksess_new(loop, knl, rng, cfg, NULL, NULL);

	if (!s)
		return NULL;
	s->sid = sid;
	s->cid = cid;
	s->host_no = host_no;
	s->have_session = s->have_conn = s->bound = 1;
	s->t2w_s = 2;	/* RFC 7143 §13.15 default */
	s->state = KS_UP;
	return s;
}

static void ksess_relogin_cb(struct loop *loop, void *arg)
{
	struct ksess *s = arg;

	s->timer = NULL;
	ksess_attempt(s);
}

/* Wait DefaultTime2Wait (at least 1 s, so a dead target is not
 * hammered) and try again; the kernel fails queued I/O on its own once
 * replacement_timeout has passed, and we keep trying as open-iscsi
 * does, so the disk comes back when the target does. */
void ksess_recover_later(struct ksess *s)
{
	uint64_t waited = loop_now() - s->lost_at;
	unsigned delay = s->t2w_s ? s->t2w_s : 1;

	if (!s->timed_out && s->cfg.replacement_timeout >= 0 &&
	    waited >= (uint64_t)s->cfg.replacement_timeout * 1000u) {
		s->timed_out = 1;
		log_err("session%u: target did not come back within "
			"replacement_timeout (%d s); I/O fails until it does",
			s->sid, s->cfg.replacement_timeout);
	}
	if (s->reason[0])
		log_debug("session%u: relogin failed: %s", s->sid, s->reason);
	s->state = KS_WAIT;
	s->timer = loop_timer_in(s->loop, (uint64_t)delay * 1000u,
				 ksess_relogin_cb, s);
	if (!s->timer)
		log_err("session%u: out of memory, recovery stopped", s->sid);
}

void ksess_recovered(struct ksess *s)
{
	log_info("session%u: connection %u:%u reinstated after %llu ms",
		 s->sid, s->sid, s->cid,
		 (unsigned long long)(loop_now() - s->lost_at));
	s->recovering = 0;
	s->timed_out = 0;
}

static void ksess_conn_lost(struct ksess *s, const struct nlmsg_event *ev)
{
	struct nlmsg_reply r;

	log_err("Kernel reported iSCSI connection %u:%u error (%u - %s) "
		"state (%d)", ev->sid, ev->cid, ev->error,
		nlmsg_kerr_str(ev->error), (int)s->state);
	s->recovering = 1;
	s->lost_at = loop_now();
	s->reason[0] = '\0';
	/* Stop for recovery: the kernel blocks the SCSI devices and starts
	 * its replacement_timeout clock; the connection object stays. */
	ksess_call(s, nlmsg_stop_conn(s->msg, KSESS_MSG_MAX,
				      knl_sender(s->knl), s->sid, s->cid,
				      ISCSI_STOP_CONN_RECOVER),
		   ISCSI_UEVENT_STOP_CONN, &r);
	s->bound = 0;
	ksess_recover_later(s);
}

/* STOP_CONN(TERM), DESTROY_CONN, DESTROY_SESSION: the kernel objects go,
 * the SCSI devices with them. */
static void ksess_teardown(struct ksess *s, int err)
{
	const struct nlmsg_sender *snd = knl_sender(s->knl);
	struct nlmsg_reply r;
	int rc = 0;

	loop_timer_cancel(s->loop, s->timer);
	s->timer = NULL;
	if (s->fd >= 0) {	/* a relogin was connecting */
		loop_fd_del(s->loop, s->fd);
		close(s->fd);
		s->fd = -1;
	}
	login_delete(s->login);
	s->login = NULL;
	if (s->have_conn) {
		ksess_call(s, nlmsg_stop_conn(s->msg, KSESS_MSG_MAX, snd,
					      s->sid, s->cid,
					      ISCSI_STOP_CONN_TERM),
			   ISCSI_UEVENT_STOP_CONN, &r);
		rc = ksess_call(s, nlmsg_destroy_conn(s->msg, KSESS_MSG_MAX,
						      snd, s->sid, s->cid),
				ISCSI_UEVENT_DESTROY_CONN, &r);
	}
	if (s->have_session && rc >= 0)
		rc = ksess_call(s, nlmsg_destroy_session(s->msg, KSESS_MSG_MAX,
							 snd, s->sid),
				ISCSI_UEVENT_DESTROY_SESSION, &r);
	if (rc < 0 && !err) {
		ksess_why(s, "kernel refused to destroy session%u: %s",
			  s->sid, strerror(-rc));
		err = ISCSI_ERR_LOGOUT;
	}
	s->bound = s->have_conn = s->have_session = 0;
	s->state = KS_DONE;
	if (s->logout_done)
		s->logout_done(s, err, s->logout_arg);
}

static void ksess_logout_timeout(struct loop *loop, void *arg)
{
	struct ksess *s = arg;

	s->timer = NULL;
	log_warn("session%u: no logout response within %u s, closing", s->sid,
		 s->cfg.logout_timeout);
	ksess_teardown(s, 0);
}

static int ksess_send_logout(struct ksess *s)
{
	/* ITT, CmdSN and ExpStatSN are the kernel's to fill in. */
	struct pdu *pdu = pdu_logout_req(0, 0, (uint16_t)s->cid, 0, 0);
	struct nlmsg_reply r;
	int rc;

	if (!pdu)
		return -ENOMEM;
	rc = ksess_call(s, nlmsg_send_pdu(s->msg, KSESS_MSG_MAX,
					  knl_sender(s->knl), s->sid, s->cid,
					  pdu->bhs, ISCSI_BHS_LEN, NULL, 0),
			ISCSI_UEVENT_SEND_PDU, &r);
	pdu_delete(pdu);
	return rc;
}

int ksess_logout(struct ksess *s, ksess_done_cb done, void *arg)
{
	struct nlmsg_reply r;

	if (s->state == KS_CONNECT || s->state == KS_LOGIN) {
		if (!s->recovering)
			return -EBUSY;
		/* A relogin in flight: abandon it, there is no one to say
		 * goodbye to. */
		s->recovering = 0;
		s->state = KS_WAIT;
	}
	if (s->state == KS_LOGOUT || s->state == KS_DONE ||
	    s->state == KS_IDLE)
		return -EALREADY;
	s->logout_done = done;
	s->logout_arg = arg;
	/* Remove the SCSI target first so no new I/O is queued. */
	ksess_call(s, nlmsg_unbind_session(s->msg, KSESS_MSG_MAX,
					   knl_sender(s->knl), s->sid),
		   ISCSI_UEVENT_UNBIND_SESSION, &r);
	if (s->state != KS_UP || ksess_send_logout(s) < 0) {
		ksess_teardown(s, 0);
		return 0;
	}
	s->state = KS_LOGOUT;
	s->timer = loop_timer_in(s->loop,
				 (uint64_t)s->cfg.logout_timeout * 1000u,
				 ksess_logout_timeout, s);
	if (!s->timer)
		ksess_teardown(s, 0);
	return 0;
}

void ksess_life_event(struct ksess *s, const struct nlmsg_event *ev)
{
	if (ev->type == ISCSI_KEVENT_CONN_ERROR) {
		if (s->state == KS_UP) {
			ksess_conn_lost(s, ev);
		} else if (s->state == KS_LOGOUT) {
			/* Targets may close right after the response. */
			ksess_teardown(s, 0);
		}
		return;
	}
	if (ev->type == ISCSI_KEVENT_RECV_PDU && s->state == KS_LOGOUT &&
	    ev->pdu_len >= ISCSI_BHS_LEN &&
	    (ev->pdu[0] & ISCSI_OPCODE_MASK) == ISCSI_OP_LOGOUT_RSP) {
		/* RFC 7143 §11.15.1: byte 2 is the response; whatever it
		 * says, the session is over for us. */
		if (ev->pdu[2] != 0)
			log_warn("session%u: logout response %u", s->sid,
				 ev->pdu[2]);
		ksess_teardown(s, 0);
	}
}

enum ksess_phase ksess_phase(const struct ksess *s)
{
	switch (s->state) {
	case KS_CONNECT:
	case KS_LOGIN:
		return s->recovering ? KSESS_PH_RECOVERING : KSESS_PH_LOGIN;
	case KS_UP:
		return KSESS_PH_UP;
	case KS_WAIT:
		return KSESS_PH_RECOVERING;
	case KS_LOGOUT:
		return KSESS_PH_LOGOUT;
	default:
		return KSESS_PH_DOWN;
	}
}
