/* SPDX-License-Identifier: MIT */
/* daemon_stats.h - the kernel's counters for one connection
 * (ISCSI_UEVENT_GET_STATS), as iscsid passes them to
 * "iscsiadm -m session -s". */
#ifndef ISCSIBOX_DAEMON_STATS_H
#define ISCSIBOX_DAEMON_STATS_H

#include <stdint.h>

#include "core/ipc.h"

/* Ask the kernel, through transport `handle`, for the counters of
 * sid:cid.  Waits at most 2 s.  0 with r's stats filled (IPC_HAS_STATS),
 * or -errno (-ETIMEDOUT when no answer came). */
int daemon_stats_query(uint64_t handle, uint32_t sid, uint32_t cid,
		       struct ipc_msg *r);

#endif
