/* SPDX-License-Identifier: MIT */
/* nlmsg_parse.c - what the kernel sends on NETLINK_ISCSI, decoded from
 * bytes: replies to requests (the same 56-byte uevent with `r` filled,
 * or IF_ERROR with -errno), asynchronous events (received PDUs,
 * connection errors, session life cycle) and the GET_STATS body.  Every
 * length is checked against the bytes actually received. */
#include <errno.h>
#include <string.h>

#include "transport/nlmsg.h"

int nlmsg_parse(const uint8_t *buf, size_t len, struct nlmsg_msg *m)
{
	uint32_t nl_len;
	int32_t nl_err;
	size_t step;

	if (!buf || !m || len < NLMSG_NL_HDR_LEN)
		return -EBADMSG;
	memset(m, 0, sizeof(*m));
	memcpy(&nl_len, buf, 4);
	memcpy(&m->nl_type, buf + 4, 2);
	memcpy(&m->nl_pid, buf + 12, 4);
	if (nl_len < NLMSG_NL_HDR_LEN || nl_len > len || nl_len > INT32_MAX)
		return -EBADMSG;

	if (m->nl_type == NLMSG_TYPE_ERROR) {
		/* struct nlmsgerr: int error, then the offending header */
		if (nl_len < NLMSG_NL_HDR_LEN + 4)
			return -EBADMSG;
		memcpy(&nl_err, buf + NLMSG_NL_HDR_LEN, 4);
		m->nl_error = nl_err;
	} else {
		if (nl_len < NLMSG_ISCSI_HDR_LEN)
			return -EBADMSG;
		memcpy(&m->ev, buf + NLMSG_NL_HDR_LEN, sizeof(m->ev));
		m->payload = buf + NLMSG_ISCSI_HDR_LEN;
		m->payload_len = nl_len - NLMSG_ISCSI_HDR_LEN;
	}
	step = ((size_t)nl_len + 3) & ~(size_t)3;
	return (int)(step < len ? step : len);
}

/* nlmsg_errno - a kernel error value stored in a u32 as a negative
 * errno; anything else is reported as -EIO. */
static int nlmsg_errno(uint32_t v)
{
	int32_t e = (int32_t)v;

	return e < 0 && e >= -4095 ? e : -EIO;
}

int nlmsg_reply(const struct nlmsg_msg *m, uint32_t req_type,
		struct nlmsg_reply *r)
{
	const struct iscsi_uevent *ev = &m->ev;

	memset(r, 0, sizeof(*r));
	if (m->nl_type == NLMSG_TYPE_ERROR)
		return m->nl_error < 0 && m->nl_error >= -4095 ? m->nl_error
							      : -EIO;
	if (ev->type == ISCSI_KEVENT_IF_ERROR)
		return nlmsg_errno(ev->iferror);
	if (ev->type != req_type)
		return -ENOMSG;

	r->retcode = ev->r.retcode;
	switch (req_type) {
	case ISCSI_UEVENT_CREATE_SESSION:
	case ISCSI_UEVENT_CREATE_BOUND_SESSION:
		r->sid = ev->r.c_session_ret.sid;
		r->host_no = ev->r.c_session_ret.host_no;
		break;
	case ISCSI_UEVENT_CREATE_CONN:
		r->sid = ev->r.c_conn_ret.sid;
		r->cid = ev->r.c_conn_ret.cid;
		if (r->cid == UINT32_MAX)
			return -EIO;
		break;
	case ISCSI_UEVENT_TRANSPORT_EP_CONNECT:
		r->ep = ev->r.ep_connect_ret.handle;	/* 0 is valid */
		break;
	case ISCSI_UEVENT_TRANSPORT_EP_POLL:
		if (r->retcode < 0)
			return nlmsg_errno((uint32_t)r->retcode);
		break;
	case ISCSI_UEVENT_BIND_CONN:
	case ISCSI_UEVENT_START_CONN:
	case ISCSI_UEVENT_SEND_PDU:
		if (r->retcode)
			return nlmsg_errno((uint32_t)r->retcode);
		break;
	default:
		break;
	}
	return 0;
}

int nlmsg_event(const struct nlmsg_msg *m, struct nlmsg_event *e)
{
	const struct iscsi_uevent *ev = &m->ev;

	memset(e, 0, sizeof(*e));
	if (m->nl_type == NLMSG_TYPE_ERROR)
		return -ENOMSG;
	e->type = ev->type;
	switch (ev->type) {
	case ISCSI_KEVENT_RECV_PDU:
		/* RFC 7143 §11.2: at least the 48-byte BHS follows */
		if (m->payload_len < 48)
			return -EBADMSG;
		e->sid = ev->r.recv_req.sid;
		e->cid = ev->r.recv_req.cid;
		e->recv_handle = ev->r.recv_req.recv_handle;
		e->pdu = m->payload;
		e->pdu_len = m->payload_len;
		return 0;
	case ISCSI_KEVENT_CONN_ERROR:
		e->sid = ev->r.connerror.sid;
		e->cid = ev->r.connerror.cid;
		e->error = ev->r.connerror.error;
		return 0;
	case ISCSI_KEVENT_CONN_LOGIN_STATE:
		e->sid = ev->r.conn_login.sid;
		e->cid = ev->r.conn_login.cid;
		e->state = ev->r.conn_login.state;
		return 0;
	case ISCSI_KEVENT_DESTROY_SESSION:
		e->host_no = ev->r.d_session.host_no;
		e->sid = ev->r.d_session.sid;
		return 0;
	case ISCSI_KEVENT_UNBIND_SESSION:
		e->sid = ev->r.unbind_session.sid;
		e->host_no = ev->r.unbind_session.host_no;
		return 0;
	case ISCSI_KEVENT_CREATE_SESSION:
		e->sid = ev->r.c_session_ret.sid;
		e->host_no = ev->r.c_session_ret.host_no;
		return 0;
	default:
		e->type = 0;
		return -ENOMSG;
	}
}

int nlmsg_stats(const struct nlmsg_msg *m, struct nlmsg_stats *st)
{
	size_t room;

	memset(st, 0, sizeof(*st));
	if (m->nl_type == NLMSG_TYPE_ERROR ||
	    m->ev.type != ISCSI_UEVENT_GET_STATS)
		return -ENOMSG;
	if (m->payload_len < sizeof(st->s))
		return -EBADMSG;
	memcpy(&st->s, m->payload, sizeof(st->s));
	room = (m->payload_len - sizeof(st->s)) /
	       sizeof(struct iscsi_stats_custom);
	if (st->s.custom_length > room)
		return -EBADMSG;
	st->ncustom = st->s.custom_length;
	st->custom = m->payload + sizeof(st->s);
	return 0;
}

int nlmsg_stats_custom(const struct nlmsg_stats *st, uint32_t i,
		       char desc[ISCSI_STATS_CUSTOM_DESC_MAX],
		       uint64_t *value)
{
	const uint8_t *p;

	if (i >= st->ncustom)
		return -EINVAL;
	p = st->custom + (size_t)i * sizeof(struct iscsi_stats_custom);
	memcpy(desc, p, ISCSI_STATS_CUSTOM_DESC_MAX);
	desc[ISCSI_STATS_CUSTOM_DESC_MAX - 1] = '\0';
	memcpy(value, p + offsetof(struct iscsi_stats_custom, value),
	       sizeof(*value));
	return 0;
}
