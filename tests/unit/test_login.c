/* SPDX-License-Identifier: MIT */
/* test_login.c - the login state machine against a scripted target:
 * no authentication, one-way and mutual CHAP, wrong target responses,
 * status classes, redirects and protocol violations. */
#include "core/chap.h"
#include "core/errors.h"
#include "core/keys.h"
#include "core/login.h"
#include "core/pdu.h"
#include "core/rng.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const uint8_t isid[6] = { 0x00, 0x02, 0x3d, 0, 0, 9 };

static struct keys *req_keys(const struct pdu *req)
{
	struct keys *k = keys_new();
	const char *why;

	CHECK(keys_load(k, req->data, req->data_len, &why) == 0);
	return k;
}

/* A login response; text is "k=v\0k=v\0" with its length. */
static struct pdu *rsp(int csg, int nsg, int transit, int cls, int det,
		       const char *text, size_t len)
{
	struct pdu *p = pdu_new(ISCSI_OP_LOGIN_RSP);
	struct iscsi_login_rsp *h = (void *)p->bhs;

	h->flags = (uint8_t)((transit ? ISCSI_FLAG_LOGIN_TRANSIT : 0) |
			     (csg << ISCSI_LOGIN_CSG_SHIFT) | nsg);
	memcpy(h->isid, isid, 6);
	pdu_put32(h->itt, 7);
	pdu_put16(h->tsih, transit && nsg == 3 ? 0x1234 : 0);
	pdu_put32(h->statsn, 100);
	pdu_put32(h->exp_cmdsn, 5);
	pdu_put32(h->max_cmdsn, 36);
	h->status_class = (uint8_t)cls;
	h->status_detail = (uint8_t)det;
	if (len)
		pdu_set_data(p, text, len);
	return p;
}

#define RSP(csg, nsg, t, cls, det, s) rsp(csg, nsg, t, cls, det, s, sizeof(s) - 1)

static void params(struct login_params *p, struct neg_state *n)
{
	memset(p, 0, sizeof(*p));
	p->initiator_name = "iqn.2024-01.test:init";
	p->target_name = "iqn.2024-01.test:disk";
	memcpy(p->isid, isid, 6);
	p->itt = 7;
	p->cmdsn = 5;
	neg_init(n, 0);
	neg_set(n, NEG_HEADER_DIGEST, "None", NULL);
	neg_set(n, NEG_MAX_RECV_DSL, "262144", NULL);
	neg_set(n, NEG_MAX_BURST, "16776192", NULL);
	neg_set(n, NEG_IMMEDIATE_DATA, "Yes", NULL);
}

static enum login_status step(struct login *l, struct pdu *r)
{
	enum login_status st = login_handle_pdu(l, r);

	pdu_delete(r);
	return st;
}

