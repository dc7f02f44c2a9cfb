/* SPDX-License-Identifier: MIT */
/* netlink.h - the NETLINK_ISCSI channel to the kernel: one socket bound
 * to the iscsid multicast group, synchronous requests (the kernel answers
 * in the sender's context, so the reply is queued before send returns)
 * and asynchronous events delivered from the event loop.  Events that
 * arrive while a request waits for its reply are kept and delivered
 * afterwards, in order (open-iscsi peeks for the same reason).
 *
 * Ownership: knl_open() -> caller, knl_close(NULL) is a no-op.  The
 * event passed to a callback (and its pdu bytes) lives for the call. */
#ifndef ISCSIBOX_NETLINK_H
#define ISCSIBOX_NETLINK_H

#include <stddef.h>
#include <stdint.h>

#include "transport/nlmsg.h"

struct loop;
struct knl;

typedef void (*knl_event_cb)(struct knl *k, const struct nlmsg_event *ev,
			     void *arg);

/* A message that is not an event: the answer to a request sent with
 * knl_send(), or a reply the kernel multicasts to the iscsid group
 * (GET_STATS).  It lives for the call. */
typedef void (*knl_msg_cb)(struct knl *k, const struct nlmsg_msg *m,
			   void *arg);

/* Open the socket; -EPROTONOSUPPORT when the kernel has no iSCSI
 * transport class (module not loaded). */
int knl_open(struct loop *loop, uint64_t transport_handle, knl_event_cb cb,
	     void *arg, struct knl **out);
void knl_close(struct knl *k);
/* The sender identity builders need (handle, port id). */
const struct nlmsg_sender *knl_sender(const struct knl *k);
/* Where non-event messages go (NULL: dropped).  One receiver per knl. */
void knl_set_msg_cb(struct knl *k, knl_msg_cb cb, void *arg);
/* Send one request without waiting: its answer comes to the msg
 * callback from the loop.  0 or -errno. */
int knl_send(struct knl *k, const uint8_t *msg, size_t len);
/* Send one request built by an nlmsg_* builder and wait for its reply:
 * the kernel answers in the sender's context, so the wait is normally
 * nil; it is bounded at 10 s (KNL_REPLY_WAIT_MS) in case it does not.
 * Returns 0 with *r filled, or -errno (the kernel's, or -ETIMEDOUT). */
int knl_call(struct knl *k, const uint8_t *msg, size_t len,
	     uint32_t req_type, struct nlmsg_reply *r);

#endif
