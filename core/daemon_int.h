/* SPDX-License-Identifier: MIT */
/* daemon_int.h - what daemon.c (sessions and requests), daemon_ipc.c
 * (iscsiadm connections), daemon_adopt.c (sessions found in sysfs) and
 * daemon_stats.c (kernel counters) share. */
#ifndef ISCSIBOX_DAEMON_INT_H
#define ISCSIBOX_DAEMON_INT_H

#include "core/config.h"
#include "core/daemon.h"
#include "core/idbm.h"
#include "core/ipc.h"

#include <stddef.h>
#include <stdint.h>

struct knl;
struct ksess;
struct rng;
struct loop_timer;

/* One iscsiadm connection; it waits for at most one request. */
struct dclient {
	struct daemon *d;
	int fd;
	uint8_t *buf;		/* IPC_MSG_MAX */
	size_t have;
	int busy;		/* a login/logout answers later */
	uint16_t cmd;		/* of the pending request */
	struct dclient *next;
};

struct dsess {
	struct daemon *d;
	struct ksess *ks;
	struct idbm_node *node;		/* owned; ks's cfg points into it */
	struct dclient *waiter;		/* login or logout reply goes here */
	int dead;			/* reaped from the loop */
	struct dsess *next;
};

struct daemon {
	struct loop *loop;
	struct daemon_cfg cfg;
	int listen_fd;
	struct knl *knl;
	struct rng *rng;
	uint32_t caps;
	struct config_initiator ini;
	int have_ini;
	struct dsess *sessions;
	struct dclient *clients;
	struct loop_timer *reaper;
};

/* daemon.c */
void daemon_request(struct dclient *c, const struct ipc_msg *m);
void daemon_reap_soon(struct daemon *d);
int daemon_knl(struct daemon *d);
struct dsess *daemon_find_sid(struct daemon *d, uint32_t sid);
struct dsess *daemon_sess_add(struct daemon *d, struct idbm_node *node);
/* daemon_stats.c: SESSION_STATS; -1 when answered, else the error. */
int daemon_stats(struct daemon *d, struct dclient *c,
		 const struct ipc_msg *m);
/* daemon_ipc.c */
int daemon_ipc_start(struct daemon *d);
void daemon_ipc_reply(struct dclient *c, const struct ipc_msg *m);
void daemon_ipc_close_all(struct daemon *d);
/* daemon_adopt.c: ISCSI_ERR_SESS_NOT_FOUND when sid is not in sysfs. */
int daemon_adopt(struct daemon *d, uint32_t sid, struct dsess **out);

#endif
