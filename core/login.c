/* SPDX-License-Identifier: MIT */
/* login.c - the login engine of RFC 7143 §6.3: the requests, the
 * status-class handling of §11.13.5, the stage transitions, and
 * operational negotiation (§6.2, via negotiate.c); the security stage
 * with CHAP (§12.1.3) is login_chap.c's.  No I/O: see login.h. */
#include "core/login.h"
#include "core/login_int.h"

#include "core/errors.h"
#include "core/keys.h"
#include "core/log.h"
#include "core/num.h"
#include "core/pdu.h"
#include "core/rng.h"
#include "core/strlist.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct login *login_new(const struct login_params *p,
			const struct neg_state *neg, struct rng *rng)
{
	struct login *l = calloc(1, sizeof(*l));

	if (!l)
		return NULL;
	l->p = *p;
	l->neg = *neg;
	l->rng = rng;
	l->first = 1;
	l->tpgt = -1;
	l->tsih = p->tsih;
	l->out = keys_new();
	if (!l->out) {
		free(l);
		return NULL;
	}
	if (login_use_chap(p)) {
		/* open-iscsi starts in the security stage only when it has
		 * credentials; T=0 until the CHAP exchange has finished. */
		l->csg = ISCSI_SECURITY_NEGOTIATION_STAGE;
		l->nsg = ISCSI_OP_PARMS_NEGOTIATION_STAGE;
		/* As open-iscsi: one-way CHAP asks to move on at once and
		 * accepts None; mutual CHAP insists on CHAP. */
		l->transit = !login_mutual(p);
	} else {
		l->csg = ISCSI_OP_PARMS_NEGOTIATION_STAGE;
		l->nsg = ISCSI_FULL_FEATURE_PHASE;
		l->transit = 1;
	}
	return l;
}

void login_delete(struct login *l)
{
	if (!l)
		return;
	keys_wipe(l->out);
	keys_delete(l->out);
	chap_wipe(l, sizeof(*l));
	free(l);
}

/* Keys of the first request (RFC 7143 §6.3: InitiatorName and
 * SessionType, TargetName for normal sessions, in the leading PDU). */
static int login_add_first_keys(struct login *l)
{
	int rc;

	rc = keys_add(l->out, "InitiatorName", l->p.initiator_name);
	if (!rc && l->p.initiator_alias && *l->p.initiator_alias)
		rc = keys_add(l->out, "InitiatorAlias", l->p.initiator_alias);
	if (!rc && !l->p.discovery)
		rc = keys_add(l->out, "TargetName", l->p.target_name);
	if (!rc)
		rc = keys_add(l->out, "SessionType",
			      l->p.discovery ? "Discovery" : "Normal");
	return rc;
}

struct pdu *login_next_pdu(struct login *l)
{
	struct pdu *pdu;
	uint8_t *data = NULL;
	size_t len = 0;
	int rc = 0;

	if (l->first) {
		rc = login_add_first_keys(l);
		if (!rc && l->csg == ISCSI_SECURITY_NEGOTIATION_STAGE)
			rc = keys_add(l->out, "AuthMethod",
				      login_mutual(&l->p) ? "CHAP" :
							    "CHAP,None");
	}
	if (!rc && l->csg == ISCSI_OP_PARMS_NEGOTIATION_STAGE)
		rc = neg_offer(&l->neg, l->out);
	if (rc)
		return NULL;
	pdu = pdu_login_req(l->p.isid, l->tsih, l->p.itt, l->p.cid,
			    l->p.cmdsn, l->p.exp_statsn, l->csg, l->nsg,
			    l->transit);
	if (!pdu)
		return NULL;
	if (keys_save(l->out, &data, &len) < 0 ||
	    (len && pdu_take_data(pdu, data, len) < 0)) {
		free(data);
		pdu_delete(pdu);
		return NULL;
	}
	keys_wipe(l->out);
	keys_delete(l->out);
	l->out = keys_new();
	l->first = 0;
	if (!l->out) {
		pdu_delete(pdu);
		return NULL;
	}
	return pdu;
}

