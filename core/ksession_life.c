/* SPDX-License-Identifier: MIT */
/* ksession_life.c - a kernel session after its login (ksession.h):
 * recovery from a kernel connection error (RFC 7143 §7.1, error
 * recovery level 0: drop the connection, wait DefaultTime2Wait, log in
 * again with the same ISID on the same kernel session) and logout
 * (RFC 7143 §11.14: Logout Request "close the session" through the
 * kernel, then teardown).  Each function does its part with the verbs
 * and returns a verdict; ksession.c arms the timers and calls back. */
#include "core/errtext.h"
#include "core/ksession_int.h"

#include "core/errors.h"
#include "core/log.h"
#include "core/login.h"
#include "core/loop.h"
#include "core/pdu.h"
#include "transport/netlink.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

/* Wait DefaultTime2Wait (at least 1 s, so a dead target is not
 * hammered) and try again; the kernel fails queued I/O on its own once
 * replacement_timeout has passed, and we keep trying as open-iscsi
 * does, so the disk comes back when the target does. */
unsigned ksess_life_delay_ms(struct ksess *s)
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
	return delay * 1000u;
}

void ksess_life_recovered(struct ksess *s)
{
	log_info("session%u: connection %u:%u reinstated after %llu ms",
		 s->sid, s->sid, s->cid,
		 (unsigned long long)(loop_now() - s->lost_at));
	s->recovering = 0;
	s->timed_out = 0;
}

static enum ksess_verdict ksess_conn_lost(struct ksess *s,
					  const struct nlmsg_event *ev)
{
	log_err("Kernel reported iSCSI connection %u:%u error (%u - %s) "
		"state (%d)", ev->sid, ev->cid, ev->error,
		nlmsg_kerr_str(ev->error), (int)s->state);
	s->recovering = 1;
	s->lost_at = loop_now();
	s->reason[0] = '\0';
	/* Stop for recovery: the kernel blocks the SCSI devices and starts
	 * its replacement_timeout clock; the connection object stays. */
	ksv_stop_conn(s, ISCSI_STOP_CONN_RECOVER);
	/* iser: the endpoint is dead too; the relogin connects a new one
	 * (current kernels have let it go already, which is harmless). */
	ksv_ep_disconnect(s);
	return KSV_RELOGIN;
}

/* STOP_CONN(TERM), DESTROY_CONN, DESTROY_SESSION: the kernel objects go,
 * the SCSI devices with them. */
int ksess_life_teardown(struct ksess *s, int err)
{
	int rc = 0;

	if (s->fd >= 0) {	/* a relogin was connecting */
		loop_fd_del(s->loop, s->fd);
		close(s->fd);
		s->fd = -1;
	}
	loop_timer_cancel(s->loop, s->ep_timer);
	s->ep_timer = NULL;
	login_delete(s->login);
	s->login = NULL;
	if (s->have_conn)
		ksv_stop_conn(s, ISCSI_STOP_CONN_TERM);
	ksv_ep_disconnect(s);
	if (s->have_conn)
		rc = ksv_destroy_conn(s);
	if (s->have_session && rc >= 0)
		rc = ksv_destroy_session(s);
	if (rc < 0 && !err) {
		ksess_why(s, "kernel refused to destroy session%u: %s",
			  s->sid, errtext(-rc));
		err = ISCSI_ERR_LOGOUT;
	}
	s->bound = s->have_conn = s->have_session = 0;
	s->state = KS_DONE;
	return err;
}

int ksess_life_logout(struct ksess *s, enum ksess_verdict *v)
{
	struct pdu *pdu;
	int rc = -ENOMEM;

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
	ksv_unbind_session(s);
	*v = KSV_DOWN;
	if (s->state != KS_UP)
		return 0;
	/* ITT, CmdSN and ExpStatSN are the kernel's to fill in. */
	pdu = pdu_logout_req(0, 0, (uint16_t)s->cid, 0, 0);
	if (pdu)
		rc = ksv_send_pdu(s, pdu);
	pdu_delete(pdu);
	if (rc == 0) {
		s->state = KS_LOGOUT;
		*v = KSV_WAIT_LOGOUT;
	}
	return 0;
}

enum ksess_verdict ksess_life_event(struct ksess *s,
				    const struct nlmsg_event *ev)
{
	if (ev->type == ISCSI_KEVENT_CONN_ERROR) {
		if (s->state == KS_UP)
			return ksess_conn_lost(s, ev);
		/* Targets may close right after the logout response. */
		return s->state == KS_LOGOUT ? KSV_DOWN : KSV_NONE;
	}
	if (ev->type == ISCSI_KEVENT_RECV_PDU && s->state == KS_LOGOUT &&
	    ev->pdu_len >= ISCSI_BHS_LEN &&
	    (ev->pdu[0] & ISCSI_OPCODE_MASK) == ISCSI_OP_LOGOUT_RSP) {
		/* RFC 7143 §11.15.1: byte 2 is the response; whatever it
		 * says, the session is over for us. */
		if (ev->pdu[2] != 0)
			log_warn("session%u: logout response %u", s->sid,
				 ev->pdu[2]);
		return KSV_DOWN;
	}
	return KSV_NONE;
}
