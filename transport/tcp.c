/* SPDX-License-Identifier: MIT */
/* tcp.c - the one TCP connect of iscsibox (tcp_connect_start /
 * tcp_connect_result, used by user-space sessions here and by kernel
 * sessions before they hand the socket over) and PDUs over a
 * non-blocking socket in the event loop: header, AHS, data and padding
 * go out with one writev per PDU, nothing is copied. */
#include "transport/tcp.h"

#include "core/log.h"
#include "core/loop.h"
#include "core/pdu.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

/* One queued write: a PDU, written from its own buffers, or (raw
 * protocols) a copy of the caller's bytes in buf. */
struct tcp_out {
	struct tcp_out *next;
	struct pdu *pdu;	/* NULL: buf[len] */
	size_t off;		/* bytes already written */
	size_t len;
	uint8_t buf[];
};

struct tcp_conn {
	struct loop *loop;
	int fd;
	int connected;
	struct pdu_rx rx;
	struct tcp_out *head, *tail;
	tcp_conn_cb cb;
	void *arg;
	tcp_raw_fn raw;		/* set: bytes go here instead of pdu_rx */
	void *raw_arg;
	int *alive;		/* cleared by delete while dispatching */
};

static void tcp_conn_fail(struct tcp_conn *c, int err)
{
	loop_fd_del(c->loop, c->fd);
	c->cb(c, TCP_ERROR, NULL, err, c->arg);
}

static void tcp_conn_update(struct tcp_conn *c)
{
	short ev = POLLIN;

	if (!c->connected || c->head)
		ev |= POLLOUT;
	loop_fd_events(c->loop, c->fd, ev);
}

/* The iovecs of a queued write, less what is already written. */
static int tcp_out_iov(const struct tcp_out *o, struct iovec iov[4],
		       size_t *total)
{
	size_t skip = o->off;
	int i = 0, n;

	if (o->pdu) {
		n = pdu_iov(o->pdu, iov, total);
	} else {
		iov[0].iov_base = (void *)o->buf;
		iov[0].iov_len = o->len;
		*total = o->len;
		n = 1;
	}
	while (i < n && skip >= iov[i].iov_len) {
		skip -= iov[i].iov_len;
		i++;
	}
	if (i) {
		memmove(iov, iov + i, (size_t)(n - i) * sizeof(*iov));
		n -= i;
	}
	if (n) {
		iov[0].iov_base = (uint8_t *)iov[0].iov_base + skip;
		iov[0].iov_len -= skip;
	}
	return n;
}

/* Returns 0 when the queue is flushed or would block, -errno on error.
 * sendmsg is writev with MSG_NOSIGNAL: a peer that closed gives EPIPE,
 * not a signal. */
static int tcp_conn_flush(struct tcp_conn *c)
{
	while (c->head) {
		struct tcp_out *o = c->head;
		struct iovec iov[4];
		struct msghdr mh;
		size_t total;
		ssize_t w;

		memset(&mh, 0, sizeof(mh));
		mh.msg_iov = iov;
		mh.msg_iovlen = (size_t)tcp_out_iov(o, iov, &total);
		w = sendmsg(c->fd, &mh, MSG_NOSIGNAL);
		if (w < 0) {
			if (errno == EAGAIN || errno == EINTR)
				return 0;
			return -errno;
		}
		o->off += (size_t)w;
		if (o->off < total)
			return 0;
		c->head = o->next;
		if (!c->head)
			c->tail = NULL;
		pdu_delete(o->pdu);
		free(o);
	}
	return 0;
}

static int tcp_conn_read(struct tcp_conn *c)
{
	uint8_t buf[16384];
	ssize_t n = recv(c->fd, buf, sizeof(buf), 0);
	size_t off = 0;
	int alive = 1;

	if (n < 0)
		return (errno == EAGAIN || errno == EINTR) ? 0 : -errno;
	if (n == 0)
		return -ECONNRESET;
	c->alive = &alive;
	if (c->raw) {
		long rc = c->raw(c->raw_arg, buf, (size_t)n);

		if (!alive)
			return 1;
		c->alive = NULL;
		return rc < 0 ? (int)rc : 0;
	}
	while (off < (size_t)n) {
		struct pdu *pdu = NULL;
		long used = pdu_rx_feed(&c->rx, buf + off, (size_t)n - off,
					&pdu);

		if (used < 0) {
			c->alive = NULL;
			return (int)used;
		}
		off += (size_t)used;
		if (pdu) {
			c->cb(c, TCP_PDU, pdu, 0, c->arg);
			if (!alive)
				return 1;	/* deleted by the callback */
		}
	}
	c->alive = NULL;
	return 0;
}

