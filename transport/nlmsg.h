/* SPDX-License-Identifier: MIT */
/* nlmsg.h - NETLINK_ISCSI messages as bytes: builders for every request
 * a software (iscsi_tcp) session needs and parsers for the kernel's
 * replies and events.  No sockets here: the netlink transport sends what
 * the builders produce and feeds what it receives to nlmsg_parse().
 *
 * A message is a 16-byte struct nlmsghdr, the 56-byte struct iscsi_uevent
 * (transport/iscsi_if.h) and optional data (a SET_PARAM value, a PDU).
 * Requests carry the uevent type in nlmsg_type too, since the kernel
 * dispatches on it.  Kernel replies and events are recognised by the
 * uevent's type, never by nlmsg_type (events are sent with type 0).
 *
 * Errors: builders return the message length, -ENOSPC when it does not
 * fit in cap, -EINVAL for bad arguments.  Parsers return 0 or -EBADMSG
 * for anything malformed or truncated; nothing is read past len. */
#ifndef ISCSIBOX_NLMSG_H
#define ISCSIBOX_NLMSG_H

#include <stddef.h>
#include <stdint.h>

#include "transport/iscsi_if.h"

#define NLMSG_NL_HDR_LEN 16
#define NLMSG_ISCSI_HDR_LEN (NLMSG_NL_HDR_LEN + sizeof(struct iscsi_uevent))
#define NLMSG_TYPE_ERROR 2		/* NLMSG_ERROR */
/* Largest SET_PARAM / SET_HOST_PARAM value, NUL excluded. */
#define NLMSG_PARAM_MAX 4096

/* Who sends: the transport's handle (iscsi_transport/tcp/handle) and the
 * netlink port id of the socket (the process id). */
struct nlmsg_sender {
	uint64_t handle;
	uint32_t pid;
};

/* Requests (user -> kernel).  Each writes one complete message to
 * buf[0..cap) and returns its length. */
int nlmsg_create_session(uint8_t *buf, size_t cap,
			 const struct nlmsg_sender *s, uint32_t initial_cmdsn,
			 uint16_t cmds_max, uint16_t queue_depth);
int nlmsg_destroy_session(uint8_t *buf, size_t cap,
			  const struct nlmsg_sender *s, uint32_t sid);
/* First step of a logout: the kernel removes the SCSI target and answers
 * later with KEVENT_UNBIND_SESSION. */
int nlmsg_unbind_session(uint8_t *buf, size_t cap,
			 const struct nlmsg_sender *s, uint32_t sid);
int nlmsg_create_conn(uint8_t *buf, size_t cap, const struct nlmsg_sender *s,
		      uint32_t sid, uint32_t cid);
int nlmsg_destroy_conn(uint8_t *buf, size_t cap, const struct nlmsg_sender *s,
		       uint32_t sid, uint32_t cid);
/* Tie the connection to its transport: for iscsi_tcp eph is the
 * connected socket's fd (in the sender's fd table), for endpoint
 * transports (iser) the handle EP_CONNECT returned; is_leading for the
 * session's first connection. */
int nlmsg_bind_conn(uint8_t *buf, size_t cap, const struct nlmsg_sender *s,
		    uint32_t sid, uint32_t cid, uint64_t eph, int is_leading);

/* Endpoint transports, whose connections the kernel makes (iser): the
 * session is created on the endpoint's device (CREATE_BOUND_SESSION).
 * EP_CONNECT carries the target address as a 128-byte sockaddr_storage
 * (salen bytes of sa, zero filled) and is answered with the endpoint's
 * handle; EP_POLL waits in the kernel up to timeout_ms for the
 * connection and answers 1 (up), 0 (not yet) or -errno. */
int nlmsg_create_bound_session(uint8_t *buf, size_t cap,
			       const struct nlmsg_sender *s, uint64_t ep,
			       uint32_t initial_cmdsn, uint16_t cmds_max,
			       uint16_t queue_depth);
struct sockaddr;
int nlmsg_ep_connect(uint8_t *buf, size_t cap, const struct nlmsg_sender *s,
		     const struct sockaddr *sa, size_t salen,
		     int non_blocking);
int nlmsg_ep_poll(uint8_t *buf, size_t cap, const struct nlmsg_sender *s,
		  uint64_t ep, uint32_t timeout_ms);
int nlmsg_ep_disconnect(uint8_t *buf, size_t cap,
			const struct nlmsg_sender *s, uint64_t ep);
/* value is sent as ASCII with its NUL (len = strlen + 1).  open-iscsi
 * does not send empty strings at all: that choice is the caller's. */
int nlmsg_set_param(uint8_t *buf, size_t cap, const struct nlmsg_sender *s,
		    uint32_t sid, uint32_t cid, enum iscsi_param param,
		    const char *value);
int nlmsg_set_host_param(uint8_t *buf, size_t cap,
			 const struct nlmsg_sender *s, uint32_t host_no,
			 enum iscsi_host_param param, const char *value);
