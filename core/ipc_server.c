/* SPDX-License-Identifier: MIT */
/* ipc_server.c - iscsid's side of the iscsiadm connections (ipc_server.h):
 * accept, check the peer is root (SO_PEERCRED), read framed requests
 * without blocking and pass each whole one to the handler.  A request
 * that does not start with our magic is open-iscsi's (ipc_oi.h): it is
 * read whole and answered in its own format, never dropped. */
#include "core/errtext.h"
#include "core/ipc_server.h"

#include "core/errors.h"
#include "core/ipc_oi.h"
#include "core/ipc_sock.h"
#include "core/log.h"
#include "core/loop.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

struct ipc_client {
	struct ipc_server *srv;
	int fd;
	uint8_t hdr[IPC_HDR_LEN];	/* until the header is whole */
	uint8_t *buf;		/* then the frame, as long as it says */
	size_t have;
	uint32_t cmd;		/* of the pending request */
	int oi;			/* it is in open-iscsi's format */
	struct ipc_client *next;
};

struct ipc_server {
	struct loop *loop;
	int listen_fd;
	struct ipc_server_ops ops;
	void *arg;
	struct ipc_client *clients;
};

static void ipc_client_close(struct ipc_client *c)
{
	struct ipc_server *srv = c->srv;
	struct ipc_client **pp;

	for (pp = &srv->clients; *pp; pp = &(*pp)->next)
		if (*pp == c) {
			*pp = c->next;
			break;
		}
	loop_fd_del(srv->loop, c->fd);
	close(c->fd);
	free(c->buf);
	free(c);
}

/* The peer left (or sent garbage) before its answer. */
static void ipc_client_lost(struct ipc_client *c)
{
	struct ipc_server *srv = c->srv;

	if (srv->ops.gone)
		srv->ops.gone(c, srv->arg);
	ipc_client_close(c);
}

void ipc_server_reply(struct ipc_client *c, const struct ipc_msg *m)
{
	struct ipc_msg r = *m;
	uint8_t oi[IPC_OI_RSP_LEN];
	int rc;

	r.flags |= IPC_F_REPLY;
	r.cmd = (uint16_t)c->cmd;
	if (c->oi) {
		ipc_oi_rsp_encode(c->cmd, &r, oi);
		rc = ipc_sock_write(c->fd, oi, sizeof(oi));
	} else {
		rc = ipc_sock_send(c->fd, &r);
	}
	c->have = 0;
	free(c->buf);
	c->buf = NULL;
	if (rc < 0) {
		/* An iscsiadm -W is gone by now: the daemon must forget the
		 * client too, or it answers it again after it was freed. */
		log_debug("cannot answer iscsiadm: %s", errtext(-rc));
		ipc_client_lost(c);
		return;
	}
	loop_fd_events(c->srv->loop, c->fd, POLLIN);
}

/* Read what has arrived; 1 when the request is whole, 0 to wait for
 * more, -1 when the client is gone (closed here).  The header comes
 * first, then a buffer of the frame's own length (bounded by
 * ipc_frame_len): a storm of "-L all" requests does not pin
 * IPC_MSG_MAX of locked memory each. */
static int ipc_client_fill(struct ipc_client *c)
{
	long want;
	ssize_t n;

	for (;;) {
		want = c->have < IPC_HDR_LEN ? 0 :
		       ipc_oi_is(c->hdr) ? ipc_oi_req_len(c->hdr) :
		       ipc_frame_len(c->buf ? c->buf : c->hdr, c->have);
		if (want < 0)
			goto bad;
		if (want > 0 && !c->buf) {
			c->buf = malloc((size_t)want);
			if (!c->buf) {
				log_err("out of memory for an iscsiadm request");
				ipc_client_lost(c);
				return -1;
			}
			memcpy(c->buf, c->hdr, IPC_HDR_LEN);
		}
		if (want > 0 && c->have >= (size_t)want)
			return 1;
		n = read(c->fd, (c->buf ? c->buf : c->hdr) + c->have,
			 (want ? (size_t)want : IPC_HDR_LEN) - c->have);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return 0;
		if (n <= 0) {
			ipc_client_lost(c);
			return -1;
		}
		c->have += (size_t)n;
	}
bad:
	log_warn("malformed request from iscsiadm, closing it");
	ipc_client_lost(c);
	return -1;
}

/* Header and body are read in the same round when both are there. */
static void ipc_client_readable(struct loop *loop, int fd, short revents,
				void *arg)
{
	struct ipc_client *c = arg;
	struct ipc_server *srv = c->srv;
	struct ipc_msg m;

	if (ipc_client_fill(c) <= 0)
		return;
	c->oi = ipc_oi_is(c->hdr);
	if (c->oi) {
		ipc_oi_req_decode(c->buf, &m, &c->cmd);
	} else if (ipc_decode(c->buf, c->have, &m) < 0) {
		log_warn("malformed request from iscsiadm, closing it");
		ipc_client_lost(c);
		return;
	} else {
		c->cmd = m.cmd;
	}
	/* One request at a time: stop reading until it is answered. */
	loop_fd_events(loop, fd, 0);
	srv->ops.request(c, &m, srv->arg);
}

/* One connection; 0, or -1 when there is none left to accept. */
static int ipc_server_accept_one(struct ipc_server *srv)
{
	struct ipc_client *c = NULL;
	struct ipc_msg m;
	uid_t uid = (uid_t)-1;
	int cfd;

	cfd = accept4(srv->listen_fd, NULL, NULL,
		      SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (cfd < 0)
		return errno == EINTR || errno == ECONNABORTED ? 0 : -1;
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
	if (!c || loop_fd_add(srv->loop, cfd, POLLIN, ipc_client_readable,
			      c) < 0)
		goto drop;
	c->srv = srv;
	c->fd = cfd;
	c->next = srv->clients;
	srv->clients = c;
	/* The request usually came with the connection: take it now. */
	ipc_client_readable(srv->loop, cfd, POLLIN, c);
	return 0;
drop:
	free(c);
	close(cfd);
	return 0;
}

/* Every connection waiting, not one per round: "iscsiadm -L all" opens
 * one per record at once. */
static void ipc_server_accept(struct loop *loop, int fd, short revents,
			      void *arg)
{
	struct ipc_server *srv = arg;
	int n;

	for (n = 0; n < 256 && ipc_server_accept_one(srv) == 0; n++)
		;
}

int ipc_server_new(struct loop *loop, int listen_fd,
		   const struct ipc_server_ops *ops, void *arg,
		   struct ipc_server **out)
{
	struct ipc_server *srv = calloc(1, sizeof(*srv));
	int rc;

	if (!srv) {
		close(listen_fd);
		return -ENOMEM;
	}
	srv->loop = loop;
	srv->listen_fd = listen_fd;
	srv->ops = *ops;
	srv->arg = arg;
	rc = loop_fd_add(loop, listen_fd, POLLIN, ipc_server_accept, srv);
	if (rc < 0) {
		ipc_server_delete(srv);
		return rc;
	}
	*out = srv;
	return 0;
}

void ipc_server_delete(struct ipc_server *srv)
{
	if (!srv)
		return;
	while (srv->clients)
		ipc_client_close(srv->clients);
	if (srv->listen_fd >= 0) {
		loop_fd_del(srv->loop, srv->listen_fd);
		close(srv->listen_fd);
	}
	free(srv);
}
