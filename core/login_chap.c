/* SPDX-License-Identifier: MIT */
/* login_chap.c - the security stage of a login (RFC 7143 §6.3, CSG 0)
 * with CHAP (§12.1.3, RFC 1994): AuthMethod, then CHAP_A, our CHAP_N and
 * CHAP_R to the target's CHAP_I/CHAP_C, and for mutual CHAP our own
 * challenge whose answer is checked in constant time (chap.c).  Called
 * by login.c for each response while the login is in stage 0. */
#include "core/login_int.h"

#include "core/errors.h"
#include "core/num.h"
#include "core/pdu.h"
#include "core/rng.h"

#include <stdio.h>
#include <string.h>

static int login_chap_alg_list(const struct login *l, char *buf, size_t n)
{
	size_t used = 0;
	int i;

	buf[0] = '\0';
	if (l->p.n_chap_algs == 0)
		return snprintf(buf, n, "%d", CHAP_ALG_MD5) < (int)n ? 0 : -1;
	for (i = 0; i < l->p.n_chap_algs; i++) {
		int w = snprintf(buf + used, n - used, "%s%d", i ? "," : "",
				 l->p.chap_algs[i]);

		if (w < 0 || (size_t)w >= n - used)
			return -1;
		used += (size_t)w;
	}
	return 0;
}

/* CHAP_A/CHAP_I/CHAP_C from the target: answer with CHAP_N/CHAP_R and,
 * for mutual CHAP, our own CHAP_I/CHAP_C (RFC 7143 §12.1.3). */
static enum login_status login_chap_answer(struct login *l,
					   const struct keys *rsp)
{
	const char *a = keys_find(rsp, "CHAP_A");
	const char *id = keys_find(rsp, "CHAP_I");
	const char *c = keys_find(rsp, "CHAP_C");
	uint8_t digest[CHAP_DIGEST_MAX];
	char hex[2 * CHAP_DIGEST_MAX + 3];
	char chex[2 * CHAP_DIGEST_MAX + 3];
	uint64_t alg, ident;
	size_t dlen;
	int i, ok = 0, rc;

	if (!a || !id || !c)
		return login_fail_auth(l,
				  "target did not send CHAP_A, CHAP_I and "
				  "CHAP_C");
	if (num_parse_iscsi(a, 0, 255, &alg) < 0)
		return login_fail_auth(l,
				  "bad CHAP_A from target");
	for (i = 0; i < l->p.n_chap_algs; i++)
		ok |= l->p.chap_algs[i] == (int)alg;
	if (l->p.n_chap_algs == 0)
		ok = alg == CHAP_ALG_MD5;
	if (!ok || !chap_digest_len((int)alg))
		return login_fail_auth(l,
				  "target chose CHAP_A=%u which was not "
				  "offered", (unsigned)alg);
	if (num_parse_iscsi(id, 0, 255, &ident) < 0)
		return login_fail_auth(l,
				  "bad CHAP_I from target");
	if (chap_decode(c, l->tgt_chal, sizeof(l->tgt_chal),
			&l->tgt_chal_len) < 0 ||
	    l->tgt_chal_len == 0)
		return login_fail_auth(l,
				  "bad CHAP_C from target");
	l->chap_alg = (int)alg;
	dlen = chap_digest_len(l->chap_alg);
	rc = chap_response(l->chap_alg, (uint8_t)ident,
			   (const uint8_t *)l->p.password,
			   strlen(l->p.password), l->tgt_chal,
			   l->tgt_chal_len, digest);
	if (!rc)
		rc = chap_encode_hex(digest, dlen, hex, sizeof(hex));
	chap_wipe(digest, sizeof(digest));
	if (!rc)
		rc = keys_add(l->out, "CHAP_N", l->p.username);
	if (!rc)
		rc = keys_add(l->out, "CHAP_R", hex);
	if (!rc && login_mutual(&l->p)) {
		/* Our challenge must differ from the target's, or the
		 * target could reflect it back at us (RFC 7143 §12.1.3). */
		l->my_chal_len = dlen;
		do {
			rc = rng_bytes(l->rng, &l->my_id, 1);
			if (!rc)
				rc = rng_bytes(l->rng, l->my_chal,
					       l->my_chal_len);
		} while (!rc && l->tgt_chal_len == l->my_chal_len &&
			 memcmp(l->tgt_chal, l->my_chal, dlen) == 0);
		if (!rc)
			rc = keys_addf(l->out, "CHAP_I", "%u", l->my_id);
		if (!rc)
			rc = chap_encode_hex(l->my_chal, l->my_chal_len, chex,
					     sizeof(chex));
		if (!rc)
			rc = keys_add(l->out, "CHAP_C", chex);
	}
	if (rc)
		return login_fail(l, ISCSI_ERR_INTERNAL,
				  "cannot build the CHAP response");
	l->chap = CHAP_STEP_RESPONSE;
	l->transit = 1;		/* ready to leave the security stage */
	return LOGIN_MORE;
}