int nlmsg_start_conn(uint8_t *buf, size_t cap, const struct nlmsg_sender *s,
		     uint32_t sid, uint32_t cid);
/* flag: ISCSI_STOP_CONN_TERM, _SUSPEND or _RECOVER. */
int nlmsg_stop_conn(uint8_t *buf, size_t cap, const struct nlmsg_sender *s,
		    uint32_t sid, uint32_t cid, uint32_t flag);
/* A PDU for the kernel to send on the bound socket (login, logout):
 * hdr = BHS + AHS (a multiple of 4, at least 48 bytes), then data and
 * zero padding to 4 bytes; data_size counts the padding. */
int nlmsg_send_pdu(uint8_t *buf, size_t cap, const struct nlmsg_sender *s,
		   uint32_t sid, uint32_t cid, const uint8_t *hdr,
		   size_t hdr_len, const uint8_t *data, size_t data_len);
int nlmsg_get_stats(uint8_t *buf, size_t cap, const struct nlmsg_sender *s,
		    uint32_t sid, uint32_t cid);

/* One received message.  `payload` points into the caller's buffer and
 * lives as long as it does. */
struct nlmsg_msg {
	uint16_t nl_type;		/* nlmsghdr.nlmsg_type */
	uint32_t nl_pid;
	int nl_error;			/* NLMSG_ERROR only: its -errno */
	struct iscsi_uevent ev;		/* zeroed for NLMSG_ERROR */
	const uint8_t *payload;		/* bytes after the uevent */
	size_t payload_len;
};

/* Parse the message at the start of buf[0..len).  Returns the number of
 * bytes it occupies (aligned to 4, at most len) so several messages in
 * one datagram can be walked, or -EBADMSG. */
int nlmsg_parse(const uint8_t *buf, size_t len, struct nlmsg_msg *m);

/* The reply's result for a request of type req_type. */
struct nlmsg_reply {
	int32_t retcode;		/* bind/start_conn, send_pdu, ep_poll */
	uint64_t ep;			/* ep_connect */
	uint32_t sid;			/* create_session/conn */
	uint32_t cid;			/* create_conn */
	uint32_t host_no;		/* create_session */
};

/* 0 and *r filled when m is the successful reply to req_type;
 * -errno from an IF_ERROR reply, a netlink error, or a non-zero
 * retcode (bind, start, send_pdu; -EIO if it is not a negative errno;
 * EP_POLL: only a negative one) or a failed CREATE_CONN (cid -1: -EIO);
 * -ENOMSG when m is something
 * else (an event to handle before the reply comes). */
int nlmsg_reply(const struct nlmsg_msg *m, uint32_t req_type,
		struct nlmsg_reply *r);

/* A kernel event, decoded. */
struct nlmsg_event {
	uint32_t type;			/* ISCSI_KEVENT_* */
	uint32_t sid;
	uint32_t cid;			/* RECV_PDU, CONN_ERROR, LOGIN_STATE */
	uint32_t host_no;		/* DESTROY/UNBIND/CREATE_SESSION */
	uint32_t error;			/* CONN_ERROR: enum iscsi_kerr */
	uint32_t state;			/* CONN_LOGIN_STATE */
	uint64_t recv_handle;		/* RECV_PDU */
	const uint8_t *pdu;		/* RECV_PDU: BHS(+AHS) + data */
	size_t pdu_len;			/* at least 48 */
};

/* 0 for RECV_PDU (101), CONN_ERROR (102), DESTROY_SESSION (104),
 * UNBIND_SESSION (105), CREATE_SESSION (106), CONN_LOGIN_STATE (109);
 * -ENOMSG for any other type; -EBADMSG for a RECV_PDU shorter than a
 * BHS. */
int nlmsg_event(const struct nlmsg_msg *m, struct nlmsg_event *e);

/* GET_STATS reply body.  `custom` points into the message; read entries
 * with nlmsg_stats_custom(). */
struct nlmsg_stats {
	struct iscsi_stats s;		/* custom_length as received */
	const uint8_t *custom;
	uint32_t ncustom;		/* entries present in the message */
};

/* 0, -ENOMSG if m is not a GET_STATS reply, -EBADMSG if the body is
 * short or announces more entries than it carries. */
int nlmsg_stats(const struct nlmsg_msg *m, struct nlmsg_stats *st);
/* Entry i: desc (always NUL-terminated, at most 63 characters) and
 * value; -EINVAL if i is out of range. */
int nlmsg_stats_custom(const struct nlmsg_stats *st, uint32_t i,
		       char desc[ISCSI_STATS_CUSTOM_DESC_MAX],
		       uint64_t *value);

/* Kernel connection errors: "ISCSI_ERR_DATASN" and open-iscsi's text
 * ("Received invalid data sequence number from target"); both return
 * "unknown" for codes outside the table. */
const char *nlmsg_kerr_name(uint32_t err);
const char *nlmsg_kerr_str(uint32_t err);

#endif
