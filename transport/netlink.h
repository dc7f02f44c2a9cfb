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

/* Open the socket; -EPROTONOSUPPORT when the kernel has no iSCSI
 * transport class (module not loaded). */
int knl_open(struct loop *loop, uint64_t transport_handle, knl_event_cb cb,
	     void *arg, struct knl **out);
void knl_close(struct knl *k);
/* The sender identity builders need (handle, port id). */
const struct nlmsg_sender *knl_sender(const struct knl *k);
/* Send one request built by an nlmsg_* builder and wait (at most 10 s)
 * for its reply.  Returns 0 with *r filled, or -errno (the kernel's, or
 * -ETIMEDOUT). */
int knl_call(struct knl *k, const uint8_t *msg, size_t len,
	     uint32_t req_type, struct nlmsg_reply *r);

#endif
