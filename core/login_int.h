/* SPDX-License-Identifier: MIT */
/* login_int.h - the state of one login (login.h) shared by its two
 * stages: login.c (the engine, the status classes of RFC 7143 §11.13.5
 * and operational negotiation) and login_chap.c (the security stage with
 * CHAP, §12.1.3).  Not for use outside the login engine. */
#ifndef ISCSIBOX_LOGIN_INT_H
#define ISCSIBOX_LOGIN_INT_H

#include "core/chap.h"
#include "core/keys.h"
#include "core/login.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Where the security stage is in the CHAP exchange. */
enum chap_step {
	CHAP_STEP_METHOD,	/* AuthMethod offered, waiting for choice */
	CHAP_STEP_ALG,		/* CHAP_A sent, waiting for A/I/C */
	CHAP_STEP_RESPONSE,	/* CHAP_N/R sent, waiting for target */
	CHAP_STEP_DONE,
};

struct login {
	struct login_params p;
	struct neg_state neg;
	struct rng *rng;
	int csg;		/* stage of the next request */
	int nsg;
	int transit;		/* T bit of the next request */
	int first;		/* next request is the first one */
	struct keys *out;	/* keys for the next request */
	enum chap_step chap;
	int chap_alg;
	int auth_none;		/* target chose AuthMethod=None */
	uint8_t my_id;
	uint8_t my_chal[CHAP_DIGEST_MAX];
	size_t my_chal_len;
	uint8_t tgt_chal[CHAP_CHALLENGE_MAX];	/* for the reflection check */
	size_t tgt_chal_len;
	int responses;		/* login responses handled so far */
	uint16_t tsih;
	uint32_t statsn, exp_cmdsn, max_cmdsn;
	int have_statsn;
	int tpgt;		/* -1 until the target declares it */
	int status_class, status_detail;
	int err;
	enum login_fail_kind fail_kind;
	char reason[160];
	char redirect[KEYS_TARGETS_VALUE_MAX + 1];
};

static inline int login_use_chap(const struct login_params *p)
{
	return p->username && *p->username && p->password && *p->password;
}

static inline int login_mutual(const struct login_params *p)
{
	return p->username_in && *p->username_in && p->password_in &&
	       *p->password_in;
}

/* Every failure of either stage goes through here: the error code,
 * what kind of failure it is (login.h), and a one-line reason. */
static inline enum login_status
login_fail_kind_(struct login *l, enum login_fail_kind kind, int err,
		 const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static inline enum login_status
login_fail_kind_(struct login *l, enum login_fail_kind kind, int err,
		 const char *fmt, ...)
{
	va_list ap;

	l->err = err;
	l->fail_kind = kind;
	va_start(ap, fmt);
	vsnprintf(l->reason, sizeof(l->reason), fmt, ap);
	va_end(ap);
	return LOGIN_FAILED;
}

/* Protocol violations and local failures. */
#define login_fail(l, err, ...) \
	login_fail_kind_(l, LOGIN_FAIL_PROTO, err, __VA_ARGS__)
/* The initiator refuses the target's side of authentication (bad or
 * missing CHAP answers): not retryable, and open-iscsi reports it as 19,
 * not as the target's authentication failure (24). */
#define login_fail_auth(l, ...) \
	login_fail_kind_(l, LOGIN_FAIL_AUTH, ISCSI_ERR_FATAL_LOGIN, __VA_ARGS__)
/* The target answered with an error status (RFC 7143 §11.13.5). */
#define login_fail_status(l, err, ...) \
	login_fail_kind_(l, LOGIN_FAIL_STATUS, err, __VA_ARGS__)

/* login_chap.c: one response of the security stage (CSG 0). */
enum login_status login_security(struct login *l, const struct keys *rsp,
				 int transit);

#endif
