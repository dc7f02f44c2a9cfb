/* SPDX-License-Identifier: MIT */
/* daemon_stats.h - the kernel's counters for one connection
 * (ISCSI_UEVENT_GET_STATS), as iscsid passes them to
 * "iscsiadm -m session -s", asked and answered through the loop.
 *
 * The kernel does not answer GET_STATS to the sender: it multicasts one
 * message (uevent + struct iscsi_stats + custom entries) to the iscsid
 * group, which the daemon's own netlink socket has joined; only an error
 * comes back as a unicast reply.  Both reach daemon_stats through the
 * knl's message callback, which it takes over (knl_set_msg_cb).
 *
 * Ownership: daemon_stats_new() -> caller, daemon_stats_delete(NULL) is
 * a no-op and drops pending queries without calling them back.  Errors
 * are -errno. */
#ifndef ISCSIBOX_DAEMON_STATS_H
#define ISCSIBOX_DAEMON_STATS_H

#include <stdint.h>

#include "core/ipc.h"

struct loop;
struct knl;
struct daemon_stats;

/* err 0: r holds the counters (IPC_HAS_STATS); else -errno (-ETIMEDOUT
 * when the kernel said nothing within the deadline).  r lives for the
 * call. */
typedef void (*daemon_stats_cb)(int err, const struct ipc_msg *r,
				void *arg);

struct daemon_stats *daemon_stats_new(struct loop *loop, struct knl *knl);
void daemon_stats_delete(struct daemon_stats *st);
/* Ask for sid:cid's counters; done is called once, from the loop, at
 * the latest timeout_ms later.  0 or -errno (nothing will be called). */
int daemon_stats_query(struct daemon_stats *st, uint32_t sid, uint32_t cid,
		       unsigned timeout_ms, daemon_stats_cb done, void *arg);
/* Forget the queries made for arg (its requester went away). */
void daemon_stats_forget(struct daemon_stats *st, void *arg);

#endif