/* Mutual CHAP: the target's CHAP_N/CHAP_R must answer our challenge. */
static enum login_status login_chap_verify(struct login *l,
					   const struct keys *rsp)
{
	const char *n = keys_find(rsp, "CHAP_N");
	const char *r = keys_find(rsp, "CHAP_R");
	uint8_t got[CHAP_DIGEST_MAX + 1];
	size_t glen;

	if (!login_mutual(&l->p))
		return LOGIN_MORE;
	if (!n || !r)
		return login_fail_auth(l,
				  "target did not authenticate itself "
				  "(no CHAP_N/CHAP_R)");
	if (strcmp(n, l->p.username_in) != 0)
		return login_fail_auth(l,
				  "received incorrect username from target");
	if (chap_decode(r, got, sizeof(got), &glen) < 0 ||
	    chap_verify(l->chap_alg, l->my_id,
			(const uint8_t *)l->p.password_in,
			strlen(l->p.password_in), l->my_chal, l->my_chal_len,
			got, glen) < 0)
		return login_fail_auth(l,
				  "received incorrect CHAP response from target");
	return LOGIN_MORE;
}

enum login_status login_security(struct login *l,
					const struct keys *rsp, int transit)
{
	const char *m = keys_find(rsp, "AuthMethod");
	enum login_status st = LOGIN_MORE;
	char list[32];

	switch (l->chap) {
	case CHAP_STEP_METHOD:
		if (!m)
			return login_fail_auth(l,
					  "target did not answer AuthMethod");
		if (strcmp(m, "None") == 0) {
			/* Target wants no authentication: refuse if we must
			 * authenticate it (mutual CHAP). */
			if (login_mutual(&l->p))
				return login_fail_auth(l,
					"target refused to authenticate "
					"(AuthMethod=None)");
			l->auth_none = 1;
			l->chap = CHAP_STEP_DONE;
			l->transit = 1;
			break;
		}
		if (strcmp(m, "CHAP") != 0)
			return login_fail_auth(l,
					  "target chose AuthMethod=%.40s",
					  m);
		if (login_chap_alg_list(l, list, sizeof(list)) < 0 ||
		    keys_add(l->out, "CHAP_A", list) < 0)
			return login_fail(l, ISCSI_ERR_INTERNAL,
					  "cannot build CHAP_A");
		l->chap = CHAP_STEP_ALG;
		break;
	case CHAP_STEP_ALG:
		st = login_chap_answer(l, rsp);
		break;
	case CHAP_STEP_RESPONSE:
		st = login_chap_verify(l, rsp);
		if (st == LOGIN_MORE)
			l->chap = CHAP_STEP_DONE;
		break;
	case CHAP_STEP_DONE:
		break;
	}
	if (st != LOGIN_MORE)
		return st;
	if (transit && l->chap == CHAP_STEP_DONE) {
		/* Both sides agreed to leave the security stage. */
		l->csg = ISCSI_OP_PARMS_NEGOTIATION_STAGE;
		l->nsg = ISCSI_FULL_FEATURE_PHASE;
		l->transit = 1;
	} else if (transit) {
		return login_fail_auth(l,
				  "target left the security stage before "
				  "authentication finished");
	}
	return LOGIN_MORE;
}
