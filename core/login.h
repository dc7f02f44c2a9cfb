/* SPDX-License-Identifier: MIT */
/* login.h - the iSCSI login state machine (RFC 7143 §6.3, §11.12-13,
 * §12.1.3), free of I/O: it produces request PDUs and consumes response
 * PDUs, so the same engine runs over a TCP socket (discovery, tests) and
 * through the kernel's SEND_PDU/RECV_PDU netlink path (kernel sessions).
 *
 * Use: login_new(); loop { login_next_pdu() -> send; receive ->
 * login_handle_pdu() } until it returns LOGIN_DONE, LOGIN_REDIRECT or
 * LOGIN_FAILED (after LOGIN_MAX_RESPONSES responses at the latest; the
 * caller bounds the whole attempt in time).  Ownership: login_new() -> caller (login_delete(NULL) is
 * a no-op); the params' strings and the rng are lent and must outlive
 * the login; PDUs from login_next_pdu() belong to the caller. */
#ifndef ISCSIBOX_LOGIN_H
#define ISCSIBOX_LOGIN_H

#include <stddef.h>
#include <stdint.h>

#include "core/negotiate.h"

struct pdu;
struct rng;

#define LOGIN_MAX_CHAP_ALGS 5
/* RFC 7143 §6.2 lets a target continue a stage, not loop in it: a login
 * that needs more responses than this fails (ours take at most 4). */
#define LOGIN_MAX_RESPONSES 32

struct login_params {
	const char *initiator_name;	/* required */
	const char *initiator_alias;	/* NULL: not sent */
	const char *target_name;	/* required for normal sessions */
	int discovery;			/* SessionType=Discovery */
	uint8_t isid[6];
	uint16_t tsih;			/* 0 for a new session */
	uint16_t cid;
	uint32_t itt;
	int any_itt;			/* the kernel rewrites the ITT of the
					 * login PDUs it sends for us: do not
					 * check it in responses */
	uint32_t cmdsn;
	uint32_t exp_statsn;
	/* CHAP: used when username and password are set (open-iscsi
	 * starts in the security stage only then). */
	const char *username;
	const char *password;
	const char *username_in;	/* mutual CHAP when both _in set */
	const char *password_in;
	int chap_algs[LOGIN_MAX_CHAP_ALGS];	/* CHAP_A numbers, in order */
	int n_chap_algs;		/* 0: MD5 only */
};

/* The ISID (RFC 7143 §10.12.5) open-iscsi uses: type 0 (OUI format) with
 * its OUI 00:02:3D and a 24-bit qualifier (the session id; 0 for
 * discovery sessions).  The one place an ISID is built. */
static inline void login_isid(uint8_t isid[6], uint32_t qualifier)
{
	isid[0] = 0x00;
	isid[1] = 0x02;
	isid[2] = 0x3d;
	isid[3] = (uint8_t)(qualifier >> 16);
	isid[4] = (uint8_t)(qualifier >> 8);
	isid[5] = (uint8_t)qualifier;
}

enum login_status {
	LOGIN_MORE,		/* send login_next_pdu() and wait */
	LOGIN_DONE,		/* full feature phase reached */
	LOGIN_REDIRECT,		/* target moved: login_redirect() */
	LOGIN_FAILED,		/* login_error()/login_reason() */
};

struct login;

/* neg holds our operational values (neg_init + neg_set), copied in. */
struct login *login_new(const struct login_params *p,
			const struct neg_state *neg, struct rng *rng);
void login_delete(struct login *l);

/* Next request to send (caller owns it); NULL on allocation failure. */
struct pdu *login_next_pdu(struct login *l);
enum login_status login_handle_pdu(struct login *l, const struct pdu *rsp);

enum login_fail_kind {
	LOGIN_FAIL_NONE,
	LOGIN_FAIL_STATUS,	/* the target refused (status class 2/3) */
	LOGIN_FAIL_AUTH,	/* we refused the target's authentication */
	LOGIN_FAIL_PROTO,	/* malformed answer, negotiation failure */
};

/* ISCSI_ERR_* of a failure: 24 when the target refuses our
 * authentication/authorization (0x0201/0x0202), 19 for other
 * initiator-class statuses, when we refuse the target's CHAP answer,
 * its negotiation answers, or a response of the wrong kind or stage
 * (as open-iscsi), 5 for target errors and undefined classes (class 3
 * and up: retry later) and other protocol violations. */
int login_error(const struct login *l);
enum login_fail_kind login_fail_kind(const struct login *l);
const char *login_reason(const struct login *l);
/* Status-Class/Detail of the last response. */
int login_status_class(const struct login *l);
int login_status_detail(const struct login *l);
/* TargetAddress of a redirect ("addr[:port][,tpgt]") and whether it
 * was permanent (0x0102). */
const char *login_redirect(const struct login *l, int *permanent);

/* Results after LOGIN_DONE. */
const struct neg_state *login_neg(const struct login *l);
uint16_t login_tsih(const struct login *l);
uint32_t login_statsn(const struct login *l);	/* last StatSN seen */
uint32_t login_exp_cmdsn(const struct login *l);
uint32_t login_max_cmdsn(const struct login *l);
uint32_t login_cmdsn(const struct login *l);	/* next CmdSN to use */
uint16_t login_tpgt(const struct login *l, int *known);
/* Which CHAP_A was used (0 = no authentication). */
int login_chap_alg(const struct login *l);

/* The largest data segment to accept from the target, from the login
 * on: our declared MaxRecvDataSegmentLength (RFC 7143 §13.12), and at
 * least its default 8192, which holds until the target has seen ours.
 * Bound every received PDU with it before allocating. */
size_t login_max_recv_dsl(const struct neg_state *ours);

/* Text of a status class/detail as open-iscsi logs it. */
const char *login_status_text(int cls, int detail);

#endif