const char *login_status_text(int cls, int detail)
{
	/* RFC 7143 §11.13.5, status details 0 to 11 and 0 to 2 (strlist.h) */
	static const char initiator_err[] =
		"initiator error\0"
		"authentication failure\0"
		"authorization failure\0"
		"target not found\0"
		"target removed\0"
		"unsupported version\0"
		"too many connections\0"
		"missing parameter\0"
		"can't include in session\0"
		"session type not supported\0"
		"session does not exist\0"
		"invalid request during login\0";
	static const char target_err[] =
		"target error\0"
		"service unavailable\0"
		"out of resources\0";

	switch (cls) {
	case ISCSI_STATUS_CLS_SUCCESS:
		return "success";
	case ISCSI_STATUS_CLS_REDIRECT:
		return detail == 2 ? "target moved permanently" :
				     "target moved temporarily";
	case ISCSI_STATUS_CLS_INITIATOR_ERR:
		if (detail >= 0 && detail < 12)
			return strlist_nth(initiator_err, (unsigned)detail);
		return "initiator error";
	case ISCSI_STATUS_CLS_TARGET_ERR:
		if (detail >= 0 && detail < 3)
			return strlist_nth(target_err, (unsigned)detail);
		return "target error";
	}
	return "unknown status";
}

/* RFC 7143 §11.13.5: class 1 redirect, 2 initiator error (not
 * retryable; 0x0201/0x0202 are authentication/authorization), 3 target
 * error (retry later). */
static enum login_status login_check_status(struct login *l,
					    const struct keys *rsp)
{
	const char *addr;
	int cls = l->status_class, det = l->status_detail;

	switch (cls) {
	case ISCSI_STATUS_CLS_SUCCESS:
		return LOGIN_MORE;
	case ISCSI_STATUS_CLS_REDIRECT:
		addr = keys_find(rsp, "TargetAddress");
		if (!addr || !*addr)
			return login_fail(l, ISCSI_ERR_LOGIN,
					  "redirect without TargetAddress");
		snprintf(l->redirect, sizeof(l->redirect), "%s", addr);
		return LOGIN_REDIRECT;
	case ISCSI_STATUS_CLS_INITIATOR_ERR:
		if (det == 1 || det == 2)
			return login_fail_status(l, ISCSI_ERR_LOGIN_AUTH_FAILED,
					  "login rejected: %s (%02x/%02x)",
					  login_status_text(cls, det), cls,
					  det);
		return login_fail_status(l, ISCSI_ERR_FATAL_LOGIN,
				  "login rejected: %s (%02x/%02x)",
				  login_status_text(cls, det), cls, det);
	case ISCSI_STATUS_CLS_TARGET_ERR:
		return login_fail_status(l, ISCSI_ERR_LOGIN,
				  "target error: %s (%02x/%02x)",
				  login_status_text(cls, det), cls, det);
	}
	/* An undefined class: open-iscsi tries again later, as for a
	 * target error. */
	return login_fail_status(l, ISCSI_ERR_LOGIN,
				 "unknown login status %02x/%02x", cls, det);
}

static enum login_status login_operational(struct login *l,
					   const struct keys *rsp,
					   int transit, int nsg)
{
	const char *why = NULL;
	const char *tpgt = keys_find(rsp, "TargetPortalGroupTag");
	uint64_t v;

	if (tpgt) {
		if (num_parse_iscsi(tpgt, 0, 65535, &v) < 0)
			return login_fail(l, ISCSI_ERR_FATAL_LOGIN,
					  "bad TargetPortalGroupTag");
		l->tpgt = (int)v;
	}
	if (neg_response(&l->neg, rsp, l->out, &why) < 0)
		return login_fail(l, ISCSI_ERR_FATAL_LOGIN,
				  "negotiation failed: %s",
				  why ? why : "bad answer");
	if (transit && nsg == ISCSI_FULL_FEATURE_PHASE) {
		/* Keys a target leaves unanswered keep their RFC defaults
		 * (as open-iscsi does); note it for debugging. */
		if (!neg_complete(&l->neg))
			log_debug("target left some offered keys unanswered");
		return LOGIN_DONE;
	}
	l->transit = 1;
	return LOGIN_MORE;
}

enum login_status login_handle_pdu(struct login *l, const struct pdu *rsp)
{
	const struct iscsi_login_rsp *h = (const void *)rsp->bhs;
	struct keys *k;
	enum login_status st;
	const char *why = NULL;
	int transit, csg, nsg;

