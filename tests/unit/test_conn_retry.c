/* SPDX-License-Identifier: MIT */
/* test_conn_retry.c - the one retry/redirect policy (core/conn_retry.c):
 * open-iscsi's discovery (reopen_max attempts, a fixed pause), a kernel
 * session's initial login (doubling pauses or DefaultTime2Wait until a
 * deadline, and which check ends it), which errors are never retried,
 * and redirects. */
#include "core/conn_retry.h"
#include "core/errors.h"
#include "tap.h"

#include <errno.h>

/* A kernel session's policy (ksession_obj.c): 100 ms doubling to 2 s
 * until give_up_at. */
static void kernel_policy(struct conn_retry *r, uint64_t give_up_at)
{
	conn_retry_init(r, "10.0.0.1", 3260);
	r->delay_ms = r->delay_first_ms = 100;
	r->delay_max_ms = 2000;
	r->give_up_at = give_up_at;
}

int main(void)
{
	struct conn_retry r;

	/* Discovery: reopen_max 1 = two attempts, 1 s apart. */
	conn_retry_init(&r, "127.0.0.1", 3260);
	r.max_attempts = 2;
	r.delay_ms = r.delay_first_ms = r.delay_max_ms = 1000;
	conn_retry_attempt(&r);
	CHECK_INT(conn_retry_next(&r, ISCSI_ERR_TRANS, 0, 0), 1000);
	conn_retry_attempt(&r);
	CHECK_INT(conn_retry_next(&r, ISCSI_ERR_TRANS, 0, 0), -1);

	/* Initiator errors (login status class 2) are never retried;
	 * target errors (class 3) and timeouts are. */
	conn_retry_init(&r, "127.0.0.1", 3260);
	conn_retry_attempt(&r);
	CHECK_INT(conn_retry_next(&r, ISCSI_ERR_LOGIN_AUTH_FAILED, 0, 0), -1);
	CHECK_INT(conn_retry_next(&r, ISCSI_ERR_FATAL_LOGIN, 0, 0), -1);
	CHECK_INT(conn_retry_next(&r, ISCSI_ERR_LOGIN, 0, 0), 0);
	CHECK_INT(conn_retry_next(&r, ISCSI_ERR_PDU_TIMEOUT, 0, 0), 0);
	CHECK(!conn_retry_is_final(ISCSI_ERR_TRANS_TIMEOUT));
	/* A kernel refusal after login (START_CONN: 9) is retried too; a
	 * session that exists already is not. */
	CHECK_INT(conn_retry_next(&r, ISCSI_ERR_INTERNAL, 0, 0), 0);
	CHECK_INT(conn_retry_next(&r, ISCSI_ERR_SESS_EXISTS, 0, 0), -1);
	CHECK_INT(conn_retry_next(&r, ISCSI_ERR_NOMEM, 0, 0), -1);

	/* Kernel session: 100 ms doubling to 2 s, until the deadline. */
	kernel_policy(&r, 5000);
	CHECK_INT(conn_retry_next(&r, ISCSI_ERR_TRANS, 0, 0), 100);
	CHECK_INT(conn_retry_next(&r, ISCSI_ERR_TRANS, 0, 0), 200);
	CHECK_INT(conn_retry_next(&r, ISCSI_ERR_TRANS, 0, 0), 400);
	CHECK_INT(conn_retry_next(&r, ISCSI_ERR_TRANS, 0, 0), 800);
	CHECK_INT(conn_retry_next(&r, ISCSI_ERR_TRANS, 0, 0), 1600);
	CHECK_INT(conn_retry_next(&r, ISCSI_ERR_TRANS, 0, 0), 2000);
	CHECK_INT(conn_retry_next(&r, ISCSI_ERR_TRANS, 0, 2500), 2000);
	/* A pause that ends past the deadline: the end is found when it
	 * is over, as a connection time-out (open-iscsi's reopen timer). */
	CHECK_INT(conn_retry_resume(&r, 4999), 0);
	CHECK_INT(conn_retry_resume(&r, 5000), ISCSI_ERR_TRANS_TIMEOUT);
	/* A failure found at or past the deadline ends with its error. */
	CHECK_INT(conn_retry_next(&r, ISCSI_ERR_TRANS, 0, 4999), 2000);
	CHECK_INT(conn_retry_next(&r, ISCSI_ERR_PDU_TIMEOUT, 0, 5000), -1);

	/* A failure on an open connection pauses DefaultTime2Wait (at
	 * least the first delay) and leaves the doubling alone. */
	kernel_policy(&r, 4000);
	CHECK_INT(conn_retry_next(&r, ISCSI_ERR_LOGIN, 2000, 0), 2000);
	CHECK_INT(conn_retry_next(&r, ISCSI_ERR_LOGIN, 8000, 2000), 8000);
	CHECK_INT(conn_retry_next(&r, ISCSI_ERR_LOGIN, 1, 2000), 100);
	CHECK_INT(conn_retry_next(&r, ISCSI_ERR_TRANS, 0, 2000), 100);
	CHECK_INT(conn_retry_resume(&r, 4000), ISCSI_ERR_TRANS_TIMEOUT);

	/* Discovery (no deadline): the pause never ends the login. */
	conn_retry_init(&r, "127.0.0.1", 3260);
	CHECK_INT(conn_retry_resume(&r, 123456789), 0);

	/* A redirect moves the next attempt with its own count (the
	 * caller makes it at once; a failure there waits as any other);
	 * the sixth one is a loop. */
	conn_retry_init(&r, "127.0.0.1", 3260);
	r.max_attempts = 1;
	r.delay_ms = 1000;
	conn_retry_attempt(&r);
	CHECK_INT(conn_retry_redirect(&r, "127.0.0.2:3261,5", 0), 0);
	CHECK_STR(r.addr, "127.0.0.2");
	CHECK_INT(r.port, 3261);
	CHECK_INT(r.attempts, 0);
	CHECK_INT(r.delay_ms, 1000);
	CHECK_INT(conn_retry_redirect(&r, "[::1", 0), -EINVAL);
	CHECK_INT(conn_retry_redirect(&r, "[::1]", 0), 0);
	CHECK_STR(r.addr, "::1");
	CHECK_INT(r.port, 3260);
	CHECK_INT(conn_retry_redirect(&r, "a", 0), 0);
	CHECK_INT(conn_retry_redirect(&r, "b", 0), 0);
	CHECK_INT(conn_retry_redirect(&r, "c", 0), -ELOOP);

	/* After a failure a kernel session goes back to where it started,
	 * or to the last permanent redirect, with a fresh redirect count. */
	conn_retry_failback(&r);
	CHECK_STR(r.addr, "127.0.0.1");
	CHECK_INT(r.port, 3260);
	CHECK_INT(conn_retry_redirect(&r, "10.1.1.1:3262", 0), 0);
	CHECK_INT(conn_retry_redirect(&r, "10.2.2.2", 1), 0);
	CHECK_INT(conn_retry_redirect(&r, "10.3.3.3", 0), 0);
	conn_retry_failback(&r);
	CHECK_STR(r.addr, "10.2.2.2");
	CHECK_INT(r.port, 3260);
	conn_retry_failback(&r);
	CHECK_STR(r.addr, "10.2.2.2");
	conn_retry_init(&r, "127.0.0.9", 3263);
	conn_retry_failback(&r);
	CHECK_STR(r.addr, "127.0.0.9");
	CHECK_INT(r.port, 3263);
	return tap_done();
}
