/* SPDX-License-Identifier: MIT */
/* test_conn_retry.c - the one retry/redirect policy (core/conn_retry.c):
 * open-iscsi's discovery (reopen_max attempts, a fixed pause), a kernel
 * session's initial login (doubling pauses until a deadline), which
 * errors are never retried, and redirects. */
#include "core/conn_retry.h"
#include "core/errors.h"
#include "tap.h"

#include <errno.h>

int main(void)
{
	struct conn_retry r;

	/* Discovery: reopen_max 1 = two attempts, 1 s apart. */
	conn_retry_init(&r, "127.0.0.1", 3260);
	r.max_attempts = 2;
	r.delay_ms = r.delay_first_ms = r.delay_max_ms = 1000;
	conn_retry_attempt(&r);
	CHECK_INT(conn_retry_next(&r, ISCSI_ERR_TRANS, 0), 1000);
	conn_retry_attempt(&r);
	CHECK_INT(conn_retry_next(&r, ISCSI_ERR_TRANS, 0), -1);

	/* Initiator errors (login status class 2) are never retried;
	 * target errors (class 3) and timeouts are. */
	conn_retry_init(&r, "127.0.0.1", 3260);
	conn_retry_attempt(&r);
	CHECK_INT(conn_retry_next(&r, ISCSI_ERR_LOGIN_AUTH_FAILED, 0), -1);
	CHECK_INT(conn_retry_next(&r, ISCSI_ERR_FATAL_LOGIN, 0), -1);
	CHECK_INT(conn_retry_next(&r, ISCSI_ERR_LOGIN, 0), 0);
	CHECK_INT(conn_retry_next(&r, ISCSI_ERR_PDU_TIMEOUT, 0), 0);
	CHECK(!conn_retry_is_final(ISCSI_ERR_TRANS_TIMEOUT));

	/* Kernel session: 100 ms doubling to 2 s, until the deadline. */
	conn_retry_init(&r, "10.0.0.1", 3260);
	r.delay_ms = r.delay_first_ms = 100;
	r.delay_max_ms = 2000;
	r.give_up_at = 5000;
	CHECK_INT(conn_retry_next(&r, ISCSI_ERR_TRANS, 0), 100);
	CHECK_INT(conn_retry_next(&r, ISCSI_ERR_TRANS, 0), 200);
	CHECK_INT(conn_retry_next(&r, ISCSI_ERR_TRANS, 0), 400);
	CHECK_INT(conn_retry_next(&r, ISCSI_ERR_TRANS, 0), 800);
	CHECK_INT(conn_retry_next(&r, ISCSI_ERR_TRANS, 0), 1600);
	CHECK_INT(conn_retry_next(&r, ISCSI_ERR_TRANS, 0), 2000);
	CHECK_INT(conn_retry_next(&r, ISCSI_ERR_TRANS, 2500), 2000);
	CHECK_INT(conn_retry_next(&r, ISCSI_ERR_TRANS, 3000), -1);

	/* A redirect moves the next attempt, at once, with its own count;
	 * the sixth one is a loop. */
	conn_retry_init(&r, "127.0.0.1", 3260);
	r.max_attempts = 1;
	conn_retry_attempt(&r);
	CHECK_INT(conn_retry_redirect(&r, "127.0.0.2:3261,5"), 0);
	CHECK_STR(r.addr, "127.0.0.2");
	CHECK_INT(r.port, 3261);
	CHECK_INT(r.attempts, 0);
	CHECK_INT(r.delay_ms, 0);
	CHECK_INT(conn_retry_redirect(&r, "[::1"), -EINVAL);
	CHECK_INT(conn_retry_redirect(&r, "[::1]"), 0);
	CHECK_STR(r.addr, "::1");
	CHECK_INT(r.port, 3260);
	CHECK_INT(conn_retry_redirect(&r, "a"), 0);
	CHECK_INT(conn_retry_redirect(&r, "b"), 0);
	CHECK_INT(conn_retry_redirect(&r, "c"), -ELOOP);
	return tap_done();
}
