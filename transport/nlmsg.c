/* SPDX-License-Identifier: MIT */
/* nlmsg.c - NETLINK_ISCSI requests built as bytes (nlmsghdr + uevent +
 * value, PDU or address).  The layout is in iscsi_if.h; the order of
 * requests for a session is the caller's business.  Parsing of what
 * the kernel sends back is in nlmsg_parse.c. */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include "transport/nlmsg.h"

#include "core/strlist.h"

/* nlmsg_init - an all-zero uevent (padding and unused union bytes
 * included: the kernel sees every byte) of the given type. */
static void nlmsg_init(struct iscsi_uevent *ev, uint32_t type)
{
	memset(ev, 0, sizeof(*ev));
	ev->type = type;
}

/* nlmsg_emit - write header, uevent and up to two data parts followed by
 * pad zero bytes.  nlmsg_type = ev->type, flags 0, seq 0. */
static int nlmsg_emit(uint8_t *buf, size_t cap, const struct nlmsg_sender *s,
		      struct iscsi_uevent *ev, const void *p1, size_t n1,
		      const void *p2, size_t n2, size_t pad)
{
	size_t len = NLMSG_ISCSI_HDR_LEN;
	uint32_t len32;
	uint16_t type16, zero16 = 0;
	uint32_t zero32 = 0;

	if (!buf || !s || n1 > INT32_MAX || n2 > INT32_MAX || pad > 3)
		return -EINVAL;
	if (n1 + n2 + pad > INT32_MAX - len)
		return -EINVAL;
	len += n1 + n2 + pad;
	if (len > cap)
		return -ENOSPC;

	ev->transport_handle = s->handle;
	len32 = (uint32_t)len;
	type16 = (uint16_t)ev->type;
	memcpy(buf, &len32, 4);
	memcpy(buf + 4, &type16, 2);
	memcpy(buf + 6, &zero16, 2);		/* flags */
	memcpy(buf + 8, &zero32, 4);		/* seq */
	memcpy(buf + 12, &s->pid, 4);
	memcpy(buf + NLMSG_NL_HDR_LEN, ev, sizeof(*ev));
	buf += NLMSG_ISCSI_HDR_LEN;
	if (n1)
		memcpy(buf, p1, n1);
	if (n2)
		memcpy(buf + n1, p2, n2);
	memset(buf + n1 + n2, 0, pad);
	return (int)len;
}

/* nlmsg_simple - a request whose whole content is in the uevent. */
static int nlmsg_simple(uint8_t *buf, size_t cap,
			const struct nlmsg_sender *s, struct iscsi_uevent *ev)
{
	return nlmsg_emit(buf, cap, s, ev, NULL, 0, NULL, 0, 0);
}

int nlmsg_create_session(uint8_t *buf, size_t cap,
			 const struct nlmsg_sender *s, uint32_t initial_cmdsn,
			 uint16_t cmds_max, uint16_t queue_depth)
{
	struct iscsi_uevent ev;

	nlmsg_init(&ev, ISCSI_UEVENT_CREATE_SESSION);
	ev.u.c_session.initial_cmdsn = initial_cmdsn;
	ev.u.c_session.cmds_max = cmds_max;
	ev.u.c_session.queue_depth = queue_depth;
	return nlmsg_simple(buf, cap, s, &ev);
}

/* DESTROY_SESSION and UNBIND_SESSION share u.d_session. */
static int nlmsg_session_verb(uint8_t *buf, size_t cap,
			      const struct nlmsg_sender *s, uint32_t type,
			      uint32_t sid)
{
	struct iscsi_uevent ev;

	nlmsg_init(&ev, type);
	ev.u.d_session.sid = sid;
	return nlmsg_simple(buf, cap, s, &ev);
}

int nlmsg_destroy_session(uint8_t *buf, size_t cap,
			  const struct nlmsg_sender *s, uint32_t sid)
{
	return nlmsg_session_verb(buf, cap, s, ISCSI_UEVENT_DESTROY_SESSION,
				  sid);
}