static void test_no_auth(struct rng *rng)
{
	struct login_params p;
	struct neg_state n;
	struct login *l;
	struct pdu *req;
	struct keys *k;
	const struct iscsi_login_req *h;

	params(&p, &n);
	l = login_new(&p, &n, rng);
	req = login_next_pdu(l);
	h = (const void *)req->bhs;
	CHECK_INT(req->bhs[0], 0x43);
	CHECK_INT(h->flags, 0x80 | (1 << 2) | 3);	/* T, CSG 1, NSG 3 */
	CHECK_MEM(h->isid, 6, isid, 6);
	k = req_keys(req);
	CHECK_STR(keys_find(k, "InitiatorName"), "iqn.2024-01.test:init");
	CHECK_STR(keys_find(k, "TargetName"), "iqn.2024-01.test:disk");
	CHECK_STR(keys_find(k, "SessionType"), "Normal");
	CHECK(keys_find(k, "AuthMethod") == NULL);
	CHECK_STR(keys_find(k, "MaxRecvDataSegmentLength"), "262144");
	keys_delete(k);
	pdu_delete(req);
	CHECK_INT(step(l, RSP(1, 3, 1, 0, 0,
			      "TargetPortalGroupTag=1\0HeaderDigest=None\0"
			      "MaxRecvDataSegmentLength=65536\0"
			      "MaxBurstLength=262144\0ImmediateData=Yes\0")),
		  LOGIN_DONE);
	CHECK_INT(login_tsih(l), 0x1234);
	CHECK_INT(login_tpgt(l, NULL), 1);
	CHECK_INT(login_statsn(l), 100);
	CHECK_INT(login_chap_alg(l), 0);
	CHECK_INT(login_neg(l)->max_xmit_dsl, 65536);
	CHECK_INT(neg_result_num(login_neg(l), NEG_MAX_BURST), 262144);
	login_delete(l);

	/* MaxBurstLength lowered, FirstBurstLength left unanswered: the
	 * result must still respect FirstBurstLength <= MaxBurstLength. */
	neg_set(&n, NEG_FIRST_BURST, "262144", NULL);
	l = login_new(&p, &n, rng);
	pdu_delete(login_next_pdu(l));
	CHECK_INT(step(l, RSP(1, 3, 1, 0, 0, "MaxBurstLength=2048\0")),
		  LOGIN_DONE);
	CHECK_INT(neg_result_num(login_neg(l), NEG_FIRST_BURST), 2048);
	login_delete(l);
}

static void test_chap_one_way(struct rng *rng)
{
	static const uint8_t chal[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
					  12, 13, 14, 15, 16 };
	struct login_params p;
	struct neg_state n;
	struct login *l;
	struct pdu *req;
	struct keys *k;
	uint8_t want[32];
	char hex[80];

	params(&p, &n);
	p.username = "user";
	p.password = "secretsecret";
	p.chap_algs[0] = CHAP_ALG_SHA256;
	p.chap_algs[1] = CHAP_ALG_MD5;
	p.n_chap_algs = 2;
	l = login_new(&p, &n, rng);
	req = login_next_pdu(l);
	/* One-way CHAP asks to move on at once (T, CSG 0, NSG 1) and
	 * accepts None, as open-iscsi does. */
	CHECK_INT(req->bhs[1], 0x80 | 1);
	k = req_keys(req);
	CHECK_STR(keys_find(k, "AuthMethod"), "CHAP,None");
	CHECK(keys_find(k, "MaxRecvDataSegmentLength") == NULL);
	keys_delete(k);
	pdu_delete(req);
	CHECK_INT(step(l, RSP(0, 1, 0, 0, 0, "AuthMethod=CHAP\0")),
		  LOGIN_MORE);
	req = login_next_pdu(l);
	k = req_keys(req);
	CHECK_STR(keys_find(k, "CHAP_A"), "7,5");
	keys_delete(k);
	pdu_delete(req);
	CHECK_INT(step(l, RSP(0, 1, 0, 0, 0,
			      "CHAP_A=7\0CHAP_I=17\0"
			      "CHAP_C=0x0102030405060708090a0b0c0d0e0f10\0")),
		  LOGIN_MORE);
	req = login_next_pdu(l);
	CHECK_INT(req->bhs[1], 0x80 | 1);	/* T=1 now */
	k = req_keys(req);
	pdu_delete(req);
	CHECK_STR(keys_find(k, "CHAP_N"), "user");
	CHECK(chap_response(CHAP_ALG_SHA256, 17,
			    (const uint8_t *)"secretsecret", 12, chal, 16,
			    want) == 0);
	CHECK(chap_encode_hex(want, 32, hex, sizeof(hex)) == 0);
	CHECK_STR(keys_find(k, "CHAP_R"), hex);
	CHECK(keys_find(k, "CHAP_C") == NULL);	/* not mutual */
	keys_delete(k);
	CHECK_INT(step(l, RSP(0, 1, 1, 0, 0, "")), LOGIN_MORE);
	req = login_next_pdu(l);
	CHECK_INT(req->bhs[1], 0x80 | (1 << 2) | 3);
	pdu_delete(req);
	CHECK_INT(step(l, RSP(1, 3, 1, 0, 0, "")), LOGIN_DONE);
	CHECK_INT(login_chap_alg(l), CHAP_ALG_SHA256);
	login_delete(l);
}

