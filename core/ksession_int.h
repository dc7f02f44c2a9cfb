/* SPDX-License-Identifier: MIT */
/* ksession_int.h - what the parts of a kernel session share: the state
 * behind struct ksess (ksession.h).  ksession.c brings a connection up
 * (first login and every relogin); ksession_life.c runs the session once
 * it is up: adoption, connection-error recovery and logout. */
#ifndef ISCSIBOX_KSESSION_INT_H
#define ISCSIBOX_KSESSION_INT_H

#include "core/ksession.h"
#include "transport/nlmsg.h"

#include <stdint.h>

#define KSESS_MSG_MAX (64u * 1024u + 512u)
#define KSESS_RETRY_MIN_MS 100u
#define KSESS_RETRY_MAX_MS 2000u

enum ksess_state {
	KS_IDLE,
	KS_CONNECT,	/* TCP connect in progress */
	KS_LOGIN,	/* login PDUs through the kernel */
	KS_UP,		/* full feature phase, the kernel runs it */
	KS_WAIT,	/* connection lost, waiting Time2Wait to relogin */
	KS_LOGOUT,	/* logout PDU sent, waiting for the response */
	KS_DONE,	/* failed or logged out: kernel objects gone */
};

struct ksess {
	struct loop *loop;
	struct knl *knl;
	struct rng *rng;
	struct ksess_cfg cfg;
	ksess_done_cb done;
	void *arg;
	enum ksess_state state;
	int fd;
	uint32_t sid, cid, host_no;
	int have_session, have_conn, bound;
	struct login *login;
	struct loop_timer *timer;
	int attempts;
	uint64_t give_up_at;	/* initial login: end of the retries */
	unsigned retry_ms;
	int last_err;
	uint8_t *msg;
	char reason[200];
	/* life after login */
	int recovering;		/* relogin on the same sid/cid */
	unsigned t2w_s;		/* DefaultTime2Wait negotiated */
	uint64_t lost_at;	/* when the connection failed (loop_now) */
	int timed_out;		/* replacement_timeout already reported */
	ksess_done_cb logout_done;
	void *logout_arg;
};

void ksess_why(struct ksess *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int ksess_call(struct ksess *s, int len, uint32_t type,
	       struct nlmsg_reply *r);
/* Start one connect+login attempt (first login or relogin). */
void ksess_attempt(struct ksess *s);
/* ksession_life.c: events outside the login phase, a relogin that
 * failed (try again after Time2Wait) or succeeded. */
void ksess_life_event(struct ksess *s, const struct nlmsg_event *ev);
void ksess_recover_later(struct ksess *s);
void ksess_recovered(struct ksess *s);

#endif