int nlmsg_unbind_session(uint8_t *buf, size_t cap,
			 const struct nlmsg_sender *s, uint32_t sid)
{
	return nlmsg_session_verb(buf, cap, s, ISCSI_UEVENT_UNBIND_SESSION,
				  sid);
}

/* CREATE_CONN, DESTROY_CONN, START_CONN and GET_STATS all start with
 * {sid @16, cid @20}; c_conn names that common prefix. */
static int nlmsg_conn_verb(uint8_t *buf, size_t cap,
			   const struct nlmsg_sender *s, uint32_t type,
			   uint32_t sid, uint32_t cid)
{
	struct iscsi_uevent ev;

	nlmsg_init(&ev, type);
	ev.u.c_conn.sid = sid;
	ev.u.c_conn.cid = cid;
	return nlmsg_simple(buf, cap, s, &ev);
}

int nlmsg_create_conn(uint8_t *buf, size_t cap, const struct nlmsg_sender *s,
		      uint32_t sid, uint32_t cid)
{
	return nlmsg_conn_verb(buf, cap, s, ISCSI_UEVENT_CREATE_CONN, sid,
			       cid);
}

int nlmsg_destroy_conn(uint8_t *buf, size_t cap, const struct nlmsg_sender *s,
		       uint32_t sid, uint32_t cid)
{
	return nlmsg_conn_verb(buf, cap, s, ISCSI_UEVENT_DESTROY_CONN, sid,
			       cid);
}

int nlmsg_start_conn(uint8_t *buf, size_t cap, const struct nlmsg_sender *s,
		     uint32_t sid, uint32_t cid)
{
	return nlmsg_conn_verb(buf, cap, s, ISCSI_UEVENT_START_CONN, sid,
			       cid);
}

int nlmsg_get_stats(uint8_t *buf, size_t cap, const struct nlmsg_sender *s,
		    uint32_t sid, uint32_t cid)
{
	return nlmsg_conn_verb(buf, cap, s, ISCSI_UEVENT_GET_STATS, sid, cid);
}

int nlmsg_bind_conn(uint8_t *buf, size_t cap, const struct nlmsg_sender *s,
		    uint32_t sid, uint32_t cid, uint64_t eph, int is_leading)
{
	struct iscsi_uevent ev;

	nlmsg_init(&ev, ISCSI_UEVENT_BIND_CONN);
	ev.u.b_conn.sid = sid;
	ev.u.b_conn.cid = cid;
	ev.u.b_conn.transport_eph = eph;
	ev.u.b_conn.is_leading = is_leading ? 1 : 0;
	return nlmsg_simple(buf, cap, s, &ev);
}

int nlmsg_create_bound_session(uint8_t *buf, size_t cap,
			       const struct nlmsg_sender *s, uint64_t ep,
			       uint32_t initial_cmdsn, uint16_t cmds_max,
			       uint16_t queue_depth)
{
	struct iscsi_uevent ev;

	nlmsg_init(&ev, ISCSI_UEVENT_CREATE_BOUND_SESSION);
	ev.u.c_bound_session.ep_handle = ep;
	ev.u.c_bound_session.initial_cmdsn = initial_cmdsn;
	ev.u.c_bound_session.cmds_max = cmds_max;
	ev.u.c_bound_session.queue_depth = queue_depth;
	return nlmsg_simple(buf, cap, s, &ev);
}

int nlmsg_ep_connect(uint8_t *buf, size_t cap, const struct nlmsg_sender *s,
		     const struct sockaddr *sa, size_t salen, int non_blocking)
{
	struct iscsi_uevent ev;
	struct sockaddr_storage ss;

	nlmsg_init(&ev, ISCSI_UEVENT_TRANSPORT_EP_CONNECT);
	if (!sa || salen < sizeof(sa->sa_family) || salen > sizeof(ss))
		return -EINVAL;
	memset(&ss, 0, sizeof(ss));
	memcpy(&ss, sa, salen);
	ev.u.ep_connect.non_blocking = non_blocking ? 1 : 0;
	return nlmsg_emit(buf, cap, s, &ev, &ss, sizeof(ss), NULL, 0, 0);
}