static struct login *mutual_setup(struct rng *rng, struct keys **k,
				  struct login_params *q)
{
	struct neg_state n;
	struct login *l;
	struct pdu *req;

	params(q, &n);
	q->username = "user";
	q->password = "secretsecret";
	q->username_in = "tgt";
	q->password_in = "targetsecret";
	l = login_new(q, &n, rng);
	req = login_next_pdu(l);
	/* Mutual CHAP: T=0 (NSG reserved, RFC 7143 §11.12.3), CHAP only. */
	CHECK_INT(req->bhs[1], 0);
	*k = req_keys(req);
	CHECK_STR(keys_find(*k, "AuthMethod"), "CHAP");
	keys_delete(*k);
	pdu_delete(req);
	step(l, RSP(0, 1, 0, 0, 0, "AuthMethod=CHAP\0"));
	req = login_next_pdu(l);
	*k = req_keys(req);
	CHECK_STR(keys_find(*k, "CHAP_A"), "5");
	keys_delete(*k);
	pdu_delete(req);
	CHECK_INT(step(l, RSP(0, 1, 0, 0, 0,
			      "CHAP_A=5\0CHAP_I=3\0CHAP_C=0xaabbccdd\0")),
		  LOGIN_MORE);
	req = login_next_pdu(l);
	*k = req_keys(req);
	pdu_delete(req);
	return l;
}

static void test_chap_mutual(struct rng *rng, int corrupt)
{
	struct login_params q;
	struct keys *k;
	struct login *l = mutual_setup(rng, &k, &q);
	uint8_t chal[64], resp[16];
	size_t clen = 0;
	char hex[40], text[200];
	unsigned id;
	int len;

	CHECK(keys_find(k, "CHAP_I") != NULL);
	CHECK(keys_find(k, "CHAP_C") != NULL);
	id = (unsigned)atoi(keys_find(k, "CHAP_I"));
	CHECK(chap_decode(keys_find(k, "CHAP_C"), chal, sizeof(chal), &clen) ==
	      0);
	CHECK(clen >= 16);
	CHECK(chap_response(CHAP_ALG_MD5, (uint8_t)id,
			    (const uint8_t *)"targetsecret", 12, chal, clen,
			    resp) == 0);
	if (corrupt)
		resp[0] ^= 1;
	chap_encode_hex(resp, 16, hex, sizeof(hex));
	len = snprintf(text, sizeof(text), "CHAP_N=tgt%cCHAP_R=%s%c", 0, hex,
		       0);
	keys_delete(k);
	if (corrupt) {
		CHECK_INT(step(l, rsp(0, 1, 1, 0, 0, text, (size_t)len)),
			  LOGIN_FAILED);
		CHECK_INT(login_error(l), ISCSI_ERR_FATAL_LOGIN);
		CHECK_INT(login_fail_kind(l), LOGIN_FAIL_AUTH);
		CHECK_STR(login_reason(l),
			  "received incorrect CHAP response from target");
	} else {
		CHECK_INT(step(l, rsp(0, 1, 1, 0, 0, text, (size_t)len)),
			  LOGIN_MORE);
	}
	login_delete(l);
}

static void test_mutual_missing_response(struct rng *rng)
{
	struct login_params q;
	struct keys *k;
	struct login *l = mutual_setup(rng, &k, &q);

	keys_delete(k);
	/* Target moves on without authenticating itself. */
	CHECK_INT(step(l, RSP(0, 1, 1, 0, 0, "")), LOGIN_FAILED);
	CHECK_INT(login_error(l), ISCSI_ERR_FATAL_LOGIN);
	CHECK_INT(login_fail_kind(l), LOGIN_FAIL_AUTH);
	login_delete(l);
}

