/* SPDX-License-Identifier: MIT */
/* conn_retry.c - when and where to try a failed login again (see
 * conn_retry.h). */
#include "core/conn_retry.h"

#include "core/errors.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

void conn_retry_init(struct conn_retry *r, const char *addr, int port)
{
	memset(r, 0, sizeof(*r));
	snprintf(r->addr, sizeof(r->addr), "%s", addr);
	r->port = port;
	snprintf(r->home_addr, sizeof(r->home_addr), "%s", addr);
	r->home_port = port;
}

void conn_retry_attempt(struct conn_retry *r)
{
	r->attempts++;
}

int conn_retry_is_final(int err)
{
	switch (err) {
	case ISCSI_ERR_LOGIN_AUTH_FAILED:	/* class 2: 0x0201/0x0202 */
	case ISCSI_ERR_FATAL_LOGIN:		/* other class 2, we refused */
	case ISCSI_ERR_SESS_EXISTS:
	case ISCSI_ERR_NOMEM:
		return 1;
	}
	return 0;
}

long conn_retry_next(struct conn_retry *r, int err, unsigned pause_ms,
		     uint64_t now)
{
	unsigned d = r->delay_ms;

	if (conn_retry_is_final(err))
		return -1;
	if (r->max_attempts && r->attempts >= r->max_attempts)
		return -1;
	if (r->give_up_at && now >= r->give_up_at)
		return -1;
	if (pause_ms)
		return pause_ms > r->delay_first_ms ? pause_ms :
						      r->delay_first_ms;
	r->delay_ms = d ? d * 2 : r->delay_first_ms;
	if (r->delay_ms > r->delay_max_ms)
		r->delay_ms = r->delay_max_ms;
	if (r->delay_ms < r->delay_first_ms)
		r->delay_ms = r->delay_first_ms;
	return (long)d;
}

int conn_retry_resume(const struct conn_retry *r, uint64_t now)
{
	return r->give_up_at && now >= r->give_up_at ?
		       ISCSI_ERR_TRANS_TIMEOUT : 0;
}

int conn_retry_redirect(struct conn_retry *r, const char *target_address,
			int permanent)
{
	struct portal p;

	if (++r->redirects > CONN_RETRY_MAX_REDIRECTS)
		return -ELOOP;
	if (portal_parse(target_address, ISCSI_DEFAULT_PORT, &p) < 0)
		return -EINVAL;
	snprintf(r->addr, sizeof(r->addr), "%s", p.addr);
	r->port = p.port;
	r->redirected = 1;
	if (permanent) {
		snprintf(r->home_addr, sizeof(r->home_addr), "%s", p.addr);
		r->home_port = p.port;
	}
	/* A new portal: its own attempts (the caller makes the first at
	 * once); a failure there waits like any other. */
	r->attempts = 0;
	return 0;
}

void conn_retry_failback(struct conn_retry *r)
{
	if (!r->redirects)
		return;
	snprintf(r->addr, sizeof(r->addr), "%s", r->home_addr);
	r->port = r->home_port;
	r->redirected = 0;
	r->redirects = 0;
}
