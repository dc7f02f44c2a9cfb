/* SPDX-License-Identifier: MIT */
/* ipc_sock.h - the socket side of the iscsiadm <-> iscsid protocol
 * (ipc.h): AF_UNIX SOCK_STREAM on the abstract name "\0" IPC_SOCKET_NAME
 * (no trailing NUL in the address, as open-iscsi builds it), the peer's
 * credentials, and a blocking request/reply for iscsiadm bounded by
 * poll(2) deadlines.  Functions return 0 or -errno. */
#ifndef ISCSIBOX_IPC_SOCK_H
#define ISCSIBOX_IPC_SOCK_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "core/ipc.h"

/* Listening socket for iscsid (non-blocking, close-on-exec). */
int ipc_sock_listen(int *fd);
/* Connected socket for iscsiadm; -ECONNREFUSED when iscsid is absent. */
int ipc_sock_connect(int *fd);
/* uid of the process at the other end. */
int ipc_sock_peer_uid(int fd, uid_t *uid);
/* Write all len bytes (MSG_NOSIGNAL). */
int ipc_sock_write(int fd, const void *buf, size_t len);
/* Read exactly len bytes; timeout_ms < 0: wait for ever. */
int ipc_sock_read(int fd, void *buf, size_t len, int timeout_ms);
/* Encode and write a whole message (MSG_NOSIGNAL). */
int ipc_sock_send(int fd, const struct ipc_msg *m);
/* Read one whole frame into buf (cap >= IPC_MSG_MAX is always enough)
 * and decode it into m (m->record points into buf).  timeout_ms < 0:
 * wait for ever.  -ETIMEDOUT, -ECONNRESET (peer closed), -EBADMSG. */
int ipc_sock_recv(int fd, uint8_t *buf, size_t cap, int timeout_ms,
		  struct ipc_msg *m);

/* iscsiadm's side of one request: wait for the reply to cmd on fd.  The
 * reply's record is not kept (r->record NULL); r->err is iscsid's answer.
 * 0, -EPROTO (a reply to another command, without an error), or
 * ipc_sock_recv's errors. */
int ipc_sock_wait(int fd, uint16_t cmd, int timeout_ms, struct ipc_msg *r);

#endif
