/* SPDX-License-Identifier: MIT */
/* netlink.c - NETLINK_ISCSI socket, requests and events (netlink.h). */
#include "transport/netlink.h"

#include "core/errtext.h"
#include "core/log.h"
#include "core/loop.h"

#include <errno.h>
#include <linux/netlink.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* A RECV_PDU carries a whole PDU: room for a 256 KiB data segment. */
#define KNL_RXBUF (288u * 1024u)
#define KNL_REPLY_WAIT_MS 10000
#define ISCSI_NL_GRP_ISCSID 1

struct knl_pending {
	struct knl_pending *next;
	size_t len;
	uint8_t buf[];
};

struct knl {
	struct loop *loop;
	int fd;
	struct nlmsg_sender snd;
	knl_event_cb cb;
	void *arg;
	knl_msg_cb msg_cb;
	void *msg_arg;
	uint8_t *rx;
	struct knl_pending *head, *tail;
	struct loop_timer *flush;
};

static void knl_dispatch(struct knl *k, const uint8_t *buf, size_t len)
{
	struct nlmsg_msg m;
	struct nlmsg_event ev;
	int used;

	while (len >= NLMSG_NL_HDR_LEN) {
		used = nlmsg_parse(buf, len, &m);
		if (used <= 0) {
			log_warn("dropping a malformed netlink message");
			return;
		}
		if (nlmsg_event(&m, &ev) == 0) {
			if (k->cb)
				k->cb(k, &ev, k->arg);
		} else if (k->msg_cb) {
			k->msg_cb(k, &m, k->msg_arg);
		}
		buf += used;
		len -= (size_t)used;
	}
}

static void knl_flush_pending(struct loop *loop, void *arg)
{
	struct knl *k = arg;
	struct knl_pending *p;

	k->flush = NULL;
	while ((p = k->head)) {
		k->head = p->next;
		if (!k->head)
			k->tail = NULL;
		knl_dispatch(k, p->buf, p->len);
		free(p);
	}
}

static void knl_keep(struct knl *k, const uint8_t *buf, size_t len)
{
	struct knl_pending *p = malloc(sizeof(*p) + len);

	if (!p) {
		log_err("out of memory: kernel event lost");
		return;
	}
	memcpy(p->buf, buf, len);
	p->len = len;
	p->next = NULL;
	if (k->tail)
		k->tail->next = p;
	else
		k->head = p;
	k->tail = p;
	if (!k->flush)
		k->flush = loop_timer_in(k->loop, 0, knl_flush_pending, k);
}

static void knl_readable(struct loop *loop, int fd, short revents,
			 void *arg)
{
	struct knl *k = arg;
	ssize_t n;

	for (;;) {
		n = recv(fd, k->rx, KNL_RXBUF, MSG_DONTWAIT);
		if (n < 0) {
			if (errno != EAGAIN && errno != EINTR)
				log_err("netlink receive failed: %s",
					errtext(errno));
			return;
		}
		knl_dispatch(k, k->rx, (size_t)n);
	}
}

int knl_open(struct loop *loop, uint64_t transport_handle, knl_event_cb cb,
	     void *arg, struct knl **out)
{
	struct sockaddr_nl sa;
	socklen_t salen = sizeof(sa);
	struct knl *k;
	int rc, bufsz = 1 << 20;

	k = calloc(1, sizeof(*k));
	if (!k)
		return -ENOMEM;
	k->rx = malloc(KNL_RXBUF);
	k->fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ISCSI);
	if (!k->rx || k->fd < 0) {
		rc = k->rx ? -errno : -ENOMEM;
		goto fail;
	}
	setsockopt(k->fd, SOL_SOCKET, SO_RCVBUF, &bufsz, sizeof(bufsz));
	memset(&sa, 0, sizeof(sa));
	sa.nl_family = AF_NETLINK;
	sa.nl_groups = ISCSI_NL_GRP_ISCSID;
	/* Port id 0: let the kernel pick (the pid for the first socket). */
	if (bind(k->fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    getsockname(k->fd, (struct sockaddr *)&sa, &salen) < 0) {
		rc = -errno;
		goto fail;
	}
	k->loop = loop;
	k->snd.handle = transport_handle;
	k->snd.pid = sa.nl_pid;
	k->cb = cb;
	k->arg = arg;
	rc = loop_fd_add(loop, k->fd, POLLIN, knl_readable, k);
	if (rc < 0)
		goto fail;
	*out = k;
	return 0;
fail:
	if (k->fd >= 0)
		close(k->fd);
	free(k->rx);
	free(k);
	return rc;
}

void knl_close(struct knl *k)
{
	struct knl_pending *p;

	if (!k)
		return;
	loop_timer_cancel(k->loop, k->flush);
	while ((p = k->head)) {
		k->head = p->next;
		free(p);
	}
	loop_fd_del(k->loop, k->fd);
	close(k->fd);
	free(k->rx);
	free(k);
}

const struct nlmsg_sender *knl_sender(const struct knl *k)
{
	return &k->snd;
}

/* Look for the reply among the messages of one datagram; everything else
 * is kept for the loop.  Returns 1 when found (rc in *rc). */
static int knl_scan_reply(struct knl *k, const uint8_t *buf, size_t len,
			  uint32_t req_type, struct nlmsg_reply *r, int *rc)
{
	struct nlmsg_msg m;
	int used, found = 0;

	while (len >= NLMSG_NL_HDR_LEN) {
		used = nlmsg_parse(buf, len, &m);
		if (used <= 0)
			break;
		if (!found) {
			int v = nlmsg_reply(&m, req_type, r);

			if (v != -ENOMSG) {
				*rc = v;
				found = 1;
				goto next;
			}
		}
		knl_keep(k, buf, (size_t)used);
next:
		buf += used;
		len -= (size_t)used;
	}
	return found;
}

void knl_set_msg_cb(struct knl *k, knl_msg_cb cb, void *arg)
{
	k->msg_cb = cb;
	k->msg_arg = arg;
}

int knl_send(struct knl *k, const uint8_t *msg, size_t len)
{
	struct sockaddr_nl dst;

	memset(&dst, 0, sizeof(dst));
	dst.nl_family = AF_NETLINK;
	if (sendto(k->fd, msg, len, 0, (struct sockaddr *)&dst,
		   sizeof(dst)) < 0)
		return -errno;
	return 0;
}

int knl_call(struct knl *k, const uint8_t *msg, size_t len,
	     uint32_t req_type, struct nlmsg_reply *r)
{
	struct pollfd pfd = { .fd = k->fd, .events = POLLIN };
	uint64_t deadline = loop_now() + KNL_REPLY_WAIT_MS;
	int rc;

	memset(r, 0, sizeof(*r));
	rc = knl_send(k, msg, len);
	if (rc < 0)
		return rc;
	for (;;) {
		ssize_t n = recv(k->fd, k->rx, KNL_RXBUF, MSG_DONTWAIT);
		uint64_t now;

		if (n > 0) {
			if (knl_scan_reply(k, k->rx, (size_t)n, req_type, r,
					   &rc))
				return rc;
			continue;
		}
		if (n < 0 && errno != EAGAIN && errno != EINTR)
			return -errno;
		now = loop_now();
		if (now >= deadline)
			return -ETIMEDOUT;
		poll(&pfd, 1, (int)(deadline - now));
	}
}