/* A CHAP login (mutual if asked) with its first request already sent. */
static struct login *chap_started(struct rng *rng, struct login_params *q,
				  int mutual)
{
	struct neg_state n;
	struct login *l;

	params(q, &n);
	q->username = "u";
	q->password = "p";
	if (mutual) {
		q->username_in = "t";
		q->password_in = "tp";
	}
	l = login_new(q, &n, rng);
	pdu_delete(login_next_pdu(l));
	return l;
}

static void test_mutual_refused(struct rng *rng)
{
	struct login_params q;
	struct login *l = chap_started(rng, &q, 1);

	CHECK_INT(step(l, RSP(0, 1, 0, 0, 0, "AuthMethod=None\0")),
		  LOGIN_FAILED);
	CHECK_INT(login_error(l), ISCSI_ERR_FATAL_LOGIN);
	login_delete(l);
}

static void test_alg_not_offered(struct rng *rng)
{
	struct login_params q;
	struct login *l = chap_started(rng, &q, 0);

	step(l, RSP(0, 1, 0, 0, 0, "AuthMethod=CHAP\0"));
	pdu_delete(login_next_pdu(l));
	CHECK_INT(step(l, RSP(0, 1, 0, 0, 0,
			      "CHAP_A=7\0CHAP_I=1\0CHAP_C=0x01\0")),
		  LOGIN_FAILED);
	CHECK_INT(login_error(l), ISCSI_ERR_FATAL_LOGIN);
	login_delete(l);
}

static void test_status(struct rng *rng, int cls, int det, int st, int err)
{
	struct login_params p;
	struct neg_state n;
	struct login *l;

	params(&p, &n);
	l = login_new(&p, &n, rng);
	pdu_delete(login_next_pdu(l));
	CHECK_INT(step(l, rsp(1, 3, 0, cls, det, "TargetAddress=10.1.1.1:3261,2",
			      sizeof("TargetAddress=10.1.1.1:3261,2"))),
		  st);
	if (st == LOGIN_FAILED) {
		CHECK_INT(login_error(l), err);
		CHECK_INT(login_fail_kind(l), LOGIN_FAIL_STATUS);
	}
	if (st == LOGIN_REDIRECT) {
		int perm;

		CHECK_STR(login_redirect(l, &perm), "10.1.1.1:3261,2");
		CHECK_INT(perm, det == 2);
	}
	login_delete(l);
}

static void test_violations(struct rng *rng)
{
	struct login_params p;
	struct neg_state n;
	struct login *l;
	struct pdu *r;

	params(&p, &n);
	/* Wrong opcode. */
	l = login_new(&p, &n, rng);
	pdu_delete(login_next_pdu(l));
	r = pdu_new(ISCSI_OP_TEXT_RSP);
	CHECK_INT(step(l, r), LOGIN_FAILED);
	login_delete(l);
	/* Wrong ITT. */
	l = login_new(&p, &n, rng);
	pdu_delete(login_next_pdu(l));
	r = RSP(1, 3, 1, 0, 0, "");
	pdu_put32(r->bhs + 16, 99);
	CHECK_INT(step(l, r), LOGIN_FAILED);
	login_delete(l);
	/* Answer for another stage. */
	l = login_new(&p, &n, rng);
	pdu_delete(login_next_pdu(l));
	CHECK_INT(step(l, RSP(0, 1, 1, 0, 0, "")), LOGIN_FAILED);
	login_delete(l);
	/* Malformed text segment (no NUL). */
	l = login_new(&p, &n, rng);
	pdu_delete(login_next_pdu(l));
	CHECK_INT(step(l, rsp(1, 3, 1, 0, 0, "HeaderDigest=None", 17)),
		  LOGIN_FAILED);
	CHECK_INT(login_error(l), ISCSI_ERR_LOGIN);
	login_delete(l);
	/* Negotiation violation: MaxBurstLength above our offer. */
	l = login_new(&p, &n, rng);
	pdu_delete(login_next_pdu(l));
	CHECK_INT(step(l, RSP(1, 3, 1, 0, 0, "MaxBurstLength=16777215\0")),
		  LOGIN_FAILED);
	login_delete(l);
	/* Target not yet ready to move on: we keep asking with T=1. */
	l = login_new(&p, &n, rng);
	pdu_delete(login_next_pdu(l));
	CHECK_INT(step(l, RSP(1, 3, 0, 0, 0, "MaxBurstLength=65536\0")),
		  LOGIN_MORE);
	r = login_next_pdu(l);
	CHECK_INT(r->bhs[1], 0x80 | (1 << 2) | 3);
	pdu_delete(r);
	CHECK_INT(step(l, RSP(1, 3, 1, 0, 0, "")), LOGIN_DONE);
	login_delete(l);
}

