/* SPDX-License-Identifier: MIT */
/* isns_client.c - iSNS calls over TCP in the event loop and the
 * query/register/deregister sequence of open-iscsi's iSNS discovery. */
#include "core/isns_client.h"

#include "core/errors.h"
#include "core/loop.h"
#include "core/portal.h"
#include "transport/tcp.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct isns_call_st {
	struct loop *loop;
	struct tcp_conn *conn;
	struct loop_timer *timer;
	const uint8_t *req;
	size_t req_len;
	struct isns_rx rx;
	int err;
};

static void call_end(struct isns_call_st *s, int err)
{
	s->err = err;
	loop_timer_cancel(s->loop, s->timer);
	s->timer = NULL;
	tcp_conn_delete(s->conn);
	s->conn = NULL;
	loop_stop(s->loop, 0);
}

static long call_bytes(void *arg, const uint8_t *buf, size_t len)
{
	struct isns_call_st *s = arg;
	long used = isns_rx_feed(&s->rx, buf, len);

	if (used < 0)
		return used;
	/* Anything after the last PDU of our response is not ours to
	 * read; the connection ends with the call. */
	if (s->rx.done)
		call_end(s, 0);
	return 0;
}

static void call_conn(struct tcp_conn *c, enum tcp_event ev, struct pdu *pdu,
		      int err, void *arg)
{
	struct isns_call_st *s = arg;

	(void)pdu;
	if (ev == TCP_UP) {
		tcp_conn_set_raw(c, call_bytes, s);
		err = tcp_conn_send_buf(c, s->req, s->req_len);
		if (err < 0)
			call_end(s, err);
	} else if (ev == TCP_ERROR) {
		call_end(s, err ? err : -ECONNRESET);
	}
}

static void call_timeout(struct loop *loop, void *arg)
{
	struct isns_call_st *s = arg;

	(void)loop;
	s->timer = NULL;
	call_end(s, -ETIMEDOUT);
}

int isns_call(struct loop *loop, const char *addr, int port,
	      const uint8_t *req, size_t len, uint16_t xid, uint8_t **rsp,
	      size_t *rsp_len)
{
	struct isns_call_st s = { .loop = loop, .req = req, .req_len = len };
	struct sockaddr_storage ss;
	socklen_t sslen;
	int rc;

	*rsp = NULL;
	*rsp_len = 0;
	isns_rx_init(&s.rx, xid);
	rc = portal_resolve(addr, port, &ss, &sslen, NULL, 0, NULL);
	if (rc < 0)
		return rc;
	rc = tcp_conn_new(loop, (struct sockaddr *)&ss, sslen, NULL, 0,
			  call_conn, &s, &s.conn);
	if (rc < 0)
		return rc;
	s.timer = loop_timer_in(loop, ISNS_CALL_TIMEOUT * 1000u, call_timeout,
				&s);
	s.err = -EINPROGRESS;
	while (s.err == -EINPROGRESS)
		loop_run(loop);
	if (s.err) {
		isns_rx_reset(&s.rx);
		return s.err;
	}
	*rsp = s.rx.payload;
	*rsp_len = s.rx.len;
	return 0;
}

/* One call whose answer is only a status; transport failures become
 * ISNS_INTERNAL_ERROR as libisns reports them. */
static uint32_t isns_simple(struct loop *loop, const char *addr, int port,
			    const uint8_t *req, long len, uint16_t xid,
			    int *err, uint8_t **payload, size_t *plen)
{
	uint32_t status = ISNS_INTERNAL_ERROR;
	uint8_t *p = NULL;
	size_t n = 0;

	*err = len < 0 ? (int)len :
		isns_call(loop, addr, port, req, (size_t)len, xid, &p, &n);
	if (!*err && isns_rsp_status(p, n, &status))
		*err = -EPROTO;
	if (*err)
		status = ISNS_INTERNAL_ERROR;
	if (payload && !*err) {
		*payload = p;
		*plen = n;
	} else {
		free(p);
	}
	return status;
}

static uint32_t isns_query(struct loop *loop, const char *addr, int port,
			   const char *iname, uint16_t xid,
			   struct isns_pg_list *out, int *err)
{
	uint8_t req[ISNS_HDR_LEN + 512], *p = NULL;
	size_t n = 0;
	long len = isns_build_query(req, sizeof(req), xid, iname);
	uint32_t status = isns_simple(loop, addr, port, req, len, xid, err,
				      &p, &n);

	if (status == ISNS_SUCCESS) {
		*err = isns_parse_query_rsp(p, n, out);
		if (*err)
			status = ISNS_INTERNAL_ERROR;
	}
	free(p);
	return status;
}

int isns_discover(struct loop *loop, const char *addr, int port,
		  const char *iname, struct isns_pg_list *out,
		  struct isns_why *why)
{
	uint8_t req[ISNS_HDR_LEN + 512];
	uint16_t xid = 1;
	int err;
	long len;

	memset(why, 0, sizeof(*why));
	memset(out, 0, sizeof(*out));
	why->stage = ISNS_STAGE_QUERY;
	why->status = isns_query(loop, addr, port, iname, xid++, out, &err);
	why->err = err;
	if (err == -EHOSTUNREACH)
		why->stage = ISNS_STAGE_RESOLVE;
	if (why->status == ISNS_SUCCESS)
		return 0;
	if (why->status != ISNS_SOURCE_UNKNOWN)
		return ISCSI_ERR_ISNS_QUERY;
	/* RFC 4171 §5.6.5.2: the server wants a registered source.  As
	 * open-iscsi: register just the initiator node, ask again, and
	 * take the registration back whatever the answer was. */
	why->stage = ISNS_STAGE_REG;
	len = isns_build_reg(req, sizeof(req), xid, iname);
	why->status = isns_simple(loop, addr, port, req, len, xid++,
				  &why->err, NULL, NULL);
	if (why->status != ISNS_SUCCESS)
		return ISCSI_ERR_ISNS_REG_FAILED;
	why->stage = ISNS_STAGE_REQUERY;
	why->status = isns_query(loop, addr, port, iname, xid++, out, &err);
	why->err = err;
	len = isns_build_dereg(req, sizeof(req), xid, iname);
	why->dereg_status = (int)isns_simple(loop, addr, port, req, len,
					     xid++, &err, NULL, NULL);
	if (why->status == ISNS_SUCCESS)
		return 0;
	isns_pg_list_free(out);
	return why->status == ISNS_SOURCE_UNKNOWN ? ISCSI_ERR_ISNS_REG_FAILED :
						    ISCSI_ERR_ISNS_QUERY;
}
