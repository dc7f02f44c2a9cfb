/* SPDX-License-Identifier: MIT */
/* ipc_sock.c - abstract unix socket helpers for iscsiadm <-> iscsid
 * (ipc_sock.h). */
#include "core/ipc_sock.h"

#include "core/loop.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static socklen_t ipc_sock_addr(struct sockaddr_un *sa)
{
	size_t n = strlen(IPC_SOCKET_NAME);

	memset(sa, 0, sizeof(*sa));
	sa->sun_family = AF_UNIX;
	memcpy(sa->sun_path + 1, IPC_SOCKET_NAME, n);
	return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + n);
}

int ipc_sock_listen(int *fd)
{
	struct sockaddr_un sa;
	socklen_t len = ipc_sock_addr(&sa);
	int s, rc = 0;

	s = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (s < 0)
		return -errno;
	if (bind(s, (struct sockaddr *)&sa, len) < 0 || listen(s, 32) < 0) {
		rc = -errno;
		close(s);
		return rc;
	}
	*fd = s;
	return 0;
}

int ipc_sock_connect(int *fd)
{
	struct sockaddr_un sa;
	socklen_t len = ipc_sock_addr(&sa);
	int s, rc;

	s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (s < 0)
		return -errno;
	if (connect(s, (struct sockaddr *)&sa, len) < 0) {
		rc = -errno;
		close(s);
		return rc;
	}
	*fd = s;
	return 0;
}

int ipc_sock_peer_uid(int fd, uid_t *uid)
{
	struct ucred cr;
	socklen_t l = sizeof(cr);

	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cr, &l) < 0)
		return -errno;
	*uid = cr.uid;
	return 0;
}

int ipc_sock_write(int fd, const void *buf, size_t len)
{
	const uint8_t *p = buf;
	size_t off = 0;

	while (off < len) {
		ssize_t n = send(fd, p + off, len - off, MSG_NOSIGNAL);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		off += (size_t)n;
	}
	return 0;
}

int ipc_sock_send(int fd, const struct ipc_msg *m)
{
	uint8_t buf[IPC_HDR_LEN + IPC_TEXT_MAX + 64];
	uint8_t *big = NULL;
	const uint8_t *p = buf;
	int len, rc;

	len = ipc_encode(m, buf, sizeof(buf));
	if (len == -ENOSPC) {
		big = malloc(IPC_MSG_MAX);
		if (!big)
			return -ENOMEM;
		len = ipc_encode(m, big, IPC_MSG_MAX);
		p = big;
	}
	rc = len < 0 ? len : ipc_sock_write(fd, p, (size_t)len);
	free(big);
	return rc;
}

/* Fill buf[have..len) before deadline (0: none). */
static int ipc_sock_read_until(int fd, uint8_t *buf, size_t have, size_t len,
			       uint64_t deadline)
{
	while (have < len) {
		struct pollfd pfd = { fd, POLLIN, 0 };
		int wait = -1, rc;
		ssize_t n;

		if (deadline) {
			uint64_t now = loop_now();

			if (now >= deadline)
				return -ETIMEDOUT;
			wait = (int)(deadline - now);
		}
		rc = poll(&pfd, 1, wait);
		if (rc < 0 && errno == EINTR)
			continue;
		if (rc < 0)
			return -errno;
		if (rc == 0)
			continue;
		n = read(fd, buf + have, len - have);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			return -ECONNRESET;
		have += (size_t)n;
	}
	return 0;
}

static uint64_t ipc_sock_deadline(int timeout_ms)
{
	return timeout_ms < 0 ? 0 : loop_now() + (uint64_t)timeout_ms + 1;
}

int ipc_sock_read(int fd, void *buf, size_t len, int timeout_ms)
{
	return ipc_sock_read_until(fd, buf, 0, len,
				   ipc_sock_deadline(timeout_ms));
}

int ipc_sock_recv(int fd, uint8_t *buf, size_t cap, int timeout_ms,
		  struct ipc_msg *m)
{
	uint64_t deadline = ipc_sock_deadline(timeout_ms);
	long want;
	int rc;

	/* Never read past this frame: the header first, then the rest. */
	if (cap < IPC_HDR_LEN)
		return -EMSGSIZE;
	rc = ipc_sock_read_until(fd, buf, 0, IPC_HDR_LEN, deadline);
	if (rc < 0)
		return rc;
	want = ipc_frame_len(buf, IPC_HDR_LEN);
	if (want <= 0)
		return -EBADMSG;
	if ((size_t)want > cap)
		return -EMSGSIZE;
	rc = ipc_sock_read_until(fd, buf, IPC_HDR_LEN, (size_t)want, deadline);
	return rc < 0 ? rc : ipc_decode(buf, (size_t)want, m);
}

int ipc_sock_wait(int fd, uint16_t cmd, int timeout_ms, struct ipc_msg *r)
{
	uint8_t *buf = malloc(IPC_MSG_MAX);
	int rc;

	if (!buf)
		return -ENOMEM;
	rc = ipc_sock_recv(fd, buf, IPC_MSG_MAX, timeout_ms, r);
	free(buf);
	r->record = NULL;	/* it pointed into buf */
	r->record_len = 0;
	if (!rc && !r->err && r->cmd != cmd)
		rc = -EPROTO;
	return rc;
}