	if (pdu_opcode(rsp) != ISCSI_OP_LOGIN_RSP)
		return login_fail(l, ISCSI_ERR_FATAL_LOGIN,
				  "expected a login response, got %s",
				  pdu_opcode_name(pdu_opcode(rsp)));
	if (!l->p.any_itt && pdu_itt(rsp) != l->p.itt)
		return login_fail(l, ISCSI_ERR_LOGIN,
				  "login response with a wrong ITT");
	if (++l->responses > LOGIN_MAX_RESPONSES)
		return login_fail(l, ISCSI_ERR_LOGIN,
				  "target sent %d login responses without "
				  "finishing the login", LOGIN_MAX_RESPONSES);
	/* RFC 7143 §11.13: a Login Response carries no AHS. */
	if (rsp->ahs_len)
		return login_fail(l, ISCSI_ERR_LOGIN,
				  "login response with an AHS");
	l->status_class = h->status_class;
	l->status_detail = h->status_detail;
	l->statsn = pdu_get32(h->statsn);
	l->exp_cmdsn = pdu_get32(h->exp_cmdsn);
	l->max_cmdsn = pdu_get32(h->max_cmdsn);
	l->have_statsn = 1;
	l->p.exp_statsn = l->statsn + 1;
	k = keys_new();
	if (!k)
		return login_fail(l, ISCSI_ERR_NOMEM, "out of memory");
	if (keys_load(k, rsp->data, rsp->data_len, &why) < 0) {
		keys_delete(k);
		return login_fail(l, ISCSI_ERR_LOGIN, "bad login response: %s",
				  why ? why : "malformed text");
	}
	st = login_check_status(l, k);
	if (st != LOGIN_MORE)
		goto out;
	if (h->active_version != 0) {
		st = login_fail(l, ISCSI_ERR_FATAL_LOGIN,
				"target answered with version %u",
				h->active_version);
		goto out;
	}
	if (memcmp(h->isid, l->p.isid, sizeof(h->isid)) != 0) {
		st = login_fail(l, ISCSI_ERR_LOGIN,
				"login response for another ISID");
		goto out;
	}
	if (h->flags & ISCSI_FLAG_CONTINUE) {
		/* Multi-PDU login text: RFC 7143 §11.13.2. Responses to our
		 * short login texts never need it; refuse rather than guess. */
		st = login_fail(l, ISCSI_ERR_LOGIN,
				"continued login responses are not supported");
		goto out;
	}
	transit = !!(h->flags & ISCSI_FLAG_LOGIN_TRANSIT);
	csg = (h->flags & ISCSI_LOGIN_CSG_MASK) >> ISCSI_LOGIN_CSG_SHIFT;
	nsg = h->flags & ISCSI_LOGIN_NSG_MASK;
	if (csg != l->csg) {
		st = login_fail(l, ISCSI_ERR_FATAL_LOGIN,
				"target answered for stage %d, we are in %d",
				csg, l->csg);
		goto out;
	}
	if (transit && nsg != l->nsg && !(l->csg == 0 && nsg == 3)) {
		st = login_fail(l, ISCSI_ERR_FATAL_LOGIN,
				"target moved to stage %d, we asked for %d",
				nsg, l->nsg);
		goto out;
	}
	if (transit)
		l->tsih = pdu_get16(h->tsih);
	if (l->csg == ISCSI_SECURITY_NEGOTIATION_STAGE) {
		st = login_security(l, k, transit);
		if (st == LOGIN_MORE && transit &&
		    nsg == ISCSI_FULL_FEATURE_PHASE)
			st = LOGIN_DONE;
	} else {
		st = login_operational(l, k, transit, nsg);
	}
out:
	keys_wipe(k);
	keys_delete(k);
	return st;
}

size_t login_max_recv_dsl(const struct neg_state *ours)
{
	const struct neg_value *d = &ours->v[NEG_MAX_RECV_DSL];
	uint32_t v = d->set ? d->num : neg_table[NEG_MAX_RECV_DSL].def;

	return v > 8192 ? v : 8192;
}

enum login_fail_kind login_fail_kind(const struct login *l)
{
	return l->fail_kind;
}

int login_error(const struct login *l)
{
	return l->err;
}

const char *login_reason(const struct login *l)
{
	return l->reason;
}

int login_status_class(const struct login *l)
{
	return l->status_class;
}

int login_status_detail(const struct login *l)
{
	return l->status_detail;
}

const char *login_redirect(const struct login *l, int *permanent)
{
	if (permanent)
		*permanent = l->status_detail == 2;
	return l->redirect;
}

const struct neg_state *login_neg(const struct login *l)
{
	return &l->neg;
}

uint16_t login_tsih(const struct login *l)
{
	return l->tsih;
}

uint32_t login_statsn(const struct login *l)
{
	return l->statsn;
}

uint32_t login_exp_cmdsn(const struct login *l)
{
	return l->exp_cmdsn;
}

uint32_t login_max_cmdsn(const struct login *l)
{
	return l->max_cmdsn;
}

uint32_t login_cmdsn(const struct login *l)
{
	return l->p.cmdsn;
}

uint16_t login_tpgt(const struct login *l, int *known)
{
	if (known)
		*known = l->tpgt >= 0;
	return l->tpgt < 0 ? 0 : (uint16_t)l->tpgt;
}

int login_chap_alg(const struct login *l)
{
	return l->auth_none ? 0 : l->chap_alg;
}