int nlmsg_ep_poll(uint8_t *buf, size_t cap, const struct nlmsg_sender *s,
		  uint64_t ep, uint32_t timeout_ms)
{
	struct iscsi_uevent ev;

	nlmsg_init(&ev, ISCSI_UEVENT_TRANSPORT_EP_POLL);
	ev.u.ep_poll.ep_handle = ep;
	ev.u.ep_poll.timeout_ms = timeout_ms;
	return nlmsg_simple(buf, cap, s, &ev);
}

int nlmsg_ep_disconnect(uint8_t *buf, size_t cap,
			const struct nlmsg_sender *s, uint64_t ep)
{
	struct iscsi_uevent ev;

	nlmsg_init(&ev, ISCSI_UEVENT_TRANSPORT_EP_DISCONNECT);
	ev.u.ep_disconnect.ep_handle = ep;
	return nlmsg_simple(buf, cap, s, &ev);
}

int nlmsg_stop_conn(uint8_t *buf, size_t cap, const struct nlmsg_sender *s,
		    uint32_t sid, uint32_t cid, uint32_t flag)
{
	struct iscsi_uevent ev;

	nlmsg_init(&ev, ISCSI_UEVENT_STOP_CONN);
	if (flag < ISCSI_STOP_CONN_TERM || flag > ISCSI_STOP_CONN_RECOVER)
		return -EINVAL;
	ev.u.stop_conn.sid = sid;
	ev.u.stop_conn.cid = cid;
	ev.u.stop_conn.conn_handle = 0;
	ev.u.stop_conn.flag = flag;
	return nlmsg_simple(buf, cap, s, &ev);
}

/* nlmsg_value_len - strlen(value) + 1, or 0 when value is missing or
 * longer than NLMSG_PARAM_MAX. */
static size_t nlmsg_value_len(const char *value)
{
	size_t n;

	if (!value)
		return 0;
	n = strnlen(value, NLMSG_PARAM_MAX + 1);
	return n > NLMSG_PARAM_MAX ? 0 : n + 1;
}

int nlmsg_set_param(uint8_t *buf, size_t cap, const struct nlmsg_sender *s,
		    uint32_t sid, uint32_t cid, enum iscsi_param param,
		    const char *value)
{
	struct iscsi_uevent ev;
	size_t n = nlmsg_value_len(value);

	nlmsg_init(&ev, ISCSI_UEVENT_SET_PARAM);
	if (!n || (unsigned)param >= ISCSI_PARAM_MAX)
		return -EINVAL;
	ev.u.set_param.sid = sid;
	ev.u.set_param.cid = cid;
	ev.u.set_param.param = (uint32_t)param;
	ev.u.set_param.len = (uint32_t)n;
	return nlmsg_emit(buf, cap, s, &ev, value, n, NULL, 0, 0);
}

int nlmsg_set_host_param(uint8_t *buf, size_t cap,
			 const struct nlmsg_sender *s, uint32_t host_no,
			 enum iscsi_host_param param, const char *value)
{
	struct iscsi_uevent ev;
	size_t n = nlmsg_value_len(value);

	nlmsg_init(&ev, ISCSI_UEVENT_SET_HOST_PARAM);
	if (!n || (unsigned)param >= ISCSI_HOST_PARAM_MAX)
		return -EINVAL;
	ev.u.set_host_param.host_no = host_no;
	ev.u.set_host_param.param = (uint32_t)param;
	ev.u.set_host_param.len = (uint32_t)n;
	return nlmsg_emit(buf, cap, s, &ev, value, n, NULL, 0, 0);
}

