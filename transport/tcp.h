/* SPDX-License-Identifier: MIT */
/* tcp.h - an iSCSI connection in user space over TCP: non-blocking
 * connect, PDUs written whole (header, data, padding in one writev) from
 * a queue, and received incrementally (pdu_rx) inside the event loop.
 * Used for discovery sessions and tests; kernel sessions hand the socket
 * to the kernel instead (transport/netlink).
 *
 * Callbacks: TCP_UP once connected; TCP_PDU for each received PDU (the
 * callback owns the pdu); TCP_ERROR with -errno (connection refused,
 * closed by peer, -EMSGSIZE for an oversized PDU).  After TCP_ERROR the
 * connection is dead: delete it.  tcp_conn_delete() may be called from a
 * callback.  Ownership: tcp_conn_new() -> caller. */
#ifndef ISCSIBOX_TCP_H
#define ISCSIBOX_TCP_H

#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

struct loop;
struct pdu;
struct tcp_conn;

enum tcp_event { TCP_UP, TCP_PDU, TCP_ERROR };

typedef void (*tcp_conn_cb)(struct tcp_conn *c, enum tcp_event ev,
			    struct pdu *pdu, int err, void *arg);

/* The one connect: a non-blocking, close-on-exec TCP socket, bound to
 * netdev (SO_BINDTODEVICE) when netdev is not NULL or "", with
 * TCP_NODELAY (and SO_SNDBUF/SO_RCVBUF = window when window > 0) that
 * starts connecting to sa.  Returns the fd, or -errno when the socket
 * cannot be made or bound (logged as open-iscsi words it: "Could not
 * bind connection 0 to NAME") or the connect failed at once (e.g.
 * refused on loopback).  Poll it for POLLOUT, then ask
 * tcp_connect_result(). */
int tcp_connect_start(const struct sockaddr *sa, socklen_t salen,
		      int window, const char *netdev);
/* 0 once the connect of a writable socket succeeded, else -errno. */
int tcp_connect_result(int fd);

/* Start connecting (tcp_connect_start, through netdev if set); errors
 * that happen at once (bad address family, no memory, no such netdev,
 * refused at once) are returned as -errno, later ones arrive as
 * TCP_ERROR. */
int tcp_conn_new(struct loop *loop, const struct sockaddr *sa,
		 socklen_t salen, const char *netdev, size_t max_recv_dlen,
		 tcp_conn_cb cb, void *arg, struct tcp_conn **out);
void tcp_conn_delete(struct tcp_conn *c);
/* Queue a PDU (ownership passes to the connection). 0 or -errno. */
int tcp_conn_send(struct tcp_conn *c, struct pdu *pdu);
/* Largest data segment and AHS accepted from the peer from now on; a
 * PDU announcing more ends the connection with TCP_ERROR -EMSGSIZE /
 * -EPROTO as soon as its header is in. */
void tcp_conn_set_max_recv(struct tcp_conn *c, size_t max_dlen,
			   size_t max_ahs);
/* 1 while part of a PDU has arrived and the rest has not (a stalled
 * stream rather than a silent peer). */
int tcp_conn_rx_partial(const struct tcp_conn *c);
int tcp_conn_fd(const struct tcp_conn *c);

/* Other protocols over the same connection (iSNS): once set, received
 * bytes go to fn instead of being cut into iSCSI PDUs; fn returns < 0
 * (-errno) to fail the connection (TCP_ERROR) and may delete it.
 * tcp_conn_send_buf() queues bytes as they are (copied). */
typedef long (*tcp_raw_fn)(void *arg, const uint8_t *buf, size_t len);
void tcp_conn_set_raw(struct tcp_conn *c, tcp_raw_fn fn, void *arg);
int tcp_conn_send_buf(struct tcp_conn *c, const void *buf, size_t len);

#endif
