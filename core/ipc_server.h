/* SPDX-License-Identifier: MIT */
/* ipc_server.h - the iscsid end of the iscsiadm IPC socket (ipc.h), with
 * no knowledge of what the requests mean: it accepts connections on the
 * loop, refuses peers that are not root (ISCSI_ERR_ACCESS, answered
 * before anything is read, as open-iscsi does), reads framed requests
 * without blocking and hands each whole request to the handler.
 *
 * Contract: a client has at most one request outstanding; the handler
 * answers it exactly once with ipc_server_reply(), at once or later from
 * a callback.  Reading from that client stops until then.  When a client
 * goes away before its answer, gone() is called and the client pointer
 * must not be used again.
 *
 * Ownership: ipc_server_new() -> caller, and the server owns listen_fd
 * from then on (closed on error too); ipc_server_delete(NULL) is a no-op
 * and closes every client without calling gone(). */
#ifndef ISCSIBOX_IPC_SERVER_H
#define ISCSIBOX_IPC_SERVER_H

#include "core/ipc.h"

struct loop;
struct ipc_server;
struct ipc_client;

struct ipc_server_ops {
	void (*request)(struct ipc_client *c, const struct ipc_msg *m,
			void *arg);
	void (*gone)(struct ipc_client *c, void *arg);
};

/* 0 or -errno. */
int ipc_server_new(struct loop *loop, int listen_fd,
		   const struct ipc_server_ops *ops, void *arg,
		   struct ipc_server **out);
void ipc_server_delete(struct ipc_server *srv);
/* Send m (flags |= IPC_F_REPLY, cmd = the request's) and read the
 * client's next request.  A client that cannot take the answer is
 * closed (gone() is not called: the caller is done with it). */
void ipc_server_reply(struct ipc_client *c, const struct ipc_msg *m);

#endif
