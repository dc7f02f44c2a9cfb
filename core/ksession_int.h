/* SPDX-License-Identifier: MIT */
/* ksession_int.h - what the parts of a kernel session share: the state
 * behind struct ksess (ksession.h) and the pieces below the dispatcher.
 *
 *   ksession.c         the dispatcher: bring-up order, login, retries
 *                      (conn_retry.c), timers, events
 *   ksession_obj.c     making, adopting and deleting one; getters
 *   ksession_life.c    life after login: recovery after a connection
 *                      error, logout, teardown; returns verdicts, the
 *                      dispatcher arms timers and calls back
 *   ksession_params.c  the SET_PARAM lists before and after login
 *   ksession_verbs.c   each NETLINK_ISCSI verb as a short wrapper
 *
 * Calls go downwards only: dispatcher -> life/params -> verbs. */
#ifndef ISCSIBOX_KSESSION_INT_H
#define ISCSIBOX_KSESSION_INT_H

#include "core/conn_retry.h"
#include "core/ksession.h"
#include "transport/nlmsg.h"

#include <stdint.h>
#include <sys/socket.h>

#define KSESS_MSG_MAX (64u * 1024u + 512u)
#define KSESS_RETRY_MIN_MS 100u
#define KSESS_RETRY_MAX_MS 2000u
#define KSESS_EP_POLL_MS 10u
/* The kernel makes the connection (SYSFS_TR_EP, transport/sysfs.h). */
#define KSESS_EP(s) (((s)->cfg.xport & SYSFS_TR_EP) != 0)
/* iSER's login keys and limits (RFC 7145 §6): not for discovery. */
#define KSESS_RDMA(s) \
	(((s)->cfg.xport & SYSFS_TR_RDMA) != 0 && !(s)->cfg.login.discovery)

enum ksess_state {
	KS_IDLE,
	KS_CONNECT,	/* TCP connect or endpoint poll in progress */
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
	struct nlmsg_sender snd;	/* cfg.handle or the knl's, its pid */
	int fd;				/* tcp: our socket until bound */
	char netdev[IFBIND_NAME_MAX];	/* tcp: the attempt's NIC, "" any */
	uint64_t ep;			/* KSESS_EP: the kernel's endpoint */
	int have_ep;
	struct loop_timer *ep_timer;	/* next EP_POLL */
	uint32_t sid, cid, host_no;
	int have_session, have_conn, bound;
	struct login *login;
	struct loop_timer *timer;
	struct conn_retry retry;	/* where attempts go (redirects);
					 * cfg.addr stays the record's */
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

/* ksession_verbs.c: one NETLINK_ISCSI request each, waited for (at most
 * knl_call's bound); 0 or -errno.  IDs come from and go to *s. */
int ksv_create_session(struct ksess *s);
int ksv_create_conn(struct ksess *s);
/* The socket fd (tcp) or the endpoint (KSESS_EP). */
int ksv_bind_conn(struct ksess *s, uint64_t eph);
/* Endpoint transports: EP_CONNECT sets s->ep; EP_POLL returns 1 when
 * connected, 0 not yet; EP_DISCONNECT (a no-op without an endpoint)
 * forgets it. */
int ksv_ep_connect(struct ksess *s, const struct sockaddr *sa,
		   socklen_t salen);
int ksv_ep_poll(struct ksess *s);
int ksv_ep_disconnect(struct ksess *s);
int ksv_set_param(struct ksess *s, enum iscsi_param p, const char *v);
int ksv_set_host_param(struct ksess *s, enum iscsi_host_param p,
		       const char *v);
int ksv_send_pdu(struct ksess *s, const struct pdu *pdu);
int ksv_start_conn(struct ksess *s);
int ksv_stop_conn(struct ksess *s, uint32_t flag);
int ksv_destroy_conn(struct ksess *s);
int ksv_destroy_session(struct ksess *s);
int ksv_unbind_session(struct ksess *s);

/* ksession_params.c: 0, or ISCSI_ERR_LOGIN (the kernel refused a
 * value or had lost the connection; retried), with the reason in
 * s->reason. */
int ksess_prelogin_params(struct ksess *s);
int ksess_postlogin_params(struct ksess *s);

/* ksession_life.c: what the dispatcher does next. */
enum ksess_verdict {
	KSV_NONE,	/* nothing more to do */
	KSV_RELOGIN,	/* relogin after ksess_life_delay_ms() */
	KSV_WAIT_LOGOUT,/* logout sent: wait logout_timeout for the answer */
	KSV_DOWN,	/* torn down: report to logout_done */
};
enum ksess_verdict ksess_life_event(struct ksess *s,
				    const struct nlmsg_event *ev);
/* A relogin failed or the connection was just lost: how long to wait
 * (DefaultTime2Wait) before the next relogin; logs replacement_timeout
 * passing once. */
unsigned ksess_life_delay_ms(struct ksess *s);
void ksess_life_recovered(struct ksess *s);
/* Start a logout: -EBUSY / -EALREADY (ksession.h), or the verdict. */
int ksess_life_logout(struct ksess *s, enum ksess_verdict *v);
/* STOP/DESTROY everything; returns the ISCSI_ERR_* to report. */
int ksess_life_teardown(struct ksess *s, int err);

#endif
