/* SPDX-License-Identifier: MIT */
/* daemon_sess.h - iscsid's sessions (daemon_sess.c), for the request
 * dispatcher in daemon.c: the state both share and the session verbs
 * it calls.  daemon_sess.c calls nothing in daemon.c.  The int
 * functions return ISCSI_ERR_* values, or -1 when the request is
 * answered later (from a callback) or was answered already. */
#ifndef ISCSIBOX_DAEMON_SESS_H
#define ISCSIBOX_DAEMON_SESS_H

#include <stdint.h>

#include "core/config.h"
#include "core/daemon.h"
#include "core/ipc.h"

struct ipc_client;
struct ipc_server;
struct idbm_node;
struct knl;
struct ksess;
struct loop_timer;
struct rng;
struct daemon_scan;
struct daemon_stats;

struct dsess {
	struct daemon *d;
	struct ksess *ks;
	struct idbm_node *node;		/* owned; ks's cfg points into it */
	struct ipc_client *waiter;	/* login or logout reply goes here */
	struct daemon_scan *scan;	/* host scan after login, running */
	int dead;			/* reaped from the loop */
	struct dsess *next;
};

struct daemon {
	struct loop *loop;
	struct daemon_cfg cfg;
	struct ipc_server *ipc;
	struct knl *knl;
	struct daemon_stats *stats;	/* once a SESSION_STATS came */
	struct rng *rng;
	uint32_t caps;
	struct config_initiator ini;
	int have_ini;
	struct dsess *sessions;
	struct loop_timer *reaper;
};

/* Open the netlink channel (loading the transport) on first use. */
int daemon_knl(struct daemon *d);
/* The reply to c: err, and the sid when not 0. */
void daemon_answer(struct ipc_client *c, int err, uint32_t sid);
/* A live session of ours with this sid, or NULL. */
struct dsess *daemon_find_sid(struct daemon *d, uint32_t sid);
/* Take over session sid, found in sysfs and not ours yet. */
int daemon_adopt(struct daemon *d, uint32_t sid, struct dsess **out);
int daemon_login(struct daemon *d, struct ipc_client *c,
		 const struct ipc_msg *m);
int daemon_logout(struct daemon *d, struct ipc_client *c,
		  const struct ipc_msg *m);
/* Forget c (its peer left) wherever a session would answer it. */
void daemon_sess_forget(struct daemon *d, struct ipc_client *c);
/* Free every session now; the kernel sessions keep running. */
void daemon_sess_drop_all(struct daemon *d);

#endif
