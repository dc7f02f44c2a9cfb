/* SPDX-License-Identifier: MIT */
/* conn_retry.h - the one retry and redirect policy of iscsibox: when a
 * connection/login attempt that failed is tried again, after how long,
 * and where a redirect (RFC 7143 §11.13.5, status class 1) sends the
 * next attempt.  Both session drivers use it: usession.c (discovery,
 * reopen_max attempts) and ksession.c (kernel sessions, retried until
 * initial_login_retry_max x login_timeout have passed).  Pure: it keeps
 * counts and deadlines, the caller arms the timer.
 *
 * Use: conn_retry_init(); before each attempt conn_retry_attempt(); on
 * failure conn_retry_next() -> delay (ms) or -1 (give up); when the
 * delay is over conn_retry_resume() -> 0 (attempt) or the error to end
 * with; on a redirect conn_retry_redirect() and try at once; a kernel
 * session's failed attempt goes back with conn_retry_failback(), as
 * open-iscsi's initiator does (discovery keeps the redirect).  The
 * struct is the caller's.
 *
 * Which error a login that ran out of time ends with is open-iscsi's
 * rule: the error of whichever check finds the time spent.  A failed
 * attempt checks at once (its own error: 11 for a login timer, 5 for a
 * target error, 9 for a kernel refusal); the pause before the next
 * attempt checks when it ends, and open-iscsi reports that as a
 * connection time-out (8). */
#ifndef ISCSIBOX_CONN_RETRY_H
#define ISCSIBOX_CONN_RETRY_H

#include <stdint.h>

#include "core/portal.h"

/* A target that redirects more often than this is looping. */
#define CONN_RETRY_MAX_REDIRECTS 5

struct conn_retry {
	char addr[PORTAL_ADDR_MAX];	/* where the next attempt goes */
	int port;
	int redirected;			/* addr/port came from a redirect */
	char home_addr[PORTAL_ADDR_MAX];	/* conn_retry_failback() */
	int home_port;
	int attempts;			/* since start or the last redirect */
	int max_attempts;		/* 0: no count limit */
	uint64_t give_up_at;		/* loop_now() scale; 0: none */
	unsigned delay_ms;		/* before the next attempt */
	unsigned delay_first_ms;	/* first delay (and after a redirect) */
	unsigned delay_max_ms;		/* doubling stops here; = first:
					 * fixed delay */
	int redirects;
};

/* Attempts go to addr:port; no limits until the caller sets them. */
void conn_retry_init(struct conn_retry *r, const char *addr, int port);
void conn_retry_attempt(struct conn_retry *r);
/* 1 for ISCSI_ERR_* failures no retry can cure: authentication and
 * other initiator errors (login status class 2, RFC 7143 §11.13.5),
 * our own refusals, a session that exists already, no memory. */
int conn_retry_is_final(int err);
/* An attempt failed with err at now: milliseconds to wait before the
 * next one, or -1 when err is final or the count or deadline is spent
 * (the caller ends with err).  pause_ms is the wait after a failure on
 * an open connection (open-iscsi's DefaultTime2Wait, at least
 * delay_first_ms); 0 for a connection that failed or was never made:
 * the doubling delay. */
long conn_retry_next(struct conn_retry *r, int err, unsigned pause_ms,
		     uint64_t now);
/* The wait conn_retry_next() asked for is over: 0 to attempt again, or
 * ISCSI_ERR_TRANS_TIMEOUT when the deadline passed meanwhile. */
int conn_retry_resume(const struct conn_retry *r, uint64_t now);
/* Follow a redirect to TargetAddress "addr[:port][,tpgt]": the next
 * attempt goes there at once; a permanent one (status 0x0102) also
 * becomes the portal to fall back to.  0, -EINVAL (bad address) or
 * -ELOOP (more than CONN_RETRY_MAX_REDIRECTS since the last fallback). */
int conn_retry_redirect(struct conn_retry *r, const char *target_address,
			int permanent);
/* An attempt failed: the next one goes to the portal the login started
 * from, or the last permanent redirect's, and may be redirected again
 * (RFC 7143 §11.13.5: a temporary redirect is for this attempt). */
void conn_retry_failback(struct conn_retry *r);

#endif