int nlmsg_send_pdu(uint8_t *buf, size_t cap, const struct nlmsg_sender *s,
		   uint32_t sid, uint32_t cid, const uint8_t *hdr,
		   size_t hdr_len, const uint8_t *data, size_t data_len)
{
	struct iscsi_uevent ev;
	size_t pad = (4 - (data_len & 3)) & 3;

	nlmsg_init(&ev, ISCSI_UEVENT_SEND_PDU);
	/* RFC 7143 §11.2: BHS is 48 bytes, AHS in 4-byte words, the data
	 * segment at most 2^24 - 1 bytes and padded to 4. */
	if (!hdr || hdr_len < 48 || hdr_len % 4 || hdr_len > 48 + 255 * 4)
		return -EINVAL;
	if ((data_len && !data) || data_len > 0xffffff)
		return -EINVAL;
	ev.u.send_pdu.sid = sid;
	ev.u.send_pdu.cid = cid;
	ev.u.send_pdu.hdr_size = (uint32_t)hdr_len;
	ev.u.send_pdu.data_size = (uint32_t)(data_len + pad);
	return nlmsg_emit(buf, cap, s, &ev, hdr, hdr_len, data, data_len,
			  pad);
}

/* Kernel connection errors (KEVENT_CONN_ERROR), with the texts
 * open-iscsi prints after the name. */
/* The kernel's connection errors ISCSI_KERR_BASE + 1 ... in order: their
 * names and their texts (strlist.h), two tables so that a program that
 * prints only the texts links only those. */
static const char nlmsg_kerr_names[] =
	"ISCSI_ERR_DATASN\0"
	"ISCSI_ERR_DATA_OFFSET\0"
	"ISCSI_ERR_MAX_CMDSN\0"
	"ISCSI_ERR_EXP_CMDSN\0"
	"ISCSI_ERR_BAD_OPCODE\0"
	"ISCSI_ERR_DATALEN\0"
	"ISCSI_ERR_AHSLEN\0"
	"ISCSI_ERR_PROTO\0"
	"ISCSI_ERR_LUN\0"
	"ISCSI_ERR_BAD_ITT\0"
	"ISCSI_ERR_CONN_FAILED\0"
	"ISCSI_ERR_R2TSN\0"
	"ISCSI_ERR_SESSION_FAILED\0"
	"ISCSI_ERR_HDR_DGST\0"
	"ISCSI_ERR_DATA_DGST\0"
	"ISCSI_ERR_PARAM_NOT_FOUND\0"
	"ISCSI_ERR_NO_SCSI_CMD\0"
	"ISCSI_ERR_INVALID_HOST\0"
	"ISCSI_ERR_XMIT_FAILED\0"
	"ISCSI_ERR_TCP_CONN_CLOSE\0"
	"ISCSI_ERR_SCSI_EH_SESSION_RST\0"
	"ISCSI_ERR_NOP_TIMEDOUT\0";
static const char nlmsg_kerr_texts[] =
	"Received invalid data sequence number from target\0"
	"Seeking offset beyond the size of the iSCSI segment\0"
	"Received invalid command sequence number from target\0"
	"Received invalid expected command sequence number from target\0"
	"Received an invalid iSCSI opcode\0"
	"Invalid data length value\0"
	"Received an invalid AHS length\0"
	"iSCSI protocol violation\0"
	"LUN mismatch\0"
	"Received invalid initiator task tag from target\0"
	"iSCSI connection failed\0"
	"Received invalid R2T (Ready to Transfer) data sequence number "
	"from target\0"
	"iSCSI session failed\0"
	"Header digest mismatch\0"
	"Data digest mismatch\0"
	"Parameter not found\0"
	"Could not look up SCSI command\0"
	"iSCSI host is in an invalid state\0"
	"Transmission of iSCSI packet failed\0"
	"TCP connection closed\0"
	"Session was dropped as a result of SCSI error recovery\0"
	"A NOP has timed out\0";

const char *nlmsg_kerr_name(uint32_t err)
{
	if (err == ISCSI_KERR_OK)
		return "ISCSI_OK";
	if (err <= ISCSI_KERR_BASE || err > ISCSI_KERR_NOP_TIMEDOUT)
		return "unknown";
	return strlist_nth(nlmsg_kerr_names, err - ISCSI_KERR_BASE - 1);
}

const char *nlmsg_kerr_str(uint32_t err)
{
	if (err == ISCSI_KERR_OK)
		return "operation successful";
	if (err <= ISCSI_KERR_BASE || err > ISCSI_KERR_NOP_TIMEDOUT)
		return "unknown";
	return strlist_nth(nlmsg_kerr_texts, err - ISCSI_KERR_BASE - 1);
}