/* A target that answers every request without ever setting T, and
 * responses that carry an AHS, end the login (RFC 7143 §6.2, §11.13). */
static void test_bounded(struct rng *rng)
{
	struct login_params p;
	struct neg_state n;
	struct login *l;
	struct pdu *r;
	int i, st = LOGIN_MORE;

	params(&p, &n);
	l = login_new(&p, &n, rng);
	for (i = 0; i < 100 && st == LOGIN_MORE; i++) {
		pdu_delete(login_next_pdu(l));
		st = step(l, RSP(1, 3, 0, 0, 0, ""));
	}
	CHECK_INT(st, LOGIN_FAILED);
	CHECK_INT(i, LOGIN_MAX_RESPONSES + 1);
	CHECK_INT(login_error(l), ISCSI_ERR_LOGIN);
	login_delete(l);
	l = login_new(&p, &n, rng);
	pdu_delete(login_next_pdu(l));
	r = RSP(1, 3, 1, 0, 0, "");
	r->ahs = calloc(1, 8);
	r->ahs_len = 8;
	r->bhs[4] = 2;
	CHECK_INT(step(l, r), LOGIN_FAILED);
	login_delete(l);
	/* Our declared MaxRecvDataSegmentLength bounds what we accept,
	 * never less than the default 8192. */
	CHECK_INT(login_max_recv_dsl(&n), 262144);
	neg_init(&n, 1);
	CHECK_INT(login_max_recv_dsl(&n), 8192);
	neg_set(&n, NEG_MAX_RECV_DSL, "512", NULL);
	CHECK_INT(login_max_recv_dsl(&n), 8192);
}

int main(void)
{
	struct rng *rng = rng_new();

	CHECK(rng != NULL);
	test_no_auth(rng);
	test_chap_one_way(rng);
	test_chap_mutual(rng, 0);
	test_chap_mutual(rng, 1);
	test_mutual_missing_response(rng);
	test_mutual_refused(rng);
	test_alg_not_offered(rng);
	test_status(rng, 1, 1, LOGIN_REDIRECT, 0);
	test_status(rng, 1, 2, LOGIN_REDIRECT, 0);
	test_status(rng, 2, 1, LOGIN_FAILED, ISCSI_ERR_LOGIN_AUTH_FAILED);
	test_status(rng, 2, 2, LOGIN_FAILED, ISCSI_ERR_LOGIN_AUTH_FAILED);
	test_status(rng, 2, 3, LOGIN_FAILED, ISCSI_ERR_FATAL_LOGIN);
	test_status(rng, 2, 0, LOGIN_FAILED, ISCSI_ERR_FATAL_LOGIN);
	test_status(rng, 3, 1, LOGIN_FAILED, ISCSI_ERR_LOGIN);
	test_status(rng, 4, 0, LOGIN_FAILED, ISCSI_ERR_LOGIN);
	test_violations(rng);
	test_bounded(rng);
	rng_delete(rng);
	return tap_done();
}
