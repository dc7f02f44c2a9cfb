/* SPDX-License-Identifier: MIT */
/* daemon_ipc.c - iscsid's side of the iscsiadm connections: accept,
 * check the peer is root (SO_PEERCRED; open-iscsi answers others with
 * ISCSI_ERR_ACCESS), read one framed request at a time without blocking
 * and hand it to daemon_request(). */
#include "core/daemon_int.h"

#include "core/errors.h"
#include "core/ipc_sock.h"
#include "core/log.h"
#include "core/loop.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static void dclient_close(struct dclient *c)
{
	struct daemon *d = c->d;
	struct dclient **pp;
	struct dsess *s;

	for (s = d->sessions; s; s = s->next)
		if (s->waiter == c)
			s->waiter = NULL;
	for (pp = &d->clients; *pp; pp = &(*pp)->next)
		if (*pp == c) {
			*pp = c->next;
			break;
		}
	loop_fd_del(d->loop, c->fd);
	close(c->fd);
	free(c->buf);
	free(c);
}

void daemon_ipc_reply(struct dclient *c, const struct ipc_msg *m)
{
	struct ipc_msg r = *m;
	int rc;

	r.flags |= IPC_F_REPLY;
	r.cmd = c->cmd;
	rc = ipc_sock_send(c->fd, &r);
	c->busy = 0;
	c->have = 0;
	if (rc < 0) {
		log_debug("cannot answer iscsiadm: %s", strerror(-rc));
		dclient_close(c);
		return;
	}
	loop_fd_events(c->d->loop, c->fd, POLLIN);
}

static void dclient_readable(struct loop *loop, int fd, short revents,
			     void *arg)
{
	struct dclient *c = arg;
	struct ipc_msg m;
	long want = ipc_frame_len(c->buf, c->have);
	ssize_t n;

	if (want < 0)
		goto bad;
	n = read(fd, c->buf + c->have,
		 (want ? (size_t)want : IPC_HDR_LEN) - c->have);
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n <= 0) {
		dclient_close(c);
		return;
	}
	c->have += (size_t)n;
	want = ipc_frame_len(c->buf, c->have);
	if (want < 0)
		goto bad;
	if (want == 0 || c->have < (size_t)want)
		return;
	if (ipc_decode(c->buf, c->have, &m) < 0)
		goto bad;
	/* One request at a time: stop reading until it is answered. */
	c->busy = 1;
	c->cmd = m.cmd;
	loop_fd_events(loop, fd, 0);
	daemon_request(c, &m);
	return;
bad:
	log_warn("malformed request from iscsiadm, closing it");
	dclient_close(c);
}

static void daemon_accept(struct loop *loop, int fd, short revents,
			  void *arg)
{
	struct daemon *d = arg;
	struct dclient *c = NULL;
	struct ipc_msg m;
	uid_t uid = (uid_t)-1;
	int cfd;

	cfd = accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (cfd < 0)
		return;
	if (ipc_sock_peer_uid(cfd, &uid) < 0 || uid != 0) {
		/* Answer before reading anything, as open-iscsi does. */
		memset(&m, 0, sizeof(m));
		m.flags = IPC_F_REPLY;
		m.err = ISCSI_ERR_ACCESS;
		log_warn("iscsiadm request from uid %d refused", (int)uid);
		ipc_sock_send(cfd, &m);
		goto drop;
	}
	c = calloc(1, sizeof(*c));
	if (!c || !(c->buf = malloc(IPC_MSG_MAX)) ||
	    loop_fd_add(loop, cfd, POLLIN, dclient_readable, c) < 0)
		goto drop;
	c->d = d;
	c->fd = cfd;
	c->next = d->clients;
	d->clients = c;
	return;
drop:
	if (c)
		free(c->buf);
	free(c);
	close(cfd);
}

int daemon_ipc_start(struct daemon *d)
{
	return loop_fd_add(d->loop, d->listen_fd, POLLIN, daemon_accept, d);
}

void daemon_ipc_close_all(struct daemon *d)
{
	while (d->clients)
		dclient_close(d->clients);
	if (d->listen_fd >= 0) {
		loop_fd_del(d->loop, d->listen_fd);
		close(d->listen_fd);
		d->listen_fd = -1;
	}
}