static void tcp_conn_ready(struct loop *loop, int fd, short revents,
			   void *arg)
{
	struct tcp_conn *c = arg;
	int rc = 0, alive = 1;

	if (!c->connected) {
		rc = tcp_connect_result(fd);
		if (rc < 0) {
			tcp_conn_fail(c, rc);
			return;
		}
		if (!(revents & POLLOUT))
			return;
		c->connected = 1;
		c->alive = &alive;
		c->cb(c, TCP_UP, NULL, 0, c->arg);
		if (!alive)
			return;
		c->alive = NULL;
	}
	if (revents & (POLLIN | POLLHUP | POLLERR)) {
		rc = tcp_conn_read(c);
		if (rc == 1)
			return;
	}
	if (!rc && (revents & POLLOUT))
		rc = tcp_conn_flush(c);
	if (rc < 0) {
		tcp_conn_fail(c, rc);
		return;
	}
	tcp_conn_update(c);
}

int tcp_connect_start(const struct sockaddr *sa, socklen_t salen,
		      int window, const char *netdev)
{
	int one = 1, fd, rc;

	fd = socket(sa->sa_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
		    IPPROTO_TCP);
	if (fd < 0)
		return -errno;
	/* An iface binding: this NIC only, whatever the routes prefer. */
	if (netdev && netdev[0] &&
	    setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, netdev,
		       (socklen_t)strlen(netdev) + 1) < 0) {
		rc = -errno;
		log_err("Could not bind connection 0 to %s", netdev);
		close(fd);
		return rc;
	}
	/* Login PDUs are small and lock-step: never wait for Nagle. */
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	if (window > 0) {
		setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &window, sizeof(window));
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &window, sizeof(window));
	}
	if (connect(fd, sa, salen) < 0 && errno != EINPROGRESS) {
		rc = -errno;
		close(fd);
		return rc;
	}
	return fd;
}

int tcp_connect_result(int fd)
{
	int soerr = 0;
	socklen_t l = sizeof(soerr);

	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &l) < 0)
		return -errno;
	return -soerr;
}

int tcp_conn_new(struct loop *loop, const struct sockaddr *sa,
		 socklen_t salen, const char *netdev, size_t max_recv_dlen,
		 tcp_conn_cb cb, void *arg, struct tcp_conn **out)
{
	struct tcp_conn *c;
	int rc;

	c = calloc(1, sizeof(*c));
	if (!c)
		return -ENOMEM;
	c->loop = loop;
	c->cb = cb;
	c->arg = arg;
	pdu_rx_init(&c->rx, max_recv_dlen);
	c->fd = tcp_connect_start(sa, salen, 0, netdev);
	if (c->fd < 0) {
		rc = c->fd;
		free(c);
		return rc;
	}
	rc = loop_fd_add(loop, c->fd, POLLOUT | POLLIN, tcp_conn_ready, c);
	if (rc < 0) {
		close(c->fd);
		free(c);
		return rc;
	}
	*out = c;
	return 0;
}

void tcp_conn_delete(struct tcp_conn *c)
{
	struct tcp_out *o, *n;

	if (!c)
		return;
	if (c->alive)
		*c->alive = 0;
	loop_fd_del(c->loop, c->fd);
	close(c->fd);
	pdu_rx_reset(&c->rx);
	for (o = c->head; o; o = n) {
		n = o->next;
		pdu_delete(o->pdu);
		free(o);
	}
	free(c);
}

static void tcp_conn_queue(struct tcp_conn *c, struct tcp_out *o)
{
	o->off = 0;
	o->next = NULL;
	if (c->tail)
		c->tail->next = o;
	else
		c->head = o;
	c->tail = o;
	tcp_conn_update(c);
}

int tcp_conn_send(struct tcp_conn *c, struct pdu *pdu)
{
	struct tcp_out *o = malloc(sizeof(*o));

	if (!o) {
		pdu_delete(pdu);
		return -ENOMEM;
	}
	o->pdu = pdu;
	o->len = 0;
	tcp_conn_queue(c, o);
	return 0;
}

int tcp_conn_send_buf(struct tcp_conn *c, const void *buf, size_t len)
{
	struct tcp_out *o = malloc(sizeof(*o) + len);

	if (!o)
		return -ENOMEM;
	o->pdu = NULL;
	o->len = len;
	memcpy(o->buf, buf, len);
	tcp_conn_queue(c, o);
	return 0;
}

void tcp_conn_set_raw(struct tcp_conn *c, tcp_raw_fn fn, void *arg)
{
	c->raw = fn;
	c->raw_arg = arg;
}

void tcp_conn_set_max_recv(struct tcp_conn *c, size_t max_dlen,
			   size_t max_ahs)
{
	c->rx.max_dlen = max_dlen;
	c->rx.max_ahs = max_ahs;
}

int tcp_conn_rx_partial(const struct tcp_conn *c)
{
	return c->rx.hdr_pos > 0;
}

int tcp_conn_fd(const struct tcp_conn *c)
{
	return c->fd;
}
