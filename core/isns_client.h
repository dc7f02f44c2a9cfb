/* SPDX-License-Identifier: MIT */
/* isns_client.h - iSNS discovery as open-iscsi 2.1.8 does it, over TCP in
 * the event loop: one DevAttrQry per call, each call on its own
 * connection; only when the server answers SOURCE_UNKNOWN the initiator
 * registers itself (DevAttrReg), queries again and deregisters (DevDereg).
 * No SCN, ESI or heartbeat.
 *
 * Contract: isns_discover() runs the given loop until done and returns 0
 * with out filled (caller frees with isns_pg_list_free()), or an
 * ISCSI_ERR_* with *why saying which step failed and how, for the caller
 * to word (nothing is printed here). */
#ifndef ISCSIBOX_ISNS_CLIENT_H
#define ISCSIBOX_ISNS_CLIENT_H

#include <stddef.h>
#include <stdint.h>

#include "core/isns.h"

struct loop;

/* A call's transport failure is reported as libisns reports it: status
 * ISNS_INTERNAL_ERROR with err the -errno behind it. */
struct isns_why {
	int stage;		/* ISNS_STAGE_* that failed */
	uint32_t status;	/* server status (or ISNS_INTERNAL_ERROR) */
	int err;		/* -errno of a transport failure, else 0 */
	int dereg_status;	/* status of the DevDereg after a reg */
};

enum {
	ISNS_STAGE_QUERY = 1,
	ISNS_STAGE_REG,
	ISNS_STAGE_REQUERY,
	ISNS_STAGE_RESOLVE,
};

/* Seconds a call may take (libisns's Network.CallTimeout default). */
#define ISNS_CALL_TIMEOUT 60

/* One request/response exchange on a new connection to addr:port.
 * 0 with the gathered response payload in *rsp (owned by the caller),
 * or -errno (-EHOSTUNREACH when addr does not resolve, -ECONNREFUSED,
 * -ECONNRESET, -ETIMEDOUT, -EPROTO, -EMSGSIZE, -ENOMEM). */
int isns_call(struct loop *loop, const char *addr, int port,
	      const uint8_t *req, size_t len, uint16_t xid, uint8_t **rsp,
	      size_t *rsp_len);

int isns_discover(struct loop *loop, const char *addr, int port,
		  const char *iname, struct isns_pg_list *out,
		  struct isns_why *why);

#endif
