/* SPDX-License-Identifier: MIT */
/* tcp.c - PDUs over a non-blocking TCP socket in the event loop. */
#include "transport/tcp.h"

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
#include <unistd.h>

struct tcp_out {
	struct tcp_out *next;
	size_t len, off;
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

/* Returns 0 when the queue is flushed or would block, -errno on error. */
static int tcp_conn_flush(struct tcp_conn *c)
{
	while (c->head) {
		struct tcp_out *o = c->head;
		ssize_t n = send(c->fd, o->buf + o->off, o->len - o->off,
				 MSG_NOSIGNAL);

		if (n < 0) {
			if (errno == EAGAIN || errno == EINTR)
				return 0;
			return -errno;
		}
		o->off += (size_t)n;
		if (o->off < o->len)
			return 0;
		c->head = o->next;
		if (!c->head)
			c->tail = NULL;
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
		int soerr = 0;
		socklen_t l = sizeof(soerr);

		if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &l) < 0)
			soerr = errno;
		if (soerr) {
			tcp_conn_fail(c, -soerr);
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

int tcp_conn_new(struct loop *loop, const struct sockaddr *sa,
		 socklen_t salen, size_t max_recv_dlen, tcp_conn_cb cb,
		 void *arg, struct tcp_conn **out)
{
	struct tcp_conn *c;
	int one = 1, rc;

	c = calloc(1, sizeof(*c));
	if (!c)
		return -ENOMEM;
	c->loop = loop;
	c->cb = cb;
	c->arg = arg;
	pdu_rx_init(&c->rx, max_recv_dlen);
	c->fd = socket(sa->sa_family, SOCK_STREAM | SOCK_NONBLOCK |
					      SOCK_CLOEXEC, IPPROTO_TCP);
	if (c->fd < 0) {
		rc = -errno;
		free(c);
		return rc;
	}
	/* Login PDUs are small and lock-step: never wait for Nagle. */
	setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	if (connect(c->fd, sa, salen) < 0 && errno != EINPROGRESS) {
		/* Report even immediate failures (refused) through the
		 * callback so that callers have one error path. */
		c->connected = 0;
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
		free(o);
	}
	free(c);
}

/* Queue n bytes gathered from iov; 0 or -ENOMEM. */
static int tcp_conn_queue(struct tcp_conn *c, const struct iovec *iov, int n,
			  size_t total)
{
	struct tcp_out *o = malloc(sizeof(*o) + total);
	size_t off = 0;

	if (!o)
		return -ENOMEM;
	for (int i = 0; i < n; i++) {
		memcpy(o->buf + off, iov[i].iov_base, iov[i].iov_len);
		off += iov[i].iov_len;
	}
	o->len = total;
	o->off = 0;
	o->next = NULL;
	if (c->tail)
		c->tail->next = o;
	else
		c->head = o;
	c->tail = o;
	tcp_conn_update(c);
	return 0;
}

int tcp_conn_send(struct tcp_conn *c, struct pdu *pdu)
{
	struct iovec iov[4];
	size_t total;
	int n, rc;

	n = pdu_iov(pdu, iov, &total);
	rc = tcp_conn_queue(c, iov, n, total);
	pdu_delete(pdu);
	return rc;
}

int tcp_conn_send_buf(struct tcp_conn *c, const void *buf, size_t len)
{
	struct iovec iov = { .iov_base = (void *)buf, .iov_len = len };

	return tcp_conn_queue(c, &iov, 1, len);
}

void tcp_conn_set_raw(struct tcp_conn *c, tcp_raw_fn fn, void *arg)
{
	c->raw = fn;
	c->raw_arg = arg;
}

void tcp_conn_set_max_recv(struct tcp_conn *c, size_t max_dlen)
{
	c->rx.max_dlen = max_dlen;
}

int tcp_conn_fd(const struct tcp_conn *c)
{
	return c->fd;
}
