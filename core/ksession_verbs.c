/* SPDX-License-Identifier: MIT */
/* ksession_verbs.c - the NETLINK_ISCSI verbs a kernel session uses, each
 * a short wrapper: build the request (transport/nlmsg.c) into the
 * session's buffer, send it and wait for the reply (transport/netlink.c),
 * keep what the reply hands back.  The order they are called in is
 * ksession.c's. */
#include "core/ksession_int.h"

#include "core/pdu.h"
#include "transport/netlink.h"
#include "transport/sysfs.h"

#include <stdarg.h>
#include <stdio.h>

void ksess_why(struct ksess *s, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(s->reason, sizeof(s->reason), fmt, ap);
	va_end(ap);
}

static int ksv_call(struct ksess *s, int len, uint32_t type,
		    struct nlmsg_reply *r)
{
	if (len < 0)
		return len;
	return knl_call(s->knl, s->msg, (size_t)len, type, r);
}

#define KSV_SND (&s->snd)

/* An endpoint transport's session lives on the endpoint's device. */
int ksv_create_session(struct ksess *s)
{
	const struct ksess_cfg *c = &s->cfg;
	struct nlmsg_reply r;
	int rc = KSESS_EP(s) ?
			 ksv_call(s, nlmsg_create_bound_session(
					     s->msg, KSESS_MSG_MAX, KSV_SND,
					     s->ep, c->initial_cmdsn,
					     c->cmds_max, c->queue_depth),
				  ISCSI_UEVENT_CREATE_BOUND_SESSION, &r) :
			 ksv_call(s, nlmsg_create_session(
					     s->msg, KSESS_MSG_MAX, KSV_SND,
					     c->initial_cmdsn, c->cmds_max,
					     c->queue_depth),
				  ISCSI_UEVENT_CREATE_SESSION, &r);

	if (rc < 0)
		return rc;
	s->sid = r.sid;
	s->host_no = r.host_no;
	s->have_session = 1;
	return 0;
}

int ksv_create_conn(struct ksess *s)
{
	struct nlmsg_reply r;
	int rc = ksv_call(s, nlmsg_create_conn(s->msg, KSESS_MSG_MAX, KSV_SND,
					       s->sid, 0),
			  ISCSI_UEVENT_CREATE_CONN, &r);

	if (rc < 0)
		return rc;
	s->cid = r.cid;
	s->have_conn = 1;
	return 0;
}

int ksv_bind_conn(struct ksess *s, uint64_t eph)
{
	struct nlmsg_reply r;
	int rc = ksv_call(s, nlmsg_bind_conn(s->msg, KSESS_MSG_MAX, KSV_SND,
					     s->sid, s->cid, eph, 1),
			  ISCSI_UEVENT_BIND_CONN, &r);

	if (rc == 0)
		s->bound = 1;
	return rc;
}

/* Non-blocking: the kernel starts the connection and answers at once;
 * EP_POLL tells when it is up. */
int ksv_ep_connect(struct ksess *s, const struct sockaddr *sa,
		   socklen_t salen)
{
	struct nlmsg_reply r;
	int rc = ksv_call(s, nlmsg_ep_connect(s->msg, KSESS_MSG_MAX, KSV_SND,
					      sa, salen, 1),
			  ISCSI_UEVENT_TRANSPORT_EP_CONNECT, &r);

	if (rc == 0) {
		s->ep = r.ep;
		s->have_ep = 1;
	}
	return rc;
}

/* The kernel waits up to 1 ms for the connection: the loop is not held
 * up, the dispatcher polls again from a timer. */
int ksv_ep_poll(struct ksess *s)
{
	struct nlmsg_reply r;
	int rc = ksv_call(s, nlmsg_ep_poll(s->msg, KSESS_MSG_MAX, KSV_SND,
					   s->ep, 1),
			  ISCSI_UEVENT_TRANSPORT_EP_POLL, &r);

	return rc < 0 ? rc : r.retcode > 0;
}

int ksv_ep_disconnect(struct ksess *s)
{
	struct nlmsg_reply r;

	if (!s->have_ep)
		return 0;
	s->have_ep = 0;
	return ksv_call(s, nlmsg_ep_disconnect(s->msg, KSESS_MSG_MAX, KSV_SND,
					       s->ep),
			ISCSI_UEVENT_TRANSPORT_EP_DISCONNECT, &r);
}

int ksv_set_param(struct ksess *s, enum iscsi_param p, const char *v)
{
	struct nlmsg_reply r;

	return ksv_call(s, nlmsg_set_param(s->msg, KSESS_MSG_MAX, KSV_SND,
					   s->sid, s->cid, p, v),
			ISCSI_UEVENT_SET_PARAM, &r);
}

int ksv_set_host_param(struct ksess *s, enum iscsi_host_param p,
		       const char *v)
{
	struct nlmsg_reply r;

	return ksv_call(s, nlmsg_set_host_param(s->msg, KSESS_MSG_MAX, KSV_SND,
						s->host_no, p, v),
			ISCSI_UEVENT_SET_HOST_PARAM, &r);
}

int ksv_send_pdu(struct ksess *s, const struct pdu *pdu)
{
	struct nlmsg_reply r;

	return ksv_call(s, nlmsg_send_pdu(s->msg, KSESS_MSG_MAX, KSV_SND,
					  s->sid, s->cid, pdu->bhs,
					  ISCSI_BHS_LEN, pdu->data,
					  pdu->data_len),
			ISCSI_UEVENT_SEND_PDU, &r);
}

int ksv_start_conn(struct ksess *s)
{
	struct nlmsg_reply r;

	return ksv_call(s, nlmsg_start_conn(s->msg, KSESS_MSG_MAX, KSV_SND,
					    s->sid, s->cid),
			ISCSI_UEVENT_START_CONN, &r);
}

/* RECOVER keeps the connection for a new socket; after TERM the kernel
 * refuses further login PDUs (EPERM). */
int ksv_stop_conn(struct ksess *s, uint32_t flag)
{
	struct nlmsg_reply r;

	s->bound = 0;
	return ksv_call(s, nlmsg_stop_conn(s->msg, KSESS_MSG_MAX, KSV_SND,
					   s->sid, s->cid, flag),
			ISCSI_UEVENT_STOP_CONN, &r);
}

int ksv_destroy_conn(struct ksess *s)
{
	struct nlmsg_reply r;

	s->bound = 0;
	s->have_conn = 0;
	return ksv_call(s, nlmsg_destroy_conn(s->msg, KSESS_MSG_MAX, KSV_SND,
					      s->sid, s->cid),
			ISCSI_UEVENT_DESTROY_CONN, &r);
}

int ksv_destroy_session(struct ksess *s)
{
	struct nlmsg_reply r;

	s->have_session = 0;
	return ksv_call(s, nlmsg_destroy_session(s->msg, KSESS_MSG_MAX,
						 KSV_SND, s->sid),
			ISCSI_UEVENT_DESTROY_SESSION, &r);
}

/* The kernel removes the SCSI target first, so no new I/O is queued. */
int ksv_unbind_session(struct ksess *s)
{
	struct nlmsg_reply r;

	return ksv_call(s, nlmsg_unbind_session(s->msg, KSESS_MSG_MAX,
						KSV_SND, s->sid),
			ISCSI_UEVENT_UNBIND_SESSION, &r);
}
