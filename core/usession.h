/* SPDX-License-Identifier: MIT */
/* usession.h - a short-lived iSCSI session run entirely in user space
 * over TCP: connect, log in (login.c), with connection failures, stalled
 * or overlong exchanges and target-error statuses (class 3) retried
 * reopen_max times (conn_retry.c), then exit code 11 as open-iscsi;
 * optionally exchange one text request such as SendTargets=All
 * (RFC 7143 §11.10, multi-PDU responses gathered), then log out
 * (§11.14).  Discovery sessions and the test driver use it; it runs the
 * given event loop until the session is over. */
#ifndef ISCSIBOX_USESSION_H
#define ISCSIBOX_USESSION_H

#include <stddef.h>
#include <stdint.h>

#include "core/ifbind.h"
#include "core/login.h"
#include "core/negotiate.h"

struct loop;
struct rng;

struct usess_cfg {
	struct login_params login;	/* isid/itt/cmdsn filled by us if 0 */
	struct neg_state neg;		/* our operational values */
	const char *addr;		/* host name or numeric address */
	int port;
	struct ifbind bind;		/* the iface's NIC; unset: any */
	unsigned login_timeout;		/* seconds: each connect, and the
					 * whole login attempt (all PDUs,
					 * every stage) */
	unsigned login_rsp_timeout;	/* seconds for each login response;
					 * a silent target is not retried
					 * (open-iscsi gives up), a stalled
					 * one is */
	unsigned active_timeout;	/* seconds, each text response */
	unsigned text_timeout;		/* seconds, the whole text exchange;
					 * 0: 4 x active_timeout */
	unsigned logout_timeout;	/* seconds */
	int reopen_max;			/* connection retries after the 1st */
	unsigned retry_delay_ms;	/* between connection attempts */
	const char *text;		/* e.g. "SendTargets=All"; NULL: none */
	size_t max_text;		/* bound on the gathered response;
					 * 0: 16 MiB (100,000 targets need
					 * about 8 MB) */
};

/* What went wrong, for callers that word it as open-iscsi does. */
enum usess_fail {
	USESS_FAIL_NONE,
	USESS_FAIL_RESOLVE,		/* gai_err has getaddrinfo's code */
	USESS_FAIL_CONNECT,		/* reopen_max attempts failed */
	USESS_FAIL_LOGIN_TIMEOUT,	/* no login response in time */
	USESS_FAIL_LOGIN,		/* login_kind, status_* say more */
	USESS_FAIL_CLOSED,		/* target closed after login */
	USESS_FAIL_TEXT_TIMEOUT,	/* no (complete) text response */
	USESS_FAIL_PROTO,		/* unexpected PDU, reject, bad text */
	USESS_FAIL_NOMEM,
};

struct usess_result {
	int err;			/* ISCSI_ERR_*; 0 on success */
	enum usess_fail fail;
	int login_kind;			/* enum login_fail_kind */
	int status_class, status_detail;
	int gai_err;
	char reason[200];
	uint8_t *text;			/* gathered text response (owned) */
	size_t text_len;
	struct neg_state neg;		/* negotiated values */
	int chap_alg;			/* CHAP_A used, 0 none */
	uint16_t tsih;
	int tpgt;			/* -1 when not declared */
	char connected_addr[64];	/* numeric address logged in to */
	int connected_port;
};

/* Runs the session; returns res->err.  Logs each failed connection
 * attempt as open-iscsi does ("cannot make connection to ..."). */
int usess_run(struct loop *loop, struct rng *rng,
	      const struct usess_cfg *cfg, struct usess_result *res);
void usess_result_free(struct usess_result *res);

#endif
